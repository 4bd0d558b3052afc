"""Unit tests that need neither a corridor binary nor a cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from corridor_dask import PartError, UsageError, check_args, read_part, run_sharded, split_output_args, verify_parts
from corridor_dask.cli import main
from corridor_dask.driver import shard_args

BASE = ["access", "--region", "korea"]
PartFactory = Callable[..., Path]  # the make_part fixture (conftest.py)


@pytest.mark.parametrize("args, output, json_flag", [
    (BASE + ["-o", "x.csv"], "x.csv", False),
    (BASE + ["--output", "x.gpkg"], "x.gpkg", False),
    (BASE + ["-o=x.json"], "x.json", False),
    (BASE + ["--output=dir/x.csv"], "dir/x.csv", False),
    (BASE + ["--json"], None, True),
    (["access", "-o", "x.csv", "--region", "korea", "--json"], "x.csv", True),
    (BASE, None, False),
])
def test_split_output_args(args: list[str], output: str | None, json_flag: bool) -> None:
    assert split_output_args(args) == (BASE, output, json_flag)


def test_split_output_args_leaves_everything_after_double_dash() -> None:
    assert split_output_args(["merge", "-o", "x", "--", "-o", "--json"]) == (["merge", "--", "-o", "--json"], "x", False)


@pytest.mark.parametrize("args", [BASE + ["-o"], BASE + ["-o="], BASE + ["-o", "a", "--output", "b"]])
def test_split_output_args_refuses(args: list[str]) -> None:
    with pytest.raises(UsageError):
        split_output_args(args)


@pytest.mark.parametrize("args", [BASE + ["--shard", "1/2"], BASE + ["--shard=1/2"], BASE + ["--part", "p"],
                                  BASE + ["--part=p"], [], ["--region", "korea"]])
def test_check_args_refuses(args: list[str]) -> None:
    with pytest.raises(UsageError):
        check_args(args)


def test_run_sharded_refuses_shard_before_touching_the_cluster() -> None:
    with pytest.raises(UsageError, match="--shard"):
        run_sharded(None, "/bin/true", BASE + ["--shard", "1/2"], 2)  # type: ignore[arg-type]


def test_shard_args() -> None:
    assert shard_args(BASE, 2, 3, "/p") == BASE + ["--quiet", "--shard", "2/3", "--part", "/p"]
    assert shard_args(BASE + ["--quiet"], 1, 1, "/p") == BASE + ["--quiet", "--shard", "1/1", "--part", "/p"]
    assert shard_args(["x", "--", "y"], 1, 2, "/p") == ["x", "--quiet", "--shard", "1/2", "--part", "/p", "--", "y"]


def test_read_part(make_part: PartFactory) -> None:
    part = read_part(make_part(2, 3))
    assert (part.command, part.shard, part.shards, part.items, part.first, part.count) == ("access", 2, 3, 10, 3, 3)
    assert part.arguments == ("--region", "korea")


def test_verify_parts_good_set_in_any_order(make_part: PartFactory) -> None:
    paths = [make_part(k, 3) for k in (3, 1, 2)]
    assert [p.shard for p in verify_parts(paths)] == [1, 2, 3]
    assert [p.path for p in verify_parts(paths, shards=3)] == [str(paths[i]) for i in (1, 2, 0)]


def test_corrupted_payload_names_the_file(make_part: PartFactory) -> None:
    paths = [make_part(k, 2) for k in (1, 2)]
    data = bytearray(paths[1].read_bytes())
    data[data.index(b"\n") + 3] ^= 0x01
    paths[1].write_bytes(bytes(data))
    with pytest.raises(PartError, match="checksum") as error:
        verify_parts(paths)
    assert error.value.path == str(paths[1]) and str(paths[1]) in str(error.value)


def test_truncated_part(make_part: PartFactory) -> None:
    path = make_part(1, 2)
    path.write_bytes(path.read_bytes()[:-5])
    with pytest.raises(PartError, match="checksum"):
        read_part(path)


@pytest.mark.parametrize("manifest, reason", [
    (b"not json\n", "not JSON"),
    (b"[1]\n", "not a JSON object"),
    (b'{"format": "corridor-part/2"}\n', "format"),
    (b"", "no manifest"),
])
def test_bad_manifest(tmp_path: Path, manifest: bytes, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(manifest)
    with pytest.raises(PartError, match=reason) as error:
        read_part(path)
    assert error.value.path == str(path)


def test_bad_manifest_field(make_part: PartFactory) -> None:
    path = make_part(1, 1)
    head, _, payload = path.read_bytes().partition(b"\n")
    manifest = json.loads(head)
    manifest["shard"] = "1"
    path.write_bytes(json.dumps(manifest).encode() + b"\n" + payload)
    with pytest.raises(PartError, match="'shard'"):
        read_part(path)


def test_missing_part(tmp_path: Path) -> None:
    with pytest.raises(PartError, match="No such file") as error:
        read_part(tmp_path / "absent.jsonl")
    assert error.value.path.endswith("absent.jsonl")


def test_missing_shard(make_part: PartFactory) -> None:
    paths = [make_part(1, 3), make_part(3, 3)]
    with pytest.raises(PartError, match=r"shard\(s\) 2 of 3 missing") as error:
        verify_parts(paths)
    assert error.value.path == str(paths[0])
    with pytest.raises(PartError, match="expected 4"):
        verify_parts([make_part(k, 3) for k in (1, 2, 3)], shards=4)


def test_duplicate_shard(make_part: PartFactory) -> None:
    paths = [make_part(1, 2), make_part(2, 2), make_part(2, 2, name="copy.jsonl")]
    with pytest.raises(PartError, match="given twice") as error:
        verify_parts(paths)
    assert error.value.path == str(paths[2])


def test_different_inputs(make_part: PartFactory) -> None:
    paths = [make_part(1, 2), make_part(2, 2, inputs="cd" * 32)]
    with pytest.raises(PartError, match="inputs differ") as error:
        verify_parts(paths)
    assert error.value.path == str(paths[1])


def test_different_command(make_part: PartFactory) -> None:
    with pytest.raises(PartError, match="command 'matrix'"):
        verify_parts([make_part(1, 2), make_part(2, 2, command="matrix")])


def test_gap_between_shards(make_part: PartFactory) -> None:
    paths = [make_part(1, 2, items=10), make_part(2, 2, items=10)]
    head, _, payload = paths[1].read_bytes().partition(b"\n")
    manifest = json.loads(head)
    manifest["first"] += 1
    manifest["count"] -= 1
    paths[1].write_bytes(json.dumps(manifest).encode() + b"\n" + payload)
    with pytest.raises(PartError, match="starts at item 6, expected 5") as error:
        verify_parts(paths)
    assert error.value.path == str(paths[1])


def test_verify_parts_needs_parts() -> None:
    with pytest.raises(ValueError):
        verify_parts([])


@pytest.mark.parametrize("argv", [
    ["--local", "2", "--", "access", "--region", "korea", "--shard", "1/2"],
    ["--local", "2", "--", "access", "--part=x"],
    ["--local", "2", "--corridor", "/nonexistent/corridor", "--", "access"],
    ["--", "access"],
    ["--local", "2", "--scheduler", "tcp://127.0.0.1:8786", "--", "access"],
    ["--local", "0", "--", "access"],
    ["--local", "2", "--shards", "0", "--", "access"],
    ["--local", "2"],
])
def test_cli_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv if "--corridor" in argv else ["--corridor", "/bin/true", *argv])
    assert exit_.value.code == 2
    assert "corridor-dask: error:" in capsys.readouterr().err

"""The real corridor binary ($CORRIDOR_BIN) on a local cluster of two worker processes.

Sharded runs (3 shards, so not the worker count) must give what one process gives, also
when a shard fails once or its worker is killed; `corridor merge` must refuse bad parts.
Skipped unless CORRIDOR_BIN names an executable. The data is the embedded `korea` region.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from distributed import Client, LocalCluster

from corridor_dask import PartError, run_assign, run_sharded, verify_parts

BIN = os.environ.get("CORRIDOR_BIN", "")
pytestmark = pytest.mark.skipif(not (os.path.isfile(BIN) and os.access(BIN, os.X_OK)),
                                reason="CORRIDOR_BIN does not name an executable corridor binary")

ACCESS = ["access", "--region", "korea", "--quiet"]
PER_NODE = ACCESS + ["--per-node"]
CASES: dict[str, tuple[list[str], str]] = {
    "access-csv": (ACCESS, "csv"),
    "access-per-node-json": (PER_NODE, "json"),
    "access-gpkg": (ACCESS, "gpkg"),
    "scenario-json": (["scenario", "--region", "korea", "--all-presets", "--land", "--quiet"], "json"),
    "criticality-csv": (["criticality", "--region", "korea", "--land", "--pair-places", "20", "--quiet"], "csv"),
    "matrix-csv": (["matrix", "--region", "korea", "--top", "30", "--quiet"], "csv"),
}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def corridor(*args: str) -> subprocess.CompletedProcess[bytes]:
    run = subprocess.run([BIN, *args], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode()
    return run


def content(path: Path) -> bytes:
    """The bytes of a file; for a GeoPackage its features as ogrinfo lists them (files differ in timestamps)."""
    if path.suffix != ".gpkg":
        return path.read_bytes()
    return subprocess.run(["ogrinfo", "-ro", "-al", "-q", str(path)], capture_output=True, check=True).stdout


def sharded(client: Client, args: list[str], shards: int = 3, **options: Any) -> subprocess.CompletedProcess[bytes]:
    merged = run_sharded(client, BIN, args, shards, workdir="parts", **options)
    assert merged.returncode == 0, merged.stderr.decode()
    assert list(Path("parts").iterdir()) == []  # this run's parts removed
    return merged


@pytest.mark.parametrize("case", CASES)
def test_sharded_output_equals_single(client: Client, here: Path, case: str) -> None:
    args, ext = CASES[case]
    corridor(*args, "-o", f"single.{ext}")
    sharded(client, [*args, "-o", f"merged.{ext}"])
    assert content(here / f"merged.{ext}") == content(here / f"single.{ext}")
    assert len(content(here / f"single.{ext}")) > 100


def test_json_stdout_through_the_command_line(client: Client, here: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "corridor_dask", "--scheduler", client.scheduler.address,
                          "--shards", "3", "--corridor", BIN, "--", *ACCESS, "--json"], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout == corridor(*ACCESS, "--json").stdout
    assert run.stderr == b""  # --quiet: no progress from shards or merge, no summary line


def test_a_shard_that_fails_once_is_retried(client: Client, here: Path) -> None:
    (here / "markers").mkdir()
    corridor(*ACCESS, "-o", "single.csv")
    sharded(client, [*ACCESS, "-o", "merged.csv"], fault_env={"CORRIDOR_DASK_FAIL_ONCE": str(here / "markers")})
    assert (here / "markers" / "failed-once-shard-1").exists()
    assert (here / "merged.csv").read_bytes() == (here / "single.csv").read_bytes()


def shard_parts(here: Path, tag: str, *extra: str, shards: int = 2) -> list[Path]:
    paths = [here / f"{tag}-{k}-of-{shards}.jsonl" for k in range(1, shards + 1)]
    for k, path in enumerate(paths, start=1):
        corridor(*ACCESS, *extra, "--shard", f"{k}/{shards}", "--part", str(path))
    return paths


def refused(*parts: Path) -> str:
    """Run `corridor merge` on *parts*, expect a refusal; return its one line of stderr."""
    run = subprocess.run([BIN, "merge", *map(str, parts), "-o", "merged.csv"], capture_output=True, timeout=600)
    lines = run.stderr.decode().strip().splitlines()
    assert run.returncode != 0 and len(lines) == 1, run.stderr.decode()
    return lines[0]


def test_merge_of_good_parts_equals_single(here: Path) -> None:
    parts = shard_parts(here, "a")
    assert [p.shard for p in verify_parts(parts)] == [1, 2]
    corridor("merge", *map(str, reversed(parts)), "-o", "merged.csv")
    corridor(*ACCESS, "-o", "single.csv")
    assert (here / "merged.csv").read_bytes() == (here / "single.csv").read_bytes()


def test_merge_refuses_a_changed_payload_byte(here: Path) -> None:
    parts = shard_parts(here, "a")
    data = bytearray(parts[1].read_bytes())
    at = next(i for i in range(data.index(b"\n") + 1 + (len(data) - data.index(b"\n")) // 2, len(data))
              if chr(data[i]).isdigit())
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    parts[1].write_bytes(bytes(data))
    assert parts[1].name in refused(*parts)
    with pytest.raises(PartError, match="checksum"):
        verify_parts(parts)


def test_merge_refuses_a_missing_part(here: Path) -> None:
    parts = shard_parts(here, "a", shards=3)
    refused(parts[0], parts[2])
    with pytest.raises(PartError, match="missing"):
        verify_parts([parts[0], parts[2]])


def test_merge_refuses_parts_of_two_runs(here: Path) -> None:
    first, other = shard_parts(here, "a"), shard_parts(here, "b", "--within-hours", "3")
    line = refused(first[0], other[1])
    assert first[0].name in line or other[1].name in line
    with pytest.raises(PartError, match="inputs differ") as error:
        verify_parts([first[0], other[1]])
    assert error.value.path == str(other[1])


def test_a_killed_worker_is_replaced_and_its_shard_rerun(client: Client, here: Path) -> None:
    """SIGKILL the worker process running a shard: the nanny restarts it, the scheduler reruns the shard."""
    slow = here / "slow-corridor"  # shards wait 3 s before starting, so the kill lands mid-task
    slow.write_text(f'#!/bin/sh\ncase " $* " in *" --shard "*) sleep 3;; esac\nexec "{BIN}" "$@"\n')
    slow.chmod(0o755)
    started = here / "started"
    started.mkdir()
    corridor(*PER_NODE, "-o", "single.json")
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["merged"] = run_sharded(client, str(slow), [*PER_NODE, "-o", "merged.json"], 4, workdir="parts",
                                           fault_env={"CORRIDOR_DASK_STARTED": str(started)})
        except BaseException as error:  # reported by the assertion below
            result["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 120
    while not (markers := list(started.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert markers, "no shard started"
    pid = int(markers[0].name.rsplit("-", 1)[1])
    assert pid != os.getpid()
    os.kill(pid, signal.SIGKILL)
    thread.join(timeout=600)
    assert not thread.is_alive() and "error" not in result, result.get("error")
    assert result["merged"].returncode == 0, result["merged"].stderr.decode()
    assert (here / "merged.json").read_bytes() == (here / "single.json").read_bytes()
    assert len({m.name.split("-")[1] for m in started.iterdir()}) == 4
    assert len(list(started.iterdir())) >= 5  # the killed shard started again
    client.wait_for_workers(2, timeout=120)


SIOUX = Path(os.environ.get("CORRIDOR_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data")) \
    / "transportation_networks" / "SiouxFalls"


def without_seconds(text: bytes) -> bytes:
    """Assignment stdout without its timing line (the only one that differs between runs)."""
    return b"\n".join(line for line in text.splitlines() if not line.startswith(b"seconds"))


@pytest.mark.skipif(not SIOUX.is_dir(), reason="the shared TNTP networks are not there (CORRIDOR_SHARED_DATA)")
def test_equilibrium_with_every_loading_on_the_cluster(client: Client, here: Path) -> None:
    """Biconjugate Frank-Wolfe on Sioux Falls: each all-or-nothing loading is 3 shards on the
    workers, their chunk flows added in chunk order by the assign process: the flows, the gap
    and the objective are the single process's, bit for bit."""
    args = ["assign", "--tntp", str(SIOUX), "--algorithm", "bfw", "--gap", "1e-3", "--quiet"]
    single = corridor(*args, "-o", "single.csv")
    merged = run_assign(client, BIN, [*args, "-o", "merged.csv"], 3)
    assert merged.returncode == 0, merged.stderr.decode()
    assert (here / "merged.csv").read_bytes() == (here / "single.csv").read_bytes()
    assert without_seconds(merged.stdout) == without_seconds(single.stdout)
    assert b"converged" in single.stdout
    assert not list(here.glob("corridor-dask-aon-*"))  # its work directory removed

"""The driver on a local cluster with a fake corridor (tests/fake_corridor.py) that follows
the shard/part/merge contract: tasks, retries, relative paths, clean-up, the command line.
test_integration.py repeats the important cases with the real binary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from distributed import Client, LocalCluster

from corridor_dask import ShardError, run_sharded, verify_parts
from corridor_dask.cli import main

ARGS = ["access", "--region", "korea", "--input", "data.txt"]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh current directory with a data file that ARGS name by a relative path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.txt").write_text("relative input\n")
    return tmp_path


def single(binary: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([binary, *args], check=True, capture_output=True)


def test_sharded_output_equals_single(client: Client, fake_corridor: str, here: Path) -> None:
    single(fake_corridor, ARGS + ["-o", "single.csv"])
    merged = run_sharded(client, fake_corridor, ARGS + ["-o", "merged.csv"], shards=3)
    assert merged.returncode == 0, merged.stderr
    assert (here / "merged.csv").read_bytes() == (here / "single.csv").read_bytes()
    assert b"relative input" in (here / "merged.csv").read_bytes()
    assert [p.name for p in here.iterdir() if p.name.startswith("corridor-dask-parts-")] == []


def test_json_stdout(client: Client, fake_corridor: str, here: Path) -> None:
    merged = run_sharded(client, fake_corridor, ARGS + ["--json"], shards=4)
    assert merged.stdout == single(fake_corridor, ARGS + ["--json"]).stdout


def test_more_shards_than_items_and_one_shard(client: Client, fake_corridor: str, here: Path) -> None:
    expected = single(fake_corridor, ARGS + ["--json"]).stdout
    for shards in (1, 13):
        assert run_sharded(client, fake_corridor, ARGS + ["--json"], shards=shards).stdout == expected


def test_fail_once_is_retried(client: Client, fake_corridor: str, here: Path) -> None:
    markers = here / "markers"
    markers.mkdir()
    merged = run_sharded(client, fake_corridor, ARGS + ["--json"], shards=3,
                         fault_env={"CORRIDOR_DASK_FAIL_ONCE": str(markers)})
    assert merged.stdout == single(fake_corridor, ARGS + ["--json"]).stdout
    assert (markers / "failed-once-shard-1").exists()


def test_fail_once_without_retries_fails(client: Client, fake_corridor: str, here: Path) -> None:
    markers = here / "markers"
    markers.mkdir()
    with pytest.raises(ShardError, match="injected failure"):
        run_sharded(client, fake_corridor, ARGS, shards=2, retries=0, fault_env={"CORRIDOR_DASK_FAIL_ONCE": str(markers)})


def test_client_environment_reaches_the_tasks(client: Client, fake_corridor: str, here: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    started = here / "started"
    started.mkdir()
    monkeypatch.setenv("CORRIDOR_DASK_STARTED", str(started))
    run_sharded(client, fake_corridor, ARGS, shards=3)
    assert sorted(p.name.split("-")[1] for p in started.iterdir()) == ["1", "2", "3"]


def test_failing_command_raises_its_last_stderr_line(client: Client, fake_corridor: str, here: Path) -> None:
    with pytest.raises(ShardError, match=r"shard \d/2 failed \(exit 1\): Error: no region named 'nowhere'"):
        run_sharded(client, fake_corridor, ["access", "--region", "nowhere"], shards=2, retries=0)


def test_keep_parts_in_a_given_workdir(client: Client, fake_corridor: str, here: Path) -> None:
    run_sharded(client, fake_corridor, ARGS, shards=3, workdir="parts", keep_parts=True)
    parts = sorted((here / "parts").glob("part-*-of-3.*.jsonl"))
    assert [p.shard for p in verify_parts(parts)] == [1, 2, 3]
    run_sharded(client, fake_corridor, ARGS, shards=2, workdir="parts")
    assert sorted((here / "parts").iterdir()) == parts  # this run's parts removed, the others kept


def test_cli_on_a_running_scheduler(client: Client, fake_corridor: str, here: Path,
                                    capfd: pytest.CaptureFixture[str]) -> None:
    single(fake_corridor, ARGS + ["-o", "single.csv"])
    status = main(["--scheduler", client.scheduler.address, "--shards", "3", "--corridor", fake_corridor, "--",
                   *ARGS, "-o", "merged.csv"])
    assert status == 0
    assert (here / "merged.csv").read_bytes() == (here / "single.csv").read_bytes()
    assert "corridor-dask: access: 3 shards on 2 workers" in capfd.readouterr().err


def test_cli_failure_is_one_line_exit_1(client: Client, fake_corridor: str, here: Path,
                                        capfd: pytest.CaptureFixture[str]) -> None:
    status = main(["--scheduler", client.scheduler.address, "--retries", "0", "--corridor", fake_corridor, "--",
                   "access", "--region", "nowhere"])
    err = capfd.readouterr().err.strip().splitlines()
    assert status == 1 and len(err) == 1 and err[0].startswith("corridor-dask: shard ")


def test_cli_local_cluster_subprocess(fake_corridor: str, here: Path) -> None:
    """The whole command in a process of its own: a LocalCluster of worker processes, --json on stdout."""
    run = subprocess.run([sys.executable, "-m", "corridor_dask", "--local", "2", "--corridor", fake_corridor, "--",
                          *ARGS, "--json"], capture_output=True, timeout=300,
                         env={**os.environ, "CORRIDOR_DASK_FAIL_ONCE": str(here)})
    assert run.returncode == 0, run.stderr
    assert run.stdout == single(fake_corridor, ARGS + ["--json"]).stdout
    assert "4 shards on 2 workers" in run.stderr.decode()
    assert (here / "failed-once-shard-1").exists()

"""Traffic assignment to equilibrium across workers: every all-or-nothing loading a Dask map.

``corridor assign --tntp ... --aon-command CMD`` runs the equilibrium (Frank-Wolfe and its
conjugate variants, MSA) in one process and, for each loading, runs ``CMD COSTS LIST``.
This module is that CMD: it maps ``corridor assign ARGS --link-costs COSTS --shard k/K
--part P`` over the cluster (each shard loads its origin chunks at the given link costs),
verifies the parts and writes their paths to LIST in shard order. The assign process adds
the chunks' link flows in chunk order, exactly as one process does, so the equilibrium is
bit for bit the single-process one.

    python -m corridor_dask.aon_worker --scheduler ADDR --shards K --corridor BIN [--retries R]
                                [--workdir DIR] -- ASSIGN-ARGS... COSTS LIST

:func:`run_assign` is what ``corridor-dask ... -- assign ...`` calls.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import uuid
from typing import TYPE_CHECKING, Sequence

from .driver import ShardError, run_shard, split_output_args
from .parts import PartError, verify_parts

if TYPE_CHECKING:
    from distributed import Client


def aon_command(scheduler: str, binary: str, args: Sequence[str], shards: int, retries: int, workdir: str) -> str:
    """The ``--aon-command`` that runs each loading's shards on the cluster at *scheduler*."""
    return shlex.join([sys.executable, "-m", "corridor_dask.aon_worker", "--scheduler", scheduler, "--shards", str(shards),
                       "--corridor", binary, "--retries", str(retries), "--workdir", workdir, "--", *args])


def run_assign(client: Client, binary: str, args: Sequence[str], shards: int, workdir: str | None = None,
               retries: int = 2, capture_stdout: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``corridor assign ARGS`` (``--tntp``, a link-based algorithm) with every loading on the cluster.

    The equilibrium runs here, in a ``corridor assign`` process with ``--aon-command``; its
    output (``-o``, ``--json``, stdout) is what a single process writes.
    """
    rest, _, _ = split_output_args(args)
    made = workdir is None
    workdir = tempfile.mkdtemp(prefix="corridor-dask-aon-", dir=os.getcwd()) if workdir is None else os.path.abspath(workdir)
    os.makedirs(workdir, exist_ok=True)
    try:
        command = aon_command(client.scheduler.address, binary, rest, shards, retries, workdir)
        return subprocess.run([binary, *args, "--aon-command", command], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE if capture_stdout else None, stderr=subprocess.PIPE)
    finally:
        if made:
            import shutil
            shutil.rmtree(workdir, ignore_errors=True)


def load(client: Client, binary: str, args: Sequence[str], costs: str, shards: int, workdir: str,
         retries: int) -> list[str]:
    """One loading: the shards at *costs* as Dask tasks; the verified parts' paths in shard order."""
    cwd = os.getcwd()
    run = uuid.uuid4().hex[:8]
    shard_args = [*args, "--link-costs", os.path.abspath(costs)]
    futures = [client.submit(run_shard, binary, shard_args, k, shards, workdir, cwd, {}, retries=retries, pure=False,
                             key=f"corridor-aon-{k}-of-{shards}-{run}") for k in range(1, shards + 1)]
    try:
        paths: list[str] = client.gather(futures)
    finally:
        client.cancel(futures)
    verify_parts(paths, shards)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        print("corridor_dask.aon_worker: usage: ... -- ASSIGN-ARGS... COSTS LIST", file=sys.stderr)
        return 2
    cut = argv.index("--")
    parser = argparse.ArgumentParser(prog="python -m corridor_dask.aon_worker")
    parser.add_argument("--scheduler", required=True)
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--corridor", required=True)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--workdir", required=True)
    options = parser.parse_args(argv[:cut])
    rest = argv[cut + 1:]
    if len(rest) < 3:
        print("corridor_dask.aon_worker: give the assign arguments, then COSTS and LIST", file=sys.stderr)
        return 2
    args, costs, listing = rest[:-2], rest[-2], rest[-1]
    from distributed import Client

    try:
        with Client(options.scheduler, timeout=60) as client:
            paths = load(client, options.corridor, args, costs, options.shards, options.workdir, options.retries)
    except (ShardError, PartError) as error:
        print(f"corridor_dask.aon: {error}", file=sys.stderr)
        return 1
    with open(listing + ".tmp", "w") as f:
        f.write("".join(p + "\n" for p in paths))
    os.replace(listing + ".tmp", listing)
    return 0



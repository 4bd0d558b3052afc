"""The ``corridor-dask`` command line.

    corridor-dask [--local N | --scheduler tcp://HOST:PORT] [--shards K] [--corridor BIN]
                  [--workdir DIR] [--retries R] [--keep-parts] -- COMMAND ARGS...

Exit status: 0 success; 1 a failed shard, a bad part or a failed merge (one line on
stderr); 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
import time
from typing import TYPE_CHECKING, Iterator, Sequence

from .aon import run_assign
from .driver import ShardError, UsageError, check_args, resolve_binary, run_sharded, split_output_args
from .parts import PartError

if TYPE_CHECKING:
    from distributed import Client

WORKER_WAIT_SECONDS = 120


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corridor-dask",
        description="Run the shards of a Corridor command (access, matrix, scenario, criticality, "
                    "centrality, ...) on a Dask cluster and merge them with `corridor merge`.",
        epilog="Example: corridor-dask --local 2 -- access --region korea --per-node -o out.gpkg")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--local", type=_positive, metavar="N", help="start a local cluster of N worker processes")
    where.add_argument("--scheduler", metavar="ADDRESS", help="connect to a running scheduler (tcp://HOST:PORT)")
    parser.add_argument("--shards", type=_positive, metavar="K", help="number of shards (default: 2 x workers)")
    parser.add_argument("--corridor", metavar="BIN",
                        help="the corridor binary, same path on every worker (default: $CORRIDOR_BIN, else on PATH)")
    parser.add_argument("--workdir", metavar="DIR",
                        help="where the parts go, shared with the workers (default: a new directory here)")
    parser.add_argument("--retries", type=_non_negative, default=2, metavar="R",
                        help="retries of a failed shard (default: 2)")
    parser.add_argument("--keep-parts", action="store_true", help="keep the part files")
    parser.add_argument("command", nargs=argparse.REMAINDER, metavar="-- COMMAND ARGS",
                        help="the corridor command and its arguments")
    return parser


@contextlib.contextmanager
def _connect(local: int | None, scheduler: str | None) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if local:
        # Worker logs silenced: a failed shard is reported in one line, after its retries.
        with LocalCluster(n_workers=local, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(scheduler) as client:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            yield client


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``corridor-dask``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if "--" in argv:
        cut = argv.index("--")
        options, command = parser.parse_args(argv[:cut]), argv[cut + 1:]
    else:
        options = parser.parse_args(argv)
        command = options.command
    try:
        check_args(command)
        split_output_args(command)
        binary = resolve_binary(options.corridor)
    except UsageError as error:
        parser.error(str(error))
    quiet = "--quiet" in command
    workdir = options.workdir
    if workdir is None and options.keep_parts:
        workdir = tempfile.mkdtemp(prefix="corridor-dask-parts-", dir=os.getcwd())
    try:
        with _connect(options.local, options.scheduler) as client:
            workers = len(client.nthreads())
            shards = options.shards or 2 * workers
            start = time.monotonic()
            sys.stdout.flush()
            if command[0] == "assign":  # the equilibrium here, each all-or-nothing loading on the cluster
                merged = run_assign(client, binary, command, shards, workdir, options.retries, capture_stdout=False)
            else:
                merged = run_sharded(client, binary, command, shards, workdir, options.retries, options.keep_parts,
                                     capture_stdout=False)
            seconds = time.monotonic() - start
    except KeyboardInterrupt:
        print("corridor-dask: interrupted", file=sys.stderr)
        return 130
    except (ShardError, PartError) as error:
        print(f"corridor-dask: {'bad part ' if isinstance(error, PartError) else ''}{error}", file=sys.stderr)
        return 1
    except Exception as error:  # a lost cluster, a killed worker, an unreachable scheduler: one line, status 1
        print(f"corridor-dask: {type(error).__name__}: {_line(str(error).encode())}", file=sys.stderr)
        return 1
    if merged.returncode != 0:
        what = "assign" if command[0] == "assign" else "merge"
        print(f"corridor-dask: {what} failed (exit {merged.returncode}): {_line(merged.stderr)}", file=sys.stderr)
        return 1
    sys.stderr.write(merged.stderr.decode("utf-8", "replace"))
    if not quiet:
        kept = f"; parts kept in {workdir}" if options.keep_parts else ""
        print(f"corridor-dask: {command[0]}: {shards} shards on {workers} workers, {seconds:.1f} s{kept}",
              file=sys.stderr)
    return 0


def _line(text: bytes) -> str:
    """The last non-empty line of *text* (a command's error), one line for our own message."""
    lines = text.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].strip() if lines else "(no message)"


if __name__ == "__main__":
    sys.exit(main())

"""Run the shards of a Corridor command as Dask tasks, check the parts, merge them.

Each task runs ``BIN ARGS --quiet --shard k/K --part WORKDIR/part-k-of-K.<uuid>.jsonl`` in a
subprocess on a worker and returns the part's path; the client checks the parts
(:func:`~corridor_dask.parts.verify_parts`) and runs ``BIN merge PARTS... [-o OUT] [--json]``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .parts import verify_parts

if TYPE_CHECKING:
    from distributed import Client

FAIL_ONCE = "CORRIDOR_DASK_FAIL_ONCE"
STARTED = "CORRIDOR_DASK_STARTED"
ENV_PREFIX = "CORRIDOR_DASK_"
_REFUSED = ("--shard", "--part")


class UsageError(ValueError):
    """Arguments that cannot be sharded as given (exit status 2 on the command line)."""


class ShardError(RuntimeError):
    """A shard's corridor command failed; the message ends with its last stderr line."""


def _options_end(args: Sequence[str]) -> int:
    """Index of a ``--`` that ends the options (everything after it is positional), else len."""
    return list(args).index("--") if "--" in args else len(args)


def check_args(args: Sequence[str]) -> None:
    """Refuse a command that is missing or already carries ``--shard`` or ``--part``."""
    if not args or args[0].startswith("-"):
        raise UsageError("no corridor command given (e.g. `-- access --region korea`)")
    for arg in args[: _options_end(args)]:
        if arg.split("=", 1)[0] in _REFUSED:
            raise UsageError(f"{arg.split('=', 1)[0]} is set by corridor-dask; remove it from the command")


def split_output_args(args: Sequence[str]) -> tuple[list[str], str | None, bool]:
    """Take ``-o/--output VALUE`` (or ``-o=VALUE``, ``--output=VALUE``) and ``--json`` out of *args*.

    Returns ``(rest, output, json)``: the arguments for the shards, the output path for the
    merge (None when absent) and whether ``--json`` was given. Arguments after a ``--`` are
    left alone. Raises :class:`UsageError` for ``-o`` without a value or given twice.
    """
    rest: list[str] = []
    output: str | None = None
    json = False
    end = _options_end(args)
    i = 0
    while i < end:
        arg, value = args[i], None
        if arg in ("-o", "--output"):
            if i + 1 >= end:
                raise UsageError(f"{arg} needs a value")
            value, i = args[i + 1], i + 1
        elif arg.startswith(("-o=", "--output=")):
            value = arg.split("=", 1)[1]
        elif arg == "--json":
            json = True
        else:
            rest.append(arg)
        if value is not None:
            if output is not None:
                raise UsageError("-o/--output given more than once")
            if not value:
                raise UsageError(f"{arg} needs a value")
            output = value
        i += 1
    return rest + list(args[end:]), output, json


def shard_args(args: Sequence[str], shard: int, shards: int, part: str) -> list[str]:
    """*args* plus ``--quiet`` (unless present) ``--shard k/K --part PART``, before any ``--``."""
    end = _options_end(args)
    extra = ([] if "--quiet" in args[:end] else ["--quiet"]) + ["--shard", f"{shard}/{shards}", "--part", part]
    return [*args[:end], *extra, *args[end:]]


def resolve_binary(binary: str | None = None) -> str:
    """The corridor binary as an absolute path: *binary*, else ``$CORRIDOR_BIN``, else ``corridor`` on PATH."""
    name = binary or os.environ.get("CORRIDOR_BIN") or "corridor"
    found = os.path.abspath(name) if os.sep in name else shutil.which(name)
    if not found or not os.path.isfile(found) or not os.access(found, os.X_OK):
        raise UsageError(f"corridor binary not found or not executable: {name}")
    return os.path.abspath(found)


def _last_line(text: bytes) -> str:
    lines = text.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].strip() if lines else "(no message on stderr)"


def run_shard(binary: str, args: Sequence[str], shard: int, shards: int, workdir: str, cwd: str,
              env: Mapping[str, str]) -> str:
    """The Dask task: run shard *shard* of *shards* in *cwd*, return the part file's path.

    *env* holds extra environment variables (the client's ``CORRIDOR_DASK_*``): they are
    added to the subprocess' environment, and two of them inject faults for tests:
    ``CORRIDOR_DASK_STARTED=DIR`` touches ``DIR/started-<shard>-<worker pid>`` on start;
    ``CORRIDOR_DASK_FAIL_ONCE=DIR`` makes shard 1 fail the first time (a marker in DIR
    records it). Every attempt writes a new part name, so a process orphaned by a killed
    worker cannot overwrite the part of a retry.
    """
    if env.get(STARTED):
        Path(env[STARTED], f"started-{shard}-{os.getpid()}").touch()
    if env.get(FAIL_ONCE) and shard == 1:
        try:
            os.close(os.open(os.path.join(env[FAIL_ONCE], "failed-once-shard-1"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            pass
        else:
            raise ShardError(f"shard 1/{shards}: injected failure ({FAIL_ONCE})")
    for path, what in ((binary, "corridor binary"), (cwd, "working directory"), (workdir, "work directory")):
        if not os.path.exists(path):  # not on shared storage, or not at the same path on this node
            raise ShardError(f"shard {shard}/{shards}: {what} {path} does not exist on worker {socket.gethostname()}")
    part = os.path.join(workdir, f"part-{shard}-of-{shards}.{uuid.uuid4().hex}.jsonl")
    proc = subprocess.run([binary, *shard_args(args, shard, shards, part)], cwd=cwd, env={**os.environ, **env},
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise ShardError(f"shard {shard}/{shards} failed (exit {proc.returncode}): {_last_line(proc.stderr)}")
    if not os.path.isfile(part):
        raise ShardError(f"shard {shard}/{shards} exited 0 but wrote no part file {part}")
    return part


def run_sharded(client: Client, binary: str, args: Sequence[str], shards: int, workdir: str | None = None,
                retries: int = 2, keep_parts: bool = False, *, fault_env: Mapping[str, str] | None = None,
                capture_stdout: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``corridor ARGS`` as *shards* Dask tasks on *client*'s cluster and merge the parts.

    ``-o/--output`` and ``--json`` are taken out of *args* and given to ``corridor merge``
    (``--quiet`` goes to both). The merge runs here, in the current directory, as do the
    shards, so relative paths in *args* work when the workers see the same filesystem.
    Parts go to *workdir* (default: a new temporary directory under the current one,
    removed afterwards unless *keep_parts*; of a given *workdir* only this run's parts
    are removed). Each task is retried up to *retries* times. *fault_env* is passed to
    the tasks (see :func:`run_shard`); when None, the client's ``CORRIDOR_DASK_*``
    variables are.

    Returns the merge's CompletedProcess (stdout captured unless not *capture_stdout*;
    stderr always captured). Raises :class:`UsageError` for unshardable arguments,
    :class:`ShardError` when a shard fails after its retries, and
    :class:`~corridor_dask.parts.PartError` for a bad part.
    """
    check_args(args)
    rest, output, json = split_output_args(args)
    if shards < 1:
        raise UsageError(f"shards must be at least 1, not {shards}")
    binary = resolve_binary(binary)
    env = dict(fault_env) if fault_env is not None else {
        k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
    cwd = os.getcwd()
    made = workdir is None
    workdir = tempfile.mkdtemp(prefix="corridor-dask-parts-", dir=cwd) if workdir is None else os.path.abspath(workdir)
    os.makedirs(workdir, exist_ok=True)
    run = uuid.uuid4().hex[:8]
    futures: list[Any] = []
    paths: list[str] = []
    try:
        futures = [client.submit(run_shard, binary, rest, k, shards, workdir, cwd, env, retries=retries, pure=False,
                                 key=f"corridor-{rest[0]}-{k}-of-{shards}-{run}") for k in range(1, shards + 1)]
        paths = client.gather(futures)
        for k, part in enumerate(verify_parts(paths, shards), start=1):
            if part.path != paths[k - 1]:
                raise ShardError(f"task {k} returned the part of shard {part.shard}: {paths[k - 1]}")
        quiet = ["--quiet"] if "--quiet" in rest[: _options_end(rest)] else []
        merge = [binary, "merge", *paths, *(["-o", output] if output else []), *(["--json"] if json else []), *quiet]
        return subprocess.run(merge, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE if capture_stdout else None, stderr=subprocess.PIPE)
    finally:
        if futures:
            client.cancel(futures)
        if keep_parts:
            pass
        elif made:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            for path in paths:
                Path(path).unlink(missing_ok=True)

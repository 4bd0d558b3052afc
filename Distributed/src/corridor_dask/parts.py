"""Corridor part files (format ``corridor-part/1``): reading and checking them.

A part file is JSON Lines. Line 1 is the manifest, a JSON object::

    {"format": "corridor-part/1", "command": "access", "arguments": [...],
     "inputs": "<sha256>", "shard": 1, "shards": 4, "items": 1000,
     "first": 0, "count": 250, "payload_sha256": "<sha256>"}

The rest of the file, after the first newline, is the payload: opaque here, only its
SHA-256 is checked. ``corridor merge`` does the same checks; doing them on the client
first turns a bad part into a :class:`PartError` that names the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any, Iterable

FORMAT = "corridor-part/1"
_CHUNK = 1 << 20
_INT_FIELDS = ("shard", "shards", "items", "first", "count")
_STR_FIELDS = ("command", "inputs", "payload_sha256")

StrPath = str | os.PathLike[str]


class PartError(Exception):
    """A part file that is unreadable, malformed, corrupt, or does not belong with the others."""

    def __init__(self, path: StrPath, reason: str) -> None:
        super().__init__(os.fspath(path), reason)
        self.path = os.fspath(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Part:
    """The manifest of one part file (and where the file is)."""

    path: str
    command: str
    arguments: tuple[str, ...]
    inputs: str
    shard: int
    shards: int
    items: int
    first: int
    count: int
    payload_sha256: str


def _manifest(path: str, line: bytes) -> dict[str, Any]:
    if not line.endswith(b"\n"):
        raise PartError(path, "no manifest line (empty or truncated file)")
    try:
        manifest = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PartError(path, f"manifest is not JSON: {error}") from None
    if not isinstance(manifest, dict):
        raise PartError(path, "manifest is not a JSON object")
    if manifest.get("format") != FORMAT:
        raise PartError(path, f"format {manifest.get('format')!r}, expected {FORMAT!r}")
    for key in _INT_FIELDS:
        value = manifest.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise PartError(path, f"manifest {key!r} is not a non-negative integer: {value!r}")
    for key in _STR_FIELDS:
        if not isinstance(manifest.get(key), str):
            raise PartError(path, f"manifest {key!r} is missing or not a string")
    arguments = manifest.get("arguments")
    if not isinstance(arguments, list) or not all(isinstance(a, str) for a in arguments):
        raise PartError(path, "manifest 'arguments' is not a list of strings")
    if not 1 <= manifest["shard"] <= manifest["shards"]:
        raise PartError(path, f"shard {manifest['shard']} of {manifest['shards']} is out of range")
    if manifest["first"] + manifest["count"] > manifest["items"]:
        raise PartError(path, f"items {manifest['first']}+{manifest['count']} exceed {manifest['items']}")
    return manifest


def read_part(path: StrPath, verify_payload: bool = True) -> Part:
    """Read a part file's manifest; with *verify_payload*, check the payload's SHA-256 too.

    Raises :class:`PartError` (naming the file) when the file cannot be read, the manifest
    is malformed or of another format, or the payload's checksum does not match.
    """
    name = os.fspath(path)
    digest = hashlib.sha256()
    try:
        with open(name, "rb") as file:
            manifest = _manifest(name, file.readline())
            if verify_payload:
                while chunk := file.read(_CHUNK):
                    digest.update(chunk)
    except OSError as error:
        raise PartError(name, error.strerror or str(error)) from None
    if verify_payload and digest.hexdigest() != manifest["payload_sha256"].lower():
        raise PartError(name, "payload checksum mismatch (corrupt or truncated part)")
    return Part(
        path=name,
        command=manifest["command"],
        arguments=tuple(manifest["arguments"]),
        inputs=manifest["inputs"],
        **{key: manifest[key] for key in (*_INT_FIELDS, "payload_sha256")},
    )


def verify_parts(paths: Iterable[StrPath], shards: int | None = None) -> list[Part]:
    """Check that *paths* are the complete, intact set of parts of one run; return them by shard.

    Every part must be readable with a good checksum; all must share command, ``inputs``,
    shard count and item count; shards 1..N must each appear exactly once (N = *shards*
    when given, else the parts' own count); and their item ranges must follow each other
    from 0 to ``items``. The first failure raises :class:`PartError` naming a file.
    """
    parts = [read_part(path) for path in paths]
    if not parts:
        raise ValueError("no part files given")
    ref = parts[0]
    for part in parts[1:]:
        if part.command != ref.command:
            raise PartError(part.path, f"command {part.command!r}, but {ref.path} is {ref.command!r}")
        if part.inputs != ref.inputs:
            raise PartError(part.path, f"inputs differ from {ref.path} (another command, arguments or network)")
        if (part.shards, part.items) != (ref.shards, ref.items):
            raise PartError(part.path, f"{part.shards} shards of {part.items} items, "
                                       f"but {ref.path} has {ref.shards} of {ref.items}")
    total = ref.shards if shards is None else shards
    if ref.shards != total:
        raise PartError(ref.path, f"part of {ref.shards} shards, expected {total}")
    by_shard: dict[int, Part] = {}
    for part in parts:
        if part.shard in by_shard:
            raise PartError(part.path, f"shard {part.shard}/{total} given twice (also {by_shard[part.shard].path})")
        by_shard[part.shard] = part
    missing = [k for k in range(1, total + 1) if k not in by_shard]
    if missing:
        raise PartError(ref.path, f"shard(s) {', '.join(map(str, missing))} of {total} missing")
    ordered = [by_shard[k] for k in range(1, total + 1)]
    next_item = 0
    for part in ordered:
        if part.first != next_item:
            raise PartError(part.path, f"shard {part.shard} starts at item {part.first}, expected {next_item}")
        next_item += part.count
    if next_item != ref.items:
        raise PartError(ordered[-1].path, f"shards cover {next_item} of {ref.items} items")
    return ordered

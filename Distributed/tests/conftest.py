"""Shared fixtures: synthetic part files and the fake corridor binary."""

from __future__ import annotations

import hashlib
import json
import stat
import sys
from pathlib import Path
from typing import Callable

import pytest

PartFactory = Callable[..., Path]


@pytest.fixture
def make_part(tmp_path: Path) -> PartFactory:
    """Write a synthetic part file: shard of shards over items, payload lines 'row i'."""

    def make(shard: int, shards: int, items: int = 10, inputs: str = "ab" * 32, command: str = "access",
             name: str | None = None) -> Path:
        first, end = (shard - 1) * items // shards, shard * items // shards
        payload = "".join(json.dumps({"row": i}) + "\n" for i in range(first, end)).encode()
        manifest = {"format": "corridor-part/1", "command": command, "arguments": ["--region", "korea"],
                    "inputs": inputs, "shard": shard, "shards": shards, "items": items, "first": first,
                    "count": end - first, "payload_sha256": hashlib.sha256(payload).hexdigest()}
        path = tmp_path / (name or f"part-{shard}-of-{shards}.jsonl")
        path.write_bytes(json.dumps(manifest).encode() + b"\n" + payload)
        return path

    return make


@pytest.fixture(scope="session")
def fake_corridor(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An executable that runs tests/fake_corridor.py with this Python."""
    path = tmp_path_factory.mktemp("fake") / "corridor"
    script = Path(__file__).with_name("fake_corridor.py")
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(path)

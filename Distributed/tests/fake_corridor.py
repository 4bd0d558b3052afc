"""A stand-in for the corridor binary that follows the shard/part/merge contract.

Only for the driver tests (test_driver.py), which must run without the Swift binary; the
integration tests (test_integration.py) use the real one. A command's result is ten rows
that depend on the command and its arguments; ``--input FILE`` (read relative to the
working directory) adds the file's text to every row; ``--region nowhere`` fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from typing import Any

ITEMS = 10


def fail(message: str, status: int = 1) -> None:
    print(f"Error: {message}", file=sys.stderr)
    sys.exit(status)


def parse(argv: list[str]) -> tuple[list[str], dict[str, str | None], bool]:
    rest: list[str] = []
    values: dict[str, str | None] = {"-o": None, "--shard": None, "--part": None}
    as_json = False
    it = iter(argv)
    for arg in it:
        key, _, attached = arg.partition("=")
        key = "-o" if key == "--output" else key
        if key in values:
            values[key] = attached or next(it)
        elif arg == "--json":
            as_json = True
        elif arg != "--quiet":
            rest.append(arg)
    return rest, values, as_json


def rows(command: str, rest: list[str]) -> list[str]:
    if rest[rest.index("--region") + 1: rest.index("--region") + 2] == ["nowhere"]:
        fail("no region named 'nowhere'")
    extra = open(rest[rest.index("--input") + 1]).read().strip() if "--input" in rest else ""
    return [f"{command},{' '.join(rest)},{i},{i * i},{extra}" for i in range(ITEMS)]


def emit(command: str, lines: list[str], output: str | None, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"command": command, "rows": lines}))
    elif output:
        with open(output, "w") as file:
            file.write("".join(line + "\n" for line in ["row", *lines]))
    else:
        print("\n".join(lines))


def shard(command: str, rest: list[str], spec: str, part: str) -> None:
    index, count = map(int, spec.split("/"))
    first, end = (index - 1) * ITEMS // count, index * ITEMS // count
    payload = "".join(json.dumps(line) + "\n" for line in rows(command, rest)[first:end]).encode()
    manifest = {"format": "corridor-part/1", "command": command, "arguments": rest,
                "inputs": hashlib.sha256(json.dumps([command, rest]).encode()).hexdigest(),
                "shard": index, "shards": count, "items": ITEMS, "first": first, "count": end - first,
                "payload_sha256": hashlib.sha256(payload).hexdigest()}
    with open(part + ".tmp", "wb") as file:
        file.write(json.dumps(manifest).encode() + b"\n" + payload)
    os.replace(part + ".tmp", part)


def merge(argv: list[str]) -> None:
    paths, values, as_json = parse(argv)
    parts: list[tuple[dict[str, Any], bytes]] = []
    for path in paths:
        with open(path, "rb") as file:
            head, _, payload = file.read().partition(b"\n")
        manifest = json.loads(head)
        if hashlib.sha256(payload).hexdigest() != manifest["payload_sha256"]:
            fail(f"{path}: payload checksum mismatch")
        if parts and manifest["inputs"] != parts[0][0]["inputs"]:
            fail(f"{path}: inputs differ")
        parts.append((manifest, payload))
    if sorted(m["shard"] for m, _ in parts) != list(range(1, parts[0][0]["shards"] + 1)):
        fail(f"{paths[0]}: shards missing or repeated")
    lines = [json.loads(line) for _, payload in sorted(parts, key=lambda p: p[0]["shard"])
             for line in payload.decode().splitlines()]
    emit(parts[0][0]["command"], lines, values["-o"], as_json)


def main(argv: list[str]) -> None:
    if argv[0] == "merge":
        return merge(argv[1:])
    rest, values, as_json = parse(argv[1:])
    if values["--shard"]:
        if values["-o"] or as_json:
            fail("--shard cannot be combined with -o or --json", 64)
        return shard(argv[0], rest, values["--shard"], values["--part"] or "")
    emit(argv[0], rows(argv[0], rest), values["-o"], as_json)


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Writes the committed seed corpus in Fuzz/Corpus/<Target>/ from the project's own fixtures
and presets. Standard library only. Rerun after changing a fixture: python3 Fuzz/make_seeds.py"""
import json
import pathlib
import shutil
import struct

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "Fuzz" / "Corpus"
fixture = root / "Tests" / "CorridorNetworkTests" / "Fixtures" / "two-countries"


def target(name):
    d = corpus / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


# Scenarios: every operation on the fixture's names, and the presets of the three regions.
d = target("FuzzScenario")
ops = [
    {"op": "open_crossing", "crossing": "river-bridge", "mode": "road", "delayMinutes": 15},
    {"op": "close_crossing", "crossing": "rail-bridge"},
    {"op": "set_delay", "crossing": "river-bridge", "delayMinutes": 90},
    {"op": "add_link", "mode": "rail", "from": "Alpha", "to": [1.5, 0.01], "via": [[1.2, 0.02]], "kilometersPerHour": 80},
    {"op": "add_link", "mode": "road", "from": [0.5, 0.0], "to": "Beta", "minutes": 30, "crossing": "river-bridge"},
    {"op": "remove_links", "crossing": "river-bridge"},
    {"op": "remove_links", "ids": ["road:1", "rail:0"]},
    {"op": "remove_links", "polygon": [[0.9, -0.1], [1.1, -0.1], [1.1, 0.1], [0.9, 0.1]]},
    {"op": "set_speed", "mode": "road", "country": "AAA", "kilometersPerHour": 100},
    {"op": "set_speed", "mode": "sea", "kilometersPerHour": 30},
]
for i, op in enumerate(ops):
    (d / f"op-{i:02d}.json").write_text(json.dumps({"id": f"s{i}", "name": f"S{i}", "operations": [op]}, indent=1))
(d / "all.json").write_text(json.dumps({"name": "all", "description": "every op", "operations": ops}))
for region in sorted((root / "GeoData").iterdir()):
    manifest = json.loads((region / "manifest.json").read_text())
    for preset in manifest.get("scenarios", []):
        (d / f"{region.name}-{preset['id']}.json").write_text(json.dumps(preset))

# DIMACS: the test fixtures (good and bad) and a small DIMACS sp graph.
d = target("FuzzDIMACS")
for gr in sorted((root / "Tests" / "CorridorNetworkTests" / "Fixtures" / "dimacs").glob("*.gr")):
    shutil.copy(gr, d / gr.name)
(d / "sp.gr").write_text("c tiny\np sp 4 5\na 1 2 3\na 2 1 3\na 2 3 4\na 3 4 1\na 4 1 9\n")
(d / "tw.gr").write_text("p tw 5 4\n1 2\n2 3\n3 4\n4 5\n")

# Layers: each fixture layer behind its selector byte (kinds sorted as in FuzzLayers).
d = target("FuzzLayers")
kinds = sorted({"borders": "borders", "countries": "countries", "crossings": "crossings", "places": "places",
                "ports": "ports", "rail": "rail", "road": "roads", "sea": "sea"}.items())
for selector, (kind, file) in enumerate(kinds):
    text = (fixture / f"{file}.geojson").read_bytes()
    (d / f"{kind}.seed").write_bytes(bytes([selector]) + text)

# WKB: one of each geometry type, little- and big-endian, with and without Z.
d = target("FuzzWKB")


def wkb(kind, body, big=False, z=False):
    order = ">" if big else "<"
    code = kind + (1000 if z else 0)
    return struct.pack(order + "BI", 0 if big else 1, code) + body(order)


def pts(order, coords):
    return struct.pack(order + "I", len(coords)) + b"".join(struct.pack(order + "d" * len(c), *c) for c in coords)


line = [(0.0, 0.0), (1.0, 0.5), (2.0, 0.0)]
ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
seeds = {
    "point": wkb(1, lambda o: struct.pack(o + "dd", 126.9, 37.5)),
    "point-be": wkb(1, lambda o: struct.pack(o + "dd", 126.9, 37.5), big=True),
    "point-z": wkb(1, lambda o: struct.pack(o + "ddd", 1, 2, 3), z=True),
    "line": wkb(2, lambda o: pts(o, line)),
    "line-be": wkb(2, lambda o: pts(o, line), big=True),
    "polygon": wkb(3, lambda o: struct.pack(o + "I", 1) + pts(o, ring)),
    "multipoint": wkb(4, lambda o: struct.pack(o + "I", 2) + wkb(1, lambda p: struct.pack(p + "dd", 1, 2)) * 2),
    "multiline": wkb(5, lambda o: struct.pack(o + "I", 1) + wkb(2, lambda p: pts(p, line))),
    "multipolygon": wkb(6, lambda o: struct.pack(o + "I", 1) + wkb(3, lambda p: struct.pack(p + "I", 1) + pts(p, ring))),
}
for name, data in seeds.items():
    (d / f"{name}.wkb").write_bytes(data)
print("seeds written to", corpus)

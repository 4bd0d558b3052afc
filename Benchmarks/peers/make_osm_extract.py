"""A large OSM file for the OSM import benchmark (osm_import.py), built from a real roads layer.

Source: the generalised major-highway layers of ../shared/data/osm_generalized/
(world_highways_na.geojson.gz, 139,732 segments over the US, Canada and Mexico, and
world_highways_neasia_korea.geojson.gz, 197,970 segments over China, Mongolia, the Russian Far
East, Korea and Japan): derived from OpenStreetMap, © OpenStreetMap contributors, ODbL 1.0.
The extract written here is a derived database under the same licence and needs the same
attribution ("© OpenStreetMap contributors").

Each line becomes one way. Vertices get fresh node ids (from 1), and vertices at identical
coordinates (after rounding to 1e-7 degrees, OSM's precision) are one node, so lines that meet in
the layer meet in the file; consecutive repeated vertices are dropped, and a line left with fewer
than two vertices is skipped. Way ids are fresh too (from 1). Tags: highway from the layer's road
class when it has one (Natural Earth roads' `type`, or a `highway`/`class`/`fclass` field), else
highway=primary (the osm_generalized layers carry no class). Synthetic tags, so that the profile's
one-way and maxspeed code runs: every --oneway-every'th way gets oneway=yes and every
--maxspeed-every'th way maxspeed=100 (0 turns either off). Nodes are written first, then ways,
ids ascending, as in OSM files.

Writes OUT (OSM XML) and, when osmium (Debian's osmium-tool) is on the PATH, OUT with .osm
replaced by .osm.pbf, via `osmium cat`.

Usage: python make_osm_extract.py [--out out/osm/highways_na_neasia.osm]
       [--sources FILE.geojson[.gz],...] [--oneway-every 10] [--maxspeed-every 4]
"""
import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from xml.sax.saxutils import quoteattr

# Natural Earth roads `type` values, and common class fields, to OSM highway values.
CLASS_MAP = {
    "major highway": "trunk", "beltway": "trunk", "secondary highway": "primary", "road": "secondary",
    "bypass": "primary", "track": "unclassified", "unknown": "primary",
    "motorway": "motorway", "trunk": "trunk", "primary": "primary", "secondary": "secondary",
    "tertiary": "tertiary", "residential": "residential", "unclassified": "unclassified",
    "service": "service",
}
CLASS_FIELDS = ("highway", "class", "fclass", "type")


def highway_of(props):
    for field in CLASS_FIELDS:
        value = props.get(field)
        if isinstance(value, str) and value.strip().lower() in CLASS_MAP:
            return CLASS_MAP[value.strip().lower()]
    return "primary"


def lines_of(geometry):
    if geometry is None:
        return []
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return geometry["coordinates"]
    return []


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)["features"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    data = os.environ.get("CORRIDOR_SHARED_DATA", os.path.join(root, "..", "shared", "data"))
    default_sources = [os.path.join(data, "osm_generalized", n) for n in
                       ("world_highways_na.geojson.gz", "world_highways_neasia_korea.geojson.gz")]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(root, "out", "osm", "highways_na_neasia.osm"))
    ap.add_argument("--sources", default=",".join(default_sources))
    ap.add_argument("--oneway-every", type=int, default=10)
    ap.add_argument("--maxspeed-every", type=int, default=4)
    args = ap.parse_args()
    started = time.perf_counter()

    node_ids = {}          # (lon_e7, lat_e7) -> node id
    ways = []              # (node ids, highway)
    skipped = 0
    for path in args.sources.split(","):
        for feature in load(path):
            highway = highway_of(feature.get("properties") or {})
            for line in lines_of(feature.get("geometry")):
                refs = []
                for c in line:
                    key = (round(c[0] * 1e7), round(c[1] * 1e7))
                    nid = node_ids.get(key)
                    if nid is None:
                        nid = node_ids[key] = len(node_ids) + 1
                    if not refs or refs[-1] != nid:
                        refs.append(nid)
                if len(refs) < 2:
                    skipped += 1
                    continue
                ways.append((refs, highway))

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="corridor make_osm_extract.py"'
          ' copyright="OpenStreetMap contributors" license="https://opendatacommons.org/licenses/odbl/1-0/">\n')
        for (lon, lat), nid in node_ids.items():   # insertion order = ascending ids
            w(f' <node id="{nid}" version="1" lat="{lat / 1e7:.7f}" lon="{lon / 1e7:.7f}"/>\n')
        for i, (refs, highway) in enumerate(ways, start=1):
            w(f' <way id="{i}" version="1">\n')
            w("".join(f'  <nd ref="{r}"/>\n' for r in refs))
            w(f"  <tag k=\"highway\" v={quoteattr(highway)}/>\n")
            if args.oneway_every and i % args.oneway_every == 0:
                w('  <tag k="oneway" v="yes"/>\n')
            if args.maxspeed_every and i % args.maxspeed_every == 0:
                w('  <tag k="maxspeed" v="100"/>\n')
            w(" </way>\n")
        w("</osm>\n")
    os.replace(tmp, args.out)
    written = [args.out]

    osmium = shutil.which("osmium")
    if osmium and args.out.endswith(".osm"):
        pbf = args.out[:-4] + ".osm.pbf"
        subprocess.run([osmium, "cat", args.out, "-o", pbf, "-O"], check=True)
        written.append(pbf)
    elif not osmium:
        print("make_osm_extract: osmium not found (apt-get install osmium-tool): XML only", file=sys.stderr)

    print(f"{len(ways):,} ways, {len(node_ids):,} nodes ({skipped} degenerate lines skipped) in "
          f"{time.perf_counter() - started:.1f} s")
    for p in written:
        print(f"  {p}  {os.path.getsize(p) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

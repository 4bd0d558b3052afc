"""Oracle values for the OpenStreetMap import (`corridor build --osm FILE --profile car`), from OSMnx
and networkx on the same extract.

Input: ../shared/data/osm_extracts/Helsinki.osm.pbf (© OpenStreetMap contributors, ODbL 1.0;
CORRIDOR_SHARED_DATA overrides ../shared/data) and the car profile Tests/Oracles/osm_car_profile.json.
Output: Tests/CorridorNetworkTests/Fixtures/osm_helsinki_osmnx.json.

Steps:
1. `osmium cat` turns the PBF into OSM XML (osmium-tool is installed with apt-get when missing,
   with sudo when not root).
2. The XML is filtered here, in Python, to what Corridor keeps for the profile, because OSMnx's
   graph_from_xml filters nothing: it turns every <way> into edges and every <node> into a graph
   node (osmnx/graph.py _create_graph/_parse_nodes_paths). Kept: ways whose `highway` is a key of
   the profile's speeds_kmh, not access-denied (of the profile's access_keys present on the way,
   the last one in the list decides; denied if its value is in access_denied), not route=ferry;
   plus what GDAL's OSM driver does for its `lines` layer, which is what Corridor reads
   (ogr/ogrsf_frmts/osm/ogrosmdatasource.cpp): references to nodes absent from the extract are
   skipped and a way left with fewer than two nodes is dropped (OSMnx would stop with "Some edges
   missing nodes" instead); a closed way tagged as an area (area=yes, or a key of osmconf.ini's
   closed_ways_are_polygons, unless area=no) goes to the multipolygons layer and is dropped.
   Only the nodes the kept ways reference are written, without their tags.
3. Tags are rewritten so that OSMnx's one-way rule gives Corridor's (osmnx/graph.py
   _is_path_one_way): `oneway` is set to yes / -1 / no from Corridor's rule (lower-cased values:
   yes/true/1 forward, -1/reverse backward, no/false/0/reversible/alternating both ways; with no
   oneway tag, or another value, highway=motorway and junction=roundabout/circular imply
   forward), and `junction` is removed,
   since OSMnx makes every junction=roundabout one-way even under oneway=no, and knows neither
   junction=circular nor the motorway rule.
4. graph_from_xml(bidirectional=False, retain_all=True), once with simplify=False and once with
   simplify=True (simplify_graph's defaults, so isolated rings are removed: their count is
   recorded too). Edge counts are MultiDiGraph edges, i.e. usable directed arcs.
5. 50 node pairs drawn with a fixed seed among the simplified graph's nodes (45 with both ends in
   its largest strongly connected component, 5 with one end outside it), and for each the least
   travel time in seconds, by networkx's Dijkstra on the UNSIMPLIFIED graph, each arc costing
   length / speed of its own way (speed from that way's tags, so the attribute lists of merged
   edges never matter): `seconds` with OSMnx's great-circle lengths (haversine, R = 6,371,009 m),
   `seconds_geodesic` with WGS84 geodesic lengths (geographiclib), which is what Corridor computes.
   Speed: maxspeed when parseable (a positive number in km/h, or with a unit: mph x 1.609344,
   knots x 1.852, km/h, kmh, kph; "walk"; "none"; a ';'-separated list averaged over its
   parseable parts), else the class speed. Unreachable: null.

Usage: python make_osm_oracles.py REPO_ROOT
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import quoteattr

import networkx as nx
import osmnx as ox
from geographiclib.geodesic import Geodesic

SEED = 20240601
PAIRS_INSIDE, PAIRS_OUTSIDE = 45, 5

# osmconf.ini (GDAL 3.6, the file Debian ships): closed ways with one of these keys (or key=value)
# are areas, reported in the multipolygons layer, not in lines.
CLOSED_WAYS_ARE_POLYGONS = {
    "aeroway", "amenity", "boundary", "building", "craft", "geological", "historic", "landuse",
    "leisure", "military", "natural", "office", "place", "shop", "sport", "tourism",
    "highway=platform", "public_transport=platform",
}


def ensure_osmium() -> str:
    """The osmium executable, installing Debian's osmium-tool when it is missing."""
    exe = shutil.which("osmium")
    if exe:
        return exe
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("make_osm_oracles: installing osmium-tool", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "osmium-tool"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    exe = shutil.which("osmium")
    if not exe:
        sys.exit("make_osm_oracles: osmium not found after installing osmium-tool")
    return exe


# --- Corridor's rules for a profile -------------------------------------------------------------

def parse_maxspeed(value: str, profile: dict):
    """km/h from a maxspeed value, or None when it is not parseable (the class speed applies):
    a number (km/h), a number followed by mph, knots, km/h, kmh or kph, "walk", "none", or a
    ';'-separated list (the mean of the parts that parse); non-positive numbers do not parse."""
    units = (("mph", 1.609344), ("knots", 1.852), ("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0))

    def one(part):
        s = part.strip().lower()
        if s == "walk":
            return float(profile["walk_kmh"])
        if s == "none":
            return float(profile["none_kmh"])
        factor = 1.0
        for suffix, f in units:
            if s.endswith(suffix):
                factor, s = f, s[: -len(suffix)].strip()
                break
        if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", s):
            return None
        v = float(s) * factor
        return v if v > 0 else None
    parts = [p for p in (one(x) for x in value.split(";")) if p is not None]
    return sum(parts) / len(parts) if parts else None


def way_speed_kmh(tags: dict, profile: dict) -> float:
    speed = float(profile["speeds_kmh"][tags["highway"]])
    if profile.get("use_maxspeed", True) and "maxspeed" in tags:
        parsed = parse_maxspeed(tags["maxspeed"], profile)
        if parsed is not None:
            speed = parsed
    cap = profile.get("maxspeed_cap_kmh")
    if cap is not None:
        speed = min(speed, float(cap))
    return speed


def access_denied(tags: dict, profile: dict) -> bool:
    deciding = None
    for key in profile["access_keys"]:
        if key in tags:
            deciding = tags[key]
    return deciding is not None and deciding.lower() in profile["access_denied"]


def direction(tags: dict) -> str:
    """'forward', 'backward' or 'both' by Corridor's one-way rule."""
    v = (tags.get("oneway") or "").lower()
    if v in ("yes", "true", "1"):
        return "forward"
    if v in ("-1", "reverse"):
        return "backward"
    if v in ("no", "false", "0", "reversible", "alternating"):
        return "both"
    if tags.get("highway") == "motorway" or tags.get("junction") in ("roundabout", "circular"):
        return "forward"
    return "both"


def closed_way_is_area(tags: dict) -> bool:
    """GDAL's IsClosedWayTaggedAsPolygon."""
    is_area = False
    for k, v in tags.items():
        if k == "area":
            if v == "yes":
                return True
            if v == "no":
                return False
        if is_area:
            continue
        if k in CLOSED_WAYS_ARE_POLYGONS or f"{k}={v}" in CLOSED_WAYS_ARE_POLYGONS:
            is_area = True
    return is_area


# --- XML ----------------------------------------------------------------------------------------

def read_osm_xml(path: Path):
    nodes, ways = {}, []
    for _, el in ET.iterparse(path):
        if el.tag == "node":
            nodes[int(el.get("id"))] = (el.get("lon"), el.get("lat"))
            el.clear()
        elif el.tag == "way":
            tags = {t.get("k"): t.get("v") for t in el.iter("tag")}
            refs = [int(n.get("ref")) for n in el.iter("nd")]
            ways.append((int(el.get("id")), refs, tags))
            el.clear()
        elif el.tag == "relation":
            el.clear()
    return nodes, ways


def filter_ways(nodes, ways, profile):
    """The ways Corridor keeps, with missing node references dropped, and counts of what went."""
    kept, dropped = [], {"not_in_profile": 0, "access_denied": 0, "ferry": 0, "area": 0,
                         "fewer_than_two_nodes": 0}
    missing_refs = 0
    for wid, refs, tags in ways:
        if tags.get("highway") not in profile["speeds_kmh"]:
            dropped["not_in_profile"] += 1
            continue
        if tags.get("route") == "ferry":
            dropped["ferry"] += 1
            continue
        if access_denied(tags, profile):
            dropped["access_denied"] += 1
            continue
        if len(refs) < 2:
            dropped["fewer_than_two_nodes"] += 1
            continue
        if refs[0] == refs[-1] and closed_way_is_area(tags):
            dropped["area"] += 1
            continue
        found = [r for r in refs if r in nodes]
        missing_refs += len(refs) - len(found)
        found = [r for i, r in enumerate(found) if i == 0 or r != found[i - 1]]
        if len(found) < 2:
            dropped["fewer_than_two_nodes"] += 1
            continue
        kept.append((wid, found, tags))
    return kept, dropped, missing_refs


def write_filtered_xml(path: Path, nodes, kept):
    """Nodes referenced by the kept ways, then the ways with Corridor's direction in `oneway` and
    no `junction` tag; ids ascending, as OSM files have them."""
    used = sorted({r for _, refs, _ in kept for r in refs})
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="make_osm_oracles.py">\n')
        for nid in used:
            lon, lat = nodes[nid]
            f.write(f' <node id="{nid}" lat="{lat}" lon="{lon}"/>\n')
        for wid, refs, tags in sorted(kept, key=lambda w: w[0]):
            out = {k: v for k, v in tags.items() if k not in ("oneway", "junction")}
            out["oneway"] = {"forward": "yes", "backward": "-1", "both": "no"}[direction(tags)]
            f.write(f' <way id="{wid}">\n')
            for r in refs:
                f.write(f'  <nd ref="{r}"/>\n')
            for k in sorted(out):
                f.write(f"  <tag k={quoteattr(k)} v={quoteattr(out[k])}/>\n")
            f.write(" </way>\n")
        f.write("</osm>\n")


# --- checks of the simplification rule ----------------------------------------------------------

def corridor_removable(kept) -> set:
    """Nodes Corridor's rule removes: exactly two incident segments, to two distinct neighbours
    other than the node, both two-way or both one-way passing through it."""
    incident = {}
    for _, refs, tags in kept:
        d = direction(tags)
        seq = [r for i, r in enumerate(refs) if i == 0 or r != refs[i - 1]]
        if d == "backward":
            seq, d = seq[::-1], "forward"
        for a, b in zip(seq, seq[1:]):
            incident.setdefault(a, []).append((b, d, "out"))
            incident.setdefault(b, []).append((a, d, "in"))
    removable = set()
    for n, segs in incident.items():
        if len(segs) != 2:
            continue
        (a, da, sa), (b, db, sb) = segs
        if a == b or n in (a, b):
            continue
        if (da == db == "both") or (da == db == "forward" and sa != sb):
            removable.add(n)
    return removable


def split_at_shared_nodes(kept):
    """Nodes and directed arcs when ways are split only at their ends and at nodes referenced more
    than once (by two ways, or twice by one), before any simplification."""
    uses = {}
    seqs = []
    for _, refs, tags in kept:
        seq = [r for i, r in enumerate(refs) if i == 0 or r != refs[i - 1]]
        seqs.append((seq, direction(tags)))
        for r in seq[1:] if seq[0] == seq[-1] else seq:
            uses[r] = uses.get(r, 0) + 1
    split = {r for r, c in uses.items() if c > 1}
    for seq, _ in seqs:
        split.update((seq[0], seq[-1]))
    arcs = 0
    for seq, d in seqs:
        pieces = sum(1 for r in seq[1:] if r in split)
        arcs += pieces * (2 if d == "both" else 1)
    return len(split), arcs


def osmnx_interstitial(G) -> set:
    from osmnx import simplification
    return {n for n in G.nodes if not simplification._is_endpoint(G, n, None, None)}


# --- main ---------------------------------------------------------------------------------------

def main(root: Path) -> None:
    started = time.perf_counter()
    data = Path(os.environ.get("CORRIDOR_SHARED_DATA", root / ".." / "shared" / "data"))
    pbf = data / "osm_extracts" / "Helsinki.osm.pbf"
    profile = json.loads((root / "Tests/Oracles/osm_car_profile.json").read_text())
    out_dir = root / "Tests/CorridorNetworkTests/Fixtures"
    out_dir.mkdir(parents=True, exist_ok=True)
    osmium = ensure_osmium()
    osmium_version = subprocess.run([osmium, "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    with tempfile.TemporaryDirectory() as tmp:
        full_xml, car_xml = Path(tmp) / "full.osm", Path(tmp) / "car.osm"
        subprocess.run([osmium, "cat", str(pbf), "-o", str(full_xml), "-O"], check=True)
        nodes, ways = read_osm_xml(full_xml)
        kept, dropped, missing_refs = filter_ways(nodes, ways, profile)
        write_filtered_xml(car_xml, nodes, kept)
        G = ox.graph_from_xml(car_xml, bidirectional=False, simplify=False, retain_all=True)
        Gs = ox.graph_from_xml(car_xml, bidirectional=False, simplify=True, retain_all=True)
    Gs_rings = ox.simplify_graph(G, remove_rings=False)
    ring_nodes = set(Gs_rings.nodes) - set(Gs.nodes)

    # speeds per way, travel time per arc (haversine and geodesic lengths)
    speed = {wid: way_speed_kmh(tags, profile) / 3.6 for wid, _, tags in kept}
    geod = Geodesic.WGS84
    for u, v, k, d in G.edges(keys=True, data=True):
        s = speed[d["osmid"]]
        d["tt"] = d["length"] / s
        g = geod.Inverse(G.nodes[u]["y"], G.nodes[u]["x"], G.nodes[v]["y"], G.nodes[v]["x"])["s12"]
        d["geodesic_length"] = g
        d["tt_geodesic"] = g / s

    # node pairs
    rng = random.Random(SEED)
    simplified_nodes = sorted(Gs.nodes)
    scc = max(nx.strongly_connected_components(Gs), key=len)
    inside = [n for n in simplified_nodes if n in scc]
    outside = [n for n in simplified_nodes if n not in scc]
    pairs, seen = [], set()
    while len(pairs) < PAIRS_INSIDE:
        o, t = rng.sample(inside, 2)
        if (o, t) not in seen:
            seen.add((o, t)); pairs.append((o, t))
    for i in range(min(PAIRS_OUTSIDE, len(outside))):
        a, b = rng.choice(outside), rng.choice(inside)
        pair = (a, b) if i % 2 == 0 else (b, a)
        if pair not in seen:
            seen.add(pair); pairs.append(pair)

    def dist(weight, o):
        return nx.single_source_dijkstra_path_length(G, o, weight=weight)
    cache = {}
    records = []
    for o, t in pairs:
        if o not in cache:
            cache[o] = (dist("tt", o), dist("tt_geodesic", o))
        hav, geo = cache[o]
        rec = {"from": {"osmid": o, "x": G.nodes[o]["x"], "y": G.nodes[o]["y"]},
               "to": {"osmid": t, "x": G.nodes[t]["x"], "y": G.nodes[t]["y"]},
               "inLargestSCC": o in scc and t in scc,
               "seconds": hav.get(t), "seconds_geodesic": geo.get(t)}
        records.append(rec)
    reachable = sum(1 for r in records if r["seconds"] is not None)

    # how far the osmnx endpoint rule and Corridor's rule disagree on this extract
    ours, theirs = corridor_removable(kept), osmnx_interstitial(G)
    coords = {}
    for n, d in G.nodes(data=True):
        coords.setdefault((d["x"], d["y"]), []).append(n)
    shared_coords = sum(1 for ns in coords.values() if len(ns) > 1)
    arcs_by_dir = {"forward": 0, "both": 0}
    for _, _, tags in kept:
        arcs_by_dir["both" if direction(tags) == "both" else "forward"] += 1

    fixture = {
        "source": pbf.name,
        "attribution": "© OpenStreetMap contributors, ODbL 1.0",
        "generator": f"Tests/Oracles/make_osm_oracles.py (osmnx {ox.__version__}, networkx {nx.__version__}, {osmium_version})",
        "osmnx": ox.__version__,
        "networkx": nx.__version__,
        "profile": profile["name"],
        "ways": {"inFile": len(ways), "kept": len(kept), "dropped": dropped,
                 "oneWay": arcs_by_dir["forward"], "twoWay": arcs_by_dir["both"],
                 "missingNodeReferencesSkipped": missing_refs},
        "unsimplified": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "splitAtSharedNodes": dict(zip(("nodes", "edges"), split_at_shared_nodes(kept))),
        "simplified": {"nodes": Gs.number_of_nodes(), "edges": Gs.number_of_edges(),
                       "largestSCCNodes": len(scc),
                       "weaklyConnectedComponents": nx.number_weakly_connected_components(Gs)},
        "simplifiedKeepingRings": {"nodes": Gs_rings.number_of_nodes(), "edges": Gs_rings.number_of_edges(),
                                   "ringNodesRemoved": len(ring_nodes)},
        "endpointRule": {"corridorRemovable": len(ours), "osmnxInterstitial": len(theirs),
                         "onlyCorridor": len(ours - theirs), "onlyOsmnx": len(theirs - ours)},
        "distinctNodesAtSameCoordinates": shared_coords,
        "totalArcLengthMeters": {"haversine": sum(d["length"] for _, _, d in G.edges(data=True)),
                                 "geodesic": sum(d["geodesic_length"] for _, _, d in G.edges(data=True))},
        "seed": SEED,
        "pairs": records,
        "notes": [
            "Ways kept: highway in the profile's speeds_kmh, not access-denied (the last of access_keys present decides, value compared lower-cased), route=ferry dropped (road-only comparison: Corridor keeps ferries at ferry_kmh; Helsinki.osm.pbf has one, way 170463494, closed, of which only its first/last node is in the extract, so GDAL gives it as a zero-length line at one node not on the road network).",
            "GDAL lines-layer emulation: node references missing from the extract are skipped, ways left with < 2 nodes dropped (OSMnx would raise instead); closed ways tagged as areas (area=yes or an osmconf.ini closed_ways_are_polygons key, unless area=no) dropped.",
            "The oracle XML keeps only nodes referenced by kept ways: graph_from_xml adds every <node> of the file as a graph node, and does not filter ways by highway or access.",
            "oneway rewritten to yes/-1/no by Corridor's rule before loading (values lower-cased; reversible and alternating mean both ways; implied forward by highway=motorway and junction=roundabout/circular when oneway is absent or another value), and junction removed: OSMnx 2.x makes junction=roundabout one-way even with oneway=no and knows neither circular nor the motorway rule.",
            "Consecutive duplicate node references in a way are dropped (OSMnx does so; GDAL keeps them as zero-length segments), and a way left with fewer than two distinct consecutive nodes is dropped.",
            "unsimplified = graph_from_xml(simplify=False): every way vertex is a node. splitAtSharedNodes (computed here, not by OSMnx): ways cut only at their ends and at nodes referenced more than once, arcs counted per direction; no simplification.",
            "simplified = graph_from_xml(simplify=True): simplify_graph removes isolated rings (components with no endpoint); simplifiedKeepingRings is simplify_graph(remove_rings=False) on the unsimplified graph.",
            "OSMnx's endpoint rule: a node is interstitial when it has in- and out-arcs, exactly 2 distinct neighbours (not itself) and degree 2 or 4; endpointRule counts where it differs from Corridor's (2 incident segments, both two-way or both one-way through) on this extract. Where several arcs join two interstitial nodes OSMnx keeps one.",
            "seconds: Dijkstra on the unsimplified graph, arc cost = OSMnx great-circle length (haversine, R = 6371009 m) / speed of its own way; seconds_geodesic: the same with WGS84 geodesic lengths (geographiclib). Speed = parseable maxspeed (a positive number in km/h, or followed by mph x 1.609344, knots x 1.852, km/h, kmh or kph; walk; none; ';' lists averaged over the parts that parse) else the class speed; this extract has plain numbers only. null = unreachable.",
            "distinctNodesAtSameCoordinates: coordinate positions holding more than one OSM node among the kept nodes (a reader that joins by coordinates would merge them).",
            "maxspeed:forward/backward and oneway:conditional are ignored, as in Corridor.",
        ],
    }
    out = out_dir / "osm_helsinki_osmnx.json"
    out.write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n")
    print(f"osm_helsinki: {len(kept)} ways; unsimplified {G.number_of_nodes()} nodes {G.number_of_edges()} arcs; "
          f"simplified {Gs.number_of_nodes()} nodes {Gs.number_of_edges()} arcs; {reachable}/{len(records)} pairs reachable; "
          f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""OSM import: from an OpenStreetMap file to a routable network, corridor against OSMnx.

(a) corridor: `CORRIDOR_BIN build --osm FILE --profile car -o TMP/x.corridor --quiet` (GDAL's OSM
    driver reads the file, the car profile filters ways and sets speeds and one-way, the network
    is simplified and written);
(b) OSMnx: osmnx.graph_from_xml(XML, bidirectional=False, simplify=True, retain_all=True) on the
    OSM XML of the same file (a .pbf is converted first with `osmium cat`, untimed). OSMnx filters
    nothing when it reads XML (every way becomes edges): with --osmnx-highway-only it gets the
    file's highway ways only (`osmium tags-filter FILE w/highway`, untimed), which favours it.
Each tool runs in its own child process, timed by wall clock from the parent, with the child's
peak RSS from os.wait4; OSMnx's child also reports the time of graph_from_xml alone and its RSS
after importing osmnx (the interpreter's baseline). Throughput is ways per second, the ways
being the file's ways with a highway tag, counted once (untimed). With --repeat R each tool runs
R times: the best time and the largest peak RSS are reported.

OSMnx stops on a file whose ways reference nodes it lacks (a clipped extract, such as
../shared/data/osm_extracts/Helsinki.osm.pbf), which GDAL and corridor accept: use complete files.
Needs osmnx (pinned in Tests/Oracles/requirements.txt) and, for .pbf input, osmium (Debian's
osmium-tool). A large input: make_osm_extract.py.

Usage: python osm_import.py CORRIDOR_BIN FILE.osm[.pbf] [--repeat R] [--only corridor|osmnx]
       [--osmnx-highway-only] [--json OUT]
"""
import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET


def run_measured(cmd, stdout_path=None):
    """Runs cmd as a child: (wall seconds, peak RSS in bytes, exit code, stderr text, stdout text)."""
    with tempfile.TemporaryFile("w+") as err, tempfile.TemporaryFile("w+") as out:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0); out.seek(0)
        # ru_maxrss is in kilobytes on Linux, bytes on macOS
        rss = usage.ru_maxrss * (1 if platform.system() == "Darwin" else 1024)
        return wall, rss, p.returncode, err.read(), out.read()


def osmium_exe():
    exe = shutil.which("osmium")
    if not exe:
        sys.exit("osm_import: osmium not found (apt-get install osmium-tool), needed for .pbf input")
    return exe


def highway_ways(xml_path):
    n = 0
    for _, el in ET.iterparse(xml_path):
        if el.tag == "way":
            if any(t.get("k") == "highway" for t in el.iter("tag")):
                n += 1
            el.clear()
        elif el.tag in ("node", "relation"):
            el.clear()
    return n


def osmnx_child(xml_path):
    """Runs in the child process: prints JSON with graph_from_xml's own time and sizes."""
    import osmnx as ox
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if platform.system() == "Darwin" else 1024)
    t = time.perf_counter()
    G = ox.graph_from_xml(xml_path, bidirectional=False, simplify=True, retain_all=True)
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "nodes": len(G), "edges": G.number_of_edges(),
                      "baselineRSS": baseline, "osmnx": ox.__version__}))


def fmt_mb(b):
    return f"{b / 2**20:,.0f}"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--osmnx-child":
        osmnx_child(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corridor")
    ap.add_argument("file")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", choices=["corridor", "osmnx"])
    ap.add_argument("--osmnx-highway-only", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    path = os.path.abspath(args.file)

    with tempfile.TemporaryDirectory() as tmp:
        # the XML of the file (for counting and for OSMnx), untimed
        if path.endswith(".pbf"):
            xml = os.path.join(tmp, "input.osm")
            subprocess.run([osmium_exe(), "cat", path, "-o", xml, "-O"], check=True)
        else:
            xml = path
        ways = highway_ways(xml)
        osmnx_xml = xml
        if args.osmnx_highway_only:
            osmnx_xml = os.path.join(tmp, "highways.osm")
            subprocess.run([osmium_exe(), "tags-filter", xml, "w/highway", "-o", osmnx_xml, "-O"], check=True)

        rows = {}
        if args.only in (None, "corridor"):
            out = os.path.join(tmp, "x.corridor")
            best, peak = None, 0
            for _ in range(args.repeat):
                wall, rss, code, err, _ = run_measured(
                    [args.corridor, "build", "--osm", path, "--profile", "car", "-o", out, "--quiet"])
                if code != 0:
                    sys.exit(f"osm_import: corridor exited with {code}:\n{err.strip()}")
                best = wall if best is None else min(best, wall)
                peak = max(peak, rss)
            rows["corridor"] = {"seconds": best, "peakRSS": peak, "waysPerSecond": ways / best,
                                "outputBytes": os.path.getsize(out) if os.path.exists(out) else None}
        if args.only in (None, "osmnx"):
            best, peak, info = None, 0, None
            for _ in range(args.repeat):
                wall, rss, code, err, stdout = run_measured(
                    [sys.executable, os.path.abspath(__file__), "--osmnx-child", osmnx_xml])
                if code != 0:
                    hint = ("\n(OSMnx needs every referenced node in the file: a clipped extract fails; "
                            "cut one with `osmium extract --strategy complete_ways`)" if "missing nodes" in err else "")
                    sys.exit(f"osm_import: the osmnx child exited with {code}:\n{err.strip()[-3000:]}{hint}")
                result = json.loads(stdout.strip().splitlines()[-1])
                if best is None or wall < best:
                    best, info = wall, result
                peak = max(peak, rss)
            rows["osmnx"] = {"seconds": best, "peakRSS": peak, "waysPerSecond": ways / best,
                             "graphFromXmlSeconds": info["seconds"], "baselineRSS": info["baselineRSS"],
                             "nodes": info["nodes"], "edges": info["edges"], "version": info["osmnx"],
                             "input": "highway ways only" if args.osmnx_highway_only else "whole file"}

    name = os.path.basename(path)
    print(f"OSM import of {name}: {ways:,} highway ways, best of {args.repeat}")
    print(f"{'tool':<10} {'seconds':>9} {'ways/s':>11} {'peak RSS MB':>12}  notes")
    if "corridor" in rows:
        r = rows["corridor"]
        print(f"{'corridor':<10} {r['seconds']:>9.2f} {r['waysPerSecond']:>11,.0f} {fmt_mb(r['peakRSS']):>12}  "
              f"build --osm --profile car")
    if "osmnx" in rows:
        r = rows["osmnx"]
        print(f"{'osmnx':<10} {r['seconds']:>9.2f} {r['waysPerSecond']:>11,.0f} {fmt_mb(r['peakRSS']):>12}  "
              f"{r['version']}, graph_from_xml {r['graphFromXmlSeconds']:.2f} s, interpreter+import "
              f"{fmt_mb(r['baselineRSS'])} MB, {r['nodes']:,} nodes {r['edges']:,} edges ({r['input']})")
    ratio = None
    if "corridor" in rows and "osmnx" in rows:
        ratio = rows["corridor"]["waysPerSecond"] / rows["osmnx"]["waysPerSecond"]
        print(f"corridor / osmnx ways per second: {ratio:.1f}x")

    if args.json:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from common import write_result
        write_result(args.json, {"benchmark": "osm_import", "file": name, "highwayWays": ways,
                                 "repeat": args.repeat, "tools": rows, "ratio": ratio})


if __name__ == "__main__":
    main()

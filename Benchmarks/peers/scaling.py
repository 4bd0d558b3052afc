"""How corridor's one-to-all trees scale: time per tree against graph size (NY, BAY, COL, FLA,
NW, NE) and against threads (1, 2), from `corridor bench trees` on each graph.

Graphs are read from Benchmarks/graphs/ (NY, FLA are committed) or, for the others, from
../shared/data/road_graphs_dimacs/; a graph found in neither is skipped and said so.

Usage: python scaling.py CORRIDOR_BINARY [--sources K] [--threads 1,2] [--json OUT]
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

from common import write_result

GRAPHS = ["NY", "BAY", "COL", "FLA", "NW", "NE"]


def find(root, name):
    for d in (os.path.join(root, "Benchmarks", "graphs"), os.path.join(root, "..", "shared", "data", "road_graphs_dimacs")):
        p = os.path.join(d, name + ".gr.xz")
        if os.path.exists(p):
            return p
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("--sources", type=int, default=64)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--json")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    threads = [int(t) for t in args.threads.split(",")]
    rows = []
    for g in GRAPHS:
        path = find(root, g)
        if path is None:
            print(f"{g}: not found, skipped", file=sys.stderr)
            continue
        runs = {}
        for t in threads:
            out = subprocess.run([args.corridor, "bench", "trees", "--dimacs", path, "--sources", str(args.sources),
                                  "--threads", str(t), "--json", "--quiet"], check=True, capture_output=True, text=True).stdout
            runs[t] = json.loads(out)
            print(f"{g} {t} thread(s): {runs[t]['msPerTree']:.2f} ms per tree, CH {runs[t]['chSeconds']:.1f} s", file=sys.stderr)
        first = runs[threads[0]]
        # The checksum does not depend on the thread count.
        assert all(r["checksum"] == first["checksum"] for r in runs.values()), g
        rows.append({"graph": g, "nodes": first["nodes"], "edges": first["edges"], "shortcuts": first["shortcuts"],
                     "chSeconds": min(r["chSeconds"] for r in runs.values()),
                     "msPerTree": {str(t): runs[t]["msPerTree"] for t in threads}, "checksum": first["checksum"]})

    print(f"Time per one-to-all tree ({args.sources} sources, PHAST) vs graph size and threads; "
          f"{time.strftime('%Y-%m-%d')}, {platform.platform()}, {os.cpu_count()} cores")
    print()
    head = "| graph | nodes | edges | CH s | shortcuts | " + " | ".join(f"ms/tree {t}T" for t in threads)
    head += " | speed-up | ns per node per tree |"
    print(head)
    print("|---" * (5 + len(threads) + 2) + "|")
    for r in rows:
        ms = [r["msPerTree"][str(t)] for t in threads]
        speedup = ms[0] / ms[-1] if len(ms) > 1 else 1.0
        per_node = ms[0] * 1e6 / r["nodes"]
        print(f"| {r['graph']} | {r['nodes']:,} | {r['edges']:,} | {r['chSeconds']:.1f} | {r['shortcuts']:,} | "
              + " | ".join(f"{m:.2f}" for m in ms) + f" | {speedup:.2f}× | {per_node:.1f} |")
    if args.json:
        write_result(args.json, {"sources": args.sources, "threads": threads, "rows": rows})


if __name__ == "__main__":
    main()

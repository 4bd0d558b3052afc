"""Data-quality review: `corridor qa` on each region against (1) the region's build, in the
same run (the review should cost a fraction of a build, so it can run on every build), and
(2) igraph's bridges and connected components on corridor's exported open graph: the part
of the review a graph library does (corridor's review adds the geometry: a segment grid for
near misses, bounded searches for suspect bridges, the access, duplicate and speed checks).
corridor's time is the whole command (network read from the cache, review, JSON out).

Usage: python qa.py CORRIDOR_BINARY [--regions korea,northeast-asia,north-america]
       [--repeat R] [--json OUT]
"""
import argparse
import json
import os
import platform
import subprocess
import time

import numpy as np

from common import bench_builds, best, write_result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("--regions", default="korea,northeast-asia,north-america")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    import igraph

    results = []
    for region in args.regions.split(","):
        # Warm the cache so the review reads the compiled network, as it would after a build.
        subprocess.run([args.corridor, "stats", "--region", region, "--quiet"], check=True, capture_output=True)
        qa_seconds, out = best(lambda: subprocess.run([args.corridor, "qa", "--region", region, "--quiet", "--json"],
                                                      check=True, capture_output=True, text=True).stdout, args.repeat)
        findings = len(json.loads(out)["findings"])
        runs, nodes, edges = bench_builds(args.corridor, region, args.repeat)
        builds, n = [r["buildSeconds"] for r in runs], len(nodes)
        u, v = edges[:, 0].astype(np.int64).tolist(), edges[:, 1].astype(np.int64).tolist()

        def topology():
            g = igraph.Graph(n=n, edges=list(zip(u, v)), directed=False)
            return len(g.bridges()), len(g.connected_components())
        igraph_seconds, (bridges, components) = best(topology, args.repeat)
        results.append({"region": region, "nodes": n, "findings": findings, "qaSeconds": qa_seconds, "buildSeconds": min(builds),
                        "igraphSeconds": igraph_seconds, "igraphBridges": bridges, "igraphComponents": components})

    print(f"Data-quality review, best of {args.repeat}; {time.strftime('%Y-%m-%d')}, {platform.platform()}, {os.cpu_count()} cores")
    print()
    print("| region | nodes | findings | corridor qa s | build s | qa / build | igraph bridges + components s | igraph / qa |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['region']} | {r['nodes']:,} | {r['findings']:,} | {r['qaSeconds']:.3f} | {r['buildSeconds']:.3f} | "
              f"{r['qaSeconds'] / r['buildSeconds']:.2f}× | {r['igraphSeconds']:.3f} | {r['igraphSeconds'] / r['qaSeconds']:.3f}× |")
    if args.json:
        write_result(args.json, {"results": results})


if __name__ == "__main__":
    main()

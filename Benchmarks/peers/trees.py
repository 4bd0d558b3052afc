"""One-to-all shortest-path trees on a DIMACS/PACE road graph: corridor against scipy, igraph,
networkit and rustworkx in the same run, on the same weighted graph and the same sources.

Weights follow ../shared/data/README.md: 1 + ((lo*2654435761) XOR (hi*40503)) mod 1000 for the
0-based endpoints lo < hi. Sources are nodes i*n/K, i = 0..K-1. Every tool's checksum (the sum
of the finite distances from node 0, and the count of nodes reached) must equal corridor's.

Usage: python trees.py CORRIDOR_BINARY GRAPH.gr[.xz] --sources K --threads N [--json OUT]
"""
import argparse
import json
import lzma
import os
import subprocess
import sys
import time

import numpy as np


def read_graph(path):
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rt") as f:
        header = None
        rows = []
        for line in f:
            if line[0] in "c\n":
                continue
            if line[0] == "p":
                header = line.split()
                continue
            rows.append(line)
    n = int(header[2])
    uv = np.loadtxt(rows, dtype=np.int64).reshape(-1, 2) - 1
    lo, hi = np.minimum(uv[:, 0], uv[:, 1]), np.maximum(uv[:, 0], uv[:, 1])
    w = (1 + ((lo * 2654435761) ^ (hi * 40503)) % 1000).astype(np.float64)
    return n, uv[:, 0], uv[:, 1], w


def checksum(d):
    d = np.asarray(d, dtype=np.float64)
    fin = np.isfinite(d)
    return int(d[fin].sum()), int(fin.sum())


def run_scipy(n, u, v, w, sources, threads):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra
    m = csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    t = time.perf_counter()
    d = dijkstra(m, directed=True, indices=sources)
    return time.perf_counter() - t, checksum(d[0]), 1


def run_igraph(n, u, v, w, sources, threads):
    import igraph as ig
    g = ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist())))
    t = time.perf_counter()
    d = g.distances(source=sources, weights=w.tolist(), algorithm="dijkstra")
    return time.perf_counter() - t, checksum(d[0]), 1


def run_networkit(n, u, v, w, sources, threads):
    import networkit as nk
    nk.setNumberOfThreads(threads)
    g = nk.GraphFromCoo((w, (u, v)), n=n, weighted=True, directed=False)
    t = time.perf_counter()
    spsp = nk.distance.SPSP(g, sources)
    spsp.run()
    d0 = spsp.getDistancesFrom(sources[0]) if hasattr(spsp, "getDistancesFrom") else spsp.getDistances()[0]
    el = time.perf_counter() - t
    d0 = np.asarray(d0, dtype=np.float64)
    d0[d0 > 1e300] = np.inf
    return el, checksum(d0), threads


def run_rustworkx(n, u, v, w, sources, threads):
    import rustworkx as rx
    g = rx.PyGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(list(zip(u.tolist(), v.tolist(), w.tolist())))
    # The edge-cost callback runs in Python for every edge, so measure fewer sources.
    few = sources[: max(1, min(len(sources), 4))]
    t = time.perf_counter()
    first = None
    for s in few:
        lengths = rx.graph_dijkstra_shortest_path_lengths(g, s, edge_cost_fn=float)
        if first is None:
            first = lengths
    el = (time.perf_counter() - t) * len(sources) / len(few)
    d0 = np.full(n, np.inf)
    d0[sources[0]] = 0
    for k, val in first.items():
        d0[k] = val
    return el, checksum(d0), 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("graph")
    ap.add_argument("--sources", type=int, default=64)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--json")
    a = ap.parse_args()

    out = subprocess.run([a.corridor, "bench", "trees", "--dimacs", a.graph, "--sources", str(a.sources),
                          "--threads", str(a.threads), "--json"], check=True, capture_output=True, text=True)
    c = json.loads(out.stdout)
    n, u, v, w = read_graph(a.graph)
    sources = [i * n // a.sources for i in range(a.sources)]
    rows = [{"tool": "corridor (CH + PHAST, 8 SIMD lanes)", "threads": a.threads, "msPerTree": c["msPerTree"],
             "checksum": [c["checksum"], c["reached"]], "agrees": True, "ratio": 1.0,
             "note": f"CH preprocessing {c['chSeconds']:.1f} s, not in ms per tree"}]
    for name, fn in [("scipy.sparse.csgraph.dijkstra", run_scipy), ("igraph distances", run_igraph),
                     ("networkit SPSP", run_networkit), ("rustworkx dijkstra lengths", run_rustworkx)]:
        try:
            seconds, cs, threads = fn(n, u, v, w, sources, a.threads)
        except Exception as e:  # a peer that fails is reported, not fatal
            rows.append({"tool": name, "error": str(e)})
            continue
        ms = seconds * 1000 / len(sources)
        rows.append({"tool": name, "threads": threads, "msPerTree": ms, "checksum": list(cs),
                     "agrees": list(cs) == [c["checksum"], c["reached"]], "ratio": ms / c["msPerTree"]})
    best = min((r for r in rows[1:] if "msPerTree" in r), key=lambda r: r["msPerTree"], default=None)
    result = {"graph": os.path.basename(a.graph), "nodes": c["nodes"], "edges": c["edges"], "sources": a.sources,
              "threads": a.threads, "rows": rows, "bestPeer": best and best["tool"],
              "ratioToBestPeer": best and best["msPerTree"] / c["msPerTree"]}
    print(f"| {result['graph']} ({c['nodes']:,} nodes, {c['edges']:,} edges), {a.sources} sources | threads | ms per tree | checksum agrees | peer / corridor |")
    print("|---|---:|---:|---|---:|")
    for r in rows:
        if "error" in r:
            print(f"| {r['tool']} | | failed: {r['error']} | | |")
        else:
            print(f"| {r['tool']} | {r['threads']} | {r['msPerTree']:.2f} | {'yes' if r['agrees'] else 'NO'} | {r['ratio']:.1f}x |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    if not all(r.get("agrees", True) for r in rows):
        sys.exit("checksums disagree")


if __name__ == "__main__":
    main()

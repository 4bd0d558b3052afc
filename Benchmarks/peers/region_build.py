"""Region build: from the region's layers to a routable network. corridor reads the GeoData
layers (GDAL), nodes the lines, matches crossings, and builds the CSR graph; then builds its
contraction hierarchy. The peers start from corridor's exported graph (node coordinates and
open edges with travel seconds) and build theirs: pandana's Network (which contracts the
graph too), networkit's and igraph's weighted graphs. The peers skip the geometry work, so
their times are a floor, not a like-for-like pipeline; the table says which part each row
covers. Every tool's distances from node 0 must give corridor's checksum (the sum of finite
travel seconds, to 1e-9 relative, 1e-6 for pandana, which rounds impedances to three
decimals; scipy's Dijkstra on the exported edges is the referee).

Usage: python region_build.py CORRIDOR_BINARY [--regions korea,northeast-asia,north-america]
       [--repeat R] [--json OUT]
"""
import argparse
import os
import platform
import sys
import time
import warnings

import numpy as np

from common import bench_builds, best, write_result


class quiet_stdout:
    """Silences the C++ progress pandana prints on file descriptor 1, so the tables stay clean."""
    def __enter__(self):
        sys.stdout.flush()
        self.saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)

    def __exit__(self, *exc):
        os.dup2(self.saved, 1)
        os.close(self.saved)


def checksum(d):
    d = np.asarray(d, dtype=np.float64)
    fin = np.isfinite(d)
    return float(d[fin].sum()), int(fin.sum())


def agree(a, b, tolerance=1e-9):
    return abs(a[0] - b[0]) <= tolerance * max(1.0, abs(b[0])) and a[1] == b[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("--regions", default="korea,northeast-asia,north-america")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pandana-max-nodes", type=int, default=80_000,
                    help="skip pandana above this many nodes: its contraction of north-america "
                         "(101,971 nodes) ran for more than 8 minutes without finishing on the 2-core VM")
    ap.add_argument("--json")
    args = ap.parse_args()
    import igraph
    import networkit as nk
    import pandana
    import pandas as pd
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    results, ok = [], True
    for region in args.regions.split(","):
        runs, nodes, edges = bench_builds(args.corridor, region, args.repeat)
        n = len(nodes)
        u, v, w = edges[:, 0].astype(np.int64), edges[:, 1].astype(np.int64), edges[:, 2]
        ours = (min(r["checksum"] for r in runs), runs[0]["reached"])
        # scipy adds duplicate entries, so parallel edges keep only their lightest weight.
        tails, heads, weights = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
        key = tails * n + heads
        order = np.lexsort((weights, key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        keep = order[first]
        m = csr_matrix((weights[keep], (tails[keep], heads[keep])), shape=(n, n))
        referee = checksum(dijkstra(m, directed=True, indices=0))
        rows = [{"tool": "corridor", "covers": "layers → network", "seconds": min(r["buildSeconds"] for r in runs),
                 "agrees": agree(ours, referee)},
                {"tool": "corridor", "covers": "contraction hierarchy", "seconds": min(r["chSeconds"] for r in runs),
                 "agrees": agree(ours, referee)}]

        if n <= args.pandana_max_nodes:
            def build_pandana():
                nd = pd.DataFrame({"x": nodes[:, 1], "y": nodes[:, 2]}, index=nodes[:, 0].astype(np.int64))
                ed = pd.DataFrame({"from": u, "to": v, "w": w})
                return pandana.Network(nd["x"], nd["y"], ed["from"], ed["to"], ed[["w"]], twoway=True)
            with quiet_stdout(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                seconds, net = best(build_pandana, args.repeat)
                d = np.array(net.shortest_path_lengths([0] * n, list(range(n)), imp_name="w"), dtype=np.float64)
            # pandana returns 4294967.295 (its maximum) for unreachable pairs, and keeps impedances
            # to three decimals (measured), so its sums agree to 1e-6 rather than 1e-9.
            d[d >= 4294967.0] = np.inf
            rows.append({"tool": "pandana", "covers": "edge list → contracted network", "seconds": seconds,
                         "agrees": agree(checksum(d), referee, 1e-6)})
        else:
            rows.append({"tool": "pandana", "covers": f"skipped above {args.pandana_max_nodes:,} nodes (see --help)",
                         "seconds": None, "agrees": True})

        def build_networkit():
            g = nk.Graph(n, weighted=True, directed=False)
            for a, b, c in zip(u.tolist(), v.tolist(), w.tolist()):
                g.addEdge(a, b, c)
            return g
        seconds, g = best(build_networkit, args.repeat)
        sp = nk.distance.Dijkstra(g, 0, storePaths=False)
        sp.run()
        dn = np.array(sp.getDistances(), dtype=np.float64)
        dn[dn > 1e300] = np.inf
        rows.append({"tool": "networkit", "covers": "edge list → graph", "seconds": seconds, "agrees": agree(checksum(dn), referee)})

        def build_igraph():
            gi = igraph.Graph(n=n, edges=list(zip(u.tolist(), v.tolist())), directed=False)
            gi.es["w"] = w.tolist()
            return gi
        seconds, gi = best(build_igraph, args.repeat)
        di = np.array(gi.distances(source=0, weights="w")[0], dtype=np.float64)
        rows.append({"tool": "igraph", "covers": "edge list → graph", "seconds": seconds, "agrees": agree(checksum(di), referee)})
        ok &= all(r["agrees"] for r in rows)
        results.append({"region": region, "nodes": n, "edges": int(len(u)), "rows": rows})

    print(f"Region build, best of {args.repeat}; {time.strftime('%Y-%m-%d')}, {platform.platform()}, {os.cpu_count()} cores")
    print()
    # Ratios: pandana (which contracts) against corridor's build plus hierarchy; the graph
    # libraries against corridor's build alone.
    print("| region | nodes | tool | covers | seconds | peer / corridor | distances agree |")
    print("|---|---:|---|---|---:|---:|---|")
    for r in results:
        build = r["rows"][0]["seconds"]
        routable = build + r["rows"][1]["seconds"]
        for row in r["rows"]:
            seconds = "-" if row["seconds"] is None else f"{row['seconds']:.3f}"
            agrees = "-" if seconds == "-" else ("yes" if row["agrees"] else "NO")
            ratio = ""
            if row["tool"] != "corridor" and row["seconds"] is not None:
                base = routable if row["tool"] == "pandana" else build
                ratio = f"{row['seconds'] / base:.3f}×"
            print(f"| {r['region']} | {r['nodes']:,} | {row['tool']} | {row['covers']} | {seconds} | {ratio} | {agrees} |")
    if args.json:
        write_result(args.json, {"results": results})
    if not ok:
        print("a tool's distances disagree with the referee", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

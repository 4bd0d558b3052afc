"""Oracle values for one-way edges: networkx on a directed graph.

The graph: a seeded G(n, m) graph (60 nodes, 150 edges, integer weights 1..20 so that path sums
are exact), strongly connected enough to be interesting; about 40 % of its edges one-way in a
random direction. CSV u,v,w,oneway: oneway 1 means only u -> v, 0 both ways.

Expected (networkx on the DiGraph with each two-way edge as two arcs):
- distances from three sources (single_source_dijkstra_path_length), null when unreachable;
- betweenness (betweenness_centrality, weighted, unnormalised: every ordered pair);
- closeness (closeness_centrality with distance=weight: networkx uses the distances *to* a node
  in a directed graph, with the Wasserman-Faust correction) and harmonic centrality
  (harmonic_centrality: sum of 1/d(u, v) over u, also *to* v);
- the time from every node to the nearest of three targets (min over targets of d(v, t));
- weakly and strongly connected component counts.
"""
import csv
import json
import random
import sys
from pathlib import Path

import networkx as nx


def main(root: Path) -> None:
    out = root / "Tests/CorridorAnalysisTests/Fixtures"
    rng = random.Random(7)
    n, m = 60, 150
    base = nx.gnm_random_graph(n, m, seed=11)
    rows = []
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for u, v in sorted(base.edges()):
        w = rng.randint(1, 20)
        if rng.random() < 0.4:
            if rng.random() < 0.5:
                u, v = v, u
            rows.append((u, v, w, 1))
            g.add_edge(u, v, weight=w)
        else:
            rows.append((u, v, w, 0))
            g.add_edge(u, v, weight=w)
            g.add_edge(v, u, weight=w)
    sources = [0, 17, 42]
    targets = [5, 23, 51]
    def dist(s):
        d = nx.single_source_dijkstra_path_length(g, s, weight="weight")
        return [d.get(v) for v in range(n)]
    rev = g.reverse(copy=True)
    to_targets = nx.multi_source_dijkstra_path_length(rev, set(targets), weight="weight")
    bc = nx.betweenness_centrality(g, weight="weight", normalized=False)
    cl = nx.closeness_centrality(g, distance="weight")
    hc = nx.harmonic_centrality(g, distance="weight")
    expected = {
        "generator": f"Tests/Oracles/make_directed_oracles.py (networkx {nx.__version__})",
        "nodes": n, "edges": len(rows), "oneWay": sum(r[3] for r in rows),
        "sources": sources,
        "distances": [dist(s) for s in sources],
        "betweenness": [bc[v] for v in range(n)],
        "closeness": [cl[v] for v in range(n)],
        "harmonic": [hc[v] for v in range(n)],
        "targets": targets,
        "toNearestTarget": [to_targets.get(v) for v in range(n)],
        "weakComponents": nx.number_weakly_connected_components(g),
        "strongComponents": nx.number_strongly_connected_components(g),
    }
    with open(out / "random_directed.edges.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["u", "v", "w", "oneway"])
        w.writerows(rows)
    with open(out / "random_directed.expected.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"random_directed: {len(rows)} edges, {expected['oneWay']} one-way, "
          f"{expected['strongComponents']} strong / {expected['weakComponents']} weak components")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

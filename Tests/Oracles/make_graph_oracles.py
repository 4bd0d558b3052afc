"""Oracle values for the graph algorithms, from networkx and scipy on the same inputs.

Graphs (undirected, integer weights so that path sums are exact and shortest-path ties are
real ties in every implementation; parallel edges collapsed to the lightest, no self-loops):
- korea_seoul_roads: the road segments of GeoData/korea/roads.geojson.gz inside the Seoul
  capital area box (lon 126.70..127.30, lat 37.30..37.75), nodes at shared segment ends, weight
  = length in whole metres (round(length_km * 1000)), largest connected component;
- random_*: seeded G(n, m) graphs with weights 1..20 (many ties), one of them disconnected,
  and a random tree (every edge a bridge).

For each graph: the edge list (CSV u,v,w) and a JSON of expected values: Dijkstra distances
from three sources (scipy.sparse.csgraph.dijkstra), betweenness (networkx, weighted,
unnormalised), closeness (networkx, wf_improved), harmonic centrality, number of connected
components, bridges and articulation points.
"""
import csv
import gzip
import json
import random
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import scipy
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


def korea_seoul(root: Path) -> nx.Graph:
    data = json.load(gzip.open(root / "GeoData/korea/roads.geojson.gz"))
    g = nx.Graph()
    ids = {}
    def node(c):
        key = (c[0], c[1])
        if key not in ids:
            ids[key] = len(ids)
        return ids[key]
    for f in data["features"]:
        cs = f["geometry"]["coordinates"]
        a, b = cs[0], cs[-1]
        inside = all(126.40 <= c[0] <= 128.00 and 36.20 <= c[1] <= 38.00 for c in (a, b))
        if not inside:
            continue
        u, v = node(a), node(b)
        if u == v:
            continue
        w = int(round(f["properties"]["length_km"] * 1000))
        w = max(w, 1)
        if g.has_edge(u, v):
            w = min(w, g[u][v]["weight"])
        g.add_edge(u, v, weight=w)
    largest = max(nx.connected_components(g), key=len)
    g = g.subgraph(largest).copy()
    return nx.convert_node_labels_to_integers(g, ordering="sorted")


def random_graph(n, m, seed, max_w=20) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in g.edges:
        g[u][v]["weight"] = rng.randint(1, max_w)
    return g


def random_tree(n, seed) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for v in range(1, n):
        g.add_edge(rng.randrange(v), v, weight=rng.randint(1, 9))
    return g


def expected(g: nx.Graph, sources):
    n = g.number_of_nodes()
    rows, cols, vals = [], [], []
    for u, v, d in g.edges(data=True):
        rows += [u, v]; cols += [v, u]; vals += [d["weight"], d["weight"]]
    m = csr_matrix((vals, (rows, cols)), shape=(n, n))
    dist = dijkstra(m, directed=True, indices=sources)
    to_list = lambda a: [None if not np.isfinite(x) else float(x) for x in a]
    betweenness = nx.betweenness_centrality(g, weight="weight", normalized=False)
    closeness = nx.closeness_centrality(g, distance="weight", wf_improved=True)
    harmonic = nx.harmonic_centrality(g, distance="weight")
    return {
        "nodes": n,
        "edges": g.number_of_edges(),
        "sources": sources,
        "distances": [to_list(row) for row in dist],
        "betweenness": [betweenness[v] for v in range(n)],
        "closeness": [closeness[v] for v in range(n)],
        "harmonic": [harmonic[v] for v in range(n)],
        "components": nx.number_connected_components(g),
        "bridges": sorted([sorted(e) for e in nx.bridges(g)]),
        "articulationPoints": sorted(nx.articulation_points(g)),
    }


def main(root: Path) -> None:
    out = root / "Tests/CorridorAnalysisTests/Fixtures"
    out.mkdir(parents=True, exist_ok=True)
    graphs = {
        "korea_seoul_roads": korea_seoul(root),
        "random_dense": random_graph(200, 800, seed=7),
        "random_sparse_disconnected": random_graph(300, 330, seed=11),
        "random_tree": random_tree(150, seed=3),
    }
    for name, g in graphs.items():
        n = g.number_of_nodes()
        sources = [0, n // 3, n - 1]
        with open(out / f"{name}.edges.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["u", "v", "w"])
            for u, v, d in sorted(g.edges(data=True)):
                w.writerow([u, v, d["weight"]])
        e = expected(g, sources)
        e["generator"] = f"Tests/Oracles/make_graph_oracles.py (networkx {nx.__version__}, scipy {scipy.__version__})"
        (out / f"{name}.expected.json").write_text(json.dumps(e) + "\n")
        print(f"{name}: {n} nodes, {g.number_of_edges()} edges, {e['components']} components, "
              f"{len(e['bridges'])} bridges, {len(e['articulationPoints'])} articulation points")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

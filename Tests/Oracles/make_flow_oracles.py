"""All-or-nothing loading on Sioux Falls by networkx shortest paths, the oracle of
Tests/CorridorFlowsTests (AllOrNothingTests).

Free-flow times tie on 32 OD pairs, so a loading at free flow depends on tie-breaking. The
oracle loads at the BPR costs of a fraction of the best-known equilibrium flows instead, and checks that
every shortest-path tree is unique there (every arc outside the tree has a slack above 1e-9 of
the distance), so any correct loading gives these flows. The costs are written too: the test
loads at exactly these numbers.

Usage: python make_flow_oracles.py REPO_ROOT   (reads CORRIDOR_SHARED_DATA or REPO/../shared/data)
"""
import json
import os
import sys

import networkx as nx

root = sys.argv[1]
data = os.environ.get("CORRIDOR_SHARED_DATA", os.path.join(root, "..", "shared", "data"))
folder = os.path.join(data, "transportation_networks", "SiouxFalls")


def body(path):
    for line in open(path):
        s = line.strip()
        if s and s[0].isdigit():
            yield s.split(";")[0].split()


links = [[float(x) for x in f] for f in body(os.path.join(folder, "SiouxFalls_net.tntp"))]
best = [float(f[2]) for f in body(os.path.join(folder, "SiouxFalls_flow.tntp"))]


def bpr(factor):
    """BPR costs at the best-known flows times factor · (0.5 + i / links) for link i: the
    per-link factor breaks the exact ties that Sioux Falls' symmetric links and demand give."""
    n = len(links)
    return [t0 * (1 + bb * ((factor * (0.5 + i / n) * v) / cap) ** p)
            for i, ((a, b, cap, length, t0, bb, p, *_), v) in enumerate(zip(links, best))]


trips = {}
origin = None
for line in open(os.path.join(folder, "SiouxFalls_trips.tntp")):
    s = line.strip()
    if s.lower().startswith("origin"):
        origin = int(s.split()[1])
    elif origin and ":" in s:
        for e in s.split(";"):
            if ":" in e:
                d, t = e.split(":")
                if float(t) > 0:
                    trips[(origin, int(d))] = float(t)



def load(costs):
    """AON flows and Σ trips·cost, or None when some shortest-path tree is not unique."""
    G = nx.DiGraph()
    for i, (a, b, *_) in enumerate(links):
        G.add_edge(int(a), int(b), w=costs[i], link=i)
    flows = [0.0] * len(links)
    sptt = 0.0
    for o in sorted({o for o, _ in trips}):
        dist, paths = nx.single_source_dijkstra(G, o, weight="w")
        for u, v, attr in G.edges(data=True):
            if v != o and dist[u] + attr["w"] - dist[v] < 1e-9 * dist[v] and paths[v][-2] != u:
                print("tie", o, u, v, dist[u] + attr["w"] - dist[v], dist[v], file=sys.stderr)
                return None
        for (oo, d), t in trips.items():
            if oo != o or d == o:
                continue
            p = paths[d]
            sptt += t * dist[d]
            for u, v in zip(p, p[1:]):
                flows[G[u][v]["link"]] += t
    return flows, sptt


# The first factor of the best-known flows at which every tree is unique.
for factor in (0.5, 0.75, 0.25, 0.9, 0.6, 0.4):
    costs = bpr(factor)
    loaded = load(costs)
    if loaded:
        flows, sptt = loaded
        break
else:
    raise SystemExit("every factor tried gives a tie")

out = os.path.join(root, "Tests", "CorridorFlowsTests", "Fixtures", "siouxfalls_aon.json")
with open(out + ".tmp", "w") as f:
    json.dump({"network": "SiouxFalls", "costs": f"BPR at the best-known flows times {factor} (0.5 + i / links) for link i", "networkx": nx.__version__,
               "link_costs": costs, "link_flows": flows, "shortest_path_cost": sptt}, f, indent=1)
os.replace(out + ".tmp", out)
print(f"wrote {out}")

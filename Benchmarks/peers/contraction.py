"""Contraction hierarchies on DIMACS/PACE road graphs: corridor against RoutingKit (the
reference C++ implementation, ../shared/peers/routingkit, built and timed by its own `run`
script) in the same run, on the same graph and weight rule.

For each graph: the contraction with each tool's own node order (one thread each), and the
re-contraction of the same topology in the order the first build found (what a new weight
profile costs: RoutingKit's ch_given_rank_s, corridor's `recontractSeconds`). Ratios are
corridor's time over RoutingKit's (below 1: corridor faster).

Usage: python contraction.py CORRIDOR_BINARY ROUTINGKIT_RUN GRAPH.gr.xz [GRAPH ...] [--json OUT]
"""
import argparse
import json
import os
import subprocess
import sys


def corridor(binary, graph):
    out = subprocess.run([binary, "bench", "trees", "--dimacs", graph, "--sources", "8", "--threads", "1",
                          "--json", "--quiet"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def routingkit(run, graph):
    out = subprocess.run(["bash", run, graph], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("routingkit_run")
    ap.add_argument("graphs", nargs="+")
    ap.add_argument("--json")
    a = ap.parse_args()
    rows = []
    for g in a.graphs:
        c = corridor(a.binary, g)
        r = routingkit(a.routingkit_run, g)
        rows.append({
            "graph": os.path.basename(g), "nodes": c["nodes"],
            "corridor_ch_s": c["chSeconds"], "routingkit_ch_s": r["ch_build_s"],
            "ch_ratio": c["chSeconds"] / r["ch_build_s"],
            "corridor_given_order_s": c["recontractSeconds"], "routingkit_given_rank_s": r["ch_given_rank_s"],
            "given_order_ratio": c["recontractSeconds"] / r["ch_given_rank_s"],
            "corridor_shortcuts": c["shortcuts"],
        })
    print("| graph | nodes | corridor CH (s) | RoutingKit CH (s) | ratio | corridor given order (s) | RoutingKit given rank (s) | ratio | corridor shortcuts |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['graph']} | {r['nodes']:,} | {r['corridor_ch_s']:.2f} | {r['routingkit_ch_s']:.2f} | {r['ch_ratio']:.2f} | "
              f"{r['corridor_given_order_s']:.2f} | {r['routingkit_given_rank_s']:.2f} | {r['given_order_ratio']:.2f} | {r['corridor_shortcuts']:,} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())

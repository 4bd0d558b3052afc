"""Traffic assignment against AequilibraE in the same run: corridor's biconjugate Frank-Wolfe and
path-based gradient projection against AequilibraE's biconjugate Frank-Wolfe (its fastest), to a
relative gap on TNTP networks (Chicago Sketch with its trip table doubled, as its README advises for
algorithm tests; Berlin-Center), same threads, same BPR costs, same centroid rule; plus the
seconds per all-or-nothing loading.

Zero free-flow times (centroid connectors) become 1e-6 minutes for both tools, as AequilibraE
refuses zeros. Times cover the assignment alone (corridor's `seconds` field, AequilibraE's execute()); network
reading and graph preparation are left out of both. The two results must agree before a ratio
is quoted: total travel time within 0.5 % and the largest link-flow difference reported.

Usage: python assignment.py CORRIDOR_BINARY DATA_DIR [--networks Chicago-Sketch,Berlin-Center]
       [--gap 1e-4] [--threads N] [--repeat R] [--json OUT]
"""
import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from common import write_result

EPSILON_MINUTES = 1e-6

SCALE = {"Chicago-Sketch": 2.0}


def read_tntp(folder):
    """(zones, first_thru, links as arrays, demand zones×zones) from a TNTP folder."""
    net = [f for f in os.listdir(folder) if f.endswith("_net.tntp")][0]
    trips = net.replace("_net.tntp", "_trips.tntp")
    meta, rows = {}, []
    with open(os.path.join(folder, net)) as f:
        for line in f:
            s = line.strip()
            if s.startswith("<"):
                k, _, v = s[1:].partition(">")
                meta[k.strip().upper()] = v.strip()
            elif s and not s.startswith("~"):
                rows.append([float(x) for x in s.split(";")[0].split()])
    zones = int(meta["NUMBER OF ZONES"])
    first_thru = int(meta.get("FIRST THRU NODE", "1"))
    links = np.array(rows)
    demand = np.zeros((zones, zones))
    with open(os.path.join(folder, trips)) as f:
        origin = None
        for line in f:
            s = line.strip()
            if s.lower().startswith("origin"):
                origin = int(s.split()[1]) - 1
            elif origin is not None and ":" in s:
                for entry in s.split(";"):
                    if ":" in entry:
                        d, t = entry.split(":")
                        demand[origin, int(d) - 1] += float(t)
    return zones, first_thru, links, demand


def same_inputs(folder, links):
    """AequilibraE refuses links with a free-flow time of 0 (Chicago Sketch's and Berlin-Center's
    centroid connectors). Both tools then read a copy whose zero times are EPSILON_MINUTES, so
    they see the same network. Returns the folder both read and the links array."""
    if not (links[:, 4] <= 0).any():
        return folder, links
    links = links.copy()
    links[links[:, 4] <= 0, 4] = EPSILON_MINUTES
    out = tempfile.mkdtemp(prefix="tntp-")
    net = [f for f in os.listdir(folder) if f.endswith("_net.tntp")][0]
    trips = net.replace("_net.tntp", "_trips.tntp")
    with open(os.path.join(folder, net)) as f, open(os.path.join(out, net), "w") as g:
        for line in f:
            s = line.strip()
            if s and not s.startswith("<") and not s.startswith("~"):
                fields = s.split(";")[0].split()
                if float(fields[4]) <= 0:
                    fields[4] = repr(EPSILON_MINUTES)
                g.write("\t" + "\t".join(fields) + "\t;\n")
            else:
                g.write(line)
    os.symlink(os.path.abspath(os.path.join(folder, trips)), os.path.join(out, trips))
    return out, links


def run_corridor(binary, folder, algorithm, gap, threads, scale, max_iter):
    out = os.path.join(tempfile.mkdtemp(), "flows.json")
    subprocess.run([binary, "assign", "--tntp", folder, "--algorithm", algorithm, "--gap", str(gap),
                    "--threads", str(threads), "--demand-scale", str(scale), "--max-iterations", str(max_iter),
                    "--quiet", "-o", out], check=True, capture_output=True, text=True)
    with open(out) as f:
        r = json.load(f)
    return r


def run_aequilibrae(zones, first_thru, links, demand, algorithm, gap, threads, max_iter):
    import pandas as pd
    from aequilibrae.matrix import AequilibraeMatrix
    from aequilibrae.paths import Graph, TrafficAssignment, TrafficClass

    n = len(links)
    net = pd.DataFrame({
        "link_id": np.arange(1, n + 1), "a_node": links[:, 0].astype(np.int64), "b_node": links[:, 1].astype(np.int64),
        "direction": np.ones(n, dtype=np.int8), "capacity": links[:, 2], "free_flow_time": links[:, 4],
        "b": links[:, 5], "power": links[:, 6],
    })
    net["id"] = net["link_id"]
    g = Graph()
    g.network = net
    g.network_ok = True
    g.status = "OK"
    centroids = np.arange(1, zones + 1, dtype=np.int64)
    g.prepare_graph(centroids)
    g.set_graph("free_flow_time")
    g.set_skimming([])
    g.set_blocked_centroid_flows(first_thru > 1)
    m = AequilibraeMatrix()
    m.create_empty(zones=zones, matrix_names=["demand"], memory_only=True)
    m.index[:] = centroids
    m.matrices[:, :, 0] = demand
    m.computational_view(["demand"])
    tc = TrafficClass("car", g, m)
    ta = TrafficAssignment()
    ta.set_classes([tc])
    ta.set_vdf("BPR")
    ta.set_vdf_parameters({"alpha": "b", "beta": "power"})
    ta.set_capacity_field("capacity")
    ta.set_time_field("free_flow_time")
    ta.set_cores(threads)
    ta.set_algorithm(algorithm)
    ta.max_iter = max_iter
    ta.rgap_target = gap
    with contextlib.redirect_stderr(io.StringIO()):  # its progress bars
        t = time.perf_counter()
        ta.execute()
        seconds = time.perf_counter() - t
    res = ta.results()
    flows = np.zeros(n)
    ids = res.index.to_numpy() if "link_id" not in res.columns else res["link_id"].to_numpy()
    col = "PCE_AB" if "PCE_AB" in res.columns else [c for c in res.columns if c.endswith("_AB")][0]
    flows[ids - 1] = res[col].to_numpy()
    report = ta.report()
    gap = float(report["rgap"].iloc[-1]) if len(report) else float("nan")  # all-or-nothing reports none
    return {"seconds": seconds, "iterations": max(1, int(len(report))), "gap": gap, "flows": flows}


def bpr_tstt(links, flows):
    t0, cap, b, p = links[:, 4], links[:, 2], links[:, 5], links[:, 6]
    with np.errstate(divide="ignore", invalid="ignore"):
        cost = t0 * (1 + b * np.where(cap > 0, flows / cap, 0) ** p)
    return float(np.sum(flows * cost))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("data")
    ap.add_argument("--networks", default="Chicago-Sketch,Berlin-Center")
    ap.add_argument("--gap", type=float, default=1e-4)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--max-iterations", type=int, default=2000)
    ap.add_argument("--json")
    a = ap.parse_args()
    rows = []
    print(f"| network | tool | iterations | final gap | s to gap {a.gap:g} | s per AON | TSTT | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name in a.networks.split(","):
        folder = os.path.join(a.data, name)
        zones, first_thru, links, demand = read_tntp(folder)
        folder, links = same_inputs(folder, links)
        scale = SCALE.get(name, 1.0)
        demand = demand * scale
        best_c, best_a = {}, None
        for _ in range(a.repeat):
            for algo in ("bfw", "gp"):
                c = run_corridor(a.binary, folder, algo, a.gap, a.threads, scale, a.max_iterations)
                if algo not in best_c or c["seconds"] < best_c[algo]["seconds"]:
                    best_c[algo] = c
            q = run_aequilibrae(zones, first_thru, links, demand, "bfw", a.gap, a.threads, a.max_iterations)
            if best_a is None or q["seconds"] < best_a["seconds"]:
                best_a = q
        aon_c = min(run_corridor(a.binary, folder, "aon", a.gap, a.threads, scale, 1)["seconds"] / 2 for _ in range(3))
        aon_a = min(run_aequilibrae(zones, first_thru, links, demand, "all-or-nothing", a.gap, a.threads, 1)["seconds"]
                    for _ in range(3))
        label = f"{name} (x{scale:g})" if scale != 1 else name
        tstt_a = bpr_tstt(links, best_a["flows"])
        row = {"network": name, "demand_scale": scale, "threads": a.threads, "gap_target": a.gap,
               "aequilibrae": {"algorithm": "bfw", "iterations": best_a["iterations"], "gap": best_a["gap"], "seconds": best_a["seconds"],
                               "seconds_per_aon": aon_a, "tstt": tstt_a}}
        for algo, c in best_c.items():
            fc = np.array(c["linkFlows"])
            tstt_c = bpr_tstt(links, fc)
            agree = abs(tstt_c - tstt_a) / tstt_a
            maxdiff = float(np.max(np.abs(fc - best_a["flows"])) / np.max(best_a["flows"]))
            if agree > 5e-3:
                print(f"{name} ({algo}): total travel time disagrees by {agree:.2%}; no ratio quoted", file=sys.stderr)
                sys.exit(1)
            ratio = best_a["seconds"] / c["seconds"]
            print(f"| {label} | corridor {algo} | {len(c['history'])} | {c['relativeGap']:.2e} | {c['seconds']:.3f} | {aon_c:.4f} | {tstt_c:.6g} | {ratio:.1f}x |")
            row[f"corridor_{algo}"] = {"iterations": len(c["history"]), "gap": c["relativeGap"], "seconds": c["seconds"],
                                       "seconds_per_aon": aon_c, "tstt": tstt_c, "tstt_relative_difference": agree,
                                       "max_link_flow_difference_of_max_flow": maxdiff, "ratio_time_to_gap": ratio}
        print(f"| {label} | AequilibraE bfw | {best_a['iterations']} | {best_a['gap']:.2e} | {best_a['seconds']:.3f} | {aon_a:.4f} | {tstt_a:.6g} | 1 |")
        row["ratio_aon"] = aon_a / aon_c
        rows.append(row)
    print()
    print(f"Threads: {a.threads}. Ratio: AequilibraE's seconds to the gap over corridor's. Flows agree: "
          + ", ".join(f"{r['network']} {algo} TSTT within {r['corridor_' + algo]['tstt_relative_difference']:.1e}, largest link difference "
                      f"{r['corridor_' + algo]['max_link_flow_difference_of_max_flow']:.1e} of the largest flow"
                      for r in rows for algo in ("bfw", "gp")))
    if a.json:
        write_result(a.json, {"assignment": rows})


if __name__ == "__main__":
    main()

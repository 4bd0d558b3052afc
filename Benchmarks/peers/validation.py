"""Validation timing and fit: `corridor validate` on a region (5 folds, held out), timed
against the 5-minute target of issue #37, with what the goals measure: held-out Spearman and
R² of log(1+count) as predicted per border, and how many of each border's five largest
counted ports are predicted within a factor of 2. No other tool computes these, so there is
no peer; the figures are tracked from release to release.

Usage: python validation.py CORRIDOR_BINARY [--region north-america] [--threads N] [--json OUT]
"""
import argparse
import json
import os
import subprocess
import time

from common import write_result

TARGET_SECONDS = 300


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--region", default="north-america")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--json")
    a = ap.parse_args()
    cmd = [a.binary, "validate", "--region", a.region, "--folds", "5", "--threads", str(a.threads), "--quiet", "--json"]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    segments = json.loads(out)
    print(f"`corridor validate --region {a.region}`: {seconds:.1f} s on {a.threads} threads (target {TARGET_SECONDS} s)")
    print()
    print("| segment | border | ports | Spearman held out | R² log(1+n) as predicted | largest within ×2 |")
    print("|---|---|---:|---:|---:|---:|")
    rows = []
    for s in segments:
        for border, st in sorted(s["statistics"].items()):
            largest = [p for p in s["largestPorts"] if p["border"] == border]
            within = sum(1 for p in largest if p["withinFactorTwo"])
            print(f"| {s['name']} | {border} | {st['count']} | {st['spearman']:.3f} | {st['r2Log1pAsIs']:.2f} | {within} of {len(largest)} |")
            rows.append({"segment": s["name"], "border": border, "ports": st["count"], "spearman": st["spearman"],
                         "r2_log1p_as_is": st["r2Log1pAsIs"], "largest_within_factor_two": within, "largest": len(largest)})
    print()
    print("After matrix estimation (ODME): GEH < 5 on hourly flows in sample (goal >= 0.85), Spearman held out")
    for s in segments:
        e = s.get("estimation")
        if not e:
            continue
        for border, st in sorted(e["inSample"].items()):
            held = e["heldOut"].get(border, {})
            print(f"  {s['name']} {border}: {st['gehHourlyBelow5Share']:.2f} in sample, Spearman {held.get('spearman', float('nan')):.3f} held out")
            rows.append({"segment": s["name"], "border": border, "odme_geh_hourly_in_sample": st["gehHourlyBelow5Share"],
                         "odme_spearman_held_out": held.get("spearman")})
    if a.json:
        write_result(a.json, {"validation": {"region": a.region, "seconds": seconds, "threads": a.threads,
                                             "target_seconds": TARGET_SECONDS, "borders": rows}})


if __name__ == "__main__":
    main()

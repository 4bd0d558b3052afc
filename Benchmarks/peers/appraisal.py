"""Appraisal timing: `corridor appraise --all-presets` on a region, best of R runs, with the
number of scenario evaluations it needed (the full option, its operation subsets for the
Shapley values and spillovers). No other tool computes these, so there is no peer; the
figure is tracked from release to release.

Usage: python appraisal.py CORRIDOR_BINARY [--regions korea,northeast-asia] [--threads N] [--repeat R] [--json OUT]
"""
import argparse
import json
import os
import subprocess
import time

from common import best, write_result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--regions", default="korea,northeast-asia")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    a = ap.parse_args()
    rows = []
    print("| region | presets | host countries (max) | seconds (best of %d) |" % a.repeat)
    print("|---|---:|---:|---:|")
    for region in a.regions.split(","):
        cmd = [a.binary, "appraise", "--region", region, "--all-presets", "--land", "--threads", str(a.threads), "--quiet", "--json"]
        seconds, out = best(lambda: subprocess.run(cmd, check=True, capture_output=True, text=True).stdout, a.repeat)
        results = json.loads(out)
        hosts = max(len(r["hosts"]) for r in results)
        print(f"| {region} | {len(results)} | {hosts} | {seconds:.2f} |")
        rows.append({"region": region, "presets": len(results), "max_hosts": hosts, "seconds": seconds, "threads": a.threads})
    if a.json:
        write_result(a.json, {"appraisal": rows})


if __name__ == "__main__":
    main()

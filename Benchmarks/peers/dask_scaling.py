"""Scale-out on a Dask cluster: the sharded jobs (corridor-dask, Distributed/) on 1 and 2
local workers against the single process, on north-america (or --region).

Jobs (each shard a `corridor` process with --threads 1, reading a compiled network file):
  - per-node accessibility: `access --per-node` (10,636 place trees summed at 102k nodes);
  - the scenario sweep: `scenario --all-presets --land` (each option one evaluation).
For each: the single process with --threads 1 (T_single), then K shards on a LocalCluster with
1 worker (T_1) and with 2 workers (T_2), every merged output checked byte-identical to the
single-process output. Scaling efficiency = T_1 / (2 T_2) (1.0 is perfect on 2 workers).
Overhead per task = (T_1 - T_single) / (K - 1): what each extra shard costs (process start,
network load, baseline, Dask round trip, part write and read). Also timed: loading the
compiled network alone (`corridor stats --network`), an empty Dask task's round trip, and the
merge.

Usage: python dask_scaling.py CORRIDOR_BINARY [--region north-america] [--shards 4] [--repeat 1] [--json OUT]
"""
import argparse
import filecmp
import json
import os
import platform
import subprocess
import sys
import tempfile
import time


def write_result(path, payload):
    """As common.write_result (which needs numpy, not in this venv): stamped JSON, renamed into place."""
    stamped = {"date": time.strftime("%Y-%m-%d"), "machine": platform.platform(), "cores": os.cpu_count(), **payload}
    with open(path + ".tmp", "w") as f:
        json.dump(stamped, f, indent=1)
    os.replace(path + ".tmp", path)


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("--region", default="north-america")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--json")
    args = ap.parse_args()
    from distributed import Client, LocalCluster
    from corridor_dask import run_sharded

    corridor = os.path.abspath(args.corridor)
    with tempfile.TemporaryDirectory(prefix="corridor-dask-bench-") as tmp:
        network = os.path.join(tmp, f"{args.region}.corridor")
        subprocess.run([corridor, "build", "--region", args.region, "--quiet", "-o", network], check=True, capture_output=True)
        load, _ = timed(lambda: subprocess.run([corridor, "stats", "--network", network], check=True, capture_output=True))
        jobs = {
            "per-node accessibility": ["access", "--network", network, "--per-node", "--threads", "1", "--quiet"],
            "scenario sweep": ["scenario", "--network", network, "--all-presets", "--land", "--threads", "1", "--quiet"],
        }
        rows = []
        clusters = {}
        try:
            for workers in (1, 2):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
                clusters[workers] = (cluster, Client(cluster))
            client1 = clusters[1][1]
            noop = min(timed(lambda: client1.submit(int, "1", pure=False).result())[0] for _ in range(20))
            for name, job in jobs.items():
                single_out = os.path.join(tmp, "single.json")
                t_single, _ = timed(lambda: subprocess.run([corridor, *job, "-o", single_out], check=True, capture_output=True))
                row = {"job": name, "single_s": t_single, "shards": args.shards}
                for workers, (_, client) in clusters.items():
                    out = os.path.join(tmp, f"merged-{workers}.json")
                    t, proc = timed(lambda: run_sharded(client, corridor, [*job, "-o", out], args.shards, workdir=os.path.join(tmp, "parts")))
                    if proc.returncode != 0:
                        sys.exit(f"{name}: sharded run failed: {proc.stderr.decode()}")
                    if not filecmp.cmp(single_out, out, shallow=False):
                        sys.exit(f"{name}: merged output on {workers} workers differs from the single process")
                    row[f"workers{workers}_s"] = t
                # The merge alone, from kept parts.
                parts_dir = os.path.join(tmp, "kept")
                run_sharded(clusters[2][1], corridor, [*job, "-o", os.path.join(tmp, "m.json")], args.shards, workdir=parts_dir, keep_parts=True)
                parts = sorted(os.path.join(parts_dir, p) for p in os.listdir(parts_dir) if p.endswith(".jsonl"))
                row["merge_s"], _ = timed(lambda: subprocess.run([corridor, "merge", *parts, "--quiet", "-o", os.path.join(tmp, "m2.json")], check=True, capture_output=True))
                for p in parts:
                    os.unlink(p)
                row["identical"] = True
                row["efficiency_2_workers"] = row["workers1_s"] / (2 * row["workers2_s"])
                row["speedup_vs_single"] = row["single_s"] / row["workers2_s"]
                row["overhead_per_task_s"] = (row["workers1_s"] - row["single_s"]) / max(1, args.shards - 1)
                rows.append(row)
        finally:
            for cluster, client in clusters.values():
                client.close()
                cluster.close()

    print(f"{args.region}, {args.shards} shards, each shard a corridor process with --threads 1 reading a compiled network; "
          f"network load alone {load:.2f} s, empty Dask task round trip {noop * 1000:.1f} ms")
    print()
    print("| job | single process, s | 1 worker, s | 2 workers, s | efficiency on 2 | speed-up vs single | overhead per task, s | merge, s | identical |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['job']} | {r['single_s']:.2f} | {r['workers1_s']:.2f} | {r['workers2_s']:.2f} | {r['efficiency_2_workers']:.2f} | "
              f"{r['speedup_vs_single']:.2f} | {r['overhead_per_task_s']:.2f} | {r['merge_s']:.2f} | {'yes' if r['identical'] else 'no'} |")
    if args.json:
        write_result(args.json, {"region": args.region, "network_load_s": load, "dask_noop_task_s": noop, "rows": rows})


if __name__ == "__main__":
    main()

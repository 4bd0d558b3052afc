"""What the peer harnesses share: the best of repeated timings, and results written as JSON
stamped with the date and machine, to a temporary file renamed into place."""
import json
import os
import platform
import subprocess
import tempfile
import time

import numpy as np


def best(fn, repeat):
    """The fastest of `repeat` runs of fn() and the value of the last run."""
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def bench_builds(corridor, region, repeat):
    """`corridor bench build` run `repeat` times on a region (from its layers): each run's JSON,
    and the exported nodes and open edges (id,lon,lat and tail,head,seconds rows) as arrays."""
    with tempfile.TemporaryDirectory() as tmp:
        nodes_csv, edges_csv = os.path.join(tmp, "nodes.csv"), os.path.join(tmp, "edges.csv")
        runs = []
        for _ in range(repeat):
            out = subprocess.run([corridor, "bench", "build", "--region", region, "--nodes", nodes_csv,
                                  "--edges", edges_csv, "--json", "--quiet"], check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out))
        return runs, np.loadtxt(nodes_csv, delimiter=",", skiprows=1), np.loadtxt(edges_csv, delimiter=",", skiprows=1)


def write_result(path, payload):
    """Writes payload plus date, machine and core count as JSON at path, atomically."""
    stamped = {"date": time.strftime("%Y-%m-%d"), "machine": platform.platform(), "cores": os.cpu_count(), **payload}
    with open(path + ".tmp", "w") as f:
        json.dump(stamped, f, indent=1)
    os.replace(path + ".tmp", path)

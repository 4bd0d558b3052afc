"""What the peer harnesses share: the best of repeated timings, and results written as JSON
stamped with the date and machine, to a temporary file renamed into place."""
import json
import os
import platform
import time


def best(fn, repeat):
    """The fastest of `repeat` runs of fn() and the value of the last run."""
    times, value = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def write_result(path, payload):
    """Writes payload plus date, machine and core count as JSON at path, atomically."""
    stamped = {"date": time.strftime("%Y-%m-%d"), "machine": platform.platform(), "cores": os.cpu_count(), **payload}
    with open(path + ".tmp", "w") as f:
        json.dump(stamped, f, indent=1)
    os.replace(path + ".tmp", path)

"""corridor_dask: run the shards of a Corridor command on a Dask cluster and merge them.

The command line is ``corridor-dask`` (:mod:`corridor_dask.cli`); the Python API is
:func:`run_sharded` (shards as Dask tasks, then ``corridor merge``), :func:`read_part` and
:func:`verify_parts` (part files of format ``corridor-part/1``) and
:func:`split_output_args` (what goes to the shards, what to the merge); :func:`run_assign`
runs a traffic assignment to equilibrium with every all-or-nothing loading on the cluster.
"""

from .aon import run_assign
from .driver import ShardError, UsageError, check_args, resolve_binary, run_shard, run_sharded, split_output_args
from .parts import FORMAT, Part, PartError, read_part, verify_parts

__all__ = ["FORMAT", "Part", "PartError", "ShardError", "UsageError", "check_args", "read_part", "resolve_binary",
           "run_assign", "run_shard", "run_sharded", "split_output_args", "verify_parts"]
__version__ = "0.1.0"

"""``python -m corridor_dask.aon_worker ...``: the ``--aon-command`` of :mod:`corridor_dask.aon`
(a module of its own, so running it does not import :mod:`corridor_dask.aon` twice)."""

import sys

from .aon import main

if __name__ == "__main__":
    sys.exit(main())

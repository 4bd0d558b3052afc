"""``python -m corridor_dask`` is ``corridor-dask``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

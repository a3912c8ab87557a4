#!/usr/bin/python3
"""report.py RESULT.h5 --out DIR: turn a metasim run.h5 or sweep HDF5 file into PNG plots and
DIR/report.md. See analysis/README.md."""

import os
import sys

# The package lives next to this script; make it importable however the script is invoked.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from metanode_analysis.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

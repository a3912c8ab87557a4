"""Turns metasim run and sweep HDF5 files into PNG plots and a Markdown report.

Entry point: ``analysis/report.py RESULT.h5 --out DIR`` (see ``cli.main``).
"""

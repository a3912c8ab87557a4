"""Command line: ``report.py RESULT.h5 --out DIR``.

Exit codes: 0 the report was written; 2 bad usage, a missing or unrecognised input file, or an
output directory that cannot be created or written (one line ``report.py: error: ...`` on
stderr).
"""

import argparse
import os
import sys

from . import run_report, sweep_report
from .h5util import RUN, ReportError, open_result

PROG = "report.py"


def _parser():
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn a metasim run.h5 or sweep HDF5 file into PNG plots and DIR/report.md.",
    )
    parser.add_argument("result", metavar="RESULT.h5", help="a run's run.h5 or a sweep's file")
    parser.add_argument("--out", metavar="DIR", required=True,
                        help="directory for report.md and the plots (created if missing)")
    return parser


def _prepare_out_dir(out_dir):
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        raise ReportError(f"cannot create output directory {out_dir}: {e.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ReportError(f"output directory {out_dir} is not writable")


def generate(result_path, out_dir):
    """Writes the report for ``result_path`` into ``out_dir``; returns the report.md path.

    Raises ReportError for bad input or an unusable output directory."""
    f, kind = open_result(result_path)
    with f:
        _prepare_out_dir(out_dir)
        builder = run_report if kind == RUN else sweep_report
        try:
            text = builder.build(f, out_dir)
            report_path = os.path.join(out_dir, "report.md")
            with open(report_path, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as e:
            raise ReportError(f"cannot write into {out_dir}: {e}") from None
    return report_path


def main(argv=None):
    """Runs the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        report_path = generate(args.result, args.out)
    except ReportError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    print(f"{PROG}: wrote {report_path}")
    return 0

"""The report for a sweep's HDF5 table (written by ``metasim sweep``).

Contract read here: root attributes ``kind`` = "sweep", ``sweep_name``, ``total_runs``,
``runs_in_file``, ``shard`` (plus ``sweep_json``, ``scenario_json``); group ``/runs`` with one row
per run: ``run_index``, ``point_index``, ``seed``, ``params/<dotted.path>`` (f64 or strings),
``metrics/<name>`` (f64, NaN when missing), ``fingerprint``, ``verdict``, ``failed`` (the
expectations a run failed; absent from older files), ``reproduce``, ``error``.

Sections: sweep identity, run outcomes, pass rate per point (with heatmaps over pairs of swept
parameters), parameters, metrics (those constant across the sweep named in one line),
metric-vs-parameter plots (heatmaps when exactly two parameters vary), sensitivity, then the finality, inclusion delay, validator returns, slashing and auction sections for the
metrics whose names mention them.
"""

import itertools
import os
from collections import Counter
from dataclasses import dataclass

import numpy as np

from . import plots
from .h5util import ReportError, is_string_column, read_columns, root_attrs
from .markdown import Document, fmt, slug, write_csv
from .stats import mean_std, sensitivity

MAX_FAILED_ROWS = 50
MAX_POINT_ROWS = 100
# Pass-rate heatmaps drawn at most (one per pair of varying parameters).
MAX_HEATMAP_PAIRS = 6

IDENTITY_ATTRS = ("sweep_name", "total_runs", "runs_in_file", "shard")

# (heading, substrings selecting metrics by name, description, whether to count runs > 0)
SPECIAL_SECTIONS = (
    ("Finality", ("finality",), "Finality metrics across the sweep.", False),
    ("Inclusion delay", ("inclusion",), "Inclusion-delay metrics across the sweep.", False),
    ("Validator returns vs parameters", ("return", "reward"),
     "Validator return and reward metrics, and the parameters they depend on most.", False),
    ("Slashing outcomes", ("slash",),
     "Slashing metrics; \"runs > 0\" counts runs in which the metric was positive.", True),
    ("Auction", ("auction.",),
     "Auction metrics (docs/metasim.md, \"The auction\"): withholding rate, honest inclusion "
     "rate and latency, clearing price, seal latency, forfeited bonds and partner revenue; "
     "\"runs > 0\" counts runs in which the metric was positive.", True),
)


@dataclass
class Parameter:
    """One swept parameter: its values per run and how it is plotted."""

    name: str
    values: np.ndarray  # float64, or object array of str
    is_string: bool
    present: np.ndarray  # bool per run: the run's point sets this parameter
    distinct: list  # sorted distinct values over the runs that set it
    style: str  # "constant", "grouped" or "scatter"


def build(f, out_dir):
    """Writes the sweep's PNGs into ``out_dir`` and returns the Markdown text."""
    attrs = root_attrs(f)
    runs = read_columns(f["runs"])
    doc = Document()
    doc.heading(1, f"Sweep report: {attrs.get('sweep_name', 'unnamed sweep')}")
    doc.table(["attribute", "value"], [(a, attrs[a]) for a in IDENTITY_ATTRS if a in attrs])
    count = len(next(iter(runs.values()), []))
    if count == 0:
        doc.note("The /runs table has no rows.")
        return doc.text()
    if "verdict" not in runs:
        raise ReportError("/runs has no verdict column")
    runs_in_file = attrs.get("runs_in_file", count)
    total_runs = attrs.get("total_runs", count)
    if isinstance(total_runs, int) and total_runs > count:
        doc.note(f"This file holds {count} of the sweep's {total_runs} runs (one shard); "
                 "statistics cover these runs only.")
    elif runs_in_file != count:
        doc.note(f"runs_in_file says {runs_in_file} but /runs has {count} rows.")

    params = _parameters(runs)
    metrics = {name[len("metrics/"):]: runs[name].astype(np.float64)
               for name in sorted(runs) if name.startswith("metrics/")}
    _outcomes(doc, runs, count, out_dir)
    _pass_rates(doc, runs, params, out_dir)
    _parameter_table(doc, params)
    # Metrics with no value or one value across the runs show nothing in a table, a plot or a
    # fit: each such section lists them in one line instead.
    degenerate = {
        "no run has a value": [m for m, v in metrics.items() if not np.isfinite(v).any()],
        "constant across the runs": [m for m, v in metrics.items()
                                     if np.isfinite(v).any() and np.nanmin(v) == np.nanmax(v)],
    }
    varying = {m: v for m, v in metrics.items()
               if not any(m in names for names in degenerate.values())}
    _metric_table(doc, metrics, varying, degenerate)
    plotted = _metric_plots(doc, varying, params, degenerate, out_dir)
    fits = _sensitivity(doc, metrics, varying, params, degenerate)
    for heading, needles, description, count_positive in SPECIAL_SECTIONS:
        _special(doc, heading, needles, description, count_positive, metrics, fits, plotted)
    return doc.text()


def _parameters(runs):
    params = []
    for column in sorted(runs):
        if not column.startswith("params/"):
            continue
        values = runs[column]
        is_string = is_string_column(values)
        if not is_string:
            values = values.astype(np.float64)
        # A point that does not set the parameter leaves NaN (numbers) or "" (strings).
        present = values != "" if is_string else np.isfinite(values)
        distinct, counts = np.unique(values[present], return_counts=True)
        # Runs sharing a value (several seeds, or a grid over other parameters) are summarised
        # per value; a continuous design (Latin hypercube, one seed) gives every run its own
        # value, and a per-value mean would only redraw the points.
        if len(distinct) <= 1:
            style = "constant"
        elif is_string or counts.max() >= 2:
            style = "grouped"
        else:
            style = "scatter"
        params.append(Parameter(column[len("params/"):], values, is_string, present,
                                list(distinct), style))
    return params


def _outcomes(doc, runs, count, out_dir):
    doc.heading(2, "Run outcomes")
    verdicts = runs["verdict"]
    kinds = sorted(set(verdicts) | {"pass", "fail", "error"})
    doc.table(["verdict", "runs", "fraction"],
              [(v, int(np.count_nonzero(verdicts == v)), np.count_nonzero(verdicts == v) / count)
               for v in kinds])
    bad = [i for i in range(count) if verdicts[i] != "pass"]
    if not bad:
        doc.paragraph("Every run passed.")
        return
    doc.paragraph("Runs that did not pass, with the command that reproduces each:")
    order = sorted(bad, key=lambda i: _column(runs, "run_index", i, i))
    header = ["run", "point", "seed", "verdict", "failed expectations", "error", "reproduce"]
    rows = [(_column(runs, "run_index", i, i), _column(runs, "point_index", i, None),
             _column(runs, "seed", i, None), verdicts[i], _column(runs, "failed", i, ""),
             _column(runs, "error", i, ""), _column(runs, "reproduce", i, ""))
            for i in order]
    write_csv(os.path.join(out_dir, "failed_runs.csv"), header, rows)
    # Code spans keep the commands copyable.
    doc.capped_table(header, [row[:-1] + (f"`{row[-1]}`",) for row in rows], MAX_FAILED_ROWS,
                     "failed_runs.csv")


def _failed_paths(runs, row):
    """The expectation paths run ``row`` failed ("expect.x (observed); expect.y (...)")."""
    text = _column(runs, "failed", row, "")
    if not text or text.startswith("could not run"):
        return []
    return [part.split(" (", 1)[0] for part in text.split("; ")]


def _pass_rates(doc, runs, params, out_dir):
    """Per point: its parameter values, runs, pass rate and the expectations its runs failed;
    then pass-rate heatmaps over pairs of varying parameters."""
    doc.heading(2, "Pass rate per point")
    if "point_index" not in runs:
        doc.note("/runs has no point_index column.")
        return
    points = runs["point_index"]
    passed = runs["verdict"] == "pass"
    varying = [p for p in params if p.style != "constant"]
    rows = []
    for point in np.unique(points):
        mask = points == point
        first = int(np.flatnonzero(mask)[0])
        failed = Counter(path for i in np.flatnonzero(mask) for path in _failed_paths(runs, i))
        rows.append([int(point)] + [_param_value(p, first) for p in varying] +
                    [int(mask.sum()), int(passed[mask].sum()), float(passed[mask].mean()),
                     ", ".join(f"{path} ×{n}" for path, n in sorted(failed.items()))])
    header = ["point"] + [p.name for p in varying] + ["runs", "passed", "pass rate",
                                                      "failed expectations"]
    write_csv(os.path.join(out_dir, "pass_rate_per_point.csv"), header, rows)
    doc.capped_table(header, rows, MAX_POINT_ROWS, "pass_rate_per_point.csv")
    numeric_or_grouped = [p for p in varying if p.style == "grouped"]
    pairs = list(itertools.combinations(numeric_or_grouped, 2))[:MAX_HEATMAP_PAIRS]
    for x, y in pairs:
        file_name = f"pass_rate_{slug(x.name)}_{slug(y.name)}.png"
        _heatmap(x, y, passed.astype(np.float64), f"pass rate by {x.name} and {y.name}",
                 os.path.join(out_dir, file_name), vmin=0.0, vmax=1.0)
        doc.image(f"pass rate by {x.name} and {y.name}", file_name)


def _param_value(param, row):
    if not param.present[row]:
        return "unset"
    value = param.values[row]
    return value if param.is_string else float(value)


def _heatmap(x, y, values, title, path, vmin=None, vmax=None):
    """Mean of ``values`` per (x value, y value) cell over the runs that set both."""
    grid = np.full((len(y.distinct), len(x.distinct)), np.nan)
    ok = x.present & y.present & np.isfinite(values)
    for (row, yv), (col, xv) in itertools.product(enumerate(y.distinct), enumerate(x.distinct)):
        cell = ok & (y.values == yv) & (x.values == xv)
        if cell.any():
            grid[row, col] = values[cell].mean()
    plots.heatmap(x.distinct, y.distinct, grid, x.name, y.name, title, path, vmin, vmax)


def _column(runs, name, row, default):
    if name not in runs:
        return default
    value = runs[name][row]
    return value.item() if isinstance(value, np.generic) else value


def _parameter_table(doc, params):
    doc.heading(2, "Swept parameters")
    if not params:
        doc.note("The sweep has no params/ columns.")
        return
    rows = []
    for p in params:
        low = high = None
        if not p.is_string and p.distinct:
            low, high = float(p.distinct[0]), float(p.distinct[-1])
        rows.append((p.name, "string" if p.is_string else "numeric", len(p.distinct),
                     int(np.count_nonzero(~p.present)), low, high, p.style))
    doc.paragraph("Unset: runs whose point does not set the parameter (left out of its plot and, "
                  "for numeric parameters, of the fits). Plot style: grouped = mean ± std of the "
                  "metric over the runs sharing each value; scatter = one point per run (every "
                  "run has its own value: a continuous parameter); constant = not plotted or "
                  "fitted.")
    doc.table(["parameter", "type", "distinct values", "unset", "min", "max", "plot"], rows)


def _metric_table(doc, metrics, varying, degenerate):
    doc.heading(2, "Metrics")
    if not metrics:
        doc.note("The sweep has no metrics/ columns.")
        return
    _degenerate_notes(doc, degenerate, "left out")
    rows = []
    for name, values in varying.items():
        mean, std, n = mean_std(values)
        finite = values[np.isfinite(values)]
        rows.append((name, n, len(values) - n, mean, std,
                     finite.min() if n else None, finite.max() if n else None))
    doc.paragraph("Across all runs; missing = runs without a value (NaN).")
    doc.table(["metric", "runs", "missing", "mean", "std", "min", "max"], rows)


def _degenerate_notes(doc, degenerate, action):
    for why, names in degenerate.items():
        if names:
            doc.note(f"{action.capitalize()}, {why}: {', '.join(names)}.")


def _metric_plots(doc, metrics, params, degenerate, out_dir):
    """Draws one PNG per metric in ``metrics`` (one panel per varying parameter); returns
    {metric: file name}."""
    doc.heading(2, "Metrics vs parameters")
    varying = [p for p in params if p.style != "constant"]
    plotted = {}
    if not varying:
        doc.note("No parameter varies across the runs, so there is nothing to plot against.")
        return plotted
    _degenerate_notes(doc, degenerate, "not plotted")
    # Two varying parameters on a grid: a heatmap of the metric's mean shows their interaction,
    # which two one-parameter panels average away.
    pair = varying if len(varying) == 2 and all(p.style == "grouped" for p in varying) else None
    for name, values in metrics.items():
        ok = np.isfinite(values)
        panels = [_panel(p, values, ok) for p in varying]
        file_name = f"metric_{slug(name)}.png"
        plots.metric_vs_parameters(name, panels, os.path.join(out_dir, file_name))
        plotted[name] = file_name
        doc.heading(3, name)
        doc.image(f"{name} vs parameters", file_name)
        if pair:
            heat_name = f"metric_{slug(name)}_heatmap.png"
            _heatmap(pair[0], pair[1], values, f"mean {name}", os.path.join(out_dir, heat_name))
            doc.image(f"mean {name} by {pair[0].name} and {pair[1].name}", heat_name)
    return plotted


def _panel(param, metric, ok):
    ok = ok & param.present
    x = param.values[ok]
    y = metric[ok]
    if param.style == "scatter":
        return {"name": param.name, "style": "scatter", "x": x, "y": y}
    groups = [(value, y[x == value]) for value in param.distinct if np.any(x == value)]
    return {
        "name": param.name,
        "style": "grouped",
        "x": [value if param.is_string else float(value) for value, _ in groups],
        "mean": [float(g.mean()) for _, g in groups],
        "std": [float(g.std()) for _, g in groups],
        "n": [int(g.size) for _, g in groups],
    }


def _sensitivity(doc, metrics, varying, params, degenerate):
    """Fits every metric on the standardized numeric parameters and tabulates the fits of the
    ``varying`` ones; returns {metric: Sensitivity} for all ``metrics``."""
    doc.heading(2, "Sensitivity")
    numeric = {p.name: p.values for p in params if not p.is_string and p.style != "constant"}
    strings = [p.name for p in params if p.is_string and p.style != "constant"]
    doc.paragraph(
        "For each metric, a least-squares fit on all varying numeric parameters jointly, both "
        "standardized (mean 0, std 1), over the runs where the metric has a value. The "
        "coefficient is the change of the metric, in standard deviations, per standard "
        "deviation of the parameter with the others held fixed; R² is the fraction of the "
        "metric's variance the fit explains. Univariate slope: least-squares slope of the metric "
        "on that parameter alone, in metric units per parameter unit; r: their correlation. "
        "Parameters are ranked by |coefficient|."
    )
    if strings:
        doc.note("String parameters are not fitted (see their plots): " + ", ".join(strings))
    fits = {name: sensitivity(name, values, numeric) for name, values in metrics.items()}
    _degenerate_notes(doc, degenerate, "not fitted")
    if not varying:
        return fits
    overview = []
    for name in varying:
        fit = fits[name]
        if fit.reason:
            overview.append((name, fit.n, None, None, None, fit.reason))
            continue
        top = fit.ranked()[0]
        note = "underdetermined: no more runs than unknowns" if fit.underdetermined else ""
        overview.append((name, fit.n, fit.r2, top, fit.coefficients[top], note))
    doc.table(["metric", "runs", "R²", "top parameter", "coefficient", "note"], overview)
    for name in varying:
        fit = fits[name]
        if fit.reason:
            continue
        doc.heading(3, f"Sensitivity of {name}")
        rows = []
        for rank, p in enumerate(fit.ranked(), start=1):
            rows.append((rank, p, fit.coefficients[p], fit.slopes[p], fit.correlations[p]))
        doc.paragraph(f"R² = {fmt(fit.r2)} over {fit.n} runs.")
        doc.table(["rank", "parameter", "coefficient", "univariate slope", "r"], rows)
    return fits


def _special(doc, heading, needles, description, count_positive, metrics, fits, plotted):
    """A summary table of the metrics whose lower-cased names contain one of ``needles``."""
    doc.heading(2, heading)
    names = [m for m in metrics if any(n in m.lower() for n in needles)]
    if not names:
        doc.note("No metric name contains " + " or ".join(f'"{n}"' for n in needles) + ".")
        return
    doc.paragraph(description)
    rows = []
    for name in names:
        values = metrics[name]
        mean, std, n = mean_std(values)
        finite = values[np.isfinite(values)]
        fit = fits[name]
        top = fit.ranked()[0] if not fit.reason else None
        row = [name, n, mean, std, finite.min() if n else None, finite.max() if n else None,
               None if fit.reason else fit.r2,
               f"{top} ({fmt(fit.coefficients[top])})" if top else fit.reason]
        if count_positive:
            row.insert(2, int(np.count_nonzero(finite > 0)))
        rows.append(row)
    header = ["metric", "runs", "mean", "std", "min", "max", "R²", "most influential parameter"]
    if count_positive:
        header.insert(2, "runs > 0")
    doc.table(header, rows)
    links = [f"[{name}]({plotted[name]})" for name in names if name in plotted]
    if links:
        doc.paragraph("Plots: " + ", ".join(links))

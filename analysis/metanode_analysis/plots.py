"""PNG figures, drawn with matplotlib's Agg backend (no display needed).

Every function writes one PNG to ``path`` and closes its figure, so long reports do not
accumulate open figures.
"""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

from .stats import finite  # noqa: E402

DPI = 100


def _save(fig, path):
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)


def _bins(values):
    """Histogram bins: at most 50, fewer for small samples; a single bin for constant data."""
    if values.size == 0 or values.min() == values.max():
        return 1
    return int(min(50, max(5, math.ceil(math.sqrt(values.size)))))


def histogram_cdf(values, xlabel, title, path):
    """Histogram (left) and empirical CDF (right) of the finite entries of ``values``."""
    v = np.sort(finite(values))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.hist(v, bins=_bins(v), color="tab:blue", edgecolor="white")
    left.set_xlabel(xlabel)
    left.set_ylabel("count")
    left.set_title(title)
    right.step(v, np.arange(1, v.size + 1) / max(v.size, 1), where="post", color="tab:blue")
    for q, style in ((50, ":"), (90, "--"), (99, "-.")):
        if v.size:
            right.axvline(np.percentile(v, q), color="gray", linestyle=style, label=f"p{q}")
    right.set_xlabel(xlabel)
    right.set_ylabel("fraction ≤ x")
    right.set_ylim(0, 1.02)
    right.set_title("CDF")
    if v.size:
        right.legend(loc="lower right")
    _save(fig, path)


def histograms(panels, path):
    """Side-by-side histograms; ``panels`` is a list of ``(values, xlabel, title)``."""
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4), squeeze=False)
    for ax, (values, xlabel, title) in zip(axes[0], panels):
        v = finite(values)
        ax.hist(v, bins=_bins(v), color="tab:blue", edgecolor="white")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("count")
        ax.set_title(title)
    _save(fig, path)


def time_series(x, panels, xlabel, path):
    """Stacked line plots sharing the x axis; ``panels`` is a list of ``(title, {label: y})``."""
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, 3.2 * len(panels)), sharex=True,
                             squeeze=False)
    for ax, (title, series) in zip(axes[:, 0], panels):
        for label in sorted(series):
            ax.plot(x, series[label], label=label, drawstyle="steps-post")
        ax.set_title(title)
        ax.legend(loc="best", fontsize="small")
        if series and all(wide_positive(y) for y in series.values()):
            ax.set_yscale("log")
        else:
            # No offset: an axis reading "+1.15e18" hides the absolute level of a supply curve.
            ax.ticklabel_format(axis="y", useOffset=False)
    axes[-1, 0].set_xlabel(xlabel)
    _save(fig, path)


def bars(labels, panels, path):
    """Bar charts over the same categories; ``panels`` is a list of ``(title, values)``."""
    width = max(6.0, min(20.0, 0.3 * len(labels)))
    fig, axes = plt.subplots(len(panels), 1, figsize=(width, 3.2 * len(panels)), sharex=True,
                             squeeze=False)
    positions = np.arange(len(labels))
    for ax, (title, values) in zip(axes[:, 0], panels):
        ax.bar(positions, np.asarray(values, dtype=np.float64), color="tab:blue")
        ax.set_title(title)
    axes[-1, 0].set_xticks(positions)
    axes[-1, 0].set_xticklabels(labels, rotation=90 if len(labels) > 12 else 0, fontsize="small")
    _save(fig, path)


def scatter(x, y, xlabel, ylabel, title, path):
    """One scatter plot of ``y`` against ``x``."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.scatter(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), s=18)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    _save(fig, path)


# Positive data spanning at least this ratio (two orders of magnitude) is drawn on a log axis,
# where a linear one would flatten all but the largest values against zero.
LOG_SCALE_RATIO = 100.0


def wide_positive(values):
    """True if the finite entries of ``values`` are all positive and span LOG_SCALE_RATIO."""
    try:
        v = finite(np.asarray(values, dtype=np.float64))
    except (TypeError, ValueError):
        return False  # category labels
    return v.size >= 2 and v.min() > 0 and v.max() / v.min() >= LOG_SCALE_RATIO


def heatmap(x_labels, y_labels, grid, xlabel, ylabel, title, path, vmin=None, vmax=None):
    """A heatmap of ``grid`` (rows follow ``y_labels``, columns ``x_labels``; NaN cells blank),
    each cell annotated with its value."""
    grid = np.asarray(grid, dtype=np.float64)
    fig, ax = plt.subplots(figsize=(max(5.0, 0.9 * len(x_labels) + 2.5),
                                    max(3.5, 0.5 * len(y_labels) + 2.0)))
    image = ax.imshow(np.ma.masked_invalid(grid), origin="lower", aspect="auto", cmap="viridis",
                      vmin=vmin, vmax=vmax)
    fig.colorbar(image, ax=ax)
    ax.set_xticks(np.arange(len(x_labels)))
    ax.set_xticklabels([str(v) for v in x_labels], rotation=30, fontsize="small")
    ax.set_yticks(np.arange(len(y_labels)))
    ax.set_yticklabels([str(v) for v in y_labels], fontsize="small")
    for (row, col), value in np.ndenumerate(grid):
        if np.isfinite(value):
            ax.text(col, row, f"{value:.3g}", ha="center", va="center", fontsize="x-small",
                    color="white")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    _save(fig, path)


def metric_vs_parameters(metric, panels, path):
    """One panel per parameter for one metric.

    ``panels`` is a list of dicts with ``name`` and ``style``:
    - "grouped": ``x`` (distinct values, numeric or category labels), ``mean``, ``std``, ``n``
      drawn as mean ± std error bars (categories are spaced evenly);
    - "scatter": ``x``, ``y`` drawn as one point per run.
    An axis whose values are positive and span two orders of magnitude is logarithmic.
    """
    cols = min(3, len(panels))
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.8 * rows), squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        if panel["style"] == "scatter":
            ax.scatter(panel["x"], panel["y"], s=14, alpha=0.7)
            ax.set_title("one point per run", fontsize="small")
        else:
            ax.set_title("mean ± std per value", fontsize="small")
            categorical = any(isinstance(v, str) for v in panel["x"])
            x = np.arange(len(panel["x"])) if categorical else np.asarray(panel["x"], float)
            # Categories have no order to draw a line along.
            ax.errorbar(x, panel["mean"], yerr=panel["std"], fmt="o" if categorical else "o-",
                        capsize=4)
            if categorical:
                ax.set_xticks(x)
                ax.set_xticklabels(panel["x"], rotation=30, fontsize="small")
        if wide_positive(panel["x"]):
            ax.set_xscale("log")
        if wide_positive(panel["y"] if panel["style"] == "scatter" else panel["mean"]):
            ax.set_yscale("log")
        ax.set_xlabel(panel["name"])
        ax.set_ylabel(metric)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle(f"{metric} vs swept parameters")
    _save(fig, path)


def run_timeline(series, spans, marks, path):
    """A run's timeline: height (top) and round (bottom) over time for each validator.

    ``series``: {label: (time_s, height, round)} arrays, drawn as steps; ``spans``: a list of
    ``(start_s, end_s, label, kind)`` windows shaded on both panels (kind "fault" or "adversary");
    ``marks``: a list of ``(time_s, label)`` drawn as vertical lines (slashes).
    """
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    for label in sorted(series, key=_natural):
        t, height, rnd = series[label]
        top.plot(t, height, drawstyle="steps-post", linewidth=1, label=label)
        bottom.plot(t, rnd, drawstyle="steps-post", linewidth=1, label=label)
    colours = {"fault": "tab:red", "adversary": "tab:purple"}
    for ax in (top, bottom):
        for start, end, _, kind in spans:
            ax.axvspan(start, end, color=colours.get(kind, "gray"), alpha=0.12)
        for t, _ in marks:
            ax.axvline(t, color="black", linestyle=":", linewidth=1)
    for start, _, label, kind in spans:
        top.annotate(label, (start, 1.0), xycoords=("data", "axes fraction"), fontsize="x-small",
                     rotation=90, va="top", color=colours.get(kind, "gray"))
    for t, label in marks:
        top.annotate(label, (t, 0.0), xycoords=("data", "axes fraction"), fontsize="x-small",
                     rotation=90, va="bottom")
    top.set_ylabel("height being decided")
    bottom.set_ylabel("round")
    bottom.set_xlabel("simulated time (s)")
    top.set_title("Heights and rounds per validator; shaded: faults (red), adversaries (purple); "
                  "dotted: slashes", fontsize="small")
    if len(series) <= 20:
        top.legend(loc="upper left", fontsize="x-small", ncol=2)
    _save(fig, path)


def _natural(label):
    """Sort key putting v2 before v10."""
    digits = "".join(c for c in label if c.isdigit())
    return (label.rstrip("0123456789"), int(digits) if digits else -1)

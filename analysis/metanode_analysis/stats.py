"""Statistics used by the reports: percentile summaries and the sensitivity fit.

Every function tolerates empty input, NaNs and constant data: it returns NaN (or a result object
with a ``reason``) instead of dividing by zero.
"""

from dataclasses import dataclass, field

import numpy as np

PERCENTILES = (50, 90, 99)

# Dimensionless quantities (standardized coefficients, correlations, R²) below this are rounding
# noise (exact zeros come out as ~1e-17); they are reported as 0 so rankings do not order noise.
NOISE = 1e-10


def _denoise(value):
    return 0.0 if abs(value) < NOISE else float(value)


def finite(values):
    """The finite entries of ``values`` as float64."""
    values = np.asarray(values, dtype=np.float64)
    return values[np.isfinite(values)]


def distribution_summary(values):
    """``{"n", "mean", "min", "p50", "p90", "p99", "max"}`` over the finite entries of
    ``values``; the statistics are NaN when there is none. Percentiles interpolate linearly."""
    v = finite(values)
    if v.size == 0:
        nan = float("nan")
        return {"n": 0, "mean": nan, "min": nan, "p50": nan, "p90": nan, "p99": nan, "max": nan}
    p50, p90, p99 = (float(x) for x in np.percentile(v, PERCENTILES))
    return {
        "n": int(v.size),
        "mean": float(v.mean()),
        "min": float(v.min()),
        "p50": p50,
        "p90": p90,
        "p99": p99,
        "max": float(v.max()),
    }


def mean_std(values):
    """``(mean, population std, n)`` over the finite entries; NaNs when there is none."""
    v = finite(values)
    if v.size == 0:
        return float("nan"), float("nan"), 0
    return float(v.mean()), float(v.std()), int(v.size)


def univariate_slope(x, y):
    """Least-squares slope of ``y`` on ``x`` (units of y per unit of x) and the correlation r.

    Returns ``(nan, nan)`` with fewer than two points or a constant ``x``; r is NaN when ``y``
    is constant (the slope is then 0). A correlation that is rounding noise makes both 0."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 2:
        return float("nan"), float("nan")
    dx = x - x.mean()
    dy = y - y.mean()
    sxx = float(dx @ dx)
    syy = float(dy @ dy)
    if sxx == 0:
        return float("nan"), float("nan")
    if syy == 0:
        return 0.0, float("nan")
    r = _denoise(float(dx @ dy) / np.sqrt(sxx * syy))
    return (float(dx @ dy) / sxx if r else 0.0), r


@dataclass
class Sensitivity:
    """The joint fit of one metric on the standardized parameters.

    ``coefficients[p]`` is the change of the metric, in standard deviations, per standard
    deviation of parameter p with the other parameters held fixed; ``slopes[p]`` and
    ``correlations[p]`` are the univariate slope (raw units) and correlation of the metric on p
    alone. ``reason`` is set (and the fit absent) when the data cannot support one.
    """

    metric: str
    n: int
    parameters: list = field(default_factory=list)  # parameters used in the joint fit
    coefficients: dict = field(default_factory=dict)
    slopes: dict = field(default_factory=dict)
    correlations: dict = field(default_factory=dict)
    r2: float = float("nan")
    underdetermined: bool = False
    reason: str = ""

    def ranked(self):
        """Fitted parameters by decreasing |coefficient|, ties by name (deterministic)."""
        return sorted(self.parameters, key=lambda p: (-abs(self.coefficients[p]), p))


def sensitivity(metric, y, params):
    """Fits ``y`` on every parameter in ``params`` (``{name: float64 array}``) jointly.

    Rows where y or any parameter is not finite are dropped. Parameters constant over the
    remaining rows carry no information and are left out (they get no coefficient). Parameters
    and metric are standardized (mean 0, population std 1) and solved with numpy.linalg.lstsq
    with an intercept; R² = 1 - SS_res / SS_tot. With no more rows than unknowns the fit is exact
    by construction, so it is flagged ``underdetermined``.
    """
    y = np.asarray(y, dtype=np.float64)
    names = sorted(params)
    keep = np.isfinite(y)
    for name in names:
        keep &= np.isfinite(params[name])
    y = y[keep]
    columns = {name: np.asarray(params[name], dtype=np.float64)[keep] for name in names}
    result = Sensitivity(metric=metric, n=int(y.size))
    if y.size < 2:
        result.reason = f"too few runs with a value ({y.size})"
        return result
    for name in names:
        result.slopes[name], result.correlations[name] = univariate_slope(columns[name], y)
    varying = [name for name in names if columns[name].std() > 0]
    if not varying:
        result.reason = "no parameter varies over the runs with a value"
        return result
    y_std = y.std()
    if y_std == 0:
        result.reason = "metric is constant"
        return result
    z = (y - y.mean()) / y_std
    design = np.column_stack(
        [np.ones(y.size)] + [(columns[p] - columns[p].mean()) / columns[p].std() for p in varying]
    )
    beta, _, _, _ = np.linalg.lstsq(design, z, rcond=None)
    residual = z - design @ beta
    result.parameters = varying
    result.coefficients = {p: _denoise(b) for p, b in zip(varying, beta[1:])}
    # z has mean 0 and variance 1, so SS_tot = n. With an intercept R² >= 0; rounding can take it
    # just below.
    result.r2 = max(0.0, _denoise(1.0 - (residual @ residual) / y.size))
    result.underdetermined = y.size <= len(varying) + 1
    return result

"""Reading metasim HDF5 files: kind detection, column groups and string decoding.

metasim writes every table as a group of 1-D datasets of equal length ("columns"); strings are
fixed-length, null-padded byte strings, which h5py returns as ``bytes``.
"""

import os

import h5py
import numpy as np

RUN = "run"
SWEEP = "sweep"


class ReportError(Exception):
    """A problem with the input or the output directory, reported as one line and exit code 2."""


def decode(value):
    """Returns ``value`` as ``str`` when it is a byte string (UTF-8, invalid bytes replaced);
    numpy scalars become the equivalent Python scalar; anything else is returned unchanged."""
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", "replace").rstrip("\0")
    if isinstance(value, np.generic):
        return value.item()
    return value


def open_result(path):
    """Opens ``path`` read-only and returns ``(h5py.File, kind)`` with kind ``RUN`` or ``SWEEP``.

    A sweep file has the root attribute ``kind`` == "sweep" and a ``/runs`` group. A run file
    has a ``format`` attribute starting with "metasim-run" or, for files written before that
    attribute, a ``/nodes`` or ``/heights`` group. Raises ReportError for a missing or unreadable
    file and for a file that is neither kind.
    """
    if not os.path.exists(path):
        raise ReportError(f"no such file: {path}")
    if os.path.isdir(path):
        raise ReportError(f"{path} is a directory, not an HDF5 file")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise ReportError(f"cannot read {path} as HDF5: {e}") from None
    kind = decode(f.attrs.get("kind", ""))
    if kind == SWEEP:
        if not isinstance(f.get("runs"), h5py.Group):
            f.close()
            raise ReportError(f"{path}: sweep file without a /runs group")
        return f, SWEEP
    fmt = decode(f.attrs.get("format", ""))
    if (isinstance(fmt, str) and fmt.startswith("metasim-run")) or any(
        isinstance(f.get(g), h5py.Group) for g in ("nodes", "heights")
    ):
        return f, RUN
    f.close()
    raise ReportError(
        f"{path} is neither a metasim run file (format attribute, /nodes or /heights) "
        'nor a sweep file (kind = "sweep" and /runs)'
    )


def root_attrs(f):
    """All root attributes as a dict of decoded Python values."""
    return {name: decode(f.attrs[name]) for name in sorted(f.attrs)}


def read_columns(group, nested=True):
    """Reads every dataset below ``group`` into a dict ``{relative name: numpy array}``.

    Nested groups are flattened with "/" (so ``/runs`` yields "params/x" and "metrics/y"); with
    ``nested=False`` only the group's own datasets are read (``/auction`` holds its windows, and
    ``/auction/partners`` is a table of its own). String columns come back as numpy object arrays
    of ``str``. Raises ReportError when the columns differ in length, which breaks the
    one-row-per-record contract.
    """
    columns = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            columns[name] = _as_array(obj)

    if nested:
        group.visititems(visit)
    else:
        for name, obj in group.items():
            visit(name, obj)
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        detail = ", ".join(f"{k}={len(v)}" for k, v in sorted(columns.items()))
        raise ReportError(f"{group.name}: columns have different lengths ({detail})")
    return dict(sorted(columns.items()))


def optional_group(f, name, nested=True):
    """Returns the columns of group ``name`` (see read_columns) or None when the file has no
    such group."""
    group = f.get(name)
    if not isinstance(group, h5py.Group):
        return None
    return read_columns(group, nested)


def _as_array(dataset):
    data = dataset[()]
    if np.ndim(data) == 0:
        data = np.asarray([data])
    if data.dtype.kind in ("S", "O", "U"):
        return np.array([decode(v) if not isinstance(v, str) else v for v in data], dtype=object)
    return np.asarray(data)


def is_string_column(values):
    """True for a column decoded from HDF5 strings (numpy object array of str)."""
    return values.dtype == object

#!/usr/bin/python3
"""Exits 0 when two sweep results files hold the same table: every root attribute and every
column of /runs, value for value (NaN equal to NaN), fingerprint for fingerprint. The reproduce
commands are compared with the folder of failed scenarios taken out (out.failed/run-3.json and
mpi.failed/run-3.json are the same run), since it follows the output's name.
With --merged, B is a merge of shards (`shard` = "merged") and that attribute is not compared.
Usage: same_sweep_table.py A.h5 B.h5 [--merged]"""
import math
import re
import sys

import h5py


def columns(group, prefix=""):
    out = {}
    for name, item in group.items():
        if isinstance(item, h5py.Group):
            out.update(columns(item, prefix + name + "/"))
        else:
            out[prefix + name] = list(item[:])
    return out


def same(x, y):
    if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
        return True
    return x == y


def main():
    a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
    problems = []
    keys = set(a.attrs) | set(b.attrs)
    if "--merged" in sys.argv[3:]:
        keys.discard("shard")
        if b.attrs["shard"] != b"merged":
            problems.append("B is not a merged table")
    problems += [f"attribute {k}" for k in sorted(keys) if a.attrs.get(k) != b.attrs.get(k)]
    ca, cb = columns(a["runs"]), columns(b["runs"])
    if sorted(ca) != sorted(cb):
        problems.append(f"columns differ: {sorted(set(ca) ^ set(cb))}")
    for name in sorted(set(ca) & set(cb)):
        x, y = ca[name], cb[name]
        if name == "reproduce":
            x = [re.sub(rb"\S+\.failed/", b"", v) for v in x]
            y = [re.sub(rb"\S+\.failed/", b"", v) for v in y]
        bad = [i for i, (u, v) in enumerate(zip(x, y)) if not same(u, v)]
        if len(x) != len(y) or bad:
            problems.append(f"runs/{name} differs (rows {bad[:5]}, lengths {len(x)}, {len(y)})")
    for p in problems:
        print(f"{sys.argv[1]} vs {sys.argv[2]}: {p}")
    return 1 if problems else 0


sys.exit(main())

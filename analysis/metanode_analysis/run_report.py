"""The report for one run's run.h5 (written by ``metasim run``).

Sections, in order: run identity, timeline (heights and rounds per validator with faults,
adversary windows and slashes), finality latency, gossip propagation, per-node counters, and,
when the groups exist, supply and pools, inclusion delay, validator rewards and returns, slashing
events, the auction per window and per partner chain. A missing group skips its section with a
one-line note.
"""

import json
import os

import numpy as np

from . import plots
from .h5util import is_string_column, optional_group, root_attrs
from .markdown import Document, fmt, write_csv
from .stats import distribution_summary

# Inline tables longer than this are cut; the full table is always in the section's CSV file.
MAX_TABLE_ROWS = 100

IDENTITY_ATTRS = ("scenario", "seed", "verdict", "fingerprint", "crypto", "nodes", "validators",
                  "events")

ECONOMICS_PANELS = (
    ("Supply and holdings", ("supply", "total_balances", "total_stake", "unbonding")),
    ("Pools", ("rent_pool", "slashing_pool", "treasury", "escrow")),
    ("Minted and burned", ("minted", "burned")),
)

# consensus.block_interval_ms when the scenario leaves it out (docs/metasim.md, "Consensus").
DEFAULT_BLOCK_INTERVAL_MS = 1000.0

# /auction columns in the per-window table, in order, and the panels of its plot.
AUCTION_COLUMNS = ("window", "commits", "reveals", "winners", "clearing_price", "forfeited_bonds",
                   "partner_revenue", "bundle_bytes", "proof_bytes", "seal_height",
                   "seal_latency_heights", "seal_latency_ms")
AUCTION_PANELS = (
    ("Bids per window", ("commits", "reveals", "winners")),
    ("Clearing price (lowest winning fee rate)", ("clearing_price",)),
    ("Forfeited bonds and partner revenue", ("forfeited_bonds", "partner_revenue")),
    ("Proof bytes", ("proof_bytes",)),
    ("Seal latency (ms, last reveal height to the block carrying the bundle)",
     ("seal_latency_ms",)),
)

# /nodes columns that are identifiers or levels rather than additive counters.
NODE_NON_COUNTERS = ("id", "name", "region")
NODE_LEVELS = ("height",)


def build(f, out_dir):
    """Writes the run's PNGs and CSVs into ``out_dir`` and returns the Markdown text."""
    doc = Document()
    attrs = root_attrs(f)
    doc.heading(1, f"Run report: {attrs.get('scenario', 'unnamed scenario')}")
    _identity(doc, attrs)
    _timeline(doc, f, attrs, out_dir)
    _finality(doc, f, out_dir)
    _propagation(doc, f)
    _node_counters(doc, f)
    _economics(doc, f, out_dir)
    _inclusion(doc, f, out_dir)
    _validators(doc, f, out_dir)
    _slashing(doc, f, out_dir)
    _auction(doc, f, out_dir)
    return doc.text()


def _identity(doc, attrs):
    rows = [(name, attrs[name]) for name in IDENTITY_ATTRS if name in attrs]
    if "duration_ns" in attrs:
        rows.append(("simulated seconds", attrs["duration_ns"] / 1e9))
    doc.table(["attribute", "value"], rows)


# Validators drawn one line each on the timeline; more are summarised by min, median and max.
MAX_TIMELINE_LINES = 20


def _scenario(attrs):
    """The run's scenario (root attribute scenario_json) as a dict, or {} if unreadable."""
    try:
        scenario = json.loads(attrs.get("scenario_json", ""))
    except (TypeError, ValueError):
        return {}
    return scenario if isinstance(scenario, dict) else {}


def _nodes_text(nodes):
    """A scenario's node selector as text: "v3", "n1..n4", or a list joined by spaces."""
    return nodes if isinstance(nodes, str) else " ".join(map(str, nodes))


def _windows(scenario, duration_s):
    """(start_s, end_s, label, kind) of every fault and adversary window of the scenario."""
    spans = []
    for fault in scenario.get("faults", []):
        if not isinstance(fault, dict) or "at_s" not in fault:
            continue
        end = fault.get("until_s", fault["at_s"] + duration_s / 200)
        label = f"{fault.get('kind', 'fault')} {_nodes_text(fault.get('nodes', ''))}"
        spans.append((float(fault["at_s"]), float(end), label.strip(), "fault"))
    for adversary in scenario.get("adversaries", []):
        if not isinstance(adversary, dict):
            continue
        start = float(adversary.get("from_s", 0.0))
        end = float(adversary.get("until_s", duration_s))
        label = f"{adversary.get('behavior', 'adversary')} {_nodes_text(adversary.get('nodes', ''))}"
        spans.append((start, end, label.strip(), "adversary"))
    return sorted(spans)


def _with_gaps(t, height, rnd, step):
    """The samples with a NaN row wherever a validator was down (samples missing), so its line
    breaks there instead of bridging the gap."""
    cut = np.flatnonzero(np.diff(t) > 1.5 * step) + 1
    nan = np.full(len(cut), np.nan)
    return (np.insert(t.astype(float), cut, t[cut - 1] + step),
            np.insert(height.astype(float), cut, nan), np.insert(rnd.astype(float), cut, nan))


def _timeline(doc, f, attrs, out_dir):
    doc.heading(2, "Timeline")
    rounds = optional_group(f, "rounds")
    if rounds is None or len(rounds.get("time_s", [])) == 0:
        doc.note("No /rounds group in this file (a gossip-only run has no heights or rounds).")
        return
    t = rounds["time_s"][:]
    node = rounds["node"][:]
    height = rounds["height"][:]
    rnd = rounds["round"][:]
    series = {}
    validators = np.unique(node)
    if len(validators) <= MAX_TIMELINE_LINES:
        step = np.min(np.diff(np.unique(t))) if len(np.unique(t)) > 1 else 1.0
        for v in validators:
            mask = node == v
            series[f"v{int(v)}"] = _with_gaps(t[mask], height[mask], rnd[mask], step)
    else:
        times = np.unique(t)
        for name, fn in (("min", np.min), ("median", np.median), ("max", np.max)):
            series[name] = (times, np.array([fn(height[t == x]) for x in times]),
                            np.array([fn(rnd[t == x]) for x in times]))
    duration_s = attrs.get("duration_ns", 0) / 1e9
    spans = _windows(_scenario(attrs), duration_s)
    marks = []
    sl = optional_group(f, "slashing")
    if sl is not None:
        for i in range(len(sl.get("time_s", []))):
            marks.append((float(sl["time_s"][i]), f"slash {sl['validator'][i]}"))
    plots.run_timeline(series, spans, marks, os.path.join(out_dir, "timeline.png"))
    doc.paragraph("The height each live honest validator was deciding and its round, sampled "
                  "over the run (a gap: the validator was down). Rounds above 0 are round "
                  "changes.")
    doc.image("timeline", "timeline.png")
    events = [(start, "fault" if kind == "fault" else "adversary from", label)
              for start, _, label, kind in spans]
    events += [(end, "fault ends" if kind == "fault" else "adversary until", label)
               for _, end, label, kind in spans]
    events += [(time, "slash", label) for time, label in marks]
    if events:
        doc.table(["time_s", "event", "what"], sorted(events))
    doc.paragraph(f"Highest round any validator reached: {int(rnd.max())}.")


def _percentile_row(label, values):
    s = distribution_summary(values)
    return (label, s["n"], s["mean"], s["p50"], s["p90"], s["p99"], s["max"])


PERCENTILE_HEADER = ["quantity", "n", "mean", "p50", "p90", "p99", "max"]


def _block_interval_ms(attrs):
    """consensus.block_interval_ms of the run's scenario (root attribute scenario_json), the
    documented default when the scenario leaves it out, or None when there is no readable
    scenario."""
    try:
        scenario = json.loads(attrs.get("scenario_json", ""))
    except (TypeError, ValueError):
        return None
    if not isinstance(scenario, dict):
        return None
    consensus = scenario.get("consensus", {})
    return float(consensus.get("block_interval_ms", DEFAULT_BLOCK_INTERVAL_MS))


def _finality(doc, f, out_dir):
    doc.heading(2, "Finality latency")
    heights = optional_group(f, "heights")
    if heights is None:
        doc.note("No /heights group: the run had no consensus, so there is no finality data.")
        return
    if len(heights.get("height", [])) == 0:
        doc.note("No height was finalized.")
        return
    order = np.argsort(heights["height"], kind="stable")
    commit_ns = heights["first_commit_ns"][order].astype(np.float64)
    interval_ms = np.diff(commit_ns, prepend=0.0) / 1e6
    block_interval = _block_interval_ms(root_attrs(f))
    rows = []
    if block_interval is None:
        latency_ms = interval_ms
        doc.paragraph(
            "The run's scenario (scenario_json) is unreadable, so the block interval is unknown: "
            "finality latency here is the commit interval, the time from the previous height's "
            "first commit (time 0 for the first height) to this height's first commit, in ms."
        )
    else:
        # A height can start only block_interval_ms after its predecessor's commit (height 1 at
        # time 0); what remains of the commit interval is the time consensus took.
        latency_ms = interval_ms - np.where(np.arange(len(interval_ms)) > 0, block_interval, 0.0)
        doc.paragraph(
            "Finality latency of a height: time from when it could start (the previous height's "
            f"first commit plus the block interval of {fmt(block_interval)} ms; time 0 for the "
            "first height) to its first commit by any honest node. Commit interval: time between "
            "consecutive first commits. Both in milliseconds."
        )
        rows.append(_percentile_row("finality latency (ms)", latency_ms))
    rows.append(_percentile_row("commit interval (ms)", interval_ms))
    doc.table(PERCENTILE_HEADER, rows)
    facts = [f"heights finalized: {len(interval_ms)}"]
    rounds = heights.get("round")
    if rounds is not None:
        late = int(np.count_nonzero(rounds > 0))
        facts.append(f"heights that needed more than one round: {late} "
                     f"(highest round {int(rounds.max())})")
    if "transactions" in heights:
        txs = heights["transactions"]
        facts.append(f"transactions committed: {int(sum(int(t) for t in txs))} "
                     f"(mean {fmt(float(np.mean(txs)))} per block)")
    doc.bullets(facts)
    plots.histogram_cdf(latency_ms, "finality latency (ms)", "Per-height finality latency",
                        os.path.join(out_dir, "finality.png"))
    doc.image("finality latency histogram and CDF", "finality.png")


def _propagation(doc, f):
    deliveries = optional_group(f, "deliveries")
    broadcasts = optional_group(f, "broadcasts")
    if deliveries is None or broadcasts is None or len(broadcasts.get("coverage", [])) == 0:
        return
    doc.heading(2, "Gossip propagation")
    doc.paragraph("Delay from a broadcast's origin to each node that accepted it; coverage is the "
                  "fraction of the other nodes each broadcast reached.")
    doc.table(PERCENTILE_HEADER, [
        _percentile_row("delivery delay (ms)", deliveries["delay_ns"] / 1e6),
        _percentile_row("coverage per broadcast", broadcasts["coverage"]),
    ])


def _node_counters(doc, f):
    doc.heading(2, "Per-node counters")
    nodes = optional_group(f, "nodes")
    if nodes is None or len(nodes.get("id", [])) == 0:
        doc.note("No /nodes group or no nodes.")
        return
    names = nodes.get("name", np.array([str(i) for i in nodes["id"]], dtype=object))
    rows = []
    for counter in sorted(nodes):
        values = nodes[counter]
        if counter in NODE_NON_COUNTERS or is_string_column(values):
            continue
        total = None if counter in NODE_LEVELS else sum(int(v) for v in values)
        # With every node equal no node stands out.
        top = names[int(np.argmax(values))] if values.max() > values.min() else None
        rows.append((counter, total, float(np.mean(values)), values.min(), values.max(), top))
    doc.paragraph(f"{len(names)} nodes. The total of a level (height) is not meaningful and is "
                  "left out.")
    doc.table(["counter", "total", "mean", "min", "max", "node with max"], rows)


def _economics(doc, f, out_dir):
    doc.heading(2, "Supply and pools")
    eco = optional_group(f, "economics")
    if eco is None:
        doc.note("No /economics group in this file: supply and pools are not recorded.")
        return
    rows_count = len(next(iter(eco.values()), []))
    if rows_count == 0:
        doc.note("The /economics group has no rows.")
        return
    x_name = "time_s" if "time_s" in eco else "height"
    doc.paragraph("One row per committed height; amounts in base units. Change is last minus "
                  "first.")
    table = []
    for column in sorted(eco):
        if column in ("height", "time_s"):
            continue
        values = eco[column]
        first, last = values[0], values[-1]
        change = int(last) - int(first) if values.dtype.kind in "iu" else last - first
        table.append((column, first, last, change, values.min(), values.max()))
    doc.table(["column", "first", "last", "change", "min", "max"], table)
    panels = []
    for title, columns in ECONOMICS_PANELS:
        series = {c: eco[c].astype(np.float64) for c in columns if c in eco}
        if series:
            panels.append((title, series))
    if x_name in eco and panels:
        plots.time_series(eco[x_name].astype(np.float64), panels,
                          "simulated time (s)" if x_name == "time_s" else "height",
                          os.path.join(out_dir, "economics.png"))
        doc.image("supply and pools over time", "economics.png")


def _inclusion(doc, f, out_dir):
    doc.heading(2, "Inclusion delay")
    inc = optional_group(f, "inclusion")
    if inc is None:
        doc.note("No /inclusion group in this file: inclusion delay is not recorded.")
        return
    submitted = len(inc.get("submitted_s", []))
    if submitted == 0:
        doc.note("No PoE was submitted.")
        return
    included = (np.isfinite(inc["included_s"].astype(np.float64)) if "included_s" in inc
                else np.ones(submitted, dtype=bool))
    n_included = int(np.count_nonzero(included))
    doc.paragraph("Delay from a PoE's submission to the block that included it, over the included "
                  "ones.")
    doc.bullets([f"submitted: {submitted}", f"included: {n_included}",
                 f"inclusion rate: {fmt(n_included / submitted)}"])
    rows, panels = [], []
    for column, unit in (("delay_s", "seconds"), ("delay_blocks", "blocks")):
        if column in inc:
            values = inc[column].astype(np.float64)[included]
            rows.append(_percentile_row(f"inclusion delay ({unit})", values))
            panels.append((values, f"delay ({unit})", f"Inclusion delay in {unit}"))
    doc.table(PERCENTILE_HEADER, rows)
    if panels:
        plots.histograms(panels, os.path.join(out_dir, "inclusion.png"))
        doc.image("inclusion delay histograms", "inclusion.png")


def _ratio(numerator, denominator):
    return float(numerator) / float(denominator) if denominator else float("nan")


def _validators(doc, f, out_dir):
    doc.heading(2, "Validator rewards and returns")
    val = optional_group(f, "validators")
    if val is None:
        doc.note("No /validators group in this file: rewards and returns are not recorded.")
        return
    names = val.get("name", np.array([], dtype=object))
    if len(names) == 0:
        doc.note("The /validators group has no rows.")
        return
    header = ["validator", "initial_stake", "final_stake", "rewards", "slashed", "tombstoned",
              "reward return", "stake change"]
    rows = []
    for i in sorted(range(len(names)), key=lambda k: names[k]):
        initial = int(val["initial_stake"][i])
        final = int(val["final_stake"][i])
        rows.append((names[i], initial, final, int(val["rewards"][i]), int(val["slashed"][i]),
                     int(val["tombstoned"][i]), _ratio(int(val["rewards"][i]), initial),
                     _ratio(final - initial, initial)))
    returns = np.array([r[6] for r in rows], dtype=np.float64)
    doc.paragraph("Reward return = rewards / initial stake; stake change = (final stake − initial "
                  "stake) / initial stake (slashing makes it negative).")
    summary = distribution_summary(returns)
    doc.bullets([
        f"validators: {len(rows)}, tombstoned: {sum(r[5] for r in rows)}",
        f"total rewards: {sum(r[3] for r in rows)}, total slashed: {sum(r[4] for r in rows)}",
        f"reward return: mean {fmt(summary['mean'])}, min {fmt(summary['min'])}, "
        f"median {fmt(summary['p50'])}, max {fmt(summary['max'])}",
    ])
    write_csv(os.path.join(out_dir, "validators.csv"), header, rows)
    doc.capped_table(header, rows, MAX_TABLE_ROWS, "validators.csv")
    plots.scatter([r[1] for r in rows], returns, "initial stake", "reward return",
                  "Reward return vs initial stake (flat = proportional to stake)",
                  os.path.join(out_dir, "validator_returns.png"))
    doc.image("reward return vs initial stake", "validator_returns.png")


def _slashing(doc, f, out_dir):
    doc.heading(2, "Slashing events")
    sl = optional_group(f, "slashing")
    if sl is None:
        doc.note("No /slashing group in this file: slashing events are not recorded.")
        return
    count = len(sl.get("height", []))
    if count == 0:
        doc.note("No slashing events.")
        return
    header = ["height", "time_s", "validator", "offence", "amount", "reporter"]
    rows = sorted(
        (int(sl["height"][i]), float(sl["time_s"][i]), sl["validator"][i], sl["offence"][i],
         int(sl["amount"][i]), sl["reporter"][i])
        for i in range(count)
    )
    by_offence = {}
    for row in rows:
        events, amount, validators = by_offence.get(row[3], (0, 0, set()))
        by_offence[row[3]] = (events + 1, amount + row[4], validators | {row[2]})
    doc.table(["offence", "events", "total amount", "validators"],
              [(o, e, a, len(v)) for o, (e, a, v) in sorted(by_offence.items())])
    write_csv(os.path.join(out_dir, "slashing.csv"), header, rows)
    doc.capped_table(header, rows, MAX_TABLE_ROWS, "slashing.csv")


def _auction(doc, f, out_dir):
    doc.heading(2, "Auction")
    windows = optional_group(f, "auction", nested=False)
    if windows is None:
        doc.note("No /auction group in this file: the run had no auction activity.")
        return
    count = len(windows.get("window", []))
    if count == 0:
        doc.note("The /auction group has no rows.")
        return
    columns = [c for c in AUCTION_COLUMNS if c in windows]
    rows = [tuple(windows[c][i] for c in columns) for i in range(count)]
    carried = windows["seal_height"] > 0 if "seal_height" in windows else np.ones(count, bool)
    cleared = windows["winners"] > 0 if "winners" in windows else np.ones(count, bool)
    bullets = [f"windows: {count}, bundles carried: {int(np.count_nonzero(carried))}"]
    if "forfeited_bonds" in windows:
        bullets.append(f"forfeited bonds: {int(windows['forfeited_bonds'].sum())}, to the partner "
                       f"chains: {int(windows.get('partner_revenue', np.zeros(1)).sum())}")
    if "clearing_price" in windows and cleared.any():
        bullets.append("clearing price (windows with winners): mean "
                       f"{fmt(float(windows['clearing_price'][cleared].mean()))}")
    if "seal_latency_ms" in windows and carried.any():
        bullets.append("seal latency (bundles carried): mean "
                       f"{fmt(float(windows['seal_latency_ms'][carried].mean()))} ms, "
                       f"{fmt(float(windows['seal_latency_heights'][carried].mean()))} heights")
    doc.paragraph("One row per window the honest chain settled or carried a bundle for. The "
                  "clearing price is the lowest fee rate among the seal's winners (0: none); the "
                  "seal latency runs from the window's last reveal height to the block that "
                  "carried its bundle. Settlement columns are 0 for a window not settled by the "
                  "end, bundle columns 0 for one whose bundle the run did not see.")
    doc.bullets(bullets)
    write_csv(os.path.join(out_dir, "auction_windows.csv"), columns, rows)
    doc.capped_table(columns, rows, MAX_TABLE_ROWS, "auction_windows.csv")
    panels = []
    for title, names in AUCTION_PANELS:
        series = {c: windows[c].astype(np.float64) for c in names if c in windows}
        if series:
            panels.append((title, series))
    if panels:
        plots.time_series(windows["window"].astype(np.float64), panels, "window",
                          os.path.join(out_dir, "auction_windows.png"))
        doc.image("the auction per window", "auction_windows.png")
    _auction_partners(doc, f, out_dir)


def _auction_partners(doc, f, out_dir):
    doc.heading(3, "Partner chains")
    partners = optional_group(f, "auction/partners")
    names = partners.get("name", []) if partners is not None else []
    if len(names) == 0:
        doc.note("No partner chain is registered (economics.auction.partner_chains).")
        return
    revenue = partners["revenue"].astype(np.int64)
    total = int(revenue.sum())
    header = ["partner", "revenue", "share of partner revenue", "revealed_commits",
              "revealed_bonds"]
    rows = [(names[i], int(revenue[i]), _ratio(int(revenue[i]), total),
             int(partners["revealed_commits"][i]), int(partners["revealed_bonds"][i]))
            for i in range(len(names))]
    doc.paragraph("Revenue: what the chain was paid from the settled windows' revenue splits; "
                  "contribution: the revealed commits naming it and their bonds (its weight in "
                  "each split).")
    doc.table(header, rows)
    plots.bars(list(names), [("revenue (base units)", revenue),
                             ("revealed commits naming it", partners["revealed_commits"])],
               os.path.join(out_dir, "auction_partners.png"))
    doc.image("revenue and contribution per partner chain", "auction_partners.png")

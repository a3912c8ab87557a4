"""A minimal Markdown document builder with deterministic number formatting, and the CSV files
that carry the full version of long tables."""

import csv
import math

import numpy as np

MISSING = "—"


def fmt(value, digits=4):
    """Formats one table cell.

    Integers (Python or numpy) print exactly, floats with ``digits`` significant digits, NaN and
    None as an em dash, strings unchanged (with "|" escaped so a cell cannot split the table).
    """
    if value is None:
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return MISSING
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value == 0:
            return "0"
        return f"{value:.{digits}g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def slug(text):
    """A file-name-safe version of ``text`` (letters, digits, "_", "-" and "." kept)."""
    return "".join(c if c.isalnum() or c in "_-." else "_" for c in text)


def write_csv(path, header, rows):
    """Writes ``rows`` under ``header`` as CSV ("\n" line ends, values as Python prints them)."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


class Document:
    """Accumulates Markdown blocks; ``text()`` joins them separated by blank lines."""

    def __init__(self):
        self._blocks = []

    def heading(self, level, text):
        self._blocks.append("#" * level + " " + text)

    def paragraph(self, text):
        self._blocks.append(text)

    def note(self, text):
        """A one-line italic note, used when a section is skipped or has nothing to show."""
        self._blocks.append(f"_{text}_")

    def bullets(self, items):
        if items:
            self._blocks.append("\n".join(f"- {item}" for item in items))

    def table(self, header, rows):
        """A pipe table; every cell goes through ``fmt``."""
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
        self._blocks.append("\n".join(lines))

    def capped_table(self, header, rows, max_rows, csv_name):
        """A table of at most ``max_rows`` rows followed by a link to ``csv_name``, the CSV file
        (written by the caller) that holds all of them."""
        self.table(header, rows[:max_rows])
        if len(rows) > max_rows:
            self.note(f"First {max_rows} of {len(rows)} rows; all of them are in {csv_name}.")
        else:
            self.paragraph(f"The same table as CSV: [{csv_name}]({csv_name}).")

    def image(self, alt, relative_path):
        self._blocks.append(f"![{alt}]({relative_path})")

    def text(self):
        return "\n\n".join(self._blocks) + "\n"

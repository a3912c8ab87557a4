#!/usr/bin/python3
"""Validates every scenario file under a directory against the published JSON Schema.

Usage: check_schema.py SCHEMA DIR

Uses Debian's python3-jsonschema (an implementation independent of metasim's own validator) so
the schema and the files users run cannot drift apart unnoticed. Files under a folder named
"sweeps" are sweep definitions, a different format, and are skipped. Exit 0 if every file
validates; 1 if any does not, or if no file was found (a misconfigured path must not pass).
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator


def error_path(error):
    """The failing location as metasim prints it: network.latency.median_ms, faults[2].at_s."""
    path = ""
    for part in error.absolute_path:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path or "(root)"


def scenario_files(root):
    return sorted(
        p for p in root.rglob("*.json")
        if "sweeps" not in p.relative_to(root).parts[:-1])


def main(argv):
    if len(argv) != 3:
        print("usage: check_schema.py SCHEMA DIR", file=sys.stderr)
        return 2
    schema_path, root = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    files = scenario_files(root)
    passed = failed = 0
    for path in files:
        name = path.relative_to(root)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"FAIL {name}: {error}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(document), key=error_path)
        if errors:
            print(f"FAIL {name}: {error_path(errors[0])}: {errors[0].message}")
            failed += 1
        else:
            print(f"ok   {name}")
            passed += 1
    print(f"{passed} passed, {failed} failed")
    if not files:
        print(f"no scenario files found under {root}", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

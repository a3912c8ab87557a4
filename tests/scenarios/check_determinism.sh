#!/usr/bin/env bash
# A scenario run twice with one seed gives one fingerprint, another seed gives another, and
# `metasim replay` confirms the recorded run. Usage: check_determinism.sh METASIM SCENARIO WORK_DIR
set -euo pipefail
metasim=$1
scenario=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fingerprint() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$1/summary.json"; }
"$metasim" run "$scenario" --out "$work/a" >/dev/null
"$metasim" run "$scenario" --out "$work/b" >/dev/null
"$metasim" run "$scenario" --seed 424242 --out "$work/c" >/dev/null
a=$(fingerprint "$work/a")
b=$(fingerprint "$work/b")
c=$(fingerprint "$work/c")
echo "seed default: $a"
echo "seed default: $b"
echo "seed 424242:  $c"
[ "$a" = "$b" ] || { echo "FAILED: one seed gave two fingerprints"; exit 1; }
[ "$a" != "$c" ] || { echo "FAILED: another seed gave the same fingerprint"; exit 1; }
"$metasim" replay "$work/a"
echo "3 passed, 0 failed"

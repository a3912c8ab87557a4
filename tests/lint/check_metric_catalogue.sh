#!/usr/bin/env bash
# Every metric the code counts or sets (metrics().add/set, m_metrics.add/set, metrics.add/set in
# core/ and node/) has its help text in node/metric_catalogue.cpp, so /metrics documents it. A call
# may span lines and choose its name with a conditional: every name literal up to the end of the
# statement counts. Counter names picked by a function (a switch over reasons or types) are caught
# by their `_total` suffix: every literal ending so names a counter.
set -euo pipefail
root=${1:?usage: check_metric_catalogue.sh REPO_ROOT}
names=$(find "$root/core" "$root/node" -name '*.cpp' -o -name '*.h' | sort |
        xargs perl -0777 -ne 'while (/(?:metrics\(\)|m_metrics|metrics)\.(?:add|set)\(([^;]*);/g) {
                                 my $call = $1; print "$1\n" while $call =~ /"([a-z0-9_]+)"/g; }
                              print "$1\n" while /"([a-z0-9_]+_total)"/g;' |
        sort -u)
missing=0
for name in $names; do
  if ! grep -q "{\"$name\"," "$root/node/metric_catalogue.cpp"; then
    echo "metric $name has no entry in node/metric_catalogue.cpp"
    missing=$((missing + 1))
  fi
done
count=$(echo "$names" | wc -w)
echo "$count metrics in the code, $missing without help text"
[ "$missing" -eq 0 ]

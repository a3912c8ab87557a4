#!/usr/bin/env bash
# Every metric the code counts or sets (metrics().add/set, m_metrics.add/set, metrics.add/set in
# core/ and node/) has its help text in node/metric_catalogue.cpp, so /metrics documents it.
set -euo pipefail
root=${1:?usage: check_metric_catalogue.sh REPO_ROOT}
names=$(grep -rhoE "(metrics\(\)|m_metrics|metrics)\.(add|set)\(\"[a-z0-9_]+\"" \
          "$root/core" "$root/node" --include='*.cpp' --include='*.h' |
        sed -E 's/.*\("//; s/"$//' | sort -u)
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

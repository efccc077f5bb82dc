#!/usr/bin/env bash
# Report benchmark: a month of ROWS charges (default 1,000,000) plus its previous month, then
# the time and peak memory of `finops report` for each format, complete and with --as-of.
#
#   Scripts/benchmark-report.sh [ROWS] [WORKDIR]
#
# Target: under 2 s for a 1,000,000-charge month (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${2:-bench-out/report}
mkdir -p "$work"
swift build -c release --product finops >/dev/null
finops=.build/release/finops
db="$work/report.sqlite"
if [ ! -f "$db" ]; then
  for month in 2026-09 2026-10; do
    csv="$work/focus-$month-$rows.csv"
    [ -f "$csv" ] || "$finops" generate --rows "$rows" --month "$month" --out "$csv" 2>/dev/null
    "$finops" ingest --db "$db" "$csv" 2>/dev/null
    rm -f "$csv"
  done
fi
# The demo's sample configuration: teams, a pilot, rules on tags and services, a shared cost.
[ -f "$work/demo/finops.yaml" ] || "$finops" demo --out "$work/demo" >/dev/null 2>&1
config="$work/demo/finops.yaml"
for args in "--format json" "--format md" "--format csv" "--format json --as-of 2026-10-20"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "report $args: %e s, %M KiB peak" "$finops" report --month 2026-10 $args \
    --db "$db" --config "$config" --out "$work/out" >/dev/null 2>"$work/time.txt" || true
  tail -1 "$work/time.txt"
done

#!/usr/bin/env bash
# Ingest benchmark: generates a realistic FOCUS 1.2 CSV (1,000,000 rows by default), then times
# `finops ingest` (release build) and `sqlite3 .import` of the same file into fresh databases,
# printing rows/s, MB/s and peak memory side by side.
#
#   Scripts/benchmark-ingest.sh [ROWS] [WORKDIR]
#
# Needs /usr/bin/time (GNU time) and sqlite3. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${2:-bench-out}
mkdir -p "$work"

swift build -c release --product finops >/dev/null
finops=.build/release/finops
csv="$work/focus-$rows.csv"
if [ ! -f "$csv" ]; then
  "$finops" generate --rows "$rows" --out "$csv"
fi
bytes=$(stat -c %s "$csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "file: $csv ($rows rows, $mb MiB, $(head -1 "$csv" | tr ',' '\n' | wc -l) columns)"
sync

measure() { # label, command...
  local label=$1
  shift
  local log="$work/time-$label.txt"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local elapsed peak seconds
  elapsed=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  peak=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  seconds=$(awk -v t="$elapsed" 'BEGIN { n = split(t, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
  awk -v l="$label" -v s="$seconds" -v r="$rows" -v b="$bytes" -v m="$peak" 'BEGIN {
    printf "%-22s %8.2f s %12.0f rows/s %8.1f MB/s %8.1f MiB peak\n",
      l, s, r / s, b / 1048576 / s, m / 1024 }'
}

rm -f "$work/finops.sqlite" "$work/finops.sqlite-wal" "$work/finops.sqlite-shm" "$work/import.sqlite"
measure "finops ingest" "$finops" ingest --db "$work/finops.sqlite" "$csv"
measure "sqlite3 .import" sqlite3 "$work/import.sqlite" -cmd ".mode csv" ".import $csv charge"
echo "database size: finops $(du -h "$work/finops.sqlite" | cut -f1)," \
  "sqlite3 .import $(du -h "$work/import.sqlite" | cut -f1)"
"$finops" imports --db "$work/finops.sqlite" | head -3

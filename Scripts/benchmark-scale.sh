#!/usr/bin/env bash
# Scale benchmark: ingests MONTHS monthly FOCUS exports of ROWS rows each (default 10 x 1,000,000
# = 10,000,000 charges) into one database, one batch per month, and prints for each batch the
# time, rows/s and peak memory, then the database size per million charges, a doctor run, and
# the time of allocate, report (target under 5 s) and alerts for the last month.
#
#   Scripts/benchmark-scale.sh [MONTHS] [ROWS] [WORKDIR]
#
# Linear growth means the per-batch time stays flat; flat memory means the peak stays flat.
set -euo pipefail
cd "$(dirname "$0")/.."
months=${1:-10}
rows=${2:-1000000}
work=${3:-bench-out/scale}
mkdir -p "$work"
swift build -c release --product finops >/dev/null
finops=.build/release/finops
db="$work/scale.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
printf "%-8s %10s %10s %12s %10s\n" month rows seconds rows/s "peak MiB"
for index in $(seq 1 "$months"); do
  month=$(printf "2026-%02d" "$index")
  csv="$work/focus-$month-$rows.csv"
  [ -f "$csv" ] || "$finops" generate --rows "$rows" --month "$month" --out "$csv" 2>/dev/null
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$finops" ingest --db "$db" "$csv" 2>/dev/null
  read -r seconds peak <"$work/time.txt"
  awk -v m="$month" -v r="$rows" -v s="$seconds" -v p="$peak" \
    'BEGIN { printf "%-8s %10d %10.2f %12.0f %10.1f\n", m, r, s, r / s, p / 1024 }'
  rm -f "$csv"
done
size=$(stat -c %s "$db")
awk -v b="$size" -v n="$((months * rows))" \
  'BEGIN { printf "database: %.1f MiB, %.1f MiB per million charges\n", b / 1048576, b / 1048576 / (n / 1000000) }'
/usr/bin/time -f "doctor: %e s, %M KiB peak" "$finops" doctor --db "$db"
# Allocation of the last month with the demo's sample configuration.
"$finops" demo --out "$work/demo" >/dev/null 2>&1
/usr/bin/time -f "allocate $month: %e s, %M KiB peak" "$finops" allocate --month "$month" \
  --db "$db" --config "$work/demo/finops.yaml" >/dev/null
/usr/bin/time -f "report $month: %e s, %M KiB peak" "$finops" report --month "$month" \
  --format json --db "$db" --config "$work/demo/finops.yaml" >/dev/null
/usr/bin/time -f "alerts $month: %e s, %M KiB peak" "$finops" alerts --month "$month" \
  --no-webhook --format json --db "$db" --config "$work/demo/finops.yaml" >/dev/null || true

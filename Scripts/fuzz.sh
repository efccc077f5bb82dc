#!/usr/bin/env bash
# Fuzzes the CSV reader and field parsers with libFuzzer (swiftc -sanitize=fuzzer,address) for a
# fixed time budget, starting from the corpus in Fuzz/corpus/csv (new interesting inputs are
# added there; commit the useful ones).
#
#   Scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build-fuzz
mkdir -p "$out"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzCSV \
  -I Sources/CZlib -I Sources/COpenSSLCrypto \
  Sources/FinOpsKit/CSV/*.swift Sources/FinOpsKit/Input/*.swift \
  Sources/FinOpsKit/Parsing/*.swift Fuzz/CSVFuzzTarget.swift \
  -lz -lcrypto -o "$out/fuzz-csv"
"$out/fuzz-csv" -max_total_time="$seconds" -max_len=4096 -timeout=10 Fuzz/corpus/csv

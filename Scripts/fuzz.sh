#!/usr/bin/env bash
# Fuzzes with libFuzzer (swiftc -sanitize=fuzzer,address) for a fixed time budget per target:
#   csv   the CSV reader and the field parsers it feeds (Fuzz/CSVFuzzTarget.swift)
#   json  the JSON readers: JSONParser, JSONText, FlatJSONObject (Fuzz/JSONFuzzTarget.swift)
# starting from the corpus in Fuzz/corpus/<target> (new interesting inputs are added there;
# commit the useful ones).
#
#   Scripts/fuzz.sh [SECONDS] [csv|json|all]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
which=${2:-all}
out=.build-fuzz
mkdir -p "$out"

build() { # name, main file
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz$1" \
    -I Sources/CZlib -I Sources/COpenSSLCrypto \
    Sources/FinOpsKit/CSV/*.swift Sources/FinOpsKit/Input/*.swift \
    Sources/FinOpsKit/Parsing/*.swift Sources/FinOpsKit/JSON/*.swift \
    Sources/FinOpsKit/Import/RowError.swift "$2" \
    -lz -lcrypto -o "$out/fuzz-$1"
}

if [[ $which == csv || $which == all ]]; then
  build csv Fuzz/CSVFuzzTarget.swift
  "$out/fuzz-csv" -max_total_time="$seconds" -max_len=4096 -timeout=10 Fuzz/corpus/csv
fi
if [[ $which == json || $which == all ]]; then
  build json Fuzz/JSONFuzzTarget.swift
  "$out/fuzz-json" -max_total_time="$seconds" -max_len=4096 -timeout=10 Fuzz/corpus/json
fi

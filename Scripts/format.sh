#!/usr/bin/env bash
# Formats the Swift sources in place, then lints them strictly (what CI checks).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive Package.swift Sources Tests
swift format lint --strict --recursive Package.swift Sources Tests

#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the checked-in .swift-format;
# with --lint, only checks and fails on any difference (as CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
# Benchmarks/measure is a package of its own: its sources, never its .build checkouts.
paths=(Package.swift Sources Tests Benchmarks/AssayBenchmarks Benchmarks/measure/Package.swift Benchmarks/measure/Sources Rubrics/Swift
    Service/Package.swift Service/Sources Service/Tests)
if [ "${1:-}" = "--lint" ]; then
    swift format lint --strict --recursive --configuration .swift-format "${paths[@]}"
else
    swift format format --in-place --recursive --configuration .swift-format "${paths[@]}"
fi

#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the checked-in .swift-format;
# with --lint, only checks and fails on any difference (as CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Benchmarks Rubrics/Swift)
if [ "${1:-}" = "--lint" ]; then
    swift format lint --strict --recursive --configuration .swift-format "${paths[@]}"
else
    swift format format --in-place --recursive --configuration .swift-format "${paths[@]}"
fi

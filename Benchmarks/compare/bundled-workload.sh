#!/usr/bin/env bash
# The workload users have beside the one that flatters: aggregates a generated response set of each bundled rubric
# (conditions, gates, every answer format it uses, "na", "unknown", unanswered questions and answers to questions
# not asked) and of the benchmark rubric, in the same run, 2 threads each, and prints MB/s and peak memory.
#
#     Benchmarks/compare/bundled-workload.sh [RESPONSES] [ROUNDS]
set -euo pipefail
responses=${1:-200000}
rounds=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${ASSAY_BENCH_DIR:-/tmp/assay-bench}/bundled-$responses
mkdir -p "$work"
swift build -c release --product assay --package-path "$root" >/dev/null
assay="$root/.build/release/assay"
rubrics=(digital-capacity data-governance digital-service-framework engagement-readiness stakeholder-engagement)
[ -f "$work/bench.ndjson" ] ||
  python3 "$root/Benchmarks/compare/generate.py" --responses "$responses" --out "$work/bench.ndjson" \
    --rubric-out "$work/bench-rubric.json"
# digital-capacity with a numeric question that conditions and a gate compare, and a condition on a text's words:
# the shapes no bundled rubric has, which the plan now decides by cutting those questions' codes.
[ -f "$work/digital-capacity-values.json" ] ||
  python3 "$root/Benchmarks/compare/with-value-tests.py" "$root/Rubrics/digital-capacity.json" \
    --out "$work/digital-capacity-values.json"
[ -f "$work/digital-capacity-values.ndjson" ] ||
  python3 "$root/Benchmarks/compare/generate-bundled.py" "$work/digital-capacity-values.json" \
    --responses "$responses" --out "$work/digital-capacity-values.ndjson"
for rubric in "${rubrics[@]}"; do
  [ -f "$work/$rubric.ndjson" ] ||
    python3 "$root/Benchmarks/compare/generate-bundled.py" "$root/Rubrics/$rubric.json" --responses "$responses" \
      --out "$work/$rubric.ndjson"
done
printf '%-28s %10s %10s %10s %12s\n' workload MB "wall s" "MB/s" "peak MB"
for round in $(seq "$rounds"); do
  for name in bench "${rubrics[@]}" digital-capacity-values; do
    rubric=$name
    [ "$name" = bench ] && rubric="$work/bench-rubric.json"
    [ "$name" = digital-capacity-values ] && rubric="$work/digital-capacity-values.json"
    bytes=$(stat -c %s "$work/$name.ndjson")
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$assay" aggregate "$work/$name.ndjson" --rubric "$rubric" \
      --by region,population --no-ledger --threads 2 --out "$work/$name.summary.json" >/dev/null 2>&1
    read -r seconds kilobytes <"$work/time.txt"
    awk -v n="$name" -v b="$bytes" -v s="$seconds" -v k="$kilobytes" \
      'BEGIN { printf "%-28s %10.1f %10.2f %10.1f %12.0f\n", n, b / 1e6, s, b / 1e6 / s, k / 1024 }'
  done
done

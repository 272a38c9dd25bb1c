#!/usr/bin/env bash
# Runs DuckDB and Assay on the same generated response set, in the same run, and checks they agree.
#
#   Benchmarks/compare/compare-duckdb.sh [RESPONSES]     # default 1000000; e.g. 100000 for a quicker run
#
# Reports wall time and peak memory (from /usr/bin/time -v) of:
#   - DuckDB: read_ndjson, GROUP BY region, population, avg and quantile_cont of 8 dimension scores and the overall
#     score, 2 threads (duckdb_query.py);
#   - assay aggregate: the same groups and statistics, both cores, written as JSON with verification-policy.json
#     (6 decimals, so the comparison is exact to 1e-6 rather than to whole numbers).
# Then check_agreement.py compares every count, mean, median and quartile.
#
# Environment: ASSAY_BENCH_DIR (default /tmp/assay-bench) for the data; ASSAY_DUCKDB_VENV (default
# /tmp/assay-duckdb-venv) for a virtualenv that gets duckdb from pip if it lacks it; ASSAY_SCRATCH (default
# .build-bench) for the release build.
set -euo pipefail

responses="${1:-1000000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${ASSAY_BENCH_DIR:-/tmp/assay-bench}"
venv="${ASSAY_DUCKDB_VENV:-/tmp/assay-duckdb-venv}"
scratch="${ASSAY_SCRATCH:-$root/.build-bench}"
mkdir -p "$data"
file="$data/responses-$responses.ndjson"
rubric="$data/rubric.json"

if [[ ! -s "$file" || ! -s "$rubric" ]]; then
    echo "Generating $responses responses into $file"
    python3 "$here/generate.py" --responses "$responses" --out "$file" --rubric-out "$rubric"
fi
if ! "$venv/bin/python" -c "import duckdb" 2>/dev/null; then
    echo "Installing duckdb into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet duckdb
fi
echo "Building assay (release)"
(cd "$root" && swift build -c release --product assay --scratch-path "$scratch" | tail -1)
assay="$scratch/release/assay"

measure() {  # name, command...: runs the command under /usr/bin/time -v and prints wall time and peak RSS
    local name="$1"
    shift
    local log="$data/$name.time"
    /usr/bin/time -v "$@" >"$data/$name.out" 2>"$log" || { cat "$data/$name.out" "$log"; exit 1; }
    local wall rss
    wall="$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')"
    rss="$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')"
    printf '%-8s wall %8s   peak RSS %6d MB\n' "$name" "$wall" "$((rss / 1024))"
}

size_mb="$(($(stat -c %s "$file") / 1000000))"
echo "Workload: $responses responses, $size_mb MB, $(nproc) cores"
# Read the file once first, so neither side pays for a cold page cache the other does not.
cat "$file" >/dev/null
measure duckdb "$venv/bin/python" "$here/duckdb_query.py" "$file" "$rubric" "$data/duckdb.csv" 2
measure assay "$assay" aggregate "$file" --rubric "$rubric" --by region,population \
    --policy "$here/verification-policy.json" --out "$data/summary.json" --threads 2
python3 "$here/check_agreement.py" "$data/duckdb.csv" "$data/summary.json"

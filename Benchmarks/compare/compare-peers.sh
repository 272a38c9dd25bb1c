#!/usr/bin/env bash
# Runs DuckDB, polars and Assay on the same generated response set, in the same run, and checks they agree.
#
#   Benchmarks/compare/compare-peers.sh [RESPONSES] [ROUNDS]   # default 1000000 responses, 1 round;
#                                                              # e.g. 100000 for a quicker run
#
# Reports wall time and peak memory (from /usr/bin/time -v) of:
#   - DuckDB: read_ndjson, GROUP BY region, population, avg and quantile_cont of 8 dimension scores and the overall
#     score, 2 threads (duckdb_query.py);
#   - polars: scan_ndjson, group_by, mean and linear quantiles of the same scores, 2 threads (polars_query.py);
#   - assay aggregate: the same groups and statistics, both cores, written as JSON with verification-policy.json
#     (6 decimals, so the comparison is exact to 1e-6 rather than to whole numbers).
# With several rounds the three take turns, so a machine that slows down slows all of them. Then
# check_agreement.py compares every count, mean, median and quartile of each peer with Assay's.
#
# Environment: ASSAY_BENCH_DIR (default /tmp/assay-bench) for the data; ASSAY_PEERS_VENV (default
# /tmp/assay-duckdb-venv) for a virtualenv that gets duckdb and polars from pip if it lacks them; ASSAY_SCRATCH
# (default .build-bench) for the release build.
set -euo pipefail

responses="${1:-1000000}"
rounds="${2:-1}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${ASSAY_BENCH_DIR:-/tmp/assay-bench}"
venv="${ASSAY_PEERS_VENV:-/tmp/assay-duckdb-venv}"
scratch="${ASSAY_SCRATCH:-$root/.build-bench}"
mkdir -p "$data"
file="$data/responses-$responses.ndjson"
rubric="$data/rubric.json"

if [[ ! -s "$file" || ! -s "$rubric" ]]; then
    echo "Generating $responses responses into $file"
    python3 "$here/generate.py" --responses "$responses" --out "$file" --rubric-out "$rubric"
fi
if ! "$venv/bin/python" -c "import duckdb, polars" 2>/dev/null; then
    echo "Installing duckdb and polars into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet duckdb polars
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
echo "Workload: $responses responses, $size_mb MB, $(nproc) cores; $("$venv/bin/python" -c \
    'import duckdb, polars; print(f"duckdb {duckdb.__version__}, polars {polars.__version__}")')"
# Read the file once first, so no one pays for a cold page cache the others do not.
cat "$file" >/dev/null
for round in $(seq "$rounds"); do
    [[ "$rounds" == 1 ]] || echo "Round $round"
    measure duckdb "$venv/bin/python" "$here/duckdb_query.py" "$file" "$rubric" "$data/duckdb.csv" 2
    measure polars "$venv/bin/python" "$here/polars_query.py" "$file" "$rubric" "$data/polars.csv" 2
    # Each round is a first release in a ledger of its own: the ledger's cost (pseudonyms, the differencing
    # check, the SQLite transaction) is in the time, and no round is checked against another.
    rm -f "$data/round.ledger.sqlite"*
    measure assay "$assay" aggregate "$file" --rubric "$rubric" --by region,population \
        --policy "$here/verification-policy.json" --out "$data/summary.json" --threads 2 \
        --ledger "$data/round.ledger.sqlite"
done
python3 "$here/check_agreement.py" "$data/duckdb.csv" "$data/summary.json" duckdb
python3 "$here/check_agreement.py" "$data/polars.csv" "$data/summary.json" polars

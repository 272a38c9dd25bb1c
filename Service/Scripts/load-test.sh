#!/usr/bin/env bash
# Load test of the web self-assessment on loopback, with wrk (Debian's wrk package):
# many organisations saving at once, then the server killed (SIGKILL) and a check, from the database, that every
# acknowledged save is there.
#
#   Service/Scripts/load-test.sh                 # release build, 200 organisations, 4 threads, 100 connections, 15 s
#   Service/Scripts/load-test.sh --short         # what Scripts/test.sh runs: the debug build, 3 s
#   ORGS=500 DURATION=30s CONNECTIONS=200 Service/Scripts/load-test.sh
#
# Prints requests per second and latency percentiles (p50/p90/p99), saves and form loads, and exits non-zero if
# any acknowledged save is missing or wrong, or any request failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
configuration=release
duration="${DURATION:-15s}"
if [ "${1:-}" = "--short" ]; then configuration=debug; duration="${DURATION:-3s}"; fi
orgs="${ORGS:-200}"
threads="${THREADS:-4}"
connections="${CONNECTIONS:-100}"
if ! command -v wrk >/dev/null 2>&1; then
    echo "SKIPPED the load test: wrk is not installed (Scripts/setup.sh --load installs Debian's wrk)" >&2
    exit 0
fi
if [ "$configuration" = release ]; then
    swift build --package-path Service -c release --product assay-service >&2
fi
binary="Service/.build/$configuration/assay-service"
[ -x "$binary" ] || { echo "$binary is not built (swift build --package-path Service)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/assay-load.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
port=$((20000 + RANDOM % 20000))
storage=(--database "$work/answers.sqlite" --key-file "$work/key")

for n in $(seq 1 "$orgs"); do echo "Municipalité $n"; done > "$work/orgs.txt"
"$binary" invite --rubric digital-capacity --orgs-from "$work/orgs.txt" --base-url "http://127.0.0.1:$port" \
    "${storage[@]}" > "$work/links.txt" 2>/dev/null
"$binary" serve --port "$port" "${storage[@]}" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
done

# Each organisation's browser: open the link once for its session cookie and the form's CSRF token.
{
    echo "return {"
    while read -r link; do
        page="$(curl -s -D "$work/headers" "$link")"
        cookie="$(grep -i '^set-cookie:' "$work/headers" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')"
        csrf="$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
        echo "  {path = \"${link#http://127.0.0.1:$port}\", cookie = \"$cookie\", csrf = \"$csrf\"},"
    done < "$work/links.txt"
    echo "}"
} > "$work/visits.lua"

echo "wrk: $orgs organisations, $threads threads, $connections connections, $duration, $configuration build" >&2
LOAD_VISITS="$work/visits.lua" LOAD_THREADS="$threads" LOAD_RESULT="$work/result" \
    wrk -t "$threads" -c "$connections" -d "$duration" --latency -s Service/Scripts/load-test.lua \
    "http://127.0.0.1:$port/" | grep -E '^(requests|latency|saves sent):'
# Killed, not stopped: what was acknowledged must be on disk without a clean shutdown.
kill -KILL "$server"; wait "$server" 2>/dev/null || true; server=""

read -r acknowledged failures < "$work/result"
python3 - "$work/answers.sqlite" "$acknowledged" "$failures" <<'PYTHON'
import json, sqlite3, sys
path, acknowledged, failures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = sqlite3.connect(path).execute("SELECT question, answer FROM answer").fetchall()
# Each cell (organisation, question) was written by one save only, with the note "load <cell>", and a save
# carries one question's fields, leaving the others alone: a stored answer is a save that was committed, and
# there must be one for every save acknowledged. Saves still in flight when wrk stopped may be stored too.
wrong = [(q, a) for q, a in rows if not json.loads(a)["answer"].get("note", "").startswith("load ")]
print(f"database: {len(rows)} answers stored for {acknowledged} saves acknowledged")
if wrong:
    sys.exit(f"FAILED: {len(wrong)} stored answers are not what was saved, such as {wrong[0]}")
if len(rows) < acknowledged:
    sys.exit(f"FAILED: {acknowledged - len(rows)} acknowledged saves are missing")
if failures:
    sys.exit(f"FAILED: {failures} requests got neither 200 nor 303")
PYTHON

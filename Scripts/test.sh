#!/usr/bin/env bash
# The test command: sets up, builds with warnings as errors, runs every test, checks the bundled rubrics.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
Scripts/format.sh --lint
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
swift run --skip-build assay rubric validate --strict Rubrics/*.json
if python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema >/dev/null 2>&1; then
    python3 Scripts/check-schemas.py
else
    echo "jsonschema is not installed and cannot be installed; skipping the schema check" >&2
fi

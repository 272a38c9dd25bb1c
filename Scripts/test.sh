#!/usr/bin/env bash
# The test command: sets up, builds with warnings as errors, runs every test, checks the bundled rubrics.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
Scripts/format.sh --lint
swift build --build-tests -Xswiftc -warnings-as-errors
# The DuckDB agreement test checks aggregation against an independent engine; duckdb comes from PyPI into a
# virtual environment under .build. If it cannot be installed, that one test reports itself skipped.
venv=.build/duckdb-venv
if ! "$venv/bin/python" -c "import duckdb" 2>/dev/null; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q duckdb; } >&2 \
        || echo "duckdb could not be installed: the DuckDB agreement test will be skipped" >&2
fi
if "$venv/bin/python" -c "import duckdb" 2>/dev/null; then export ASSAY_DUCKDB_PYTHON="$PWD/$venv/bin/python"; fi
# The agreement statistics are checked against the PyPI packages krippendorff and statsmodels, likewise.
agreement_venv=.build/agreement-venv
if ! "$agreement_venv/bin/python" -c "import krippendorff, statsmodels" 2>/dev/null; then
    { python3 -m venv "$agreement_venv" && "$agreement_venv/bin/pip" install -q krippendorff statsmodels; } >&2 \
        || echo "krippendorff and statsmodels could not be installed: the agreement oracle test will be skipped" >&2
fi
if "$agreement_venv/bin/python" -c "import krippendorff, statsmodels" 2>/dev/null; then
    export ASSAY_AGREEMENT_PYTHON="$PWD/$agreement_venv/bin/python"
fi
swift test --skip-build
swift run --skip-build assay rubric validate --strict Rubrics/*.json
# The web self-assessment is a package of its own (Service/), so that embedders of the core never build
# Hummingbird; its tests run the real assay built above. Then a short load test, when wrk is installed.
swift build --package-path Service --build-tests -Xswiftc -warnings-as-errors
swift test --package-path Service --skip-build
Service/Scripts/load-test.sh --short
if python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema >/dev/null 2>&1; then
    python3 Scripts/check-schemas.py
else
    echo "jsonschema is not installed and cannot be installed; skipping the schema check" >&2
fi

#!/usr/bin/env bash
# Installs what Assay needs from the system (libjansson-dev, libsqlite3-dev, zlib1g-dev). Safe to run again;
# `swift run` and `swift build` do the building. With --browsers, also what the browser and Word document tests
# open the outputs with (chromium, libreoffice-writer-nogui, poppler-utils) and what the web self-assessment's
# load test drives it with (wrk, curl); those tests say they were skipped when these are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
updated=""
install() {
    if [ -z "$updated" ]; then $SUDO apt-get update -qq; updated=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if ! pkg-config --exists jansson 2>/dev/null || ! pkg-config --exists sqlite3 2>/dev/null \
    || ! pkg-config --exists zlib 2>/dev/null; then
    echo "Installing libjansson-dev, libsqlite3-dev and zlib1g-dev (Assay's JSON library, the release ledger's database, the Word documents' compression) ..." >&2
    install libjansson-dev libsqlite3-dev zlib1g-dev pkg-config
fi
if [ "${1:-}" = "--browsers" ]; then
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    # The web self-assessment's load test (Service/Scripts/load-test.sh) drives it with wrk and curl.
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]} for the browser, Word document and load tests ..." >&2
        install "${missing[@]}" fonts-dejavu-core \
            || echo "could not install ${missing[*]}: the browser and Word document tests will be skipped" >&2
    fi
fi

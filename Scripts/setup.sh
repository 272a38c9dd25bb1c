#!/usr/bin/env bash
# Installs what Assay needs from the system (libjansson-dev, libsqlite3-dev). Safe to run again; `swift run` and `swift build` do
# the building.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists jansson 2>/dev/null || ! pkg-config --exists sqlite3 2>/dev/null; then
    echo "Installing libjansson-dev and libsqlite3-dev (Assay's JSON library and the release ledger's database) ..." >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq libjansson-dev libsqlite3-dev pkg-config >/dev/null
fi

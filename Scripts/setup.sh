#!/usr/bin/env bash
# Installs what Assay needs from the system (libjansson-dev). Safe to run again; `swift run` and `swift build` do
# the building.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists jansson 2>/dev/null; then
    echo "Installing libjansson-dev (Assay's JSON library) ..." >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq libjansson-dev pkg-config >/dev/null
fi

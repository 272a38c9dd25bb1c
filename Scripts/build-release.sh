#!/usr/bin/env bash
# Builds the `assay` command to install: a release build with the Swift runtime and Foundation linked into the
# executable (--static-swift-stdlib), and generic types' metadata reached through direct accessors rather than
# looked up by mangled name at first use (-disable-concrete-type-metadata-mangled-name-accessors). Both only change
# how the program starts: `assay score` on the bundled example runs in about half the time of a plain
# `swift build -c release` (see the README's Benchmarks). The command reads the bundled rubrics from the
# Assay_AssayRubrics.resources folder beside it: install the two together.
#
#     Scripts/build-release.sh            # builds .build-static/release/assay
#     ASSAY_CLI_FOLDER=$PWD/.build-static/release swift test --filter AssayCLITests   # its command-line tests
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build -c release --product assay --scratch-path .build-static --static-swift-stdlib \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
echo "Built .build-static/release/assay; install it with the .build-static/release/Assay_AssayRubrics.resources folder beside it." >&2

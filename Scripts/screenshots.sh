#!/usr/bin/env bash
# Photographs every HTML page assay writes, through the browser tests' own DevTools code: at 390 and 1280 pixels
# (whole page, first screen, and half size) and printed to A4 and US Letter, in .build/screenshots; then copies the README's two
# pictures into Docs/. Needs Chromium (Scripts/setup.sh --browsers installs it); pdftoppm turns the printed PDFs
# into PNG pages when poppler-utils is there.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$PWD/.build/screenshots"
rm -rf "$folder" && mkdir -p "$folder"
swift build --build-tests
ASSAY_SCREENSHOTS="$folder" swift test --skip-build --filter BrowserTests
if command -v pdftoppm >/dev/null 2>&1; then
    for pdf in "$folder"/*.print.*.pdf; do pdftoppm -png -r 60 -f 1 -l 3 "$pdf" "${pdf%.pdf}"; done
fi
cp "$folder/report.en.390.small.png" Docs/report-phone.png
cp "$folder/handout.en.1280.small.png" Docs/handout-desktop.png
echo "Pictures in $folder; the README's in Docs/" >&2

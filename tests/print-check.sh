#!/usr/bin/env bash
# Print check of the grand oral HTML export (decisions.md, #7): the demo evening's partner summary is
# printed to PDF by headless Chromium; the page count must be the candidates + 1 (the cover).
# Installs Debian's chromium and poppler-utils when missing. PRINT_CHECK_PNG=FILE keeps page 2 as a PNG.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null || ! command -v pdftoppm >/dev/null; then
    echo "print-check: installing chromium and poppler-utils"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium poppler-utils >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --locked --quiet
bin=target/debug/passerelle
export PASSERELLE_TODAY=2026-10-15 PASSERELLE_NOW=2026-10-15T18:05:00 PASSERELLE_LANG=fr
"$bin" --db "$work/demo.db" demo --stage evening --no-ui >/dev/null
"$bin" --db "$work/demo.db" export --format html -o "$work/oral.html" >/dev/null

candidates=$(grep -c '<section class="candidate">' "$work/oral.html")
# Chromium wants a writable home for its profile; keep it in the temporary folder.
HOME="$work" chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$work/oral.pdf" "file://$work/oral.html" >/dev/null 2>&1
pages=$(pdfinfo "$work/oral.pdf" | awk '/^Pages:/ {print $2}')
if [ -n "${PRINT_CHECK_PNG:-}" ]; then
    pdftoppm -png -r 70 -f 2 -l 2 -singlefile "$work/oral.pdf" "${PRINT_CHECK_PNG%.png}"
fi
if [ "$pages" -ne $((candidates + 1)) ]; then
    echo "print-check: FAILED — $pages pages for $candidates candidates (expected $((candidates + 1)))"
    exit 1
fi
echo "print-check: $pages pages = $candidates candidates + cover — ok"

#!/usr/bin/env bash
# Print check (decisions.md, #7, #11): headless Chromium prints the demo evening's partner summary
# (pages = candidates + 1 for the cover), its table sheets (one page per table) and its route sheets
# (one page per candidate), every other sheet must print, and so must the programme report.
# Installs Debian's chromium and poppler-utils when missing. PRINT_CHECK_PNG=FILE keeps page 2 as a PNG,
# PRINT_CHECK_REPORT_PNG=FILE the report's first page (the README's pictures, assets/readme/).
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
fail=0
if [ "$pages" -ne $((candidates + 1)) ]; then
    echo "print-check: FAILED — $pages pages for $candidates candidates (expected $((candidates + 1)))"
    fail=1
else
    echo "print-check: summary $pages pages = $candidates candidates + cover — ok"
fi

# The sheets of the day: tables and routes one page each; the others simply print.
pdf_pages() {
    HOME="$work" chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$work/$1.pdf" "file://$work/$1.html" >/dev/null 2>&1
    pdfinfo "$work/$1.pdf" | awk '/^Pages:/ {print $2}'
}
for kind in emargement emargement-rempli intervenants mouvements tables routes; do
    "$bin" --db "$work/demo.db" print "$kind" -o "$work/$kind.html" >/dev/null
    got=$(pdf_pages "$kind")
    case "$kind" in
        tables) want=$(grep -c '<section class="table">' "$work/$kind.html") ;;
        routes) want=$(grep -c '<section class="route">' "$work/$kind.html") ;;
        *) want="$got" ;;
    esac
    if [ -z "$got" ] || [ "$got" -lt 1 ] || [ "$got" -ne "$want" ]; then
        echo "print-check: FAILED — $kind: $got pages, expected $want"
        fail=1
    else
        echo "print-check: $kind $got page(s) — ok"
    fi
done
# The programme report (issue 21) of the demo cohort: A4, prints, page count said here.
cohort=$("$bin" --db "$work/demo.db" list cohorts --json | sed -n 's/.*"id": *\([0-9][0-9]*\).*/\1/p' | head -1)
"$bin" --db "$work/demo.db" report --cohort "$cohort" --format html -o "$work/bilan.html" >/dev/null
got=$(pdf_pages bilan)
if [ -n "${PRINT_CHECK_REPORT_PNG:-}" ]; then
    pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/bilan.pdf" "${PRINT_CHECK_REPORT_PNG%.png}"
fi
if [ -z "$got" ] || [ "$got" -lt 1 ]; then
    echo "print-check: FAILED — report: no page printed"
    fail=1
else
    echo "print-check: report $got page(s) — ok"
fi

# A themed day's programme (issue 22): the template as its run of show, one A4 page.
themed=$("$bin" --db "$work/demo.db" new session --cohort 1 --kind themed_day --date 20/10/2026 --json \
    | sed -n 's/.*"id": *\([0-9]*\).*/\1/p')
"$bin" --db "$work/demo.db" import agenda --template >"$work/agenda.toml"
"$bin" --db "$work/demo.db" import agenda "$work/agenda.toml" --session "$themed" >/dev/null
"$bin" --db "$work/demo.db" print programme --session "$themed" -o "$work/programme.html" >/dev/null
got=$(pdf_pages programme)
if [ -z "$got" ] || [ "$got" -ne 1 ]; then
    echo "print-check: FAILED — programme: $got pages, expected 1"
    fail=1
else
    echo "print-check: programme 1 page — ok"
fi
exit $fail

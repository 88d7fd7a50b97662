#!/usr/bin/env bash
# Windows check (#21): cross-build passerelle.exe with Debian's Rust and mingw, run the tests that apply to
# Windows under Wine, and compare the exe's outputs with the Linux binary's, byte for byte.
#
# Target x86_64-win7-windows-gnu: the exe for x86_64-pc-windows-gnu imports bcryptprimitives.dll, which
# Wine 8 lacks; the win7 target runs on Wine and on every Windows from 7 to 11. Its std is built from
# Debian's rust-web-src (RUSTC_BOOTSTRAP=1 -Zbuild-std), so rustup's targets are not needed.
# Installs what is missing: rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 wine.
# Output: target/windows/x86_64-win7-windows-gnu/release/passerelle.exe. Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-win7-windows-gnu
export CARGO_TARGET_DIR="${WINDOWS_TARGET_DIR:-$PWD/target/windows}"
exe="$CARGO_TARGET_DIR/$target/release/passerelle.exe"
start=$(date +%s)
step_start=$start

step() {
    local now
    now=$(date +%s)
    echo "windows-check: $1 — $((now - step_start)) s"
    step_start=$now
}

# 1. Tools: Debian's Rust 1.96 with its std source, the mingw cross compiler, Wine.
missing=()
[ -x /usr/bin/cargo ] || missing+=(cargo-web)
[ -x /usr/bin/rustc ] || missing+=(rustc-web)
[ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rust-web-src)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || missing+=(wine wine64)
if [ ${#missing[@]} -gt 0 ]; then
    echo "windows-check: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
step "tools"

# Debian's cargo and rustc, never rustup's proxies from ~/.cargo/bin (the Linux side keeps them).
linux_path=$PATH
export PATH="/usr/bin:$PATH"
export CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
export RUSTC_BOOTSTRAP=1
export CC_x86_64_win7_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_win7_windows_gnu=x86_64-w64-mingw32-ar
export CARGO_TARGET_X86_64_WIN7_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
# Tests run their own processes under Wine too (the test exes spawn passerelle.exe).
export CARGO_TARGET_X86_64_WIN7_WINDOWS_GNU_RUNNER=wine
export WINEPREFIX="$CARGO_TARGET_DIR/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cross=(--locked --release --target "$target" -Zbuild-std=std,panic_abort)

# 2. The exe and the tests that apply to Windows (the end-to-end ones need a unix pseudo-terminal:
# cfg(unix)), in one release build: the integration tests need the exe, and a separate
# `cargo build --release` would compile every dependency a second time (the dev-dependencies add
# features to windows-sys, which nearly everything depends on) for the same program.
/usr/bin/cargo test "${cross[@]}" --lib --tests --no-run --quiet
[ -x "$exe" ] || {
    echo "windows-check: FAILED — no $exe"
    exit 1
}
step "release build of passerelle.exe and its tests"
wine wineboot --init >/dev/null 2>&1 || true
step "wine prefix"
log="$CARGO_TARGET_DIR/wine-tests.log"
set +e
/usr/bin/cargo test "${cross[@]}" --lib --tests --no-fail-fast -- --test-threads=2 >"$log" 2>&1
status=$?
# Wine's CreateProcess now and then fails with « Internal error » (1359) on a loaded machine: a test
# that spawns passerelle.exe then fails before the program runs. Such a run is tried once more, and said.
if [ "$status" -ne 0 ] && grep -q 'code: 1359' "$log"; then
    echo "windows-check: Wine could not start a process (1359); the tests run once more"
    /usr/bin/cargo test "${cross[@]}" --lib --tests --no-fail-fast -- --test-threads=2 >"$log" 2>&1
    status=$?
fi
set -e
passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s += $1} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
echo "windows-check: tests under Wine: $passed passed, $failed failed (log: $log)"
if [ "$status" -ne 0 ]; then
    grep -E '^(test .* FAILED|---- |error)' "$log" | head -40
    echo "windows-check: FAILED — tests under Wine"
    exit 1
fi
step "tests under Wine"

# 3. The same commands on Linux and under Wine, on the same seed and the same pinned day: same bytes.
# The Linux side: the debug binary `.ci/run` has just built (the toolchain of the rest of CI).
env -u CARGO -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP PATH="$linux_path" CARGO_TARGET_DIR="$PWD/target" \
    cargo build --locked --quiet
linux_bin="$PWD/target/debug/passerelle"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PASSERELLE_TODAY=2026-10-15 PASSERELLE_NOW=2026-10-15T18:05:00 PASSERELLE_LANG=fr
run_both() {
    # $1: output name; the rest: arguments. Each side works in its own folder with relative paths;
    # what it prints goes beside, so that the folder holds only what the program wrote.
    local name=$1
    shift
    (cd "$work/linux" && "$linux_bin" "$@" >"$work/linux-out/$name")
    # Under Wine the FAT warning shows (its ACLs are modes: step 5); kept out of the way.
    (cd "$work/windows" && wine "$exe" "$@" >"$work/windows-out/$name" 2>"$work/windows-out/$name.err")
}
mkdir -p "$work/linux" "$work/windows" "$work/linux-out" "$work/windows-out"
run_both plan.json plan --candidates 24 --panels 8 --interviews 4 --seed 7 --json
run_both demo.txt --db demo.db demo --seed 7 --stage evening --no-ui
run_both export.txt --db demo.db export --format html -o oral.html
run_both people.json --db demo.db list people --json
cp "$work/linux/oral.html" "$work/linux-out/oral.html"
cp "$work/windows/oral.html" "$work/windows-out/oral.html"
fail=0
for f in plan.json oral.html people.json; do
    if cmp -s "$work/linux-out/$f" "$work/windows-out/$f"; then
        echo "windows-check: $f identical ($(wc -c <"$work/linux-out/$f") bytes)"
    else
        echo "windows-check: FAILED — $f differs between Linux and Windows:"
        diff "$work/linux-out/$f" "$work/windows-out/$f" | head -20 || true
        fail=1
    fi
    [ -s "$work/linux-out/$f" ] || {
        echo "windows-check: FAILED — $f is empty"
        fail=1
    }
done
step "Linux / Windows outputs compared"

# 4. Every file the exe writes went through the owner-only ACL. Mainline Wine keeps no ACL: it turns
# a DACL into unix mode bits (ours gives 0775) and reads back a descriptor made from them, so the
# in-process check cannot see it (tests/private_files.rs does on Windows). What Wine does keep is the
# mode: a file created without our ACL has Wine's default mode (that of a file `cmd` writes), so no
# file written by the exe may have it.
(cd "$work/windows" && {
    wine "$exe" --db demo.db backup -o copie.db
    wine "$exe" --db demo.db backup
    for format in md csv json; do wine "$exe" --db demo.db export --format "$format" -o "oral.$format"; done
    for kind in emargement emargement-rempli intervenants mouvements tables routes; do wine "$exe" --db demo.db print "$kind"; done
    wine "$exe" --db demo.db print person --id 1 -o fiche.html
} >/dev/null 2>&1)
(cd "$work/windows-out" && wine cmd /c "echo x> control.txt" >/dev/null 2>&1)
default_mode=$(stat -c %a "$work/windows-out/control.txt")
written=$(find "$work/windows" -type f | wc -l)
unprotected=$(find "$work/windows" -type f -perm "$default_mode" | sed "s|$work/windows/||")
if [ "$written" -lt 15 ] || [ -n "$unprotected" ]; then
    echo "windows-check: FAILED — $written files written; without the ACL (mode $default_mode): ${unprotected:-none}"
    fail=1
else
    echo "windows-check: $written files written by the exe, every one through the owner-only ACL (none with Wine's default mode $default_mode)"
fi
step "ACL on every file written"

# 5. The default data folder is Windows' own: AppData\Roaming.
appdata_db=$(wine "$exe" list cohorts --json >/dev/null && find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/*' -name passerelle.db | head -1)
if [ -n "$appdata_db" ]; then
    echo "windows-check: default database ${appdata_db#"$WINEPREFIX/"}"
else
    echo "windows-check: FAILED — no database under AppData\Roaming"
    fail=1
fi
step "default data folder"
[ "$fail" -eq 0 ] || exit 1
echo "windows-check: done in $(($(date +%s) - start)) s ($exe)"

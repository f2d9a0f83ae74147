#!/bin/sh
# SPDX-License-Identifier: MIT
# Each input is read once (issue 9): `plot deaths` reads the three death
# estimates in one pass, `report` builds its regional series while the
# claims check reads the ACD, `inspect` opens each file once. Counted with
# strace (openat of the input's path); skipped (77) without strace, and
# the report part without gnuplot.
# Usage: opens.sh CTREND SRC_DIR
set -u
ctrend=$1
cd "$2" || exit 1
command -v strace >/dev/null 2>&1 || { echo "no strace: skipped"; exit 77; }
# LeakSanitizer cannot run under ptrace (the sanitizer build)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0

# opens NAME FILE CMD...: runs CMD under strace, checks FILE was opened once
opens() {
    name=$1 file=$2
    shift 2
    strace -f -e trace=openat -o "$T/strace" "$@" >/dev/null 2>"$T/err"
    rc=$?
    n=$(grep -c "\"$file\"" "$T/strace")
    if [ "$rc" -ne 0 ]; then
        echo "$name: exit status $rc" >&2
        cat "$T/err" >&2
        status=1
    elif [ "$n" -ne 1 ]; then
        echo "$name: $file opened $n times, expected once" >&2
        status=1
    else
        echo "$name: $file opened once"
    fi
}

opens "plot deaths" tests/data/brd_small.csv \
    "$ctrend" plot deaths --data-only -o "$T/deaths.tsv" tests/data/brd_small.csv
opens "plot deaths by region" tests/data/brd_small.csv \
    "$ctrend" plot deaths --group region --data-only tests/data/brd_small.csv
opens "inspect" tests/data/acd_small.csv \
    "$ctrend" inspect --format json tests/data/acd_small.csv
if command -v gnuplot >/dev/null 2>&1 || [ -n "${CTREND_GNUPLOT:-}" ]; then
    opens "report" tests/data/acd_small.csv \
        "$ctrend" report --ucdp tests/data/acd_small.csv -o "$T/report"
    opens "report (countries)" datasets/countries.csv \
        "$ctrend" report --ucdp tests/data/acd_small.csv \
        --countries datasets/countries.csv -o "$T/report2"
else
    echo "no gnuplot: report not checked"
fi
exit $status

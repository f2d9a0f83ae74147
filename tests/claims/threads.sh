#!/bin/sh
# SPDX-License-Identifier: MIT
# threads.sh CTREND SOURCE_DIR [real] - `ctrend claims` writes the same
# bytes on 1, 2 and 4 threads (and on the default number), in every format
# with the full specification table: on the bundled synthetic data, or with
# `real` on UCDP/PRIO ACD 23.1 of ../shared/data (exit 77, skipped, without
# it). The specification curve is fitted in parallel; the order and the
# numbers of the output must not depend on which thread fitted what.
set -u
ctrend=$1 src=$2 what=${3:-synthetic}
if [ "$what" = real ]; then
    d=${CTREND_SHARED_DATA:-$src/../shared/data}
    acd=$d/ucdp/UcdpPrioConflict_v23_1.csv
    [ -r "$acd" ] || { echo "skipped: no $acd"; exit 77; }
    set -- --ucdp "$acd"
else
    set --
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ctrend-threads.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=0 CTREND_DATADIR="$src/datasets"
fail=0
for f in text md csv json; do
    for t in 1 2 4 default; do
        if [ $t = default ]; then topt=; else topt="--threads $t"; fi
        # shellcheck disable=SC2086
        "$ctrend" claims "$@" $topt --specifications --format $f \
            -o "$tmp/$f.$t" 2>"$tmp/err" || {
            echo "FAIL: claims --format $f $topt exited $?"; cat "$tmp/err"
            fail=1; continue; }
    done
    [ -s "$tmp/$f.1" ] || { echo "FAIL: $f: empty output"; fail=1; }
    for t in 2 4 default; do
        if cmp -s "$tmp/$f.1" "$tmp/$f.$t"; then
            echo "same: $f, 1 and $t threads ($(wc -c <"$tmp/$f.1") bytes)"
        else
            echo "FAIL: $f differs between 1 and $t threads"
            diff "$tmp/$f.1" "$tmp/$f.$t" | head -5
            fail=1
        fi
    done
done
# the specification table is the curve: thousands of rows, all there
n=$(grep -c '^C[0-9]' "$tmp/csv.1")
[ "$n" -gt 1000 ] || { echo "FAIL: only $n specification rows"; fail=1; }
exit $fail

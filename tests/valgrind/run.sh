#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh - ctrend under valgrind memcheck on the real exports of
# ../shared/data and on the bad-input catalogue (tests/bad/data).
#
#   run.sh CTREND_BIN SRC_DIR
#
# Every run is `valgrind --error-exitcode=99 --leak-check=full
# --errors-for-leak-kinds=definite,indirect`: an invalid read or write, a
# use of uninitialised memory, a bad free or a definite/indirect leak makes
# it exit 99. ctrend's own exit status (0, 1 or 2: these inputs include
# bad ones and option combinations a dataset refuses) does not matter;
# 99 and death by a signal do. Every file is read by `inspect` and by
# `series` with several option sets, on 1 and 2 threads; a file over
# 32 MiB made from the exports exercises the parallel loader.
#
# Exits 77 (ctest SKIP_RETURN_CODE) when valgrind or the shared data
# folder (SRC_DIR/../shared/data, or $CT_SHARED_DATA) is absent. Must not
# run on a sanitizer build (ctest label nosan): ASan and valgrind clash.
set -u

if [ $# -ne 2 ]; then
    echo "usage: run.sh CTREND_BIN SRC_DIR" >&2
    exit 2
fi
bin=$1
src=$2
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
data=${CT_SHARED_DATA:-$src/../shared/data}
if ! command -v valgrind >/dev/null 2>&1; then
    echo "SKIP: valgrind is not installed"
    exit 77
fi
if [ ! -d "$data" ]; then
    echo "SKIP: no shared data folder ($data)"
    exit 77
fi
LC_ALL=C
export LC_ALL
unset CTREND_DATADIR CTREND_THREADS

out=$(mktemp -d "${TMPDIR:-/tmp}/ctrend-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
runs=0
errors=0
crashes=0
notes=0

# vg ARGS...: one ctrend run under memcheck
vg() {
    runs=$((runs + 1))
    log=$out/run.$runs.log
    valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --num-callers=30 \
        --log-file="$log" "$bin" "$@" >/dev/null 2>"$out/stderr"
    rc=$?
    if [ $rc -eq 99 ]; then
        errors=$((errors + 1))
        echo "ERROR (memcheck): ctrend $*"
        sed 's/^/    /' "$log"
    elif [ $rc -ge 128 ]; then
        crashes=$((crashes + 1))
        echo "CRASH (exit $rc): ctrend $*"
        sed 's/^/    /' "$log" "$out/stderr"
    elif [ -s "$log" ]; then
        notes=$((notes + 1))
        echo "note (exit $rc, not an error): ctrend $*"
        sed 's/^/    /' "$log"
    else
        echo "ok (exit $rc): ctrend $*"
    fi
    rm -f "$log"
}

files=$(find "$data" -type f | LC_ALL=C sort)
[ -n "$files" ] || { echo "SKIP: $data holds no files"; exit 77; }

echo "== the shared exports ($data)"
for f in $files; do
    vg inspect "$f"
    vg series --threads 1 --skip-bad "$f"
    vg series --threads 2 --skip-bad --measure events,deaths \
        --group class,region,subregion --format json "$f"
    vg series --threads 2 --by month --measure events \
        --group country,event_type --scheme un --format tsv "$f"
    vg series --threads 1 --measure deaths --estimate low --group class \
        -o "$out/out.csv" "$f"
    vg series --threads 2 --measure events --class intra --region Asia \
        --group subregion --from 1990 --to 2020 "$f"
done
# every file in one inspect, and the GED files joined to the ACD
vg inspect $files
acd=$(printf '%s\n' $files | grep -i 'conflict_v\|prioconflict' | head -n 1)
for g in $(printf '%s\n' $files | grep -i -e '/ged[^/]*/' -e '/ged[^/]*$'); do
    [ -n "$acd" ] && vg series --join "$acd" --group class "$g"
done

# the parallel loader: a file over 32 MiB (CT_LOAD_PARALLEL_MIN) made of
# the largest export's records repeated, on 2 and 3 threads
big=$(ls -S $files | grep -i '\.csv$' | head -n 1)
if [ -n "$big" ]; then
    head -n 1 "$big" >"$out/big.csv"
    k=0
    while [ "$(wc -c <"$out/big.csv")" -le 36000000 ] && [ $k -lt 200 ]; do
        tail -n +2 "$big" >>"$out/big.csv"
        # a last record without a line end must not merge with the next
        [ "$(tail -c 1 "$out/big.csv" | wc -l)" -eq 1 ] || echo >>"$out/big.csv"
        k=$((k + 1))
    done
    echo "== parallel: $(wc -c <"$out/big.csv") bytes ($k copies of $big)"
    vg series --threads 2 --measure events --group class,region "$out/big.csv"
    vg series --threads 3 --skip-bad --by month --measure events \
        "$out/big.csv"
    rm -f "$out/big.csv"
fi

echo "== the bad-input catalogue ($src/tests/bad/data)"
for f in $(find "$src/tests/bad/data" -type f | LC_ALL=C sort); do
    vg inspect "$f"
    vg series --threads 2 --skip-bad --measure events --group class "$f"
done

echo "valgrind: $runs runs, $errors with memory errors or leaks," \
     "$crashes crashed, $notes with notes (possible leaks only)"
[ $errors -eq 0 ] && [ $crashes -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh - CLI golden tests (ZS tests/cli-tests style).
#
#   run.sh CTREND_BIN SRC_DIR CASE            run one case, compare
#   run.sh --update CTREND_BIN SRC_DIR [CASE...]
#                                             regenerate the goldens of the
#                                             cases named (default: all)
#
# A case is tests/cli/cases/CASE.sh, run by sh from SRC_DIR (so fixture
# paths in it are relative and the goldens do not depend on where the tree
# lives) with $CTREND set to the binary, LC_ALL=C and a fresh scratch
# folder in $T (removed afterwards). Its stdout, stderr and exit status are
# compared with CASE.stdout, CASE.stderr and CASE.exit. Review the diff of
# every --update before committing it.
set -u

update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
if [ $# -lt 2 ]; then
    echo "usage: run.sh [--update] CTREND_BIN SRC_DIR [CASE...]" >&2
    exit 2
fi
bin=$1
src=$2
shift 2
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
cases_dir=$src/tests/cli/cases
if [ $# -eq 0 ]; then
    if [ $update -eq 0 ]; then
        echo "run.sh: name a CASE (or use --update)" >&2
        exit 2
    fi
    set -- $(cd "$cases_dir" && ls *.sh | sed 's/\.sh$//')
fi

LC_ALL=C
export LC_ALL
unset CTREND_DATADIR

status=0
for name in "$@"; do
    script=$cases_dir/$name.sh
    if [ ! -f "$script" ]; then
        echo "run.sh: no case '$name' ($script)" >&2
        status=1
        continue
    fi
    out=$(mktemp -d "${TMPDIR:-/tmp}/ctrend-cli.XXXXXX") || exit 1
    mkdir "$out/T"
    (cd "$src" && CTREND=$bin T=$out/T sh "$script" \
        >"$out/stdout" 2>"$out/stderr")
    echo $? >"$out/exit"
    if [ $update -eq 1 ]; then
        cp "$out/stdout" "$cases_dir/$name.stdout"
        cp "$out/stderr" "$cases_dir/$name.stderr"
        cp "$out/exit" "$cases_dir/$name.exit"
        echo "updated $name (exit $(cat "$out/exit"))"
    else
        for part in stdout stderr exit; do
            if ! diff -u "$cases_dir/$name.$part" "$out/$part" \
                    >"$out/diff" 2>&1; then
                echo "cli.$name: $part differs from $name.$part:"
                cat "$out/diff"
                status=1
            fi
        done
    fi
    rm -rf "$out"
done
exit $status

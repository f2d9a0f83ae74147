#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh - the bad-input catalogue (tests/bad/README.md).
#
#   run.sh CTREND_BIN SRC_DIR NAME       run case NAME and check it
#   run.sh --list SRC_DIR NAME...        check that the NAMEs (the ctest
#                                        list) are exactly cases/*.sh
#
# A case is tests/bad/cases/NAME.sh, run by sh from SRC_DIR with LC_ALL=C,
# a fresh scratch folder in $T and $CTREND set to a wrapper that runs the
# binary under `timeout 10` and logs each exit status ($CT_BAD_TIMEOUT
# seconds instead when set: tests/CMakeLists.txt gives the much slower
# sanitizer build 30). The case fails when
# its exit status, stderr or stdout differ from tests/bad/expected/NAME.*
# (no NAME.stdout: stdout must be empty), when any ctrend run took 1 second
# or more, died of a signal or exited >= 128, or when stderr holds a
# sanitizer report. A case that writes $T/SKIP is skipped: exit 77.
set -u

if [ "${1:-}" = "--list" ]; then
    [ $# -ge 2 ] || { echo "usage: run.sh --list SRC_DIR NAME..." >&2; exit 2; }
    dir=$2/tests/bad/cases
    shift 2
    listed=$(printf '%s\n' "$@" | sort)
    present=$(cd "$dir" && ls *.sh | sed 's/\.sh$//' | sort)
    if [ "$listed" != "$present" ]; then
        echo "bad.catalogue: cases/ and tests/bad/cases.cmake disagree" \
             "(run tests/bad/make_bad.py):"
        printf '%s\n' "$listed" >"${TMPDIR:-/tmp}/ctrend-bad-listed.$$"
        printf '%s\n' "$present" | diff "${TMPDIR:-/tmp}/ctrend-bad-listed.$$" -
        rm -f "${TMPDIR:-/tmp}/ctrend-bad-listed.$$"
        exit 1
    fi
    exit 0
fi
if [ $# -ne 3 ]; then
    echo "usage: run.sh CTREND_BIN SRC_DIR NAME" >&2
    exit 2
fi
bin=$1
src=$2
name=$3
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
script=$src/tests/bad/cases/$name.sh
exp=$src/tests/bad/expected/$name
if [ ! -f "$script" ] || [ ! -f "$exp.exit" ] || [ ! -f "$exp.stderr" ]; then
    echo "bad.$name: no such case ($script, $exp.exit, $exp.stderr)" >&2
    exit 1
fi
if ! command -v timeout >/dev/null 2>&1; then
    echo "bad.$name: 'timeout' (coreutils) is needed" >&2
    exit 1
fi

LC_ALL=C
export LC_ALL
unset CTREND_DATADIR CTREND_THREADS

out=$(mktemp -d "${TMPDIR:-/tmp}/ctrend-bad.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$out" 2>/dev/null; rm -rf "$out"' EXIT
mkdir "$out/T" "$out/bin"
# The wrapper: every run under `timeout 10`, a guard against hangs, not a
# speed test (speed is measured by tests/bench): a run that does not finish
# in 10 seconds is killed (status 124 or 137); its status is logged.
limit=${CT_BAD_TIMEOUT:-10}
cat >"$out/bin/ctrend" <<EOF
#!/bin/sh
timeout -k 1 $limit "$bin" "\$@"
rc=\$?
echo \$rc >>"$out/log"
exit \$rc
EOF
chmod +x "$out/bin/ctrend"
: >"$out/log"

(cd "$src" && CTREND=$out/bin/ctrend T=$out/T sh "$script" \
    >"$out/stdout" 2>"$out/stderr")
echo $? >"$out/exit"

if [ -f "$out/T/SKIP" ]; then
    echo "SKIP: $(cat "$out/T/SKIP")"
    exit 77
fi

status=0
fail() {
    echo "bad.$name: $*"
    status=1
}
if [ ! -s "$out/log" ]; then
    fail "ctrend never ran (the case script failed before it)"
fi
while read -r rc; do
    case $rc in
    124|137) fail "a ctrend run took $limit second(s) or more (killed by timeout)" ;;
    *) [ "$rc" -ge 128 ] && fail "a ctrend run died (exit status $rc)" ;;
    esac
done <"$out/log"
if grep -E -q 'Sanitizer|runtime error:|SUMMARY: ' "$out/stderr"; then
    fail "sanitizer report on stderr"
fi
if ! diff -u "$exp.exit" "$out/exit" >"$out/diff" 2>&1; then
    fail "exit status differs from expected/$name.exit:"
    cat "$out/diff"
fi
if ! diff -u "$exp.stderr" "$out/stderr" >"$out/diff" 2>&1; then
    fail "stderr differs from expected/$name.stderr:"
    cat "$out/diff"
fi
if [ -f "$exp.stdout" ]; then
    if ! diff -u "$exp.stdout" "$out/stdout" >"$out/diff" 2>&1; then
        fail "stdout differs from expected/$name.stdout:"
        head -n 40 "$out/diff"
    fi
elif [ -s "$out/stdout" ]; then
    fail "stdout is not empty:"
    head -c 2000 "$out/stdout"
    echo
fi
exit $status

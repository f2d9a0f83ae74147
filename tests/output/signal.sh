#!/bin/bash
# SPDX-License-Identifier: MIT
# -o under a signal: SIGINT, SIGTERM or SIGHUP during a large `-o` write
# must leave neither the temporary file nor a target behind, and ctrend
# must die of that signal (status 128 + N); the same for the temporary
# folder of `ctrend report -o DIR`. Not timed: each run is
# signalled once its temporary file exists (polled), and the output is
# made large enough (millions of rows) that it is still being written.
# Usage: signal.sh CTREND
set -u
ctrend=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
set -m   # job control: background jobs do not start with SIGINT ignored
status=0
for sig in INT TERM HUP; do
    mkdir "$T/$sig"
    "$ctrend" generate --layout acled --rows 20000000 --seed 1 \
        -o "$T/$sig/out.csv" 2>"$T/$sig.err" &
    pid=$!
    seen=0
    for _ in $(seq 1 2000); do
        if [ "$(du -k "$T/$sig" | cut -f1)" -gt 1024 ]; then
            seen=1
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        sleep 0.01
    done
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    want=$((128 + $(kill -l "$sig")))
    left=$(ls -A "$T/$sig")
    if [ $seen -ne 1 ]; then
        echo "SIG$sig: never saw the temporary file being written" >&2
        status=1
    elif [ "$rc" -ne "$want" ]; then
        echo "SIG$sig: exit status $rc, expected $want" >&2
        cat "$T/$sig.err" >&2
        status=1
    elif [ -n "$left" ]; then
        echo "SIG$sig: left behind: $left" >&2
        status=1
    else
        echo "SIG$sig: killed ($rc), nothing left behind"
    fi
    rm -rf "$T/$sig"
done

# `ctrend report -o DIR` builds DIR.tmp-XXXXXX and renames it at the end:
# a signal while it is being filled must leave neither it nor DIR. The
# signal goes to the process group, as a terminal's ^C or hang-up does
# (gnuplot children included). Skipped without gnuplot.
if command -v gnuplot >/dev/null 2>&1 || [ -n "${CTREND_GNUPLOT:-}" ]; then
    for sig in INT TERM HUP; do
        mkdir "$T/$sig"
        "$ctrend" report -o "$T/$sig/rep" 2>"$T/$sig.err" &
        pid=$!
        seen=0
        for _ in $(seq 1 3000); do
            if ls "$T/$sig"/rep.tmp-*/results.json >/dev/null 2>&1; then
                seen=1
                break
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                break
            fi
            sleep 0.01
        done
        kill -s "$sig" -- "-$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=$?
        want=$((128 + $(kill -l "$sig")))
        sleep 0.2   # gnuplot children of the group end too
        left=$(ls -A "$T/$sig")
        if [ $seen -ne 1 ]; then
            echo "report SIG$sig: never saw the temporary folder" >&2
            status=1
        elif [ "$rc" -ne "$want" ]; then
            echo "report SIG$sig: exit status $rc, expected $want" >&2
            cat "$T/$sig.err" >&2
            status=1
        elif [ -n "$left" ]; then
            echo "report SIG$sig: left behind: $left" >&2
            status=1
        else
            echo "report SIG$sig: killed ($rc), no folder left behind"
        fi
        rm -rf "$T/$sig"
    done
else
    echo "no gnuplot: report not checked"
fi
exit $status

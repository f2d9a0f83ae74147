#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Instructions a record, by part of the pipeline (README "Performance"):
# valgrind's callgrind counts the instructions of one `ctrend series` run
# (one thread, events and deaths by year, country and event type) on the
# first lines of an ACLED-layout export, and tests/bench/instructions.py
# shares them out: CSV reading, record to observation, series builder,
# duplicate check. Instruction counts do not drift with the machine's
# speed, so two builds can be compared on any day; a benchmark, not a
# test. Needs valgrind (apt install valgrind).
#
# Usage: tests/bench/instructions.sh [--lines N] [--ctrend BIN] [FILE]
# Default FILE: build-bench/data/acled_2500000.csv (tests/bench/run.sh
# makes it); N: 110001 lines (the header and about 110,000 records).
set -euo pipefail
cd "$(dirname "$0")/../.."
lines=110001 ct=build/src/ctrend
while (($#)); do
  case $1 in
    --lines) lines=$2; shift 2 ;;
    --ctrend) ct=$2; shift 2 ;;
    -h|--help) sed -n '3,14p' "$0"; exit 0 ;;
    -*) echo "instructions.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
in=${1:-build-bench/data/acled_2500000.csv}
[[ -f $in ]] || { echo "instructions.sh: no file $in (run tests/bench/run.sh first, or name one)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -n "$lines" "$in" >"$tmp/head.csv"
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$ct" series \
  --quiet --threads 1 --measure events,deaths --group country,event_type \
  "$tmp/head.csv" >/dev/null 2>"$tmp/valgrind.log" || {
  cat "$tmp/valgrind.log" >&2; exit 1; }
python3 tests/bench/instructions.py "$tmp/cg.out" "$tmp/head.csv"

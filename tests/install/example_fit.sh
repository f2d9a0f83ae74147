#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the library-only example (tests/install/example_fit.c) on the
# synthetic ACD export and checks its Markdown: one table row per class of
# conflict in the export (counted here with awk from type_of_conflict, not
# by ctrend), each with a finite estimate, and the same percent per year
# as `ctrend fit --model poisson --group class` prints.
# Usage: example_fit.sh EXAMPLE_BIN CTREND_BIN SOURCE_DIR
set -eu
ex=$1
ct=$2
src=$3
data=$src/datasets/synthetic/acd_synthetic.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "example_fit: $*" >&2; exit 1; }

"$ex" "$src/datasets/countries.csv" "$data" poisson class >"$tmp/md"
cat "$tmp/md"
# classes present: distinct type_of_conflict values (column 14)
want=$(awk -F'","' 'NR > 1 { print $14 }' "$data" | sort -u | wc -l)
got=$(grep -c '^| class=' "$tmp/md")
[ "$got" -eq "$want" ] || fail "$got table rows, $want classes in the export"
grep -q '^## poisson$' "$tmp/md" || fail "no poisson table"
grep -q '^|---|' "$tmp/md" || fail "no table header"
! grep '^| class=' "$tmp/md" | grep -q '| NA |' || fail "an estimate is NA"
# the estimate column is the percent per year of the CLI's fit
"$ct" fit --model poisson --group class --precision 4 "$data" 2>/dev/null \
    | awk '/^poisson:/ { g = $0; sub(/.*group /, "", g); sub(/,.*/, "", g) }
           /^  percent_per_year / { print g, $2 }' >"$tmp/cli"
awk -F' [|] ' '/^[|] class=/ { sub(/^[|] /, "", $1); print $1, $4 }' \
    "$tmp/md" >"$tmp/ex"
cmp "$tmp/cli" "$tmp/ex" || fail "the example and the CLI differ"
[ -s "$tmp/ex" ] || fail "nothing compared"
echo "example_fit: ok ($got groups)"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every command of README.md's "Examples" section (STYLE: README
# examples run as tests) in a scratch folder where the file names they use
# point at the real exports in ../shared/data; each must exit 0.
# Usage: run.sh CTREND SRC_DIR. Exits 77 (skipped) without the shared data.
set -euo pipefail
ct=$1
src=$2
data=${CTREND_SHARED_DATA:-$src/../shared/data}
[[ -d $data ]] || { echo "SKIP: no shared data ($data)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$data/ucdp/UcdpPrioConflict_v23_1.csv" "$tmp/UcdpPrioConflict_v23_1.csv"
ln -s "$data/ucdp/BattleDeaths_v24_1.csv" "$tmp/BattleDeaths_v24_1.csv"
ln -s "$data/ucdp/ged_hdx/conflict_data_pak.csv" "$tmp/conflict_data_pak.csv"
ln -s "$data/acled/acled_somalia_2025-04_to_2026-03_current-format.csv" "$tmp/acled.csv"
ln -s "$data/acled/acled_somalia_2025-04_to_2026-03_current-format.csv" "$tmp/acled_all.csv"
# the command lines of the section, without comments and code fences
mapfile -t cmds < <(sed -n '/^## Examples/,/^`ctrend --help`/p' "$src/README.md" |
                    grep '^ctrend ')
(( ${#cmds[@]} >= 10 )) || { echo "found only ${#cmds[@]} examples"; exit 1; }
cd "$tmp"
fail=0
for c in "${cmds[@]}"; do
  if ! eval "\"$ct\" ${c#ctrend }" > out.txt 2> err.txt; then
    echo "FAILED: $c"; cat err.txt; fail=1
  fi
done
echo "${#cmds[@]} README examples run"
exit $fail

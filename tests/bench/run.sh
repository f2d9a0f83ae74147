#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The loading benchmark (README "Performance"): anyone can rerun it.
#
# Task: group an ACLED-layout export by (year, region, event_type) and a
# GED-layout export by (year, region, type_of_violence): event count and
# death sum. Tools: ctrend series, Polars (nodejs-polars, eager read_csv),
# DuckDB (@duckdb/node-api), R data.table fread, pandas, and cat / wc -l
# as floors. Every tool's result is normalised and must equal ctrend's.
# Prints medians, MB/s, peak resident memory and ratios to ctrend, and
# checks ctrend's peak memory on a file four times smaller (at most 16
# bytes more per row: the duplicate check's digests).
#
# Usage: tests/bench/run.sh [--rows N] [--ged-rows N] [--runs K]
#                           [--threads T] [--dir DIR] [--no-peers]
# Defaults: 2,500,000 ACLED rows, 300,000 GED rows, 5 runs, 2 threads,
# data and peer packages in build-bench/. Needs /usr/bin/time; installs
# python3-pandas, r-cran-data.table (apt) and the npm packages when run
# as root with network access to the registries.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
rows=2500000 ged_rows=300000 runs=5 threads=2 dir=build-bench peers=1
while (($#)); do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --ged-rows) ged_rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --no-peers) peers=0; shift ;;
    -h|--help) sed -n '3,20p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data
mkdir -p "$data" "$dir/out"

echo "== build (Release)" >&2
cmake -S . -B "$dir/build" -DCMAKE_BUILD_TYPE=Release -DCT_BUILD_TESTS=OFF >/dev/null
cmake --build "$dir/build" -j"$(nproc)" >/dev/null
ct=$dir/build/src/ctrend

quarter=$((rows / 4))
for spec in "acled $rows acled_$rows" "acled $quarter acled_$quarter" \
            "ged $ged_rows ged_$ged_rows"; do
  set -- $spec
  if [[ ! -s $data/$3.csv ]]; then
    echo "== generate $3.csv" >&2
    "$ct" generate --layout "$1" --rows "$2" --seed 1 -o "$data/$3.csv"
  fi
done

if ((peers)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    need=()
    for p in python3-pandas r-cran-data.table; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
    done
    command -v node >/dev/null || need+=(nodejs)
    command -v npm >/dev/null || need+=(npm)
    [[ -x /usr/bin/time ]] || need+=(time)
    if ((${#need[@]})); then
      echo "== apt-get install ${need[*]}" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
  fi
  if [[ ! -d $dir/node/node_modules/@duckdb/node-api ]]; then
    echo "== npm install (polars, duckdb)" >&2
    mkdir -p "$dir/node"
    (cd "$dir/node" && { [[ -f package.json ]] || npm init -y >/dev/null; } &&
     npm install --no-audit --no-fund nodejs-polars@0.25.2 \
       nodejs-polars-linux-x64-gnu@0.25.2 @duckdb/node-api@1.5.6-r.1 >/dev/null 2>&1) ||
      echo "bench: npm install failed; Polars and DuckDB are skipped" >&2
  fi
fi
export NODE_PATH=$dir/node/node_modules
# pandas from Debian lives in the system Python, not in a user one
pypandas=python3
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import pandas" 2>/dev/null && pypandas=/usr/bin/python3

# run TOOL LAYOUT FILE: prints "median_s peak_kb" and leaves the result in
# $dir/out/TOOL-LAYOUT.csv
run() {
  local tool=$1 layout=$2 file=$3 out=$dir/out/$1-$2.csv t i
  local -a cmd
  case $tool in
    ctrend)
      if [[ $layout == acled ]]; then key=subregion; else key=region; fi
      cmd=("$ct" series --quiet --threads "$threads" --measure events,deaths
           --group "$key,event_type" -o "$out" "$file") ;;
    polars) cmd=(env POLARS_MAX_THREADS="$threads" node "$src/tests/bench/peer_polars.js" "$layout" "$file" "$out") ;;
    duckdb) cmd=(node "$src/tests/bench/peer_duckdb.js" "$layout" "$file" "$out" "$threads") ;;
    datatable) cmd=(Rscript "$src/tests/bench/peer_datatable.R" "$layout" "$file" "$out" "$threads") ;;
    pandas) cmd=("$pypandas" "$src/tests/bench/peer_pandas.py" "$layout" "$file" "$out") ;;
    cat) cmd=(sh -c 'cat "$1" > /dev/null' sh "$file") ;;
    wc) cmd=(wc -l "$file") ;;
  esac
  : > "$dir/out/times"
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f "%e %M" -a -o "$dir/out/times" "${cmd[@]}" >/dev/null 2>"$dir/out/err"; then
      echo "bench: $tool failed on $layout: $(tail -n 3 "$dir/out/err")" >&2
      echo "failed failed"; return
    fi
  done
  sort -n "$dir/out/times" | awk '{t[NR]=$1; if ($2 > m) m = $2} END {print t[int((NR+1)/2)], m}'
}

have() {
  case $1 in
    ctrend|cat|wc) return 0 ;;
    polars) [[ -d $NODE_PATH/nodejs-polars ]] ;;
    duckdb) [[ -d $NODE_PATH/@duckdb/node-api ]] ;;
    datatable) Rscript -e 'library(data.table)' >/dev/null 2>&1 ;;
    pandas) "$pypandas" -c "import pandas" >/dev/null 2>&1 ;;
  esac
}

status=0
table() { # LAYOUT FILE LABEL
  local layout=$1 file=$2 label=$3 size mb base_t
  size=$(stat -c %s "$file")
  mb=$(awk -v s="$size" 'BEGIN {printf "%.0f", s / 1e6}')
  echo
  echo "### $label: $(basename "$file"), $mb MB, $runs runs, $threads threads"
  echo
  echo "| tool | median s | MB/s | peak MB | time / ctrend | same numbers |"
  echo "|---|---|---|---|---|---|"
  read -r base_t base_m < <(run ctrend "$layout" "$file")
  python3 "$src/tests/bench/normalize.py" "$dir/out/ctrend-$layout.csv" "$dir/out/ctrend-$layout.norm"
  for tool in ctrend polars duckdb datatable pandas cat wc; do
    have "$tool" || { echo "| $tool | not installed | | | | |"; continue; }
    if [[ $tool == ctrend ]]; then t=$base_t m=$base_m; else read -r t m < <(run "$tool" "$layout" "$file"); fi
    if [[ $t == failed ]]; then echo "| $tool | failed | | | | |"; status=1; continue; fi
    same=n/a
    if [[ $tool != cat && $tool != wc ]]; then
      python3 "$src/tests/bench/normalize.py" "$dir/out/$tool-$layout.csv" "$dir/out/$tool-$layout.norm"
      if cmp -s "$dir/out/ctrend-$layout.norm" "$dir/out/$tool-$layout.norm"; then same=yes; else same=NO; status=1; fi
    fi
    awk -v tool="$tool" -v t="$t" -v m="$m" -v b="$base_t" -v s="$size" -v same="$same" \
      'BEGIN {printf "| %s | %.2f | %.0f | %.0f | %.2f | %s |\n", tool, t, s / 1e6 / t, m / 1024, t / b, same}'
  done
}

table acled "$data/acled_$rows.csv" "ACLED layout"
table ged "$data/ged_$ged_rows.csv" "GED layout"

# memory: the duplicate check inside a file keeps an 8-byte digest per
# record (README "Performance"), so memory may grow by at most 16 bytes a
# row (digest and hash-table slack); everything else is flat in the rows
read -r _ m_full < <(run ctrend acled "$data/acled_$rows.csv")
read -r _ m_quarter < <(run ctrend acled "$data/acled_$quarter.csv")
echo
awk -v a="$m_full" -v b="$m_quarter" -v r="$rows" -v q="$quarter" 'BEGIN {
  printf "ctrend peak memory: %.1f MB on %d rows, %.1f MB on %d rows (%.1f bytes per extra row)\n", a/1024, r, b/1024, q, (a-b)*1024/(r-q) }'
awk -v a="$m_full" -v b="$m_quarter" -v r="$rows" -v q="$quarter" \
    'BEGIN { exit !(a < 64*1024 && (a-b)*1024/(r-q) <= 16) }' \
  || { echo "bench: memory grows more than 16 bytes a row or is over 64 MB" >&2; status=1; }
exit $status

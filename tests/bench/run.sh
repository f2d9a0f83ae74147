#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark (README "Performance"): anyone can rerun it.
#
# Cases, each timed for every tool in one run:
#   one    one ACLED-layout export (quoted notes with commas, doubled
#          quotes and line breaks): events and deaths by year, country and
#          event type, CSV out
#   files  the same rows split into 50 files by country (49 countries and
#          one file of the rest: tests/bench/split_by_country.py)
#   json   case one with JSON out
#   ged    a GED-layout export by year, region and type of violence
#   fit    fit --model segmented --breaks 2 on 30, 1,000 and 100,000
#          periods, against R's segmented package
#   pairs  the ratios the aims are stated in (one file / cat, 50 files /
#          one file, JSON / CSV) from interleaved runs: cat, one file, 50
#          files, JSON, cat, ... (a slow spell of the machine slows both
#          sides of a ratio alike, where tables of 5 runs a tool, taken
#          one after the other, can catch it on one side only)
# Tools: ctrend, Polars (nodejs-polars, eager read_csv), DuckDB
# (@duckdb/node-api), R data.table fread, pandas, and `cat` as the floor.
# Every tool's result is normalised and must equal ctrend's (fits: ctrend's
# residual sum of squares must not exceed R's). Prints medians, MB/s, peak
# resident memory and ratios to `cat` and to ctrend, then checks that
# ctrend's peak memory is flat in the number of rows (a file four times
# smaller) for one file and for the split files, in CSV and JSON.
#
# Usage: tests/bench/run.sh [--rows N] [--ged-rows N] [--runs K]
#                           [--threads T] [--dir DIR] [--no-peers]
#                           [--cases LIST] [--fit-sizes LIST] [--pairs K]
# Defaults: 2,500,000 ACLED rows, 300,000 GED rows, 5 runs, 2 threads,
# cases one,files,json,ged,fit,memory,pairs, fit sizes 30,1000,100000
# periods, 11 interleaved rounds;
# data and peer packages in
# build-bench/. Needs /usr/bin/time; installs python3-pandas,
# r-cran-data.table, r-cran-jsonlite, r-cran-segmented (apt) and the npm
# packages when run as root with access to the registries.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
rows=2500000 ged_rows=300000 runs=5 threads=2 dir=build-bench peers=1
cases=one,files,json,ged,fit,memory,pairs fit_sizes=30,1000,100000 pairs=11
while (($#)); do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --ged-rows) ged_rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --no-peers) peers=0; shift ;;
    --cases) cases=$2; shift 2 ;;
    --fit-sizes) fit_sizes=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    -h|--help) sed -n '3,37p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
want() { [[ ,$cases, == *,$1,* ]]; }
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
# the same rows, one file per country (the way ACLED and GED are often
# downloaded)
for n in "$rows" "$quarter"; do
  if [[ ! -e $data/acled_${n}_split/.done ]]; then
    echo "== split acled_$n.csv by country" >&2
    rm -rf "$data/acled_${n}_split"
    python3 "$src/tests/bench/split_by_country.py" "$data/acled_$n.csv" "$data/acled_${n}_split" --files 50 >/dev/null
    touch "$data/acled_${n}_split/.done"
  fi
done
for n in ${fit_sizes//,/ }; do
  [[ -s $data/series_$n.csv ]] ||
    python3 "$src/tests/bench/make_series.py" "$n" 1 > "$data/series_$n.csv"
done

if ((peers)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    need=()
    for p in python3-pandas r-cran-data.table r-cran-jsonlite r-cran-segmented; do
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

# timed CMD...: runs CMD $runs times; prints "median_s peak_kb" (or
# "failed failed")
timed() {
  local i
  : > "$dir/out/times"
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f "%e %M" -a -o "$dir/out/times" "$@" >/dev/null 2>"$dir/out/err"; then
      echo "bench: $* failed: $(tail -n 3 "$dir/out/err")" >&2
      echo "failed failed"; return
    fi
  done
  sort -n "$dir/out/times" | awk '{t[NR]=$1; if ($2 > m) m = $2} END {print t[int((NR+1)/2)], m}'
}

# run TOOL KEYS VALUE IN FORMAT OUT: times one tool on one grouping task
run() {
  local tool=$1 keys=$2 val=$3 in=$4 fmt=$5 out=$6 ctkeys
  local -a cmd
  case $tool in
    ctrend)
      ctkeys=${keys#year,}
      ctkeys=${ctkeys//type_of_violence/event_type}
      cmd=("$ct" series --quiet --threads "$threads" --measure events,deaths
           --group "$ctkeys" --format "$fmt" -o "$out")
      if [[ -d $in ]]; then cmd+=("$in"/*.csv); else cmd+=("$in"); fi ;;
    polars) cmd=(env POLARS_MAX_THREADS="$threads" node "$src/tests/bench/peer_polars.js" "$keys" "$val" "$in" "$out" "$fmt") ;;
    duckdb) cmd=(node "$src/tests/bench/peer_duckdb.js" "$keys" "$val" "$in" "$out" "$fmt" "$threads") ;;
    datatable) cmd=(Rscript "$src/tests/bench/peer_datatable.R" "$keys" "$val" "$in" "$out" "$fmt" "$threads") ;;
    pandas) cmd=("$pypandas" "$src/tests/bench/peer_pandas.py" "$keys" "$val" "$in" "$out" "$fmt") ;;
    cat)
      if [[ -d $in ]]; then cmd=(sh -c 'cat "$1"/*.csv > /dev/null' sh "$in")
      else cmd=(sh -c 'cat "$1" > /dev/null' sh "$in"); fi ;;
  esac
  timed "${cmd[@]}"
}

have() {
  case $1 in
    ctrend|cat) return 0 ;;
    polars) ((peers)) && [[ -d $NODE_PATH/nodejs-polars ]] ;;
    duckdb) ((peers)) && [[ -d $NODE_PATH/@duckdb/node-api ]] ;;
    datatable) ((peers)) && Rscript -e 'library(data.table)' >/dev/null 2>&1 ;;
    pandas) ((peers)) && "$pypandas" -c "import pandas" >/dev/null 2>&1 ;;
    segmented) ((peers)) && Rscript -e 'library(segmented)' >/dev/null 2>&1 ;;
  esac
}

status=0
header() { # LABEL
  echo
  echo "### $1"
  echo
  echo "| tool | median s | MB/s | peak MB | × cat | × ctrend | same numbers |"
  echo "|---|---|---|---|---|---|---|"
}

# table LABEL KEYS VALUE IN FORMAT: one grouping case, every tool
table() {
  local label=$1 keys=$2 val=$3 in=$4 fmt=$5 size mb base_t base_m cat_t t m same
  local ext=$fmt
  [[ $fmt == json ]] || ext=csv
  if [[ -d $in ]]; then size=$(cat "$in"/*.csv | wc -c); else size=$(stat -c %s "$in"); fi
  mb=$(awk -v s="$size" 'BEGIN {printf "%.0f", s / 1e6}')
  header "$label: $(basename "$in")$([[ -d $in ]] && echo " ($(ls "$in"/*.csv | wc -l) files)"), $mb MB, $fmt out, $runs runs, $threads threads"
  read -r cat_t _ < <(run cat "$keys" "$val" "$in" "$fmt" /dev/null)
  read -r base_t base_m < <(run ctrend "$keys" "$val" "$in" "$fmt" "$dir/out/ctrend.$ext")
  python3 "$src/tests/bench/normalize.py" "$dir/out/ctrend.$ext" "$dir/out/ctrend.norm" "$src/datasets/countries.csv"
  for tool in ctrend polars duckdb datatable pandas cat; do
    have "$tool" || { echo "| $tool | not installed | | | | | |"; continue; }
    case $tool in
      ctrend) t=$base_t m=$base_m ;;
      cat) t=$cat_t; read -r _ m < <(run cat "$keys" "$val" "$in" "$fmt" /dev/null) ;;
      *) read -r t m < <(run "$tool" "$keys" "$val" "$in" "$fmt" "$dir/out/$tool.$ext") ;;
    esac
    if [[ $t == failed ]]; then echo "| $tool | failed | | | | | |"; status=1; continue; fi
    same=n/a
    if [[ $tool != cat && $tool != ctrend ]]; then
      python3 "$src/tests/bench/normalize.py" "$dir/out/$tool.$ext" "$dir/out/$tool.norm" "$src/datasets/countries.csv"
      if cmp -s "$dir/out/ctrend.norm" "$dir/out/$tool.norm"; then same=yes; else same=NO; status=1; fi
    fi
    [[ $tool == ctrend ]] && same=reference
    awk -v tool="$tool" -v t="$t" -v m="$m" -v b="$base_t" -v c="$cat_t" -v s="$size" -v same="$same" \
      'BEGIN {printf "| %s | %.2f | %.0f | %.0f | %.2f | %.2f | %s |\n", tool, t, s / 1e6 / t, m / 1024, t / c, t / b, same}'
  done
}

# fits: ctrend against R segmented on series of 30, 1,000, 100,000 periods
fits() {
  local n t m rt rm rss ours same
  echo
  echo "### fit --model segmented --breaks 2 (Gaussian), $runs runs"
  echo
  echo "| periods | ctrend s | ctrend peak MB | R segmented s | R peak MB | × R | residual SS ctrend / R |"
  echo "|---|---|---|---|---|---|---|"
  for n in ${fit_sizes//,/ }; do
    read -r t m < <(timed "$ct" fit --model segmented --breaks 2 --format json -o "$dir/out/seg.json" "$data/series_$n.csv")
    if [[ $t == failed ]]; then echo "| $n | failed | | | | | |"; status=1; continue; fi
    ours=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["fits"][0]["objective"]))' "$dir/out/seg.json")
    if have segmented; then
      read -r rt rm < <(timed Rscript "$src/tests/bench/peer_segmented.R" "$data/series_$n.csv" 2 "$dir/out/seg.r")
    else rt=failed; fi
    if [[ $rt == failed ]]; then
      awk -v n="$n" -v t="$t" -v m="$m" -v o="$ours" 'BEGIN {printf "| %d | %.3f | %.0f | n/a | | | %.6g / n/a |\n", n, t, m / 1024, o}'
      continue
    fi
    rss=$(cat "$dir/out/seg.r")
    # ctrend's search is exact up to its documented length; it must not
    # end worse than R's local search
    same=$(awk -v a="$ours" -v b="$rss" 'BEGIN {print (a <= b * (1 + 1e-9) + 1e-12) ? "ok" : "WORSE"}')
    [[ $same == ok ]] || status=1
    awk -v n="$n" -v t="$t" -v m="$m" -v rt="$rt" -v rm="$rm" -v o="$ours" -v r="$rss" -v s="$same" \
      'BEGIN {printf "| %d | %.3f | %.0f | %.2f | %.0f | %.3f | %.6g / %.6g (%s) |\n", n, t, m / 1024, rt, rm / 1024, t / rt, o, r, s}'
  done
}

# memory: flat in the rows (a file four times smaller) for one file and
# the split files, CSV and JSON
memory() {
  local in_full in_quarter fmt a b kind
  echo
  echo "### ctrend peak memory against rows ($rows and $quarter rows)"
  echo
  echo "| input | format | peak MB, $rows rows | peak MB, $quarter rows | bytes per extra row |"
  echo "|---|---|---|---|---|"
  for kind in one files; do
    for fmt in csv json; do
      if [[ $kind == one ]]; then in_full=$data/acled_$rows.csv in_quarter=$data/acled_$quarter.csv
      else in_full=$data/acled_${rows}_split in_quarter=$data/acled_${quarter}_split; fi
      read -r _ a < <(run ctrend year,country,event_type fatalities "$in_full" "$fmt" "$dir/out/mem")
      read -r _ b < <(run ctrend year,country,event_type fatalities "$in_quarter" "$fmt" "$dir/out/mem")
      awk -v k="$kind" -v f="$fmt" -v a="$a" -v b="$b" -v r="$rows" -v q="$quarter" \
        'BEGIN {printf "| %s | %s | %.1f | %.1f | %.1f |\n", k == "one" ? "one file" : "one file per country", f, a/1024, b/1024, (a-b)*1024/(r-q)}'
      # flat: at most 2 bytes a row (allocator noise) and under 64 MB
      awk -v a="$a" -v b="$b" -v r="$rows" -v q="$quarter" \
          'BEGIN { exit !(a < 64*1024 && (a-b)*1024/(r-q) <= 2) }' \
        || { echo "bench: ctrend's memory grows with the rows ($kind, $fmt)" >&2; status=1; }
    done
  done
}

# pairs: the aims' ratios from interleaved rounds (median of the ratios
# within a round, and their range)
paired() {
  local i c a b j runs=1 # one run a call of `run` (timed reads $runs)
  local one=$data/acled_$rows.csv split=$data/acled_${rows}_split
  echo
  echo "### Ratios from $pairs interleaved rounds (cat, one file, 50 files, JSON)"
  echo
  echo "| ratio | median | min | max | aim |"
  echo "|---|---|---|---|---|"
  : > "$dir/out/pairs"
  # warm the page cache first: a round that reads either input cold is
  # disk time on one side of its ratios, not ctrend against `cat`
  run cat year,country,event_type fatalities "$one" csv /dev/null >/dev/null
  run cat year,country,event_type fatalities "$split" csv /dev/null >/dev/null
  for ((i = 0; i < pairs; i++)); do
    read -r c _ < <(run cat year,country,event_type fatalities "$one" csv /dev/null)
    read -r a _ < <(run ctrend year,country,event_type fatalities "$one" csv "$dir/out/pair.csv")
    read -r b _ < <(run ctrend year,country,event_type fatalities "$split" csv "$dir/out/pair.csv")
    read -r j _ < <(run ctrend year,country,event_type fatalities "$one" json "$dir/out/pair.json")
    [[ $c != failed && $a != failed && $b != failed && $j != failed ]] ||
      { echo "| failed | | | | |"; status=1; return; }
    echo "$c $a $b $j" >> "$dir/out/pairs"
  done
  python3 - "$dir/out/pairs" <<'PY'
import statistics, sys
rows = [[float(x) for x in line.split()] for line in open(sys.argv[1])]
for label, f, aim in (("one file / cat", lambda r: r[1] / r[0], "under 3"),
                      ("50 files / one file", lambda r: r[2] / r[1], "at most 1.2"),
                      ("JSON / CSV (one file)", lambda r: r[3] / r[1], "")):
    v = sorted(f(r) for r in rows)
    print("| %s | %.2f | %.2f | %.2f | %s |" % (label, statistics.median(v), v[0], v[-1], aim))
PY
}

want one && table "One file" year,country,event_type fatalities "$data/acled_$rows.csv" csv
want files && table "One file per country" year,country,event_type fatalities "$data/acled_${rows}_split" csv
want json && table "JSON output" year,country,event_type fatalities "$data/acled_$rows.csv" json
want ged && table "GED layout" year,region,type_of_violence best "$data/ged_$ged_rows.csv" csv
want fit && fits
want memory && memory
want pairs && paired
exit $status

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark of the commands users run on one real export (README
# "Performance"): the claims check with the full specification curve, the
# regional trend chart and the report, each timed as a whole process.
# Anyone can rerun it; it is a benchmark, not a test (nothing here fails on
# a slow machine).
#
# Usage: tests/bench/product.sh [--runs K] [--ctrend BIN] [ACD_FILE [BRD_FILE]]
# Default ACD_FILE: ../shared/data/ucdp/UcdpPrioConflict_v23_1.csv when it
# exists, else the bundled synthetic ACD; BRD_FILE (for `plot deaths`):
# ../shared/data/ucdp/BattleDeaths_v24_1.csv, else tests/data/brd_small.csv.
# Prints, per command, the median,
# minimum and maximum wall time and the median peak memory (/usr/bin/time),
# and, where strace is installed, how many times the command opened the
# input file (the claims check is meant to read each input once).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5 ct=build/src/ctrend
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --ctrend) ct=$2; shift 2 ;;
    -h|--help) sed -n '3,17p' "$0"; exit 0 ;;
    -*) echo "product.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
acd=${1:-../shared/data/ucdp/UcdpPrioConflict_v23_1.csv}
[[ -f $acd ]] || acd=datasets/synthetic/acd_synthetic.csv
brd=${2:-../shared/data/ucdp/BattleDeaths_v24_1.csv}
[[ -f $brd ]] || brd=tests/data/brd_small.csv
[[ -x $ct ]] || { echo "product.sh: no $ct (build first: .ci/setup)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "product.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|command (ACD, BRD and OUT are replaced)
cases() {
  cat <<'EOF'
claims (all claims, full specification curve, JSON)|claims --ucdp ACD --specifications --format json -o OUT/claims.json
plot trends (intra-state by Asian subregion, PNG)|plot trends --class intra --region Asia --group subregion --from 1989 -q -o OUT/trends.png ACD
report (Markdown, HTML, charts, tables)|report --ucdp ACD -o OUT/report
plot deaths (BRD by region, low-best-high, PNG)|plot deaths --group region -q -o OUT/deaths.png BRD
EOF
}

printf '%-55s %8s %8s %8s %9s %6s\n' command "median_s" "min_s" "max_s" "peak_MB" opens
cases | while IFS='|' read -r name args; do
  input=$acd
  [[ $args == *BRD* ]] && input=$brd
  args=${args//ACD/$acd}
  args=${args//BRD/$brd}
  args=${args//OUT/$tmp}
  # a command this build does not have is reported, not timed
  sub=${args%% *}
  if ! "$ct" help "$sub" >/dev/null 2>&1; then
    printf '%-55s %s\n' "$name" "(not in this build)"; continue
  fi
  : > "$tmp/times"
  for ((k = 0; k <= runs; k++)); do   # run 0 warms the cache, not counted
    rm -rf "$tmp/report"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M" -a -o "$tmp/times.raw" "$ct" $args >/dev/null 2>&1 ||
      { echo "product.sh: '$ct $args' failed" >&2; exit 1; }
    ((k == 0)) || tail -n 1 "$tmp/times.raw" >> "$tmp/times"
  done
  opens=-
  if command -v strace >/dev/null 2>&1; then
    rm -rf "$tmp/report"
    # shellcheck disable=SC2086
    opens=$(strace -f -e trace=openat -o "$tmp/strace" "$ct" $args >/dev/null 2>&1;
            grep -c "$(basename "$input")\"" "$tmp/strace" || true)
  fi
  med() {  # median of column $1 of the times file
    cut -d' ' -f"$1" "$tmp/times" | sort -n | awk '{ v[NR] = $1 }
      END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
  }
  t_med=$(med 1) m_med=$(med 2)
  t_min=$(cut -d' ' -f1 "$tmp/times" | sort -n | head -n 1)
  t_max=$(cut -d' ' -f1 "$tmp/times" | sort -n | tail -n 1)
  awk -v name="$name" -v a="$t_med" -v b="$t_min" -v c="$t_max" -v m="$m_med" \
      -v o="$opens" 'BEGIN { printf "%-55s %8.2f %8.2f %8.2f %9.1f %6s\n",
                             name, a, b, c, m / 1024, o }'
done
echo "input: $acd ($(wc -c < "$acd") bytes), $brd ($(wc -c < "$brd") bytes); $runs runs after one warm-up; $(nproc) CPUs"

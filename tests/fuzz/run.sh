#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer harnesses and runs each for SECONDS (default 60),
# seeded from the project's fixtures, datasets and generator output.
# Corpora grow in build-fuzz/corpus/<target>; crashes land in
# build-fuzz/crashes/. Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(load csvdiff date seriescsv dateorder cuts)
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCT_FUZZ=ON -DCT_SANITIZE=ON -DCT_BUILD_TESTS=OFF -DBUILD_SHARED_LIBS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
mkdir -p build-fuzz/crashes
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds=build-fuzz/seeds/$t
  rm -rf "$seeds"; mkdir -p "$seeds"
  case $t in
    date)
      i=0
      for d in 2025-04-01 "21 March 2020" 18-December-2015 20/01/2016 \
               9-May-20 5/29/97 "2019-02-16 00:00:00.000" 31.12.1999; do
        printf '\001%s' "$d" > "$seeds/d$i"; i=$((i + 1))
      done ;;
    seriescsv)
      # series CSVs: fixtures and `ctrend series` goldens; the first byte
      # picks the value column
      for f in tests/data/series_*.csv tests/cli/cases/series_*.stdout; do
        { printf '\000'; head -c 65536 "$f"; } > "$seeds/$(basename "$f")"
      done ;;
    *)
      # fixtures and synthetic exports, cut to 64 KiB; load's first byte
      # selects the dataset
      find tests/data datasets -name '*.csv' -size -2M | while read -r f; do
        n=$(basename "$f")
        if [[ $t == load ]]; then
          { printf '\000'; head -c 65536 "$f"; } > "$seeds/$n"
        else
          head -c 65536 "$f" > "$seeds/$n"
        fi
      done ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/fuzz_$t "$corpus" "$seeds" \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix=build-fuzz/crashes/$t- -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==.*ERROR|SUMMARY)" || true
  echo "corpus: $(ls "$corpus" | wc -l) files"
done
if ls build-fuzz/crashes/* >/dev/null 2>&1; then
  echo "crashes found:"; ls build-fuzz/crashes; exit 1
fi

# SPDX-License-Identifier: MIT
# Two files wholly before 1970, read on two threads and merged: India
# 1960 and Pakistan 1962, each covered by its own file only, so the
# series is 1960-1962 with NA where a country's file does not look (it
# ran on to 1970, differently from run to run, when a merged builder
# took a span below day 0).
"$CTREND" series --threads 2 --group country tests/data/acd_before_1970_a.csv tests/data/acd_before_1970_b.csv

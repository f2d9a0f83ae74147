# SPDX-License-Identifier: MIT
"$CTREND" frobnicate tests/data/acd_small.csv

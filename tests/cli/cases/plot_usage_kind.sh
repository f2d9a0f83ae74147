# SPDX-License-Identifier: MIT
"$CTREND" plot pie tests/data/acd_small.csv

# SPDX-License-Identifier: MIT
# the trend chart data of a small ACD file, without drawing
"$CTREND" plot trends --group region --data-only tests/data/acd_small.csv

# SPDX-License-Identifier: MIT
# the same row under --strict
"$CTREND" series --strict --measure deaths tests/bad/data/brd_low_above_best.csv

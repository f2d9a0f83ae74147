# SPDX-License-Identifier: MIT
# bd_best 250000000: a non-negative integer above the loader's ceiling of 100000000; the message must say what is wrong with it
"$CTREND" series --measure deaths tests/bad/data/deaths_over_limit.csv

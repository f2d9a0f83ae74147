# SPDX-License-Identifier: MIT
# bad records are counted, not fatal, but the exit status is 1
"$CTREND" inspect tests/data/err_skip_bad.csv

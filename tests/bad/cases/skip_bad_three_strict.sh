# SPDX-License-Identifier: MIT
# the same file without --skip-bad stops at the first bad record
"$CTREND" series tests/bad/data/skip_bad_three.csv

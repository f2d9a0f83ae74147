# SPDX-License-Identifier: MIT
# --skip-bad over 3 bad records (lines 3, 5, 7): exit 0, the count and the first one reported
"$CTREND" series --skip-bad tests/bad/data/skip_bad_three.csv

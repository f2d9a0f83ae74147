# SPDX-License-Identifier: MIT
# record 2 spans lines 2-4 (a quoted field with two line breaks); the bad record starts on line 5
"$CTREND" series tests/bad/data/multiline_before_bad.csv

# SPDX-License-Identifier: MIT
# two blank lines (3, 4) are skipped but counted: the bad record is on line 5
"$CTREND" series tests/bad/data/blank_lines_before_bad.csv

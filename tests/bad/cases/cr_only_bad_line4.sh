# SPDX-License-Identifier: MIT
# old Mac line ends (lone CR) with a bad record on line 4
"$CTREND" series tests/bad/data/cr_only_bad_line4.csv

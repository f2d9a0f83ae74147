# SPDX-License-Identifier: MIT
# a ';' file (delimiter taken from the header) with a ','-delimited record on line 3: one field
"$CTREND" series tests/bad/data/mixed_delimiters.csv

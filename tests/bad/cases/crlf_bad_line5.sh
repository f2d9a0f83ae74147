# SPDX-License-Identifier: MIT
# a CRLF file whose record on line 5 is bad
"$CTREND" series tests/bad/data/crlf_bad_line5.csv

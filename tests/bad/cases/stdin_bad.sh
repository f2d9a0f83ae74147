# SPDX-License-Identifier: MIT
# a bad file on standard input is named <stdin>
"$CTREND" series - <tests/bad/data/crlf_bad_line5.csv

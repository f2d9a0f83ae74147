# SPDX-License-Identifier: MIT
# only blank lines (LF and CRLF) are as empty as an empty file
"$CTREND" series tests/bad/data/blank_lines.csv

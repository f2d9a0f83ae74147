# SPDX-License-Identifier: MIT
# byte 0x81 (neither UTF-8 nor Windows-1252) in field 2 of line 3
"$CTREND" series tests/bad/data/invalid_utf8.csv

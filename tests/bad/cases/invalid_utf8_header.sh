# SPDX-License-Identifier: MIT
# byte 0x8D in the header: there is no header name to give yet, so only the field number
"$CTREND" series tests/bad/data/invalid_utf8_header.csv

# SPDX-License-Identifier: MIT
# inspect on a record with a byte that is neither UTF-8 nor Windows-1252: counted as a bad record
"$CTREND" inspect tests/bad/data/invalid_utf8.csv

# SPDX-License-Identifier: MIT
# a zero-byte file: no header to detect a dataset from
"$CTREND" series tests/bad/data/empty.csv

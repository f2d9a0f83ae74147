# SPDX-License-Identifier: MIT
# a gzip file given as CSV (magic 1f 8b)
"$CTREND" series tests/bad/data/gzip.csv

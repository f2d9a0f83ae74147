# SPDX-License-Identifier: MIT
# inspect on a gzip file: the error, no dataset
"$CTREND" inspect tests/bad/data/gzip.csv

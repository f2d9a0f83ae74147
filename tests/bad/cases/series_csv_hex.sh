# SPDX-License-Identifier: MIT
# a series CSV value '0x10' is not 16
"$CTREND" fit --model poisson tests/bad/data/series_csv_hex.csv

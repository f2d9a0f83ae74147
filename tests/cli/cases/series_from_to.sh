# SPDX-License-Identifier: MIT
# every year in range is a row; years without data are zeros
"$CTREND" series --from 1995 --to 2003 tests/data/acd_small.csv

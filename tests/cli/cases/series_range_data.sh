# SPDX-License-Identifier: MIT
# issue 8, class 2: without --to the range is the data's (1998-2001), not
# the selection's last non-zero period (extrasystemic: 2001 only; Pakistan:
# 2000 only)
"$CTREND" series --class extrasystemic --from 1999 tests/data/acd_small.csv
"$CTREND" series --country PAK tests/data/acd_small.csv
"$CTREND" fit --model ols --country PAK --precision 4 tests/data/acd_small.csv

# SPDX-License-Identifier: MIT
# the export covers 1-22 March 2020 only: every other year is NA, 2020 is
# partial and left out, so nothing is left to fit (issue 8: coverage)
"$CTREND" fit --model ols --measure events --from 2015 --precision 6 tests/data/acled_export.csv

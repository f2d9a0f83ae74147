# SPDX-License-Identifier: MIT
# ACLED before its coverage (Afghanistan: 2017) is NA, left out of the fit
"$CTREND" fit --model ols --measure events --from 2015 --precision 6 tests/data/acled_export.csv

# SPDX-License-Identifier: MIT
# best 'NA' (GED): the death count is required
"$CTREND" series --measure events tests/bad/data/ged_best_missing.csv

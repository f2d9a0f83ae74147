# SPDX-License-Identifier: MIT
# series options shape an export, --value picks a series CSV column
"$CTREND" fit --model ols --group class tests/data/series_counts.csv
echo "exit $?"
"$CTREND" fit --model ols --value deaths tests/data/acd_small.csv
echo "exit $?"
"$CTREND" fit --model ols --measure events,deaths tests/data/acd_small.csv

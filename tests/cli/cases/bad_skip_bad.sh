# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_skip_bad.csv
echo "exit $?"
echo "--- --skip-bad"
"$CTREND" series --skip-bad tests/data/err_skip_bad.csv

# SPDX-License-Identifier: MIT
# issue 8, class 7: an empty result says so on stderr (exit 0 for series)
"$CTREND" series tests/data/err_header_only.csv
echo "exit $?"
"$CTREND" series --group region --class onesided --from 2000 tests/data/acd_small.csv
echo "exit $?"
"$CTREND" series --class onesided tests/data/acd_small.csv
echo "exit $?"
"$CTREND" series --from 2010 tests/data/acd_small.csv
echo "exit $?"

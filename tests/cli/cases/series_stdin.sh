# SPDX-License-Identifier: MIT
"$CTREND" series --group class < tests/data/acd_small.csv
echo "--- '-'"
"$CTREND" series --group class - < tests/data/acd_small.csv

# SPDX-License-Identifier: MIT
"$CTREND" series --by month --measure events --group class tests/data/hapi_small.csv

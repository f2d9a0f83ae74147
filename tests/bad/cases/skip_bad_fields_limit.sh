# SPDX-License-Identifier: MIT
# --skip-bad cannot skip past a limit: the load stops
"$CTREND" series --skip-bad tests/bad/data/fields_over_limit.csv

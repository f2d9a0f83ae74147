# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_year_9999.csv

# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/csv_empty.csv

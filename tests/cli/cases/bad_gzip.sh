# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/csv_gzip.csv.gz

# SPDX-License-Identifier: MIT
# a BOM before a quoted BRD header that lacks 'year'
"$CTREND" series tests/bad/data/bom_missing_column.csv

# SPDX-License-Identifier: MIT
# a UTF-8 BOM before an unknown header: the BOM must not show in the column name
"$CTREND" series tests/bad/data/bom_bad_header.csv

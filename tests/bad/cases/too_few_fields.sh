# SPDX-License-Identifier: MIT
# a record with 5 of the header's 28 fields (line 3)
"$CTREND" series tests/bad/data/too_few_fields.csv

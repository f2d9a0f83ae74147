# SPDX-License-Identifier: MIT
# a record with two non-empty fields more than the header (line 3)
"$CTREND" series tests/bad/data/too_many_fields.csv

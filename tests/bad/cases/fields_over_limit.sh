# SPDX-License-Identifier: MIT
# a data record of 5000 fields: over the 4096-field limit, an error and not a memory problem
"$CTREND" series tests/bad/data/fields_over_limit.csv

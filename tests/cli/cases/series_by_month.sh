# SPDX-License-Identifier: MIT
# ACLED events per month: the months without events are zeros
"$CTREND" series --by month --measure events tests/data/acled_current.csv

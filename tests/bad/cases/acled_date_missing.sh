# SPDX-License-Identifier: MIT
# neither event_date nor year (ACLED)
"$CTREND" series --measure events tests/bad/data/acled_date_missing.csv

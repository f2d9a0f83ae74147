# SPDX-License-Identifier: MIT
# event_date 0025-03-04 in a row whose year is 2025: a date, but an impossible year
"$CTREND" series --measure events tests/bad/data/acled_date_0025.csv

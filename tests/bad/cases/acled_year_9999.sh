# SPDX-License-Identifier: MIT
# year 9999 with event_date 9999-03-04: the year column is checked first
"$CTREND" series --measure events tests/bad/data/acled_year_9999.csv

# SPDX-License-Identifier: MIT
# event_date 29/02/2023: 2023 is not a leap year
"$CTREND" series --measure events tests/bad/data/acled_29_february_slash.csv

# SPDX-License-Identifier: MIT
# event_date '31 February 2023'
"$CTREND" series --measure events tests/bad/data/acled_31_february.csv

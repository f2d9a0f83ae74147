# SPDX-License-Identifier: MIT
# reference_period_start 9999-01-01 (HAPI, which has no year column)
"$CTREND" series --measure events tests/bad/data/hapi_date_9999.csv

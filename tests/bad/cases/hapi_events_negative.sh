# SPDX-License-Identifier: MIT
# events -1 (HAPI)
"$CTREND" series --measure events tests/bad/data/hapi_events_negative.csv

# SPDX-License-Identifier: MIT
# an empty event_type (ACLED)
"$CTREND" series --measure events tests/bad/data/acled_event_type_missing.csv

# SPDX-License-Identifier: MIT
# Afghanistan is covered by ACLED from 2017: earlier years are NA
"$CTREND" series --measure events --from 2015 tests/data/acled_export.csv

# SPDX-License-Identifier: MIT
# Afghanistan is covered by ACLED from 2017, and this export only covers
# 1-22 March 2020: every year but 2020 is NA, and 2020 is partial
"$CTREND" series --measure events --from 2015 tests/data/acled_export.csv

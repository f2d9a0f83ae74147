# SPDX-License-Identifier: MIT
# type_of_violence 4 (GED has 1-3)
"$CTREND" series tests/bad/data/ged_type_of_violence_4.csv

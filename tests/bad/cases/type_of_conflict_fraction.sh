# SPDX-License-Identifier: MIT
# type_of_conflict 2.5: a number, but not a class
"$CTREND" series tests/bad/data/type_of_conflict_fraction.csv

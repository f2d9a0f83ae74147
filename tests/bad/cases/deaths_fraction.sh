# SPDX-License-Identifier: MIT
# best 2.5 (GED): deaths are whole numbers
"$CTREND" series --measure deaths tests/bad/data/deaths_fraction.csv

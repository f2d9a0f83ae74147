# SPDX-License-Identifier: MIT
# an interrupted download: the last record stops inside field 13 with no line end
"$CTREND" series --measure events tests/bad/data/truncated_last.csv

# SPDX-License-Identifier: MIT
# inspect counts bad records (no message on stderr), lists the first and exits 1
"$CTREND" inspect tests/bad/data/skip_bad_three.csv

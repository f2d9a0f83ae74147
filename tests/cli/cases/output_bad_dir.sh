# SPDX-License-Identifier: MIT
"$CTREND" series -o no_such_dir/out.csv tests/data/acd_small.csv

# SPDX-License-Identifier: MIT
# --skip-bad cannot skip a bad header
"$CTREND" series --skip-bad tests/bad/data/unknown_header.csv

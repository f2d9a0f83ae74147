# SPDX-License-Identifier: MIT
# one dyad-year is in both files: counted once, and reported
"$CTREND" series --measure deaths tests/data/brd_small.csv tests/data/brd_overlap.csv

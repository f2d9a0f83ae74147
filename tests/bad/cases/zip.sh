# SPDX-License-Identifier: MIT
# a zip archive given as CSV (magic PK\3\4)
"$CTREND" series tests/bad/data/zip.csv

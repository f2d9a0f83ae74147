# SPDX-License-Identifier: MIT
# a CSV that is no UCDP or ACLED export
"$CTREND" series tests/bad/data/unknown_header.csv

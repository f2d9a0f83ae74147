# SPDX-License-Identifier: MIT
# a quote inside an unquoted field (line 2)
"$CTREND" series tests/bad/data/lone_quote.csv

# SPDX-License-Identifier: MIT
# a quote opened on line 4 is never closed: the rest of the file is swallowed and the record start is reported
"$CTREND" series tests/bad/data/unterminated_quote.csv

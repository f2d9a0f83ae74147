# SPDX-License-Identifier: MIT
# inspect reports a fatal reader error once, on stderr (its listing points there), and exits 1
"$CTREND" inspect tests/bad/data/unterminated_quote.csv

# SPDX-License-Identifier: MIT
# inspect reports a fatal reader error on stderr and in its listing, and exits 1
"$CTREND" inspect tests/bad/data/unterminated_quote.csv

# SPDX-License-Identifier: MIT
# text after a closing quote (line 3)
"$CTREND" series tests/bad/data/text_after_quote.csv

# SPDX-License-Identifier: MIT
# an interrupted download that stops inside a quoted field: an unterminated quote at the record start
"$CTREND" series --measure events tests/bad/data/truncated_in_quote.csv

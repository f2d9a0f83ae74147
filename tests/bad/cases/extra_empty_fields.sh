# SPDX-License-Identifier: MIT
# extra fields that are empty (a spreadsheet's trailing cells) are not an error
"$CTREND" series tests/bad/data/extra_empty_fields.csv

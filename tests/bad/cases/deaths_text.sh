# SPDX-License-Identifier: MIT
# best_fatality_estimate 'about 40' (Non-State)
"$CTREND" series --measure deaths tests/bad/data/deaths_text.csv

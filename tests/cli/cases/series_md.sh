# SPDX-License-Identifier: MIT
# Markdown table: keys escaped for CommonMark, measures right-aligned, NA
# outside coverage, the partial column as yes/no
"$CTREND" series --format md --measure events,deaths --group country tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv

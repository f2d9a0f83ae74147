# SPDX-License-Identifier: MIT
# claims as CSV, one row per claim x scope x source
SOURCE_DATE_EPOCH=0 "$CTREND" claims --claims datasets/claims/article.json --ucdp datasets/synthetic/acd_synthetic.csv --format csv

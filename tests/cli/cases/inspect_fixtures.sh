# SPDX-License-Identifier: MIT
# one file per layout: dataset, layout, version, rows, classes, problems
"$CTREND" inspect tests/data/acd_small.csv tests/data/nonstate_small.csv \
    tests/data/ged_hdx.csv tests/data/acled_current.csv \
    tests/data/acled_export.csv tests/data/acled_hdx.csv \
    tests/data/acled_legacy.csv tests/data/hapi_small.csv \
    tests/data/acd_semicolon.csv

# SPDX-License-Identifier: MIT
# a period before ACLED's coverage is null in JSON, NA in CSV
"$CTREND" series --format json --measure events --from 2016 --to 2017 \
    tests/data/acled_export.csv

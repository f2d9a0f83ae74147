# SPDX-License-Identifier: MIT
# issue 8, class 3: fit leaves partial periods out by default and says so;
# --partial include keeps them. Somalia's fixture covers 2018-01-01 to
# 2019-10-20: October 2019 is partial, November and December NA.
"$CTREND" fit --model ols --measure events --by month --precision 4 --format csv tests/data/acled_cov_som.csv
"$CTREND" fit --model ols --measure events --by month --precision 4 --format csv --partial include tests/data/acled_cov_som.csv
echo "--- the same from the series CSV (column partial)"
"$CTREND" series --measure events --by month tests/data/acled_cov_som.csv 2>/dev/null > "$T/s.csv"
"$CTREND" fit --model ols --precision 4 --format csv "$T/s.csv" 2>&1 | sed "s|$T|T|"
"$CTREND" fit --model ols --partial sometimes tests/data/acled_cov_som.csv

# SPDX-License-Identifier: MIT
# UN M49: Afghanistan and Iran are Southern Asia (ACLED scheme: no)
"$CTREND" series --scheme un --subregion "Southern Asia" --group subregion \
    tests/data/acd_small.csv
echo "--- acled scheme"
"$CTREND" series --subregion "South Asia" --group subregion \
    tests/data/acd_small.csv

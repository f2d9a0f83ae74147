# SPDX-License-Identifier: MIT
# claims: bad format, missing data file, malformed and incomplete claims files
"$CTREND" claims --format xml; echo "exit $?"
"$CTREND" claims --ucdp tests/data/no_such_file.csv; echo "exit $?"
"$CTREND" claims --claims tests/data/claims/bad_syntax.json; echo "exit $?"
"$CTREND" claims --claims tests/data/claims/no_window.json; echo "exit $?"
"$CTREND" claims stray.csv; echo "exit $?"

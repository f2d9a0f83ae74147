# SPDX-License-Identifier: MIT
# report: no -o, a stray argument, a missing data file, an existing folder
"$CTREND" report; echo "exit $?"
"$CTREND" report -o out stray.csv; echo "exit $?"
"$CTREND" report --ucdp tests/data/no_such_file.csv -o tests/no_such_report_dir; echo "exit $?"
"$CTREND" report -o tests/data; echo "exit $?"

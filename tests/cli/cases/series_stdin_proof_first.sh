# SPDX-License-Identifier: MIT
# Standard input whose first date, 12/31/2020, proves month-first: the
# ambiguous 02/01/2020 after it is 1 February (it was refused).
"$CTREND" series --measure events --by month - < tests/reference/series_model/cases/b7_stdin.csv

# SPDX-License-Identifier: MIT
# A file whose first date is ISO (2020-03-01) and whose slash dates come
# after: the order scan passes over the ISO date, 12/31/2020 proves
# month-first, so 09/02/2020 is 2 September (the file was refused).
"$CTREND" series --measure events --by month tests/reference/series_model/cases/b9_mixed.csv

# SPDX-License-Identifier: MIT
# SOM7 is dated 2016 in b2_a.csv and, revised, 2018 in b2_b.csv: the first
# copy stands for it, so a window from 2017 shows 2018 = 0, as the whole
# series does (it showed 1: the later copy came in). One thread and two.
"$CTREND" series --measure events --from 2017 --threads 1 tests/reference/series_model/cases/b2_a.csv tests/reference/series_model/cases/b2_b.csv
"$CTREND" series --measure events --from 2017 --threads 2 tests/reference/series_model/cases/b2_a.csv tests/reference/series_model/cases/b2_b.csv

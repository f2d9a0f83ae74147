# SPDX-License-Identifier: MIT
# Africa from 2019: Kenya only, covered 2019-2021 by its file, one event
# a year. Myanmar rows (2012-2014, out of the window and not in Africa)
# must not bound the total (it showed NA, NA, NA).
"$CTREND" series --measure events --region Africa --from 2019 tests/reference/series_model/cases/b4_ken.csv tests/reference/series_model/cases/b4_mmr.csv

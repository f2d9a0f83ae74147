# SPDX-License-Identifier: MIT
# X7 stands in Somalia (its first copy); a later copy revised to Kenya
# must not come in when Kenya is selected: Kenya 2 (X8, X9), as in the
# series of every country (it showed 3).
"$CTREND" series --measure events --group country --country Kenya tests/reference/series_model/cases/b2_sel_a.csv tests/reference/series_model/cases/b2_sel_b.csv

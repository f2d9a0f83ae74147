# SPDX-License-Identifier: MIT
# --country, --region and --subregion select places, not records: a place
# counts when it passes every selection given, under every geographic key
# (README "Geography"; found as b8 by the differential test).
# acd_som_irq.csv: ACD 90003, 2020, gwno_loc "520, 645". From
# datasets/countries.csv: 520 Somalia (UCDP region Africa, ACLED subregion
# Eastern Africa), 645 Iraq (region Middle East, subregion Middle East).
# --country Iraq keeps only Iraq: country Iraq, region Middle East,
# subregion Middle East, each 1 (before: region also Africa 1, subregion
# also Eastern Africa 1).
"$CTREND" series --group country --country Iraq tests/data/acd_som_irq.csv
"$CTREND" series --group region --country Iraq tests/data/acd_som_irq.csv
"$CTREND" series --group subregion --country Iraq tests/data/acd_som_irq.csv
# --country Iraq --region Africa: Iraq is not in Africa, Somalia not in the
# list, so no place passes both: the record matches nothing (note on
# stderr; grouped: no rows; ungrouped: the covered year 2020 is 0). Before:
# Iraq 1, Africa 1, total 1.
"$CTREND" series --group country --country Iraq --region Africa \
    tests/data/acd_som_irq.csv
"$CTREND" series --group region --country Iraq --region Africa \
    tests/data/acd_som_irq.csv
"$CTREND" series --country Iraq --region Africa tests/data/acd_som_irq.csv
# Places that pass both: --country Iraq,Somalia --region Africa is Somalia
# alone (country Somalia 1, region Africa 1); --region "Middle East"
# --country Iraq is Iraq (Middle East 1); --subregion "Eastern Africa" is
# Somalia (country Somalia 1).
"$CTREND" series --group country --country Iraq,Somalia --region Africa \
    tests/data/acd_som_irq.csv
"$CTREND" series --group region --country Iraq,Somalia --region Africa \
    tests/data/acd_som_irq.csv
"$CTREND" series --group region --country Iraq --region "Middle East" \
    tests/data/acd_som_irq.csv
"$CTREND" series --group country --subregion "Eastern Africa" \
    tests/data/acd_som_irq.csv

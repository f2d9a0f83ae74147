# SPDX-License-Identifier: MIT
# Several places with a non-geographic key, and two places in one region.
# acd_multi_class.csv (places from datasets/countries.csv: 520 Somalia and
# 501 Kenya both Africa / Eastern Africa, 750 India Asia / South Asia, 645
# Iraq Middle East / Middle East; type_of_conflict 2 interstate, 3
# intrastate, 4 internationalized):
#   90010 2021 intrastate  "520, 501"  (Somalia, Kenya)
#   90011 2021 interstate  "520, 750"  (Somalia, India)
#   90012 2021 internationalized "645" (Iraq)
#   90010 2022 intrastate  "520, 501"
# The class crosses each place's tuple; 90010 counts once in Africa and
# in Eastern Africa although two of its places are there. The one file
# covers 2021-2022 for all four countries, so absent groups are 0.
# class,region 2021: internationalized/Middle East 1 (90012), interstate/
# Africa 1 and interstate/Asia 1 (90011), intrastate/Africa 1 (90010);
# 2022: intrastate/Africa 1, the others 0.
"$CTREND" series --group class,region tests/data/acd_multi_class.csv
# class,country,region 2021: internationalized/Iraq/Middle East 1,
# interstate/India/Asia 1, interstate/Somalia/Africa 1 (no India/Africa,
# no Somalia/Asia), intrastate/Kenya/Africa 1, intrastate/Somalia/Africa
# 1; 2022: intrastate Kenya 1 and Somalia 1, the others 0.
"$CTREND" series --group class,country,region tests/data/acd_multi_class.csv
# region,subregion 2021: Africa/Eastern Africa 2 (90010 once, 90011),
# Asia/South Asia 1, Middle East/Middle East 1; 2022: Africa/Eastern
# Africa 1, the others 0.
"$CTREND" series --group region,subregion tests/data/acd_multi_class.csv
# --region Africa, class,subregion: 90011 keeps only Somalia, 90012 goes.
# 2021: interstate/Eastern Africa 1, intrastate/Eastern Africa 1; 2022:
# interstate/Eastern Africa 0, intrastate/Eastern Africa 1.
"$CTREND" series --region Africa --group class,subregion \
    tests/data/acd_multi_class.csv

# SPDX-License-Identifier: MIT
# monthly events 1900-2100 (2412 periods) of 8400 distinct event types: more than the 20 million series cells of README "Limits", an error and not memory exhaustion
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
awk 'BEGIN { print "event_id_cnty,event_date,year,event_type,fatalities,country"; print "XXX1,1900-01-05,1900,Type 0,0,Somalia"; for (i = 1; i <= 8400; i++) printf "XXX%d,2100-12-05,2100,Type %d,0,Somalia\n", i + 1, i }' >cells.csv
"$CTREND" series --by month --measure events --group event_type cells.csv

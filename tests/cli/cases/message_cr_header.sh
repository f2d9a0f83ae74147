# SPDX-License-Identifier: MIT
# a header ended by a lone CR, then CRLF records: the bad record is on
# physical line 3 (a CRLF is one line end)
cd "$T"
printf 'conflict_id,year,type_of_conflict,gwno_loc,region\r1,1989,3,750,3\r\n1,19x0,3,750,3\r\n' >cr.csv
"$CTREND" series cr.csv

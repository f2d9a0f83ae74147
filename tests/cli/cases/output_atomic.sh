# SPDX-License-Identifier: MIT
# -o writes the file only when everything succeeded
"$CTREND" series --group class -o "$T/out.csv" tests/data/acd_small.csv
echo "exit $?"
cat "$T/out.csv"
echo "--- an error leaves the old file as it was and no temporary file"
"$CTREND" series --group class -o "$T/out.csv" tests/data/err_bad_number.csv
echo "exit $?"
ls "$T"
cmp -s "$T/out.csv" - <<EOT && echo "out.csv unchanged"
period,class,value
1998,extrasystemic,0
1998,internationalized,0
1998,interstate,0
1998,intrastate,1
1999,extrasystemic,0
1999,internationalized,0
1999,interstate,0
1999,intrastate,0
2000,extrasystemic,0
2000,internationalized,1
2000,interstate,1
2000,intrastate,1
2001,extrasystemic,1
2001,internationalized,0
2001,interstate,0
2001,intrastate,2
EOT
echo "--- an error creates no file"
"$CTREND" series -o "$T/new.csv" tests/data/err_unterminated.csv
echo "exit $?"
ls "$T"

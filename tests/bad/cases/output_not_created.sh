# SPDX-License-Identifier: MIT
# -o out.csv on a bad input leaves no out.csv and no temporary file
"$CTREND" series -o "$T/out.csv" tests/bad/data/crlf_bad_line5.csv
rc=$?
ls "$T" | grep . >&2
exit $rc

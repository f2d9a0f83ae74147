# SPDX-License-Identifier: MIT
# a file without read permission (mode 000); skipped when the test runs with the power to read it anyway (root)
cd "$T" || exit 99
printf 'conflict_id,year,type_of_conflict\n' >unreadable.csv
chmod 000 unreadable.csv
if cat unreadable.csv >/dev/null 2>&1; then
    echo 'this user can read a mode-000 file (root)' >SKIP
    exit 0
fi
"$CTREND" series unreadable.csv

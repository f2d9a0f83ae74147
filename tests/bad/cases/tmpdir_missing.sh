# SPDX-License-Identifier: MIT
# the duplicate check's temporary folder does not exist: the load stops at the record that needed it, naming the folder and the cause (no series, exit 1)
cd "$T" || exit 99
"$CTREND" generate --layout acled --rows 70000 --seed 7 -o big.csv || exit 99
TMPDIR=no-such-folder "$CTREND" series --threads 1 --measure events --group country big.csv

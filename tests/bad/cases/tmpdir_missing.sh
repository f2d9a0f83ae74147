# SPDX-License-Identifier: MIT
# the duplicate check's temporary folder does not exist: the load stops at the record that needed it, naming the folder and the cause (no series, exit 1)
cd "$T" || exit 99
"$CTREND" generate --layout acled --rows 70000 --seed 7 -o gen.csv || exit 99
# ids that are not a code and a number ("NER1a"): they go to the spill,
# not to the in-memory id bits
sed 's/^\([A-Z]*[0-9]*\),/\1a,/' gen.csv > big.csv || exit 99
TMPDIR=no-such-folder "$CTREND" series --threads 1 --measure events --group country big.csv

# SPDX-License-Identifier: MIT
# `ctrend help [COMMAND]` is `ctrend [COMMAND] --help`
cd "$T"
for c in inspect series fit generate; do
    "$CTREND" help $c >a || exit 1
    "$CTREND" $c --help >b || exit 1
    cmp -s a b && echo "help $c: same as $c --help"
done
"$CTREND" help >a && "$CTREND" --help >b && cmp -s a b && echo "help: same as --help"
"$CTREND" help nosuch

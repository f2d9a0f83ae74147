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
# every command of the table has its help (claims, plot, report too)
for c in inspect series fit claims plot report generate; do "$CTREND" help $c | head -n 1; done

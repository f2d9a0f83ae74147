# SPDX-License-Identifier: MIT
# a newline or tab in a file name is escaped: each message stays one line
cd "$T"
printf 'ACD\n' >"$(printf 'a\nb.csv')"
"$CTREND" series "$(printf 'a\nb.csv')"
"$CTREND" series "$(printf 'no\tsuch\nfile.csv')"

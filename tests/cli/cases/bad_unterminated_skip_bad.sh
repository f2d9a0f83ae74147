# SPDX-License-Identifier: MIT
# --skip-bad cannot skip a quote that runs to the end of the file: the
# load stops, and the message must say why
"$CTREND" series --skip-bad tests/data/err_unterminated.csv

# SPDX-License-Identifier: MIT
# inspect --format markdown: every field the text shows, a failed file included
"$CTREND" inspect --format markdown tests/data/acd_small.csv tests/data/i8_slash_late.csv tests/data/i8_year_slip.csv tests/data/i8_fatal_na.csv tests/data/i8_brd_dup.csv tests/data/hapi_small.csv tests/data/i8_slash_both.csv tests/data/err_skip_bad.csv tests/data/acled_cp1252.csv tests/data/err_unterminated.csv tests/data/no_such_file.csv

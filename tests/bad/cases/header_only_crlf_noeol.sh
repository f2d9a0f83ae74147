# SPDX-License-Identifier: MIT
# an ACLED header with CRLF and no final line end is still a valid empty export
"$CTREND" series --measure events tests/bad/data/header_only_crlf_noeol.csv

# SPDX-License-Identifier: MIT
# a malformed SOURCE_DATE_EPOCH is an error, not the year 1970
SOURCE_DATE_EPOCH=yesterday "$CTREND" claims

# SPDX-License-Identifier: MIT
# claims on the bundled synthetic data (no data arguments): says so
CTREND_DATADIR=datasets SOURCE_DATE_EPOCH=0 "$CTREND" claims

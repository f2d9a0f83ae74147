# SPDX-License-Identifier: MIT
# a malformed CTREND_THREADS: a warning, one thread, the same series
CTREND_THREADS=two "$CTREND" series tests/data/acd_small.csv

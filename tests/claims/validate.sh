#!/bin/sh
# SPDX-License-Identifier: MIT
# validate.sh CTREND SOURCE_DIR - `ctrend claims --format json` validates
# against datasets/claims/claims-result.schema.json (python3-jsonschema),
# on the bundled synthetic data and, when present, on ../shared/data.
# Exits 77 (skipped) without python3-jsonschema.
set -eu
ctrend=$1 src=$2
py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import jsonschema' 2>/dev/null || { echo "skipped: no python3-jsonschema"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {
    "$py" - "$src/datasets/claims/claims-result.schema.json" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
jsonschema.validate(json.load(open(sys.argv[2])), schema)
print("valid:", sys.argv[2])
PY
}
CTREND_DATADIR=$src/datasets "$ctrend" claims --format json -o "$tmp/synthetic.json" 2>/dev/null
check "$tmp/synthetic.json"
d=${CTREND_SHARED_DATA:-$src/../shared/data}
if [ -f "$d/ucdp/UcdpPrioConflict_v23_1.csv" ]; then
    "$ctrend" claims --ucdp "$d/ucdp/UcdpPrioConflict_v23_1.csv" \
        --ucdp "$d/ucdp/UcdpPrioConflict_v24_1_resaved.csv" \
        --acled "$d/acled/hdx_acled_conflict_data_lka_2020-10-08.csv" \
        --format json -o "$tmp/real.json"
    check "$tmp/real.json"
fi

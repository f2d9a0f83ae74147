#!/bin/sh
# SPDX-License-Identifier: MIT
# Every public header compiles on its own, with strict flags, as C11 and
# as the first include of a translation unit (no hidden dependency on
# another header). Usage: check.sh CC INCLUDE_DIR
set -eu
cc=$1
inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for h in "$inc"/ctrend/*.h; do
  name=$(basename "$h")
  printf '#include "ctrend/%s"\n#include "ctrend/%s"\nint ct_header_test_%s;\n' \
    "$name" "$name" "$(echo "$name" | tr -c 'a-z0-9\n' _)" > "$tmp/t.c"
  "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes \
    -Wmissing-prototypes -I"$inc" -c "$tmp/t.c" -o "$tmp/t.o" || {
    echo "header $name does not compile on its own" >&2; exit 1; }
  n=$((n + 1))
done
echo "$n headers compile on their own"

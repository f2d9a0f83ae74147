#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole test suite, as the README gives it and CI runs it:
#   1. installs missing Debian packages and builds (.ci/setup);
#   2. a warnings-as-errors build and every ctest test;
#   3. an AddressSanitizer + UndefinedBehaviorSanitizer build and every
#      ctest test again.
# Exits non-zero on the first failure. Run it as yourself, as root or as
# an ordinary user: .ci/setup calls sudo only for packages that are
# missing, and only when you are not root.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C
jobs=$(nproc)

.ci/setup

echo "== build with -Werror and run the tests"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCT_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs" >/dev/null
ctest --test-dir build-test --output-on-failure -j"$jobs"

echo "== build with ASan+UBSan and run the tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCT_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE nosan

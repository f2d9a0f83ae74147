#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the build in BUILD_DIR into a scratch, non-default prefix with
# `cmake --install --prefix`, MOVES the install elsewhere (so that nothing
# can rely on the path it was installed to), then with no environment
# variables (no LD_LIBRARY_PATH, CTREND_DATADIR, PKG_CONFIG prefix
# override):
#   1. builds and runs tests/install/consumer.c through pkg-config;
#   2. the same through CMake's find_package;
#   3. runs the installed ctrend from an unrelated folder on the installed
#      synthetic data and checks that it reads the INSTALLED country table
#      (a marked copy), not the source tree's, and gives the same series
#      as the build tree's binary.
# Usage: check.sh SOURCE_DIR BUILD_DIR
set -eu
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset CTREND_DATADIR LD_LIBRARY_PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH || true
cmake --install "$build" --prefix "$tmp/first/prefix" >/dev/null
mkdir "$tmp/moved"
mv "$tmp/first/prefix" "$tmp/moved/p"
rmdir "$tmp/first"
prefix=$tmp/moved/p
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1)
libdir=${libdir%/pkgconfig}
test -x "$prefix/bin/ctrend"
test -f "$prefix/share/ctrend/countries.csv"
test -f "$prefix/include/ctrend/ctrend.h"
fail() { echo "install check: $*" >&2; exit 1; }

# 1. pkg-config: the .pc file is relative to its own folder
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags ctrend)
libs=$(pkg-config --libs ctrend)
inc=$(pkg-config --variable=includedir ctrend)
test -f "$inc/ctrend/ctrend.h" || fail "pkg-config includedir $inc is wrong"
pclib=$(pkg-config --variable=libdir ctrend)
test -e "$pclib/libctrend.so" || fail "pkg-config libdir $pclib is wrong"
cc -std=c11 $cflags "$src/tests/install/consumer.c" $libs \
   -Wl,-rpath,"$pclib" -o "$tmp/consumer-pc"
"$tmp/consumer-pc" "$prefix/share/ctrend/countries.csv"
unset PKG_CONFIG_PATH

# 2. find_package
cmake -S "$src/tests/install" -B "$tmp/b" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/b" >/dev/null
"$tmp/b/consumer" "$prefix/share/ctrend/countries.csv"

# 3. the installed CLI: its library through RPATH, its data beside it.
# Mark the installed table: Myanmar's ACLED subregion becomes
# "Installed Asia"; a series by subregion must show the mark.
sed 's/^775,MMR,104,Myanmar,3,Southeast Asia,/775,MMR,104,Myanmar,3,Installed Asia,/' \
    "$prefix/share/ctrend/countries.csv" >"$tmp/c.csv"
grep -q '^775,MMR,104,Myanmar,3,Installed Asia,' "$tmp/c.csv" \
    || fail "cannot mark the installed country table"
cat "$tmp/c.csv" >"$prefix/share/ctrend/countries.csv"
mkdir "$tmp/run"
cd "$tmp/run"
"$prefix/bin/ctrend" --version
data=$prefix/share/ctrend/synthetic/acd_synthetic.csv
"$prefix/bin/ctrend" series --class intra --group subregion "$data" >got.csv
grep -q ',Installed Asia,' got.csv \
    || fail "the installed ctrend did not read its installed country table"
# the same numbers as the build tree's binary with the same (marked) table
"$build/src/ctrend" series --class intra --group subregion \
    --countries "$tmp/c.csv" "$data" >want.csv
cmp got.csv want.csv || fail "installed and built ctrend differ"
# and the README's first command, as installed
"$prefix/bin/ctrend" fit --model poisson --class intra --region Asia \
    --group subregion --from 1993 "$data" >fit.txt
test -s fit.txt || fail "fit printed nothing"
echo "install check: ok"

#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the build in BUILD_DIR into a scratch prefix, then builds and
# runs tests/install/consumer.c against it twice: with pkg-config and with
# CMake's find_package. Usage: check.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
prefix=$tmp/prefix
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1)
libdir=${libdir%/pkgconfig}
test -x "$prefix/bin/ctrend"
test -f "$prefix/share/ctrend/countries.csv"
test -f "$prefix/include/ctrend/ctrend.h"
# 1. pkg-config (the .pc has the configured prefix; point it at the copy)
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
cflags=$(pkg-config --define-variable=prefix="$prefix" --cflags ctrend)
libs=$(pkg-config --define-variable=prefix="$prefix" --libs ctrend)
cc -std=c11 $cflags -I"$prefix/include" "$src/tests/install/consumer.c" \
   -L"$libdir" $libs -o "$tmp/consumer-pc"
LD_LIBRARY_PATH=$libdir "$tmp/consumer-pc" "$prefix/share/ctrend/countries.csv"
# 2. find_package
cmake -S "$src/tests/install" -B "$tmp/b" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/b" >/dev/null
LD_LIBRARY_PATH=$libdir "$tmp/b/consumer" "$prefix/share/ctrend/countries.csv"
# 3. the installed CLI finds its installed country table
CTREND_DATADIR= LD_LIBRARY_PATH=$libdir "$prefix/bin/ctrend" --version
echo "install check: ok"

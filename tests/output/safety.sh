#!/bin/sh
# SPDX-License-Identifier: MIT
# `-o` safety (issue 8, class 6). Each check states what must hold;
# the expected messages are written here from the specification, not
# captured. Usage: safety.sh CTREND SRC_DIR
set -u
ctrend=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
data=$src/tests/data/acd_small.csv
T=$(mktemp -d)
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
cd "$T"
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# run CMD...: sets rc, out (stdout), err (stderr)
run() {
    "$@" >"$T/.out" 2>"$T/.err"
    rc=$?
    out=$(cat "$T/.out")
    err=$(cat "$T/.err")
}
expect() { # expect WHAT RC STDERR
    if [ "$rc" -ne "$2" ] || [ "$err" != "$3" ]; then
        bad "$1: exit $rc, stderr '$err'; expected exit $2, stderr '$3'"
        return 1
    fi
    ok "$1"
}
"$ctrend" series "$data" >want.csv || { echo "cannot make the series" >&2; exit 1; }

# 1. a device is written in place, never replaced. As root, the devices
# tried are private copies (mknod) in the scratch folder, so that a
# broken ctrend cannot replace the system's /dev/null or /dev/full.
null=/dev/null
full=/dev/full
if [ "$(id -u)" -eq 0 ] && mknod null c 1 3 2>/dev/null &&
   mknod full c 1 7 2>/dev/null; then
    null=null
    full=full
elif [ "$(id -u)" -eq 0 ]; then
    null=
    full=
    echo "skip: devices (root, and mknod is not allowed)"
fi
if [ -n "$full" ] && [ -w "$full" ]; then
    run "$ctrend" series -o "$full" "$data"
    expect "-o /dev/full: write error with its cause" 1 \
        "ctrend: $full: write error: No space left on device"
    test -c "$full" || bad "$full is no longer a device"
fi
if [ -w /dev/full ]; then
    run sh -c '"$1" inspect "$2" >/dev/full' sh "$ctrend" "$data"
    expect "inspect >/dev/full fails" 1 \
        "ctrend: standard output: write error: No space left on device"
    run sh -c '"$1" series "$2" >/dev/full' sh "$ctrend" "$data"
    expect "series >/dev/full fails" 1 \
        "ctrend: standard output: write error: No space left on device"
    run sh -c '"$1" --help >/dev/full' sh "$ctrend"
    expect "--help >/dev/full fails" 1 \
        "ctrend: standard output: write error: No space left on device"
fi
if [ -n "$null" ]; then
    run "$ctrend" series -o "$null" "$data"
    expect "-o /dev/null" 0 ""
    test -c "$null" || bad "$null is no longer a character device"
fi
# /dev/fd/1 (safe to try as root with a broken ctrend: /proc refuses a
# temporary file); /dev/stdout only when not root
run sh -c '"$1" series -o /dev/fd/1 "$2" >viastdout.csv' sh "$ctrend" "$data"
expect "-o /dev/fd/1 into a redirected file" 0 ""
cmp -s viastdout.csv want.csv || bad "-o /dev/fd/1 wrote something else"
if [ "$(id -u)" -ne 0 ]; then
    run sh -c '"$1" series -o /dev/stdout "$2" | cat >viastdout.csv' sh \
        "$ctrend" "$data"
    expect "-o /dev/stdout into a pipe" 0 ""
    cmp -s viastdout.csv want.csv || bad "-o /dev/stdout wrote something else"
fi
ls -A | grep -q '^\.ctrend-' && bad "a temporary file was left"

# 2. a FIFO is written in place
mkfifo fifo
cat fifo >fromfifo.csv &
catpid=$!
run "$ctrend" series -o fifo "$data"
expect "-o FIFO" 0 ""
if test -p fifo; then
    wait $catpid
else
    bad "the FIFO was replaced"
    kill $catpid 2>/dev/null
fi
cmp -s fromfifo.csv want.csv && ok "FIFO reader got the series" \
    || bad "the FIFO reader got something else"

# 3. a symbolic link is kept; the file it points to is replaced
echo old >real.csv
ln -s real.csv link.csv
run "$ctrend" series -o link.csv "$data"
expect "-o through a symlink" 0 ""
test -L link.csv || bad "the symbolic link was replaced by a file"
cmp -s real.csv want.csv && ok "the link's target holds the series" \
    || bad "the link's target does not hold the series"
ln -s nowhere.csv dangling.csv
run "$ctrend" series -o dangling.csv "$data"
expect "-o onto a dangling link is refused" 1 \
    "ctrend: dangling.csv: cannot write: dangling symbolic link (its target does not exist)"
test -L dangling.csv && test ! -e nowhere.csv || bad "dangling link changed"

# 4. the target's mode is kept
echo old >private.csv
chmod 600 private.csv
run "$ctrend" series -o private.csv "$data"
expect "-o onto a mode 0600 file" 0 ""
m=$(stat -c %a private.csv)
[ "$m" = 600 ] && ok "mode 0600 kept" || bad "mode became $m, not 600"
echo old >group.csv
chmod 640 group.csv
"$ctrend" series -o group.csv "$data"
m=$(stat -c %a group.csv)
[ "$m" = 640 ] && ok "mode 0640 kept" || bad "mode became $m, not 640"

# 5. a read-only target is refused (also for root) and left alone
echo old >ro.csv
chmod 444 ro.csv
run "$ctrend" series -o ro.csv "$data"
expect "-o onto a read-only file is refused" 1 \
    "ctrend: ro.csv: cannot write: read-only file (mode 0444), not replaced"
[ "$(cat ro.csv)" = old ] || bad "the read-only file was changed"
run "$ctrend" series -o . "$data"
expect "-o onto a directory is refused" 1 \
    "ctrend: .: cannot write: is a directory"

# 6. -o naming an input is refused before anything is written
cp "$data" in.csv
run "$ctrend" series -o in.csv in.csv
expect "-o IN IN is refused" 2 "ctrend: in.csv: the output file is also an input: refusing to overwrite it
Try 'ctrend series --help' for more information."
cmp -s in.csv "$data" || bad "the input was changed"
ln in.csv hard.csv
run "$ctrend" series -o hard.csv in.csv
expect "-o onto a hard link of the input is refused" 2 "ctrend: hard.csv: the output file is also an input (in.csv): refusing to overwrite it
Try 'ctrend series --help' for more information."
run sh -c '"$1" series -o in.csv <in.csv' sh "$ctrend"
expect "-o onto the file on standard input is refused" 2 "ctrend: in.csv: the output file is also an input (standard input): refusing to overwrite it
Try 'ctrend series --help' for more information."
"$ctrend" series in.csv >in-series.csv
run "$ctrend" fit --model poisson -o in-series.csv in-series.csv
expect "fit -o IN IN is refused" 2 "ctrend: in-series.csv: the output file is also an input: refusing to overwrite it
Try 'ctrend fit --help' for more information."
cmp -s in.csv "$data" || bad "the input was changed"

# 7. a 250-byte file name (valid: NAME_MAX is 255) works
long=$(printf '%0250d' 0 | tr 0 a)
run "$ctrend" series -o "$long" "$data"
expect "-o with a 250-character name" 0 ""
cmp -s "$long" want.csv || bad "the long-named file does not hold the series"

# 8. nothing but the outputs is left in the folder
left=$(ls -A | grep -v -x -e want.csv -e viastdout.csv -e fifo \
    -e fromfifo.csv -e real.csv -e link.csv -e dangling.csv \
    -e private.csv -e group.csv -e ro.csv -e in.csv -e hard.csv \
    -e in-series.csv -e "$long" -e .out -e .err -e null -e full)
[ -z "$left" ] && ok "no temporary files left" || bad "left behind: $left"

if [ $fails -ne 0 ]; then
    echo "$fails check(s) failed" >&2
    exit 1
fi
echo "output safety: ok"

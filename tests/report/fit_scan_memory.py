#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fit_scan_memory.py CTREND - `ctrend fit --model scan` writes its
windows as they are produced (issue 13, streaming output).

A monthly series of 2,400 periods (1000-01 to 1199-12, values from a
fixed formula; longer than CT_SCAN_EXACT_MAX, so the OLS windows come from
running sums and the run is short) is scanned over 700 starts x 715 ends = 500,500 windows
with --adjust holm, in text, CSV and JSON. Each run is one child process
whose peak resident set (os.wait4, ru_maxrss) must stay under 200 MB: the
fit itself holds about 64 bytes per window (32 MB), while the former
writer, which built every window into one Jansson tree first, took about
1.4 KB per window (700 MB here). No timing is asserted.

The output is read as it arrives (never held whole) and checked:
- CSV: the header names the window columns with window_p_adjusted, there
  is one row per window (500,500), start-major as the ranges give them,
  and the slopes of a few windows equal a least-squares slope computed
  here from the same formula (slope per year, x in years);
- JSON: one window object per window at its depth, the summary counts
  500,500, and the document ends as a JSON object does;
- text: one table line per window, with the p_adjusted column.
Exit 0 pass, 1 fail.
"""
import os
import subprocess
import sys
import tempfile

BOUND_KB = 200 * 1024
N_PERIODS = 2400            # 1000-01 .. 1199-12
STARTS = (0, 699)           # 1000-01 .. 1058-04: 700 starts
ENDS = (1200, 1914)         # 1100-01 .. 1159-07: 715 ends
N_WINDOWS = (STARTS[1] - STARTS[0] + 1) * (ENDS[1] - ENDS[0] + 1)


def period(i):
    return "%04d-%02d" % (1000 + i // 12, i % 12 + 1)


def value(i):
    return 40 + (i * 37) % 101 - (i * 7919) % 13 + i // 50


def ols_slope(s, e):
    """least-squares slope per year of value() on [s, e] (x in years)"""
    xs = [i / 12.0 for i in range(s, e + 1)]
    ys = [float(value(i)) for i in range(s, e + 1)]
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    return sxy / sxx


def window_of(k):
    """the (start, end) period indices of window k, start-major"""
    n_ends = ENDS[1] - ENDS[0] + 1
    return STARTS[0] + k // n_ends, ENDS[0] + k % n_ends


fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL: " + what)


def run(ctrend, path, fmt, consume):
    """runs the scan in fmt, feeds its stdout lines to consume; returns
    the child's peak RSS in KB"""
    env = dict(os.environ)
    # under AddressSanitizer, freed memory waits in a quarantine (256 MB
    # by default): keep it small so the RSS measures the writer
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                           ":quarantine_size_mb=16").lstrip(":")
    args = [ctrend, "fit", "--model", "scan",
            "--start-range", "%s:%s" % (period(STARTS[0]), period(STARTS[1])),
            "--end-range", "%s:%s" % (period(ENDS[0]), period(ENDS[1])),
            "--adjust", "holm", "--format", fmt, path]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, env=env)
    consume(p.stdout)
    p.stdout.close()
    _, status, ru = os.wait4(p.pid, 0)
    check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
          "%s: exit status %d" % (fmt, status))
    return ru.ru_maxrss


def csv_lines(stream):
    header = stream.readline().decode().rstrip("\n").split(",")
    check("window_start" in header and "window_p_adjusted" in header,
          "csv: header %r" % header)
    ks, ke, ksl = (header.index("window_start"), header.index("window_end"),
                   header.index("window_slope"))
    probe = {0, 1, 714, 715, 250000, N_WINDOWS - 1}
    rows = 0
    for line in stream:
        if rows in probe:
            f = line.decode().rstrip("\n").split(",")
            s, e = window_of(rows)
            check(f[ks] == period(s) and f[ke] == period(e),
                  "csv: row %d is %s to %s, expected %s to %s"
                  % (rows, f[ks], f[ke], period(s), period(e)))
            want = ols_slope(s, e)
            got = float(f[ksl])
            check(abs(got - want) <= 1e-8 * max(1.0, abs(want)),
                  "csv: row %d slope %r, least squares %r" % (rows, got, want))
        rows += 1
    check(rows == N_WINDOWS, "csv: %d rows, %d windows" % (rows, N_WINDOWS))


def json_lines(stream):
    opens = 0
    summary = None
    last = b""
    for line in stream:
        if line == b"        {\n":       # a window object, depth 4
            opens += 1
        elif line.startswith(b'        "windows": '):   # summary, depth 4
            summary = int(line.split(b":")[1].strip(b" ,\n"))
        last = line
    check(summary == N_WINDOWS, "json: summary windows %r" % summary)
    check(opens == N_WINDOWS, "json: %d window objects, %d windows"
          % (opens, N_WINDOWS))
    check(last == b"}\n", "json: ends with %r" % last)


def text_lines(stream):
    rows = 0
    header = None
    for line in stream:
        if line.startswith(b"  start    end"):
            header = line
        elif header is not None and line.startswith(b"  1"):
            rows += 1
    check(header is not None and b"p_adjusted" in header,
          "text: table header %r" % header)
    check(rows == N_WINDOWS, "text: %d table lines, %d windows"
          % (rows, N_WINDOWS))


def main():
    ctrend = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "series.csv")
        with open(path, "w") as f:
            f.write("period,value\n")
            for i in range(N_PERIODS):
                f.write("%s,%d\n" % (period(i), value(i)))
        for fmt, consume in (("csv", csv_lines), ("json", json_lines),
                             ("text", text_lines)):
            kb = run(ctrend, path, fmt, consume)
            print("%s: %d windows, peak RSS %d KB" % (fmt, N_WINDOWS, kb))
            check(kb < BOUND_KB, "%s: peak RSS %d KB, bound %d KB"
                  % (fmt, kb, BOUND_KB))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

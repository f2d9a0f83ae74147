#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make_series.py N SEED > file.csv - a synthetic series CSV for `ctrend fit`.

Writes N periods in `ctrend series` CSV form (header `period,value`):
annual periods (YYYY) when N <= 1000, ending in 2023 at most, else monthly
(YYYY-MM) from 1000-01 (the reader takes years 1000-9999, so N <= 108,000).
The values are Poisson counts around a piecewise-linear mean with two
breaks, at 30% and 65% of the series (known, for checking a fit by eye):
the mean rises from 20 to 60, falls to 35, then rises to 50. The same N
and SEED give the same file. Used by tests/bench/run.sh for the fit cases
(`fit --model segmented --breaks 2` on 30, 1,000 and 100,000 periods).
"""
import math
import random
import sys


def poisson(rng, lam):
    # Knuth for small means, a rounded normal for large ones (lam > 60
    # never happens here, but keep it total)
    if lam > 60:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: make_series.py N SEED > file.csv\n")
        return 2
    n, seed = int(argv[1]), int(argv[2])
    if not 1 <= n <= 108000:
        sys.stderr.write("make_series.py: N must be 1..108000\n")
        return 2
    rng = random.Random(seed)
    b1, b2 = 0.30 * (n - 1), 0.65 * (n - 1)
    out = sys.stdout
    out.write("period,value\n")
    for i in range(n):
        if i <= b1:
            mean = 20 + 40 * i / b1 if b1 > 0 else 20
        elif i <= b2:
            mean = 60 - 25 * (i - b1) / (b2 - b1)
        else:
            mean = 35 + 15 * (i - b2) / (n - 1 - b2)
        if n <= 1000:
            period = "%04d" % (2023 - n + 1 + i)
        else:
            period = "%04d-%02d" % (1000 + i // 12, i % 12 + 1)
        out.write("%s,%d\n" % (period, poisson(rng, mean)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Splits an ACLED- or GED-layout export into one file per country, as the
exports are often downloaded, for the many-files benchmark (issue 13).

    split_by_country.py EXPORT.csv OUTDIR [--column country] [--files N]

Rows keep their order and their exact fields; each output file has the
header. With --files N (N >= 2) the N-1 countries with the most rows get a
file each and the others share "others.csv" (the generator writes about 70
countries; the benchmark uses 50 files). The csv module reads the input, so quoted line breaks, commas and
doubled quotes in notes stay inside their record. Prints the number of
files written.
"""
import csv
import os
import re
import sys


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    col = "country"
    nfiles = 0
    if "--column" in argv:
        col = argv[argv.index("--column") + 1]
        args.remove(col)
    if "--files" in argv:
        v = argv[argv.index("--files") + 1]
        args.remove(v)
        nfiles = int(v)
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    src, outdir = args
    os.makedirs(outdir, exist_ok=True)
    csv.field_size_limit(1 << 30)
    outs = {}
    alone = None
    if nfiles >= 2:
        counts = {}
        with open(src, newline="", encoding="utf-8") as f:
            rd = csv.reader(f)
            k = next(rd).index(col)
            for row in rd:
                counts[row[k]] = counts.get(row[k], 0) + 1
        ranked = sorted(counts, key=lambda c: (-counts[c], c))
        alone = set(ranked[:nfiles - 1])
    with open(src, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        k = header.index(col)
        for row in rd:
            key = row[k]
            if alone is not None and key not in alone:
                key = "others"
            w = outs.get(key)
            if w is None:
                name = re.sub(r"[^A-Za-z0-9]+", "_", key).strip("_") or "none"
                fh = open(os.path.join(outdir, name + ".csv"), "w",
                          newline="", encoding="utf-8")
                w = (fh, csv.writer(fh, lineterminator="\n"))
                w[1].writerow(header)
                outs[key] = w
            w[1].writerow(row)
    for fh, _ in outs.values():
        fh.close()
    print(len(outs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

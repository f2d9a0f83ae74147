#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Splits an ACLED- or GED-layout export into one file per country, as the
exports are often downloaded, for the many-files benchmark (issue 13).

    split_by_country.py EXPORT.csv OUTDIR [--column country]

Rows keep their order and their exact fields; each output file has the
header. The csv module reads the input, so quoted line breaks, commas and
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
    if "--column" in argv:
        col = argv[argv.index("--column") + 1]
        args.remove(col)
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    src, outdir = args
    os.makedirs(outdir, exist_ok=True)
    csv.field_size_limit(1 << 30)
    outs = {}
    with open(src, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        k = header.index(col)
        for row in rd:
            key = row[k]
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

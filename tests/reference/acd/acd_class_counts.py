#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reference counts of UCDP/PRIO armed conflicts per year, computed without
ctrend (Python 3 standard library csv module only).

Usage: acd_class_counts.py [ACD_CSV] [OUT_DIR]
  ACD_CSV  default: ../shared/data/ucdp/UcdpPrioConflict_v23_1.csv beside
           the repository
  OUT_DIR  default: this script's folder

Writes three files (period,KEY,value; every year from the first to the
last year of the selection, zero-filled, rows sorted by period then key in
byte order, as ctrend sorts them):

  acd_class_counts.csv
      distinct conflict_id per year and type_of_conflict
      (1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalized);
  acd_intra_subregion_acled.csv, acd_intra_subregion_un.csv
      distinct conflict_id per year and subregion, for type_of_conflict 3
      and 4 only; a conflict-year counts once in every subregion its
      gwno_loc list touches (FORMATS.md "Geography and counting"). The
      subregion of a GW number comes from datasets/countries.csv:
      `acled_region` (ACLED scheme) or `un_subregion` (UN M49 scheme).
      Only subregions that occur in the selection are listed.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CLASS = {"1": "extrasystemic", "2": "interstate", "3": "intrastate",
         "4": "internationalized"}


def load_subregions():
    acled, un = {}, {}
    path = os.path.join(REPO, "datasets", "countries.csv")
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["gwno"]:
                gw = int(r["gwno"])
                acled.setdefault(gw, r["acled_region"])
                un.setdefault(gw, r["un_subregion"])
    return acled, un


def write(path, key, cells, years, groups):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("period,%s,value\n" % key)
        for y in years:
            for g in sorted(groups, key=lambda s: s.encode()):
                f.write("%04d,%s,%d\n" % (y, g, len(cells.get((y, g), ()))))


def main(argv):
    src = argv[1] if len(argv) > 1 else os.path.join(
        REPO, "..", "shared", "data", "ucdp", "UcdpPrioConflict_v23_1.csv")
    out = argv[2] if len(argv) > 2 else HERE
    acled, un = load_subregions()
    by_class, sub_acled, sub_un = {}, {}, {}
    years, intra_years = set(), set()
    with open(src, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            cid = r["conflict_id"]
            t = r["type_of_conflict"]
            years.add(y)
            by_class.setdefault((y, CLASS[t]), set()).add(cid)
            if t not in ("3", "4"):
                continue
            intra_years.add(y)
            for gw in r["gwno_loc"].split(","):
                gw = int(gw.strip())
                sub_acled.setdefault((y, acled[gw]), set()).add(cid)
                sub_un.setdefault((y, un[gw]), set()).add(cid)
    span = range(min(years), max(years) + 1)
    write(os.path.join(out, "acd_class_counts.csv"), "class", by_class,
          span, CLASS.values())
    span = range(min(intra_years), max(intra_years) + 1)
    write(os.path.join(out, "acd_intra_subregion_acled.csv"), "subregion",
          sub_acled, span, {g for _, g in sub_acled})
    write(os.path.join(out, "acd_intra_subregion_un.csv"), "subregion",
          sub_un, span, {g for _, g in sub_un})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

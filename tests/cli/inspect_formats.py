#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ctrend inspect --format json|csv` checked against the fixtures
themselves: the JSON parses (Python's json module), every file object has
the documented keys in the documented order (include/ctrend/report.h,
"Inspection"), and the numbers agree with what Python's csv module reads
from the same files (rows, years, first and last event date, partial
periods, rows per class); the CSV has the same values as the JSON.

Usage: inspect_formats.py CTREND SRC_DIR
"""
import calendar
import csv
import io
import json
import subprocess
import sys

KEYS = ["file", "error", "dataset", "dataset_title", "layout", "version",
        "unit", "delimiter", "rows", "year_min", "year_max", "span",
        "date_order", "rows_per_class", "problems", "note"]
SPAN = ["first_date", "last_date", "partial_first_year", "partial_last_year",
        "partial_first_month", "partial_last_month"]
ORDER = ["order", "decided_by", "line", "value", "ambiguous_dates"]
PROBLEMS = ["bad_records", "duplicates", "missing_deaths", "year_mismatch",
            "bad_estimates", "unresolved", "transcoded"]
CLASSES = ["extrasystemic", "interstate", "intrastate", "internationalized",
           "nonstate", "onesided", "statebased", "unclassified", "other"]
# UCDP type_of_conflict codes
ACD_TYPE = {"1": "extrasystemic", "2": "interstate", "3": "intrastate",
            "4": "internationalized"}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(ctrend, src, args):
    p = subprocess.run([ctrend, "inspect"] + args, cwd=src,
                       capture_output=True, text=True)
    return p.returncode, p.stdout


def acled_truth(path):
    """rows, years, first and last date of an ACLED file with ISO dates"""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    dates = sorted(r["event_date"] for r in rows)
    # the year of the date (a year column that disagrees is counted by the
    # date): YYYY-MM-DD, or DD/MM/YYYY and MM/DD/YYYY
    years = [int(d[-4:] if "/" in d else d[:4]) for d in dates]
    return len(rows), min(years), max(years), dates[0], dates[-1]


def partial_truth(first, last):
    """the partial year and month at each end of the span [first, last]"""
    fy, fm, fd = map(int, first.split("-"))
    ly, lm, ld = map(int, last.split("-"))
    p = {"partial_first_year": fy if (fm, fd) != (1, 1) else None,
         "partial_last_year": ly if (lm, ld) != (12, 31) else None,
         "partial_first_month": "%04d-%02d" % (fy, fm) if fd != 1 else None,
         "partial_last_month": "%04d-%02d" % (ly, lm)
         if ld != calendar.monthrange(ly, lm)[1] else None}
    if fy == ly and (p["partial_first_year"] or p["partial_last_year"]):
        p["partial_first_year"] = p["partial_last_year"] = fy
    if (fy, fm) == (ly, lm) and (p["partial_first_month"]
                                 or p["partial_last_month"]):
        p["partial_first_month"] = p["partial_last_month"] = \
            "%04d-%02d" % (fy, fm)
    return p


def main():
    ctrend, src = sys.argv[1], sys.argv[2]
    acled = ["tests/data/acled_current.csv", "tests/data/i8_year_slip.csv",
             "tests/data/i8_slash_late.csv"]
    acd = "tests/data/acd_small.csv"
    files = acled + [acd, "tests/data/err_unterminated.csv",
                     "tests/data/no_such_file.csv"]
    rc, out = run(ctrend, src, ["--format", "json"] + files)
    check(rc == 1, "exit status %d, expected 1 (a file fails)" % rc)
    doc = json.loads(out)
    check(list(doc) == ["command", "files"], "top-level keys %s" % list(doc))
    check(doc["command"] == "inspect", "command")
    got = {f["file"]: f for f in doc["files"]}
    check([f["file"] for f in doc["files"]] == files, "file order")
    for f in doc["files"]:
        if f["file"].endswith("no_such_file.csv"):
            check(list(f) == ["file", "error"], "failed file keys")
            check("No such file" in f["error"]["message"], "open error")
            continue
        check(list(f) == KEYS, "%s: keys %s" % (f["file"], list(f)))
        check(list(f["span"]) == SPAN, "span keys")
        check(list(f["date_order"]) == ORDER, "date_order keys")
        check(list(f["rows_per_class"]) == CLASSES, "class keys")
        check(list(f["problems"]) == PROBLEMS, "problem keys")
    # ACLED: what Python's csv reads from the files
    for path in acled:
        n, y0, y1, first, last = acled_truth(src + "/" + path)
        f = got[path]
        check(f["error"] is None, path + ": error")
        check(f["rows"] == n, "%s: rows %s, csv has %d" % (path, f["rows"], n))
        check((f["year_min"], f["year_max"]) == (y0, y1),
              "%s: years %s-%s" % (path, f["year_min"], f["year_max"]))
        if "/" not in first:   # ISO dates
            check(f["span"]["first_date"] == first, path + ": first date")
            check(f["span"]["last_date"] == last, path + ": last date")
        p = partial_truth(f["span"]["first_date"], f["span"]["last_date"])
        for k, v in p.items():
            check(f["span"][k] == v, "%s: %s %s, expected %s"
                  % (path, k, f["span"][k], v))
    slip = got["tests/data/i8_year_slip.csv"]
    # line 3 of the file: event_date 28/12/2015 with year 2016
    check(slip["problems"]["year_mismatch"]["count"] == 1, "year slip count")
    check(slip["problems"]["year_mismatch"]["first_line"] == 3,
          "year slip line")
    late = got["tests/data/i8_slash_late.csv"]
    check(late["date_order"]["order"] == "month-first", "slash order")
    check(late["date_order"]["value"] == "03/15/2021", "slash proof")
    # ACD: rows per class from type_of_conflict
    with open(src + "/" + acd, newline="") as fh:
        rows = list(csv.DictReader(fh))
    per = {c: 0 for c in CLASSES}
    for r in rows:
        per[ACD_TYPE[r["type_of_conflict"]]] += 1
    check(got[acd]["rows_per_class"] == per,
          "acd classes %s, expected %s" % (got[acd]["rows_per_class"], per))
    check(got[acd]["version"] == rows[0]["version"], "acd version")
    check(got[acd]["span"]["first_date"] is None, "acd has no dates")
    bad = got["tests/data/err_unterminated.csv"]["error"]
    check(bad is not None and bad["line"] == 4, "unterminated line")

    # CSV: the same values
    rc, out = run(ctrend, src, ["--format", "csv"] + files)
    table = list(csv.DictReader(io.StringIO(out)))
    check(len(table) == len(files), "csv rows %d" % len(table))
    for row in table:
        f = got[row["file"]]
        if f["error"] is not None:
            check(row["error"] == f["error"]["message"], "csv error text")
        if "rows" not in f:
            continue
        for k in ("rows", "year_min", "year_max"):
            check(row[k] == str(f[k]), "csv %s %s" % (row["file"], k))
        for k in SPAN:
            v = f["span"][k]
            check(row[k] == ("NA" if v is None else str(v)),
                  "csv %s %s" % (row["file"], k))
        for c in CLASSES:
            check(row["rows_" + c] == str(f["rows_per_class"][c]),
                  "csv %s rows_%s" % (row["file"], c))
        check(row["year_mismatch"] ==
              str(f["problems"]["year_mismatch"]["count"]), "csv slips")
    for msg in failures:
        print("FAIL:", msg)
    if not failures:
        print("inspect JSON and CSV: %d files checked" % len(files))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Puts one tool's benchmark result in a canonical form for comparison.

Usage: normalize.py IN.csv OUT.csv
Reads a CSV with a header naming (in any order, any of the synonyms)
year|period, region|subregion, event_type|type_of_violence, events,
deaths|fatalities|best; writes `year,region,type,events,deaths`, sorted,
without empty groups (ctrend zero-fills; the dataframe tools list only
groups that occur) and with GED's numeric type of violence spelt out.
"""
import csv
import sys

SYN = {"year": ("year", "period"), "region": ("region", "subregion"),
       "type": ("event_type", "type_of_violence"), "events": ("events",),
       "deaths": ("deaths", "fatalities", "best")}
TOV = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def num(s):
    v = float(s)
    return str(int(v)) if v == int(v) else repr(v)


def main(src, dst):
    with open(src, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        head = next(rd)
        idx = {}
        for k, names in SYN.items():
            for i, h in enumerate(head):
                if h.strip().lower() in names:
                    idx[k] = i
                    break
            else:
                sys.exit("%s: no column for %s in %s" % (src, k, head))
        rows = []
        for r in rd:
            ev = r[idx["events"]]
            if ev in ("", "NA") or float(ev) == 0:
                continue
            t = r[idx["type"]]
            rows.append((r[idx["year"]][:4], r[idx["region"]],
                         TOV.get(t, t), num(ev), num(r[idx["deaths"]])))
    rows.sort()
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "region", "type", "events", "deaths"])
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

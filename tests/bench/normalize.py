#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Puts one tool's benchmark result in a canonical form for comparison.

Usage: normalize.py IN OUT.csv [COUNTRIES.csv]
IN is a CSV file, or a JSON file (.json) holding an array of row objects
or an object with such an array under "rows" (ctrend's form). Columns are
matched by name with synonyms: year|period, region|subregion, country,
event_type|type_of_violence, events, deaths|fatalities|best. Writes the
group keys found (in a fixed order), events and deaths, sorted, without
empty groups (ctrend zero-fills; the dataframe tools list only groups that
occur), with GED's numeric type of violence spelt out and, given the
country table (datasets/countries.csv), country names and aliases
replaced by the table's name (ctrend names a country as its table does).
"""
import csv
import json
import sys

SYN = {"year": ("year", "period"), "region": ("region", "subregion"),
       "country": ("country",), "type": ("event_type", "type_of_violence"),
       "events": ("events",), "deaths": ("deaths", "fatalities", "best")}
KEYS = ("year", "region", "country", "type")
TOV = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def num(s):
    v = float(s)
    return str(int(v)) if v == int(v) else repr(v)


def records(src):
    """Yields dicts of column name -> string."""
    if src.endswith(".json"):
        with open(src, encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, dict):
            data = data["rows"]
        for r in data:
            yield {k: ("NA" if v is None else str(v)) for k, v in r.items()}
        return
    with open(src, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def country_names(path):
    """Maps every name and alias of the country table to its name."""
    m = {}
    if path:
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                for a in [r["name"]] + (r["aliases"] or "").split(";"):
                    if a:
                        m.setdefault(a.lower(), r["name"])
    return m


def main(src, dst, countries=None):
    names_of = country_names(countries)
    rows, cols = [], None
    for r in records(src):
        if cols is None:
            cols = {}
            names = {k.strip().lower(): k for k in r}
            for k, syn in SYN.items():
                for s in syn:
                    if s in names:
                        cols[k] = names[s]
                        break
            if "events" not in cols or "deaths" not in cols:
                sys.exit("%s: no events or deaths column in %s" % (src, list(r)))
            keys = [k for k in KEYS if k in cols]
        ev = r[cols["events"]]
        if ev in ("", "NA") or float(ev) == 0:
            continue
        vals = []
        for k in keys:
            v = r[cols[k]]
            if k == "year":
                v = v[:4]
            elif k == "type":
                v = TOV.get(v, v)
            elif k == "country":
                v = names_of.get(v.lower(), v)
            vals.append(v)
        rows.append(tuple(vals) + (num(ev), num(r[cols["deaths"]])))
    rows.sort()
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow((keys if cols else []) + ["events", "deaths"])
        w.writerows(rows)


if __name__ == "__main__":
    main(*sys.argv[1:4])

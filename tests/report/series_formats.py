#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""series_formats.py CTREND - every streamed format of `ctrend series`
holds the same table.

A generated ACLED-layout export (seeded) is turned into a monthly series
of events and deaths by country and event type (over 100,000 rows), then
written as CSV, TSV, JSON and Markdown. The JSON must parse with Python's
json module (strict, as `python3 -m json.tool` does: no NaN, no trailing
commas, no duplicate keys accepted silently); every format must give the
same rows as the CSV read with Python's csv module: period, keys, numbers
(NA in CSV/TSV/Markdown is null in JSON), partial flags. The wide layout
(CSV and JSON) must equal the long CSV pivoted here. The same holds with
--precision 3 and for a yearly ungrouped series.
Exit 0 pass, 1 fail, 77 skip.
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile


def run(args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, **kw).stdout


def num(s):
    return None if s == "NA" else float(s)


def from_csv(text, sep):
    rows = list(csv.reader(text.splitlines(), delimiter=sep)) if sep == "," \
        else [line.split("\t") for line in text.splitlines()]
    return rows[0], rows[1:]


def no_dupes(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %r" % keys)
    return dict(pairs)


def strict_const(name):
    raise ValueError("not JSON: %s" % name)


def md_cells(line):
    # split on '|' not preceded by a backslash, then undo the escapes
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", c.strip()) for c in cells]


def compare(name, header, rows, want_header, want_rows, measures, keys):
    if header != want_header:
        raise AssertionError("%s header %r != %r" % (name, header, want_header))
    if len(rows) != len(want_rows):
        raise AssertionError("%s: %d rows, csv %d" % (name, len(rows), len(want_rows)))
    mi = [header.index(m) for m in measures]
    for i, (a, b) in enumerate(zip(rows, want_rows)):
        for k in range(1 + len(keys)):
            if a[k] != b[k]:
                raise AssertionError("%s row %d: %r != %r" % (name, i + 1, a, b))
        for k in mi:
            if num(a[k]) != num(b[k]):
                raise AssertionError("%s row %d: %r != %r" % (name, i + 1, a, b))


def check(ctrend, data, extra, keys, measures, min_rows):
    base = [ctrend, "series", "--quiet"] + extra
    csv_text = run(base + ["--format", "csv", data]).decode()
    header, rows = from_csv(csv_text, ",")
    if len(rows) < min_rows:
        raise AssertionError("only %d rows" % len(rows))
    # TSV
    h, r = from_csv(run(base + ["--format", "tsv", data]).decode(), "\t")
    compare("tsv", h, r, header, rows, measures, keys)
    # Markdown: header, alignment row, then the rows
    md = run(base + ["--format", "md", data]).decode().splitlines()
    h = md_cells(md[0])
    r = [md_cells(x) for x in md[2:]]
    if "partial" in h:
        p = h.index("partial")
        for x in r:
            x[p] = {"yes": "1", "no": "0"}[x[p]]
    compare("md", h, r, header, rows, measures, keys)
    # JSON, strict
    doc = json.loads(run(base + ["--format", "json", data]).decode(),
                     object_pairs_hook=no_dupes, parse_constant=strict_const)
    if doc["keys"] != keys:
        raise AssertionError("json keys %r" % doc["keys"])
    jr = doc["rows"]
    if len(jr) != len(rows):
        raise AssertionError("json: %d rows, csv %d" % (len(jr), len(rows)))
    part = header.index("partial") if "partial" in header else None
    for i, (o, b) in enumerate(zip(jr, rows)):
        if o["period"] != b[0] or [o[k] for k in keys] != b[1:1 + len(keys)]:
            raise AssertionError("json row %d: %r != %r" % (i + 1, o, b))
        for m in measures:
            v = o[m]
            if v is not None and not isinstance(v, (int, float)):
                raise AssertionError("json row %d: %r" % (i + 1, o))
            w = num(b[header.index(m)])
            if (v is None) != (w is None) or (v is not None and float(v) != w):
                raise AssertionError("json row %d: %s %r != %r" % (i + 1, m, v, w))
        if part is not None and bool(o.get("partial", False)) != (b[part] == "1"):
            raise AssertionError("json row %d: partial %r" % (i + 1, o))
    check_wide(base, data, header, rows, keys, measures)
    return len(rows)


def check_wide(base, data, header, rows, keys, measures):
    """--layout wide against the long CSV pivoted here, with the column
    names tidyr::pivot_wider(names_from = keys, values_from = measures)
    gives: key values joined by "_", prefixed by the measure and "_" when
    there are several (partial is one more)."""
    values = measures + (["partial"] if "partial" in header else [])
    periods, groups, cell = [], [], {}
    for b in rows:
        g = "_".join(b[1:1 + len(keys)])
        if not periods or periods[-1] != b[0]:
            periods.append(b[0])
        if g not in groups:
            groups.append(g)
        for m in values:
            cell[(b[0], g, m)] = b[header.index(m)]

    def name(g, m):
        if not keys:
            return m
        return m + "_" + g if len(values) > 1 else g
    cols = [name(g, m) for g in groups for m in values]
    h, r = from_csv(run(base + ["--layout", "wide", "--format", "csv", data]).decode(), ",")
    if h != ["period"] + cols:
        raise AssertionError("wide header %r != %r" % (h[:6], (["period"] + cols)[:6]))
    if len(r) != len(periods):
        raise AssertionError("wide: %d rows, %d periods" % (len(r), len(periods)))
    for x, p in zip(r, periods):
        want = [p] + [cell[(p, g, m)] for g in groups for m in values]
        if [num(v) if i else v for i, v in enumerate(x)] != \
           [num(v) if i else v for i, v in enumerate(want)]:
            raise AssertionError("wide row %s differs" % p)
    doc = json.loads(run(base + ["--layout", "wide", "--format", "json", data]).decode(),
                     object_pairs_hook=no_dupes, parse_constant=strict_const)
    if doc["columns"] != ["period"] + cols or len(doc["rows"]) != len(periods):
        raise AssertionError("wide json columns or rows")
    for o, p in zip(doc["rows"], periods):
        for g in groups:
            for m in values:
                v, w = o[name(g, m)], cell[(p, g, m)]
                if m == "partial":
                    ok = v is (w == "1")
                else:
                    ok = (v is None and w == "NA") or (v is not None and float(v) == num(w))
                if not ok:
                    raise AssertionError("wide json %s %s: %r != %r" % (p, name(g, m), v, w))


def main():
    if len(sys.argv) != 2:
        print("usage: series_formats.py CTREND", file=sys.stderr)
        return 2
    ctrend = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as t:
        data = os.path.join(t, "a.csv")
        run([ctrend, "generate", "--layout", "acled", "--rows", "50000",
             "--seed", "7", "-o", data])
        n = check(ctrend, data, ["--by", "month", "--measure", "events,deaths",
                                 "--group", "country,event_type"],
                  ["country", "event_type"], ["events", "deaths"], 100000)
        check(ctrend, data, ["--by", "month", "--measure", "events,deaths",
                             "--group", "country,event_type", "--precision", "3"],
              ["country", "event_type"], ["events", "deaths"], 100000)
        check(ctrend, data, ["--measure", "deaths"], [], ["value"], 10)
    print("series_formats: csv, tsv, md and json agree on %d rows" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

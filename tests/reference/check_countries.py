#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check datasets/countries.csv, the ctrend country reference table.

Usage: check_countries.py [SHARED_DATA_DIR]

Table checks (always run): exact header, field count, integer gwno/iso_num,
unique gwno / iso3 / iso_num, valid UCDP region codes, ACLED region names and
UN M49 region/subregion names, names and aliases that resolve to one row only.

Coverage checks (when SHARED_DATA_DIR, default /work/shared/data, exists):
every GW number in the UCDP files (gwno_loc, gwno_location, gwno_a, gwno_b,
gwno_a_2nd, gwno_b_2nd, gwnoa, gwnob, gwno_battle, GED country_id; lists
separated by "," or ";"), every UCDP location name, every GED country name
and ISO3, every ACLED country name, iso number and iso3, and every HDX HAPI
location_code must resolve to a row (by gwno, iso_num, iso3, name or alias).
Where a file gives a region for a single country, it must agree with the
table (UCDP region code or GED region name; ACLED region name).

Prints "N passed, M failed" and exits 1 on any failure. Without shared data
the coverage part prints "skipped: no shared data" and the exit status only
reflects the table checks. Python 3 standard library only.
"""
import csv
import io
import os
import re
import sys

HEADER = ['gwno', 'iso3', 'iso_num', 'name', 'ucdp_region', 'acled_region',
          'un_region', 'un_subregion', 'aliases']
UCDP_REGIONS = {'1': 'Europe', '2': 'Middle East', '3': 'Asia', '4': 'Africa', '5': 'Americas'}
ACLED_REGIONS = {
    'Western Africa', 'Middle Africa', 'Eastern Africa', 'Southern Africa', 'Northern Africa',
    'South Asia', 'Southeast Asia', 'East Asia', 'Caucasus and Central Asia', 'Middle East',
    'Europe', 'North America', 'Central America', 'South America', 'Caribbean', 'Oceania',
    'Antarctica'}
UN_SUBREGIONS = {
    'Africa': {'Northern Africa', 'Eastern Africa', 'Middle Africa', 'Southern Africa',
               'Western Africa'},
    'Americas': {'Caribbean', 'Central America', 'South America', 'Northern America'},
    'Asia': {'Central Asia', 'Eastern Asia', 'South-eastern Asia', 'Southern Asia',
             'Western Asia'},
    'Europe': {'Eastern Europe', 'Northern Europe', 'Southern Europe', 'Western Europe'},
    'Oceania': {'Australia and New Zealand', 'Melanesia', 'Micronesia', 'Polynesia'},
}
GW_FIELDS = ('gwno_loc', 'gwno_location', 'gwno_a', 'gwno_b', 'gwno_a_2nd', 'gwno_b_2nd',
             'gwnoa', 'gwnob', 'gwno_battle', 'country_id')
LOCATION_FIELDS = ('location', 'location_inc', 'battle_location')
MAX_LISTED = 40


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, label, missing=None):
        if ok:
            self.passed += 1
            return
        self.failed += 1
        print('FAIL: %s' % label)
        if missing:
            items = sorted(missing, key=str)
            for m in items[:MAX_LISTED]:
                print('    %s' % (m,))
            if len(items) > MAX_LISTED:
                print('    ... and %d more' % (len(items) - MAX_LISTED))


def norm(s):
    return ' '.join(s.split()).casefold()


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---------------------------------------------------------------- the table

def load_table(path, res):
    try:
        with open(path, 'rb') as fh:
            raw = fh.read()
    except OSError as e:
        res.check(False, 'cannot read %s: %s' % (path, e))
        return None
    res.check(not raw.startswith(b'\xef\xbb\xbf'), 'table has no UTF-8 BOM')
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError as e:
        res.check(False, 'table is not UTF-8: %s' % e)
        return None
    rows = list(csv.reader(io.StringIO(text, newline='')))
    if not rows:
        res.check(False, 'table is empty')
        return None
    res.check(rows[0] == HEADER, 'header is exactly %s' % ','.join(HEADER),
              ['got: ' + ','.join(rows[0])])
    body = rows[1:]
    bad_len = ['line %d: %d fields' % (i + 2, len(r)) for i, r in enumerate(body)
               if len(r) != len(HEADER)]
    res.check(not bad_len, 'every row has %d fields' % len(HEADER), bad_len)
    table = [dict(zip(HEADER, r)) for r in body if len(r) == len(HEADER)]
    res.check(len(table) > 0, 'table has rows')
    return table


def build_index(table, res):
    by_gw, by_iso3, by_num, by_name = {}, {}, {}, {}
    errs = {k: [] for k in ('gwno', 'iso3', 'iso_num', 'name', 'ucdp', 'acled', 'un',
                            'dup_gw', 'dup_iso3', 'dup_num', 'dup_name', 'space')}
    for i, r in enumerate(table):
        line = i + 2
        tag = 'line %d (%s)' % (line, r['name'])
        for k, v in r.items():
            if v != v.strip():
                errs['space'].append('%s: field %s has surrounding spaces' % (tag, k))
        if r['gwno']:
            if not re.fullmatch(r'[1-9][0-9]{0,3}', r['gwno']):
                errs['gwno'].append('%s: gwno %r' % (tag, r['gwno']))
            elif int(r['gwno']) in by_gw:
                errs['dup_gw'].append('%s: gwno %s repeated' % (tag, r['gwno']))
            else:
                by_gw[int(r['gwno'])] = r
        if r['iso3']:
            if not re.fullmatch(r'[A-Z]{3}', r['iso3']):
                errs['iso3'].append('%s: iso3 %r' % (tag, r['iso3']))
            elif r['iso3'] in by_iso3:
                errs['dup_iso3'].append('%s: iso3 %s repeated' % (tag, r['iso3']))
            else:
                by_iso3[r['iso3']] = r
        if r['iso_num']:
            if not re.fullmatch(r'0|[1-9][0-9]{0,2}', r['iso_num']):
                errs['iso_num'].append('%s: iso_num %r (plain integer, no leading zeros)'
                                       % (tag, r['iso_num']))
            elif int(r['iso_num']) in by_num:
                errs['dup_num'].append('%s: iso_num %s repeated' % (tag, r['iso_num']))
            else:
                by_num[int(r['iso_num'])] = r
        if not r['name']:
            errs['name'].append('%s: empty name' % tag)
        if r['ucdp_region'] not in UCDP_REGIONS and r['ucdp_region'] != '':
            errs['ucdp'].append('%s: ucdp_region %r' % (tag, r['ucdp_region']))
        if r['gwno'] and r['ucdp_region'] == '':
            errs['ucdp'].append('%s: GW state without ucdp_region' % tag)
        if r['acled_region'] not in ACLED_REGIONS:
            errs['acled'].append('%s: acled_region %r' % (tag, r['acled_region']))
        if r['un_region'] or r['un_subregion']:
            subs = UN_SUBREGIONS.get(r['un_region'])
            if subs is None or r['un_subregion'] not in subs:
                errs['un'].append('%s: UN %r / %r' % (tag, r['un_region'], r['un_subregion']))
        elif r['gwno']:
            errs['un'].append('%s: GW state without UN region' % tag)
        names = [r['name']] + [a for a in r['aliases'].split(';')] if r['aliases'] else [r['name']]
        seen_here = set()
        for n in names:
            if n != n.strip() or not n:
                errs['space'].append('%s: empty or padded alias %r' % (tag, n))
                continue
            k = norm(n)
            if k in seen_here:
                errs['dup_name'].append('%s: %r listed twice' % (tag, n))
                continue
            seen_here.add(k)
            if k in by_name and by_name[k] is not r:
                errs['dup_name'].append('%s: %r also names %s' % (tag, n, by_name[k]['name']))
            else:
                by_name[k] = r
    res.check(not errs['gwno'], 'gwno values are positive integers', errs['gwno'])
    res.check(not errs['dup_gw'], 'gwno values are unique', errs['dup_gw'])
    res.check(not errs['iso3'], 'iso3 values are three upper-case letters', errs['iso3'])
    res.check(not errs['dup_iso3'], 'iso3 values are unique', errs['dup_iso3'])
    res.check(not errs['iso_num'], 'iso_num values are integers', errs['iso_num'])
    res.check(not errs['dup_num'], 'iso_num values are unique', errs['dup_num'])
    res.check(not errs['name'], 'every row has a name', errs['name'])
    res.check(not errs['ucdp'], 'ucdp_region is 1-5', errs['ucdp'])
    res.check(not errs['acled'], 'acled_region is an ACLED region name', errs['acled'])
    res.check(not errs['un'], 'un_region/un_subregion are M49 names', errs['un'])
    res.check(not errs['dup_name'], 'names and aliases resolve to one row only', errs['dup_name'])
    res.check(not errs['space'], 'no padded fields or empty aliases', errs['space'])
    return by_gw, by_iso3, by_num, by_name


def check_pinned(idx, res):
    """Choices the rest of ctrend relies on (see datasets/README-countries.md)."""
    by_gw, by_iso3, _, by_name = idx
    expect = [
        (775, 'ucdp_region', '3'), (775, 'acled_region', 'Southeast Asia'),
        (775, 'un_subregion', 'South-eastern Asia'),
        (700, 'ucdp_region', '3'), (700, 'acled_region', 'Caucasus and Central Asia'),
        (700, 'un_subregion', 'Southern Asia'),
        (630, 'ucdp_region', '2'), (630, 'acled_region', 'Middle East'),
        (630, 'un_subregion', 'Southern Asia'),
        (640, 'ucdp_region', '2'), (640, 'acled_region', 'Middle East'),
        (640, 'un_subregion', 'Western Asia'),
        (651, 'ucdp_region', '2'), (651, 'acled_region', 'Northern Africa'),
        (651, 'un_subregion', 'Northern Africa'),
        (620, 'ucdp_region', '4'), (352, 'ucdp_region', '1'), (666, 'ucdp_region', '2'),
        (347, 'iso3', 'XKX'),
    ]
    for gw in (371, 372, 373):
        expect += [(gw, 'acled_region', 'Caucasus and Central Asia'),
                   (gw, 'un_subregion', 'Western Asia'), (gw, 'ucdp_region', '1')]
    bad = []
    for gw, col, val in expect:
        r = by_gw.get(gw)
        if r is None or r[col] != val:
            bad.append('gwno %d: %s should be %r, is %r' % (gw, col, val, r and r[col]))
    for gw in (260, 265, 315, 345, 365, 678, 680, 511, 816, 817, 347, 626, 860, 751, 711):
        if gw not in by_gw:
            bad.append('GW state %d missing' % gw)
    pse = by_iso3.get('PSE')
    if pse is None or pse['gwno'] or pse['acled_region'] != 'Middle East':
        bad.append('Palestine (PSE) should exist, without gwno, in Middle East')
    for n in ('Russia (Soviet Union)', 'Yemen (North Yemen)', 'DR Congo (Zaire)',
              'Democratic Republic of Congo', 'Myanmar (Burma)', 'Cambodia (Kampuchea)',
              'Ivory Coast', "Cote d'Ivoire", "Côte d'Ivoire", 'Bosnia-Herzegovina',
              'Serbia (Yugoslavia)', 'Zimbabwe (Rhodesia)', 'Vietnam (North Vietnam)',
              'Madagascar (Malagasy)', 'eSwatini', 'Kingdom of eSwatini', 'Czechia',
              'Turkey', 'Türkiye', 'North Macedonia', 'Macedonia, FYR', 'Timor-Leste'):
        if norm(n) not in by_name:
            bad.append('alias %r missing' % n)
    res.check(not bad, 'documented choices and required aliases are in place', bad)


# ---------------------------------------------------------- shared data

def read_csv_any(path):
    """Rows (dicts) of a CSV export: BOM, Windows-1252, ';' re-saves and the
    HDX hashtag line handled."""
    with open(path, 'rb') as fh:
        raw = fh.read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('cp1252', errors='replace')
    first = text.split('\n', 1)[0]
    delim = ';' if first.count(';') > first.count(',') else ','
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delim)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], []
    rows = []
    for rec in reader:
        if not rec or all(not f.strip() for f in rec):
            continue
        nonempty = [f for f in rec if f.strip()]
        if nonempty and all(f.strip().startswith('#') for f in nonempty):
            continue  # HXL hashtag line
        rows.append(dict(zip(header, rec)))
    return header, rows


def split_list(v):
    return [x.strip() for x in re.split(r'[,;]', v) if x.strip()]


def split_locations(value, by_name):
    """Split a UCDP location list ("India, Pakistan") into names; names may
    themselves contain ", " ("Macedonia, FYR"), so join greedily."""
    parts = [p.strip() for p in value.split(',')]
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            cand = ', '.join(parts[i:j])
            if norm(cand) in by_name:
                out.append(cand)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return [p for p in out if p]


def find_csv(root):
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.lower().endswith('.csv'):
                yield os.path.join(d, f)


def check_shared(data_dir, idx, res):
    by_gw, by_iso3, by_num, by_name = idx
    miss = {k: set() for k in ('gw', 'loc', 'ged_name', 'ged_iso3', 'acled_name',
                               'acled_iso', 'acled_iso3', 'hapi')}
    region_bad = set()
    seen = {k: set() for k in miss}
    nfiles = 0
    for path in find_csv(data_dir):
        rel = os.path.relpath(path, data_dir)
        header, rows = read_csv_any(path)
        if not header:
            continue
        nfiles += 1
        low = {h.lower(): h for h in header}
        is_hapi = 'location_code' in low
        is_ged = 'country_id' in low
        is_acled = ('event_id_cnty' in low) and not is_ged
        is_ucdp = not is_acled and not is_hapi
        for r in rows:
            g = {k.lower(): (v or '').strip() for k, v in r.items() if k is not None}
            if is_ucdp:
                for f in GW_FIELDS:
                    for x in split_list(g.get(f, '')):
                        seen['gw'].add(x)
                        if not x.isdigit() or int(x) not in by_gw:
                            miss['gw'].add('%s (%s in %s)' % (x, f, rel))
                loc_gw = g.get('gwno_loc') or g.get('gwno_location') or ''
                if is_ged:
                    loc_gw = g.get('country_id', '')
                for f in LOCATION_FIELDS:
                    for n in split_locations(g.get(f, ''), by_name):
                        seen['loc'].add(n)
                        if norm(n) not in by_name:
                            miss['loc'].add('%r (%s in %s)' % (n, f, rel))
                if is_ged:
                    n = g.get('country', '')
                    if n:
                        seen['ged_name'].add(n)
                        if norm(n) not in by_name:
                            miss['ged_name'].add('%r (%s)' % (n, rel))
                    c = g.get('iso3', '')
                    if c:
                        seen['ged_iso3'].add(c)
                        if c.upper() not in by_iso3:
                            miss['ged_iso3'].add('%s (%s)' % (c, rel))
                reg = g.get('region', '')
                gws = split_list(loc_gw)
                if reg and len(gws) == 1 and gws[0].isdigit() and int(gws[0]) in by_gw:
                    row = by_gw[int(gws[0])]
                    want = row['ucdp_region']
                    if ',' not in reg and reg not in (want, UCDP_REGIONS.get(want)):
                        region_bad.add('gwno %s (%s): file says region %r, table %r (%s)'
                                       % (gws[0], row['name'], reg, want, rel))
            elif is_acled:
                n = g.get('country', '')
                row = None
                if n:
                    seen['acled_name'].add(n)
                    row = by_name.get(norm(n))
                    if row is None:
                        miss['acled_name'].add('%r (%s)' % (n, rel))
                iso = g.get('iso', '')
                if iso:
                    seen['acled_iso'].add(iso)
                    if not iso.isdigit() or int(iso) not in by_num:
                        miss['acled_iso'].add('%s (%s)' % (iso, rel))
                c = g.get('iso3', '')
                if c:
                    seen['acled_iso3'].add(c)
                    if c.upper() not in by_iso3:
                        miss['acled_iso3'].add('%s (%s)' % (c, rel))
                gw = g.get('gwno', '')
                if gw:
                    seen['gw'].add(gw)
                    if not gw.isdigit() or int(gw) not in by_gw:
                        miss['gw'].add('%s (GWNO in %s)' % (gw, rel))
                reg = g.get('region', '')
                if row is not None and reg and reg != row['acled_region']:
                    region_bad.add('%s: file says ACLED region %r, table %r (%s)'
                                   % (row['name'], reg, row['acled_region'], rel))
            else:  # HDX HAPI aggregated table
                c = g.get('location_code', '')
                if c:
                    seen['hapi'].add(c)
                    if c.upper() not in by_iso3:
                        miss['hapi'].add('%s (%s)' % (c, rel))
    res.check(nfiles > 0, 'shared data holds CSV files')
    labels = {
        'gw': 'UCDP/ACLED GW numbers resolve by gwno',
        'loc': 'UCDP location names resolve by name or alias',
        'ged_name': 'GED country names resolve by name or alias',
        'ged_iso3': 'GED iso3 codes resolve by iso3',
        'acled_name': 'ACLED country names resolve by name or alias',
        'acled_iso': 'ACLED iso numbers resolve by iso_num',
        'acled_iso3': 'ACLED iso3 codes resolve by iso3',
        'hapi': 'HAPI location_code values resolve by iso3',
    }
    for k, label in labels.items():
        res.check(not miss[k], '%s (%d distinct seen)' % (label, len(seen[k])), miss[k])
        print('  %-55s %4d distinct, %d unresolved' % (label, len(seen[k]), len(miss[k])))
    res.check(not region_bad, 'single-country regions in the files agree with the table',
              region_bad)


def main(argv):
    data_dir = argv[1] if len(argv) > 1 else '/work/shared/data'
    table_path = os.path.join(repo_root(), 'datasets', 'countries.csv')
    res = Result()
    table = load_table(table_path, res)
    if table is not None:
        idx = build_index(table, res)
        check_pinned(idx, res)
        print('table: %d rows, %d with a GW number' % (len(table), len(idx[0])))
        if os.path.isdir(data_dir):
            check_shared(data_dir, idx, res)
        else:
            print('skipped: no shared data (%s)' % data_dir)
    print('%d passed, %d failed' % (res.passed, res.failed))
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

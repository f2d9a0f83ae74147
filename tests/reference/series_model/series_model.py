#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An independent model of `ctrend series` (Python 3 standard library only),
written from README.md ("Counting", "Geography", "Output formats", "What
ctrend reads") and ../shared/FORMATS.md, for differential testing.

Modelled: ACLED (current layout), UCDP ACD and GED (native layout) inputs;
measures events, deaths, conflicts; --by year|month; --group country,
region, subregion (ACLED scheme), event_type, class; --region; --from/--to;
--coverage acled|data|none; zero fill over every period in range and every
group combination that occurs; coverage (NA before a file's first date,
after its last, before ACLED's regional start; partial periods); several
files; the same record id in several files counted once (the first file in
command-line order wins).

Coverage as the README states it, taken literally, day by day: a country is
covered on a day when some file holding it spans that day (and, ACLED under
--coverage acled, the day's year is not before its region's ACLED start); a
group on a day when every country seen in it is; a period is NA when no day
of it is covered, partial when some but not all are.

Usage:
  series_model.py run [--seed N] [--cases K] [--ctrend PATH] [--keep DIR]
      generate K random edge cases, run ctrend and the model, compare cells
  series_model.py model [ctrend series options] FILE...
      print the model's series (CSV, long layout)
"""
import csv
import datetime as dt
import itertools
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
COUNTRIES = os.path.join(ROOT, "datasets", "countries.csv")

UCDP_REGION = {"1": "Europe", "2": "Middle East", "3": "Asia", "4": "Africa",
               "5": "Americas"}
# README "Counting", rule 2 (ACLED's start), by ACLED region name.
ACLED_START = {"Eastern Africa": 1997, "Western Africa": 1997,
               "Middle Africa": 1997, "Southern Africa": 1997,
               "Northern Africa": 1997, "South Asia": 2010,
               "Southeast Asia": 2010, "Middle East": 2015,
               "Caucasus and Central Asia": 2017, "East Asia": 2018,
               "Europe": 2018, "North America": 2018, "Central America": 2018,
               "South America": 2018, "Caribbean": 2018, "Oceania": 2021}


class Country:
    def __init__(self, row):
        self.iso3 = row["iso3"]
        self.gw = row["gwno"]
        self.name = row["name"]
        self.region = UCDP_REGION.get(row["ucdp_region"], "")
        self.subregion = row["acled_region"]
        self.acled_start = ACLED_START.get(row["acled_region"], 0)


def load_countries():
    by_name, by_gw = {}, {}
    with open(COUNTRIES, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            c = Country(row)
            by_name[c.name] = c
            by_gw[c.gw] = c
    return by_name, by_gw


BY_NAME, BY_GW = load_countries()
BY_ISO3 = {c.iso3: c for c in BY_NAME.values()}

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,"
                "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
                "assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
                "region,country,admin1,admin2,admin3,location,latitude,"
                "longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp").split(",")
ACD_HEADER = ("conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,"
              "side_b_id,side_b_2nd,incompatibility,territory_name,year,"
              "intensity_level,cumulative_intensity,type_of_conflict,"
              "start_date,start_prec,start_date2,start_prec2,ep_end,"
              "ep_end_date,ep_end_prec,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,"
              "gwno_loc,region,version").split(",")
GED_HEADER = ("id,relid,year,active_year,code_status,type_of_violence,"
              "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
              "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
              "side_b_dset_id,side_b_new_id,side_b,number_of_sources,"
              "source_article,source_office,source_date,source_headline,"
              "source_original,where_prec,where_coordinates,"
              "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,"
              "priogrid_gid,country,country_id,region,event_clarity,"
              "date_prec,date_start,date_end,deaths_a,deaths_b,"
              "deaths_civilians,deaths_unknown,best,high,low,gwnoa,"
              "gwnob").split(",")
ACD_CLASS = {"1": "extrasystemic", "2": "interstate", "3": "intrastate",
             "4": "internationalized"}
GED_CLASS = {"1": "statebased", "2": "nonstate", "3": "onesided"}
HAPI_HEADER = ("location_code,has_hrp,in_gho,provider_admin1_name,"
               "provider_admin2_name,admin1_code,admin1_name,admin2_code,"
               "admin2_name,admin_level,event_type,events,fatalities,"
               "reference_period_start,reference_period_end,dataset_hdx_id,"
               "resource_hdx_id,warning,error").split(",")
HAPI_TYPES = ["political_violence", "civilian_targeting", "demonstration"]


# ---------------------------------------------------------------- records
class Rec:
    """One observation: dataset, id, date (y, m, d or None), countries,
    event type, class, deaths, conflict id."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def acled_class(r):
    """README "Classes": the ACLED rule, for the actor patterns this
    generator writes (state forces of the event's country named
    `Military Forces of X (2000-)`, armed groups, civilians)."""
    et = r["event_type"]
    if et in ("Protests", "Riots", "Strategic developments"):
        return "other"
    i1, i2 = r["inter1"], r["inter2"]
    armed = ("State forces", "Rebel group", "Political militia",
             "Identity militia", "External/Other forces")
    if et == "Violence against civilians":
        return "onesided" if i1 in armed else "unclassified"
    if "Civilians" in (i1, i2):
        return "onesided"
    if i1 == "State forces" or i2 == "State forces":
        return "intrastate"
    if i1 in armed[1:4] and i2 in armed[1:4]:
        return "nonstate"
    return "unclassified"


ESTIMATE = ["best"]  # --estimate, for GED (set by model())

MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]


def slash_order(rows):
    """README "Checks on every file": the first slash date that proves an
    order decides it for the file; without proof day-first for 4-digit
    years, month-first for 2-digit years (None: decide per date)."""
    for r in rows:
        v = r["event_date"]
        if "/" in v:
            a, b, _ = v.split("/")
            if int(a) > 12:
                return "dmy"
            if int(b) > 12:
                return "mdy"
    return None


def parse_date(v, year, order):
    """The date forms of README "What ctrend reads"; a 2-digit year takes
    the century of the row's year."""
    v = v.strip()
    if " " in v and ":" in v:
        v = v.split(" ")[0]
    if "/" in v:
        a, b, c = v.split("/")
        o = order or ("dmy" if len(c) == 4 else "mdy")
        d, m = (int(a), int(b)) if o == "dmy" else (int(b), int(a))
        y = int(c)
        if len(c) == 2:
            y += year // 100 * 100
        return y, m, d
    parts = v.replace(" ", "-").split("-")
    if len(parts[0]) == 4:
        return int(parts[0]), int(parts[1]), int(parts[2])
    d, mon, y = parts
    m = [i for i, n in enumerate(MONTHS, 1)
         if n.startswith(mon.lower())][0]
    y = int(y) + (year // 100 * 100 if len(y) == 2 else 0)
    return y, m, int(d)


def fmt_date(y, m, d, form):
    """Writes a date in one of the forms exports use."""
    if form == "iso":
        return "%04d-%02d-%02d" % (y, m, d)
    if form == "long":
        return "%d %s %04d" % (d, MONTHS[m - 1].capitalize(), y)
    if form == "dash":
        return "%d-%s-%04d" % (d, MONTHS[m - 1].capitalize(), y)
    if form == "dmy":
        return "%02d/%02d/%04d" % (d, m, y)
    if form == "mdy":
        return "%02d/%02d/%04d" % (m, d, y)
    if form == "short":
        return "%d-%s-%02d" % (d, MONTHS[m - 1].capitalize()[:3], y % 100)
    if form == "mdyy":
        return "%d/%d/%02d" % (m, d, y % 100)
    if form == "time":
        return "%04d-%02d-%02d 00:00:00.000" % (y, m, d)
    raise ValueError(form)


DATE_FORMS = ["iso"] * 6 + ["long", "dash", "dmy", "mdy", "short", "mdyy",
                            "time"]


def read_file(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    recs = []
    if "event_id_cnty" in header:
        order = slash_order(rows)
        for r in rows:
            y, m, d = parse_date(r["event_date"], int(r["year"]), order)
            c = BY_NAME[r["country"]]
            fat = r["fatalities"]
            recs.append(Rec(ds="acled", rid=r["event_id_cnty"], y=y, m=m, d=d,
                            prec="day", locs=[c], event_type=r["event_type"],
                            cls=acled_class(r),
                            deaths=int(fat) if fat not in ("", "NA") else 0,
                            conflict=None))
        return "acled", recs
    if "location_code" in header:  # HDX HAPI: admin area-month
        for r in rows:
            y, m, _ = (int(x) for x in r["reference_period_start"].split("-"))
            c = BY_ISO3[r["location_code"]]
            fat = r["fatalities"]
            recs.append(Rec(ds="hapi", rid="/".join(
                [r["location_code"], r["provider_admin1_name"],
                 r["provider_admin2_name"], r["admin1_code"],
                 r["admin2_code"], r["event_type"],
                 r["reference_period_start"][:7]]), y=y, m=m, d=None,
                prec="month", locs=[c], event_type=r["event_type"],
                cls=None, deaths=int(fat) if fat not in ("", "NA") else 0,
                conflict=None, events=int(r["events"])))
        return "hapi", recs
    if "type_of_violence" in header:
        for r in rows:
            y, m, _ = (int(x) for x in r["date_start"][:10].split("-"))
            c = BY_GW[r["country_id"]]
            recs.append(Rec(ds="ged", rid=r["id"], y=y, m=m, d=None,
                            prec="month", locs=[c], event_type=None,
                            cls=GED_CLASS[r["type_of_violence"]],
                            deaths=int(r[ESTIMATE[0]]),
                            conflict=r["conflict_new_id"]))
        return "ged", recs
    if "type_of_conflict" in header:
        for r in rows:
            locs = []
            for g in r["gwno_loc"].replace(";", ",").split(","):
                c = BY_GW[g.strip()]
                if c not in locs:
                    locs.append(c)
            recs.append(Rec(ds="acd", rid=r["conflict_id"] + "/" + r["year"],
                            y=int(r["year"]), m=None, d=None, prec="year",
                            locs=locs, event_type=None,
                            cls=ACD_CLASS[r["type_of_conflict"]], deaths=None,
                            conflict=r["conflict_id"]))
        return "acd", recs
    raise SystemExit("model: unknown layout: " + path)


# ------------------------------------------------------------------ days
def dayno(y, m, d):
    return dt.date(y, m, d).toordinal()


def rec_days(r):
    if r.prec == "day":
        x = dayno(r.y, r.m, r.d)
        return x, x
    if r.prec == "month":
        return dayno(r.y, r.m, 1), month_end(r.y, r.m)
    return dayno(r.y, 1, 1), dayno(r.y, 12, 31)


def month_end(y, m):
    if m == 12:
        return dayno(y, 12, 31)
    return dayno(y, m + 1, 1) - 1


def period_days(p, by_month):
    if by_month:
        y, m = divmod(p, 12)
        return dayno(y, m + 1, 1), month_end(y, m + 1)
    return dayno(p, 1, 1), dayno(p, 12, 31)


def day_period(x, by_month):
    d = dt.date.fromordinal(x)
    return d.year * 12 + d.month - 1 if by_month else d.year


def iv_union(ivs):
    out = []
    for a, b in sorted(ivs):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def iv_intersect(x, y):
    out, i, j = [], 0, 0
    while i < len(x) and j < len(y):
        a, b = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if a <= b:
            out.append([a, b])
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


# ----------------------------------------------------------------- model
def model(files, by="year", measures=("conflicts",), keys=(), regions=None,
          frm=None, to=None, coverage="acled", emulate=(), classes=None,
          countries=None, estimate="best"):
    """emulate: behaviours of ctrend found to break the README, to tell
    which of them explains a difference: "b1" (a period's coverage is the
    worst over the group's countries of the best over their files, per
    period), "b2" (a repeated id is checked only once in range and
    selected), "b4" (out-of-range rows add all their countries, selected
    or not, to the ungrouped total), "b6" (a place in several countries
    counts in every combination of their countries, regions and
    subregions), "b8" (--country keeps the record's other places for the
    region and subregion keys). Returns (rows, any_partial): rows is a list of (period, keys tuple,
    values list (None = NA), partial) sorted as ctrend sorts them."""
    by_month = by == "month"
    ESTIMATE[0] = estimate
    loaded = [read_file(p) for p in files]
    dataset = loaded[0][0]
    # file spans and the countries each file holds (every record)
    spans, holds = [], []
    for _, recs in loaded:
        if recs:
            lo = min(rec_days(r)[0] for r in recs)
            hi = max(rec_days(r)[1] for r in recs)
            spans.append((lo, hi))
        else:
            spans.append(None)
        holds.append({c.name for r in recs for c in r.locs})
    seen_spans = [s for s in spans if s]
    if frm is not None:
        p0 = frm * 12 if by_month else frm
    elif seen_spans:
        p0 = day_period(min(s[0] for s in seen_spans), by_month)
    if to is not None:
        p1 = to * 12 + 11 if by_month else to
    elif seen_spans:
        p1 = day_period(max(s[1] for s in seen_spans), by_month)
    if not seen_spans and (frm is None or to is None):
        p0, p1 = 0, -1

    def places(r):
        if classes is not None and r.cls not in classes:
            return []
        return [c for c in r.locs
                if (regions is None or c.region in regions) and
                (countries is None or c.name in countries)]

    def period_of(r):
        return r.y * 12 + r.m - 1 if by_month else r.y

    cells = {}      # (period, combo) -> [events, deaths, set(conflicts)]
    combo_countries = {}
    total_countries = set()
    seen_ids = set()
    for _, recs in loaded:
        for r in recs:
            p = period_of(r)
            if "b4" in emulate and not p0 <= p <= p1:
                total_countries.update(c.name for c in r.locs)
                continue
            if "b2" not in emulate:  # a later copy never counts
                if r.rid in seen_ids:
                    continue
                seen_ids.add(r.rid)
            pl = places(r)
            if not pl:
                continue
            if "b2" in emulate:  # ids registered in range and selected
                if not p0 <= p <= p1:
                    continue
                if r.rid in seen_ids:
                    continue
                seen_ids.add(r.rid)
            total_countries.update(c.name for c in pl)
            if not p0 <= p <= p1:
                continue
            geo = ("country", "region", "subregion")

            def geo_val(c, k):
                return {"country": c.name, "region": c.region,
                        "subregion": c.subregion}[k]
            other = [[r.event_type] if k == "event_type" else [r.cls]
                     for k in keys if k not in geo]
            gkeys = [k for k in keys if k in geo]
            combos_r = {}  # combo -> countries of r standing for it
            if "b8" in emulate and countries is not None:
                # --country keeps the record's places outside the list
                # for every key but country
                allp = [c for c in r.locs
                        if regions is None or c.region in regions]
            else:
                allp = pl
            if "b6" in emulate:  # every key's values crossed
                gl = [sorted({geo_val(c, k) for c in pl}) for k in gkeys]
                for gv in itertools.product(*gl):
                    ck = [c for c in pl if "country" not in gkeys or
                          c.name == gv[gkeys.index("country")]]
                    for ov in itertools.product(*other):
                        combos_r.setdefault((gv, ov), set()).update(
                            c.name for c in ck)
            else:  # README: each place counts in its own country/region
                for c in allp:
                    if "country" in gkeys and c not in pl:
                        continue
                    gv = tuple(geo_val(c, k) for k in gkeys)
                    for ov in itertools.product(*other):
                        combos_r.setdefault((gv, ov), set()).add(c.name)
            for (gv, ov), names in combos_r.items():
                gi, oi = iter(gv), iter(ov)
                combo = tuple(next(gi) if k in geo else next(oi)
                              for k in keys)
                combo_countries.setdefault(combo, set()).update(names)
                cell = cells.setdefault((p, combo), [0, 0, set()])
                cell[0] += getattr(r, "events", 1)
                if r.deaths is not None:
                    cell[1] += r.deaths
                if r.conflict is not None:
                    cell[2].add(r.conflict)
    if not keys:
        combo_countries = {(): total_countries}

    def country_cov(name):
        ivs = [list(spans[f]) for f in range(len(files))
               if spans[f] and name in holds[f]]
        ivs = iv_union(ivs)
        c = BY_NAME[name]
        if (coverage == "acled" and dataset in ("acled", "hapi") and
                c.acled_start):
            ivs = iv_intersect(ivs, [[dayno(c.acled_start, 1, 1),
                                      dayno(9999, 12, 31)]])
        return ivs

    rows, any_partial = [], False
    combos = sorted(combo_countries, key=lambda t: [s.encode() for s in t])
    for p in range(p0, p1 + 1):
        ps, pe = period_days(p, by_month)
        for combo in combos:
            cs = combo_countries[combo]
            if coverage == "none":
                state = 2
            elif "b1" in emulate:
                def fcov(f):
                    a, b = spans[f]
                    if b < ps or a > pe:
                        return 0
                    return 2 if a <= ps and b >= pe else 1
                y = p // 12 if by_month else p
                state = 2
                for n in cs:
                    c = BY_NAME[n]
                    v = max([fcov(f) for f in range(len(files))
                             if spans[f] and n in holds[f]] or [0])
                    if (coverage == "acled" and dataset in ("acled", "hapi")
                            and y < c.acled_start):
                        v = 0
                    state = min(state, v)
                if not cs:
                    state = max([fcov(f) for f in range(len(files))
                                 if spans[f]] or [0])
            else:
                if cs:
                    ivs = [[ps, pe]]
                    for n in cs:
                        ivs = iv_intersect(ivs, country_cov(n))
                else:  # nothing seen: covered where any file is
                    ivs = iv_intersect([[ps, pe]], iv_union(
                        [list(s) for s in seen_spans]))
                cov = sum(b - a + 1 for a, b in ivs)
                state = 0 if cov == 0 else 2 if cov == pe - ps + 1 else 1
            cell = cells.get((p, combo), [0, 0, set()])
            vals = []
            for m in measures:
                v = {"events": cell[0], "deaths": cell[1],
                     "conflicts": len(cell[2])}[m]
                vals.append(None if state == 0 else v)
            if state == 1:
                any_partial = True
            rows.append((p, combo, vals, state == 1))
    return rows, any_partial


def fmt_period(p, by_month):
    if by_month:
        y, m = divmod(p, 12)
        return "%04d-%02d" % (y, m + 1) if y >= 0 else "%d-%02d" % (y, m + 1)
    return str(p)


def model_csv(rows, any_partial, by_month, keys, measures):
    head = ["period"] + list(keys) + (
        list(measures) if len(measures) > 1 else ["value"])
    if any_partial:
        head.append("partial")
    out = [head]
    for p, combo, vals, part in rows:
        line = [fmt_period(p, by_month)] + list(combo) + [
            "NA" if v is None else str(v) for v in vals]
        if any_partial:
            line.append("1" if part else "0")
        out.append(line)
    return out


# -------------------------------------------------------------- generator
ACLED_COUNTRIES = ["Somalia", "Kenya", "Nigeria", "Sri Lanka", "India",
                   "Myanmar", "Iraq", "Afghanistan", "Ukraine", "Brazil",
                   "Fiji", "Japan", "Egypt"]
ACD_COUNTRIES = ["India", "Pakistan", "Myanmar", "Afghanistan", "Iran",
                 "Russia", "Colombia", "Somalia", "Iraq", "Egypt"]
KINDS = [("Battles", "state"), ("Battles", "groups"),
         ("Violence against civilians", "vac"), ("Protests", "protest"),
         ("Riots", "riot")]


def q(v):
    v = str(v)
    if any(ch in v for ch in ',"\n\r') or v != v.strip():
        return '"' + v.replace('"', '""') + '"'
    return v


def acled_row(eid, date, country, kind, fat, note="Invented event.",
              year=None):
    et, k = kind
    a1, i1, a2, i2 = {
        "state": ("Military Forces of %s (2000-)" % country, "State forces",
                  "Front of the East", "Rebel group"),
        "groups": ("Front of the East", "Rebel group", "Valley Militia",
                   "Political militia"),
        "vac": ("Front of the East", "Rebel group",
                "Civilians (%s)" % country, "Civilians"),
        "protest": ("Protesters (%s)" % country, "Protesters", "", ""),
        "riot": ("Rioters (%s)" % country, "Rioters", "", ""),
    }[k]
    y = year
    r = {h: "" for h in ACLED_HEADER}
    if y is None:
        y = int(date[:4])
    r.update(event_id_cnty=eid, event_date=date, year=str(y),
             time_precision="1", disorder_type="Political violence",
             event_type=et, sub_event_type="Armed clash", actor1=a1,
             inter1=i1, actor2=a2, inter2=i2,
             interaction=i1 + ("-" + i2 if i2 else " only"),
             region=BY_NAME[country].subregion, country=country,
             location="Town", latitude="1.5", longitude="2.5",
             geo_precision="1", source="Agency", source_scale="National",
             notes=note, fatalities=fat, timestamp="1700000000")
    return ",".join(q(r[h]) for h in ACLED_HEADER)


def acd_row(cid, year, typ, locs):
    gws = ", ".join(BY_NAME[c].gw for c in locs)
    regs = ", ".join(sorted({[k for k, v in UCDP_REGION.items()
                              if v == BY_NAME[c].region][0] for c in locs}))
    r = {h: "" for h in ACD_HEADER}
    r.update(conflict_id=cid, location=", ".join(locs), side_a="Government",
             side_b="Front", incompatibility="2", year=year,
             intensity_level="1", cumulative_intensity="0",
             type_of_conflict=typ, start_date="1946-01-01", start_prec="1",
             start_date2="1946-01-01", start_prec2="1", ep_end="0",
             gwno_a=BY_NAME[locs[0]].gw, gwno_loc=gws, region=regs,
             version="99.1")
    return ",".join('"%s"' % r[h] for h in ACD_HEADER)


def ged_row(gid, y, m, d, country, tov, cid, best, low=None, high=None):
    c = BY_NAME[country]
    date = "%04d-%02d-%02d 00:00:00.000" % (y, m, d)
    r = {h: "" for h in GED_HEADER}
    r.update(id=gid, relid="XX-" + gid, year=y, active_year="1",
             code_status="Clear", type_of_violence=tov, conflict_dset_id=cid,
             conflict_new_id=cid, conflict_name="X - Y", dyad_dset_id="1",
             dyad_new_id="1", dyad_name="X - Y", side_a="Government of X",
             side_b="Y", number_of_sources="1", source_article="Agency",
             where_prec="1", where_description="Town", adm_1="Province",
             latitude="1.5", longitude="2.5", geom_wkt="POINT (2.5 1.5)",
             priogrid_gid="1", country=country, country_id=c.gw,
             region=c.region, event_clarity="1", date_prec="1",
             date_start=date, date_end=date, deaths_a="0", deaths_b="0",
             deaths_civilians="0", deaths_unknown=best, best=best,
             high=best if high is None else high,
             low=best if low is None else low, gwnoa=c.gw)
    return ",".join('"%s"' % r[h] for h in GED_HEADER)


# ctrend reads years 1900-2100 (others are refused with file and line)
EDGE_YEARS = [1969, 1970, 1900, 1901, 1996, 1997, 2009, 2010, 2014, 2015,
              2016, 2017, 2018, 2020, 2021, 2024, 2095, 1899]


def rand_date(rnd, base_year, spread):
    y = base_year + rnd.randint(0, spread)
    pick = rnd.random()
    if pick < 0.15:
        m, d = 12, 31
    elif pick < 0.3:
        m, d = 1, 1
    elif pick < 0.4:
        m, d = 2, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28
    elif pick < 0.5:
        m = rnd.randint(1, 12)
        d = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(1)).day
    else:
        m, d = rnd.randint(1, 12), rnd.randint(1, 28)
    return y, m, d


def gen_case(rnd, n):
    """One random case: (dataset, [file texts], options dict)."""
    ds = rnd.choice(["acled"] * 5 + ["acd"] * 2 + ["ged"] * 2 + ["hapi"] * 2)
    nfiles = rnd.choice([1, 1, 2, 2, 3])
    base = rnd.choice(EDGE_YEARS)
    spread = rnd.choice([0, 0, 1, 2, 5])
    files = []
    ids = []
    for f in range(nfiles):
        fb = base + rnd.choice([0, 0, 1, 3, -2])
        nrec = rnd.choice([0, 1, 1, 2, 3, 5, 8])
        lines, used = [], set()
        form = rnd.choice(DATE_FORMS)
        mixed = rnd.random() < 0.15
        countries = rnd.sample(ACLED_COUNTRIES if ds != "acd"
                               else ACD_COUNTRIES, rnd.choice([1, 1, 2, 3]))
        for i in range(nrec):
            y, m, d = rand_date(rnd, fb, spread)
            if ds == "acled":
                if ids and rnd.random() < 0.2:
                    eid = rnd.choice(ids)  # the same event in another file
                else:
                    eid = "EV%d%d%d" % (n, f, i)
                if eid in used:
                    continue
                used.add(eid)
                ids.append(eid)
                fat = rnd.choice(["0", "1", "3", "", "12"])
                ycol = y
                if (m == 12 and d >= 28 and rnd.random() < 0.3 and
                        form not in ("short", "mdyy")):
                    ycol = y + 1  # README: counted by the date, a warning
                # a re-save may hold some ISO dates among slash dates
                rform = "iso" if mixed and rnd.random() < 0.3 else form
                lines.append(acled_row(eid, fmt_date(y, m, d, rform),
                                       rnd.choice(countries),
                                       rnd.choice(KINDS), fat, year=ycol))
            elif ds == "hapi":
                cn = rnd.choice(countries)
                et = rnd.choice(HAPI_TYPES)
                key = (cn, et, y, m)
                if key in used:
                    continue
                used.add(key)
                r = {h: "" for h in HAPI_HEADER}
                r.update(location_code=BY_NAME[cn].iso3, has_hrp="Y",
                         in_gho="Y", admin_level="0", event_type=et,
                         events=str(rnd.choice([0, 1, 7, 120])),
                         fatalities=rnd.choice(["0", "3", "", "95"]),
                         reference_period_start="%04d-%02d-01" % (y, m),
                         reference_period_end="%04d-%02d-%02d" % (
                             y, m, dt.date.fromordinal(month_end(y, m)).day),
                         dataset_hdx_id="00000000-0000-0000-0000-000000000001",
                         resource_hdx_id="00000000-0000-0000-0000-000000000002")
                lines.append(",".join(q(r[h]) for h in HAPI_HEADER))
            elif ds == "ged":
                if ids and rnd.random() < 0.2:
                    gid = rnd.choice(ids)
                else:
                    gid = "%d%d%d" % (800000 + n, f, i)
                if gid in used:
                    continue
                used.add(gid)
                ids.append(gid)
                lines.append(ged_row(gid, y, m, d, rnd.choice(countries),
                                     rnd.choice("123"),
                                     str(rnd.choice([90001, 90002, 90003])),
                                     *rnd.choice([("0", "0", "0"),
                                                  ("1", "0", "2"),
                                                  ("5", "3", "9")])))
            else:
                cid = str(rnd.choice([90001, 90002, 90003]))
                if (cid, y) in used:
                    continue
                used.add((cid, y))
                locs = rnd.sample(countries, rnd.choice([1, 1, 1, 2])
                                  if len(countries) > 1 else 1)
                lines.append(acd_row(cid, str(y), rnd.choice("1234"), locs))
        rnd.shuffle(lines)  # records out of date order
        hdr = {"acled": ACLED_HEADER, "ged": GED_HEADER,
               "acd": ACD_HEADER, "hapi": HAPI_HEADER}[ds]
        files.append("\n".join([",".join(hdr)] + lines) + "\n")
    opt = {}
    opt["by"] = "year" if ds == "acd" else rnd.choice(["year", "month"])
    meas = {"acled": ["events", "deaths"], "hapi": ["events", "deaths"],
            "ged": ["events", "deaths",
                                                  "conflicts"],
            "acd": ["conflicts"]}[ds]
    opt["measures"] = tuple(rnd.sample(meas, min(len(meas), rnd.choice(
        [1, 1, 2, 3]))))
    keyset = ["country", "region", "subregion"] + (
        ["class"] if ds != "hapi" else []) + (
        ["event_type"] if ds in ("acled", "hapi") else [])
    opt["keys"] = tuple(rnd.sample(keyset, rnd.choice([0, 0, 1, 1, 2])))
    if rnd.random() < 0.3:
        opt["frm"] = base + rnd.choice([-3, -1, 0, 1, 2, 10])
    if rnd.random() < 0.3:
        opt["to"] = base + rnd.choice([-5, 0, 1, 3, 8])
        if "frm" in opt and opt["to"] < opt["frm"]:
            opt["to"] = opt["frm"]
    if rnd.random() < 0.15:
        opt["regions"] = tuple(rnd.sample(list(UCDP_REGION.values()),
                                          rnd.choice([1, 2])))
    if rnd.random() < 0.15 and ds != "hapi":
        opt["classes"] = tuple(rnd.sample(
            {"acled": ["intrastate", "nonstate", "onesided", "other"],
             "ged": ["statebased", "nonstate", "onesided"],
             "acd": ["extrasystemic", "interstate", "intrastate",
                     "internationalized"]}[ds], 2))
    if rnd.random() < 0.15:
        opt["countries"] = tuple(rnd.sample(
            ACD_COUNTRIES if ds == "acd" else ACLED_COUNTRIES, 3))
    if ds == "ged" and rnd.random() < 0.4:
        opt["estimate"] = rnd.choice(["low", "high"])
    opt["coverage"] = rnd.choice(["acled", "acled", "data", "none"])
    return ds, files, opt


def ctrend_args(opt):
    a = ["series", "--by", opt["by"], "--measure", ",".join(opt["measures"]),
         "--coverage", opt["coverage"], "-q"]
    if opt.get("keys"):
        a += ["--group", ",".join(opt["keys"])]
    if "frm" in opt:
        a += ["--from", str(opt["frm"])]
    if "to" in opt:
        a += ["--to", str(opt["to"])]
    if opt.get("regions"):
        a += ["--region", ",".join(opt["regions"])]
    if opt.get("classes"):
        a += ["--class", ",".join(opt["classes"])]
    if opt.get("countries"):
        a += ["--country", ",".join(opt["countries"])]
    if opt.get("estimate"):
        a += ["--estimate", opt["estimate"]]
    return a


def model_for(paths, opt, emulate=()):
    rows, anyp = model(paths, by=opt["by"], measures=opt["measures"],
                       keys=opt.get("keys", ()), regions=opt.get("regions"),
                       frm=opt.get("frm"), to=opt.get("to"),
                       coverage=opt["coverage"], emulate=emulate,
                       classes=opt.get("classes"),
                       countries=opt.get("countries"),
                       estimate=opt.get("estimate", "best"))
    return model_csv(rows, anyp, opt["by"] == "month", opt.get("keys", ()),
                     opt["measures"])


def pad_file(ds, src, dst, size, rnd):
    """src with rows of Brazil added (long quoted notes with commas, quotes
    and line breaks) until dst is over size bytes. The rows are dated on
    src's first date, so the file's span is unchanged; run with a --region
    that leaves the Americas out, they change no count and no coverage."""
    with open(src, encoding="utf-8") as f:
        text = f.read()
    lines = text.rstrip("\n").split("\n")
    header, recs = lines[0], lines[1:]
    recs0 = read_file(src)[1]
    if not recs0:  # header only: padding rows would give it a span
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text)
        return
    first = min(rec_days(r) for r in recs0)[0]
    d = dt.date.fromordinal(first)
    note = ('pad, "quoted"\nline; ' * 10000)[:200000]
    pads, total, k = [], len(text), 0
    while total < size:
        if ds == "acled":
            row = acled_row("PAD%s%d" % (os.path.basename(dst), k),
                            d.isoformat(), "Brazil", KINDS[k % 5], "1",
                            note)
        else:
            row = ged_row("9%d%d" % (sum(map(ord, dst)) % 1000, k), d.year,
                          d.month, d.day, "Brazil", "1", "90009", "1")
            row = row.replace('"Town"', q("Town " + note.replace(
                '"', "'")), 1)
        pads.append(row)
        total += len(row) + 1
        k += 1
    out = recs + pads
    rnd.shuffle(out)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join([header] + out) + "\n")


def json_check(exe, args, paths, opt, got):
    """ctrend's JSON output, made into CSV rows, against its CSV: 1 when
    they differ (README "Output formats": NA is null, partial true)."""
    import json
    pr = subprocess.run([exe] + args + ["--format", "json"] + paths,
                        capture_output=True, text=True)
    if pr.returncode:
        return 1
    doc = json.loads(pr.stdout)
    keys = list(opt.get("keys", ()))
    meas = list(opt["measures"]) if len(opt["measures"]) > 1 else ["value"]
    anyp = any(r.get("partial") for r in doc["rows"])
    rows = [["period"] + keys + meas + (["partial"] if anyp else [])]
    for r in doc["rows"]:
        line = [r["period"]] + [r[k] for k in keys]
        for m in meas:
            v = r[m]
            line.append("NA" if v is None else
                        str(int(v)) if float(v).is_integer() else repr(v))
        if anyp:
            line.append("1" if r.get("partial") else "0")
        rows.append(line)
    return 0 if rows == got else 1


def wide_check(exe, args, paths, opt, got):
    """ctrend's wide layout against its long one (README "Output formats":
    a column per group, the key values joined by `_`, prefixed by the
    measure and `_` when there are several measures or a partial column,
    which becomes one more measure): 1 when a cell differs."""
    keys = list(opt.get("keys", ()))
    pr = subprocess.run([exe] + args + ["--layout", "wide"] + paths,
                        capture_output=True, text=True)
    if pr.returncode:
        return 1
    wide = list(csv.reader(pr.stdout.splitlines()))
    head, nk = got[0], len(keys)
    meas = head[1 + nk:]
    prefix = len(meas) > 1
    want = {}
    for r in got[1:]:
        name = "_".join(r[1:1 + nk])
        for m, v in zip(meas, r[1 + nk:]):
            col = (m + "_" + name if name else m) if prefix else (
                name or "value")
            want[(r[0], col)] = v
    have = {}
    for r in wide[1:]:
        for col, v in zip(wide[0][1:], r[1:]):
            have[(r[0], col)] = v
    return 0 if have == want else 1


def refusal_why(pr, paths, opt):
    """A refusal is documented when a year is outside 1900-2100 (README
    "What ctrend reads": years are read in that range) or --from/--to is
    (a usage error); b9 when a file whose first date is not a slash date
    is refused for an order its later dates prove."""
    err = pr.stderr
    if "from 1900 to 2100" in err or "out of range 1900-2100" in err:
        return "documented"
    if pr.returncode == 2 and any(
            not 1900 <= opt.get(k, 2000) <= 2100 for k in ("frm", "to")):
        return "documented"
    if "was read before it" in err:
        return "b9"
    return "unexplained"


def stdin_why(path, ps):
    """README: on standard input an ambiguous slash date read before a
    proof of the other order is refused ("documented"); a refusal when the
    first slash date itself proves the order is b7."""
    err = ps.stderr.decode()
    if ps.returncode and "was read before it" in err:
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                v = r["event_date"]
                if "/" not in v:
                    continue
                a, b, _ = v.split("/")
                return "b7" if int(a) > 12 or int(b) > 12 else "documented"
    return "unexplained"


def explain(exe, args, paths, opt, got):
    """Which known ctrend bug (cases/README.md) explains a difference:
    b3 when one thread gives the model's answer and the default does not
    (output varies from run to run), else the smallest set of emulated
    behaviours that makes the model give ctrend's output."""
    pr = subprocess.run([exe] + args + ["--threads", "1"] + paths,
                        capture_output=True, text=True)
    one = list(csv.reader(pr.stdout.splitlines()))
    tags = ["b1", "b2", "b4", "b6", "b8"]
    for k in range(0, 4):
        for em in itertools.combinations(tags, k):
            if k and model_for(paths, opt, em) == got:
                return "+".join(em)
            if one != got and model_for(paths, opt, em) == one:
                return "+".join(("b3",) + em)
    return "unexplained"



def one_thread_why(check, exe, args, paths, opt):
    """A layout check that failed, run again on one thread: "b3" when it
    passes there (the run-to-run merge bug), else "unexplained"."""
    a1 = args + ["--threads", "1"]
    g1 = list(csv.reader(subprocess.run(
        [exe] + a1 + paths, capture_output=True,
        text=True).stdout.splitlines()))
    return "b3" if not check(exe, a1, paths, opt, g1) else "unexplained"

def run(argv):
    seed, cases, keep = 1, 300, None
    exe = os.path.join(ROOT, "build", "src", "ctrend")
    pad = 0
    i = 0
    while i < len(argv):
        if argv[i] == "--seed":
            seed = int(argv[i + 1]); i += 1
        elif argv[i] == "--cases":
            cases = int(argv[i + 1]); i += 1
        elif argv[i] == "--ctrend":
            exe = argv[i + 1]; i += 1
        elif argv[i] == "--keep":
            keep = argv[i + 1]; i += 1
        elif argv[i] == "--pad":  # every Nth case also padded, 2 threads
            pad = int(argv[i + 1]); i += 1
        i += 1
    rnd = random.Random(seed)
    agree = differ = refused = padded = 0
    known = {}
    tmp = tempfile.mkdtemp(prefix="series_model.")
    for n in range(cases):
        ds, texts, opt = gen_case(rnd, n)
        d = os.path.join(keep or tmp, "case%04d" % n)
        os.makedirs(d, exist_ok=True)
        paths = []
        for k, t in enumerate(texts):
            p = os.path.join(d, "f%d.csv" % k)
            with open(p, "w", encoding="utf-8") as f:
                f.write(t)
            paths.append(p)
        args = ctrend_args(opt)
        pr = subprocess.run([exe] + args + paths, capture_output=True,
                            text=True)
        cmd = " ".join(["ctrend"] + args + [os.path.basename(p)
                                             for p in paths])
        if pr.returncode != 0:
            why = refusal_why(pr, paths, opt)
            if why == "documented":
                refused += 1
            else:
                differ += 1
                known["refused:" + why] = known.get("refused:" + why, 0) + 1
            print("case %d: ctrend exit %d [%s]: %s\n  %s" % (
                n, pr.returncode, why, pr.stderr.strip().splitlines()[-1]
                if pr.stderr.strip() else "", cmd))
            continue
        got = list(csv.reader(pr.stdout.splitlines()))
        if opt.get("keys") and wide_check(exe, args, paths, opt, got):
            differ += 1
            why = one_thread_why(wide_check, exe, args, paths, opt)
            known["wide:" + why] = known.get("wide:" + why, 0) + 1
            print("case %d: wide layout differs from long [%s]\n  %s" % (
                n, why, cmd))
        if len(paths) == 1:
            with open(paths[0], "rb") as f:
                ps = subprocess.run([exe] + args, stdin=f,
                                    capture_output=True)
            if ps.stdout.decode() != pr.stdout:
                why = stdin_why(paths[0], ps)
                if why != "documented":
                    differ += 1
                    known["stdin:" + why] = known.get("stdin:" + why, 0) + 1
                print("case %d: standard input differs from the file [%s]"
                      "\n  %s" % (n, why, cmd))
        if json_check(exe, args, paths, opt, got):
            differ += 1
            why = one_thread_why(json_check, exe, args, paths, opt)
            known[why] = known.get(why, 0) + 1
            print("case %d: JSON differs from CSV [%s]\n  %s" % (n, why, cmd))
        try:
            want = model_for(paths, opt)
        except Exception as e:  # the model cannot read what ctrend read
            print("case %d: model failed: %r\n  %s" % (n, e, cmd))
            differ += 1
            continue
        if got != want:
            differ += 1
            why = explain(exe, args, paths, opt, got)
            known[why] = known.get(why, 0) + 1
            print("case %d (%s): DIFFER [%s]\n  %s\n  in %s" % (
                n, ds, why, cmd, d))
            gs = set(map(tuple, got)); ws = set(map(tuple, want))
            for r in got:
                if tuple(r) not in ws:
                    print("   ctrend: " + ",".join(r))
            for r in want:
                if tuple(r) not in gs:
                    print("   model:  " + ",".join(r))
        else:
            agree += 1
        regs = tuple(r for r in (opt.get("regions") or UCDP_REGION.values())
                     if r != "Americas")
        if pad and n % pad == 0 and ds in ("acled", "ged") and regs:
            opt2 = dict(opt, regions=regs)
            args2 = ctrend_args(opt2)
            big = []
            for k, p in enumerate(paths):
                b = os.path.join(d, "big%d.csv" % k)
                pad_file(ds, p, b, 33 * 1024 * 1024, rnd)
                big.append(b)
            outs = []
            for th, inp in (("1", paths), ("1", big), ("2", big)):
                pr2 = subprocess.run([exe] + args2 + ["--threads", th] + inp,
                                     capture_output=True, text=True)
                outs.append((pr2.returncode, pr2.stdout))
            for b in big:
                os.remove(b)
            want2 = model_for(paths, opt2)
            cmd2 = " ".join(["ctrend"] + args2 + ["--threads", "2"] +
                            ["big%d.csv" % k for k in range(len(big))])
            if outs[0] != outs[1] or outs[1] != outs[2] or outs[0][0]:
                differ += 1
                print("case %d: PADDED/THREADS DIFFER (%s): exit %s" % (
                    n, cmd2, [o[0] for o in outs]))
            elif list(csv.reader(outs[2][1].splitlines())) != want2:
                differ += 1
                why = explain(exe, args2, paths, opt2, list(csv.reader(
                    outs[0][1].splitlines())))
                known[why] = known.get(why, 0) + 1
                print("case %d: padded: model differs [%s] (%s)" % (
                    n, why, cmd2))
            else:
                padded += 1
                print("case %d: padded (%s), 1 and 2 threads identical, "
                      "= model" % (n, cmd2))
    print("cases %d: agree %d, differ %d, refused by ctrend %d; padded "
          "over 32 MB and identical on 1 and 2 threads: %d" % (
              cases, agree, differ, refused, padded))
    print("differences explained by: %s" % ", ".join(
        "%s %d" % kv for kv in sorted(known.items())))
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        sys.exit(run(sys.argv[2:]))
    print(__doc__)

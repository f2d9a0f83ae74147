#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the loader fixtures of tests/data/ (run from anywhere; Python 3
standard library only). The committed files are this script's output; run
it again after editing it and review the diff.

Every value below is invented. Only the header lines (column names) follow
the real UCDP and ACLED layouts, as FORMATS.md describes them; no row of any
real export is reproduced. Country numbers and names are real so that they
resolve through datasets/countries.csv; conflict ids (9xxxx), dyad ids,
event ids and actor names of armed groups are made up.

The expected values the tests assert are written beside each fixture in
tests/data/README.md and in the test files, computed by hand from the rows
here.
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# --- real layouts (header lines only) -------------------------------------
ACD = ("conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,"
       "side_b_2nd,incompatibility,territory_name,year,intensity_level,"
       "cumulative_intensity,type_of_conflict,start_date,start_prec,"
       "start_date2,start_prec2,ep_end,ep_end_date,ep_end_prec,gwno_a,"
       "gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version").split(",")
BRD = ("conflict_id,dyad_id,location_inc,side_a,side_a_id,side_a_2nd,side_b,"
       "side_b_id,side_b_2nd,incompatibility,territory_name,year,bd_best,"
       "bd_low,bd_high,type_of_conflict,battle_location,gwno_a,gwno_a_2nd,"
       "gwno_b,gwno_b_2nd,gwno_loc,gwno_battle,region,version").split(",")
NONSTATE = ("conflict_id,dyad_id,org,side_a_name,side_a_name_fulltext,"
            "side_a_name_mothertongue,side_a_id,side_a_components,side_a_2nd,"
            "gwno_a_2nd,side_b_name,side_b_name_fulltext,"
            "side_b_name_mothertongue,side_b_id,side_b_components,side_b_2nd,"
            "gwno_b_2nd,start_date,start_prec,start_date2,start_prec2,ep_end,"
            "ep_end_date,ep_end_prec,year,best_fatality_estimate,"
            "low_fatality_estimate,high_fatality_estimate,location,"
            "gwno_location,region,version").split(",")
ONESIDED = ("conflict_id,dyad_id,actor_id,coalition_components,actor_name,"
            "actor_name_fulltext,actor_name_mothertongue,year,"
            "best_fatality_estimate,low_fatality_estimate,"
            "high_fatality_estimate,is_government_actor,location,"
            "gwno_location,gwnoa,region,version").split(",")
GED_HDX = ("id,relid,year,active_year,code_status,type_of_violence,"
           "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
           "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
           "side_b_dset_id,side_b_new_id,side_b,number_of_sources,"
           "source_article,source_office,source_date,source_headline,"
           "source_original,where_prec,where_coordinates,where_description,"
           "adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
           "iso3,country_id,region,event_clarity,date_prec,date_start,"
           "date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,"
           "high,low,gwnoa,gwnob").split(",")
GED_NATIVE = [c for c in GED_HDX if c != "iso3"]
# The HXL hashtag line of UCDP's GED country files on HDX (metadata, part
# of the header block, not data).
GED_HXL = {"year": "#date+year", "side_a": "#group+name+first",
           "side_b": "#group+name+second", "source_article": "#meta+source",
           "source_headline": "#description", "where_description":
           "#loc+name", "adm_1": "#adm1+name", "adm_2": "#adm2+name",
           "latitude": "#geo+lat", "longitude": "#geo+lon", "country":
           "#country+name", "iso3": "#country+code", "region":
           "#region+name", "date_start": "#date+start", "date_end":
           "#date+end", "best": "#affected+killed"}
ACLED_CURRENT = ("event_id_cnty,event_date,year,time_precision,disorder_type,"
                 "event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
                 "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
                 "iso,region,country,admin1,admin2,admin3,location,latitude,"
                 "longitude,geo_precision,source,source_scale,notes,"
                 "fatalities,tags,timestamp").split(",")
ACLED_EXPORT = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,"
                "time_precision,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                "interaction,region,country,admin1,admin2,admin3,location,"
                "latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,timestamp,iso3").split(",")
ACLED_HXL = {"event_id_cnty": "#event+code", "event_date": "#date+occurred",
             "year": "#date+year", "event_type": "#event+type",
             "actor1": "#group+name+first", "assoc_actor_1":
             "#group+name+first+assoc", "actor2": "#group+name+second",
             "assoc_actor_2": "#group+name+second+assoc", "region":
             "#region+name", "country": "#country+name", "admin1":
             "#adm1+name", "admin2": "#adm2+name", "admin3": "#adm3+name",
             "location": "#loc+name", "latitude": "#geo+lat", "longitude":
             "#geo+lon", "source": "#meta+source", "notes": "#description",
             "fatalities": "#affected+killed", "iso3": "#country+code"}
ACLED_LEGACY = ("GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,"
                "TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,"
                "ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,"
                "LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,"
                "FATALITIES").split(",")
HAPI = ("location_code,has_hrp,in_gho,provider_admin1_name,"
        "provider_admin2_name,admin1_code,admin1_name,admin2_code,"
        "admin2_name,admin_level,event_type,events,fatalities,"
        "reference_period_start,reference_period_end,dataset_hdx_id,"
        "resource_hdx_id,warning,error").split(",")


# --- writers ----------------------------------------------------------------
def fill(header, values):
    """A record in header order; unknown keys are an error (typos)."""
    for k in values:
        if k not in header:
            raise KeyError(k)
    return [str(values.get(c, "")) for c in header]


def q_all(v):
    return '"' + v.replace('"', '""') + '"'


def q_min(v, delim=","):
    """RFC 4180 minimal quoting (pandas, HDX, HAPI)."""
    if any(ch in v for ch in (delim, '"', "\n", "\r")):
        return q_all(v)
    return v


def q_space(v):
    """ACLED Export Tool: every value with a space or comma is quoted."""
    if any(ch in v for ch in (" ", ",", '"', "\n")):
        return q_all(v)
    return v


def line(fields, quote, delim=","):
    return delim.join(quote(f) for f in fields)


def write(name, text, eol="\n", bom=False, encoding="utf-8", final_eol=True):
    """text: list of record strings (may hold bare LF inside quotes)."""
    data = eol.join(text) + (eol if final_eol else "")
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    write_bytes(name, raw)


def write_bytes(name, raw):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(raw)


# --- UCDP -------------------------------------------------------------------
def acd_row(cid, loc, year, typ, gwloc, region, **kw):
    v = dict(conflict_id=cid, location=loc, side_a="Government of X",
             side_a_id="1", side_b="Y Front", side_b_id="2",
             incompatibility="2", year=year, intensity_level="1",
             cumulative_intensity="0", type_of_conflict=typ,
             start_date="1990-01-01", start_prec="1",
             start_date2="1990-01-01", start_prec2="1", ep_end="0",
             gwno_a=gwloc.split(",")[0], gwno_loc=gwloc, region=region,
             version="99.1")
    v.update(kw)
    return fill(ACD, v)


# acd_small.csv: the series fixture. Hand-computed counts are in
# tests/unit/test_series.c (conflicts per year, class, region, subregion).
ACD_ROWS = [
    acd_row("90001", "India", "1998", "3", "750", "3"),
    acd_row("90001", "India", "2000", "4", "750", "3",
            side_a_2nd="Government of Z", gwno_a_2nd="770"),
    acd_row("90002", "India, Pakistan", "2000", "2", "750, 770", "3",
            side_b="Government of Pakistan", gwno_b="770"),
    acd_row("90003", "Russia (Soviet Union), Myanmar (Burma)", "2000", "3",
            "365, 775", "1, 3"),
    acd_row("90004", "Georgia, Afghanistan", "2001", "3", "700, 372",
            "3, 1"),
    acd_row("90005", "Iran", "2001", "1", "630", "2"),
    acd_row("90001", "India", "2001", "3", "750", "3"),
]


def ucdp_files():
    write("acd_small.csv", [line(ACD, q_all)] +
          [line(r, q_all) for r in ACD_ROWS])
    # spreadsheet re-save: semicolons, no quotes (the list "750, 770"
    # needs none with ';'), CRLF as Excel writes it
    write("acd_semicolon.csv", [line(ACD, str, ";")] +
          [line(r, str, ";") for r in ACD_ROWS[:3]], eol="\r\n")
    # pandas re-save: a leading unnamed index column, minimal quoting,
    # empty cells for missing values
    write("acd_pandas.csv", [line([""] + ACD, q_min)] +
          [line([str(i)] + r, q_min) for i, r in enumerate(ACD_ROWS[:3])])
    # R's write.csv: strings quoted, NA unquoted for missing values
    rows = []
    for r in ACD_ROWS[:2]:
        rows.append(",".join("NA" if f == "" else q_all(f) for f in r))
    write("acd_na.csv", [line(ACD, q_all)] + rows)
    # old Mac line ends (a lone CR ends every line), as README.md lists
    # "CRLF and bare CR" among the quirks handled
    write("acd_cr_eol.csv", [line(ACD, q_all)] +
          [line(r, q_all) for r in ACD_ROWS], eol="\r")
    # a UTF-8 BOM before a quoted header (UCDP download re-saved by Excel)
    write("acd_bom.csv", [line(ACD, q_all)] +
          [line(r, q_all) for r in ACD_ROWS[:2]], eol="\r\n", bom=True)
    # header with surrounding spaces in names, and a last record without
    # a final newline
    write("acd_spaces_noeol.csv",
          [", ".join(ACD)] + [line(r, q_all) for r in ACD_ROWS[:2]],
          final_eol=False)
    # records with several places (gwno_loc lists), for the place-by-place
    # counting of README "Geography" (cli.series_places_*,
    # cli.series_country_places): Somalia+India, Somalia+Iraq, and a
    # class mix with two places in one region (Somalia, Kenya)
    write("acd_two_places.csv", [line(ACD, q_all), line(
        acd_row("90002", "Somalia, India", "2022", "4", "520, 750", "3, 4"),
        q_all)])
    write("acd_som_irq.csv", [line(ACD, q_all), line(
        acd_row("90003", "Somalia, Iraq", "2020", "4", "520, 645", "2, 4"),
        q_all)])
    write("acd_multi_class.csv", [line(ACD, q_all)] + [line(r, q_all) for r in [
        acd_row("90010", "Somalia, Kenya", "2021", "3", "520, 501", "4"),
        acd_row("90011", "Somalia, India", "2021", "2", "520, 750", "3, 4",
                side_b="Government of India", gwno_b="750"),
        acd_row("90012", "Iraq", "2021", "4", "645", "2"),
        acd_row("90010", "Somalia, Kenya", "2022", "3", "520, 501", "4")]])

    def brd(cid, did, year, best, low, high, typ, gwloc, battle, region):
        return fill(BRD, dict(
            conflict_id=cid, dyad_id=did, location_inc="X",
            side_a="Government of X", side_a_id="1", side_b="Y Front",
            side_b_id="2", incompatibility="1", year=year, bd_best=best,
            bd_low=low, bd_high=high, type_of_conflict=typ,
            battle_location="X", gwno_a=gwloc.split(",")[0],
            gwno_loc=gwloc, gwno_battle=battle, region=region,
            version="99.1"))
    b1 = brd("90001", "91001", "2000", "30", "25", "40", "3", "750", "750",
             "3")
    b2 = brd("90001", "91002", "2000", "100", "90", "150", "4", "750",
             "750", "3")
    b3 = brd("90002", "91003", "2001", "1200", "1000", "1500", "2",
             "750, 770", "770", "3")
    b4 = brd("90006", "91004", "2001", "45", "40", "50", "3", "520", "520",
             "4")
    write("brd_small.csv", [line(BRD, q_all)] +
          [line(r, q_all) for r in (b1, b2, b3)])
    # a second download overlapping the first by one dyad-year (b3)
    write("brd_overlap.csv", [line(BRD, q_all)] +
          [line(r, q_all) for r in (b3, b4)])
    # literal NA (R): low/high estimates and the region of row 1
    na1 = brd("90001", "91001", "2000", "30", "NA", "NA", "3", "750", "NA",
              "NA")
    write("brd_na.csv", [line(BRD, q_all)] +
          [",".join(f if f == "NA" else q_all(f) for f in na1),
           line(b2, q_all)])

    def ns(cid, did, year, best, low, high, loc, gw, region, **kw):
        v = dict(conflict_id=cid, dyad_id=did, org="1",
                 side_a_name="Alpha Militia", side_a_name_fulltext=
                 "Alpha Militia", side_a_id="5001", side_b_name=
                 "Beta Brigade", side_b_name_fulltext="Beta Brigade",
                 side_b_id="5002", start_date="2009-01-01", start_prec="1",
                 start_date2="2009-01-01", start_prec2="1", ep_end="0",
                 year=year, best_fatality_estimate=best,
                 low_fatality_estimate=low, high_fatality_estimate=high,
                 location=loc, gwno_location=gw, region=region,
                 version="99.1")
        v.update(kw)
        return fill(NONSTATE, v)
    # record 2 holds a quoted line break (lines 3-4) and doubled quotes;
    # record 3 therefore starts on physical line 5
    write("nonstate_small.csv", [line(NONSTATE, q_all)] + [
        line(ns("92001", "93001", "2010", "30", "28", "40", "Somalia", "520",
                "4"), q_all),
        line(ns("92002", "93002", "2011", "55", "50", "61", "Nigeria", "475",
                "4", side_a_name_fulltext="The \"Hawks\" of the\nNorth"),
             q_all),
        line(ns("92001", "93001", "2011", "26", "25", "26", "Somalia", "520",
                "4"), q_all)])

    def os_(cid, did, aid, year, best, low, high, loc, gw, region, **kw):
        v = dict(conflict_id=cid, dyad_id=did, actor_id=aid,
                 actor_name="Gamma Army", actor_name_fulltext="Gamma Army",
                 year=year, best_fatality_estimate=best,
                 low_fatality_estimate=low, high_fatality_estimate=high,
                 is_government_actor="0", location=loc, gwno_location=gw,
                 gwnoa="", region=region, version="99.1")
        v.update(kw)
        return fill(ONESIDED, v)
    write("onesided_small.csv", [line(ONESIDED, q_all)] + [
        line(os_("94001", "95001", "96001", "2015", "12", "12", "20",
                 "Nigeria", "475", "4",
                 actor_name_mothertongue="Γάμμα Στρατός"), q_all),
        line(os_("94002", "95002", "96002", "2016", "40", "35", "44",
                 "Myanmar (Burma)", "775", "3", is_government_actor="1",
                 actor_name="Government of Myanmar (Burma)"), q_all)])

    def ged(eid, year, tov, cnew, country, iso3, cid, region, date, best,
            high, low, **kw):
        v = dict(id=eid, relid="XX-%s" % eid, year=year, active_year="1",
                 code_status="Clear", type_of_violence=tov,
                 conflict_dset_id=cnew, conflict_new_id=cnew,
                 conflict_name="X - Y", dyad_dset_id="1", dyad_new_id="1",
                 dyad_name="X - Y", side_a="Government of X", side_b="Y",
                 number_of_sources="1", source_article="Agency",
                 source_headline="Clash", where_prec="1",
                 where_description="Town", adm_1="Province",
                 latitude="1.5", longitude="2.5",
                 geom_wkt="POINT (2.5 1.5)", priogrid_gid="1",
                 country=country, iso3=iso3, country_id=cid, region=region,
                 event_clarity="1", date_prec="1", date_start=date,
                 date_end=date, deaths_a="0", deaths_b="0",
                 deaths_civilians="0", deaths_unknown=best, best=best,
                 high=high, low=low, gwnoa=cid, gwnob="")
        v.update(kw)
        return v
    g1 = ged("800001", "2019", "1", "90001", "India", "IND", "750", "Asia",
             "2019-02-16 00:00:00.000", "3", "5", "2")
    g2 = ged("800002", "2019", "2", "92003", "Pakistan", "PAK", "770",
             "Asia", "2019-03-01 00:00:00.000", "0", "1", "0")
    g3 = ged("800003", "2020", "3", "94003", "Myanmar (Burma)", "MMR",
             "775", "Asia", "2020-12-31 00:00:00.000", "10", "12", "9")
    # native GED download: every field quoted, LF
    write("ged_native.csv", [line(GED_NATIVE, q_all)] +
          [line(fill(GED_NATIVE, {k: v for k, v in g.items()
                                  if k != "iso3"}), q_all)
           for g in (g1, g2, g3)])
    # HDX country file: CRLF records, an HXL line, bare LF inside quotes
    g1h = dict(g1, source_headline="Clash near town;\nthree dead")
    g2h = dict(g2, source_original="Agency A\nAgency B\nAgency C")
    hxl = [GED_HXL.get(c, "") for c in GED_HDX]
    write("ged_hdx.csv", [line(GED_HDX, q_min), line(hxl, q_min)] +
          [line(fill(GED_HDX, g), q_min) for g in (g1h, g2h, g3)],
          eol="\r\n")

    # issue 8 class 4: two GED files whose events both have id NA (two
    # events, not one)
    def ged_file(name, eid, eventdate):
        g = ged(eid, "2019", "1", "90001", "India", "IND", "750", "Asia",
                eventdate, "3", "5", "2")
        write(name, [line(GED_NATIVE, q_all)] +
              [line(fill(GED_NATIVE, {k: v for k, v in g.items()
                                      if k != "iso3"}), q_all)])
    ged_file("i8_ged_na_a.csv", "NA", "2019-02-16 00:00:00.000")
    ged_file("i8_ged_na_b.csv", "NA", "2019-05-01 00:00:00.000")


# --- ACLED ------------------------------------------------------------------
def interaction(i1, i2):
    """ACLED's numeric interaction: the two codes, lower first; 10 for a
    state-forces event with one actor (x0)."""
    if not i2:
        return i1 + "0"
    a, b = sorted((int(i1), int(i2)))
    return "%d%d" % (a, b)


def acled_cur(eid, date, year, etype, sub, a1, inter1, a2, inter2,
              fatal, **kw):
    v = dict(event_id_cnty=eid, event_date=date, year=year,
             time_precision="1", disorder_type="Political violence",
             event_type=etype, sub_event_type=sub, actor1=a1, inter1=inter1,
             actor2=a2, inter2=inter2, interaction="", iso="706",
             region="Eastern Africa", country="Somalia", admin1="Banadir",
             admin2="Mogadishu", location="Mogadishu", latitude="2.0371",
             longitude="45.3438", geo_precision="1", source="Local Radio",
             source_scale="National", notes="Invented event.",
             fatalities=fatal, tags="", timestamp="1700000000")
    v.update(kw)
    return fill(ACLED_CURRENT, v)


SOM = "Military Forces of Somalia (2022-)"
USA = "Military Forces of the United States (2025-)"
ETH = "Military Forces of Ethiopia (2018-)"
SLD = "Military Forces of Somaliland (2017-)"


def acled_files():
    # current layout, text actor types (2024-); one row per class branch
    rows = [
        acled_cur("SOM90001", "2025-04-01", "2025", "Battles", "Armed clash",
                  SOM, "State forces", "Al Shabaab", "Rebel group", "4",
                  interaction="State forces-Rebel group"),
        acled_cur("SOM90002", "2025-04-03", "2025",
                  "Explosions/Remote violence", "Air/drone strike", USA,
                  "External/Other forces", "Islamic State Somalia Province",
                  "Rebel group", "3", assoc_actor_1=SOM,
                  interaction="Rebel group-External/Other forces"),
        acled_cur("SOM90003", "2025-05-10", "2025",
                  "Violence against civilians", "Attack", "Al Shabaab",
                  "Rebel group", "Civilians (Somalia)", "Civilians", "2",
                  interaction="Rebel group-Civilians",
                  civilian_targeting="Civilian targeting"),
        acled_cur("SOM90004", "2025-05-11", "2025", "Protests",
                  "Peaceful protest", "Protesters (Somalia)", "Protesters",
                  "", "", "0", disorder_type="Demonstrations",
                  interaction="Protesters only"),
        acled_cur("SOM90005", "2025-06-01", "2025", "Battles",
                  "Armed clash", SLD, "State forces", SOM, "State forces",
                  "7", interaction="State forces-State forces"),
        acled_cur("SOM90006", "2025-06-02", "2025", "Battles",
                  "Armed clash", "Delta Clan Militia (Somalia)",
                  "Identity militia", "Epsilon Clan Militia (Somalia)",
                  "Identity militia", "5",
                  interaction="Identity militia-Identity militia"),
        acled_cur("SOM90007", "2025-07-01", "2025", "Battles",
                  "Armed clash", ETH, "External/Other forces", SOM,
                  "State forces", "1",
                  interaction="State forces-External/Other forces"),
        acled_cur("SOM90008", "2026-01-15", "2026", "Strategic developments",
                  "Looting/property destruction", "Al Shabaab",
                  "Rebel group", "", "", "0",
                  disorder_type="Political violence; Demonstrations",
                  interaction="Rebel group only"),
    ]
    write("acled_current.csv", [line(ACLED_CURRENT, q_min)] +
          [line(r, q_min) for r in rows])

    def exp(data_id, eid, date, year, etype, sub, a1, i1, a2, i2, fatal,
            **kw):
        v = dict(data_id=data_id, iso="4", event_id_cnty=eid,
                 event_id_no_cnty=eid[3:], event_date=date, year=year,
                 time_precision="1", event_type=etype, sub_event_type=sub,
                 actor1=a1, inter1=i1, actor2=a2, inter2=i2,
                 interaction=interaction(i1, i2),
                 region="Caucasus and Central Asia", country="Afghanistan",
                 admin1="Kabul", admin2="Kabul", location="Kabul",
                 latitude="34.5167", longitude="69.1833",
                 geo_precision="1", source="Local News",
                 source_scale="National", notes="Invented event.",
                 fatalities=fatal, timestamp="1584000000", iso3="AFG")
        v.update(kw)
        return fill(ACLED_EXPORT, v)
    afg = "Military Forces of Afghanistan (2014-2021)"
    usa = "Military Forces of the United States (2017-2021)"
    erows = [
        exp("9000001", "AFG90001", "01 March 2020", "2020", "Battles",
            "Armed clash", afg, "1", "Taliban", "2", "6"),
        exp("9000002", "AFG90002", "02 March 2020", "2020", "Battles",
            "Armed clash", "Taliban", "2", afg, "1", "3",
            assoc_actor_2=usa),
        exp("9000003", "AFG90003", "21 March 2020", "2020",
            "Violence against civilians", "Attack",
            "Unidentified Armed Group (Afghanistan)", "3",
            "Civilians (Afghanistan)", "7", "1"),
        exp("9000004", "AFG90004", "22 March 2020", "2020", "Riots",
            "Violent demonstration", "Rioters (Afghanistan)", "5", "", "",
            "0"),
        exp("9000005", "AFG90005", "23 March 2020", "2020", "Battles",
            "Armed clash", "Taliban", "2", "Islamic State (Afghanistan)",
            "2", "8"),
    ]
    write("acled_export.csv", [line(ACLED_EXPORT, str)] +
          [line(r, q_space) for r in erows])
    # the same layout with two empty trailing header cells (and two empty
    # trailing cells in every row), as a spreadsheet leaves them
    write("acled_trailing_empty.csv", [line(ACLED_EXPORT + ["", ""], str)] +
          [line(r + ["", ""], q_space) for r in erows[:2]])

    # HDX country file: Export Tool layout, HXL line, CRLF, ISO dates
    def lka(data_id, eid, date, etype, a1, i1, a2, i2, fatal):
        return exp(data_id, eid, date, date[:4], etype, "Armed clash", a1,
                   i1, a2, i2, fatal, iso="144", region="South Asia",
                   country="Sri Lanka", admin1="Western", admin2="Colombo",
                   location="Colombo", iso3="LKA")
    lrows = [
        lka("9100001", "LKA90001", "2019-04-21",
            "Explosions/Remote violence", "Zeta Group", "3",
            "Civilians (Sri Lanka)", "7", "40"),
        lka("9100002", "LKA90002", "2019-05-02", "Protests",
            "Protesters (Sri Lanka)", "6", "", "", "0"),
        lka("9100003", "LKA90003", "2020-01-09", "Battles",
            "Police Forces of Sri Lanka (2019-)", "1", "Zeta Group", "3",
            "2"),
    ]
    hxl = [ACLED_HXL.get(c, "") for c in ACLED_EXPORT]
    write("acled_hdx.csv", [line(ACLED_EXPORT, str), line(hxl, str)] +
          [line(r, q_min) for r in lrows], eol="\r\n")

    # legacy upper-case layout (to about 2016): GWNO, ALLY_ACTOR_*, no
    # region column. Row 2's COUNTRY is not a name of the table: GWNO
    # resolves it.
    def leg(gw, eid, date, year, etype, a1, ally1, i1, a2, ally2, i2,
            country, fatal):
        return fill(ACLED_LEGACY, dict(
            GWNO=gw, EVENT_ID_CNTY=eid, EVENT_ID_NO_CNTY=eid[3:],
            EVENT_DATE=date, YEAR=year, TIME_PRECISION="1",
            EVENT_TYPE=etype, ACTOR1=a1, ALLY_ACTOR_1=ally1, INTER1=i1,
            ACTOR2=a2, ALLY_ACTOR_2=ally2, INTER2=i2,
            INTERACTION=interaction(i1, i2),
            COUNTRY=country, ADMIN1="Kivu", LOCATION="Town",
            LATITUDE="-1.5", LONGITUDE="29.0", GEO_PRECISION="1",
            SOURCE="Radio", NOTES="Invented.", FATALITIES=fatal))
    drc = "Military Forces of Democratic Republic of Congo (2001-)"
    write("acled_legacy.csv", [line(ACLED_LEGACY, str)] + [line(r, q_space)
          for r in (
        leg("490", "DRC90001", "18/01/1997", "1997",
            "Battle-No change of territory", drc,
            "Military Forces of Angola (1975-)", "1", "Kappa Mai-Mai Militia",
            "", "3", "Democratic Republic of Congo", "12"),
        leg("490", "DRC90002", "29/5/97", "1997", "Violence against civilians",
            "Kappa Mai-Mai Militia", "", "3", "Civilians (Democratic Republic "
            "of Congo)", "", "7", "DR Congo (Kinshasa) [test]", "3"),
        leg("500", "UGA90003", "20/01/1998", "1998", "Riots/Protests",
            "Rioters (Uganda)", "", "5", "Police Forces of Uganda (1986-)",
            "", "1", "Uganda", "0"))])

    # every date format of FORMATS.md, one per row; the year column agrees.
    # Row 5 ("03/04/2016") is ambiguous: the file's "20/01/2016" and
    # "29/5/97" prove day-first, so it is 3 April 2016.
    dates = [("2025-04-01", "2025"), ("21 March 2020", "2020"),
             ("18-December-2015", "2015"), ("20/01/2016", "2016"),
             ("03/04/2016", "2016"), ("9-May-20", "2020"),
             ("29/5/97", "1997"), ("2019-02-16 00:00:00.000", "2019")]
    write("acled_dates.csv", [line(ACLED_CURRENT, q_min)] + [
        line(acled_cur("SOM9%04d" % (i + 1), d, y, "Battles", "Armed clash",
                       SOM, "State forces", "Al Shabaab", "Rebel group",
                       "1"), q_min) for i, (d, y) in enumerate(dates)])

    # Windows-1252 bytes: 0xF4 (o circumflex) in the country and the actor
    # names, 0x92 (right single quote) in row 2's country, 0xE8 in notes.
    # Row 1 has no iso code, so its country resolves by the transcoded name.
    civ1 = "Military Forces of C\u00f4te d'Ivoire (2011-)"
    mli = "Military Forces of Mali (2012-)"
    r1 = acled_cur("CIV90001", "2021-02-01", "2021", "Battles",
                   "Armed clash", civ1, "State forces", mli,
                   "External/Other forces", "2", iso="",
                   region="Western Africa", country="C\u00f4te d'Ivoire",
                   admin1="Abidjan", notes="Pr\u00e8s de la ville.")
    r2 = acled_cur("CIV90002", "2021-02-02", "2021", "Battles",
                   "Armed clash", civ1, "State forces", "Iota Rebels",
                   "Rebel group", "1", iso="384", region="Western Africa",
                   country="C\u00f4te d\u2019Ivoire", admin1="Abidjan")
    write("acled_cp1252.csv", [line(ACLED_CURRENT, q_min)] +
          [line(r, q_min) for r in (r1, r2)], encoding="cp1252")

    # a record cut short by an interrupted download: the last line stops
    # after the event type (fields 'fatalities' ... are absent)
    full = line(rows[0], q_min)
    cut = line(rows[1][:6], q_min)
    write("acled_truncated.csv", [line(ACLED_CURRENT, q_min), full, cut],
          final_eol=False)


def hapi_files():
    def h(iso3, level, a1code, a1name, etype, events, fatal):
        return fill(HAPI, dict(
            location_code=iso3, has_hrp="Y", in_gho="Y",
            provider_admin1_name=a1name, admin1_code=a1code,
            admin1_name=a1name, admin_level=level, event_type=etype,
            events=events, fatalities=fatal,
            reference_period_start="2025-01-01",
            reference_period_end="2025-01-31",
            dataset_hdx_id="00000000-0000-0000-0000-000000000001",
            resource_hdx_id="00000000-0000-0000-0000-000000000002"))
    rows = [h("SOM", "0", "", "", "political_violence", "120", "95"),
            h("SOM", "0", "", "", "civilian_targeting", "30", "12"),
            h("SOM", "0", "", "", "demonstration", "9", "0"),
            h("AFG", "0", "", "", "political_violence", "41", "60"),
            h("AFG", "0", "", "", "civilian_targeting", "7", "5"),
            h("AFG", "0", "", "", "demonstration", "0", "0")]
    write("hapi_small.csv", [line(HAPI, q_min)] +
          [line(r, q_min) for r in rows], eol="\r\n", bom=True)


# --- CSV reader fixtures (not an export layout) ------------------------------
def csv_files():
    write_bytes("csv_bom.csv", b"\xef\xbb\xbfname,value\nalpha,1\n")
    write_bytes("csv_crlf.csv", b"a,b,c\r\n1,2,3\r\n4,5,6\r\n")
    # record 2 spans lines 2-4; record 3 starts on line 5; a blank line 6
    # is skipped and record 4 starts on line 7
    write_bytes("csv_multiline.csv",
                b'id,text\n1,"one\ntwo\nthree"\n2,"say ""hi"""\n\n3,x\n')
    # CRLF records whose quoted text holds bare LF (HDX GED)
    write_bytes("csv_crlf_lf.csv",
                b'id,text\r\n1,"a\nb"\r\n2,c\r\n')
    write_bytes("csv_semicolon.csv", b"a;b;c\n1;2,5;\"x;y\"\n")
    write_bytes("csv_tab.tsv", b"a\tb\n1\t2\n")
    # Windows-1252: 0xE9 e-acute, 0x80 euro sign; row 3 is valid UTF-8
    write_bytes("csv_cp1252.csv",
                b"name,note\nCaf\xe9,\x80 5\n" + "Café,ok\n".encode())
    write_bytes("csv_nul.csv", b"a,b\n1,2\n3,\x004\n")
    write_bytes("csv_unterminated.csv",
                b'a,b\n1,2\n3,4\n5,"open\n6,7\n8,9\n')
    write_bytes("csv_badquote.csv", b'a,b\n1,"x"y\n2,3\n')
    write_bytes("csv_bare_cr.csv", b"a,b\n1,x\ry\n2,3\n")
    write_bytes("csv_empty.csv", b"")
    write_bytes("csv_gzip.csv.gz",
                gzip.compress(b"a,b\n1,2\n", mtime=0))


# --- files that must fail to load, with exact messages ----------------------
def error_files():
    brd_hdr = [c for c in BRD if c != "dyad_id"]
    write("err_missing_column.csv", [line(brd_hdr, q_all)])
    dup = ACD[:]
    dup[12] = "year"  # 'cumulative_intensity' renamed: 'year' twice
    write("err_duplicate_column.csv", [line(dup, q_all)] +
          [line(ACD_ROWS[0], q_all)])
    bad = fill(BRD, dict(conflict_id="90001", dyad_id="91001", year="2000",
                         bd_best="n/a", type_of_conflict="3", gwno_loc="750",
                         region="3"))
    good = fill(BRD, dict(conflict_id="90001", dyad_id="91002", year="2000",
                          bd_best="5", type_of_conflict="3", gwno_loc="750",
                          region="3"))
    write("err_bad_number.csv", [line(BRD, q_all), line(good, q_all),
                                 line(bad, q_all)])
    write("err_bad_date.csv", [line(ACLED_CURRENT, q_min)] + [
        line(acled_cur("SOM90101", "2021-02-28", "2021", "Battles", "x",
                       SOM, "State forces", "Al Shabaab", "Rebel group",
                       "1"), q_min),
        line(acled_cur("SOM90102", "31 February 2021", "2021", "Battles",
                       "x", SOM, "State forces", "Al Shabaab",
                       "Rebel group", "1"), q_min)])
    write("err_year_9999.csv", [line(ACD, q_all), line(ACD_ROWS[0], q_all),
                                line(acd_row("90009", "India", "9999", "3",
                                             "750", "3"), q_all)])
    # the quote opened on line 4 is never closed
    write("err_unterminated.csv", [line(ACD, q_all)] +
          [line(r, q_all) for r in ACD_ROWS[:2]] +
          ['"90007","India, Pakistan'] +
          [line(r, q_all) for r in ACD_ROWS[2:4]])
    raw = (line(ACD, q_all) + "\n" + line(ACD_ROWS[0], q_all) + "\n" +
           line(ACD_ROWS[1], q_all).replace("India", "In\0dia") + "\n")
    write_bytes("err_nul.csv", raw.encode())
    # five records, the 2nd (line 3) and 4th (line 5) bad
    write("err_skip_bad.csv", [line(ACD, q_all)] + [
        line(ACD_ROWS[0], q_all),
        line(acd_row("90010", "India", "2000", "7", "750", "3"), q_all),
        line(ACD_ROWS[1], q_all),
        line(acd_row("90011", "India", "19x8", "3", "750", "3"), q_all),
        line(ACD_ROWS[2], q_all)])
    # the date is not in the row's year
    write("err_date_year.csv", [line(ACLED_CURRENT, q_min)] + [
        line(acled_cur("SOM90103", "2020-01-05", "2021", "Battles", "x",
                       SOM, "State forces", "Al Shabaab", "Rebel group",
                       "1"), q_min)])
    write_bytes("err_utf16.csv", "conflict_id,year\n".encode("utf-16"))
    write("err_header_only.csv", [line(ACD, q_all)])
    write("err_unknown_header.csv", ["foo,bar,baz", "1,2,3"])


def geo_files():
    """Broken country tables (datasets/countries.csv layout)."""
    write("geo_missing_column.csv",
          ["gwno,iso3,iso_num,name,ucdp_region,acled_region,un_region",
           "1,XXA,901,Atlantis,1,Europe,Europe"])
    write("geo_bad_region.csv",
          ["gwno,iso3,iso_num,name,ucdp_region,acled_region,un_region,"
           "un_subregion,aliases",
           "1,XXA,901,Atlantis,1,Europe,Europe,Southern Europe,",
           "2,XXB,902,Lemuria,7,Oceania,Oceania,Melanesia,"])


def issue8_files():
    """Issue 8 (truthful numbers): invented rows with a known answer."""
    def ev(eid, date, year, fatal="1"):
        return acled_cur(eid, date, year, "Battles", "Armed clash", SOM,
                         "State forces", "Al Shabaab", "Rebel group", fatal)
    head = [line(ACLED_CURRENT, q_min)]
    # month-first dates whose order only the third row proves: every row
    # is in March 2021 (2021-03: 4 events)
    write("i8_slash_late.csv", head + [line(ev("SOM8%04d" % i, d, "2021"),
                                            q_min) for i, d in enumerate(
        ["03/02/2021", "03/02/2021", "03/15/2021", "03/02/2021"])])
    # line 2 proves day-first, line 4 month-first: refused
    write("i8_slash_both.csv", head + [line(ev("SOM8%04d" % i, d, "2021"),
                                            q_min) for i, d in enumerate(
        ["13/02/2021", "03/02/2021", "02/13/2021"])])
    # the slip of ACLED's All Africa 2016 realtime file: dated 28/12/2015,
    # YEAR 2016; counted by the date (2015: 1, 2016: 2)
    write("i8_year_slip.csv", head + [line(ev("SOM8%04d" % i, d, y), q_min)
                                      for i, (d, y) in enumerate(
        [("05/01/2016", "2016"), ("28/12/2015", "2016"),
         ("20/02/2016", "2016")])])
    # fatalities empty and NA on lines 3 and 4: deaths 5 + 2 missing
    write("i8_fatal_na.csv", head + [line(ev("SOM8%04d" % i, "2021-01-0%d" %
                                            (i + 1), "2021", f), q_min)
                                     for i, f in enumerate(
        ["5", "", "NA"])])
    # BRD: two files, different conflicts, both with dyad_id NA: two
    # records (deaths 2000: 30 + 50 = 80), not one
    def brd(cid, did, year, best, low, high):
        return fill(BRD, dict(
            conflict_id=cid, dyad_id=did, location_inc="X",
            side_a="Government of X", side_a_id="1", side_b="Y Front",
            side_b_id="2", incompatibility="1", year=year, bd_best=best,
            bd_low=low, bd_high=high, type_of_conflict="3",
            battle_location="X", gwno_a="750", gwno_loc="750",
            gwno_battle="750", region="3", version="99.1"))
    write("i8_brd_na_a.csv", [line(BRD, q_all)] +
          [line(brd("90001", "NA", "2000", "30", "25", "40"), q_all)])
    write("i8_brd_na_b.csv", [line(BRD, q_all)] +
          [line(brd("90002", "NA", "2000", "50", "45", "60"), q_all)])
    # two files whose dyad ids share their first 128 bytes: two records
    # (deaths 2000: 30 + 50), an identity is never cut
    write("i8_brd_long_a.csv", [line(BRD, q_all)] +
          [line(brd("90001", "9" * 128 + "1", "2000", "30", "25", "40"),
                q_all)])
    write("i8_brd_long_b.csv", [line(BRD, q_all)] +
          [line(brd("90002", "9" * 128 + "2", "2000", "50", "45", "60"),
                q_all)])
    # one dyad-year twice in one file (lines 2 and 4): refused
    write("i8_brd_dup.csv", [line(BRD, q_all)] +
          [line(brd("90001", "91001", "2000", "30", "25", "40"), q_all),
           line(brd("90002", "91002", "2000", "50", "45", "60"), q_all),
           line(brd("90001", "91001", "2000", "30", "25", "40"), q_all)])


def main():
    issue8_files()
    geo_files()
    ucdp_files()
    acled_files()
    hapi_files()
    csv_files()
    error_files()


if __name__ == "__main__":
    main()

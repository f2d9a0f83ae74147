#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the bad-input catalogue of tests/bad/ (Python 3 standard library
only; run from anywhere). Its output is committed: the input files in
data/, one command line per case in cases/NAME.sh, the expected stderr and
exit status (and, where a case succeeds or runs `inspect`, the expected
stdout) in expected/, the CMake list of cases in cases.cmake and the case
table of README.md. Edit this script, not its output, then run it again
and review the diff.

Every value is invented. Only header lines (column names) follow the real
UCDP and ACLED layouts; they come from tests/data/make_fixtures.py so that
both catalogues agree. No content of /work/shared/data is copied.

The expected messages are written here by hand from what the loader code
(src/load/*.c) says and from what a user should see. They are NOT
captured from ctrend's output: where ctrend is wrong, the case keeps the
correct expectation and fails until ctrend is fixed (`bug` says how).

Files too big to commit (a 10 MB field, a million columns, a file large
enough to be read on several threads) are made at test time by the case
script, in the scratch folder $T, from small committed templates.
"""
import gzip
import importlib.util
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

_spec = importlib.util.spec_from_file_location(
    "make_fixtures", os.path.join(ROOT, "tests", "data", "make_fixtures.py"))
_fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fx)
ACD, BRD, NONSTATE, ONESIDED = _fx.ACD, _fx.BRD, _fx.NONSTATE, _fx.ONESIDED
GED_HDX, GED_NATIVE, GED_HXL = _fx.GED_HDX, _fx.GED_NATIVE, _fx.GED_HXL
ACLED_CURRENT, ACLED_EXPORT, HAPI = (_fx.ACLED_CURRENT, _fx.ACLED_EXPORT,
                                     _fx.HAPI)
fill, q_all, q_min, line = _fx.fill, _fx.q_all, _fx.q_min, _fx.line

DATA = "tests/bad/data"       # as the cases name it (run from the source)
LIMIT_BYTES = 8 * 1024 * 1024  # CT_CSV_MAX_RECORD_BYTES
TITLE = {"acd": "UCDP/PRIO Armed Conflict Dataset",
         "brd": "UCDP Battle-Related Deaths Dataset",
         "ged": "UCDP Georeferenced Event Dataset",
         "acled": "ACLED events"}
UNTERMINATED = "unterminated quoted field (record starts here)"
BADQUOTE = ("malformed quoting (a quote inside an unquoted field or text "
            "after a closing quote)")
NUL = "NUL byte in the data: this is a binary file, not CSV"
YEAR_RANGE = "expected an integer from 1900 to 2100"
NONNEG = "expected a non-negative integer"


def fld(header, name):
    """How a message names a field: its number and header name."""
    return "field %d '%s'" % (header.index(name) + 1, name)


def p(name):
    return "%s/%s" % (DATA, name)


def err(path, ln, msg):
    return "ctrend: %s:%d: %s\n" % (path, ln, msg)


# --- invented records --------------------------------------------------------
def acd(cid="90101", year="2001", typ="3", gwloc="750", region="3", **kw):
    v = dict(conflict_id=cid, location="India", side_a="Government of India",
             side_a_id="141", side_b="Omicron Front", side_b_id="9001",
             incompatibility="2", year=year, intensity_level="1",
             cumulative_intensity="0", type_of_conflict=typ,
             start_date="1999-05-01", start_prec="1",
             start_date2="1999-05-01", start_prec2="1", ep_end="0",
             gwno_a="750", gwno_loc=gwloc, region=region, version="99.9")
    v.update(kw)
    return fill(ACD, v)


def brd(did="91101", year="2001", best="40", **kw):
    v = dict(conflict_id="90101", dyad_id=did, location_inc="India",
             side_a="Government of India", side_a_id="141",
             side_b="Omicron Front", side_b_id="9001", incompatibility="2",
             year=year, bd_best=best, bd_low="30", bd_high="55",
             type_of_conflict="3", battle_location="India", gwno_a="750",
             gwno_loc="750", gwno_battle="750", region="3", version="99.9")
    v.update(kw)
    return fill(BRD, v)


def nonstate(cid="92101", year="2012", best="33", **kw):
    v = dict(conflict_id=cid, dyad_id="93101", org="1",
             side_a_name="Sigma Militia", side_a_name_fulltext="Sigma Militia",
             side_a_id="5101", side_b_name="Tau Brigade",
             side_b_name_fulltext="Tau Brigade", side_b_id="5102",
             start_date="2011-02-01", start_prec="1",
             start_date2="2011-02-01", start_prec2="1", ep_end="0",
             year=year, best_fatality_estimate=best,
             low_fatality_estimate="30", high_fatality_estimate="40",
             location="Nigeria", gwno_location="475", region="4",
             version="99.9")
    v.update(kw)
    return fill(NONSTATE, v)


def onesided(year="2014", best="21", **kw):
    v = dict(conflict_id="94101", dyad_id="95101", actor_id="96101",
             actor_name="Upsilon Army", actor_name_fulltext="Upsilon Army",
             year=year, best_fatality_estimate=best,
             low_fatality_estimate="20", high_fatality_estimate="25",
             is_government_actor="0", location="Nigeria",
             gwno_location="475", gwnoa="", region="4", version="99.9")
    v.update(kw)
    return fill(ONESIDED, v)


def ged(header, eid="810001", tov="2", date="2021-06-05 00:00:00.000",
        best="4", **kw):
    v = dict(id=eid, relid="ZZ-" + eid, year=date[:4], active_year="1",
             code_status="Clear", type_of_violence=tov,
             conflict_dset_id="92101", conflict_new_id="92101",
             conflict_name="Sigma - Tau", dyad_dset_id="1", dyad_new_id="1",
             dyad_name="Sigma - Tau", side_a="Sigma Militia",
             side_b="Tau Brigade", number_of_sources="1",
             source_article="Agency", source_headline="Clash",
             where_prec="1", where_description="Village", adm_1="Province",
             latitude="9.5", longitude="8.5", geom_wkt="POINT (8.5 9.5)",
             priogrid_gid="1", country="Nigeria", iso3="NGA",
             country_id="475", region="Africa", event_clarity="1",
             date_prec="1", date_start=date, date_end=date, deaths_a="0",
             deaths_b="0", deaths_civilians="0", deaths_unknown=best,
             best=best, high=best, low=best, gwnoa="475", gwnob="")
    v.update(kw)
    return fill(header, {k: x for k, x in v.items() if k in header})


def acled(eid="SOM91001", date="2023-03-04", year="2023",
          etype="Battles", fatal="2", **kw):
    v = dict(event_id_cnty=eid, event_date=date, year=year,
             time_precision="1", disorder_type="Political violence",
             event_type=etype, sub_event_type="Armed clash",
             actor1="Military Forces of Somalia (2022-)",
             inter1="State forces", actor2="Phi Clan Militia (Somalia)",
             inter2="Identity militia", interaction="", iso="706",
             region="Eastern Africa", country="Somalia", admin1="Bay",
             admin2="Baidoa", location="Baidoa", latitude="3.1",
             longitude="43.6", geo_precision="1", source="Radio",
             source_scale="Local", notes="Invented event.",
             fatalities=fatal, tags="", timestamp="1690000000")
    v.update(kw)
    return fill(ACLED_CURRENT, v)


def hapi(start="2024-05-01", events="12", **kw):
    v = dict(location_code="SOM", has_hrp="Y", in_gho="Y",
             admin_level="0", event_type="political_violence",
             events=events, fatalities="9", reference_period_start=start,
             reference_period_end=start[:8] + "28",
             dataset_hdx_id="00000000-0000-0000-0000-00000000000a",
             resource_hdx_id="00000000-0000-0000-0000-00000000000b")
    v.update(kw)
    return fill(HAPI, v)


def csv_text(header, rows, quote=q_all, eol="\n", final_eol=True,
             delim=","):
    out = [line(header, quote, delim)] + [line(r, quote, delim)
                                          for r in rows]
    return (eol.join(out) + (eol if final_eol else "")).encode()


# --- the catalogue -----------------------------------------------------------
CASES = []
FILES = {}   # committed input files: name -> bytes


def case(name, why, cmd, stderr, exit=1, stdout=None, bug=None,
         files=None):
    """One test. cmd is the case script's body (sh, run from the source
    folder with $CTREND and a scratch folder $T); stderr, exit and stdout
    are what a correct ctrend gives. stdout None means: must be empty."""
    assert all(c["name"] != name for c in CASES), name
    for fname, raw in (files or {}).items():
        assert fname not in FILES, fname
        FILES[fname] = raw
    CASES.append(dict(name=name, why=why, cmd=cmd, stderr=stderr, exit=exit,
                      stdout=stdout, bug=bug))


def series(name, why, raw, stderr, exit=1, opts="", stdout=None, bug=None,
           ext="csv"):
    """The common case: `ctrend series [opts] data/NAME.ext`."""
    fname = "%s.%s" % (name, ext)
    cmd = '"$CTREND" series %s%s\n' % (opts + " " if opts else "", p(fname))
    case(name, why, cmd, stderr, exit, stdout, bug, {fname: raw})


def catalogue():
    # ---- reading: the file as a whole ----
    series("empty", "a zero-byte file: no header to detect a dataset from",
           b"", err(p("empty.csv"), 1, "empty file: no header line"))
    series("blank_lines", "only blank lines (LF and CRLF) are as empty as "
           "an empty file", b"\n\r\n\n",
           err(p("blank_lines.csv"), 1, "empty file: no header line"))
    series("header_only", "a header alone is a valid export with no rows: "
           "exit 0, a series with no periods and a note saying so",
           csv_text(ACD, []), "ctrend: note: '%s' holds no data records: "
           "the series is empty\n" % p("header_only.csv"), exit=0,
           stdout="period,value\n")
    series("header_only_crlf_noeol", "an ACLED header with CRLF and no "
           "final line end is still a valid empty export",
           csv_text(ACLED_CURRENT, [], quote=str, eol="\r\n",
                    final_eol=False),
           "ctrend: note: '%s' holds no data records: the series is "
           "empty\n" % p("header_only_crlf_noeol.csv"), exit=0,
           opts="--measure events", stdout="period,value\n")
    png = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(
        ">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + _png_chunk(
        b"IDAT", zlib.compress(b"\x00\x00")) + _png_chunk(b"IEND", b""))
    series("binary_png", "a PNG image given as CSV: its first NUL byte is "
           "on line 3 (after \\r\\n and \\n in the signature); a binary "
           "file must be called one, not taken for an unknown header",
           png, err(p("binary_png.csv"), 3, NUL),
           bug="ctrend reads the signature line '\\x89PNG' as a header "
           "(0x89 is valid Windows-1252) and says \"not a UCDP or ACLED "
           "export ... (first column '\u2030PNG'); use --dataset to name "
           "it\", advice that cannot help; the NUL bytes of the first "
           "block are never looked at")
    series("gzip", "a gzip file given as CSV (magic 1f 8b)",
           gzip.compress(csv_text(ACD, [acd()]), mtime=0),
           err(p("gzip.csv"), 1, "gzip-compressed data, not CSV: "
               "decompress it first (gunzip)"))
    series("zip", "a zip archive given as CSV (magic PK\\3\\4)",
           _zip_bytes("acd.csv", csv_text(ACD, [acd()])),
           err(p("zip.csv"), 1, "zip archive, not CSV: extract the CSV "
               "file first (unzip)"))
    utf16 = "UTF-16 text: re-save the file as UTF-8"
    series("utf16_le", "UTF-16 little-endian with its BOM (Excel 'Unicode "
           "Text')", csv_text(ACD, [acd()]).decode().encode("utf-16"),
           err(p("utf16_le.csv"), 1, utf16))
    series("utf16_be", "UTF-16 big-endian with its BOM",
           b"\xfe\xff" + csv_text(ACD, [acd()]).decode().encode("utf-16-be"),
           err(p("utf16_be.csv"), 1, utf16))
    series("utf16_le_nobom", "UTF-16 without a BOM cannot be told from "
           "binary by its first bytes: every other byte is NUL, and NUL "
           "is refused on the line where it occurs",
           csv_text(ACD, [acd()]).decode().encode("utf-16-le"),
           err(p("utf16_le_nobom.csv"), 1, NUL))
    case("directory", "a directory given as the input file",
         '"$CTREND" series %s\n' % DATA, "ctrend: cannot read '%s': Is a "
         "directory\n" % DATA)
    case("missing_file", "a path that does not exist",
         '"$CTREND" series %s\n' % p("no_such_file.csv"),
         "ctrend: cannot open '%s': No such file or directory\n"
         % p("no_such_file.csv"))
    case("unreadable", "a file without read permission (mode 000); "
         "skipped when the test runs with the power to read it anyway "
         "(root)",
         'cd "$T" || exit 99\n'
         "printf 'conflict_id,year,type_of_conflict\\n' >unreadable.csv\n"
         "chmod 000 unreadable.csv\n"
         "if cat unreadable.csv >/dev/null 2>&1; then\n"
         "    echo 'this user can read a mode-000 file (root)' >SKIP\n"
         "    exit 0\n"
         "fi\n"
         '"$CTREND" series unreadable.csv\n',
         "ctrend: cannot open 'unreadable.csv': Permission denied\n")

    # the duplicate check's temporary file cannot be made: the record ids
    # fill a 2 MB buffer ((2 MiB - 64 KiB and 8 bytes of histogram) / 2 /
    # 16-byte records = 63,487 ids), so the 63,488th record needs the
    # file; in this seeded export (quoted notes with line breaks) that
    # record starts on physical line 63,677 (Python's csv module counts it
    # so: the reader's line_num after it, less the line breaks inside it)
    case("tmpdir_missing", "the duplicate check's temporary folder does "
         "not exist: the load stops at the record that needed it, naming "
         "the folder and the cause (no series, exit 1)",
         'cd "$T" || exit 99\n'
         '"$CTREND" generate --layout acled --rows 70000 --seed 7 '
         '-o big.csv || exit 99\n'
         'TMPDIR=no-such-folder "$CTREND" series --threads 1 '
         '--measure events --group country big.csv\n',
         "ctrend: big.csv:63677: cannot write the record ids to a "
         "temporary file in no-such-folder (TMPDIR): No such file or "
         "directory\n")

    # ---- reading: quoting, NUL, encodings, limits ----
    rows = [acd("90101", "2001"), acd("90102", "2002"), acd("90103", "2003")]
    t = csv_text(ACD, rows[:2]) + b'"90104","India, Pak' + b"\n" + \
        csv_text(ACD, rows[2:]).split(b"\n", 1)[1]
    series("unterminated_quote", "a quote opened on line 4 is never closed: "
           "the rest of the file is swallowed and the record start is "
           "reported", t, err(p("unterminated_quote.csv"), 4, UNTERMINATED))
    full = line(acled(), q_min)
    cut = line(acled(eid="SOM91002", notes="Cut off in transit"), q_min)
    cut_q = cut[:cut.index("Cut off")] + '"Cut off in'
    cut_u = line(acled(eid="SOM91002")[:13], q_min)
    cut_u = cut_u[:-3]  # stops inside field 13 ('inter2')
    series("truncated_last", "an interrupted download: the last record "
           "stops inside field 13 with no line end",
           (line(ACLED_CURRENT, str) + "\n" + full + "\n" + cut_u).encode(),
           err(p("truncated_last.csv"), 3, "record has 13 fields, the "
               "header 31: truncated or broken record"),
           opts="--measure events")
    series("truncated_in_quote", "an interrupted download that stops "
           "inside a quoted field: an unterminated quote at the record "
           "start", (line(ACLED_CURRENT, str) + "\n" + full + "\n" +
                     cut_q).encode(),
           err(p("truncated_in_quote.csv"), 3, UNTERMINATED),
           opts="--measure events")
    t = csv_text(ACD, rows).replace(b"India", b"In\0dia", 2)
    series("nul_byte", "a NUL byte inside a field of line 2", t,
           err(p("nul_byte.csv"), 2, NUL))
    series("nul_in_header", "a NUL byte in the header line",
           csv_text(ACD, rows).replace(b"location", b"loc\0ation", 1),
           err(p("nul_in_header.csv"), 1, NUL))
    t = csv_text(ACD, rows, quote=str).replace(b"Omicron Front",
                                               b'Omicron "Front"', 1)
    series("lone_quote", "a quote inside an unquoted field (line 2)", t,
           err(p("lone_quote.csv"), 2, BADQUOTE))
    t = csv_text(ACD, rows).split(b"\n")
    t[2] = t[2].replace(b'"Omicron Front"', b'"Omicron" Front', 1)
    series("text_after_quote", "text after a closing quote (line 3)",
           b"\n".join(t), err(p("text_after_quote.csv"), 3, BADQUOTE))
    t = csv_text(ACD, rows, quote=str).replace(b"Omicron Front",
                                               b"Omicron\rFront", 1)
    series("bare_cr_in_field", "a lone CR inside an unquoted field of an "
           "LF file (line 2): an old Mac line end cannot sit mid-record",
           t, err(p("bare_cr_in_field.csv"), 2,
                  "carriage return inside an unquoted field"))
    r = line(acd("90104", "2004"), str) + ",extra,more"
    series("too_many_fields", "a record with two non-empty fields more "
           "than the header (line 3)",
           csv_text(ACD, rows[:1], quote=str) + r.encode() + b"\n",
           err(p("too_many_fields.csv"), 3,
               "record has 30 fields, the header only 28"))
    series("extra_empty_fields", "extra fields that are empty (a "
           "spreadsheet's trailing cells) are not an error",
           csv_text(ACD, [], quote=str) +
           (line(acd("90101", "2001"), str) + ",,\n").encode(), "", exit=0,
           stdout="period,value\n2001,1\n")
    series("too_few_fields", "a record with 5 of the header's 28 fields "
           "(line 3)", csv_text(ACD, rows[:1]) +
           b'"90105","India","Government of India","141",""\n',
           err(p("too_few_fields.csv"), 3, "record has 5 fields, the header "
               "28: truncated or broken record"))
    series("fields_over_limit", "a data record of 5000 fields: over the "
           "4096-field limit, an error and not a memory problem",
           csv_text(ACD, []) + b"," * 4999 + b"\n",
           err(p("fields_over_limit.csv"), 2,
               "more than 4096 fields in a record (the limit)"))
    t = (line(ACD, str, ";") + "\n" + line(acd("90101", "2001"), str, ";") +
         "\n" + line(acd("90102", "2002"), str, ",") + "\n").encode()
    series("mixed_delimiters", "a ';' file (delimiter taken from the "
           "header) with a ','-delimited record on line 3: one field",
           t, err(p("mixed_delimiters.csv"), 3, "record has 1 field, the "
                  "header 28: truncated or broken record"))
    t = csv_text(ACD, rows).split(b"\n")
    t[2] = t[2].replace(b'"India"', b'"Ind\x81a"', 1)
    series("invalid_utf8", "byte 0x81 (neither UTF-8 nor Windows-1252) in "
           "field 2 of line 3", b"\n".join(t),
           err(p("invalid_utf8.csv"), 3, "%s: bytes are neither UTF-8 nor "
               "Windows-1252" % fld(ACD, "location")),
           bug="the message gives the field number only (\"field 2: bytes "
           "are neither UTF-8 nor Windows-1252\"): STYLE.md section 6 "
           "wants the number plus the header name, as every other field "
           "message has")
    series("invalid_utf8_header", "byte 0x8D in the header: there is no "
           "header name to give yet, so only the field number",
           csv_text(ACD, rows).replace(b"side_a", b"side\x8d_a", 1),
           err(p("invalid_utf8_header.csv"), 1, "field 3: bytes are "
               "neither UTF-8 nor Windows-1252"))
    civ = "Military Forces of C\u00f4te d'Ivoire (2011-)"
    t = [acled(eid="CIV91001", date="2021-03-01", year="2021", iso="",
               country="C\u00f4te d'Ivoire", actor1=civ,
               notes="Pr\u00e8s du march\u00e9."),
         acled(eid="CIV91002", date="2021-03-02", year="2021", iso="384",
               country="C\u00f4te d\u2019Ivoire", actor1=civ)]
    series("cp1252_valid", "valid Windows-1252 (0xF4, 0x92, 0xE8, 0xE9) is "
           "transcoded, not an error: both rows resolve to the country of "
           "the table (the file covers 1-2 March 2021: 2021 is partial)",
           csv_text(ACLED_CURRENT, t, quote=q_min).decode()
           .encode("cp1252"), "ctrend: note: 1 row covers only part of its "
           "period (column `partial` is 1); see README \"Counting\"\n",
           exit=0, opts="--measure events --group country",
           stdout="period,country,value,partial\n2021,Ivory Coast,2,1\n")

    # ---- the header ----
    series("unknown_header", "a CSV that is no UCDP or ACLED export",
           b"event,date,deaths\nx,2020-01-01,3\n",
           err(p("unknown_header.csv"), 1, "not a UCDP or ACLED export: the "
               "header has none of the columns that identify one (first "
               "column 'event'); use --dataset to name it"))
    series("bom_bad_header", "a UTF-8 BOM before an unknown header: the "
           "BOM must not show in the column name",
           b"\xef\xbb\xbfreport;deaths\r\nx;3\r\n",
           err(p("bom_bad_header.csv"), 1, "not a UCDP or ACLED export: "
               "the header has none of the columns that identify one "
               "(first column 'report'); use --dataset to name it"))
    series("bom_missing_column", "a BOM before a quoted BRD header that "
           "lacks 'year'", b"\xef\xbb\xbf" + csv_text(
               [c for c in BRD if c != "year"], [], eol="\r\n"),
           err(p("bom_missing_column.csv"), 1, "missing required column "
               "'year' for " + TITLE["brd"]))
    h = ACLED_CURRENT + ["fatalities"]
    series("duplicate_column", "'fatalities' twice in an ACLED header",
           (line(h, str) + "\n" + line(acled() + ["2"], q_min) +
            "\n").encode(),
           err(p("duplicate_column.csv"), 1, "duplicate column 'fatalities' "
               "(fields 29 and 32)"), opts="--measure events")
    h = ACD + ["YEAR"]
    series("duplicate_column_case", "column names are case-insensitive: "
           "'year' and 'YEAR' are the same column",
           (line(h, str) + "\n" + line(acd() + ["2001"], str) +
            "\n").encode(),
           err(p("duplicate_column_case.csv"), 1, "duplicate column 'year' "
               "(fields 11 and 29)"))
    h = [c for c in ACLED_CURRENT if c != "fatalities"]
    series("missing_column_acled", "an ACLED header without 'fatalities'",
           (line(h, str) + "\n").encode(),
           err(p("missing_column_acled.csv"), 1, "missing required column "
               "'fatalities' for " + TITLE["acled"]))
    h = [c for c in ACD if c != "year"]
    series("missing_column_acd", "an ACD header without 'year'",
           (line(h, q_all) + "\n").encode(),
           err(p("missing_column_acd.csv"), 1, "missing required column "
               "'year' for " + TITLE["acd"]))
    h = [c for c in GED_NATIVE if c != "best"]
    series("missing_column_ged", "a GED header without 'best': "
           "'type_of_violence' and 'id' make it plainly GED, so the "
           "missing column must be named",
           (line(h, q_all) + "\n").encode(),
           err(p("missing_column_ged.csv"), 1, "missing required column "
               "'best' for " + TITLE["ged"]),
           bug="detection needs both 'type_of_violence' and 'best', so "
           "ctrend says \"not a UCDP or ACLED export: the header has none "
           "of the columns that identify one (first column 'id'); use "
           "--dataset to name it\" although the header has "
           "'type_of_violence'; an ACD header without 'type_of_conflict' "
           "gets the same misleading message")
    case("dataset_forced_wrong", "--dataset acled on an ACD file: the "
         "forced dataset's required column is missing",
         '"$CTREND" series --dataset acled %s\n' % p("dataset_forced.csv"),
         err(p("dataset_forced.csv"), 1, "missing required column "
             "'event_id_cnty' for " + TITLE["acled"]),
         files={"dataset_forced.csv": csv_text(ACD, rows)})
    case("dataset_forced_ged", "--dataset ged on the same ACD file",
         '"$CTREND" series --dataset ged %s\n' % p("dataset_forced.csv"),
         err(p("dataset_forced.csv"), 1, "missing required column "
             "'id' for " + TITLE["ged"]))

    # ---- values: UCDP ----
    series("year_text", "text in 'year' (ACD)",
           csv_text(ACD, [acd(year="nineteen ninety")]),
           err(p("year_text.csv"), 2, "%s: %s, got 'nineteen ninety'"
               % (fld(ACD, "year"), YEAR_RANGE)))
    series("year_0025", "year 0025: four digits, impossible",
           csv_text(ACD, rows[:1] + [acd(year="0025")]),
           err(p("year_0025.csv"), 3, "%s: %s, got '0025'"
               % (fld(ACD, "year"), YEAR_RANGE)))
    series("year_9999", "year 9999 in a BRD file",
           csv_text(BRD, [brd(), brd(did="91102", year="9999")]),
           err(p("year_9999.csv"), 3, "%s: %s, got '9999'"
               % (fld(BRD, "year"), YEAR_RANGE)))
    series("year_missing", "an empty 'year' (ACD)",
           csv_text(ACD, [acd(year="")]),
           err(p("year_missing.csv"), 2, "%s: missing value"
               % fld(ACD, "year")))
    series("type_of_conflict_9", "type_of_conflict 9 (ACD has 1-4)",
           csv_text(ACD, rows[:2] + [acd(typ="9")]),
           err(p("type_of_conflict_9.csv"), 4, "%s: expected an integer "
               "from 1 to 4, got '9'" % fld(ACD, "type_of_conflict")))
    series("type_of_conflict_fraction", "type_of_conflict 2.5: a number, "
           "but not a class", csv_text(ACD, [acd(typ="2.5")]),
           err(p("type_of_conflict_fraction.csv"), 2, "%s: expected an "
               "integer from 1 to 4, got '2.5'"
               % fld(ACD, "type_of_conflict")))
    series("deaths_negative", "bd_best -5 (BRD)",
           csv_text(BRD, [brd(best="-5")]),
           err(p("deaths_negative.csv"), 2, "%s: %s, got '-5'"
               % (fld(BRD, "bd_best"), NONNEG)), opts="--measure deaths")
    series("deaths_text", "best_fatality_estimate 'about 40' (Non-State)",
           csv_text(NONSTATE, [nonstate(), nonstate(year="2013",
                                                    best="about 40")]),
           err(p("deaths_text.csv"), 3, "%s: %s, got 'about 40'"
               % (fld(NONSTATE, "best_fatality_estimate"), NONNEG)),
           opts="--measure deaths")
    series("deaths_fraction", "best 2.5 (GED): deaths are whole numbers",
           csv_text(GED_NATIVE, [ged(GED_NATIVE, best="2.5")]),
           err(p("deaths_fraction.csv"), 2, "%s: %s, got '2.5'"
               % (fld(GED_NATIVE, "best"), NONNEG)), opts="--measure deaths")
    series("deaths_over_limit", "bd_best 250000000: a non-negative integer "
           "above the loader's ceiling of 100000000; the message must say "
           "what is wrong with it",
           csv_text(BRD, [brd(best="250000000")]),
           err(p("deaths_over_limit.csv"), 2, "%s: expected a non-negative "
               "integer up to 100000000, got '250000000'"
               % fld(BRD, "bd_best")), opts="--measure deaths",
           bug="ctrend says \"expected a non-negative integer, got "
           "'250000000'\": the value is one, so the message contradicts "
           "itself; the ceiling (100000000, get_deaths in load.c) is "
           "neither stated nor documented in README \"Limits\"")
    series("onesided_gwno_text", "gwno_location 'Lagos' (One-Sided)",
           csv_text(ONESIDED, [onesided(gwno_location="Lagos")]),
           err(p("onesided_gwno_text.csv"), 2, "%s: expected a list of GW "
               "numbers, got 'Lagos'" % fld(ONESIDED, "gwno_location")))
    series("acd_gwno_loc_text", "a gwno_loc list with a non-number "
           "('750, Delhi')", csv_text(ACD, [acd(gwloc="750, Delhi")]),
           err(p("acd_gwno_loc_text.csv"), 2, "%s: expected a list of GW "
               "numbers, got '750, Delhi'" % fld(ACD, "gwno_loc")))
    series("acd_region_7", "region code 7 (UCDP has 1-5)",
           csv_text(ACD, [acd(), acd(cid="90102", region="3, 7")]),
           err(p("acd_region_7.csv"), 3, "%s: expected UCDP region codes "
               "1-5, got '3, 7'" % fld(ACD, "region")))
    series("acd_region_name", "region 'Atlantis': not a UCDP region",
           csv_text(ACD, [acd(region="Atlantis")]),
           err(p("acd_region_name.csv"), 2, "%s: expected a UCDP region, "
               "got 'Atlantis'" % fld(ACD, "region")))
    gw = ("2, 20, 40, 41, 42, 51, 52, 70, 90, 91, 92, 93, 94, 95, 100, 101, "
          "130, 135, 140, 145, 150, 155, 160, 165, 200, 205, 210, 211, 212, "
          "220, 225, 230, 235, 255")
    assert len(gw.split(", ")) == 34
    series("locations_over_limit", "gwno_loc with 34 countries: README "
           "\"Limits\" makes more than 32 location countries per record "
           "an error",
           csv_text(ACD, [acd(gwloc=gw, region="1, 5")]),
           err(p("locations_over_limit.csv"), 2, "%s: more than 32 location "
               "countries (the limit)" % fld(ACD, "gwno_loc")),
           opts="--group country",
           bug="ctrend keeps the first 32 countries and silently drops the "
           "rest (add_loc in load.c ignores any past CT_OBS_MAX_LOC): exit "
           "0 with 32 countries in the output, and the data lost unnoticed")

    # ---- values: GED, ACLED, HAPI, dates ----
    series("ged_type_of_violence_4", "type_of_violence 4 (GED has 1-3)",
           csv_text(GED_NATIVE, [ged(GED_NATIVE), ged(GED_NATIVE, "810002",
                                                       tov="4")]),
           err(p("ged_type_of_violence_4.csv"), 3, "%s: expected an integer "
               "from 1 to 3, got '4'" % fld(GED_NATIVE, "type_of_violence")))
    series("ged_date_month_13", "date_start 2023-13-01 (GED)",
           csv_text(GED_NATIVE, [ged(GED_NATIVE, date="2023-13-01")]),
           err(p("ged_date_month_13.csv"), 2, "%s: not a valid date, got "
               "'2023-13-01'" % fld(GED_NATIVE, "date_start")))
    series("acled_fatalities_minus3", "fatalities '-3' (ACLED)",
           csv_text(ACLED_CURRENT, [acled(), acled(eid="SOM91002",
                                                   fatal="-3")], q_min),
           err(p("acled_fatalities_minus3.csv"), 3, "%s: %s, got '-3'"
               % (fld(ACLED_CURRENT, "fatalities"), NONNEG)),
           opts="--measure deaths")
    series("acled_31_february", "event_date '31 February 2023'",
           csv_text(ACLED_CURRENT, [acled(date="31 February 2023")], q_min),
           err(p("acled_31_february.csv"), 2, "%s: not a valid date, got "
               "'31 February 2023'" % fld(ACLED_CURRENT, "event_date")),
           opts="--measure events")
    series("acled_29_february_slash", "event_date 29/02/2023: 2023 is not "
           "a leap year", csv_text(ACLED_CURRENT, [acled(date="29/02/2023")],
                                   q_min),
           err(p("acled_29_february_slash.csv"), 2, "%s: not a valid date, "
               "got '29/02/2023'" % fld(ACLED_CURRENT, "event_date")),
           opts="--measure events")
    series("acled_date_0025", "event_date 0025-03-04 in a row whose year is "
           "2025: a date, but an impossible year",
           csv_text(ACLED_CURRENT, [acled(date="0025-03-04", year="2025")],
                    q_min),
           err(p("acled_date_0025.csv"), 2, "%s: year out of range 1900-2100,"
               " got '0025-03-04'" % fld(ACLED_CURRENT, "event_date")),
           opts="--measure events")
    series("acled_year_9999", "year 9999 with event_date 9999-03-04: the "
           "year column is checked first",
           csv_text(ACLED_CURRENT, [acled(date="9999-03-04", year="9999")],
                    q_min),
           err(p("acled_year_9999.csv"), 2, "%s: %s, got '9999'"
               % (fld(ACLED_CURRENT, "year"), YEAR_RANGE)),
           opts="--measure events")
    series("acled_event_type_missing", "an empty event_type (ACLED)",
           csv_text(ACLED_CURRENT, [acled(etype="")], q_min),
           err(p("acled_event_type_missing.csv"), 2, "%s: missing value"
               % fld(ACLED_CURRENT, "event_type")), opts="--measure events")
    series("hapi_date_9999", "reference_period_start 9999-01-01 (HAPI, "
           "which has no year column)",
           csv_text(HAPI, [hapi(start="9999-01-01")], q_min),
           err(p("hapi_date_9999.csv"), 2, "%s: year out of range 1900-2100,"
               " got '9999-01-01'" % fld(HAPI, "reference_period_start")),
           opts="--measure events")
    series("hapi_events_negative", "events -1 (HAPI)",
           csv_text(HAPI, [hapi(events="-1")], q_min),
           err(p("hapi_events_negative.csv"), 2, "%s: expected an integer "
               "from 0 to 100000000, got '-1'" % fld(HAPI, "events")),
           opts="--measure events")

    # ---- line numbers ----
    hxl = [GED_HXL.get(c, "") for c in GED_HDX]
    t = [line(GED_HDX, q_min), line(hxl, q_min),
         line(ged(GED_HDX, best="x3"), q_min)]
    series("hdx_hxl_then_bad", "an HDX GED file: the hashtag line (line 2) "
           "is metadata; the bad record is on line 3",
           ("\r\n".join(t) + "\r\n").encode(),
           err(p("hdx_hxl_then_bad.csv"), 3, "%s: %s, got 'x3'"
               % (fld(GED_HDX, "best"), NONNEG)), opts="--measure deaths")
    t = csv_text(ACD, rows + [acd("90104", "2004", typ="0")], eol="\r\n")
    series("crlf_bad_line5", "a CRLF file whose record on line 5 is bad",
           t, err(p("crlf_bad_line5.csv"), 5, "%s: expected an integer from "
                  "1 to 4, got '0'" % fld(ACD, "type_of_conflict")))
    t = csv_text(NONSTATE, [
        nonstate(side_a_name_fulltext="The Sigma\nMilitia\nof the Hills"),
        nonstate(cid="92102", year="20x2")])
    series("multiline_before_bad", "record 2 spans lines 2-4 (a quoted field "
           "with two line breaks); the bad record starts on line 5",
           t, err(p("multiline_before_bad.csv"), 5, "%s: %s, got '20x2'"
                  % (fld(NONSTATE, "year"), YEAR_RANGE)))
    t = csv_text(NONSTATE, [
        nonstate(),
        nonstate(cid="92102", side_a_name_fulltext="Tau\r\nBrigade",
                 best="n/a")], eol="\r\n")
    series("multiline_bad_record", "a CRLF file whose bad record (bad "
           "value after a quoted CRLF) starts on line 3 and ends on line 4",
           t, err(p("multiline_bad_record.csv"), 3, "%s: %s, got 'n/a'"
                  % (fld(NONSTATE, "best_fatality_estimate"), NONNEG)),
           opts="--measure deaths")
    t = csv_text(ACD, rows[:1]) + b"\n\n" + csv_text(
        ACD, [acd("90105", "2005", region="0")]).split(b"\n", 1)[1]
    series("blank_lines_before_bad", "two blank lines (3, 4) are skipped "
           "but counted: the bad record is on line 5",
           t, err(p("blank_lines_before_bad.csv"), 5, "%s: expected UCDP "
                  "region codes 1-5, got '0'" % fld(ACD, "region")))

    # ---- --skip-bad, stdin, several files, output files ----
    t = csv_text(ACD, [acd("90101", "1998"), acd("90102", "1998", typ="0"),
                       acd("90101", "2000", typ="4"),
                       acd("90103", "19x9"),
                       acd("90104", "2000", typ="2"),
                       acd("90105", "2000", region="6")])
    first = "%s:3: %s: expected an integer from 1 to 4, got '0'" % (
        p("skip_bad_three.csv"), fld(ACD, "type_of_conflict"))
    series("skip_bad_three", "--skip-bad over 3 bad records (lines 3, 5, "
           "7): exit 0, the count and the first one reported",
           t, "ctrend: %s: skipped 3 bad records (first: %s)\n"
           % (p("skip_bad_three.csv"), first), exit=0, opts="--skip-bad",
           stdout="period,value\n1998,1\n1999,0\n2000,2\n")
    case("skip_bad_three_strict", "the same file without --skip-bad stops "
         "at the first bad record",
         '"$CTREND" series %s\n' % p("skip_bad_three.csv"),
         "ctrend: %s\n" % first)
    case("skip_bad_header", "--skip-bad cannot skip a bad header",
         '"$CTREND" series --skip-bad %s\n' % p("unknown_header.csv"),
         err(p("unknown_header.csv"), 1, "not a UCDP or ACLED export: the "
             "header has none of the columns that identify one (first "
             "column 'event'); use --dataset to name it"))
    case("skip_bad_fields_limit", "--skip-bad cannot skip past a limit: "
         "the load stops", '"$CTREND" series --skip-bad %s\n'
         % p("fields_over_limit.csv"),
         err(p("fields_over_limit.csv"), 2,
             "more than 4096 fields in a record (the limit)"))
    case("stdin_bad", "a bad file on standard input is named <stdin>",
         '"$CTREND" series - <%s\n' % p("crlf_bad_line5.csv"),
         err("<stdin>", 5, "%s: expected an integer from 1 to 4, got '0'"
             % fld(ACD, "type_of_conflict")))
    case("second_file_bad", "of two files of one dataset, the second is "
         "bad: no partial series is written",
         '"$CTREND" series %s %s\n' % (p("header_only.csv"),
                                       p("type_of_conflict_9.csv")),
         err(p("type_of_conflict_9.csv"), 4, "%s: expected an integer from 1 "
             "to 4, got '9'" % fld(ACD, "type_of_conflict")))
    case("output_not_created", "-o out.csv on a bad input leaves no "
         "out.csv and no temporary file",
         '"$CTREND" series -o "$T/out.csv" %s\n'
         'rc=$?\n'
         'ls "$T" | grep . >&2\n'
         'exit $rc\n' % p("crlf_bad_line5.csv"),
         err(p("crlf_bad_line5.csv"), 5, "%s: expected an integer from 1 to "
             "4, got '0'" % fld(ACD, "type_of_conflict")))
    case("output_not_clobbered", "-o out.csv on a bad input leaves an "
         "existing out.csv as it was",
         "printf 'period,value\\n1990,7\\n' >\"$T/out.csv\"\n"
         "cp \"$T/out.csv\" \"$T/before\"\n"
         '"$CTREND" series -o "$T/out.csv" %s\n'
         'rc=$?\n'
         'cmp -s "$T/before" "$T/out.csv" || echo "out.csv was changed" >&2\n'
         'ls "$T" | grep -v -x -e before -e out.csv >&2\n'
         'exit $rc\n' % p("nul_byte.csv"),
         err(p("nul_byte.csv"), 2, NUL))

    # ---- inspect ----
    case("inspect_unterminated", "inspect reports a fatal reader error "
         "once, on stderr (its listing points there), and exits 1",
         '"$CTREND" inspect %s\n' % p("unterminated_quote.csv"),
         err(p("unterminated_quote.csv"), 4, UNTERMINATED),
         stdout="%s\n  error: see the message on standard error\n"
         "  dataset: acd (%s)\n  layout: native\n"
         "  version: 99.9\n  unit: conflict-year\n  delimiter: ','\n"
         "  rows: 2\n  years: 2001-2002\n"
         "  span: years 2001-2002 (no event dates)\n"
         "  rows per class: intrastate 2\n"
         "  problems: none\n" % (p("unterminated_quote.csv"),
                                 TITLE["acd"]))
    case("inspect_skip_bad_three", "inspect counts bad records (no message "
         "on stderr), lists the first and exits 1",
         '"$CTREND" inspect %s\n' % p("skip_bad_three.csv"), "",
         stdout="%s\n  dataset: acd (%s)\n  layout: native\n"
         "  version: 99.9\n  unit: conflict-year\n  delimiter: ','\n"
         "  rows: 3\n  years: 1998-2000\n"
         "  span: years 1998-2000 (no event dates)\n"
         "  rows per class: interstate 1, intrastate 1, internationalized 1"
         "\n  problems:\n    3 bad records skipped; first: %s\n"
         % (p("skip_bad_three.csv"), TITLE["acd"], first))
    case("inspect_gzip", "inspect on a gzip file: the error, no dataset",
         '"$CTREND" inspect %s\n' % p("gzip.csv"),
         err(p("gzip.csv"), 1, "gzip-compressed data, not CSV: decompress "
             "it first (gunzip)"),
         stdout="%s\n  error: see the message on standard error\n"
         % p("gzip.csv"))
    case("inspect_invalid_utf8", "inspect on a record with a byte that is "
         "neither UTF-8 nor Windows-1252: counted as a bad record",
         '"$CTREND" inspect %s\n' % p("invalid_utf8.csv"), "",
         stdout="%s\n  dataset: acd (%s)\n  layout: native\n"
         "  version: 99.9\n  unit: conflict-year\n  delimiter: ','\n"
         "  rows: 2\n  years: 2001-2003\n"
         "  span: years 2001-2003 (no event dates)\n"
         "  rows per class: intrastate 2\n"
         "  problems:\n    1 bad record skipped; first: %s:3: %s: bytes are "
         "neither UTF-8 nor Windows-1252\n"
         % (p("invalid_utf8.csv"), TITLE["acd"], p("invalid_utf8.csv"),
            fld(ACD, "location")),
         bug="the same missing header name as invalid_utf8")

    # ---- more values, line ends, stdin, --join ----
    series("conflict_id_missing", "an empty conflict_id (ACD)",
           csv_text(ACD, [acd(cid="")]),
           err(p("conflict_id_missing.csv"), 2, "%s: missing value"
               % fld(ACD, "conflict_id")))
    series("ged_best_missing", "best 'NA' (GED): the death count is "
           "required", csv_text(GED_NATIVE, [ged(GED_NATIVE, best="NA")]),
           err(p("ged_best_missing.csv"), 2, "%s: missing value"
               % fld(GED_NATIVE, "best")), opts="--measure events")
    series("acled_date_missing", "neither event_date nor year (ACLED)",
           csv_text(ACLED_CURRENT, [acled(date="", year="")], q_min),
           err(p("acled_date_missing.csv"), 2, "%s: missing date"
               % fld(ACLED_CURRENT, "event_date")), opts="--measure events")
    val = "x" + "\u00e9" * 40
    series("long_value_utf8_cut", "a bad 81-byte year 'x' + 40 x U+00E9: "
           "the message quotes at most 60 bytes and must not cut a "
           "character in two (stderr stays valid UTF-8)",
           csv_text(ACD, [acd(year=val)]),
           err(p("long_value_utf8_cut.csv"), 2, "%s: %s, got '%s'"
               % (fld(ACD, "year"), YEAR_RANGE, val[:30])),
           bug="'%.60s' in field_error (load.c) cuts the 61st byte's "
           "character: the message ends in a lone 0xC3 byte, invalid "
           "UTF-8")
    series("cr_only_bad_line4", "old Mac line ends (lone CR) with a bad "
           "record on line 4", csv_text(ACD, rows[:2] + [acd(
               "90105", "2005", gwloc="750, x")], eol="\r"),
           err(p("cr_only_bad_line4.csv"), 4, "%s: expected a list of GW "
               "numbers, got '750, x'" % fld(ACD, "gwno_loc")))
    case("stdin_empty", "an empty standard input",
         '"$CTREND" series - </dev/null\n',
         err("<stdin>", 1, "empty file: no header line"))
    FILES["ged_ok.csv"] = csv_text(GED_NATIVE, [ged(GED_NATIVE, tov="1")])
    case("join_bad", "--join names an ACD file with a bad record (line "
         "4): the join file's error, exit 1",
         '"$CTREND" series --join %s %s\n' % (p("type_of_conflict_9.csv"),
                                             p("ged_ok.csv")),
         err(p("type_of_conflict_9.csv"), 4, "%s: expected an integer from "
             "1 to 4, got '9'" % fld(ACD, "type_of_conflict")))
    join_msg = ("a join file must be the UCDP/PRIO ACD or Battle-Related "
                "Deaths dataset, not " + TITLE["ged"])
    try_msg = "Try 'ctrend series --help' for more information.\n"
    case("join_wrong_dataset", "--join names a GED file: a usage error "
         "about the file's dataset, which its header (line 1) decides",
         '"$CTREND" series --join %s %s\n' % (p("ged_ok.csv"),
                                             p("ged_ok.csv")),
         err(p("ged_ok.csv"), 1, join_msg) + try_msg, exit=2,
         bug="ctrend reports it at line 2 (the first record, which is "
         "fine) and exits 2 without the \"Try 'ctrend series --help'\" "
         "line that README promises after every usage error")
    FILES["ged_header_only.csv"] = csv_text(GED_NATIVE, [])
    case("join_wrong_dataset_empty", "--join names a GED file with no "
         "records: still not an ACD or BRD file",
         '"$CTREND" series --join %s %s\n' % (p("ged_header_only.csv"),
                                             p("ged_ok.csv")),
         err(p("ged_header_only.csv"), 1, join_msg) + try_msg, exit=2,
         bug="the dataset is checked per record (typemap.c add()), so a "
         "join file without records is accepted whatever it is: exit 0")

    # ---- made at test time (too big to commit) ----
    FILES["acd_head.csv"] = csv_text(ACD, [])
    FILES["acd_row.csv"] = csv_text(ACD, [acd("90101", "2001")]).split(
        b"\n", 1)[1]
    FILES["acd_bad_row.csv"] = csv_text(ACD, [acd("90109", "2009",
                                                  typ="5")]).split(b"\n", 1)[1]
    gen = 'S=$(pwd)\nD=$S/%s\ncd "$T" || exit 99\n' % DATA
    big = "record longer than %d bytes (the limit; is a quote left open?)" \
        % LIMIT_BYTES
    case("big_field", "a 10 MB unquoted field (10485760 bytes of 'x' in "
         "'location'): over the 8 MiB record limit",
         gen + "{ cat \"$D/acd_head.csv\"; printf '90101,'; "
         "head -c 10485760 /dev/zero | tr '\\0' x; "
         "printf ',a,1,,b,2,,2,,2001,1,0,3,,,,,,,,,,,,750,3,99.9\\n'; "
         "} >big_field.csv\n"
         '"$CTREND" series big_field.csv\n',
         err("big_field.csv", 2, big),
         bug="exit 0 with a series: a record of one physical line between "
         "8 MiB and about 16 MiB is accepted. ct_csv_next checks the "
         "length only after a segment that does not end the record, so a "
         "record whose last line is already in the read buffer is never "
         "measured (a 16 MiB line or one with inner line breaks is "
         "caught)")
    case("big_field_quoted", "a 10 MB quoted field with line breaks inside "
         "(one every 64 KiB) on line 3: over the 8 MiB record limit",
         gen + "{ cat \"$D/acd_head.csv\" \"$D/acd_row.csv\"; "
         "printf '\"90102\",\"'; "
         "i=0; while [ $i -lt 160 ]; do head -c 65535 /dev/zero | "
         "tr '\\0' y; echo; i=$((i + 1)); done; "
         "printf '\",\"a\",\"1\",,\"b\",\"2\",,\"2\",,\"2002\",\"1\",\"0\","
         "\"3\",,,,,,,,,,,,\"750\",\"3\",\"99.9\"\\n'; "
         "} >big_field_quoted.csv\n"
         '"$CTREND" series big_field_quoted.csv\n',
         err("big_field_quoted.csv", 3, big))
    case("big_open_quote", "a quote opened on line 3 and never closed, "
         "10 MB before the end of the file: the limit stops the search "
         "for the closing quote", gen +
         "{ cat \"$D/acd_head.csv\" \"$D/acd_row.csv\"; printf '\"90102\","
         "\"'; i=0; while [ $i -lt 160 ]; do head -c 65535 /dev/zero | "
         "tr '\\0' z; echo; i=$((i + 1)); done; } >big_open_quote.csv\n"
         '"$CTREND" series big_open_quote.csv\n',
         err("big_open_quote.csv", 3, big))
    case("million_columns", "a header of 1000000 columns: over the "
         "4096-field limit", gen +
         "awk 'BEGIN { printf \"conflict_id,year,type_of_conflict\"; "
         "for (i = 4; i <= 1000000; i++) printf \",c%d\", i; print \"\" }' "
         ">million_columns.csv\n"
         '"$CTREND" series million_columns.csv\n',
         err("million_columns.csv", 1,
             "more than 4096 fields in a record (the limit)"))
    # Files over CT_LOAD_PARALLEL_MIN (32 MiB) are read on several
    # threads. Records of about 2 KB keep the count (and the time under
    # the sanitizers) low. rep N FILE: FILE's text N times (awk: no
    # process per copy); big: fails loudly if the file is too small.
    words = ("Omicron Front of the Western Hills and the Lower Valley "
             "Districts (invented) ")
    long_b = (words * 32).strip()
    FILES["acd_long_row.csv"] = csv_text(ACD, [acd(
        "90101", "2001", side_b=long_b)]).split(b"\n", 1)[1]
    # the line break near the record's end: most cuts at "the next line
    # break after an offset" then land inside a record
    a, _, b = long_b.rpartition(") ")
    FILES["acd_long_multiline_row.csv"] = csv_text(ACD, [acd(
        "90101", "2001", side_b=a + ")\n" + b)]).split(b"\n", 1)[1]
    hxl = [GED_HXL.get(c, "") for c in GED_HDX]
    FILES["ged_hdx_head.csv"] = (line(GED_HDX, q_min) + "\r\n" +
                                 line(hxl, q_min) + "\r\n").encode()
    FILES["ged_hdx_long_row.csv"] = (line(ged(
        GED_HDX, source_headline=long_b), q_min) + "\r\n").encode()
    FILES["ged_hdx_bad_row.csv"] = (line(ged(
        GED_HDX, "810009", tov="0"), q_min) + "\r\n").encode()
    par = ("rep() { awk -v n=\"$1\" '{ r = r $0 \"\\n\" } "
           "END { for (i = 0; i < n; i++) printf \"%s\", r }' \"$2\"; }\n"
           "big() { [ \"$(wc -c <\"$1\")\" -gt 33554432 ] || "
           "echo \"$1: not over 32 MiB: not read in parallel\" >&2; }\n")
    n = 13500
    bad5 = "%s: expected an integer from 1 to 4, got '5'" % fld(
        ACD, "type_of_conflict")
    case("parallel_bad_line", "a file of 35 MB (over the 32 MiB where "
         "reading goes parallel) read on 4 threads, its only bad record "
         "the last (line %d): the error and line of a one-thread read"
         % (n + 2), gen + par +
         "{ cat \"$D/acd_head.csv\"; rep %d \"$D/acd_long_row.csv\"; "
         "cat \"$D/acd_bad_row.csv\"; } >parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --threads 4 parallel.csv\n' % n,
         err("parallel.csv", n + 2, bad5))
    case("parallel_bad_middle", "the same on 4 threads with bad records at "
         "lines %d and %d: the first in file order is the error, with its "
         "line counted across the ranges before it" % (n // 2 + 2, n + 2),
         gen + par +
         "{ cat \"$D/acd_head.csv\"; rep %d \"$D/acd_long_row.csv\"; "
         "cat \"$D/acd_bad_row.csv\"; rep %d \"$D/acd_long_row.csv\"; "
         "cat \"$D/acd_bad_row.csv\"; } >parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --threads 4 parallel.csv\n'
         % (n // 2, n // 2 - 1),
         err("parallel.csv", n // 2 + 2, bad5))
    case("parallel_multiline", "a 35 MB file whose records each span two "
         "lines (a quoted line break), read on 3 threads: a cut at a line "
         "break may fall inside a record; the bad last record starts on "
         "line %d" % (2 * n + 2), gen + par +
         "{ cat \"$D/acd_head.csv\"; rep %d "
         "\"$D/acd_long_multiline_row.csv\"; cat \"$D/acd_bad_row.csv\"; } "
         ">parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --threads 3 parallel.csv\n' % n,
         err("parallel.csv", 2 * n + 2, bad5))
    case("parallel_multiline_skip_bad", "--skip-bad on the two-line "
         "records file on 3 threads: a range that starts inside a record "
         "must not turn its halves into skipped records",
         gen + par +
         "{ cat \"$D/acd_head.csv\"; rep %d "
         "\"$D/acd_long_multiline_row.csv\"; cat \"$D/acd_bad_row.csv\"; } "
         ">parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --skip-bad --threads 3 parallel.csv\n' % n,
         "ctrend: parallel.csv: skipped 1 bad record (first: parallel.csv:"
         "%d: %s)\n" % (2 * n + 2, bad5),
         exit=0, stdout="period,value\n2001,1\n")
    case("parallel_skip_bad", "--skip-bad on a 35 MB file read on 4 "
         "threads, with bad records at lines %d and %d: both counted, the "
         "first named with its line" % (n // 2 + 2, n + 2), gen + par +
         "{ cat \"$D/acd_head.csv\"; rep %d \"$D/acd_long_row.csv\"; "
         "cat \"$D/acd_bad_row.csv\"; rep %d \"$D/acd_long_row.csv\"; "
         "cat \"$D/acd_bad_row.csv\"; } >parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --skip-bad --threads 4 parallel.csv\n'
         % (n // 2, n // 2 - 1),
         "ctrend: parallel.csv: skipped 2 bad records (first: parallel.csv:"
         "%d: %s)\n" % (n // 2 + 2, bad5),
         exit=0, stdout="period,value\n2001,1\n")
    case("parallel_hxl_bad", "an HDX GED file (CRLF, hashtag line 2) of "
         "35 MB read on 2 threads, its bad record the last (line %d)"
         % (n + 3), gen + par +
         "{ cat \"$D/ged_hdx_head.csv\"; rep %d "
         "\"$D/ged_hdx_long_row.csv\"; cat \"$D/ged_hdx_bad_row.csv\"; } "
         ">parallel.csv\nbig parallel.csv\n"
         '"$CTREND" series --threads 2 --measure events parallel.csv\n' % n,
         err("parallel.csv", n + 3, "%s: expected an integer from 1 to 3, "
             "got '0'" % fld(GED_HDX, "type_of_violence")))
    case("cells_over_limit", "monthly events 1900-2100 (2412 periods) of "
         "8400 distinct event types: more than the 20 million series cells "
         "of README \"Limits\", an error and not memory exhaustion", gen +
         "awk 'BEGIN { print \"event_id_cnty,event_date,year,event_type,"
         "fatalities,country\"; "
         "print \"XXX1,1900-01-05,1900,Type 0,0,Somalia\"; "
         "for (i = 1; i <= 8400; i++) "
         "printf \"XXX%d,2100-12-05,2100,Type %d,0,Somalia\\n\", i + 1, i "
         "}' >cells.csv\n"
         '"$CTREND" series --by month --measure events --group event_type '
         "cells.csv\n",
         "ctrend: more than 20000000 rows: narrow the selection\n")


def issue8_cases():
    """Issue 8, class 5: one grammar for whole numbers (integers and a
    spreadsheet's "12.0"; no exponents, fractions, hex or lists with NA),
    and death estimates that must be low <= best <= high."""
    deaths = "--measure deaths"
    for name, val in (("brd_best_0_99999", "0.99999999999999999"),
                      ("brd_best_1_5e3", "1.5e3"), ("brd_best_1e3", "1e3"),
                      ("brd_best_1e19", "1.0e19"), ("brd_best_hex", "0x10"),
                      ("brd_best_plus", "+5")):
        series(name, "bd_best '%s': not a whole number in an export's form"
               % val, csv_text(BRD, [brd(best=val)]),
               err(p(name + ".csv"), 2, "%s: %s, got '%s'"
                   % (fld(BRD, "bd_best"), NONNEG, val)), opts=deaths)
    series("brd_best_12_0", "bd_best '40.0' (a spreadsheet re-save) is 40",
           csv_text(BRD, [brd(best="40.0")]), "", exit=0, opts=deaths,
           stdout="period,value\n2001,40\n")
    series("acd_year_2_02e3", "year '2.02e3' is not the year 2020",
           csv_text(ACD, [acd(year="2.02e3")]),
           err(p("acd_year_2_02e3.csv"), 2, "%s: %s, got '2.02e3'"
               % (fld(ACD, "year"), YEAR_RANGE)))
    for name, val in (("acd_gwno_loc_750_700", "750.700"),
                      ("acd_gwno_loc_na_770", "NA, 770"),
                      ("acd_gwno_loc_1e3", "1e3")):
        series(name, "gwno_loc '%s' is not a list of GW numbers" % val,
               csv_text(ACD, [acd(gwloc=val)]),
               err(p(name + ".csv"), 2, "%s: expected a list of GW numbers, "
                   "got '%s'" % (fld(ACD, "gwno_loc"), val)))
    series("acd_region_1e3", "region '1e3' is not a region code",
           csv_text(ACD, [acd(region="1e3")]),
           err(p("acd_region_1e3.csv"), 2, "%s: expected UCDP region codes "
               "1-5, got '1e3'" % fld(ACD, "region")))
    # no gwno_loc or location: the regions come from the region column
    # (a record with known places counts in its places' regions)
    series("acd_region_3_0", "region '3.0, 1' (re-saved) is Asia and Europe",
           csv_text(ACD, [acd(region="3.0, 1", gwloc="", location="")]),
           "", exit=0,
           opts="--group region",
           stdout="period,region,value\n2001,Asia,1\n2001,Europe,1\n")
    series("acd_gwno_loc_list_0", "gwno_loc '750.0; 770' (re-saved list) is "
           "India and Pakistan", csv_text(ACD, [acd(gwloc="750.0; 770")]),
           "", exit=0, opts="--group country",
           stdout="period,country,value\n2001,India,1\n2001,Pakistan,1\n")
    series("brd_low_above_best", "bd_low 50 above bd_best 40: a warning "
           "(real UCDP releases have such rows), the value as given",
           csv_text(BRD, [brd(bd_low="50")]),
           "ctrend: %s:2: warning: 1 row with death estimates out of order, "
           "read as given (first: 'bd_low' 50 is above 'bd_best' 40; "
           "--strict to refuse)\n" % p("brd_low_above_best.csv"), exit=0,
           opts=deaths, stdout="period,value\n2001,40\n")
    case("brd_low_above_best_strict", "the same row under --strict",
         '"$CTREND" series --strict --measure deaths %s\n'
         % p("brd_low_above_best.csv"),
         err(p("brd_low_above_best.csv"), 2, "death estimates out of order: "
             "'bd_low' 50 is above 'bd_best' 40 (--strict)"))
    series("acled_fatalities_1e3", "ACLED fatalities '1e3'",
           csv_text(ACLED_CURRENT, [acled(fatal="1e3")], q_min),
           err(p("acled_fatalities_1e3.csv"), 2, "%s: %s, got '1e3'"
               % (fld(ACLED_CURRENT, "fatalities"), NONNEG)), opts=deaths)
    case("series_csv_hex", "a series CSV value '0x10' is not 16",
         '"$CTREND" fit --model poisson %s\n' % p("series_csv_hex.csv"),
         err(p("series_csv_hex.csv"), 3, "field 2 'value': expected a "
             "number, got '0x10'"),
         files={"series_csv_hex.csv":
                b"period,value\n2001,3\n2002,0x10\n2003,5\n2004,7\n"})


def _png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def _zip_bytes(name, data):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
    return buf.getvalue()


# --- writing -----------------------------------------------------------------
def write(path, raw):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(raw, str):
        raw = raw.encode()
    with open(path, "wb") as f:
        f.write(raw)


def md(s):
    return s.replace("|", "\\|")


README_HEAD = """\
# Bad-input catalogue

Inputs that ctrend must refuse (or, for a few, accept) with an exact
message, run as ctest tests `bad.NAME` (label `bad`). Everything here is
written by `make_bad.py` (Python 3 standard library): edit the script, run
`python3 tests/bad/make_bad.py` and review the diff. All values are
invented; header lines follow the real layouts (from
`tests/data/make_fixtures.py`).

- `data/`: the input files (small; a few are templates for big files that
  the case scripts make at test time in their scratch folder).
- `cases/NAME.sh`: the command line, run by `sh` from the source folder
  with `$CTREND` (the binary, wrapped in `timeout 10`, a guard against hangs; `$CT_BAD_TIMEOUT`
  seconds when set, 30 in the sanitizer build) and a scratch folder `$T`.
- `expected/NAME.stderr`, `expected/NAME.exit`, and `expected/NAME.stdout`
  where stdout is not empty (successful runs and `inspect`).
- `cases.cmake`: the list of cases for `tests/CMakeLists.txt`.

`run.sh CTREND SRC_DIR NAME` runs one case and fails when: the exit status,
stderr or stdout differ from the expected ones (stdout must be empty unless
`NAME.stdout` exists); any ctrend run hung (killed after 10 seconds);
any run died of a signal or exited >= 128; stderr holds a sanitizer report.
A case that writes `$T/SKIP` is skipped (exit 77, ctest SKIP_RETURN_CODE).
`run.sh --list SRC_DIR NAME...` (test `bad.catalogue`) checks that the
cases given to ctest are exactly those in `cases/`.

The expected messages were written from the loader code (`src/load/*.c`)
and from what a user should see, not captured from ctrend's output. Where
ctrend is wrong the case keeps the correct expectation and fails until the
bug is fixed; the "bug" column says what ctrend does instead.

| case | input and why | expected | bug (what ctrend does) |
|---|---|---|---|
"""


def main():
    catalogue()
    issue8_cases()
    for sub in ("data", "cases", "expected"):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
    for name, raw in FILES.items():
        write(os.path.join(HERE, "data", name), raw)
    rows = []
    for c in CASES:
        n = c["name"]
        write(os.path.join(HERE, "cases", n + ".sh"),
              "# SPDX-License-Identifier: MIT\n# %s\n%s" % (
                  c["why"].replace("\n", " "), c["cmd"]))
        write(os.path.join(HERE, "expected", n + ".stderr"), c["stderr"])
        write(os.path.join(HERE, "expected", n + ".exit"), "%d\n" % c["exit"])
        if c["stdout"] is not None:
            write(os.path.join(HERE, "expected", n + ".stdout"), c["stdout"])
        exp = "exit %d" % c["exit"]
        if c["stderr"]:
            exp += ": `%s`" % md(c["stderr"].strip().split("\n")[0])
        rows.append("| `%s` | %s | %s | %s |" % (
            n, md(c["why"]), exp, md(c["bug"] or "")))
    names = [c["name"] for c in CASES]
    write(os.path.join(HERE, "cases.cmake"),
          "# SPDX-License-Identifier: MIT\n"
          "# Written by tests/bad/make_bad.py: the bad-input cases.\n"
          "set(CT_BAD_CASES\n" + "".join("  %s\n" % n for n in names) + ")\n")
    bugs = sum(1 for c in CASES if c["bug"])
    write(os.path.join(HERE, "README.md"), README_HEAD + "\n".join(rows) +
          "\n\n%d cases; %d expect a behaviour ctrend does not have yet.\n"
          % (len(CASES), bugs))
    print("%d cases (%d marked as bugs), %d data files"
          % (len(CASES), bugs, len(FILES)))


if __name__ == "__main__":
    sys.exit(main())

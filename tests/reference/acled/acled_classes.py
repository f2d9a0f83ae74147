#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Independent implementation of ctrend's ACLED class rule, for testing.

Usage: acled_classes.py [SHARED_DATA_DIR] [OUT_CSV]
  SHARED_DATA_DIR  default: ../shared/data beside the repository
  OUT_CSV          default: acled_class_counts.csv beside this script

Reads every ACLED event file in SHARED_DATA_DIR/acled/*.csv with Python's
csv module (nothing from ctrend), classifies each event and writes the
number of events per class per file: `file,class,count`. Only these
counts are committed; ACLED's terms forbid redistributing its rows.

The rule is the one README.md documents ("Classes: one vocabulary", steps
1-6), written here from that text and FORMATS.md ("Classes"), not from
the C code:

  1. Only Battles, Explosions/Remote violence and Violence against
     civilians (and their older names: "Battle-...", "Remote violence")
     are armed conflict; protests, riots, strategic developments and
     anything else are `other`.
  2. Violence against civilians by an armed side (a state's forces, other
     forces of type 1/8, or an organised group of type 2-4) is
     `onesided`, otherwise `other`; a battle or explosion in which one
     side is civilians (type 7) and the other is armed is `onesided`.
  3. Actor types come from inter1/inter2: the numbers 1-8, or ACLED's
     text labels (current and older names, any letter case). A primary
     actor of type 1 (State forces) or 8 (External/Other forces) is a
     state's forces when its name, after "Military Forces of", "Police
     Forces of" or "Government of" (and an optional "the"), minus the
     tenure "(2014-)" and any unit after it, names a country of
     datasets/countries.csv (name or alias). Forces of entities outside
     the table (Somaliland, AU missions, "Unidentified Military Forces")
     are armed, but of no state, unless an associate actor on their side
     is a state's forces: then the side is that state's.
  4. Two states' forces on opposite sides, of different states:
     `interstate`.
  5. A state's forces against an armed side (an organised group, type
     2-4, or forces of no state), or against forces of the same state:
     `intrastate` -- `internationalized` when any actor or associate
     actor (assoc_actor_*, ALLY_ACTOR_* in the legacy layout) is the
     forces of a state other than the event's country.
  6. Organised groups (types 2-4) on both sides: `nonstate`. Anything
     else (one actor only, groups against forces of no state, ...):
     `unclassified`.

A primary actor of type 1/8 that names no state ("NATO: ...",
"Unidentified Military Forces") takes the state of the first associate
actor on its side that is a state's forces (step 3 of README.md), as
FORMATS.md's "a foreign state's forces take part as actor or associate"
asks.

The event's country is found as ctrend's loader finds it: iso3, then the
ISO numeric `iso`, then the legacy `GWNO`, then the country name.
Python 3 standard library only.
"""
import csv
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CLASSES = ["extrasystemic", "interstate", "intrastate", "internationalized",
           "nonstate", "onesided", "statebased", "unclassified", "other"]

LABELS = {
    "state forces": 1,
    "rebel group": 2, "rebel groups": 2, "rebel forces": 2,
    "political militia": 3, "political militias": 3, "militia groups": 3,
    "identity militia": 4, "identity militias": 4,
    "communal/identity groups": 4, "communal militia": 4,
    "ethnic militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7,
    "external/other forces": 8, "foreign/others": 8, "other forces": 8,
    "other": 8,
}


def norm(s):
    return s.replace("\u2019", "'").strip().lower()


class Countries:
    def __init__(self, path):
        self.by_name, self.by_iso3, self.by_num, self.by_gw = {}, {}, {}, {}
        with open(path, encoding="utf-8", newline="") as f:
            for i, r in enumerate(csv.DictReader(f)):
                key = i  # a country is its row number
                names = [r["name"]] + [a for a in r["aliases"].split(";")]
                if r["iso3"]:
                    names.append(r["iso3"])
                    self.by_iso3[r["iso3"].upper()] = key
                for n in names:
                    if n.strip():
                        self.by_name.setdefault(norm(n), key)
                if r["iso_num"]:
                    self.by_num.setdefault(int(r["iso_num"]), key)
                if r["gwno"]:
                    self.by_gw.setdefault(int(r["gwno"]), key)

    def name(self, s):
        return self.by_name.get(norm(s)) if s and s.strip() else None


def inter_code(s):
    s = (s or "").strip()
    if not s:
        return 0
    if re.fullmatch(r"\d+(\.0*)?", s):
        v = int(float(s))
        return v if 0 <= v <= 8 else 0
    return LABELS.get(s.lower(), 0)


STATE_RE = re.compile(r"^\s*(?:military forces of|police forces of|"
                      r"government of)\s+(?:the\s+)?([^(;]*)", re.I)


def state_of(name, countries):
    m = STATE_RE.match(name or "")
    if not m:
        return None
    return countries.name(m.group(1).strip())


def names_in(field):
    return [p.strip() for p in (field or "").split(";") if p.strip()]


def side(r, k, countries):
    """(kind, state) of side k ("1" or "2"): its primary actor."""
    name = r["actor" + k].strip()
    code = inter_code(r["inter" + k])
    if not name:
        return ("none", None)
    if code in (1, 8):
        st = state_of(name, countries)
        if st is None:  # "NATO", "Unidentified Military Forces": the
            for n in names_in(r["assoc" + k]):  # state of an associate
                st = state_of(n, countries)
                if st is not None:
                    break
        return ("state", st) if st is not None else ("forces", None)
    if code in (2, 3, 4):
        return ("group", None)
    if code in (5, 6):
        return ("crowd", None)
    if code == 7:
        return ("civilians", None)
    return ("none", None)


def foreign_forces(r, countries, home):
    """1 when an actor or associate is the forces of a state not home."""
    for field in ("actor1", "assoc1", "actor2", "assoc2"):
        for n in names_in(r[field]):
            st = state_of(n, countries)
            if st is not None and st != home:
                return True
    return False


def classify(r, countries, home):
    et = r["event_type"].strip().lower()
    vac = et.startswith("violence against civilians")
    if not (vac or et.startswith("battle") or et.startswith("explosions")
            or et.startswith("remote")):
        return "other"                                    # step 1
    k1, s1 = side(r, "1", countries)
    k2, s2 = side(r, "2", countries)
    armed = ("state", "forces", "group")
    if vac:                                               # step 2
        return "onesided" if k1 in armed else "other"
    if k1 == "civilians" or k2 == "civilians":
        other = k2 if k1 == "civilians" else k1
        return "onesided" if other in armed else "other"
    if k1 == "state" and k2 == "state" and s1 != s2:      # step 4
        return "interstate"
    if (k1 == "state" and k2 in armed) or (k2 == "state" and k1 in armed):
        return ("internationalized" if foreign_forces(r, countries, home)
                else "intrastate")                        # step 5
    if k1 == "group" and k2 == "group":                   # step 6
        return "nonstate"
    return "unclassified"


def home_country(r, countries):
    c = None
    if r.get("iso3"):
        c = countries.by_iso3.get(r["iso3"].strip().upper())
    if c is None and r.get("iso", "").strip().isdigit() and \
            int(r["iso"]) > 0:
        c = countries.by_num.get(int(r["iso"]))
    if c is None and r.get("gwno", "").strip().isdigit():
        c = countries.by_gw.get(int(r["gwno"]))
    if c is None:
        c = countries.name(r.get("country", ""))
    return c


def read_events(path):
    """Rows as dicts with lower-case keys; the HXL line is dropped."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rd = csv.reader(f)
        header = [h.strip().lower() for h in next(rd)]
        first = True
        for row in rd:
            if not row:
                continue
            if first:
                first = False
                cells = [c.strip() for c in row if c.strip()]
                if cells and all(c.startswith("#") for c in cells):
                    continue
            r = dict(zip(header, row))
            r.setdefault("assoc_actor_1", r.get("ally_actor_1", ""))
            r.setdefault("assoc_actor_2", r.get("ally_actor_2", ""))
            r["assoc1"] = r["assoc_actor_1"]
            r["assoc2"] = r["assoc_actor_2"]
            yield r


def main(argv):
    shared = argv[1] if len(argv) > 1 else os.path.join(REPO, "..",
                                                         "shared", "data")
    out = argv[2] if len(argv) > 2 else os.path.join(
        HERE, "acled_class_counts.csv")
    countries = Countries(os.path.join(REPO, "datasets", "countries.csv"))
    files = sorted(glob.glob(os.path.join(shared, "acled", "*.csv")))
    if not files:
        print("no ACLED files under %s" % shared, file=sys.stderr)
        return 1
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("file,class,count\n")
        for path in files:
            counts = dict.fromkeys(CLASSES, 0)
            for r in read_events(path):
                counts[classify(r, countries,
                                home_country(r, countries))] += 1
            for c in CLASSES:
                f.write("%s,%s,%d\n" % (os.path.basename(path), c,
                                        counts[c]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

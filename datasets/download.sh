#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Downloads the real UCDP exports (and ACLED events, with your own ACLED
# account) into a folder OUTSIDE the repository, for users with internet.
# The files are not redistributed by ctrend: UCDP data are CC BY 4.0 (cite
# them), ACLED's terms forbid redistribution.
#
# Usage: datasets/download.sh [-v UCDP_VERSION] [-o DIR] [ucdp] [acled]
#   UCDP_VERSION  release such as 25.1 (default 25.1)
#   DIR           where to put the files (default ./ctrend-data)
#   acled         needs ACLED_EMAIL and ACLED_PASSWORD in the environment
#                 (ACLED's OAuth API), and optionally ACLED_COUNTRY,
#                 ACLED_FROM (YYYY-MM-DD) and ACLED_TO.
# Each URL can be overridden, e.g. UCDP_URL_ACD=... if UCDP moves files.
set -euo pipefail

ver=25.1
out=./ctrend-data
while getopts "v:o:h" opt; do
  case $opt in
    v) ver=$OPTARG ;;
    o) out=$OPTARG ;;
    h) sed -n '3,16p' "$0"; exit 0 ;;
    *) echo "download: bad option; see -h" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
what=("$@")
((${#what[@]})) || what=(ucdp)

die() { echo "download: $*" >&2; exit 1; }
command -v curl >/dev/null || die "curl is not installed (apt-get install curl)"
command -v unzip >/dev/null || die "unzip is not installed (apt-get install unzip)"
mkdir -p "$out"

fetch() { # URL FILE
  local rc=0
  curl -fsSL --retry 2 --connect-timeout 15 -o "$2.part" "$1" || rc=$?
  if ((rc == 6 || rc == 7 || rc == 28)); then
    rm -f "$2.part"
    die "cannot reach $(echo "$1" | cut -d/ -f3) (curl exit $rc): no internet connection here?"
  fi
  ((rc == 0)) || { rm -f "$2.part"; die "download of $1 failed (curl exit $rc)"; }
  mv "$2.part" "$2"
}

v=${ver/./}
base=https://ucdp.uu.se/downloads
for w in "${what[@]}"; do
  case $w in
  ucdp)
    declare -A urls=(
      [acd]=${UCDP_URL_ACD:-$base/ucdpprio/ucdp-prio-acd-$v-csv.zip}
      [brd]=${UCDP_URL_BRD:-$base/brd/ucdp-brd-dyadic-$v-csv.zip}
      [nonstate]=${UCDP_URL_NONSTATE:-$base/nsos/ucdp-nonstate-$v-csv.zip}
      [onesided]=${UCDP_URL_ONESIDED:-$base/nsos/ucdp-onesided-$v-csv.zip}
      [ged]=${UCDP_URL_GED:-$base/ged/ged$v-csv.zip})
    for k in acd brd nonstate onesided ged; do
      echo "download: UCDP $k $ver" >&2
      fetch "${urls[$k]}" "$out/ucdp-$k-$v.zip"
      unzip -o -q "$out/ucdp-$k-$v.zip" -d "$out/ucdp-$k-$v"
    done
    ;;
  acled)
    : "${ACLED_EMAIL:?set ACLED_EMAIL to your ACLED account e-mail}"
    : "${ACLED_PASSWORD:?set ACLED_PASSWORD to your ACLED password}"
    tok=$(curl -fsS --connect-timeout 15 -X POST https://acleddata.com/oauth/token \
          -d username="$ACLED_EMAIL" -d password="$ACLED_PASSWORD" \
          -d grant_type=password -d client_id=acled) \
      || die "cannot get an ACLED token (no internet, or wrong credentials)"
    tok=$(printf '%s' "$tok" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
    [[ -n $tok ]] || die "ACLED refused the credentials"
    q="_format=csv&limit=0"
    [[ -n ${ACLED_COUNTRY:-} ]] && q="$q&country=$(printf '%s' "$ACLED_COUNTRY" | sed 's/ /%20/g')"
    [[ -n ${ACLED_FROM:-} ]] && q="$q&event_date=${ACLED_FROM}|${ACLED_TO:-$(date +%F)}&event_date_where=BETWEEN"
    echo "download: ACLED events ($q)" >&2
    curl -fsS -H "Authorization: Bearer $tok" -o "$out/acled.csv.part" \
      "https://acleddata.com/api/acled/read?$q" || die "ACLED download failed"
    mv "$out/acled.csv.part" "$out/acled.csv"
    ;;
  *) die "unknown source '$w' (ucdp or acled)" ;;
  esac
done
echo "download: files are in $out; check them with: ctrend inspect $out/*/*.csv" >&2

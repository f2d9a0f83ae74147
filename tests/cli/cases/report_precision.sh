# SPDX-License-Identifier: MIT
# issue 9: `report --precision N` sets the significant digits of the
# numbers in the tables (Markdown, HTML, tables/*.csv) and results.json,
# as `claims --precision` does; whole numbers (years, counts) stay whole.
# Bundled synthetic data; gnuplot draws the charts (skipped without it).
if ! command -v gnuplot >/dev/null 2>&1; then echo "no gnuplot"; exit 0; fi
export SOURCE_DATE_EPOCH=0
for p in default 3; do
    if [ $p = default ]; then opt=; else opt="--precision $p"; fi
    "$CTREND" report $opt -o "$T/$p" 2>/dev/null || echo "exit $?"
    echo "--- precision $p: tables/claim-1-effects.csv"
    sed -n 2p "$T/$p/tables/claim-1-effects.csv"
    echo "--- tables/trends-asia-subregion.csv"
    sed -n 2p "$T/$p/tables/trends-asia-subregion.csv"
    echo "--- report.md"
    grep -m1 '^| UCDP ACD 23.1-synthetic | source window' "$T/$p/report.md"
    echo "--- report.html"
    grep -o '<td>quasi-Poisson</td><td class="num">[^<]*</td><td class="num">[^<]*</td>' "$T/$p/report.html" | head -1
    echo "--- results.json"
    grep -m2 -E '"(effect|p)":' "$T/$p/results.json"
done
echo "--- out of range"
"$CTREND" report --precision 18 -o "$T/x"; echo "exit $?"

#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/report/run.sh CTREND SOURCE_DIR MODE - `ctrend report` and
# `ctrend claims --plots`.
#   atomic    a failure (gnuplot fails, the folder exists, bad input)
#             leaves no DIR and no temporary folder; an existing folder
#             is never touched
#   files     the folder holds what the README lists; the manifest checks
#             with sha256sum -c and lists the inputs; one CSV per table;
#             results.json is the claims JSON; the wide class table adds
#             up and equals `ctrend series`; the subregion trends equal
#             R's glm (poisson, quasipoisson when dispersed) on the
#             report's own count table (skipped without Rscript)
#   escape    names holding <script>, &, |, backticks and line breaks
#             (a country table and a claims file made for the test) are
#             text in report.md (cmark parses no HTML from it, cmark-gfm
#             finds every table) and in report.html (no element made of
#             them: the DOM Chromium builds has no <script>)
#   markdown  report.md survives a CommonMark round trip (cmark renders
#             it and its own CommonMark rewrite to the same HTML), has no
#             raw HTML, and cmark-gfm finds one table per tables/*.csv
#   browser   headless Chromium loads report.html: no console message
#             (the page's Content-Security-Policy forbids every request,
#             so a request would be logged as a violation; a page made to
#             request an image checks that such a message is caught),
#             every chart and table is in the DOM, a screenshot is taken
#   plots     `ctrend claims --plots DIR` writes a specification file and
#             a PNG for every chart, readable by `ctrend plot specification`;
#             specifications that differ only in their window (no choice
#             column) get a curve without the choices panel, in claims and
#             report; an all-NA specification file is refused before gnuplot
# Exit 77 (skipped) when gnuplot, cmark or chromium is missing.
set -u
CT=$1; SRC=$2; MODE=$3
TMP=$(mktemp -d /tmp/ctrend-report-test.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000
fail=0
die() { echo "FAIL: $*"; exit 1; }
need_gnuplot() {
    command -v "${CTREND_GNUPLOT:-gnuplot}" >/dev/null 2>&1 ||
        { echo "SKIP: gnuplot not found (install gnuplot-nox)"; exit 77; }
}
# the report of the bundled synthetic data, made once per mode
report() {
    need_gnuplot
    "$CT" report -o "$TMP/rep" "$@" 2>"$TMP/rep.err" ||
        { cat "$TMP/rep.err"; die "ctrend report exited $?"; }
}
no_leftovers() { # DIR: neither DIR nor DIR.tmp-* may exist
    [ -e "$1" ] && die "$1 exists after a failure"
    ls -d "$1".tmp-* >/dev/null 2>&1 && die "temporary folder left: $(ls -d "$1".tmp-*)"
    return 0
}

case $MODE in
atomic)
    # gnuplot fails: exit 1, nothing left
    CTREND_GNUPLOT=false "$CT" report -o "$TMP/a" 2>"$TMP/err"; rc=$?
    [ $rc -eq 1 ] || die "gnuplot failing: exit $rc, expected 1"
    grep -q 'gnuplot failed' "$TMP/err" || die "no gnuplot message: $(cat "$TMP/err")"
    no_leftovers "$TMP/a"
    # gnuplot missing
    CTREND_GNUPLOT=/nonexistent/gnuplot "$CT" report -o "$TMP/b" 2>"$TMP/err"; rc=$?
    [ $rc -eq 1 ] || die "gnuplot missing: exit $rc, expected 1"
    grep -q 'gnuplot not found' "$TMP/err" || die "no 'not found' message: $(cat "$TMP/err")"
    no_leftovers "$TMP/b"
    # a bad input fails before anything is written
    printf 'not,an,export\n1,2,3\n' > "$TMP/bad.csv"
    "$CT" report --ucdp "$TMP/bad.csv" -o "$TMP/c" 2>"$TMP/err"; rc=$?
    [ $rc -eq 1 ] || die "bad input: exit $rc, expected 1"
    no_leftovers "$TMP/c"
    # an existing folder with files is refused and left as it was
    mkdir "$TMP/d"; echo keep > "$TMP/d/mine.txt"
    "$CT" report -o "$TMP/d" 2>"$TMP/err"; rc=$?
    [ $rc -eq 1 ] || die "existing folder: exit $rc, expected 1"
    grep -q "exists" "$TMP/err" || die "no 'exists' message: $(cat "$TMP/err")"
    [ "$(ls "$TMP/d")" = mine.txt ] && [ "$(cat "$TMP/d/mine.txt")" = keep ] ||
        die "existing folder was changed"
    ls -d "$TMP"/d.tmp-* >/dev/null 2>&1 && die "temporary folder left beside d"
    # usage: no -o
    "$CT" report 2>/dev/null; rc=$?
    [ $rc -eq 2 ] || die "no -o: exit $rc, expected 2"
    # success: an empty folder is replaced, no temporary folder remains
    need_gnuplot
    mkdir "$TMP/e"
    "$CT" report -o "$TMP/e" 2>/dev/null || die "report into an empty folder failed"
    [ -f "$TMP/e/report.html" ] || die "no report.html"
    ls -d "$TMP"/e.tmp-* >/dev/null 2>&1 && die "temporary folder left after success"
    ;;
files)
    report
    grep -q 'synthetic data' "$TMP/rep.err" || die "no note that the synthetic data were used"
    grep -q 'SYNTHETIC' "$TMP/rep/report.md" || die "report.md does not say the data are synthetic"
    for f in report.md report.html results.json manifest; do
        [ -s "$TMP/rep/$f" ] || die "missing $f"
    done
    (cd "$TMP/rep" && sha256sum --quiet -c manifest) || die "manifest does not check"
    # every file but the manifest is listed once
    (cd "$TMP/rep" && find . -type f ! -name manifest | sed 's|^\./||' | sort) > "$TMP/have"
    grep -v '^#' "$TMP/rep/manifest" | sed 's/^[0-9a-f]\{64\}  //' | sort > "$TMP/listed"
    diff "$TMP/have" "$TMP/listed" || die "manifest and folder differ"
    # the inputs with their digests (computed here by sha256sum)
    for f in "$SRC/datasets/synthetic/acd_synthetic.csv" "$SRC/datasets/synthetic/acled_synthetic.csv"; do
        h=$(sha256sum < "$f" | cut -c1-64)
        grep -q "^# input $h  " "$TMP/rep/manifest" || die "input $f ($h) not in the manifest"
    done
    # charts: a PNG and an SVG each, tables: at least the fixed ones
    n_png=$(ls "$TMP/rep/charts/"*.png | wc -l); n_svg=$(ls "$TMP/rep/charts/"*.svg | wc -l)
    [ "$n_png" -eq "$n_svg" ] && [ "$n_png" -ge 4 ] || die "charts: $n_png PNG, $n_svg SVG"
    for t in data verdicts trends-asia-subregion asia-subregion-by-year conflicts-by-class-by-year; do
        [ -s "$TMP/rep/tables/$t.csv" ] || die "missing tables/$t.csv"
    done
    for f in "$TMP/rep/charts/"*.png; do
        [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || die "$f is not a PNG"
    done
    # results.json is the claims JSON of the same run
    SOURCE_DATE_EPOCH=1700000000 "$CT" claims --format json -o "$TMP/claims.json" 2>/dev/null
    cmp -s "$TMP/claims.json" "$TMP/rep/results.json" || die "results.json differs from ctrend claims --format json"
    # the wide table: one row per year, totals add up (awk, not ctrend)
    awk -F, 'NR > 1 { s = 0; for (i = 2; i < NF; i++) s += $i; if (s != $NF) { print "row " NR ": " s " != " $NF; bad = 1 } }
             END { exit bad }' "$TMP/rep/tables/conflicts-by-class-by-year.csv" || die "class table totals"
    # the same counts as `ctrend series --group class`
    "$CT" series --group class --format csv "$SRC/datasets/synthetic/acd_synthetic.csv" > "$TMP/series.csv" 2>/dev/null
    awk -F, 'NR == FNR { if (FNR > 1) tot[$1] += $3; next }
             FNR > 1 && tot[$1] != $NF { print "year " $1 ": " tot[$1] " != " $NF; bad = 1 }
             END { exit bad }' "$TMP/series.csv" "$TMP/rep/tables/conflicts-by-class-by-year.csv" ||
        die "class table differs from ctrend series"
    # the trend per subregion against R's glm on the wide table's counts
    if command -v Rscript >/dev/null 2>&1; then
        Rscript -e '
w <- read.csv(commandArgs(TRUE)[1], check.names = FALSE)
t <- read.csv(commandArgs(TRUE)[2], check.names = FALSE)
bad <- 0
for (i in seq_len(nrow(t))) {
  col <- paste0(t$subregion[i], " (conflicts)")
  y <- w[[col]]; yr <- as.numeric(w$year); ok <- !is.na(y)
  if (sum(y[ok] > 0) < 2) next
  # tight convergence (R stops at a relative deviance change of 1e-8)
  f <- glm(y[ok] ~ yr[ok], family = poisson, control = glm.control(epsilon = 1e-12, maxit = 100))
  fam <- "Poisson"
  if (sum(residuals(f, "pearson")^2) / f$df.residual > 1) {
    f <- glm(y[ok] ~ yr[ok], family = quasipoisson, control = glm.control(epsilon = 1e-12, maxit = 100)); fam <- "quasi-Poisson" }
  pct <- 100 * (exp(coef(f)[2]) - 1)
  p <- summary(f)$coefficients[2, 4]
  got <- t[["trend (% per year)"]][i]
  if (abs(got - pct) > 1e-6 * max(1, abs(pct)) || abs(t$p[i] - p) > 1e-7 || t$model[i] != fam) {
    cat("trend of", t$subregion[i], ": report", got, t$p[i], t$model[i], ", R", pct, p, fam, "\n"); bad <- 1 }
}
quit(status = bad)' "$TMP/rep/tables/asia-subregion-by-year.csv" "$TMP/rep/tables/trends-asia-subregion.csv" ||
            die "regional trends differ from R"
    else
        echo "note: Rscript not found, regional trends not checked against R"
    fi
    ;;
escape)
    need_gnuplot
    # a country table whose Asian subregion names and a claims file whose
    # words hold markup, pipes, backticks, ampersands and line breaks
    python3 - "$SRC" "$TMP" <<'PY' || die "cannot make the fixtures"
import csv, json, sys
src, tmp = sys.argv[1], sys.argv[2]
bad = {"Eastern Asia": "East <script>alert(1)</script> Asia",
       "South-eastern Asia": "SE & | pipe | `tick` Asia",
       "Central Asia": "Central\nAsia <b>bold</b>"}
rows = list(csv.reader(open(src + "/datasets/countries.csv", newline="")))
col = rows[0].index("un_subregion")
for r in rows[1:]:
    if r[col] in bad:
        r[col] = bad[r[col]]
csv.writer(open(tmp + "/countries.csv", "w", newline="")).writerows(rows)
d = json.load(open(src + "/datasets/claims/article.json"))
d["title"] = "Title <script>alert('t')</script> & | `x`"
c = d["claims"][0]
c["paraphrase"] = "para <img src=x onerror=alert(1)> | `code` & more\nnext line"
c["quote"] = "quote </blockquote><script>alert(2)</script>"
c["attribution"] = "*bold* [link](http://example.invalid) & co"
json.dump(d, open(tmp + "/claims.json", "w"))
PY
    "$CT" report --countries "$TMP/countries.csv" --claims "$TMP/claims.json" \
        --title 'My <script>alert(3)</script> | report & `co`' -o "$TMP/rep" 2>"$TMP/err" ||
        { cat "$TMP/err"; die "report on the hostile fixtures failed"; }
    R=$TMP/rep
    # HTML: the markup is escaped text
    grep -q '<script' "$R/report.html" && die "report.html holds a <script"
    grep -q '<img src=x' "$R/report.html" && die "report.html holds the injected <img>"
    for s in 'East &lt;script&gt;alert(1)&lt;/script&gt; Asia' 'SE &amp; | pipe | `tick` Asia' \
             'Central Asia &lt;b&gt;bold&lt;/b&gt;' 'My &lt;script&gt;alert(3)&lt;/script&gt; | report &amp; `co`' \
             'para &lt;img src=x onerror=alert(1)&gt; | `code` &amp; more next line'; do
        grep -qF "$s" "$R/report.html" || die "report.html lacks the text: $s"
    done
    # Markdown: cmark parses no raw HTML and no link from it; the names
    # render back as the same text
    if command -v cmark >/dev/null 2>&1; then
        cmark -t xml "$R/report.md" > "$TMP/md.xml"
        grep -q 'html_inline\|html_block' "$TMP/md.xml" && die "report.md has raw HTML for cmark"
        grep -q '<link' "$TMP/md.xml" && die "report.md has a link for cmark"
        cmark "$R/report.md" > "$TMP/md.html"
        for s in 'East &lt;script&gt;alert(1)&lt;/script&gt; Asia' 'SE &amp; | pipe | `tick` Asia' \
                 'Central Asia &lt;b&gt;bold&lt;/b&gt;' '*bold* [link](http://example.invalid) &amp; co'; do
            grep -qF "$s" "$TMP/md.html" || die "cmark output lacks the text: $s"
        done
    else
        echo "note: cmark not found, Markdown side checked by grep only"
        grep -qF 'East \<script\>alert(1)\</script\> Asia' "$R/report.md" || die "report.md: name not escaped"
    fi
    if command -v cmark-gfm >/dev/null 2>&1; then
        n=$(cmark-gfm -e table "$R/report.md" | grep -c '<table>')
        m=$(ls "$R/tables" | wc -l)
        [ "$n" -eq "$m" ] || die "cmark-gfm finds $n tables, tables/ has $m"
    fi
    # CSV: the wide table's header holds the names as fields
    python3 - "$R/tables/asia-subregion-by-year.csv" <<'PY' || die "CSV header"
import csv, sys
h = next(csv.reader(open(sys.argv[1], newline="")))
want = {"East <script>alert(1)</script> Asia (conflicts)", "SE & | pipe | `tick` Asia (conflicts)",
        "Central\nAsia <b>bold</b> (conflicts)"}
missing = want - set(h)
if missing: sys.exit("missing columns: %r in %r" % (missing, h))
PY
    # the DOM Chromium builds holds no element made of the names
    if command -v chromium >/dev/null 2>&1 &&
       timeout 120 chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$R/report.html" > "$TMP/dom.html" 2>/dev/null; then
        grep -qi '<script' "$TMP/dom.html" && die "the DOM holds a script element"
        grep -qF 'East &lt;script&gt;alert(1)&lt;/script&gt; Asia' "$TMP/dom.html" || die "DOM lacks the name as text"
    else
        echo "note: chromium cannot start, DOM not checked"
    fi
    ;;
markdown)
    command -v cmark >/dev/null 2>&1 || { echo "SKIP: cmark not found (Debian: cmark)"; exit 77; }
    report
    cmark "$TMP/rep/report.md" > "$TMP/a.html"
    cmark -t commonmark "$TMP/rep/report.md" | cmark > "$TMP/b.html"
    cmp -s "$TMP/a.html" "$TMP/b.html" || { diff "$TMP/a.html" "$TMP/b.html" | head; die "CommonMark round trip changes the document"; }
    cmark -t xml "$TMP/rep/report.md" | grep -q 'html_inline\|html_block' && die "report.md has raw HTML"
    # headings: one per claim, plus the fixed sections
    for h in 'Data and versions' Verdicts 'Regional trends' Methods Citations Files; do
        grep -q "<h2>$h</h2>" "$TMP/a.html" || die "no section $h"
    done
    # every image the Markdown links to exists
    grep -o '<img src="[^"]*"' "$TMP/a.html" | sed 's/<img src="//; s/"$//' | while read -r p; do
        [ -s "$TMP/rep/$p" ] || { echo "FAIL: image $p missing"; exit 1; }
    done || exit 1
    if command -v cmark-gfm >/dev/null 2>&1; then
        n=$(cmark-gfm -e table "$TMP/rep/report.md" | grep -c '<table>')
        m=$(ls "$TMP/rep/tables" | wc -l)
        [ "$n" -eq "$m" ] || die "cmark-gfm finds $n tables, tables/ has $m"
    else
        echo "note: cmark-gfm not found, tables not counted"
    fi
    ;;
browser)
    command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium not found (Debian: chromium)"; exit 77; }
    C="chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0"
    # the check catches a request: a page that asks for an image
    mkdir -p "$TMP/neg"
    cat > "$TMP/neg/t.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head><body><img src="http://example.invalid/x.png" alt=""></body></html>
EOF
    if ! timeout 120 $C --dump-dom "file://$TMP/neg/t.html" >/dev/null 2>"$TMP/neg.log"; then
        echo "SKIP: chromium cannot start: $(grep -v dbus "$TMP/neg.log" | tail -3)"; exit 77
    fi
    grep -q 'CONSOLE.*example.invalid' "$TMP/neg.log" || die "the log check does not see a blocked request"
    report
    timeout 120 $C --dump-dom "file://$TMP/rep/report.html" > "$TMP/dom.html" 2>"$TMP/page.log" ||
        die "chromium failed on report.html"
    if grep -E ':CONSOLE|net::ERR|Refused to' "$TMP/page.log"; then die "the page logged a message or a request"; fi
    n_svg=$(ls "$TMP/rep/charts/"*.svg | wc -l)
    n_img=$(grep -o '<img [^>]*src="data:image/svg+xml;base64,' "$TMP/dom.html" | wc -l)
    [ "$n_img" -eq "$n_svg" ] || die "DOM has $n_img charts, charts/ has $n_svg SVG"
    n_tab=$(grep -o '<table>' "$TMP/dom.html" | wc -l)
    n_csv=$(ls "$TMP/rep/tables" | wc -l)
    [ "$n_tab" -eq "$n_csv" ] || die "DOM has $n_tab tables, tables/ has $n_csv"
    grep -q '<script' "$TMP/dom.html" && die "the DOM holds a script"
    timeout 120 $C --screenshot="$TMP/shot.png" --window-size=1200,3000 "file://$TMP/rep/report.html" \
        >/dev/null 2>"$TMP/shot.log" || die "no screenshot"
    [ "$(head -c 8 "$TMP/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || die "screenshot is not a PNG"
    # width and height from the IHDR chunk
    wh=$(od -An -tu1 -j16 -N8 "$TMP/shot.png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
    [ "$wh" = 1200x3000 ] || die "screenshot is $wh"
    # a phone-sized rendering (390 px wide) loads too
    timeout 120 $C --screenshot="$TMP/phone.png" --window-size=390,2000 "file://$TMP/rep/report.html" \
        >/dev/null 2>&1 || die "no phone screenshot"
    ;;
plots)
    need_gnuplot
    "$CT" claims --plots "$TMP/p" -o "$TMP/claims.txt" 2>/dev/null || die "claims --plots failed"
    n=0
    for csv in "$TMP/p/"*.csv; do
        png=${csv%.csv}.png
        [ -s "$png" ] || die "no chart for $csv"
        head -1 "$csv" | grep -q '^id,estimate,ci_low,ci_high,p_value,from,to' || die "$csv: header $(head -1 "$csv")"
        case $csv in
        *-windows.csv) "$CT" plot specification --windows --data-only -o "$TMP/plot.tsv" "$csv" || die "plot cannot read $csv" ;;
        *) "$CT" plot specification --data-only -o "$TMP/plot.tsv" "$csv" || die "plot cannot read $csv" ;;
        esac
        n=$((n + 1))
    done
    [ $n -ge 4 ] || die "only $n charts"
    # specifications that differ only in their window (no choice column):
    # the curve is drawn without the choices panel, in claims and report
    rule=$SRC/tests/data/claims/rule.json
    "$CT" claims --claims "$rule" --plots "$TMP/r" -o "$TMP/rule.txt" 2>"$TMP/rule.err" ||
        die "claims --plots on rule.json failed: $(cat "$TMP/rule.err")"
    f=$TMP/r/T1-source-window-ucdp1-specification
    [ "$(head -1 "$f.csv")" = "id,estimate,ci_low,ci_high,p_value,from,to" ] ||
        die "$f.csv has choice columns: $(head -1 "$f.csv")"
    [ -s "$f.png" ] || die "no chart for $f.csv"
    "$CT" report --claims "$rule" -o "$TMP/rrep" 2>"$TMP/rrep.err" ||
        die "report on rule.json failed: $(cat "$TMP/rrep.err")"
    [ -s "$TMP/rrep/charts/T1-source-window-ucdp1-specification.png" ] ||
        die "report on rule.json: no specification chart"
    # a specification file whose every estimate is NA: a clear error, no
    # image, not a gnuplot failure
    printf 'id,estimate,ci_low,ci_high,p_value,model\nS1,NA,NA,NA,NA,poisson\nS2,,,,,negbin\n' >"$TMP/na.csv"
    "$CT" plot specification -o "$TMP/na.png" "$TMP/na.csv" 2>"$TMP/na.err"; rc=$?
    [ $rc -ne 0 ] || die "all-NA specification file: exit 0"
    grep -q 'no specification has an estimate' "$TMP/na.err" || die "all-NA: message $(cat "$TMP/na.err")"
    grep -q 'gnuplot' "$TMP/na.err" && die "all-NA reached gnuplot: $(cat "$TMP/na.err")"
    [ -e "$TMP/na.png" ] && die "all-NA: an image was written"
    ;;
*)
    echo "unknown mode $MODE"; exit 2 ;;
esac
exit $fail

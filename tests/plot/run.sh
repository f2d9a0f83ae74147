#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/plot/run.sh CTREND SOURCE_DIR MODE - the charts of `ctrend plot`.
#   data       the data file every kind hands gnuplot (--data-only) equals
#              tests/plot/expected/<kind>.tsv (--update rewrites them;
#              review the diff: the trend numbers are checked against R
#              in unit.plot)
#   smoke      renders every kind to PNG, SVG and PDF; checks each file's
#              format, size and (PNG) width x height from its header;
#              exit 77 (skipped) when gnuplot is absent
#   injection  labels holding quotes, backticks, semicolons, newlines and
#              system("touch ...") run nothing and print as text
set -u
CT=$1; SRC=$2; MODE=$3; UPDATE=${4:-}
ACD=$SRC/datasets/synthetic/acd_synthetic.csv
ACLED=$SRC/datasets/synthetic/acled_synthetic.csv
EXP=$SRC/tests/plot/expected
TMP=$(mktemp -d /tmp/ctrend-plot-test.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C
fail=0

# kind name, then its arguments (one line each)
cases() {
cat <<CASES
trends|trends --class intra --region Asia --group subregion --from 1993 --breaks 1 $ACD
trends_acled|trends --measure events --group region --by month --from 2016 $ACLED
classes|classes $ACD
compare|compare --class intra --region Asia --group subregion --periods 1989-1993,2015-2022 $ACD
deaths|deaths --group region --from 2015 $TMP/ged.csv
specification|specification $SRC/tests/plot/spec_synthetic.csv
windows|specification --windows $SRC/tests/plot/windows_synthetic.csv
CASES
}
# a small GED export with the three death estimates (seeded generator)
"$CT" generate --layout ged --rows 3000 --seed 7 -o "$TMP/ged.csv" >/dev/null || exit 1

case $MODE in
data)
    cases | while IFS='|' read -r name args; do
        # shellcheck disable=SC2086
        "$CT" plot $args --data-only -q -o "$TMP/$name.tsv" || { echo "FAIL $name: exit $?"; exit 1; }
        if [ "$UPDATE" = --update ]; then
            cp "$TMP/$name.tsv" "$EXP/$name.tsv"
        elif ! diff -u "$EXP/$name.tsv" "$TMP/$name.tsv"; then
            echo "FAIL $name: data file differs from $EXP/$name.tsv"; exit 1
        fi
    done || fail=1
    ;;
smoke)
    if ! command -v "${CTREND_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
        echo "SKIP: gnuplot not found (install gnuplot-nox): charts not rendered"
        exit 77
    fi
    cases | while IFS='|' read -r name args; do
        for f in png svg pdf; do
            out=$TMP/$name.$f
            # shellcheck disable=SC2086
            "$CT" plot $args -q --format $f -o "$out" || { echo "FAIL $name.$f: exit $?"; exit 1; }
            size=$(wc -c < "$out")
            [ "$size" -gt 5000 ] || { echo "FAIL $name.$f: only $size bytes"; exit 1; }
            case $f in
            png)
                magic=$(od -An -tx1 -N8 "$out" | tr -d ' \n')
                [ "$magic" = 89504e470d0a1a0a ] || { echo "FAIL $name.png: not a PNG"; exit 1; }
                # IHDR: width and height, big-endian, at bytes 16-23
                wh=$(od -An -tu1 -j16 -N8 "$out" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
                [ "$wh" = 1600x1000 ] || { echo "FAIL $name.png: $wh, not 1600x1000"; exit 1; } ;;
            svg)
                grep -q '<svg' "$out" && grep -q 'width="1600"' "$out" && grep -q '</svg>' "$out" \
                    || { echo "FAIL $name.svg: not a complete 1600-wide SVG"; exit 1; } ;;
            pdf)
                [ "$(head -c 5 "$out")" = "%PDF-" ] && tail -c 32 "$out" | grep -q '%%EOF' \
                    || { echo "FAIL $name.pdf: not a complete PDF"; exit 1; } ;;
            esac
            echo "ok $name.$f ($size bytes)"
        done
    done || fail=1
    # the heatmap's colour scale names what it shows, with its unit
    "$CT" plot specification --windows --unit "% per year" -q --format svg \
        -o "$TMP/unit.svg" "$SRC/tests/plot/windows_synthetic.csv" &&
        grep -qF 'estimate (% per year)' "$TMP/unit.svg" ||
        { echo "FAIL: the heatmap's colour scale has no unit"; fail=1; }
    grep -qF "estimate (in the specification file's unit)" "$TMP/windows.svg" ||
        { echo "FAIL: the heatmap's colour scale label without --unit"; fail=1; }
    # no gnuplot: a clear error, exit 1, no image
    CTREND_GNUPLOT=/nonexistent/gnuplot "$CT" plot classes -q -o "$TMP/none.png" "$ACD" 2> "$TMP/err"
    rc=$?
    if [ $rc -ne 1 ] || ! grep -q "gnuplot not found" "$TMP/err" || [ -e "$TMP/none.png" ]; then
        echo "FAIL: missing gnuplot gave exit $rc: $(cat "$TMP/err")"; fail=1
    fi
    # gnuplot failing: its message is shown, exit 1, no image
    mkdir "$TMP/badplots"; echo 'this is not gnuplot;' > "$TMP/badplots/classes.gp"
    CTREND_PLOTDIR=$TMP/badplots "$CT" plot classes -q -o "$TMP/bad.png" "$ACD" 2> "$TMP/err"
    rc=$?
    if [ $rc -ne 1 ] || ! grep -q "gnuplot failed" "$TMP/err" || ! grep -q "this is not gnuplot" "$TMP/err" \
        || ls "$TMP"/bad.png* >/dev/null 2>&1; then
        echo "FAIL: failing gnuplot gave exit $rc: $(cat "$TMP/err")"; fail=1
    fi
    ;;
injection)
    if ! command -v gnuplot >/dev/null 2>&1; then
        echo "SKIP: gnuplot not found (install gnuplot-nox)"; exit 77
    fi
    PW=$TMP/pwned
    BAD="A \"q\" \`touch $PW\` ; system(\"touch $PW\") \\n @x^2_{y} & \$HOME %s"
    # a specification file whose choice values are hostile
    {
        echo 'id,model,estimate,ci_low,ci_high,p_value'
        printf '"%s",poisson,1,0,2,0.01\n' "$(printf '%s' "$BAD" | sed 's/"/""/g')"
        printf 'b,"%s",2,1,3,0.2\n' "$(printf '%s' "$BAD" | sed 's/"/""/g')"
    } > "$TMP/spec.csv"
    # an ACLED export whose event types are hostile (one holds a line break)
    Q=$(printf '%s' "$BAD" | sed 's/"/""/g')
    NL=$(printf '"line one\nline two; `touch %s`"' "$PW")
    head -n 1 "$ACLED" > "$TMP/acled.csv"
    i=0
    for y in 2018 2019 2020 2021 2022 2023; do
        for m in 01 03 05 07 09 11; do
            for et in "\"$Q\"" "$NL" Battles; do
                i=$((i + 1))
                [ $((i % 4)) -eq 0 ] && [ "$et" = Battles ] && continue
                printf 'MLI%d,%s-%s-15,%s,1,Political violence,%s,Armed clash,Military Forces of Mali (2021-),,State forces,JNIM: Group for Support of Islam and Muslims,,Rebel group,State forces-Rebel group,,466,Western Africa,Mali,Mopti,Djenne,,Djenne,13.9,-4.5,1,Test,National,none,2,,1700000000\n' \
                    "$i" "$y" "$m" "$y" "$et" >> "$TMP/acled.csv"
            done
        done
    done
    for f in svg png; do
        "$CT" plot specification -q --format $f --title "$BAD" -o "$TMP/spec.$f" "$TMP/spec.csv" || fail=1
        "$CT" plot trends -q --measure events --group event_type --format $f \
            --title "$(printf 'two\nlines `touch %s`' "$PW")" -o "$TMP/acled.$f" "$TMP/acled.csv" || fail=1
    done
    if [ -e "$PW" ]; then echo "FAIL: a label ran a command"; fail=1; fi
    # labels print as text: the hostile string appears in the SVGs as
    # written (quotes as two apostrophes, XML-escaped by the terminal)
    WANT="A ''q'' \`touch $PW\` ; system(''touch $PW'') "'\n'" @x^2_{y} &amp; \$HOME %s"
    for svg in spec acled; do
        if ! grep -qF "$WANT" "$TMP/$svg.svg"; then
            echo "FAIL: $svg.svg does not show the label as text: $WANT"; fail=1
        fi
    done
    grep -qF 'line one line two; `touch' "$TMP/acled.svg" || { echo "FAIL: label with a line break"; fail=1; }
    grep -qF "two lines \`touch $PW\`" "$TMP/acled.svg" || { echo "FAIL: title with a line break"; fail=1; }
    ;;
*) echo "unknown mode $MODE"; exit 2 ;;
esac
exit $fail

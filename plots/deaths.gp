# SPDX-License-Identifier: MIT
# deaths.gp - deaths per period: the low-high range as a band and the best
# estimate as a line, one panel per group; uncovered periods are gaps.
#   gnuplot -c deaths.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_deaths; TSV, header, one block per panel):
#   1 panel 2 name 3 t 4 period 5 low 6 best 7 high
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "deaths.gp") - 1]."style.gp"

stats DATA using 3 nooutput
NP = STATS_blocks
XMIN = STATS_min; XMAX = STATS_max
stats DATA using (valid(7) ? column(7) : 0) nooutput
YALL = STATS_max
COLS = NP <= 3 ? NP : NP == 4 ? 2 : NP <= 9 ? 3 : 4
ROWS = int(ceil(NP * 1.0 / COLS))
set xrange [XMIN:XMAX]
set style fill transparent solid 0.45 noborder
if (NP > 1) {
    set multiplot layout ROWS, COLS margins 0.095, 0.985, 0.115, 0.86 spacing 0.075, 0.11
} else {
    set lmargin at screen 0.085
    set rmargin at screen 0.985
    set bmargin at screen 0.115
    set tmargin at screen 0.86
}
@HEADER
do for [i=0:NP-1] {
    set xrange [*:*]
    set yrange [*:*]
    stats DATA index i using 3:(PT = strcol(2), (valid(7) ? column(7) : 0)) nooutput
    YTOP = SHARED_Y ? YALL : STATS_max_y
    set xrange [XMIN:XMAX]
    YTOP = YTOP < 1 ? 1 : YTOP * 1.08
    @YTICKS
    if (NP > 1) { set title PT font ",14" noenhanced } else { unset title }
    set ylabel (i % COLS == 0 ? YLABEL : "")
    set xlabel (i >= NP - COLS ? XLABEL : "")
    if (i == 0) { set key at screen 0.985, screen 0.012 right bottom horizontal samplen 2 font ",13" } else { unset key }
    plot DATA index i using 3:(column(5)):(column(7)) with filledcurves fc rgb C_BAND \
             title "low-high range", \
         DATA index i using 3:(column(6)) with lines lc rgb C_FIT lw 3 title "best estimate"
    if (i == 0) { @NOHEADER }
}
if (NP > 1) { unset multiplot }

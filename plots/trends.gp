# SPDX-License-Identifier: MIT
# trends.gp - small multiples: one panel per group with the observed
# counts (points), the fitted log-linear trend (line) and its confidence
# band, breakpoints as dashed lines, uncovered periods shaded as gaps.
#   gnuplot -c trends.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_trends; TSV, header, one block per panel):
#   1 panel 2 name 3 title 4 period 5 t 6 value 7 fit 8 lo 9 hi
#   10 break1 11 break2 12 ymax 13 panel_ymax
# Panels appear in block order (ctrend states it in the subtitle).
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "trends.gp") - 1]."style.gp"

stats DATA using 5 nooutput
NP = STATS_blocks
XMIN = STATS_min; XMAX = STATS_max
stats DATA using ((valid(5) && !valid(6)) ? 1 : 0) nooutput
NGALL = STATS_sum
stats DATA using ((valid(5) && valid(10)) ? 1 : 0) nooutput
NBALL = STATS_sum
COLS = NP <= 3 ? NP : NP == 4 ? 2 : NP <= 9 ? 3 : 4
ROWS = int(ceil(NP * 1.0 / COLS))
set xrange [XMIN - 0.5:XMAX + 0.5]
set xtics out nomirror
set style fill transparent solid 0.35 noborder
set multiplot layout ROWS, COLS margins 0.085, 0.985, 0.115, 0.845 spacing 0.075, 0.13
@HEADER
do for [i=0:NP-1] {
    set xrange [*:*]
    set yrange [*:*]
    stats DATA index i using (PN = strcol(2), PT = strcol(3), B1 = (valid(10) ? column(10) : NaN), B2 = (valid(11) ? column(11) : NaN), \
        YP = column(13), YA = column(12), W = strlen(strcol(4)) > 4 ? 1.0/12 : 1.0, 0) nooutput
    set xrange [XMIN - 0.5:XMAX + 0.5]
    # the title column is "NAME: statistics": name on one line, statistics below
    PS = PT[strlen(PN) + 3:]
    set title PN."\n".PS font ",14" noenhanced
    YTOP = (SHARED_Y ? YA : YP); YTOP = YTOP < 1 ? 1 : YTOP * 1.08
    @YTICKS
    unset arrow
    if (B1 == B1) { set arrow 1 from B1, graph 0 to B1, graph 1 nohead lc rgb C_BREAK dt 2 lw 2 }
    if (B2 == B2) { set arrow 2 from B2, graph 0 to B2, graph 1 nohead lc rgb C_BREAK dt 2 lw 2 }
    set ylabel (i % COLS == 0 ? YLABEL : "")
    set xlabel (i >= NP - COLS ? XLABEL : "")
    if (i == 0) { set key at screen 0.985, screen 0.012 right bottom horizontal samplen 2 font ",13" } else { unset key }
    # gaps: a grey box over each period without a value (the others are
    # drawn far below the axis, where they are clipped)
    plot DATA index i using 5:(valid(6) ? -10 * YTOP : YTOP / 2):(W / 2):(YTOP / 2) with boxxyerror \
             fc rgb C_GAP fs solid 1.0 noborder title (NGALL > 0 ? "not covered" : ""), \
         DATA index i using 5:(column(8)):(column(9)) with filledcurves fc rgb C_BAND \
             title "95% band", \
         DATA index i using 5:(column(7)) with lines lc rgb C_FIT lw 3 title "trend", \
         DATA index i using 5:(column(6)) with points pt 7 ps 1.1 lc rgb C_OBS title "observed", \
         keyentry with lines lc rgb C_BREAK dt 2 lw 2 title (NBALL > 0 ? "breakpoint" : "")
    if (i == 0) { @NOHEADER }
}
unset multiplot

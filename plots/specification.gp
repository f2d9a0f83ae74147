# SPDX-License-Identifier: MIT
# specification.gp - specification curve: every specification's estimate
# with its CI, sorted (top), and the choices that made each one (bottom).
# Filled points are significant (p < alpha), open ones are not.
#   gnuplot -c specification.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_spec_curve; TSV, header):
#   block 0: 1 rank 2 estimate 3 ci_low 4 ci_high 5 p_value 6 significant 7 id
#   block 1: 1 rank 2 row 3 label ("choice = value") 4 significant
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "specification.gp") - 1]."style.gp"

stats DATA index 0 using 1 nooutput
N = STATS_max
# block 1 is empty when the specifications differ in no choice (only in
# their window): then the curve takes the whole height
undefine STATS_*
stats DATA index 1 using 2 nooutput
NR = exists("STATS_max") ? STATS_max : 0
set multiplot
@HEADER
# the choices' labels need a wide left margin; without them, a usual one
set lmargin at screen (NR > 0 ? 0.25 : 0.08)
set rmargin at screen 0.985
set xrange [0.5:N + 0.5]
set tmargin at screen 0.86
if (NR > 0) {
    set bmargin at screen 0.50
    set format x ""
} else {
    set bmargin at screen 0.12
    set xlabel XLABEL
}
set ylabel YLABEL
set key at screen 0.985, screen 0.012 right bottom horizontal samplen 2 font ",13"
set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead lc rgb "#555555" dt 2
plot DATA index 0 using 1:2:3:4 with yerrorbars pt 0 lc rgb "#999999" lw 1 notitle, \
     DATA index 0 using 1:(column(6) == 1 ? column(2) : NaN) with points pt 7 ps 1.2 lc rgb C_FIT title "significant", \
     DATA index 0 using 1:(column(6) == 1 ? NaN : column(2)) with points pt 6 ps 1.2 lc rgb C_FIT title "not significant"
if (NR > 0) {
    @NOHEADER
    unset arrow 1
    unset key
    set tmargin at screen 0.47
    set bmargin at screen 0.12
    set format x "%g"
    set xlabel XLABEL
    unset ylabel
    set yrange [NR + 0.5:0.5]
    set ytics scale 0 font ",13"
    set grid noytics xtics
    plot DATA index 1 using 1:2:ytic(strcol(3)) with points pt 7 ps 1.0 lc rgb "#999999" notitle, \
         DATA index 1 using 1:(column(4) == 1 ? column(2) : NaN) with points pt 7 ps 1.0 lc rgb C_FIT notitle
}
unset multiplot

# SPDX-License-Identifier: MIT
# compare.gp - two periods per group: rates per year as bars (left) and
# the rate ratio later/earlier with its exact CI on a log scale (right),
# the ratio and p printed beside it.
#   gnuplot -c compare.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_compare; TSV, header, one row per group, top first):
#   1 row 2 name 3 rate_a 4 rate_b 5 ratio 6 ratio_lo 7 ratio_hi 8 p
#   9 label 10 n_a 11 n_b 12 period_a 13 period_b
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "compare.gp") - 1]."style.gp"

stats DATA using 1 nooutput
N = STATS_records
stats DATA using (PA = strcol(12), PB = strcol(13), \
    (valid(3) ? column(3) : 0) > (valid(4) ? column(4) : 0) ? (valid(3) ? column(3) : 0) \
                                                            : (valid(4) ? column(4) : 0)) nooutput
RMAX = STATS_max
stats DATA using ((valid(6) && column(6) > 0) ? column(6) : 1) nooutput
LO = STATS_min
stats DATA using ((valid(7) && column(7) > 0) ? column(7) : 1) nooutput
HI = STATS_max
LO = LO < 1 ? LO : 1; HI = HI > 1 ? HI : 1
set multiplot
@HEADER
# left: rates
set lmargin at screen 0.20
set rmargin at screen 0.48
set bmargin at screen 0.12
set tmargin at screen 0.86
set yrange [N - 0.5:-0.5]
set ytics nomirror scale 0 font ",14"
set grid noytics xtics
set xrange [0:RMAX * 1.1 + 0.01]
XS = nice_step(RMAX)
set xtics (commas(0) 0)
if (RMAX >= 5) { do for [k=1:int(RMAX * 1.1 / XS)] { set xtics add (commas(k * XS) k * XS) } } else { set xtics autofreq; set format x "%g" }
set xlabel YLABEL
set key at screen 0.20, screen 0.905 left top horizontal samplen 2 font ",13" title "period: " noenhanced
set style fill solid 0.9 noborder
set format y ""
plot DATA using (column(3) / 2):(column(1) - 0.19):(column(3) / 2):(0.17) \
         with boxxyerror fc rgb OI[3] title PA, \
     DATA using (0):1:(strcol(2)) with labels right offset -1, 0 font ",14" notitle, \
     DATA using (column(4) / 2):(column(1) + 0.19):(column(4) / 2):(0.17) \
         with boxxyerror fc rgb OI[6] title PB
@NOHEADER
# right: rate ratios
set lmargin at screen 0.52
set rmargin at screen 0.74
set format y ""
set ytics scale 0
set logscale x
set xrange [LO / 1.3:HI * 1.3]
set xtics ("0.01" 0.01, "0.02" 0.02, "0.05" 0.05, "0.1" 0.1, "0.2" 0.2, "0.5" 0.5, "1" 1, \
           "2" 2, "5" 5, "10" 10, "20" 20, "50" 50, "100" 100)
set xlabel XLABEL
unset key
set arrow 1 from 1, graph 0 to 1, graph 1 nohead lc rgb "#555555" dt 2
plot DATA using 5:1:(column(6) > 0 ? column(6) : LO / 1.3):7 with xerrorbars pt 7 ps 1.4 lc rgb C_OBS lw 2 notitle
# ratio (CI), p as text
unset arrow 1
unset logscale x
set lmargin at screen 0.75
set rmargin at screen 0.985
set xrange [0:1]
unset xtics
unset xlabel
unset grid
set border 0
set label 1 "ratio (CI), p" at graph 0, graph 1.03 left font ",13" textcolor rgb C_TEXT
plot DATA using (0):1:(strcol(9)) with labels left font ",13" notitle
unset multiplot

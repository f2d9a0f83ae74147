# SPDX-License-Identifier: MIT
# windows.gp - heatmap of an effect over every window: start year (x) by
# end year (y), colour the estimate (blue below 0, vermillion above, white
# 0), a star where p < alpha.
#   gnuplot -c windows.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_spec_windows; TSV, header):
#   1 from 2 to 3 estimate 4 significant 5 p_value 6 label
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "windows.gp") - 1]."style.gp"

stats DATA using (valid(3) ? abs(column(3)) : 0) nooutput
M = STATS_max > 0 ? STATS_max : 1
stats DATA using 1:2 nooutput
set xrange [STATS_min_x - 0.5:STATS_max_x + 0.5]
set yrange [STATS_min_y - 0.5:STATS_max_y + 0.5]
# whole years only, about a dozen tics at most
set xtics ceil((STATS_max_x - STATS_min_x + 1) / 12.0)
set ytics ceil((STATS_max_y - STATS_min_y + 1) / 12.0)
set palette defined (-1 "#0072B2", 0 "#FFFFFF", 1 "#D55E00")
set cbrange [-M:M]
# the colour scale says what the colour is, with its unit (labels file)
set cblabel (CBLABEL ne "" ? CBLABEL : "estimate")
set lmargin at screen 0.08
set rmargin at screen 0.86
set bmargin at screen 0.11
set tmargin at screen 0.87
set xlabel XLABEL
set ylabel YLABEL
set grid back  # under the cells: no line through a cell or its star
unset key
@HEADER
plot DATA using 1:2:(0.5):(0.5):(column(3)) with boxxyerror fc palette fs solid 1.0 noborder, \
     DATA using 1:2:(column(4) == 1 ? "*" : "") with labels font ",16"

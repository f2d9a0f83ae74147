# SPDX-License-Identifier: MIT
# classes.gp - stacked areas of a measure by conflict class over time.
#   gnuplot -c classes.gp DATA OUT [LABELS [png|svg|pdf]]
# DATA (ct_plot_write_classes; TSV, header, one block per class, bottom
# of the stack first): 1 class 2 t 3 period 4 value 5 lower 6 upper
#   7 total 8 color (class number 1-9 of the vocabulary, 10 other)
# Each class keeps its colour in every chart (CLASSCOL below).
DATA = ARG1; OUT = ARG2; LABELS = ARGC >= 3 ? ARG3 : ""
FORMAT = (ARGC >= 4 && ARG4 ne "") ? ARG4 : "png"
load ARG0[1:strstrt(ARG0, "classes.gp") - 1]."style.gp"

# extrasystemic, interstate, intrastate, internationalized, nonstate,
# onesided, statebased, unclassified, other, any other name
array CLASSCOL[10] = ["#CC79A7", "#D55E00", "#0072B2", "#56B4E9", "#009E73", \
                      "#E69F00", "#F0E442", "#999999", "#BBBBBB", "#777777"]
stats DATA using 2 nooutput
NB = STATS_blocks
XMIN = STATS_min; XMAX = STATS_max
stats DATA using (valid(7) ? column(7) : 0) nooutput
YTOP = STATS_max < 1 ? 1 : STATS_max * 1.08
array L[NB]
array CI[NB]
do for [i=0:NB-1] {
    stats DATA index i using (L[i+1] = strcol(1), CI[i+1] = column(8), 0) nooutput
}
set lmargin at screen 0.075
set rmargin at screen 0.80
set bmargin at screen 0.11
set tmargin at screen 0.87
set xrange [XMIN:XMAX]
@YTICKS
set xlabel XLABEL
set ylabel YLABEL
set key outside right top invert samplen 2 font ",14" title "class" left
@HEADER
plot for [i=0:NB-1] DATA index i using 2:(column(5)):(column(6)) with filledcurves \
    fc rgb CLASSCOL[CI[i+1]] fs solid 0.9 noborder title L[i+1]

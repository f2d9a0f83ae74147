# SPDX-License-Identifier: MIT
# style.gp - the house style of every ctrend chart, loaded first by each
# script in plots/ (scripts draw; ctrend computes every number shown).
# `load` clears ARG1..ARG9, so each script first copies them:
#   DATA (ARG1) data file (TSV, one header line), OUT (ARG2) image,
#   LABELS (ARG3) labels file (TSV "key<TAB>value": title, subtitle,
#   xlabel, ylabel, footer, shared_y, cblabel; may be ""), FORMAT (ARG4)
#   png|svg|pdf.
# Terminals: pngcairo and svg at 1600 x 1000, pdfcairo at 16 x 10 in.
# Labels are read as data (strcol) into variables and printed with
# `noenhanced`: no string from a data or labels file is ever evaluated.
# Colours: the Okabe-Ito palette (colour-blind safe).

FONT = "DejaVu Sans"
if (FORMAT eq "svg") {
    set terminal svg size 1600,1000 dynamic noenhanced font FONT.",15" background "white"
} else {
    if (FORMAT eq "pdf") {
        set terminal pdfcairo size 16in,10in noenhanced font FONT.",15"
    } else {
        set terminal pngcairo size 1600,1000 noenhanced font FONT.",15" background "white"
    }
}
set output OUT
set datafile separator "\t"

# Okabe-Ito: black, orange, sky blue, bluish green, yellow, blue,
# vermillion, reddish purple
array OI[8] = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", \
               "#0072B2", "#D55E00", "#CC79A7"]
C_OBS = "#000000"; C_FIT = "#0072B2"; C_BAND = "#56B4E9"
C_BREAK = "#D55E00"; C_GAP = "#DDDDDD"; C_TEXT = "#333333"; C_GRID = "#DDDDDD"
do for [k=1:8] { set linetype k lc rgb OI[k] lw 2 }

set style line 100 lc rgb C_GRID lw 1 dt solid
set grid xtics ytics ls 100 back
set border 3 lc rgb "#555555"
set tics nomirror out textcolor rgb C_TEXT
set key noenhanced textcolor rgb C_TEXT
set title noenhanced textcolor rgb "#000000"
set xlabel noenhanced textcolor rgb C_TEXT
set ylabel noenhanced textcolor rgb C_TEXT

# the labels file
TITLE = ""; SUBTITLE = ""; XLABEL = ""; YLABEL = ""; FOOTER = ""; SHARED_Y = 0
CBLABEL = ""
if (LABELS ne "") {
    stats LABELS using (K = strcol(1), \
        (K eq "title") ? (TITLE = strcol(2), 0) : \
        (K eq "subtitle") ? (SUBTITLE = strcol(2), 0) : \
        (K eq "xlabel") ? (XLABEL = strcol(2), 0) : \
        (K eq "ylabel") ? (YLABEL = strcol(2), 0) : \
        (K eq "footer") ? (FOOTER = strcol(2), 0) : \
        (K eq "shared_y") ? (SHARED_Y = 1, 0) : \
        (K eq "cblabel") ? (CBLABEL = strcol(2), 0) : 0) nooutput
}

# thousands separators for count axes: commas(1234567) = "1,234,567"
commas(x) = (abs(x) < 1000) ? sprintf("%d", int(x)) : \
    commas(int(x / 1000)) . sprintf(",%03d", int(abs(x)) % 1000)
# a round tick step giving about 5 ticks up to m (at least 1: counts)
nice1(r) = r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10
nice_step(m) = (m <= 5) ? 1 : nice1(m / 5.0 / 10**floor(log10(m / 5.0))) * 10**floor(log10(m / 5.0))
# YTICKS: a count axis from 0 to YTOP (set YTOP first), ticks with commas
YTICKS = 'YSTEP = nice_step(YTOP); set yrange [0:YTOP]; set ytics (commas(0) 0); do for [k=1:int(YTOP/YSTEP)] { set ytics add (commas(k*YSTEP) k*YSTEP) }'
# HEADER: title, subtitle and footer as screen labels (drawn by the next
# plot; unset them after it with NOHEADER)
HEADER = 'set label 901 TITLE at screen 0.012, screen 0.965 left font ",22" noenhanced textcolor rgb "#000000"; set label 902 SUBTITLE at screen 0.012, screen 0.925 left font ",15" noenhanced textcolor rgb C_TEXT; set label 903 FOOTER at screen 0.012, screen 0.018 left font ",12" noenhanced textcolor rgb "#666666"'
NOHEADER = 'unset label 901; unset label 902; unset label 903'

# SPDX-License-Identifier: MIT
# peer_segmented.R FILE [BREAKS] - R `segmented` on a series CSV (as made
# by make_series.py), for timing against `ctrend fit --model segmented
# --breaks BREAKS FILE`. Gaussian, t = 1..n, npsi = BREAKS (default 2),
# segmented's own defaults (quantile starting values, its iterations).
# Prints the breakpoints (in units of t: add the first period - 1) and the
# residual sum of squares.
suppressPackageStartupMessages(library(segmented))
args <- commandArgs(trailingOnly = TRUE)
k <- if (length(args) > 1) as.integer(args[2]) else 2L
d <- read.csv(args[1], colClasses = c("character", "numeric"))
d$t <- seq_len(nrow(d))
fit <- lm(value ~ t, data = d)
s <- segmented(fit, seg.Z = ~t, npsi = k)
cat(sprintf("psi %s rss %.10g\n",
            paste(sprintf("%.4f", s$psi[, "Est."]), collapse = " "),
            sum(residuals(s)^2)))

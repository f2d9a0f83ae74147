# SPDX-License-Identifier: MIT
# Peer for the benchmark's fit cases: R's segmented package, Gaussian
# piecewise-linear trend with K breakpoints (segmented's own search from
# quantile starting values; it may stop at a local optimum).
# Usage: Rscript peer_segmented.R IN.csv K OUT
# IN: a series CSV (period,value; period YYYY or YYYY-MM). Writes the
# residual sum of squares to OUT.
suppressMessages(library(segmented))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], colClasses = c("character", "numeric"))
p <- d[[1]]
t <- as.numeric(substr(p, 1, 4)) +
  ifelse(nchar(p) > 4, (as.numeric(substr(p, 6, 7)) - 1) / 12, 0)
y <- d[[2]]
fit <- segmented(lm(y ~ t), seg.Z = ~t, npsi = as.integer(a[2]))
writeLines(format(sum(residuals(fit)^2), digits = 15), a[3])

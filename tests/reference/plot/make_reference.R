# SPDX-License-Identifier: MIT
# make_reference.R - fitted means and 95% bands of log-linear trends, the
# numbers tests/unit/test_plot.c checks ct_plot_write_trends against.
# Run: Rscript make_reference.R > band.csv
# Band: predict(type = "link", se.fit = TRUE), exp(fit -+ q se); q is
# qnorm(0.975) for Poisson and qt(0.975, df) for quasi-Poisson (whose se
# includes the Pearson dispersion), as ctrend's inference.
t <- 2000:2011
y <- c(3, 5, 4, 8, 6, 9, 7, 12, 10, 15, 11, 18)
out <- NULL
for (fam in c("poisson", "quasipoisson")) {
  m <- glm(y ~ t, family = fam)
  p <- predict(m, type = "link", se.fit = TRUE)
  q <- if (fam == "poisson") qnorm(0.975) else qt(0.975, m$df.residual)
  out <- rbind(out, data.frame(family = fam, t = t, fit = exp(p$fit),
                               lo = exp(p$fit - q * p$se.fit),
                               hi = exp(p$fit + q * p$se.fit)))
}
write.csv(format(out, digits = 15), stdout(), row.names = FALSE, quote = FALSE)

#!/usr/bin/env Rscript
# SPDX-License-Identifier: MIT
# issue14.R - reference values for issue 14 ("Statistics on every input").
# Sourced at the end of make_reference.R; also runs alone, from the
# repository root:  Rscript tests/reference/stats/issue14.R
#
# Writes, next to this script:
#   issue14_values.csv  case,quantity,value (%.17g): poisson.test at large
#                       counts; glm on interior-only non-zero counts; the
#                       breakpoint SEs of a break on a data point
#   segsearch.csv       family,k,n,grid_objective,r_objective,y (values
#                       separated by spaces; t = 1, 2, ..., n): generated
#                       series with 1 and 2 breaks, the best objective of a
#                       dense grid search and R segmented's objective
# Every random draw follows set.seed: reruns give identical files.

suppressPackageStartupMessages(library(segmented))
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here14 <- if (exists("here")) here else if (length(script))
  dirname(normalizePath(script)) else "."
ctl12 <- glm.control(epsilon = 1e-12, maxit = 200)
rows14 <- list()
put14 <- function(case, quantity, value)
  rows14[[length(rows14) + 1]] <<- sprintf("%s,%s,%.17g", case, quantity,
                                           as.numeric(value))

# 1. poisson.test (two samples, equal exposure 2 years each unless given):
# x_a, x_b, years_a, years_b -> ratio, CI, p
cmp <- list(c(1150, 50, 2, 2), c(5000, 5000, 2, 2), c(4800, 4800, 2, 2),
            c(5100, 5100, 2, 2), c(0, 7, 2, 2), c(7, 0, 2, 2))
set.seed(1401)
for (N in c(1e3, 1e4, 1e5, 1e6)) for (j in 1:4) {
  xa <- rpois(1, N); xb <- rpois(1, N * runif(1, 0.5, 1.5))
  ya <- sample(2:6, 1); yb <- sample(2:6, 1)
  cmp[[length(cmp) + 1]] <- c(xa, xb, ya, yb)
}
cmp[[length(cmp) + 1]] <- c(1e6, 1e6, 4, 4)
cmp[[length(cmp) + 1]] <- c(1e6, 999000, 5, 5)
for (i in seq_along(cmp)) {
  v <- cmp[[i]]
  r <- poisson.test(c(v[2], v[1]), c(v[4], v[3]))
  cs <- sprintf("cmp%02d", i)
  put14(cs, "x_a", v[1]); put14(cs, "x_b", v[2])
  put14(cs, "years_a", v[3]); put14(cs, "years_b", v[4])
  put14(cs, "ratio", r$estimate); put14(cs, "lo", r$conf.int[1])
  put14(cs, "hi", r$conf.int[2]); put14(cs, "p", r$p.value)
}

# 2. glm on series whose non-zero counts sit at one interior time (finite
# MLE), or at two times, with many zeros
glmcases <- list(c(0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                 c(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),
                 c(0, 5, 0, 0, 0, 0, 0, 0),
                 c(0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0),
                 c(0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0),
                 c(0, 0, 0, 0, 0, 0, 0, 0, 4, 6))
for (i in seq_along(glmcases)) {
  y <- glmcases[[i]]; t <- 1978 + seq_along(y) - 1
  cs <- sprintf("glm%02d", i)
  put14(cs, "n", length(y))
  for (j in seq_along(y)) put14(cs, sprintf("y%d", j), y[j])
  for (fam in c("poisson", "quasipoisson")) {
    f <- suppressWarnings(glm(y ~ t, family = fam, control = ctl12))
    f <- suppressWarnings(glm(y ~ t, family = fam, start = coef(f), control = ctl12))
    co <- summary(f)$coefficients
    put14(cs, paste0(fam, "_slope"), co[2, 1])
    put14(cs, paste0(fam, "_se"), co[2, 2])
    put14(cs, paste0(fam, "_p"), co[2, 4])
  }
}

# 2b. negative binomial on the same series: the ML estimate by direct
# maximisation of the NB2 likelihood (optim, BFGS, then Nelder-Mead), since
# glm.nb's alternation does not converge on such sparse series
for (i in seq_along(glmcases)) {
  y <- glmcases[[i]]; t <- seq_along(y) - mean(seq_along(y))
  cs <- sprintf("glm%02d", i)
  nll <- function(p) -sum(dnbinom(y, size = exp(p[3]), mu = exp(p[1] + p[2] * t), log = TRUE))
  best <- NULL
  for (lt in c(-3, -1, 1, 3)) {
    o <- optim(c(log(mean(y)), 0, lt), nll, method = "BFGS",
               control = list(reltol = 1e-15, maxit = 10000))
    o <- optim(o$par, nll, method = "Nelder-Mead",
               control = list(reltol = 1e-15, maxit = 20000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  # a theta beyond 1e6 is the Poisson boundary (no over-dispersion)
  put14(cs, "negbin_slope", best$par[2])
  put14(cs, "negbin_theta", if (exp(best$par[3]) > 1e6) Inf else exp(best$par[3]))
}

# 3. a break exactly on an observation: SEs at psi = 1956 with I(t > psi)
# (the limit from the right), Muggeo's covariance as segmented
bt <- 1954:1961
by <- c(11.977, 11.469, 13.009, 11.918, 7.709, 5.979, 7.012, 5.017)
psi <- 1956
X <- cbind(1, bt, pmax(bt - psi, 0))
b <- lm.fit(X, by)$coefficients
Xf <- cbind(X, -b[3] * as.numeric(bt > psi))
ff <- lm.fit(Xf, by)
rss <- sum(lm.fit(X, by)$residuals^2)
V <- chol2inv(qr.R(ff$qr)) * rss / (length(by) - 4)
put14("bp_on_point", "psi", psi)
put14("bp_on_point", "objective", rss)
put14("bp_on_point", "psi_se", sqrt(V[4, 4]))
put14("bp_on_point", "slope1_se", sqrt(V[2, 2]))
put14("bp_on_point", "slope2_se", sqrt(V[2, 2] + V[3, 3] + 2 * V[2, 3]))
# the same by a break 1e-6 before and after, where R segmented may stop
for (d in c(-1e-7, 1e-7)) {
  p2 <- psi + d
  X2 <- cbind(1, bt, pmax(bt - p2, 0)); b2 <- lm.fit(X2, by)$coefficients
  f2 <- lm.fit(cbind(X2, -b2[3] * as.numeric(bt > p2)), by)
  V2 <- chol2inv(qr.R(f2$qr)) * sum(lm.fit(X2, by)$residuals^2) / 4
  put14(sprintf("bp_%s", if (d < 0) "below" else "above"), "psi_se",
        sqrt(V2[4, 4]))
}

con <- file(file.path(here14, "issue14_values.csv"), "w")
writeLines(c("# Generated by issue14.R (make_reference.R); do not edit by hand.",
             "case,quantity,value", unlist(rows14)), con)
close(con)

# 4. breakpoint search: generated series, dense grid and R segmented
# (about 15-30 minutes; CT_ISSUE14_SKIP_SEARCH=1 keeps segsearch.csv as is)
if (Sys.getenv("CT_ISSUE14_SKIP_SEARCH") == "") {
lim14 <- function(t) { a <- max(0.05, 1 / length(t)); quantile(t, c(a, 1 - a), names = FALSE) }
ok14 <- function(t, psi) {
  lim <- lim14(t); cuts <- c(-Inf, psi, Inf)
  all(psi >= lim[1] & psi <= lim[2]) && all(diff(psi) > 0) &&
    all(sapply(seq_along(cuts[-1]), function(k) sum(t > cuts[k] & t <= cuts[k + 1])) >= 2)
}
obj14 <- function(t, y, fam, psi) {
  X <- cbind(1, t - mean(t), sapply(psi, function(p) pmax(t - p, 0)))
  if (fam == "gaussian") return(sum(lm.fit(X, y)$residuals^2))
  f <- suppressWarnings(glm.fit(X, y, family = poisson(), control = ctl12))
  if (!f$converged || any(f$fitted.values < 1e-8)) Inf else f$deviance
}
gen14 <- function(fam, k, n) {
  t <- seq_len(n)
  br <- sort(sample(round(n * 0.2):round(n * 0.8), k))
  sl <- rnorm(k + 1, 0, if (fam == "gaussian") 1 else 0.08)
  eta <- sl[1] * (t - 1)
  for (j in seq_len(k)) eta <- eta + (sl[j + 1] - sl[j]) * pmax(t - br[j] - runif(1), 0)
  if (fam == "gaussian") round(10 + eta + rnorm(n, 0, runif(1, 0.5, 3)), 3)
  else rpois(n, exp(log(runif(1, 3, 30)) + eta - mean(eta)))
}
set.seed(1414)
plan <- list(list("gaussian", 1, 70), list("poisson", 1, 70),
             list("gaussian", 2, 40), list("poisson", 2, 35))
lines14 <- character(0)
for (pl in plan) for (rep in seq_len(pl[[3]])) {
  fam <- pl[[1]]; k <- pl[[2]]
  n <- if (k == 1) sample(c(10:40, 60, 120), 1) else sample(14:36, 1)
  y <- gen14(fam, k, n); t <- seq_len(n)
  lim <- lim14(t)
  G <- if (k == 1) 4001 else 161
  g <- seq(lim[1], lim[2], length.out = G)
  g <- sort(unique(c(g, t[t >= lim[1] & t <= lim[2]])))
  best <- Inf
  if (k == 1) {
    for (p in g) if (ok14(t, p)) best <- min(best, obj14(t, y, fam, p))
  } else {
    for (i in seq_along(g)) for (j in seq_along(g)) if (j > i) {
      p <- c(g[i], g[j]); if (ok14(t, p)) best <- min(best, obj14(t, y, fam, p))
    }
  }
  robj <- tryCatch({
    f0 <- if (fam == "gaussian") lm(y ~ t) else glm(y ~ t, family = poisson)
    s <- suppressWarnings(segmented(f0, seg.Z = ~t, npsi = k,
                                    control = seg.control(n.boot = 0)))
    if (is.null(s$psi)) NA else {
      ps <- s$psi[, "Est."]
      if (ok14(t, ps)) obj14(t, y, fam, ps) else NA
    }
  }, error = function(e) NA)
  lines14 <- c(lines14, sprintf("%s,%d,%d,%.17g,%.17g,%s", fam, k, n, best,
                                if (is.na(robj)) NaN else robj,
                                paste(format(y, scientific = FALSE, trim = TRUE), collapse = " ")))
}
con <- file(file.path(here14, "segsearch.csv"), "w")
writeLines(c("# Generated by issue14.R (make_reference.R); do not edit by hand.",
             "# t = 1..n; grid: 4001 points (1 break) or 161^2 pairs (2 breaks) over",
             "# the closed admissible range plus every observation in it",
             "family,k,n,grid_objective,r_objective,y", lines14), con)
close(con)
cat(sprintf("issue14: %d search series\n", length(lines14)))
}
cat(sprintf("issue14: %d values\n", length(rows14)))

#!/usr/bin/env Rscript
# SPDX-License-Identifier: MIT
# make_reference.R - every reference value the stats unit tests assert.
#
# Usage, from the repository root:
#   Rscript tests/reference/stats/make_reference.R [PATH/TO/UcdpPrioConflict_v23_1.csv]
# (default path: ../shared/data/ucdp/UcdpPrioConflict_v23_1.csv beside the repository)
#
# Writes, next to this script:
#   series/<case>.csv        the input series in `ctrend series` form (period,value)
#   reference_values.csv     case,model,quantity,value (value printed with %.17g)
#
# Sources of truth:
#   lm, sandwich::NeweyWest, glm (poisson, quasipoisson), MASS::glm.nb,
#   segmented::segmented and davies.test, poisson.test, t.test, p.adjust.
#   Mann-Kendall, Hamed-Rao and Sen's slope have no Debian R package; they are
#   written below straight from the published formulas (Kendall 1975; Hamed &
#   Rao 1998, J. Hydrol. 204:182-196; Sen 1968, JASA 63:1379-1389; Gilbert 1987
#   ch. 16), without reference to the C code.
# Iterative fits run with convergence tolerances far below the 1e-6 the tests
# ask for, so the reference digits are not limited by R's default stopping rules.

suppressPackageStartupMessages({
  library(sandwich)
  library(MASS)
  library(segmented)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script)) dirname(normalizePath(script)) else "."
targs <- commandArgs(trailingOnly = TRUE)
acd_path <- if (length(targs) >= 1) targs[1] else
  file.path(here, "..", "..", "..", "..", "shared", "data", "ucdp",
            "UcdpPrioConflict_v23_1.csv")
dir.create(file.path(here, "series"), showWarnings = FALSE)

out <- new.env()
out$rows <- list()
put <- function(case, model, quantity, value) {
  out$rows[[length(out$rows) + 1]] <- data.frame(
    case = case, model = model, quantity = quantity,
    value = sprintf("%.17g", as.numeric(value)), stringsAsFactors = FALSE)
}
LEVEL <- 0.95
options(warn = 1)
glm_ctl <- glm.control(epsilon = 1e-12, maxit = 200)
# glm() keeps the IRLS weights of the step *before* its last update, so its
# standard errors lag the converged coefficients by one step (about 1e-6
# relative at epsilon 1e-12). Refitting from the converged coefficients makes
# that last step a null step: the reported SEs are then those at the estimate.
refit <- function(fit) glm(formula(fit), family = fit$family, data = fit$model,
                           start = coef(fit), control = glm_ctl)

# ---------------------------------------------------------------- series ---
# name -> list(period (character), t (years), tp (t in periods: the year, or
# year * 12 + month - 1), y, ppy (periods per year))
series <- list()
add_series <- function(name, period, t, y, ppy = 1, tp = t) {
  series[[name]] <<- list(period = period, t = t, tp = tp, y = y, ppy = ppy)
  write.table(data.frame(period = period, value = y),
              file.path(here, "series", paste0(name, ".csv")),
              sep = ",", quote = FALSE, row.names = FALSE)
}

# UCDP/PRIO ACD v23.1: one row per conflict-year; count distinct conflicts
# per year, zero-filled.
acd <- read.csv(acd_path, stringsAsFactors = FALSE)
ucdp_count <- function(types, from, to = 2022) {
  yrs <- from:to
  sapply(yrs, function(y) length(unique(
    acd$conflict_id[acd$year == y & acd$type_of_conflict %in% types])))
}
for (from in c(1993, 2010)) {
  yrs <- from:2022
  add_series(sprintf("ucdp_intra3_%d", from), yrs, yrs, ucdp_count(3, from))
  add_series(sprintf("ucdp_intra34_%d", from), yrs, yrs, ucdp_count(c(3, 4), from))
  add_series(sprintf("ucdp_inter2_%d", from), yrs, yrs, ucdp_count(2, from))
}

# Synthetic series (drawn once here; the committed CSV is the input).
yrs <- 2001:2020
add_series("syn_ties", yrs, yrs,
           c(3, 5, 5, 2, 5, 7, 7, 7, 4, 8, 8, 6, 9, 9, 9, 9, 7, 10, 12, 10))
yrs <- 1990:2014
add_series("syn_zeros", yrs, yrs,
           c(0, 0, 1, 0, 0, 2, 0, 1, 3, 0, 2, 4, 1, 3, 5, 2, 6, 4, 3, 8, 5, 7,
             9, 6, 11))
set.seed(3)
yrs <- 1990:2019
mu <- ifelse(yrs <= 2004.4, 60 - 1.5 * (yrs - 1990),
             60 - 1.5 * 14.4 + 2.2 * (yrs - 2004.4))
add_series("syn_break", yrs, yrs, round(mu + rnorm(length(yrs), sd = 2), 1))
set.seed(9)
mu <- exp(ifelse(yrs <= 2006.6, log(40) - 0.06 * (yrs - 1990),
                 log(40) - 0.06 * 16.6 + 0.09 * (yrs - 2006.6)))
add_series("syn_break_counts", yrs, yrs, rpois(length(yrs), mu))
set.seed(13)
yrs <- 1980:2019
mu <- ifelse(yrs <= 1992.3, 100 + 4 * (yrs - 1980),
             ifelse(yrs <= 2007.5, 100 + 4 * 12.3 - 5 * (yrs - 1992.3),
                    100 + 4 * 12.3 - 5 * 15.2 + 3 * (yrs - 2007.5)))
add_series("syn_break2", yrs, yrs, rpois(length(yrs), mu))
set.seed(6)
yrs <- 1993:2022
add_series("syn_overdisp", yrs, yrs,
           rnbinom(length(yrs), mu = exp(3 + 0.03 * (yrs - 1993)), size = 4))
set.seed(7)
ym <- expand.grid(m = 1:12, y = 2015:2019)
tm <- ym$y + (ym$m - 1) / 12
add_series("syn_monthly", sprintf("%04d-%02d", ym$y, ym$m), tm,
           rpois(nrow(ym), exp(1.5 + 0.08 * (tm - 2015))), ppy = 12,
           tp = ym$y * 12 + ym$m - 1)
set.seed(2)
yrs <- 1983:2022
e <- as.numeric(arima.sim(list(ar = 0.7), n = length(yrs)))
add_series("syn_autocorr", yrs, yrs, round(10 + 0.05 * (yrs - 1983) + 2 * e, 2))
# Reported to pyMannKendall (issue #29): the Hamed-Rao variance of this series
# is negative (correction factor n/n* < 0).
yrs <- 2011:2022
add_series("syn_hr_negative", yrs, yrs,
           c(0.35257984, 0.38692909, 0.39669828, 0.36296244, 0.42035612,
             0.39374964, 0.41100085, 0.43182076, 0.40815853, 0.45394297,
             0.41584767, 0.47399517))

count_cases <- c("ucdp_intra3_1993", "ucdp_intra34_1993", "ucdp_inter2_1993",
                 "ucdp_intra3_2010", "ucdp_intra34_2010", "ucdp_inter2_2010",
                 "syn_ties", "syn_zeros", "syn_break_counts", "syn_break2",
                 "syn_overdisp", "syn_monthly")

# ------------------------------------------------------------------- OLS ---
nw_lag <- function(n) floor(4 * (n / 100)^(2 / 9))
ols_ref <- function(case, t, y) {
  n <- length(y)
  fit <- lm(y ~ t)
  s <- summary(fit)$coefficients
  ci <- confint(fit, level = LEVEL)
  df <- fit$df.residual
  put(case, "ols", "intercept", s[1, 1]); put(case, "ols", "intercept_se", s[1, 2])
  put(case, "ols", "slope", s[2, 1]); put(case, "ols", "slope_se", s[2, 2])
  put(case, "ols", "slope_t", s[2, 3]); put(case, "ols", "p_value", s[2, 4])
  put(case, "ols", "ci_lo", ci[2, 1]); put(case, "ols", "ci_hi", ci[2, 2])
  put(case, "ols", "r_squared", summary(fit)$r.squared)
  put(case, "ols", "sigma", summary(fit)$sigma)
  q <- qt((1 + LEVEL) / 2, df)
  for (lag in unique(c(nw_lag(n), 1, 3))) {
    m <- if (lag == nw_lag(n)) "ols" else sprintf("ols_lag%d", lag)
    V <- NeweyWest(fit, lag = lag, prewhite = FALSE, adjust = FALSE)
    se <- sqrt(V[2, 2])
    put(case, m, "hac_lag", lag)
    put(case, m, "slope_se_hac", se)
    put(case, m, "p_value_hac", 2 * pt(-abs(s[2, 1] / se), df))
    put(case, m, "ci_hac_lo", s[2, 1] - q * se)
    put(case, m, "ci_hac_hi", s[2, 1] + q * se)
  }
}

# -------------------------------------------------- Poisson / quasi / NB ---
glm_ref <- function(case, t, y) {
  n <- length(y)
  fit <- refit(glm(y ~ t, family = poisson, control = glm_ctl))
  s <- summary(fit)$coefficients
  ci <- confint.default(fit, level = LEVEL)
  m <- "poisson"
  put(case, m, "intercept", s[1, 1]); put(case, m, "intercept_se", s[1, 2])
  put(case, m, "slope", s[2, 1]); put(case, m, "slope_se", s[2, 2])
  put(case, m, "z", s[2, 3]); put(case, m, "p_value", s[2, 4])
  put(case, m, "ci_lo", ci[2, 1]); put(case, m, "ci_hi", ci[2, 2])
  put(case, m, "irr", exp(s[2, 1]))
  put(case, m, "irr_lo", exp(ci[2, 1])); put(case, m, "irr_hi", exp(ci[2, 2]))
  put(case, m, "percent", 100 * (exp(s[2, 1]) - 1))
  put(case, m, "deviance", deviance(fit)); put(case, m, "null_deviance", fit$null.deviance)
  pearson <- sum(residuals(fit, type = "pearson")^2)
  put(case, m, "pearson_chi2", pearson)
  put(case, m, "dispersion", pearson / fit$df.residual)
  put(case, m, "loglik", as.numeric(logLik(fit))); put(case, m, "aic", AIC(fit))

  qfit <- refit(glm(y ~ t, family = quasipoisson, control = glm_ctl))
  qs <- summary(qfit)
  qc <- qs$coefficients
  qq <- qt((1 + LEVEL) / 2, qfit$df.residual)
  m <- "quasipoisson"
  put(case, m, "slope", qc[2, 1]); put(case, m, "slope_se", qc[2, 2])
  put(case, m, "intercept_se", qc[1, 2])
  put(case, m, "t", qc[2, 3]); put(case, m, "p_value", qc[2, 4])
  put(case, m, "ci_lo", qc[2, 1] - qq * qc[2, 2]); put(case, m, "ci_hi", qc[2, 1] + qq * qc[2, 2])
  put(case, m, "dispersion", qs$dispersion)

  # NB2: the ML theta is infinite (the data are not overdispersed relative to
  # the Poisson fit) exactly when the score for alpha = 1/theta at alpha = 0,
  # sum((y - mu)^2 - y) / 2, is <= 0 (Cameron & Trivedi 1990).
  mu <- fitted(fit)
  score0 <- sum((y - mu)^2 - y)
  m <- "negbin"
  put(case, m, "score_alpha0", score0)
  if (score0 <= 0) {
    put(case, m, "theta_infinite", 1)
    return(invisible())
  }
  put(case, m, "theta_infinite", 0)
  # (theta.ml's Newton steps stop at |step| < 1.2e-4, so the alternation
  # cannot meet 1e-12; 1e-10 leaves theta accurate to about 1e-9)
  nb <- glm.nb(y ~ t, control = glm.control(epsilon = 1e-10, maxit = 200))
  nbf <- glm(y ~ t, family = negative.binomial(nb$theta), start = coef(nb),
             control = glm_ctl)
  # dispersion fixed at 1 as summary.negbin (summary.glm would estimate it
  # for this family, and so would confint.default(nbf))
  ns <- summary(nbf, dispersion = 1)$coefficients
  zq <- qnorm((1 + LEVEL) / 2)
  nci <- cbind(ns[, 1] - zq * ns[, 2], ns[, 1] + zq * ns[, 2])
  put(case, m, "intercept", ns[1, 1]); put(case, m, "intercept_se", ns[1, 2])
  put(case, m, "slope", ns[2, 1]); put(case, m, "slope_se", ns[2, 2])
  put(case, m, "z", ns[2, 3]); put(case, m, "p_value", ns[2, 4])
  put(case, m, "ci_lo", nci[2, 1]); put(case, m, "ci_hi", nci[2, 2])
  put(case, m, "irr", exp(ns[2, 1]))
  put(case, m, "theta", nb$theta)
  # MASS reports the SE from the information one Newton step before the end;
  # the observed information at the final theta (MASS's own formula) is the
  # sharper reference.
  th <- nb$theta; mu <- fitted(nbf)
  info <- sum(-trigamma(th + y) + trigamma(th) - 1 / th + 2 / (mu + th) -
                (y + th) / (mu + th)^2)
  put(case, m, "theta_se", 1 / sqrt(info))
  put(case, m, "theta_se_mass", nb$SE.theta)
  ll <- sum(dnbinom(y, size = th, mu = mu, log = TRUE))
  put(case, m, "loglik", ll)
  put(case, m, "loglik_mass", as.numeric(logLik(nb)))
  put(case, m, "deviance", deviance(nbf))
  put(case, m, "dispersion", sum(residuals(nbf, type = "pearson")^2) / nbf$df.residual)
  lr <- 2 * (ll - as.numeric(logLik(fit)))
  put(case, m, "lr_stat", lr)
  # theta = Inf is on the boundary: the LR statistic is a 50:50 mixture of
  # chi2(0) and chi2(1) under H0 (Self & Liang 1987).
  put(case, m, "lr_p_value", 0.5 * pchisq(lr, 1, lower.tail = FALSE))
}

# ------------------------------------- Mann-Kendall / Sen / Hamed-Rao -------
# t in periods (months for a monthly series, as the C code sees it, so that
# the detrended values and their ranks are computed identically); slopes are
# reported per year (times ppy).
mk_ref <- function(case, t, y, ppy, hr = FALSE) {
  n <- length(y)
  ij <- combn(n, 2)
  i <- ij[1, ]; j <- ij[2, ]
  S <- sum(sign(y[j] - y[i]))
  g <- table(y); g <- as.numeric(g[g > 1])
  varS <- (n * (n - 1) * (2 * n + 5) - sum(g * (g - 1) * (2 * g + 5))) / 18
  slopes <- (y[j] - y[i]) / (t[j] - t[i])
  b <- median(slopes)
  fac <- 1; raw <- 1; guarded <- 0; nsig <- 0
  if (hr) {
    r <- rank(y - b * t)
    rho <- acf(r, lag.max = n - 1, plot = FALSE)$acf[-1]
    keep <- abs(rho) > qnorm((1 + LEVEL) / 2) / sqrt(n)
    nsig <- sum(keep)
    k <- 1:(n - 1)
    raw <- 1 + 2 / (n * (n - 1) * (n - 2)) *
      sum(((n - k) * (n - k - 1) * (n - k - 2) * rho)[keep])
    fac <- raw
    # guard: n/n* <= 0 would make Var*(S) non-positive; fall back to the
    # uncorrected variance and say so.
    if (raw <= 0) { fac <- 1; guarded <- 1 }
  }
  V <- varS * fac
  z <- if (S > 0) (S - 1) / sqrt(V) else if (S < 0) (S + 1) / sqrt(V) else 0
  m <- if (hr) "mk_hr" else "mk"
  put(case, m, "S", S); put(case, m, "var_S", varS); put(case, m, "var_S_used", V)
  put(case, m, "z", z); put(case, m, "p_value", 2 * pnorm(-abs(z)))
  if (hr) {
    put(case, m, "factor_raw", raw); put(case, m, "factor", fac)
    put(case, m, "guarded", guarded); put(case, m, "n_significant_lags", nsig)
  } else {
    put(case, m, "tau_b", cor(t, y, method = "kendall"))
    put(case, m, "tau_a", S / (n * (n - 1) / 2))
    put(case, m, "sen_slope", b * ppy)
    put(case, m, "sen_intercept", median(y - b * t))
  }
  # Sen (1968) CI: C = z_{1-a/2} sqrt(Var S); the limits are the M1-th and
  # (M2+1)-th ordered slopes, M1 = (N - C)/2, M2 = (N + C)/2 (Gilbert 1987,
  # eq. 16.6), interpolating linearly between neighbouring order statistics.
  N <- length(slopes); o <- sort(slopes)
  C <- qnorm((1 + LEVEL) / 2) * sqrt(V)
  at <- function(r) {
    r <- min(max(r, 1), N); lo <- floor(r)
    if (lo >= N) o[N] else o[lo] + (r - lo) * (o[lo + 1] - o[lo])
  }
  put(case, m, "sen_lo", at((N - C) / 2) * ppy)
  put(case, m, "sen_hi", at((N + C) / 2 + 1) * ppy)
}

# ------------------------------------------------------------ segmented ---
seg_limits <- function(t) {
  a <- max(0.05, 1 / length(t))
  quantile(t, c(a, 1 - a), names = FALSE)
}
seg_profile <- function(t, y, family, psi) {
  U <- sapply(psi, function(p) pmax(t - p, 0))
  X <- cbind(1, t, U)
  if (family == "gaussian") sum(lm.fit(X, y)$residuals^2)
  else glm.fit(X, y, family = poisson(), control = glm_ctl)$deviance
}
seg_ok <- function(t, psi) {
  lim <- seg_limits(t); cuts <- c(-Inf, psi, Inf)
  all(psi > lim[1] & psi < lim[2]) &&
    all(sapply(seq_along(cuts[-1]), function(k) sum(t > cuts[k] & t <= cuts[k + 1])) >= 2)
}
seg_start <- function(t, y, family, k) {
  lim <- seg_limits(t)
  grid <- seq(lim[1], lim[2], length.out = 121)[-c(1, 121)]
  cand <- if (k == 1) as.list(grid) else {
    g <- combn(grid, 2); lapply(seq_len(ncol(g)), function(i) g[, i])
  }
  best <- Inf; bp <- NULL
  for (p in cand) if (seg_ok(t, p)) {
    v <- seg_profile(t, y, family, p)
    if (v < best) { best <- v; bp <- p }
  }
  bp
}
seg_ref <- function(case, t, y, family, k) {
  fit0 <- if (family == "gaussian") lm(y ~ t) else
    glm(y ~ t, family = poisson, control = glm_ctl)
  start <- seg_start(t, y, family, k)
  ctl <- seg.control(n.boot = 0, tol = 1e-13, it.max = 500, maxit.glm = 200)
  os0 <- segmented(fit0, seg.Z = ~t, psi = list(t = start), control = ctl)
  # segmented stops on a relative change of the objective and picks each
  # step length with optimize() on a nearly flat objective, which leaves psi
  # 1e-7 to 5e-7 years from the optimum: enough to move the slopes' 7th
  # digit. Muggeo's own update psi + gamma/beta (without the line search)
  # polishes it to ~1e-12; segmented is then run from there (one iteration)
  # so that it reports the fit, SEs and breakpoint SEs at the optimum.
  psi <- os0$psi[, "Est."]
  for (it in 1:50) {
    X <- cbind(1, t, sapply(psi, function(p) pmax(t - p, 0)),
               sapply(psi, function(p) -as.numeric(t > p)))
    b <- if (family == "gaussian") lm.fit(X, y)$coefficients else
      glm.fit(X, y, family = poisson(), control = glm_ctl)$coefficients
    step <- b[2 + k + seq_len(k)] / b[2 + seq_len(k)]
    psi <- psi + step
    if (max(abs(step)) < 1e-12) break
  }
  if (max(abs(psi - os0$psi[, "Est."])) > 1e-5) stop("polishing moved psi")
  os <- suppressWarnings(  # "max number of iterations (1) attained"
    segmented(fit0, seg.Z = ~t, psi = list(t = unname(psi)),
              control = seg.control(n.boot = 0, tol = 1e-13, it.max = 1,
                                    maxit.glm = 200)))
  if (os$it >= 500) stop(sprintf("%s %s %d: segmented did not converge (psi %s)", case, family, k, paste(os$psi[, 2], collapse = " ")))
  m <- sprintf("segmented_%s_%d", family, k)
  psi <- os$psi[, "Est."]; psi_se <- os$psi[, "St.Err"]
  df <- os$df.residual
  q <- if (family == "gaussian") qt((1 + LEVEL) / 2, df) else qnorm((1 + LEVEL) / 2)
  b <- coef(os)
  # covariance as segmented computes it (the model with the psi columns), but
  # for the glm evaluated at the final estimate (see refit() above)
  V <- if (family == "gaussian") vcov(os) else
    vcov(glm(formula(os), data = os$model, family = poisson, start = b, control = glm_ctl))
  psi_se <- sqrt(diag(V)[sprintf("psi%d.t", seq_len(k))])
  put(case, m, "df", df)
  put(case, m, "intercept", b["(Intercept)"])
  put(case, m, "objective", if (family == "gaussian") sum(residuals(os)^2) else deviance(os))
  # The optimum of the profile objective found independently (optimize()
  # around segmented's answer), a check that does not rely on segmented's
  # stopping rule; segmented must agree with it.
  if (k == 1) {
    # (optimize() works on the offset: its relative tolerance, about 1.5e-8,
    # would be 3e-5 years on the calendar scale)
    o <- optimize(function(d) seg_profile(t, y, family, psi[1] + d),
                  c(-0.5, 0.5), tol = 1e-12)
    o$minimum <- psi[1] + o$minimum
    put(case, m, "psi1_profile", o$minimum)
    if (abs(o$minimum - psi[1]) > 1e-5) stop(sprintf("%s %s: segmented psi %.10g, profile optimum %.10g (start %s)", case, m, psi[1], o$minimum, paste(start, collapse = " ")))
  } else {
    o <- optim(c(0, 0), function(d) seg_profile(t, y, family, psi + d),
               control = list(reltol = 1e-15, abstol = -Inf, maxit = 5000))
    put(case, m, "psi1_profile", psi[1] + o$par[1])
    put(case, m, "psi2_profile", psi[2] + o$par[2])
    if (max(abs(o$par)) > 1e-5) stop(sprintf("%s %s: segmented and the profile optimum differ by %g", case, m, max(abs(o$par))))
  }
  for (j in seq_len(k)) {
    put(case, m, sprintf("psi%d_segmented", j), os0$psi[j, "Est."])
    put(case, m, sprintf("psi%d", j), psi[j])
    put(case, m, sprintf("psi%d_se", j), psi_se[j])
    put(case, m, sprintf("psi%d_lo", j), psi[j] - q * psi_se[j])
    put(case, m, sprintf("psi%d_hi", j), psi[j] + q * psi_se[j])
  }
  nm <- c("t", sprintf("U%d.t", seq_len(k)))
  for (j in 1:(k + 1)) {
    w <- rep(0, length(b)); names(w) <- names(b); w[nm[1:j]] <- 1
    est <- sum(w * b); se <- sqrt(drop(t(w) %*% V %*% w))
    p <- if (family == "gaussian") 2 * pt(-abs(est / se), df) else 2 * pnorm(-abs(est / se))
    put(case, m, sprintf("slope%d", j), est)
    put(case, m, sprintf("slope%d_se", j), se)
    put(case, m, sprintf("slope%d_lo", j), est - q * se)
    put(case, m, sprintf("slope%d_hi", j), est + q * se)
    put(case, m, sprintf("slope%d_p", j), p)
  }
  put(case, m, "davies_p", davies.test(fit0, seg.Z = ~t, k = 10)$p.value)
}

# --------------------------------------------------------------- compare ---
cmp_ref <- function(case, t, y, ppy, a, b) {
  ya <- y[t >= a[1] & t < a[2] + 1]; yb <- y[t >= b[1] & t < b[2] + 1]
  m <- sprintf("compare:%d:%d:%d:%d", a[1], a[2], b[1], b[2])
  Ta <- length(ya) / ppy; Tb <- length(yb) / ppy
  pt_ <- poisson.test(c(sum(yb), sum(ya)), c(Tb, Ta), conf.level = LEVEL)
  tt <- t.test(yb, ya, conf.level = LEVEL)  # Welch by default
  put(case, m, "n_a", length(ya)); put(case, m, "n_b", length(yb))
  put(case, m, "mean_a", mean(ya)); put(case, m, "mean_b", mean(yb))
  put(case, m, "rate_a", sum(ya) / Ta); put(case, m, "rate_b", sum(yb) / Tb)
  put(case, m, "rate_ratio", pt_$estimate)
  put(case, m, "rate_ratio_lo", pt_$conf.int[1]); put(case, m, "rate_ratio_hi", pt_$conf.int[2])
  put(case, m, "rate_ratio_p", pt_$p.value)
  put(case, m, "diff", mean(yb) - mean(ya))
  put(case, m, "diff_lo", tt$conf.int[1]); put(case, m, "diff_hi", tt$conf.int[2])
  put(case, m, "welch_t", tt$statistic); put(case, m, "welch_df", tt$parameter)
  put(case, m, "welch_p", tt$p.value)
}

# ------------------------------------------------------------------ run ---
for (nm in names(series)) {
  s <- series[[nm]]
  ols_ref(nm, s$t, s$y)
  mk_ref(nm, s$tp, s$y, s$ppy, hr = FALSE)
  mk_ref(nm, s$tp, s$y, s$ppy, hr = TRUE)
  if (nm %in% count_cases) glm_ref(nm, s$t, s$y)
}
for (nm in c("syn_break", "ucdp_intra34_1993", "ucdp_intra3_1993", "syn_break_counts"))
  seg_ref(nm, series[[nm]]$t, series[[nm]]$y, "gaussian", 1)
for (nm in c("syn_break_counts", "ucdp_intra34_1993"))
  seg_ref(nm, series[[nm]]$t, series[[nm]]$y, "poisson", 1)
seg_ref("syn_break2", series$syn_break2$t, series$syn_break2$y, "gaussian", 2)
seg_ref("syn_break2", series$syn_break2$t, series$syn_break2$y, "poisson", 2)

cmp_ref("ucdp_intra34_1993", series$ucdp_intra34_1993$t, series$ucdp_intra34_1993$y, 1,
        c(1993, 1997), c(2018, 2022))
cmp_ref("ucdp_intra3_1993", series$ucdp_intra3_1993$t, series$ucdp_intra3_1993$y, 1,
        c(1993, 2000), c(2010, 2022))
cmp_ref("ucdp_inter2_1993", series$ucdp_inter2_1993$t, series$ucdp_inter2_1993$y, 1,
        c(1993, 1999), c(2016, 2022))
cmp_ref("syn_zeros", series$syn_zeros$t, series$syn_zeros$y, 1, c(1990, 1994), c(2010, 2014))
cmp_ref("syn_monthly", series$syn_monthly$t, series$syn_monthly$y, 12, c(2015, 2015), c(2018, 2019))

# p.adjust on a fixed vector with ties, a 1 and a tiny value.
p <- c(0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2, 1, 0.0001, 0.049, 0.3, 0.012)
for (k in seq_along(p)) put("padjust", "input", sprintf("p%d", k), p[k])
for (meth in c("holm", "BH")) {
  a <- p.adjust(p, method = meth)
  for (k in seq_along(a)) put("padjust", meth, sprintf("p%d", k), a[k])
}

# Window scan: OLS, Poisson and Mann-Kendall on every window.
s <- series$ucdp_intra34_1993
for (st in 1993:2000) for (en in 2015:2022) {
  k <- s$t >= st & s$t <= en
  tt <- s$t[k]; yy <- s$y[k]
  m <- sprintf("scan:%d:%d", st, en)
  f <- lm(yy ~ tt); cf <- summary(f)$coefficients; ci <- confint(f, level = LEVEL)
  put("ucdp_intra34_1993", m, "ols_slope", cf[2, 1]); put("ucdp_intra34_1993", m, "ols_p", cf[2, 4])
  put("ucdp_intra34_1993", m, "ols_lo", ci[2, 1]); put("ucdp_intra34_1993", m, "ols_hi", ci[2, 2])
  g <- summary(refit(glm(yy ~ tt, family = poisson, control = glm_ctl)))$coefficients
  put("ucdp_intra34_1993", m, "poisson_slope", g[2, 1]); put("ucdp_intra34_1993", m, "poisson_p", g[2, 4])
}

# Moving-block bootstrap of (t, y) pairs (Kunsch 1989; Fitzenberger 1998):
# an independent Monte Carlo estimate of the bootstrap distribution of the
# slope, to compare with the C implementation within Monte Carlo error.
mbb <- function(t, y, l, B, stat) {
  n <- length(y); nb <- ceiling(n / l)
  res <- numeric(B)
  for (r in 1:B) {
    st <- sample.int(n - l + 1, nb, replace = TRUE)
    idx <- as.vector(outer(0:(l - 1), st, "+"))[1:n]
    res[r] <- stat(t[idx], y[idx])
  }
  res
}
ols_slope <- function(t, y) { tc <- t - mean(t); sum(tc * (y - mean(y))) / sum(tc^2) }
sen_slope <- function(t, y) {
  dt <- outer(t, t, "-"); dy <- outer(y, y, "-"); k <- upper.tri(dt) & dt != 0
  median(dy[k] / dt[k])
}
pois_slope <- function(t, y) {
  f <- glm.fit(cbind(1, t - mean(t)), y, family = poisson(), control = glm_ctl)
  if (!f$converged || sum(y) == 0) NA else f$coefficients[2]
}
set.seed(20240601)
s <- series$ucdp_intra34_1993
for (spec in list(list("ols", ols_slope, 100000), list("sen", sen_slope, 100000),
                  list("poisson", pois_slope, 20000))) {
  r <- mbb(s$t, s$y, 3, spec[[3]], spec[[2]])
  r <- r[!is.na(r)]
  m <- sprintf("mbb_%s_l3", spec[[1]])
  put("ucdp_intra34_1993", m, "B", length(r))
  put("ucdp_intra34_1993", m, "se", sd(r))
  put("ucdp_intra34_1993", m, "q025", quantile(r, 0.025, names = FALSE))
  put("ucdp_intra34_1993", m, "q975", quantile(r, 0.975, names = FALSE))
}

# NIST StRD Norris through lm as well (the C test checks the certified values
# directly; this adds the Newey-West numbers for the same fit).
nor <- read.csv(file.path(here, "norris.csv"))
ols_ref("norris", nor$x, nor$y)

rows <- do.call(rbind, out$rows)
con <- file(file.path(here, "reference_values.csv"), "w")
writeLines(c(
  "# Generated by make_reference.R; do not edit by hand.",
  sprintf("# %s; sandwich %s, MASS %s, segmented %s", R.version.string,
          packageVersion("sandwich"), packageVersion("MASS"), packageVersion("segmented")),
  "case,model,quantity,value"), con)
write.table(rows, con, sep = ",", quote = FALSE, row.names = FALSE, col.names = FALSE)
close(con)
cat(sprintf("wrote %d reference values for %d series\n", nrow(rows), length(series)))

# Issue 14 (statistics on every input): large-count compare, interior-only
# counts, a break on a data point, and the breakpoint-search comparison with
# a dense grid and R segmented (slow: ~15 min of the grid). issue14.R writes
# issue14_values.csv and segsearch.csv.
source(file.path(here, "issue14.R"))


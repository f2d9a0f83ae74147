# SPDX-License-Identifier: MIT
# make_reference.R - independent reference numbers behind the UCDP verdicts
# of `ctrend claims` on the UCDP/PRIO ACD 23.1 export (C1-C5 of
# datasets/claims/article.json). Reads the real export and writes only
# aggregated statistics (no rows of the dataset) to ucdp_acd_23_1.csv.
#
#   Rscript tests/reference/claims/make_reference.R \
#       ../shared/data/ucdp/UcdpPrioConflict_v23_1.csv datasets/countries.csv \
#       tests/reference/claims/ucdp_acd_23_1.csv
#
# Counting (README "Claims"): a conflict counts once per year in which it has
# a conflict-year row; "intra" = type_of_conflict 3 or 4; a region filter
# keeps conflict-years whose region field lists it; subregions come from the
# gwno_loc countries through the country table (ACLED scheme).
# Models: glm(poisson), glm(quasipoisson), Kendall's tau test with tie
# correction and continuity correction (cor.test, exact = FALSE), which is
# the Mann-Kendall test; poisson.test, wilcox.test; segmented::davies.test.
suppressPackageStartupMessages({ library(MASS); library(segmented) })
# R stops IRLS at a relative deviance change of 1e-8 by default, which
# leaves p-values of small-count fits ~1e-5 from the optimum: tighten it
ctl <- glm.control(epsilon = 1e-12, maxit = 100)
args <- commandArgs(trailingOnly = TRUE)
acd <- read.csv(args[1], colClasses = "character")
geo <- read.csv(args[2], colClasses = "character")
out <- args[3]
acd$year <- as.integer(acd$year)
acd$type <- as.integer(acd$type_of_conflict)
regs <- strsplit(gsub(" ", "", acd$region), ",")
locs <- strsplit(gsub(" ", "", acd$gwno_loc), "[,;]")
sub_of <- setNames(geo$acled_region, geo$gwno)
ref <- data.frame(key = character(), value = numeric())
put <- function(k, v) ref[nrow(ref) + 1, ] <<- list(k, v)

count <- function(types, years, region = NULL, subs = NULL) {
  keep <- acd$type %in% types
  if (!is.null(region)) keep <- keep & sapply(regs, function(r) region %in% r)
  if (!is.null(subs)) keep <- keep & sapply(locs, function(g) any(sub_of[g] %in% subs))
  sapply(years, function(y) length(unique(acd$conflict_id[keep & acd$year == y])))
}

trend <- function(prefix, y, t) {
  f <- glm(y ~ t, family = poisson, control = ctl)
  q <- glm(y ~ t, family = quasipoisson, control = ctl)
  b <- coef(f)[2]
  put(paste0(prefix, ".poisson_percent"), 100 * (exp(b) - 1))
  put(paste0(prefix, ".poisson_p"), summary(f)$coefficients[2, 4])
  put(paste0(prefix, ".dispersion"), sum(residuals(f, "pearson")^2) / f$df.residual)
  put(paste0(prefix, ".quasi_p"), summary(q)$coefficients[2, 4])
  k <- suppressWarnings(cor.test(t, y, method = "kendall", exact = FALSE, continuity = TRUE))
  put(paste0(prefix, ".mk_p"), k$p.value)
  put(paste0(prefix, ".mk_tau"), unname(k$estimate))
}

# C1: intra-state conflicts since 1993, to 2015 (source) and 2022 (all)
for (end in c(2015, 2022)) {
  t <- 1993:end
  trend(paste0("C1.", end), count(3:4, t), t)
}
t <- 1993:2022
y <- count(3:4, t)
d <- davies.test(glm(y ~ t, family = poisson, control = ctl), seg.Z = ~t, k = 10)
put("C1.2022.davies_p", d$p.value)
# C2: inter-state conflicts, last 10 years to 2015 and to 2022
for (end in c(2015, 2022)) {
  t <- (end - 9):end
  trend(paste0("C2.", end), count(2, t), t)
}
# C4: fewer conflicts in 2015-2022 than in 1989-1993 (all state-based types)
a <- count(1:4, 1989:1993); b <- count(1:4, 2015:2022)
put("C4.mean_a", mean(a)); put("C4.mean_b", mean(b))
pt <- poisson.test(c(sum(b), sum(a)), c(length(b), length(a)))
put("C4.rate_ratio", unname(pt$estimate)); put("C4.rate_ratio_p", pt$p.value)
put("C4.rate_ratio_lo", pt$conf.int[1]); put("C4.rate_ratio_hi", pt$conf.int[2])
put("C4.wilcoxon_p", suppressWarnings(wilcox.test(b, a, exact = FALSE, correct = TRUE))$p.value)
distinct <- function(yrs) length(unique(acd$conflict_id[acd$type %in% 1:4 & acd$year %in% yrs]))
da <- distinct(1989:1993); db <- distinct(2015:2022)
put("C4.distinct_a", da); put("C4.distinct_b", db)
put("C4.distinct_p", poisson.test(c(db, da), c(1, 1))$p.value)
# C3: Asia, intra, South + Southeast Asia against the other subregions
named <- c("South Asia", "Southeast Asia")
others <- setdiff(unique(geo$acled_region[geo$ucdp_region == "3"]), named)
for (end in c(2015, 2022)) {
  t <- 1993:end
  yn <- count(3:4, t, "3", named); yr <- count(3:4, t, "3", others)
  df <- data.frame(y = c(yn, yr), t = c(t, t), g = rep(c(1, 0), each = length(t)))
  f <- glm(y ~ t * g, family = poisson, data = df, control = ctl)
  put(paste0("C3.", end, ".interaction_percent"), 100 * (exp(coef(f)["t:g"]) - 1))
  put(paste0("C3.", end, ".interaction_p"), summary(f)$coefficients["t:g", 4])
  for (s in c("South Asia", "Southeast Asia")) {
    ys <- count(3:4, t, "3", s)
    fs <- glm(ys ~ t, family = poisson, control = ctl)
    k <- suppressWarnings(cor.test(t, ys, method = "kendall", exact = FALSE, continuity = TRUE))
    put(paste0("C3.", end, ".", s, ".poisson_percent"), 100 * (exp(coef(fs)[2]) - 1))
    put(paste0("C3.", end, ".", s, ".mk_p"), k$p.value)
  }
}
# C5: intra- and inter-state conflicts in Asia, last 10 years to 2022
t <- 2013:2022
trend("C5.2022.Asia", count(2:4, t, "3"), t)
trend("C5.2022.Africa", count(2:4, t, "4"), t)
write.csv(ref, out, row.names = FALSE, quote = FALSE)

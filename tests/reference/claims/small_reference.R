# SPDX-License-Identifier: MIT
# small_reference.R - R values for the small synthetic checks of
# tests/unit/test_claims.c (interaction GLM, rank-sum test, exact test of
# two counts). Run: Rscript tests/reference/claims/small_reference.R
t <- 2001:2012
yn <- c(2, 3, 3, 5, 4, 6, 8, 7, 9, 12, 11, 14)
yr <- c(6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 4, 5)
df <- data.frame(y = c(yn, yr), t = c(t, t), g = rep(c(1, 0), each = 12))
f <- glm(y ~ t * g, family = poisson, data = df)
cat(sprintf("interaction b3 %.12g se %.12g p %.12g dispersion %.12g\n",
            coef(f)["t:g"], summary(f)$coefficients["t:g", 2],
            summary(f)$coefficients["t:g", 4],
            sum(residuals(f, "pearson")^2) / f$df.residual))
a <- c(44, 50, 49, 48, 47); b <- c(52, 55, 54, 50, 56, 57, 52, 56)
cat(sprintf("wilcoxon p %.12g\n", wilcox.test(b, a, exact = FALSE, correct = TRUE)$p.value))
p <- poisson.test(c(100, 95), c(1, 1))
cat(sprintf("poisson2 ratio %.12g ci %.12g %.12g p %.12g\n", p$estimate, p$conf.int[1], p$conf.int[2], p$p.value))
p <- poisson.test(c(3, 17), c(1, 1))
cat(sprintf("poisson2 ratio %.12g ci %.12g %.12g p %.12g\n", p$estimate, p$conf.int[1], p$conf.int[2], p$p.value))

/* SPDX-License-Identifier: MIT
 * gen.h - seeded generator of synthetic data with known trends.
 * Everything here is deterministic for a given seed: the same seed gives the
 * same bytes on every machine (GSL's mt19937 and its Poisson/gamma samplers).
 * The generator's parameters are the ground truth that statistics tests
 * recover. Nothing here prints or exits.
 */
#ifndef CT_GEN_H
#define CT_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ctrend/error.h"

/* A count series y[i] ~ Poisson(mu_i) or NB2(mu_i, theta), with
 * log(mu_i) = log_a + slope * i  (i = 0 .. n-1; slope per period). */
typedef struct ct_gen_counts_spec {
    double log_a;  /* log of the mean at i = 0                         */
    double slope;  /* change of log mean per period (log rate ratio)   */
    double theta;  /* NB2 size; 0 or INFINITY means Poisson            */
} ct_gen_counts_spec;

/* Opaque seeded random stream (wraps GSL's mt19937). */
typedef struct ct_rng ct_rng;

/* Creates a stream seeded with seed; *out is NULL on failure. */
int ct_rng_alloc(ct_rng **out, uint64_t seed, ct_error *err);
void ct_rng_free(ct_rng *r);
/* Uniform on [0, 1). */
double ct_rng_uniform(ct_rng *r);
/* Uniform integer on [0, n), n > 0. */
unsigned long ct_rng_uniform_int(ct_rng *r, unsigned long n);
/* Poisson variate with mean mu >= 0. */
unsigned int ct_rng_poisson(ct_rng *r, double mu);
/* NB2 variate with mean mu and size theta (variance mu + mu^2/theta);
 * theta <= 0 or infinite gives a Poisson variate. */
unsigned int ct_rng_negbin(ct_rng *r, double mu, double theta);

/* Fills y[0..n-1] with one series drawn from spec. */
int ct_gen_counts(double *y, size_t n, const ct_gen_counts_spec *spec,
                  ct_rng *r, ct_error *err);

#endif /* CT_GEN_H */

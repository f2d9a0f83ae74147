/* SPDX-License-Identifier: MIT
 * rng.h - the seeded random stream (core). Deterministic for a given seed on
 * every machine (GSL's mt19937 and its samplers); used by the generator
 * (gen) and by the resampling statistics (stats). Nothing here prints or
 * exits.
 */
#ifndef CT_RNG_H
#define CT_RNG_H

#include <stdint.h>

#include "ctrend/error.h"

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

/* Binomial variate: successes in n trials of probability p (0 <= p <= 1). */
unsigned int ct_rng_binomial(ct_rng *r, double p, unsigned int n);

#endif /* CT_RNG_H */

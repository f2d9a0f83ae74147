/* SPDX-License-Identifier: MIT
 * rng.c - the seeded random stream (rng.h).
 * GSL's mt19937 gives the same stream on every platform for a given seed;
 * NB2 draws use the gamma-Poisson mixture, so variance is mu + mu^2/theta.
 */
#include "ctrend/rng.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

struct ct_rng {
    gsl_rng *g; /* owned */
};

int ct_rng_alloc(ct_rng **out, uint64_t seed, ct_error *err)
{
    ct_rng *r;

    *out = NULL;
    r = malloc(sizeof *r);
    if (r == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    r->g = gsl_rng_alloc(gsl_rng_mt19937);
    if (r->g == NULL) {
        free(r);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    /* mt19937 takes an unsigned long seed; fold the high bits in so that
     * 64-bit seeds differing only there still give different streams. */
    gsl_rng_set(r->g, (unsigned long)(seed ^ (seed >> 32)));
    *out = r;
    return CT_OK;
}

void ct_rng_free(ct_rng *r)
{
    if (r == NULL)
        return;
    gsl_rng_free(r->g);
    free(r);
}

double ct_rng_uniform(ct_rng *r) { return gsl_rng_uniform(r->g); }

unsigned long ct_rng_uniform_int(ct_rng *r, unsigned long n)
{
    return n == 0 ? 0 : gsl_rng_uniform_int(r->g, n);
}

unsigned int ct_rng_poisson(ct_rng *r, double mu)
{
    return mu > 0 ? gsl_ran_poisson(r->g, mu) : 0;
}

unsigned int ct_rng_negbin(ct_rng *r, double mu, double theta)
{
    if (mu <= 0)
        return 0;
    if (!(theta > 0) || isinf(theta))
        return gsl_ran_poisson(r->g, mu);
    /* lambda ~ Gamma(shape theta, scale mu/theta), y ~ Poisson(lambda) */
    return gsl_ran_poisson(r->g, gsl_ran_gamma(r->g, theta, mu / theta));
}

unsigned int ct_rng_binomial(ct_rng *r, double p, unsigned int n)
{
    if (n == 0 || !(p > 0))
        return 0;
    if (p >= 1)
        return n;
    return gsl_ran_binomial(r->g, p, n);
}

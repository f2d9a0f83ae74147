/* SPDX-License-Identifier: MIT
 * calibrate.c - simulation calibration of the stats module: coverage of the
 * 95% slope intervals of the count models on series drawn from the matching
 * model with a known slope, and the size (rejection rate under a true null)
 * of Mann-Kendall, all on n = 30 seeded series from ct_gen_counts.
 *
 * Usage: calibrate [SERIES [SEED]]   (default 2000 series, seed 1)
 * Prints one row per scenario; exit status 1 if a scenario outside the
 * issue's bands (coverage 93.5-96.5%, MK size 4-6%) is marked as required.
 * Not run by ctest (the unit tests run a 300-series version).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "ctrend/gen.h"
#include "ctrend/stats.h"

/* double-typed NAN and INFINITY (the C macros are float) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

#define N_T 30

typedef enum { COVER, SIZE } kind;

typedef struct scenario {
    const char *what;      /* row label                                     */
    kind k;                /* COVER: CI coverage; SIZE: rejection at 5%     */
    int model;             /* ct_glm_family, or -1 MK, -2 MK Hamed-Rao,
                              -3 negbin exactly as MASS (Wald, normal)      */
    double log_a, slope, theta; /* generator (theta 0 = Poisson)           */
    int required;          /* 1: the band applies                   */
} scenario;

static const scenario scenarios[] = {
    { "poisson CI, Poisson data, mean 30, +2%/yr", COVER, CT_GLM_POISSON,
      3.4012, 0.02, 0, 1 },
    { "poisson CI, Poisson data, mean 5, -3%/yr", COVER, CT_GLM_POISSON,
      1.6094, -0.03, 0, 1 },
    { "negbin CI, NB data theta 5, mean 30, +2%/yr", COVER, CT_GLM_NEGBIN,
      3.4012, 0.02, 5, 1 },
    { "negbin CI, NB data theta 20, mean 30, +2%/yr", COVER, CT_GLM_NEGBIN,
      3.4012, 0.02, 20, 1 },
    { "negbin CI, NB data theta 2, mean 10, -3%/yr", COVER, CT_GLM_NEGBIN,
      2.3026, -0.03, 2, 0 },
    { "negbin as MASS::glm.nb (Wald z), theta 5", COVER, -3, 3.4012, 0.02,
      5, 0 },
    { "negbin as MASS::glm.nb (Wald z), theta 20", COVER, -3, 3.4012, 0.02,
      20, 0 },
    { "quasipoisson CI, NB data theta 5, mean 30", COVER, CT_GLM_QUASIPOISSON,
      3.4012, 0.02, 5, 0 },
    { "poisson CI, NB data theta 5 (wrong model)", COVER, CT_GLM_POISSON,
      3.4012, 0.02, 5, 0 },
    { "mann-kendall size, Poisson mean 30, no trend", SIZE, -1, 3.4012, 0, 0,
      1 },
    { "mann-kendall size, NB theta 5 mean 30", SIZE, -1, 3.4012, 0, 5, 1 },
    { "mann-kendall size, Poisson mean 5 (ties)", SIZE, -1, 1.6094, 0, 0, 0 },
    { "hamed-rao size, Poisson mean 30, no trend", SIZE, -2, 3.4012, 0, 0,
      0 },
};

int main(int argc, char **argv)
{
    size_t nseries = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 2000;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    double t[N_T], y[N_T];
    size_t i, s;
    int bad = 0;

    gsl_set_error_handler_off();
    if (nseries < 10) {
        fprintf(stderr, "calibrate: need at least 10 series\n");
        return 2;
    }
    for (i = 0; i < N_T; i++)
        t[i] = (double)i;
    printf("calibration: %zu series of n = %d per scenario, seed %lu\n",
           nseries, N_T, seed);
    printf("%-46s %8s %7s %7s %6s  %s\n", "scenario", "fitted", "rate",
           "mc_se", "band", "result");
    for (s = 0; s < sizeof scenarios / sizeof scenarios[0]; s++) {
        const scenario *sc = &scenarios[s];
        ct_gen_counts_spec spec;
        ct_rng *rng = NULL;
        ct_error e;
        size_t ok = 0, hit = 0;
        double rate, se, lo, hi;
        int in;

        spec.log_a = sc->log_a;
        spec.slope = sc->slope;
        spec.theta = sc->theta;
        if (ct_rng_alloc(&rng, seed * 1000 + s, &e) != CT_OK) {
            fprintf(stderr, "calibrate: %s\n", e.msg);
            return 1;
        }
        for (i = 0; i < nseries; i++) {
            if (ct_gen_counts(y, N_T, &spec, rng, &e) != CT_OK) {
                fprintf(stderr, "calibrate: %s\n", e.msg);
                ct_rng_free(rng);
                return 1;
            }
            if (sc->model >= 0 || sc->model == -3) {
                ct_glm_options go = CT_GLM_OPTIONS_INIT;
                ct_glm_result r;
                go.nb_small_sample = sc->model != -3;
                if (ct_stats_glm(&r,
                                 sc->model == -3 ? CT_GLM_NEGBIN
                                                 : (ct_glm_family)sc->model,
                                 t, y, N_T, &go, &e) != CT_OK)
                    continue;
                ok++;
                if (r.slope_ci[0] <= sc->slope && sc->slope <= r.slope_ci[1])
                    hit++;
            } else {
                ct_mk_options o = CT_MK_OPTIONS_INIT;
                ct_mk_result r;
                o.correction = sc->model == -2 ? CT_MK_HAMED_RAO : CT_MK_NONE;
                if (ct_stats_mann_kendall(&r, t, y, N_T, &o, &e) != CT_OK)
                    continue;
                ok++;
                if (r.p_value < 0.05)
                    hit++;
            }
        }
        ct_rng_free(rng);
        rate = ok ? (double)hit / (double)ok : CT_NAN;
        se = sqrt(rate * (1 - rate) / (double)ok);
        lo = sc->k == COVER ? 0.935 : 0.04;
        hi = sc->k == COVER ? 0.965 : 0.06;
        in = rate >= lo && rate <= hi;
        if (sc->required && !in)
            bad = 1;
        printf("%-46s %8zu %6.2f%% %6.2f%% %s  %s\n", sc->what, ok,
               100 * rate, 100 * se,
               sc->k == COVER ? "95%" : " 5%",
               !sc->required ? (in ? "in band (informative)"
                                   : "outside band (informative)")
                             : (in ? "PASS" : "FAIL"));
    }
    return bad;
}

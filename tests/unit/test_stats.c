/* SPDX-License-Identifier: MIT
 * test_stats.c - the stats module against independent references:
 * NIST StRD Norris (certified values) and R (tests/reference/stats:
 * make_reference.R and its output reference_values.csv, read at run time),
 * plus error paths, reproducibility and a small simulation calibration.
 *
 * Tolerance: the issue asks for agreement with R to a relative 1e-6. The R
 * references are computed with convergence tolerances far below that (see
 * make_reference.R), so a larger difference is an error in one of the two
 * implementations. Breakpoints are held to 0.05 years as the issue says, and
 * additionally to 1e-5 years where R's optimum is itself that precise.
 * The largest relative error seen per model is printed at the end.
 */
#include "runner.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/gen.h"
#include "ctrend/stats.h"

/* double-typed NAN and INFINITY (the C macros are float) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

#define REL_TOL 1e-6

/* ------------------------------------------------------ reference table --- */

typedef struct ref_row {
    char key[192];
    double v;
} ref_row;

static ref_row *refs;
static size_t nrefs;

static int load_refs(void)
{
    char line[512];
    size_t cap = 0;
    FILE *f = fopen(ct_test_path(ct_test_source_dir(),
                                 "tests/reference/stats/reference_values.csv"),
                    "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f)) {
        char *c1, *c2, *c3;
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        c1 = strchr(line, ',');
        c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        c3 = c2 ? strchr(c2 + 1, ',') : NULL;
        if (!c3)
            continue;
        if (nrefs == cap) {
            ref_row *r;
            cap = cap ? 2 * cap : 1024;
            r = realloc(refs, cap * sizeof *refs);
            if (r == NULL) {
                fclose(f);
                return -1;
            }
            refs = r;
        }
        *c3 = '\0';
        if (strlen(line) >= sizeof refs[nrefs].key)
            continue;
        memcpy(refs[nrefs].key, line, strlen(line) + 1);
        refs[nrefs].v = strtod(c3 + 1, NULL);
        nrefs++;
    }
    fclose(f);
    return nrefs > 0 ? 0 : -1;
}

/* value of case/model/quantity; 0 when present */
static int ref_find(const char *c, const char *m, const char *q, double *v)
{
    char key[192];
    size_t i;
    snprintf(key, sizeof key, "%s,%s,%s", c, m, q);
    for (i = 0; i < nrefs; i++)
        if (strcmp(refs[i].key, key) == 0) {
            *v = refs[i].v;
            return 0;
        }
    return -1;
}

static double ref(const char *c, const char *m, const char *q)
{
    double v = CT_NAN;
    char msg[256];
    if (ref_find(c, m, q, &v) != 0) {
        snprintf(msg, sizeof msg, "reference %s,%s,%s missing", c, m, q);
        CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "",
                                CU_FALSE);
    }
    return v;
}

/* ------------------------------------------------------- agreement log --- */

typedef struct agree {
    char group[48];
    double max_rel;
    char worst[160];
    size_t checks;
} agree;

static agree agrees[64];
static size_t nagrees;

static agree *group_of(const char *g)
{
    size_t i;
    for (i = 0; i < nagrees; i++)
        if (strcmp(agrees[i].group, g) == 0)
            return &agrees[i];
    if (nagrees == sizeof agrees / sizeof agrees[0])
        return &agrees[0];
    snprintf(agrees[nagrees].group, sizeof agrees[0].group, "%s", g);
    return &agrees[nagrees++];
}

static double rel_err(double got, double want)
{
    if (isinf(want) && got == want)
        return 0;
    if (want == 0)
        return fabs(got);
    return fabs(got - want) / fabs(want);
}

/* asserts |got - want| <= tol |want| and logs the error under group */
static void check_rel_at(const char *group, const char *label, double got,
                         double want, double tol, int line)
{
    double e = rel_err(got, want);
    agree *a = group_of(group);
    char msg[320];

    double logged = isnan(e) ? CT_INF : e;

    a->checks++;
    if (a->checks == 1 || logged > a->max_rel) {
        a->max_rel = logged;
        snprintf(a->worst, sizeof a->worst, "%s", label);
    }
    snprintf(msg, sizeof msg, "%s: %s = %.17g, reference %.17g (rel %.3g)",
             group, label, got, want, e);
    CU_assertImplementation(e <= tol, line, msg, __FILE__, "", CU_FALSE);
}
#define CHECK_REL(g, l, got, want, tol) \
    check_rel_at(g, l, got, want, tol, __LINE__)

static void check_ref(const char *group, const char *c, const char *m,
                      const char *q, double got, double tol, int line)
{
    char label[160];
    snprintf(label, sizeof label, "%s %s", c, q);
    check_rel_at(group, label, got, ref(c, m, q), tol, line);
}
#define REF_CHECK(g, c, m, q, got) check_ref(g, c, m, q, got, REL_TOL, __LINE__)

/* --------------------------------------------------------------- series --- */

typedef struct series {
    double t[700];
    double y[700];
    size_t n;
    double ppy;
} series;

/* reads a `ctrend series` CSV (period,value; YYYY or YYYY-MM) */
static int load_series(const char *name, series *s)
{
    char rel[256], line[256];
    FILE *f;

    snprintf(rel, sizeof rel, "tests/reference/stats/series/%s.csv", name);
    f = fopen(ct_test_path(ct_test_source_dir(), rel), "r");
    if (f == NULL)
        return -1;
    s->n = 0;
    s->ppy = 1;
    while (fgets(line, sizeof line, f) && s->n < 700) {
        int yr, mo;
        char *comma = strchr(line, ',');
        if (comma == NULL || strncmp(line, "period", 6) == 0)
            continue;
        if (sscanf(line, "%d-%d,", &yr, &mo) == 2 && line[4] == '-') {
            s->t[s->n] = yr * 12.0 + (mo - 1);
            s->ppy = 12;
        } else {
            s->t[s->n] = atof(line);
        }
        s->y[s->n] = atof(comma + 1);
        s->n++;
    }
    fclose(f);
    return s->n > 0 ? 0 : -1;
}

static series S; /* scratch, one at a time */

static int get_series(const char *name)
{
    int ok = load_series(name, &S) == 0;
    char msg[200];
    snprintf(msg, sizeof msg, "series %s readable", name);
    CU_assertImplementation(ok, __LINE__, msg, __FILE__, "", CU_FALSE);
    return ok;
}

static const char *all_cases[] = {
    "ucdp_intra3_1993", "ucdp_intra34_1993", "ucdp_inter2_1993",
    "ucdp_intra3_2010", "ucdp_intra34_2010", "ucdp_inter2_2010",
    "syn_ties",         "syn_zeros",         "syn_break",
    "syn_break_counts", "syn_break2",        "syn_overdisp",
    "syn_monthly",      "syn_autocorr",      "syn_hr_negative",
};
#define N_ALL (sizeof all_cases / sizeof all_cases[0])
static const char *count_cases[] = {
    "ucdp_intra3_1993", "ucdp_intra34_1993", "ucdp_inter2_1993",
    "ucdp_intra3_2010", "ucdp_intra34_2010", "ucdp_inter2_2010",
    "syn_ties",         "syn_zeros",         "syn_break_counts",
    "syn_break2",       "syn_overdisp",      "syn_monthly",
};
#define N_COUNT (sizeof count_cases / sizeof count_cases[0])

/* ------------------------------------------------------------------ OLS --- */

static void test_ols_norris(void)
{
    /* NIST StRD certified values, 15 significant digits: hold to 1e-9 */
    static const struct {
        const char *q;
        double v;
    } cert[] = {
        { "intercept", -0.262323073774029 },
        { "intercept_se", 0.232818234301152 },
        { "slope", 1.00211681802045 },
        { "slope_se", 0.429796848199937E-03 },
        { "sigma", 0.884796396144373 },
        { "r_squared", 0.999993745883712 },
    };
    double x[36], y[36], got[6];
    char line[128];
    size_t n = 0, i;
    ct_ols_result r;
    ct_error e;
    FILE *f = fopen(ct_test_path(ct_test_source_dir(),
                                 "tests/reference/stats/norris.csv"),
                    "r");

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    while (fgets(line, sizeof line, f))
        if (line[0] != 'x' && n < 36 && sscanf(line, "%lf,%lf", &x[n], &y[n]) == 2)
            n++;
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(n, 36);
    CU_ASSERT_EQUAL_FATAL(ct_stats_ols(&r, x, y, n, NULL, &e), CT_OK);
    got[0] = r.intercept;
    got[1] = r.intercept_se;
    got[2] = r.slope;
    got[3] = r.slope_se;
    got[4] = r.sigma;
    got[5] = r.r_squared;
    for (i = 0; i < 6; i++)
        check_rel_at("ols (NIST Norris)", cert[i].q, got[i], cert[i].v, 1e-9,
                     __LINE__);
    /* Newey-West numbers of the same fit against sandwich::NeweyWest */
    REF_CHECK("ols (vs R lm/NeweyWest)", "norris", "ols", "slope_se_hac",
              r.slope_se_hac);
    CU_ASSERT_EQUAL(r.hac_lag, (int)ref("norris", "ols", "hac_lag"));
}

static void ols_case(const char *c)
{
    static const char *lag_models[] = { "ols_lag1", "ols_lag3" };
    const char *g = "ols (vs R lm/NeweyWest)";
    ct_ols_options o = CT_OLS_OPTIONS_INIT;
    ct_ols_result r;
    ct_error e;
    size_t k;
    double v;

    if (!get_series(c))
        return;
    o.periods_per_year = S.ppy;
    CU_ASSERT_EQUAL_FATAL(ct_stats_ols(&r, S.t, S.y, S.n, &o, &e), CT_OK);
    REF_CHECK(g, c, "ols", "intercept", r.intercept);
    REF_CHECK(g, c, "ols", "intercept_se", r.intercept_se);
    REF_CHECK(g, c, "ols", "slope", r.slope);
    REF_CHECK(g, c, "ols", "slope_se", r.slope_se);
    REF_CHECK(g, c, "ols", "slope_t", r.slope_t);
    REF_CHECK(g, c, "ols", "p_value", r.p_value);
    REF_CHECK(g, c, "ols", "ci_lo", r.slope_ci[0]);
    REF_CHECK(g, c, "ols", "ci_hi", r.slope_ci[1]);
    REF_CHECK(g, c, "ols", "r_squared", r.r_squared);
    REF_CHECK(g, c, "ols", "sigma", r.sigma);
    CU_ASSERT_EQUAL(r.hac_lag, (int)ref(c, "ols", "hac_lag"));
    REF_CHECK(g, c, "ols", "slope_se_hac", r.slope_se_hac);
    REF_CHECK(g, c, "ols", "p_value_hac", r.p_value_hac);
    REF_CHECK(g, c, "ols", "ci_hac_lo", r.slope_ci_hac[0]);
    REF_CHECK(g, c, "ols", "ci_hac_hi", r.slope_ci_hac[1]);
    for (k = 0; k < 2; k++) {
        if (ref_find(c, lag_models[k], "hac_lag", &v) != 0)
            continue;
        o.hac_lag = (int)v;
        CU_ASSERT_EQUAL_FATAL(ct_stats_ols(&r, S.t, S.y, S.n, &o, &e), CT_OK);
        REF_CHECK(g, c, lag_models[k], "slope_se_hac", r.slope_se_hac);
        REF_CHECK(g, c, lag_models[k], "p_value_hac", r.p_value_hac);
        REF_CHECK(g, c, lag_models[k], "ci_hac_lo", r.slope_ci_hac[0]);
    }
}

static void test_ols_vs_r(void)
{
    size_t i;
    for (i = 0; i < N_ALL; i++)
        ols_case(all_cases[i]);
}

/* ------------------------------------------------------------- counts --- */

static void glm_case(const char *c)
{
    ct_glm_options o = CT_GLM_OPTIONS_INIT;
    ct_glm_result r, rp;
    ct_error e;
    const char *g;

    if (!get_series(c))
        return;
    o.periods_per_year = S.ppy;

    g = "poisson (vs R glm)";
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&rp, CT_GLM_POISSON, S.t, S.y, S.n, &o,
                                       &e), CT_OK);
    REF_CHECK(g, c, "poisson", "intercept", rp.intercept);
    REF_CHECK(g, c, "poisson", "intercept_se", rp.intercept_se);
    REF_CHECK(g, c, "poisson", "slope", rp.slope);
    REF_CHECK(g, c, "poisson", "slope_se", rp.slope_se);
    REF_CHECK(g, c, "poisson", "z", rp.z);
    REF_CHECK(g, c, "poisson", "p_value", rp.p_value);
    REF_CHECK(g, c, "poisson", "ci_lo", rp.slope_ci[0]);
    REF_CHECK(g, c, "poisson", "ci_hi", rp.slope_ci[1]);
    REF_CHECK(g, c, "poisson", "irr", rp.irr);
    REF_CHECK(g, c, "poisson", "irr_lo", rp.irr_ci[0]);
    REF_CHECK(g, c, "poisson", "irr_hi", rp.irr_ci[1]);
    REF_CHECK(g, c, "poisson", "percent", rp.percent_per_year);
    REF_CHECK(g, c, "poisson", "deviance", rp.deviance);
    REF_CHECK(g, c, "poisson", "null_deviance", rp.null_deviance);
    REF_CHECK(g, c, "poisson", "pearson_chi2", rp.pearson_chi2);
    REF_CHECK(g, c, "poisson", "dispersion", rp.dispersion);
    REF_CHECK(g, c, "poisson", "loglik", rp.loglik);
    REF_CHECK(g, c, "poisson", "aic", rp.aic);

    g = "quasipoisson (vs R glm)";
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&r, CT_GLM_QUASIPOISSON, S.t, S.y, S.n,
                                       &o, &e), CT_OK);
    REF_CHECK(g, c, "quasipoisson", "slope", r.slope);
    REF_CHECK(g, c, "quasipoisson", "slope_se", r.slope_se);
    REF_CHECK(g, c, "quasipoisson", "intercept_se", r.intercept_se);
    REF_CHECK(g, c, "quasipoisson", "t", r.z);
    REF_CHECK(g, c, "quasipoisson", "p_value", r.p_value);
    REF_CHECK(g, c, "quasipoisson", "ci_lo", r.slope_ci[0]);
    REF_CHECK(g, c, "quasipoisson", "ci_hi", r.slope_ci[1]);
    REF_CHECK(g, c, "quasipoisson", "dispersion", r.dispersion);

    g = "negbin (vs R MASS::glm.nb)";
    /* the default small-sample inference only rescales the model SE */
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&r, CT_GLM_NEGBIN, S.t, S.y, S.n, &o,
                                       &e), CT_OK);
    CU_ASSERT_EQUAL(r.t_based, 1);
    CU_ASSERT_DOUBLE_EQUAL(r.se_scale,
                           r.dispersion > 1 ? sqrt(r.dispersion) : 1, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(r.slope_se, r.slope_se_model * r.se_scale,
                           1e-15 * r.slope_se);
    if (!r.theta_infinite)
        REF_CHECK(g, c, "negbin", "slope_se", r.slope_se_model);
    /* exactly MASS::glm.nb */
    o.nb_small_sample = 0;
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&r, CT_GLM_NEGBIN, S.t, S.y, S.n, &o,
                                       &e), CT_OK);
    CU_ASSERT_EQUAL(r.t_based, 0);
    CU_ASSERT_EQUAL(r.theta_infinite, (int)ref(c, "negbin", "theta_infinite"));
    if (r.theta_infinite) {
        /* no over-dispersion: the NB2 maximum is the Poisson fit */
        CU_ASSERT(isinf(r.theta));
        CHECK_REL(g, "slope (theta infinite) = poisson", r.slope,
                  ref(c, "poisson", "slope"), REL_TOL);
        CHECK_REL(g, "slope_se (theta infinite) = poisson", r.slope_se,
                  ref(c, "poisson", "slope_se"), REL_TOL);
        CU_ASSERT_DOUBLE_EQUAL(r.lr_stat, 0, 0);
        CU_ASSERT_DOUBLE_EQUAL(r.lr_p_value, 1, 0);
        return;
    }
    REF_CHECK(g, c, "negbin", "intercept", r.intercept);
    REF_CHECK(g, c, "negbin", "intercept_se", r.intercept_se);
    REF_CHECK(g, c, "negbin", "slope", r.slope);
    REF_CHECK(g, c, "negbin", "slope_se", r.slope_se);
    REF_CHECK(g, c, "negbin", "z", r.z);
    REF_CHECK(g, c, "negbin", "p_value", r.p_value);
    REF_CHECK(g, c, "negbin", "ci_lo", r.slope_ci[0]);
    REF_CHECK(g, c, "negbin", "ci_hi", r.slope_ci[1]);
    REF_CHECK(g, c, "negbin", "irr", r.irr);
    REF_CHECK(g, c, "negbin", "theta", r.theta);
    REF_CHECK(g, c, "negbin", "theta_se", r.theta_se);
    /* MASS's own SE.theta comes from the information one Newton step before
     * the end (|step| < 1.2e-4): it agrees only to about 1e-5 */
    check_ref("negbin theta_se vs MASS SE.theta", c, "negbin", "theta_se_mass",
              r.theta_se, 1e-4, __LINE__);
    REF_CHECK(g, c, "negbin", "loglik", r.loglik);
    REF_CHECK(g, c, "negbin", "deviance", r.deviance);
    REF_CHECK(g, c, "negbin", "dispersion", r.dispersion);
    REF_CHECK(g, c, "negbin", "lr_stat", r.lr_stat);
    REF_CHECK(g, c, "negbin", "lr_p_value", r.lr_p_value);
}

static void test_glm_vs_r(void)
{
    size_t i;
    for (i = 0; i < N_COUNT; i++)
        glm_case(count_cases[i]);
}

/* ------------------------------------------------------- workspaces --- */

static void expect_err(int rc, int code, const ct_error *e, const char *part);

/* bit-for-bit equality of two doubles (NAN equals NAN) */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}
#define SAME(a, b, f) CU_ASSERT(same_bits((a).f, (b).f))

static void glm_same(const ct_glm_result *a, const ct_glm_result *b)
{
    CU_ASSERT_EQUAL(a->family, b->family);
    CU_ASSERT_EQUAL(a->n, b->n);
    CU_ASSERT_EQUAL(a->iterations, b->iterations);
    CU_ASSERT_EQUAL(a->t_based, b->t_based);
    CU_ASSERT_EQUAL(a->theta_infinite, b->theta_infinite);
    CU_ASSERT_EQUAL(a->n_noninteger, b->n_noninteger);
    SAME(*a, *b, intercept); SAME(*a, *b, intercept_se);
    SAME(*a, *b, slope); SAME(*a, *b, slope_se); SAME(*a, *b, slope_se_model);
    SAME(*a, *b, se_scale); SAME(*a, *b, z); SAME(*a, *b, p_value);
    SAME(*a, *b, slope_ci[0]); SAME(*a, *b, slope_ci[1]);
    SAME(*a, *b, percent_per_year); SAME(*a, *b, percent_ci[0]);
    SAME(*a, *b, percent_ci[1]); SAME(*a, *b, deviance);
    SAME(*a, *b, null_deviance); SAME(*a, *b, pearson_chi2);
    SAME(*a, *b, dispersion); SAME(*a, *b, loglik); SAME(*a, *b, aic);
    SAME(*a, *b, theta); SAME(*a, *b, theta_se); SAME(*a, *b, lr_stat);
    SAME(*a, *b, lr_p_value);
}

static void mk_same(const ct_mk_result *a, const ct_mk_result *b)
{
    CU_ASSERT_EQUAL(a->n, b->n);
    CU_ASSERT_EQUAL(a->significant_lags, b->significant_lags);
    CU_ASSERT_EQUAL(a->correction_guarded, b->correction_guarded);
    CU_ASSERT_EQUAL(a->sen_ci_clamped, b->sen_ci_clamped);
    SAME(*a, *b, S); SAME(*a, *b, var_S); SAME(*a, *b, var_S_used);
    SAME(*a, *b, correction_factor); SAME(*a, *b, correction_raw);
    SAME(*a, *b, z); SAME(*a, *b, p_value); SAME(*a, *b, tau);
    SAME(*a, *b, tau_a); SAME(*a, *b, sen_slope); SAME(*a, *b, sen_ci[0]);
    SAME(*a, *b, sen_ci[1]); SAME(*a, *b, sen_intercept);
}

/* One workspace of each kind, reused across every reference series (12 to
 * 600 observations, visited longest-last and then in reverse, so each size
 * follows both a shorter and a longer fit, and after failed calls): every
 * number equals that of a fresh call bit for bit, and the R references. */
static void test_workspace_reuse(void)
{
    ct_glm_workspace *gw = ct_stats_glm_workspace_alloc(700);
    ct_mk_workspace *mw = ct_stats_mk_workspace_alloc(700);
    static const ct_glm_family fam[] = {CT_GLM_POISSON, CT_GLM_QUASIPOISSON,
                                        CT_GLM_NEGBIN};
    const double zeros[5] = {0, 0, 0, 0, 0}, t5[5] = {1, 2, 3, 4, 5};
    size_t pass, k, f;
    ct_error e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(gw);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mw);
    for (pass = 0; pass < 2; pass++)
        for (k = 0; k < N_COUNT; k++) {
            const char *c = count_cases[pass ? N_COUNT - 1 - k : k];
            ct_glm_options o = CT_GLM_OPTIONS_INIT;
            ct_glm_result a, b;
            if (!get_series(c))
                return;
            o.periods_per_year = S.ppy;
            for (f = 0; f < 4; f++) {
                /* Poisson, quasi-Poisson, NB small-sample, exact glm.nb */
                ct_glm_family fa = f < 3 ? fam[f] : CT_GLM_NEGBIN;
                o.nb_small_sample = f != 3;
                CU_ASSERT_EQUAL_FATAL(ct_stats_glm_ws(&a, fa, S.t, S.y, S.n,
                                                      &o, gw, &e), CT_OK);
                CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&b, fa, S.t, S.y, S.n, &o,
                                                   &e), CT_OK);
                glm_same(&a, &b);
            }
            /* the last fit was exactly MASS::glm.nb */
            if (!a.theta_infinite)
                REF_CHECK("workspace reuse (vs R)", c, "negbin", "theta",
                          a.theta);
            CU_ASSERT_EQUAL_FATAL(ct_stats_glm_ws(&a, CT_GLM_POISSON, S.t,
                                                  S.y, S.n, &o, gw, &e),
                                  CT_OK);
            REF_CHECK("workspace reuse (vs R)", c, "poisson", "slope",
                      a.slope);
            REF_CHECK("workspace reuse (vs R)", c, "poisson", "p_value",
                      a.p_value);
            /* a refused series in between leaves nothing behind */
            CU_ASSERT_EQUAL(ct_stats_glm_ws(&a, CT_GLM_NEGBIN, t5, zeros, 5,
                                            NULL, gw, &e), CT_EDOMAIN);
        }
    for (pass = 0; pass < 2; pass++)
        for (k = 0; k < N_ALL; k++) {
            const char *c = all_cases[pass ? N_ALL - 1 - k : k];
            ct_mk_options o = CT_MK_OPTIONS_INIT;
            ct_mk_result a, b;
            if (!get_series(c))
                return;
            o.periods_per_year = S.ppy;
            for (f = 0; f < 2; f++) {
                o.correction = f ? CT_MK_HAMED_RAO : CT_MK_NONE;
                CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall_ws(&a, S.t, S.y,
                                                               S.n, &o, mw,
                                                               &e), CT_OK);
                CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&b, S.t, S.y, S.n,
                                                            &o, &e), CT_OK);
                mk_same(&a, &b);
            }
            REF_CHECK("workspace reuse (vs R)", c, "mk_hr", "p_value",
                      a.p_value);
            REF_CHECK("workspace reuse (vs R)", c, "mk", "sen_slope",
                      a.sen_slope);
        }
    /* limits and misuse */
    if (get_series("ucdp_intra3_1993")) {
        ct_glm_workspace *small = ct_stats_glm_workspace_alloc(S.n - 1);
        ct_mk_workspace *msmall = ct_stats_mk_workspace_alloc(S.n - 1);
        ct_glm_result a;
        ct_mk_result m;
        CU_ASSERT_PTR_NOT_NULL_FATAL(small);
        CU_ASSERT_PTR_NOT_NULL_FATAL(msmall);
        expect_err(ct_stats_glm_ws(&a, CT_GLM_POISSON, S.t, S.y, S.n, NULL,
                                   small, &e), CT_ELIMIT, &e, "exceed");
        expect_err(ct_stats_mann_kendall_ws(&m, S.t, S.y, S.n, NULL, msmall,
                                            &e), CT_ELIMIT, &e, "exceed");
        expect_err(ct_stats_glm_ws(&a, CT_GLM_POISSON, S.t, S.y, S.n, NULL,
                                   NULL, &e), CT_EUSAGE, &e, "workspace");
        expect_err(ct_stats_mann_kendall_ws(&m, S.t, S.y, S.n, NULL, NULL,
                                            &e), CT_EUSAGE, &e, "workspace");
        /* the same call with err NULL */
        CU_ASSERT_EQUAL(ct_stats_glm_ws(&a, CT_GLM_POISSON, S.t, S.y, S.n,
                                        NULL, small, NULL), CT_ELIMIT);
        ct_stats_glm_workspace_free(small);
        ct_stats_mk_workspace_free(msmall);
    }
    CU_ASSERT_PTR_NULL(ct_stats_glm_workspace_alloc(0));
    CU_ASSERT_PTR_NULL(ct_stats_mk_workspace_alloc(0));
    CU_ASSERT_PTR_NULL(ct_stats_mk_workspace_alloc(CT_STATS_PAIRWISE_MAX + 1));
    ct_stats_glm_workspace_free(NULL);
    ct_stats_mk_workspace_free(NULL);
    ct_stats_glm_workspace_free(gw);
    ct_stats_mk_workspace_free(mw);
}

/* ----------------------------------------------------- Mann-Kendall --- */

static void mk_case(const char *c)
{
    ct_mk_options o = CT_MK_OPTIONS_INIT;
    ct_mk_result r;
    ct_error e;
    const char *g = "mann-kendall/sen (vs R, from formulas)";

    if (!get_series(c))
        return;
    o.periods_per_year = S.ppy;
    CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&r, S.t, S.y, S.n, &o, &e),
                          CT_OK);
    REF_CHECK(g, c, "mk", "S", r.S);
    REF_CHECK(g, c, "mk", "var_S", r.var_S);
    REF_CHECK(g, c, "mk", "z", r.z);
    REF_CHECK(g, c, "mk", "p_value", r.p_value);
    REF_CHECK(g, c, "mk", "tau_b", r.tau);
    REF_CHECK(g, c, "mk", "tau_a", r.tau_a);
    REF_CHECK(g, c, "mk", "sen_slope", r.sen_slope);
    REF_CHECK(g, c, "mk", "sen_lo", r.sen_ci[0]);
    REF_CHECK(g, c, "mk", "sen_hi", r.sen_ci[1]);
    REF_CHECK(g, c, "mk", "sen_intercept", r.sen_intercept);

    g = "hamed-rao (vs R, from formulas)";
    o.correction = CT_MK_HAMED_RAO;
    CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&r, S.t, S.y, S.n, &o, &e),
                          CT_OK);
    REF_CHECK(g, c, "mk_hr", "factor_raw", r.correction_raw);
    REF_CHECK(g, c, "mk_hr", "factor", r.correction_factor);
    CU_ASSERT_EQUAL(r.correction_guarded, (int)ref(c, "mk_hr", "guarded"));
    CU_ASSERT_EQUAL(r.significant_lags,
                    (size_t)ref(c, "mk_hr", "n_significant_lags"));
    REF_CHECK(g, c, "mk_hr", "var_S_used", r.var_S_used);
    REF_CHECK(g, c, "mk_hr", "z", r.z);
    REF_CHECK(g, c, "mk_hr", "p_value", r.p_value);
    REF_CHECK(g, c, "mk_hr", "sen_lo", r.sen_ci[0]);
    REF_CHECK(g, c, "mk_hr", "sen_hi", r.sen_ci[1]);
}

static void test_mk_vs_r(void)
{
    size_t i;
    for (i = 0; i < N_ALL; i++)
        mk_case(all_cases[i]);
}

static void test_mk_hamed_rao_guard(void)
{
    /* the series of pyMannKendall issue #29: n/n* < 0 */
    ct_mk_options o = CT_MK_OPTIONS_INIT;
    ct_mk_result r, plain;
    ct_error e;

    if (!get_series("syn_hr_negative"))
        return;
    CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&plain, S.t, S.y, S.n, &o, &e),
                          CT_OK);
    o.correction = CT_MK_HAMED_RAO;
    CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&r, S.t, S.y, S.n, &o, &e),
                          CT_OK);
    CU_ASSERT(r.correction_raw < 0);
    CU_ASSERT_EQUAL(r.correction_guarded, 1);
    CU_ASSERT(isfinite(r.z) && isfinite(r.p_value));
    CU_ASSERT_DOUBLE_EQUAL(r.var_S_used, plain.var_S, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.p_value, plain.p_value, 0);
}

/* ---------------------------------------------------------- segmented --- */

static void seg_case(const char *c, ct_seg_family fam, int k)
{
    ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result r;
    ct_error e;
    char m[64], q[32], g[64];
    int j;

    if (!get_series(c))
        return;
    o.family = fam;
    o.n_breaks = k;
    o.periods_per_year = S.ppy;
    snprintf(m, sizeof m, "segmented_%s_%d",
             fam == CT_SEG_GAUSSIAN ? "gaussian" : "poisson", k);
    snprintf(g, sizeof g, "segmented %s (vs R segmented)",
             fam == CT_SEG_GAUSSIAN ? "gaussian" : "poisson");
    if (ct_stats_segmented(&r, S.t, S.y, S.n, &o, &e) != CT_OK) {
        CU_FAIL(e.msg);
        return;
    }
    CU_ASSERT_DOUBLE_EQUAL(r.df, ref(c, m, "df"), 0);
    for (j = 0; j < k; j++) {
        double own, polished, diff;
        char label[128];
        /* psiJ_segmented: segmented's own estimate (it stops ~1e-7 years
         * short of the optimum); psiJ: the same polished to the optimum by
         * Muggeo's update, at which R's SEs are reported */
        snprintf(q, sizeof q, "psi%d_segmented", j + 1);
        own = ref(c, m, q);
        snprintf(q, sizeof q, "psi%d", j + 1);
        polished = ref(c, m, q);
        diff = fabs(r.psi[j] - own);
        snprintf(label, sizeof label,
                 "%s %s: |psi - R segmented| = %.3g years (issue: < 0.05)", c,
                 q, diff);
        CU_assertImplementation(diff < 0.05, __LINE__, label, __FILE__, "",
                                CU_FALSE);
        {
            agree *a = group_of("segmented psi vs R segmented (years, abs.)");
            a->checks++;
            if (diff > a->max_rel || a->checks == 1) {
                a->max_rel = diff > a->max_rel ? diff : a->max_rel;
                snprintf(a->worst, sizeof a->worst, "%s %s %s", c, m, q);
            }
        }
        check_ref("segmented psi vs polished optimum (relative)", c, m, q,
                  r.psi[j], 1e-9, __LINE__);
        (void)polished;
        snprintf(q, sizeof q, "psi%d_se", j + 1);
        REF_CHECK(g, c, m, q, r.psi_se[j]);
        snprintf(q, sizeof q, "psi%d_lo", j + 1);
        REF_CHECK(g, c, m, q, r.psi_ci[j][0]);
        snprintf(q, sizeof q, "psi%d_hi", j + 1);
        REF_CHECK(g, c, m, q, r.psi_ci[j][1]);
    }
    for (j = 0; j <= k; j++) {
        snprintf(q, sizeof q, "slope%d", j + 1);
        REF_CHECK(g, c, m, q, r.slope[j]);
        snprintf(q, sizeof q, "slope%d_se", j + 1);
        REF_CHECK(g, c, m, q, r.slope_se[j]);
        snprintf(q, sizeof q, "slope%d_lo", j + 1);
        REF_CHECK(g, c, m, q, r.slope_ci[j][0]);
        snprintf(q, sizeof q, "slope%d_hi", j + 1);
        REF_CHECK(g, c, m, q, r.slope_ci[j][1]);
        snprintf(q, sizeof q, "slope%d_p", j + 1);
        REF_CHECK(g, c, m, q, r.slope_p[j]);
    }
    REF_CHECK(g, c, m, "objective", r.objective);
    REF_CHECK(g, c, m, "intercept", r.intercept);
    check_ref("davies test (vs R segmented::davies.test)", c, m, "davies_p",
              r.davies_p, REL_TOL, __LINE__);
}

static void test_segmented_vs_r(void)
{
    seg_case("syn_break", CT_SEG_GAUSSIAN, 1);
    seg_case("ucdp_intra34_1993", CT_SEG_GAUSSIAN, 1);
    seg_case("ucdp_intra3_1993", CT_SEG_GAUSSIAN, 1);
    seg_case("syn_break_counts", CT_SEG_GAUSSIAN, 1);
    seg_case("syn_break_counts", CT_SEG_POISSON, 1);
    seg_case("ucdp_intra34_1993", CT_SEG_POISSON, 1);
    seg_case("syn_break2", CT_SEG_GAUSSIAN, 2);
    seg_case("syn_break2", CT_SEG_POISSON, 2);
}

/* ------------------------------------------------------------ compare --- */

static void cmp_case(const char *c, int a0, int a1, int b0, int b1)
{
    ct_compare_options o = CT_COMPARE_OPTIONS_INIT;
    ct_compare_result r;
    ct_error e;
    char m[64];
    const char *g = "compare (vs R poisson.test/t.test)";
    double k, off;

    if (!get_series(c))
        return;
    snprintf(m, sizeof m, "compare:%d:%d:%d:%d", a0, a1, b0, b1);
    o.periods_per_year = S.ppy;
    /* periods are whole years; in months they run January to December */
    k = S.ppy == 12 ? 12 : 1;
    off = S.ppy == 12 ? 11 : 0;
    CU_ASSERT_EQUAL_FATAL(ct_stats_compare(&r, S.t, S.y, S.n, a0 * k,
                                           a1 * k + off, b0 * k, b1 * k + off,
                                           &o, &e), CT_OK);
    CU_ASSERT_EQUAL(r.n_a, (size_t)ref(c, m, "n_a"));
    CU_ASSERT_EQUAL(r.n_b, (size_t)ref(c, m, "n_b"));
    REF_CHECK(g, c, m, "mean_a", r.mean_a);
    REF_CHECK(g, c, m, "mean_b", r.mean_b);
    REF_CHECK(g, c, m, "rate_a", r.rate_a);
    REF_CHECK(g, c, m, "rate_b", r.rate_b);
    REF_CHECK(g, c, m, "rate_ratio", r.rate_ratio);
    REF_CHECK(g, c, m, "rate_ratio_lo", r.rate_ratio_ci[0]);
    REF_CHECK(g, c, m, "rate_ratio_hi", r.rate_ratio_ci[1]);
    REF_CHECK(g, c, m, "rate_ratio_p", r.rate_ratio_p);
    REF_CHECK(g, c, m, "diff", r.mean_diff);
    REF_CHECK(g, c, m, "diff_lo", r.mean_diff_ci[0]);
    REF_CHECK(g, c, m, "diff_hi", r.mean_diff_ci[1]);
    REF_CHECK(g, c, m, "welch_t", r.welch_t);
    REF_CHECK(g, c, m, "welch_df", r.welch_df);
    REF_CHECK(g, c, m, "welch_p", r.welch_p);
}

static void test_compare_vs_r(void)
{
    cmp_case("ucdp_intra34_1993", 1993, 1997, 2018, 2022);
    cmp_case("ucdp_intra3_1993", 1993, 2000, 2010, 2022);
    cmp_case("ucdp_inter2_1993", 1993, 1999, 2016, 2022);
    cmp_case("syn_zeros", 1990, 1994, 2010, 2014);
    cmp_case("syn_monthly", 2015, 2015, 2018, 2019);
}

/* ------------------------------------------------------------ p.adjust --- */

static void test_padjust_vs_r(void)
{
    static const char *meth[] = { "holm", "BH" };
    double p[12], out[12];
    char q[8];
    size_t i, k;
    ct_error e;

    for (i = 0; i < 12; i++) {
        snprintf(q, sizeof q, "p%zu", i + 1);
        p[i] = ref("padjust", "input", q);
    }
    for (k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL_FATAL(ct_stats_p_adjust(out, p, 12,
                                                k ? CT_PADJUST_BH
                                                  : CT_PADJUST_HOLM, &e),
                              CT_OK);
        for (i = 0; i < 12; i++) {
            snprintf(q, sizeof q, "p%zu", i + 1);
            REF_CHECK("p.adjust (vs R)", "padjust", meth[k], q, out[i]);
        }
    }
    /* NaN passes through and does not count (R: n = sum(!is.na(p))) */
    {
        double pn[3] = { 0.01, CT_NAN, 0.04 }, on[3];
        CU_ASSERT_EQUAL(ct_stats_p_adjust(on, pn, 3, CT_PADJUST_HOLM, &e),
                        CT_OK);
        CU_ASSERT(isnan(on[1]));
        CU_ASSERT_DOUBLE_EQUAL(on[0], 0.02, 1e-15);
        CU_ASSERT_DOUBLE_EQUAL(on[2], 0.04, 1e-15);
    }
}

/* ---------------------------------------------------------------- scan --- */

static void test_scan_vs_r(void)
{
    double starts[8], ends[8];
    ct_scan_cell cells[64];
    ct_scan_options o = CT_SCAN_OPTIONS_INIT;
    ct_scan_summary sum;
    ct_error e;
    char m[64];
    size_t i, j, sig = 0;
    const char *c = "ucdp_intra34_1993", *g = "scan (vs R lm/glm per window)";

    if (!get_series(c))
        return;
    for (i = 0; i < 8; i++) {
        starts[i] = 1993 + (double)i;
        ends[i] = 2015 + (double)i;
    }
    CU_ASSERT_EQUAL_FATAL(ct_stats_scan(cells, S.t, S.y, S.n, starts, 8, ends,
                                        8, &o, &e), CT_OK);
    for (i = 0; i < 8; i++)
        for (j = 0; j < 8; j++) {
            const ct_scan_cell *cl = &cells[i * 8 + j];
            snprintf(m, sizeof m, "scan:%d:%d", 1993 + (int)i, 2015 + (int)j);
            CU_ASSERT_EQUAL(cl->status, CT_OK);
            CU_ASSERT_EQUAL(cl->n, (size_t)(2015 + j - (1993 + i) + 1));
            check_ref(g, c, m, "ols_slope", cl->slope, REL_TOL, __LINE__);
            check_ref(g, c, m, "ols_p", cl->p_value, REL_TOL, __LINE__);
            check_ref(g, c, m, "ols_lo", cl->ci[0], REL_TOL, __LINE__);
            check_ref(g, c, m, "ols_hi", cl->ci[1], REL_TOL, __LINE__);
            if (cl->p_value < 0.05)
                sig++;
        }
    CU_ASSERT_EQUAL(ct_stats_scan_summarize(&sum, cells, 64, 0.05, &e), CT_OK);
    CU_ASSERT_EQUAL(sum.windows, 64);
    CU_ASSERT_EQUAL(sum.computed, 64);
    CU_ASSERT_EQUAL(sum.significant_positive + sum.significant_negative, sig);

    o.statistic = CT_STAT_POISSON;
    CU_ASSERT_EQUAL_FATAL(ct_stats_scan(cells, S.t, S.y, S.n, starts, 8, ends,
                                        8, &o, &e), CT_OK);
    for (i = 0; i < 8; i++)
        for (j = 0; j < 8; j++) {
            snprintf(m, sizeof m, "scan:%d:%d", 1993 + (int)i, 2015 + (int)j);
            check_ref(g, c, m, "poisson_slope", cells[i * 8 + j].slope,
                      REL_TOL, __LINE__);
            check_ref(g, c, m, "poisson_p", cells[i * 8 + j].p_value, REL_TOL,
                      __LINE__);
        }

    /* a window that is too short or reversed is marked, not fatal */
    starts[0] = 2020;
    ends[0] = 2021;
    ends[1] = 2019;
    CU_ASSERT_EQUAL(ct_stats_scan(cells, S.t, S.y, S.n, starts, 1, ends, 2,
                                  &o, &e), CT_OK);
    CU_ASSERT_EQUAL(cells[0].status, CT_EDOMAIN);
    CU_ASSERT_EQUAL(cells[1].status, CT_EDOMAIN);
    CU_ASSERT(isnan(cells[0].slope));
}

/* ----------------------------------------------------------- bootstrap --- */

static void boot_case(const char *stat_name, ct_statistic st, size_t B)
{
    ct_bootstrap_options o = CT_BOOTSTRAP_OPTIONS_INIT;
    ct_bootstrap_result r;
    ct_error e;
    char m[64], g[96];
    double se_r, q_lo, q_hi;
    const char *c = "ucdp_intra34_1993";

    if (!get_series(c))
        return;
    snprintf(m, sizeof m, "mbb_%s_l3", stat_name);
    snprintf(g, sizeof g, "bootstrap %s (vs R Monte Carlo)", stat_name);
    o.statistic = st;
    o.block_length = 3;
    o.replicates = B;
    o.seed = 20240601;
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&r, S.t, S.y, S.n, &o, &e),
                          CT_OK);
    CU_ASSERT_EQUAL(r.block_length, 3);
    CU_ASSERT_EQUAL(r.failed, 0);
    se_r = ref(c, m, "se");
    q_lo = ref(c, m, "q025");
    q_hi = ref(c, m, "q975");
    /* Both are Monte Carlo estimates of the same bootstrap distribution
     * (R: 1e5 or 2e4 draws; here B). The SE of an SD estimate is about
     * SD/sqrt(2B): 0.5% for B = 2e4, so 4% is > 5 sigma. A 2.5% quantile has
     * SE sqrt(p(1-p)/B)/f(q) ~ 0.02 SD for B = 2e4: allow 0.15 SD. */
    CHECK_REL(g, "boot_se", r.boot_se, se_r, 0.04);
    CU_ASSERT(fabs(r.ci_percentile[0] - q_lo) < 0.15 * se_r);
    CU_ASSERT(fabs(r.ci_percentile[1] - q_hi) < 0.15 * se_r);
}

static void test_bootstrap_vs_r(void)
{
    boot_case("ols", CT_STAT_OLS, 20000);
    boot_case("sen", CT_STAT_SEN, 20000);
    boot_case("poisson", CT_STAT_POISSON, 10000);
}

static void test_bootstrap_reproducible(void)
{
    ct_bootstrap_options o = CT_BOOTSTRAP_OPTIONS_INIT;
    ct_bootstrap_result a, b, c;
    ct_error e;

    if (!get_series("syn_overdisp"))
        return;
    o.statistic = CT_STAT_NEGBIN;
    o.replicates = 200;
    o.seed = 42;
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&a, S.t, S.y, S.n, &o, &e), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&b, S.t, S.y, S.n, &o, &e), CT_OK);
    o.seed = 43;
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&c, S.t, S.y, S.n, &o, &e), CT_OK);
    CU_ASSERT_EQUAL(memcmp(&a.ci_percentile, &b.ci_percentile,
                           sizeof a.ci_percentile), 0);
    CU_ASSERT_EQUAL(a.boot_se, b.boot_se);
    CU_ASSERT(a.boot_se != c.boot_se);
    CU_ASSERT_EQUAL(a.block_length, 3); /* round(30^(1/3)) */
    CU_ASSERT_EQUAL(a.seed, 42);
}

static void test_bootstrap_exact_line(void)
{
    /* y exactly linear: every pair has slope 2, so every resample too */
    double t[12], y[12];
    size_t i;
    ct_bootstrap_options o = CT_BOOTSTRAP_OPTIONS_INIT;
    ct_bootstrap_result r;
    ct_error e;

    for (i = 0; i < 12; i++) {
        t[i] = 2000 + (double)i;
        y[i] = 5 + 2 * (double)i;
    }
    o.statistic = CT_STAT_SEN;
    o.replicates = 100;
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&r, t, y, 12, &o, &e), CT_OK);
    CU_ASSERT_DOUBLE_EQUAL(r.estimate, 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(r.ci_percentile[0], 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(r.ci_percentile[1], 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(r.boot_se, 0, 1e-12);
    /* one block of the whole series: every sample is the series itself */
    o.statistic = CT_STAT_OLS;
    o.block_length = 12;
    y[3] += 1;
    CU_ASSERT_EQUAL_FATAL(ct_stats_bootstrap(&r, t, y, 12, &o, &e), CT_OK);
    CU_ASSERT_DOUBLE_EQUAL(r.ci_percentile[0], r.estimate, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(r.ci_percentile[1], r.estimate, 1e-12);
}

/* ------------------------------------------------------------- errors --- */

static void expect_err(int rc, int code, const ct_error *e, const char *part)
{
    char msg[CT_ERROR_MSG_MAX + 200];
    snprintf(msg, sizeof msg, "expected code %d with '%s', got %d: '%s'", code,
             part, rc, e->msg);
    CU_assertImplementation(rc == code && strstr(e->msg, part) != NULL,
                            __LINE__, msg, __FILE__, "", CU_FALSE);
}

static void test_errors(void)
{
    double t[8] = { 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007 };
    double zeros[8] = { 0 }, one[8] = { 0, 0, 0, 0, 0, 0, 0, 4 };
    double y[8] = { 3, 5, 4, 6, 8, 7, 9, 12 }, tu[8], neg[8], frac[8];
    double cst[8] = { 5, 5, 5, 5, 5, 5, 5, 5 };
    ct_ols_result ro;
    ct_glm_result rg;
    ct_mk_result rm;
    ct_segmented_result rs;
    ct_compare_result rc;
    ct_bootstrap_result rb;
    ct_ols_options oo = CT_OLS_OPTIONS_INIT;
    ct_mk_options om = CT_MK_OPTIONS_INIT;
    ct_segmented_options os = CT_SEGMENTED_OPTIONS_INIT;
    ct_bootstrap_options ob = CT_BOOTSTRAP_OPTIONS_INIT;
    ct_error e;
    ct_statistic st;
    size_t i;

    memcpy(tu, t, sizeof t);
    tu[3] = 2001;
    memcpy(neg, y, sizeof y);
    neg[2] = -1;
    memcpy(frac, y, sizeof y);
    frac[2] = 2.5;

    expect_err(ct_stats_ols(&ro, t, y, 2, NULL, &e), CT_EDOMAIN, &e,
               "need at least 3 periods, got 2");
    expect_err(ct_stats_ols(&ro, t, cst, 8, NULL, &e), CT_EDOMAIN, &e,
               "all 8 values are equal");
    oo.hac_lag = 8;
    expect_err(ct_stats_ols(&ro, t, y, 8, &oo, &e), CT_EUSAGE, &e,
               "must be smaller than the number of periods");
    oo.hac_lag = 0;
    oo.level = 1.5;
    expect_err(ct_stats_ols(&ro, t, y, 8, &oo, &e), CT_EUSAGE, &e,
               "confidence level must be between 0 and 1");

    expect_err(ct_stats_glm(&rg, CT_GLM_POISSON, t, zeros, 8, NULL, &e),
               CT_EDOMAIN, &e, "all 8 counts are zero");
    expect_err(ct_stats_glm(&rg, CT_GLM_NEGBIN, t, one, 8, NULL, &e),
               CT_EDOMAIN, &e, "separation");
    expect_err(ct_stats_glm(&rg, CT_GLM_POISSON, t, neg, 8, NULL, &e),
               CT_EDOMAIN, &e, "counts must be non-negative");

    expect_err(ct_stats_mann_kendall(&rm, tu, y, 8, NULL, &e), CT_EDOMAIN, &e,
               "strictly increasing");
    expect_err(ct_stats_mann_kendall(&rm, t, cst, 8, NULL, &e), CT_EDOMAIN,
               &e, "all 8 values are equal");
    expect_err(ct_stats_mann_kendall(&rm, t, y, 3, NULL, &e), CT_EDOMAIN, &e,
               "need at least 4 periods");
    om.correction = CT_MK_HAMED_RAO;
    om.acf_level = 0;
    expect_err(ct_stats_mann_kendall(&rm, t, y, 8, &om, &e), CT_EUSAGE, &e,
               "autocorrelation level");

    expect_err(ct_stats_segmented(&rs, t, y, 7, NULL, &e), CT_EDOMAIN, &e,
               "need at least 8 periods");
    os.n_breaks = 3;
    expect_err(ct_stats_segmented(&rs, t, y, 8, &os, &e), CT_EUSAGE, &e,
               "must be 1 or 2");
    os.n_breaks = 1;
    os.family = CT_SEG_POISSON;
    expect_err(ct_stats_segmented(&rs, t, zeros, 8, &os, &e), CT_EDOMAIN, &e,
               "all 8 counts are zero");

    expect_err(ct_stats_compare(&rc, t, frac, 8, 2000, 2002, 2005, 2007, NULL,
                                &e), CT_EDOMAIN, &e, "whole numbers");
    expect_err(ct_stats_compare(&rc, t, zeros, 8, 2000, 2002, 2005, 2007, NULL,
                                &e), CT_EDOMAIN, &e, "both periods have zero");
    expect_err(ct_stats_compare(&rc, t, y, 8, 2000, 2000, 2005, 2007, NULL,
                                &e), CT_EDOMAIN, &e, "at least 2 observations");
    expect_err(ct_stats_compare(&rc, t, y, 8, 2003, 2000, 2005, 2007, NULL,
                                &e), CT_EUSAGE, &e, "from <= to");

    ob.block_length = 9;
    expect_err(ct_stats_bootstrap(&rb, t, y, 8, &ob, &e), CT_EUSAGE, &e,
               "block length");
    ob.block_length = 2;
    ob.statistic = CT_STAT_POISSON;
    for (i = 0; i < 8; i++)
        zeros[i] = i == 7 ? 3 : (i == 6 ? 1 : 0);
    /* most resamples lack the two non-zero years: the statistic fails */
    expect_err(ct_stats_bootstrap(&rb, t, zeros, 8, &ob, &e), CT_EDOMAIN, &e,
               "the statistic failed on");

    expect_err(ct_stats_statistic_parse("median", &st, &e), CT_EUSAGE, &e,
               "unknown statistic 'median'");
    CU_ASSERT_EQUAL(ct_stats_statistic_parse("mk-hr", &st, &e), CT_OK);
    CU_ASSERT_EQUAL(st, CT_STAT_SEN_HR);
    {
        double p[2] = { 0.5, 1.5 }, out[2];
        expect_err(ct_stats_p_adjust(out, p, 2, CT_PADJUST_BH, &e), CT_EDOMAIN,
                   &e, "not in [0, 1]");
    }
    /* err may be NULL */
    CU_ASSERT_EQUAL(ct_stats_ols(&ro, t, y, 2, NULL, NULL), CT_EDOMAIN);
}

/* Theta grows without bound when the counts are not over-dispersed: the
 * negbin fit must say so and return the Poisson fit. Counts equal to their
 * Poisson means on a trend (0 Pearson residual) are the extreme case. */
static void test_negbin_theta_infinite(void)
{
    double t[10], y[10];
    size_t i;
    ct_glm_result nb, po;
    ct_error e;

    for (i = 0; i < 10; i++) {
        t[i] = 2000 + (double)i;
        y[i] = 10 + (double)i;
    }
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&nb, CT_GLM_NEGBIN, t, y, 10, NULL, &e),
                          CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&po, CT_GLM_POISSON, t, y, 10, NULL, &e),
                          CT_OK);
    CU_ASSERT_EQUAL(nb.theta_infinite, 1);
    CU_ASSERT(isinf(nb.theta));
    CU_ASSERT(isnan(nb.theta_se));
    CU_ASSERT_DOUBLE_EQUAL(nb.slope, po.slope, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(nb.lr_p_value, 1, 0);
}

/* ---------------------------------------------------- calibration (small) --- */

/* A small version of tests/bench/calibrate.c: 300 seeded series of n = 30.
 * With 300 series the Monte Carlo SD of a 95% coverage is
 * sqrt(0.95 0.05 / 300) = 1.26 points, and of a 5% rejection rate the same;
 * the acceptance bands are +-3.29 SD (two-sided 0.1% each), i.e. coverage in
 * [90.9%, 99.1%] and rejection in [0.9%, 9.1%]. The full run (2,000+ series,
 * tighter bands 93.5-96.5% and 4-6%) is the `calibrate` target. */
static void calib(ct_glm_family fam, double theta, double *cover)
{
    ct_gen_counts_spec spec;
    ct_glm_result r;
    ct_rng *rng = NULL;
    ct_error e;
    double t[30], y[30];
    size_t i, ok = 0, hit = 0;

    for (i = 0; i < 30; i++)
        t[i] = (double)i;
    spec.log_a = log(20);
    spec.slope = 0.03;
    spec.theta = theta;
    CU_ASSERT_EQUAL_FATAL(ct_rng_alloc(&rng, fam == CT_GLM_NEGBIN ? 7 : 5, &e),
                          CT_OK);
    for (i = 0; i < 300; i++) {
        CU_ASSERT_EQUAL_FATAL(ct_gen_counts(y, 30, &spec, rng, &e), CT_OK);
        if (ct_stats_glm(&r, fam, t, y, 30, NULL, &e) != CT_OK)
            continue;
        ok++;
        if (r.slope_ci[0] <= spec.slope && spec.slope <= r.slope_ci[1])
            hit++;
    }
    ct_rng_free(rng);
    CU_ASSERT_EQUAL(ok, 300);
    *cover = (double)hit / (double)ok;
}

static void test_calibration_small(void)
{
    double cover;
    ct_gen_counts_spec spec;
    ct_rng *rng = NULL;
    ct_error e;
    ct_mk_result r;
    double t[30], y[30];
    size_t i, rej = 0;

    calib(CT_GLM_POISSON, 0, &cover);
    printf("\n    poisson CI coverage %.3f (300 series)", cover);
    CU_ASSERT(cover >= 0.909 && cover <= 0.991);
    calib(CT_GLM_NEGBIN, 5, &cover);
    printf("\n    negbin CI coverage %.3f (300 series)", cover);
    CU_ASSERT(cover >= 0.909 && cover <= 0.991);

    for (i = 0; i < 30; i++)
        t[i] = (double)i;
    spec.log_a = log(30);
    spec.slope = 0;
    spec.theta = 0;
    CU_ASSERT_EQUAL_FATAL(ct_rng_alloc(&rng, 11, &e), CT_OK);
    for (i = 0; i < 300; i++) {
        CU_ASSERT_EQUAL_FATAL(ct_gen_counts(y, 30, &spec, rng, &e), CT_OK);
        CU_ASSERT_EQUAL_FATAL(ct_stats_mann_kendall(&r, t, y, 30, NULL, &e),
                              CT_OK);
        if (r.p_value < 0.05)
            rej++;
    }
    ct_rng_free(rng);
    printf("\n    mann-kendall null rejection %.3f (300 series)\n",
           (double)rej / 300);
    CU_ASSERT(rej >= 3 && rej <= 27);
}

/* ---------------------------------------------------------- the report --- */

/* ------------------------------------------------------------ issue 14 ---
 * Statistics on every input: reference values from issue14.R (R
 * poisson.test, glm, segmented and a dense grid), and a property test. */

static ref_row *refs14;
static size_t nrefs14;

static int load_refs14(void)
{
    char line[512];
    size_t cap = 0;
    FILE *f;

    if (nrefs14 > 0)
        return 0;
    f = fopen(ct_test_path(ct_test_source_dir(),
                           "tests/reference/stats/issue14_values.csv"),
              "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f)) {
        char *c2;
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        c2 = strchr(line, ',');
        c2 = c2 ? strchr(c2 + 1, ',') : NULL;
        if (!c2)
            continue;
        if (nrefs14 == cap) {
            ref_row *r;
            cap = cap ? 2 * cap : 256;
            r = realloc(refs14, cap * sizeof *refs14);
            if (r == NULL) {
                fclose(f);
                return -1;
            }
            refs14 = r;
        }
        *c2 = '\0';
        if (strlen(line) >= sizeof refs14[0].key)
            continue;
        memcpy(refs14[nrefs14].key, line, strlen(line) + 1);
        refs14[nrefs14].v = strtod(c2 + 1, NULL);
        nrefs14++;
    }
    fclose(f);
    return nrefs14 > 0 ? 0 : -1;
}

static int ref14_find(const char *c, const char *q, double *v)
{
    char key[192];
    size_t i;
    snprintf(key, sizeof key, "%s,%s", c, q);
    for (i = 0; i < nrefs14; i++)
        if (strcmp(refs14[i].key, key) == 0) {
            *v = refs14[i].v;
            return 0;
        }
    return -1;
}

static double ref14(const char *c, const char *q)
{
    double v = CT_NAN;
    char msg[200];
    if (ref14_find(c, q, &v) != 0) {
        snprintf(msg, sizeof msg, "reference %s,%s missing", c, q);
        CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "",
                                CU_FALSE);
    }
    return v;
}

/* 1. exact rate-ratio interval at any count, against R poisson.test */
static void test_i14_compare_large(void)
{
    int i;
    CU_ASSERT_FATAL(load_refs14() == 0);
    for (i = 1; i < 100; i++) {
        char c[16];
        double v, xa, xb, t[20], y[20];
        size_t ya, yb, j, n;
        ct_compare_result r;
        ct_error e;
        snprintf(c, sizeof c, "cmp%02d", i);
        if (ref14_find(c, "x_a", &v) != 0)
            break;
        xa = v;
        xb = ref14(c, "x_b");
        ya = (size_t)ref14(c, "years_a");
        yb = (size_t)ref14(c, "years_b");
        n = ya + yb;
        /* the totals spread over the years of each period */
        for (j = 0; j < n; j++) {
            double tot = j < ya ? xa : xb, m = (double)(j < ya ? ya : yb);
            size_t k = j < ya ? j : j - ya;
            t[j] = 2000 + (double)j;
            y[j] = floor(tot / m) + ((double)k < fmod(tot, m) ? 1 : 0);
        }
        if (ct_stats_compare(&r, t, y, n, 2000, 2000 + (double)ya - 1,
                             2000 + (double)ya, 2000 + (double)n - 1, NULL,
                             &e) != CT_OK) {
            CU_FAIL(e.msg);
            continue;
        }
        check_rel_at("compare large counts (vs R poisson.test)", c,
                     r.rate_ratio, ref14(c, "ratio"), REL_TOL, __LINE__);
        check_rel_at("compare large counts (vs R poisson.test)", c,
                     r.rate_ratio_ci[0], ref14(c, "lo"), REL_TOL, __LINE__);
        check_rel_at("compare large counts (vs R poisson.test)", c,
                     r.rate_ratio_ci[1], ref14(c, "hi"), REL_TOL, __LINE__);
        /* R's p-values below 1e-300 are denormal remainders: 0 */
        if (ref14(c, "p") < 1e-300) {
            CU_ASSERT(r.rate_ratio_p < 1e-300);
        } else {
            check_rel_at("compare large counts (vs R poisson.test)", c,
                         r.rate_ratio_p, ref14(c, "p"), REL_TOL, __LINE__);
        }
    }
    CU_ASSERT(i > 20);
}

/* 2. finite MLE with non-zero counts at one interior time; refusal only
 * where no finite MLE exists */
static void test_i14_glm_interior(void)
{
    int i;
    CU_ASSERT_FATAL(load_refs14() == 0);
    for (i = 1; i < 100; i++) {
        char c[16], q[32];
        double v, t[64], y[64];
        size_t n, j;
        ct_glm_result r;
        ct_error e;
        snprintf(c, sizeof c, "glm%02d", i);
        if (ref14_find(c, "n", &v) != 0)
            break;
        n = (size_t)v;
        if (n > 64)
            break;
        for (j = 0; j < n; j++) {
            snprintf(q, sizeof q, "y%zu", j + 1);
            y[j] = ref14(c, q);
            t[j] = 1978 + (double)j;
        }
        if (ct_stats_glm(&r, CT_GLM_POISSON, t, y, n, NULL, &e) != CT_OK) {
            CU_FAIL(e.msg);
        } else {
            check_rel_at("poisson interior-only (vs R glm)", c, r.slope,
                         ref14(c, "poisson_slope"), REL_TOL, __LINE__);
            check_rel_at("poisson interior-only (vs R glm)", c, r.slope_se,
                         ref14(c, "poisson_se"), REL_TOL, __LINE__);
            check_rel_at("poisson interior-only (vs R glm)", c, r.p_value,
                         ref14(c, "poisson_p"), REL_TOL, __LINE__);
        }
        /* negative binomial: against the direct maximisation of the NB2
         * likelihood in R (optim; its precision is ~1e-5) */
        if (ct_stats_glm(&r, CT_GLM_NEGBIN, t, y, n, NULL, &e) != CT_OK) {
            CU_FAIL(e.msg);
        } else {
            double th = ref14(c, "negbin_theta");
            check_rel_at("negbin interior-only (vs R NB2 optim)", c, r.slope, ref14(c, "negbin_slope"),
                         isinf(th) ? 1e-3 : 1e-4, __LINE__);
            if (isinf(th)) {
                CU_ASSERT(r.theta_infinite || r.theta > 1e5);
            } else {
                check_rel_at("negbin interior-only (vs R NB2 optim)", c, r.theta, th, 1e-4, __LINE__);
            }
        }
        if (ct_stats_glm(&r, CT_GLM_QUASIPOISSON, t, y, n, NULL, &e) !=
            CT_OK) {
            CU_FAIL(e.msg);
        } else {
            check_rel_at("poisson interior-only (vs R glm)", c, r.slope_se,
                         ref14(c, "quasipoisson_se"), REL_TOL, __LINE__);
            check_rel_at("poisson interior-only (vs R glm)", c, r.p_value,
                         ref14(c, "quasipoisson_p"), REL_TOL, __LINE__);
        }
    }
    CU_ASSERT(i > 5);
    {
        /* no finite MLE: non-zero only at the first / last time */
        double t[6] = { 1, 2, 3, 4, 5, 6 }, first[6] = { 3, 0, 0, 0, 0, 0 },
               last[6] = { 0, 0, 0, 0, 0, 2 }, zero[6] = { 0 };
        ct_glm_result r;
        ct_error e;
        int f;
        for (f = 0; f < 3; f++) {
            expect_err(ct_stats_glm(&r, (ct_glm_family)f, t, first, 6, NULL,
                                    &e), CT_EDOMAIN, &e, "first time");
            expect_err(ct_stats_glm(&r, (ct_glm_family)f, t, last, 6, NULL,
                                    &e), CT_EDOMAIN, &e, "last time");
            expect_err(ct_stats_glm(&r, (ct_glm_family)f, t, zero, 6, NULL,
                                    &e), CT_EDOMAIN, &e, "all 6 counts");
        }
    }
}

/* 4. a break on an observation: reported there, SEs of the limit from the
 * right, whatever the side the search came from */
static void test_i14_break_on_point(void)
{
    double t[8] = { 1954, 1955, 1956, 1957, 1958, 1959, 1960, 1961 };
    double y[8] = { 11.977, 11.469, 13.009, 11.918, 7.709, 5.979, 7.012,
                    5.017 };
    ct_segmented_result r;
    ct_error e;

    CU_ASSERT_FATAL(load_refs14() == 0);
    if (ct_stats_segmented(&r, t, y, 8, NULL, &e) != CT_OK) {
        CU_FAIL(e.msg);
        return;
    }
    CU_ASSERT_EQUAL(r.psi[0], ref14("bp_on_point", "psi"));
    check_rel_at("break on a data point (vs R, right limit)",
                 "objective", r.objective, ref14("bp_on_point", "objective"),
                 1e-9, __LINE__);
    check_rel_at("break on a data point (vs R, right limit)",
                 "psi_se", r.psi_se[0], ref14("bp_on_point", "psi_se"),
                 REL_TOL, __LINE__);
    check_rel_at("break on a data point (vs R, right limit)",
                 "slope1_se", r.slope_se[0],
                 ref14("bp_on_point", "slope1_se"), REL_TOL, __LINE__);
    check_rel_at("break on a data point (vs R, right limit)",
                 "slope2_se", r.slope_se[1],
                 ref14("bp_on_point", "slope2_se"), REL_TOL, __LINE__);
    /* the limit from the right is the value just above the point */
    check_rel_at("break on a data point (vs R, right limit)",
                 "psi_se above", r.psi_se[0], ref14("bp_above", "psi_se"),
                 1e-4, __LINE__);
}

/* 3. the search finds the global optimum: never above the best of a dense
 * grid and R segmented (generated series, 1 and 2 breaks, both families) */
static void test_i14_search(void)
{
    char line[8192];
    size_t total = 0, flagged = 0, refused = 0, better = 0;
    double worst = 0;
    FILE *f = fopen(ct_test_path(ct_test_source_dir(),
                                 "tests/reference/stats/segsearch.csv"),
                    "r");

    CU_ASSERT_FATAL(f != NULL);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char fam[16];
        int k, n, j, ok;
        double grid, robj, t[200], y[200], target;
        ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
        ct_segmented_result r;
        ct_error e;

        if (!ct_test_segsearch_row(line, fam, &k, &n, &grid, &robj, t, y,
                                   200))
            continue;
        total++;
        o.family = strcmp(fam, "poisson") == 0 ? CT_SEG_POISSON
                                               : CT_SEG_GAUSSIAN;
        o.n_breaks = k;
        if (ct_stats_segmented(&r, t, y, (size_t)n, &o, &e) != CT_OK) {
            /* allowed only when neither reference found a finite value */
            char msg[sizeof e.msg + 64];
            refused++;
            snprintf(msg, sizeof msg, "segsearch %s k=%d n=%d refused: %s",
                     fam, k, n, e.msg);
            CU_assertImplementation(!isfinite(grid) && !isfinite(robj),
                                    __LINE__, msg, __FILE__, "", CU_FALSE);
            continue;
        }
        ok = 1;
        for (j = 0; j <= k; j++)
            if (!r.slope_estimable[j])
                ok = 0;
        if (!ok) {
            flagged++; /* at a limit: the objective is an infimum */
            continue;
        }
        target = isfinite(robj) && robj < grid ? robj : grid;
        {
            char msg[300];
            double ex = (r.objective - target) / (1 + fabs(target));
            snprintf(msg, sizeof msg,
                     "segsearch %s k=%d n=%d: objective %.10g, grid %.10g, "
                     "R segmented %.10g", fam, k, n, r.objective, grid, robj);
            CU_assertImplementation(ex <= 1e-7, __LINE__, msg, __FILE__, "",
                                    CU_FALSE);
            if (ex > worst)
                worst = ex;
            if (ex < -1e-6)
                better++;
        }
    }
    fclose(f);
    printf("\n    segmented search: %zu series, %zu below the best of grid "
           "and R by > 1e-6, %zu flagged at a limit, %zu refused, worst "
           "excess %.2g\n", total, better, flagged, refused, worst);
    CU_ASSERT(total >= 200);
}

/* 5. Davies' test skips evaluation points without a finite fit: here the
 * three points inside the leading run of zeros (1991, 1992.9, 1994.8) */
static void test_i14_davies_skip(void)
{
    double t[20], y[20] = { 0, 0, 0, 0, 0, 3, 5, 4, 8, 9, 12, 10, 15, 14,
                            18, 20, 22, 25, 24, 30 };
    ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result r;
    ct_error e;
    size_t i;

    for (i = 0; i < 20; i++)
        t[i] = 1990 + (double)i;
    o.family = CT_SEG_POISSON;
    if (ct_stats_segmented(&r, t, y, 20, &o, &e) != CT_OK) {
        CU_FAIL(e.msg);
        return;
    }
    CU_ASSERT_EQUAL(r.davies_skipped, 3);
    CU_ASSERT_EQUAL(r.davies_used, 7);
    CU_ASSERT(r.davies_p >= 0 && r.davies_p <= 1);
    /* the first segment is zeros cut off by the break: not estimable, and
     * no p-value for it */
    CU_ASSERT_EQUAL(r.slope_estimable[0], 0);
    CU_ASSERT(isnan(r.slope[0]) && isnan(r.slope_p[0]));
}

/* 6. degenerate series: refused (with a reason) by every model that has no
 * information in them */
static void test_i14_degenerate(void)
{
    double t[20], cst[20], line[20], zero[20];
    ct_error e;
    size_t i;
    int k, f;

    for (i = 0; i < 20; i++) {
        t[i] = 1990 + (double)i;
        cst[i] = 5;
        line[i] = 3 + 2 * (double)i;
        zero[i] = 0;
    }
    {
        ct_ols_result r;
        expect_err(ct_stats_ols(&r, t, cst, 20, NULL, &e), CT_EDOMAIN, &e,
                   "equal");
        expect_err(ct_stats_ols(&r, t, line, 20, NULL, &e), CT_EDOMAIN, &e,
                   "line");
    }
    {
        ct_glm_result r;
        expect_err(ct_stats_glm(&r, CT_GLM_QUASIPOISSON, t, cst, 20, NULL, &e),
                   CT_EDOMAIN, &e, "exactly");
        for (f = 0; f < 3; f++)
            expect_err(ct_stats_glm(&r, (ct_glm_family)f, t, zero, 20, NULL,
                                    &e), CT_EDOMAIN, &e, "zero");
        /* Poisson and NB on a constant count: the Poisson variance is known,
         * so the answer is a slope of 0 with p = 1, not a finding */
        for (f = 0; f < 3; f += 2) {
            CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&r, (ct_glm_family)f, t, cst,
                                               20, NULL, &e), CT_OK);
            CU_ASSERT(fabs(r.slope) < 1e-12 && r.p_value > 0.999);
        }
    }
    {
        ct_mk_result r;
        expect_err(ct_stats_mann_kendall(&r, t, cst, 20, NULL, &e),
                   CT_EDOMAIN, &e, "equal");
    }
    for (k = 1; k <= 2; k++) {
        ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
        ct_segmented_result r;
        double pw[20];
        o.n_breaks = k;
        expect_err(ct_stats_segmented(&r, t, cst, 20, &o, &e), CT_EDOMAIN, &e,
                   "line");
        expect_err(ct_stats_segmented(&r, t, line, 20, &o, &e), CT_EDOMAIN,
                   &e, "line");
        /* an exact piecewise line */
        for (i = 0; i < 20; i++)
            pw[i] = 10 + (i < 8 ? 2.0 * (double)i : 16 - 1.5 * ((double)i - 8));
        expect_err(ct_stats_segmented(&r, t, pw, 20, &o, &e), CT_EDOMAIN, &e,
                   "exactly");
        o.family = CT_SEG_POISSON;
        expect_err(ct_stats_segmented(&r, t, cst, 20, &o, &e), CT_EDOMAIN, &e,
                   "exactly");
        expect_err(ct_stats_segmented(&r, t, zero, 20, &o, &e), CT_EDOMAIN,
                   &e, "zero");
    }
    {
        ct_compare_result r;
        expect_err(ct_stats_compare(&r, t, zero, 20, 1990, 1994, 2000, 2004,
                                    NULL, &e), CT_EDOMAIN, &e, "zero");
    }
}

/* property: on random series every model gives either a refusal with a
 * reason, or numbers that are all finite; a quantity flagged as not
 * estimable has no p-value */
static uint64_t prop_state = 88172645463325252u;
static double prop_u(void)
{
    prop_state ^= prop_state << 13;
    prop_state ^= prop_state >> 7;
    prop_state ^= prop_state << 17;
    return (double)(prop_state >> 11) / 9007199254740992.0;
}

static int all_finite(const double *v, size_t m)
{
    size_t i;
    for (i = 0; i < m; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

static void prop_check(int ok, const char *model, int kind, size_t n,
                       const char *what)
{
    char msg[200];
    snprintf(msg, sizeof msg, "property: %s on series kind %d (n = %zu): %s",
             model, kind, n, what);
    CU_assertImplementation(ok, __LINE__, msg, __FILE__, "", CU_FALSE);
}

static void test_i14_property(void)
{
    int rep, refusals = 0, fits = 0;

    for (rep = 0; rep < 400; rep++) {
        size_t n = 3 + (size_t)(prop_u() * 38), i;
        int kind = (int)(prop_u() * 8), f, k;
        double t[48], y[48], mu = pow(10, prop_u() * 5), v[16];
        ct_error e;

        for (i = 0; i < n; i++) {
            double u = prop_u();
            t[i] = 1980 + (double)i;
            switch (kind) {
            case 0: y[i] = floor(mu * u * 2); break;              /* counts */
            case 1: y[i] = u < 0.8 ? 0 : floor(1 + 5 * u); break;  /* zeros */
            case 2: y[i] = 7; break;                               /* const */
            case 3: y[i] = 2 + 3 * (double)i; break;               /* line */
            case 4: y[i] = i < n / 2 ? 0 : floor(mu * u); break;   /* lead 0 */
            case 5: y[i] = i > n / 3 ? 0 : floor(mu * u); break;   /* trail 0 */
            case 6: y[i] = (double)(i % 2) * 3; break;             /* 0 3 0 3 */
            default: y[i] = mu * (u - 0.5); break;                 /* real */
            }
        }
        {
            ct_ols_result r;
            if (ct_stats_ols(&r, t, y, n, NULL, &e) == CT_OK) {
                double w[] = { r.slope, r.slope_se, r.p_value, r.slope_ci[0],
                               r.slope_ci[1], r.slope_se_hac, r.p_value_hac,
                               r.slope_ci_hac[0], r.slope_ci_hac[1] };
                prop_check(all_finite(w, 9) && r.slope_se > 0, "ols", kind,
                           n, "non-finite number");
                fits++;
            } else {
                prop_check(e.msg[0] != 0, "ols", kind, n, "no reason");
                refusals++;
            }
        }
        for (f = 0; f < 3; f++) {
            ct_glm_result r;
            int nonneg = 1;
            for (i = 0; i < n; i++)
                if (y[i] < 0)
                    nonneg = 0;
            if (ct_stats_glm(&r, (ct_glm_family)f, t, y, n, NULL, &e) ==
                CT_OK) {
                double w[] = { r.slope, r.slope_se, r.p_value, r.slope_ci[0],
                               r.slope_ci[1], r.irr, r.deviance,
                               r.dispersion };
                prop_check(nonneg && all_finite(w, 8) && r.slope_se > 0 &&
                               fabs(r.slope) < 50,
                           "glm", kind, n, "non-finite or absurd number");
                fits++;
            } else {
                prop_check(e.msg[0] != 0, "glm", kind, n, "no reason");
                refusals++;
            }
        }
        {
            ct_mk_result r;
            if (ct_stats_mann_kendall(&r, t, y, n, NULL, &e) == CT_OK) {
                double w[] = { r.S, r.z, r.p_value, r.sen_slope, r.sen_ci[0],
                               r.sen_ci[1] };
                prop_check(all_finite(w, 6), "mk", kind, n,
                           "non-finite number");
                fits++;
            } else {
                prop_check(e.msg[0] != 0, "mk", kind, n, "no reason");
                refusals++;
            }
        }
        for (k = 0; k < 4; k++) {
            ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
            ct_segmented_result r;
            int j;
            o.n_breaks = 1 + k / 2;
            o.family = k % 2 ? CT_SEG_POISSON : CT_SEG_GAUSSIAN;
            if (ct_stats_segmented(&r, t, y, n, &o, &e) != CT_OK) {
                prop_check(e.msg[0] != 0, "segmented", kind, n, "no reason");
                refusals++;
                continue;
            }
            fits++;
            v[0] = r.objective;
            v[1] = r.davies_p;
            prop_check(all_finite(v, 2), "segmented", kind, n,
                       "non-finite objective or Davies p");
            for (j = 0; j < o.n_breaks; j++) {
                prop_check(isfinite(r.psi[j]), "segmented", kind, n,
                           "non-finite break");
                if (r.psi_estimable[j]) {
                    char w[120];
                    snprintf(w, sizeof w, "absurd break SE %g (k %d, psi %g)",
                             r.psi_se[j], k, r.psi[j]);
                    prop_check(isfinite(r.psi_se[j]) && r.psi_se[j] > 0 &&
                                   r.psi_se[j] < 1e6,
                               "segmented", kind, n, w);
                }
                else
                    prop_check(isnan(r.psi_se[j]), "segmented", kind, n,
                               "SE of a non-estimable break");
            }
            for (j = 0; j <= o.n_breaks; j++) {
                if (r.slope_estimable[j]) {
                    double w[] = { r.slope[j] };
                    prop_check(all_finite(w, 1), "segmented", kind, n,
                               "non-finite slope");
                    prop_check(isnan(r.slope_p[j]) ==
                                   isnan(r.slope_se[j]),
                               "segmented", kind, n,
                               "p-value without an SE");
                } else {
                    prop_check(isnan(r.slope[j]) && isnan(r.slope_p[j]),
                               "segmented", kind, n,
                               "p-value of a non-estimable slope");
                }
            }
        }
        if (n >= 4) {
            ct_compare_result r;
            double h = t[n / 2];
            if (ct_stats_compare(&r, t, y, n, t[0], h - 1, h, t[n - 1], NULL,
                                 &e) == CT_OK) {
                double w[] = { r.rate_ratio_ci[0], r.rate_ratio_p };
                prop_check(all_finite(w, 2) &&
                               (isfinite(r.rate_ratio) || r.total_a == 0),
                           "compare", kind, n, "non-finite number");
                fits++;
            } else {
                prop_check(e.msg[0] != 0, "compare", kind, n, "no reason");
                refusals++;
            }
        }
    }
    printf("\n    property: %d fits, %d refusals with a reason\n", fits,
           refusals);
}

static void test_zz_agreement_report(void)
{
    size_t i;
    printf("\n    %-44s %6s  %-10s  %s\n", "model", "checks", "max error",
           "worst");
    for (i = 0; i < nagrees; i++)
        printf("    %-44s %6zu  %-10.3g  %s\n", agrees[i].group,
               agrees[i].checks, agrees[i].max_rel, agrees[i].worst);
    CU_PASS("report");
}

static int suite_init(void)
{
    return load_refs();
}

static int suite_clean(void)
{
    free(refs);
    refs = NULL;
    nrefs = 0;
    return 0;
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("stats", suite_init, suite_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "ols_norris", test_ols_norris) ||
        !CU_add_test(s, "ols_vs_r", test_ols_vs_r) ||
        !CU_add_test(s, "glm_vs_r", test_glm_vs_r) ||
        !CU_add_test(s, "negbin_theta_infinite", test_negbin_theta_infinite) ||
        !CU_add_test(s, "mk_vs_r", test_mk_vs_r) ||
        !CU_add_test(s, "workspace_reuse", test_workspace_reuse) ||
        !CU_add_test(s, "mk_hamed_rao_guard", test_mk_hamed_rao_guard) ||
        !CU_add_test(s, "segmented_vs_r", test_segmented_vs_r) ||
        !CU_add_test(s, "compare_vs_r", test_compare_vs_r) ||
        !CU_add_test(s, "padjust_vs_r", test_padjust_vs_r) ||
        !CU_add_test(s, "scan_vs_r", test_scan_vs_r) ||
        !CU_add_test(s, "bootstrap_vs_r", test_bootstrap_vs_r) ||
        !CU_add_test(s, "bootstrap_reproducible",
                     test_bootstrap_reproducible) ||
        !CU_add_test(s, "bootstrap_exact_line", test_bootstrap_exact_line) ||
        !CU_add_test(s, "errors", test_errors) ||
        !CU_add_test(s, "calibration_small", test_calibration_small) ||
        !CU_add_test(s, "i14_compare_large", test_i14_compare_large) ||
        !CU_add_test(s, "i14_glm_interior", test_i14_glm_interior) ||
        !CU_add_test(s, "i14_break_on_point", test_i14_break_on_point) ||
        !CU_add_test(s, "i14_search", test_i14_search) ||
        !CU_add_test(s, "i14_davies_skip", test_i14_davies_skip) ||
        !CU_add_test(s, "i14_degenerate", test_i14_degenerate) ||
        !CU_add_test(s, "i14_property", test_i14_property) ||
        !CU_add_test(s, "zz_agreement_report", test_zz_agreement_report))
        return -1;
    return 0;
}

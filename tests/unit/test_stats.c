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
        !CU_add_test(s, "zz_agreement_report", test_zz_agreement_report))
        return -1;
    return 0;
}

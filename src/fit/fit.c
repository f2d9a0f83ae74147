/* SPDX-License-Identifier: MIT
 * fit.c - the model dispatch of ct_fit_series: one group's periods in,
 * one typed ct_fit out, with the notes that explain it (moved from
 * cmd_fit.c's fit_one; the JSON it built is now made by the report
 * module from the typed result).
 */
#include "fit/fit_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MODEL_NAMES[CT_FIT_N_MODELS] = {
    "ols",       "poisson", "quasipoisson", "negbin",    "mk",
    "sen",       "segmented", "compare",    "bootstrap", "scan"
};

const char *ct_fit_model_name(ct_fit_model m)
{
    return (unsigned)m < CT_FIT_N_MODELS ? MODEL_NAMES[m] : NULL;
}

int ct_fit_model_parse(const char *name, ct_fit_model *out, ct_error *err)
{
    int k;
    for (k = 0; k < CT_FIT_N_MODELS; k++)
        if (strcmp(name, MODEL_NAMES[k]) == 0) {
            *out = (ct_fit_model)k;
            return CT_OK;
        }
    return ct_error_set(err, CT_EUSAGE, NULL, 0,
                        "unknown model '%s' (expected ols, poisson, "
                        "quasipoisson, negbin, mk, sen, segmented, "
                        "compare, bootstrap or scan)", name);
}

/* the period of t: YYYY, or YYYY-MM for a monthly series */
const char *ct_fit_period_format(double t, double ppy, char *buf, size_t n)
{
    int v, y;

    if (!isfinite(t) || fabs(t) > 1e8) {
        snprintf(buf, n, "NA");
        return buf;
    }
    v = (int)lround(t);
    if (ppy == 12) {
        y = v >= 0 ? v / 12 : -((-v + 11) / 12);
        snprintf(buf, n, "%04d-%02d", y % 100000, (v - 12 * y + 1) % 100);
    } else {
        snprintf(buf, n, "%d", v);
    }
    return buf;
}

int ct_fit_period_parse(const char *s, ct_fit_period *out)
{
    int y, m, used = 0;
    size_t len = strlen(s);

    out->given = 0;
    if (len == 4 && sscanf(s, "%4d%n", &y, &used) == 1 && used == 4) {
        out->year = y;
        out->month = 0;
    } else if (len == 7 && s[4] == '-' &&
               sscanf(s, "%4d-%2d%n", &y, &m, &used) == 2 && used == 7 &&
               m >= 1 && m <= 12) {
        out->year = y;
        out->month = m;
    } else {
        return -1;
    }
    if (out->year < 1000 || out->year > 9999)
        return -1;
    out->given = 1;
    return 0;
}

int ct_fit_period_t(const ct_fit_period *p, double ppy, int upper, double *t)
{
    if (ppy == 12) {
        *t = p->year * 12.0 + (p->month ? p->month - 1 : (upper ? 11 : 0));
        return 0;
    }
    if (p->month)
        return -1; /* a month bound on an annual series */
    *t = p->year;
    return 0;
}

int ct_fit_span_parse(const char *s, ct_fit_period *lo, ct_fit_period *hi)
{
    char a[16], b[16];
    const char *sep = strchr(s, ':');
    size_t la;

    if (sep == NULL && strlen(s) == 9 && s[4] == '-')
        sep = s + 4;
    if (sep == NULL)
        return ct_fit_period_parse(s, lo) == 0 &&
                       ct_fit_period_parse(s, hi) == 0
                   ? 0
                   : -1;
    la = (size_t)(sep - s);
    if (la >= sizeof a || strlen(sep + 1) >= sizeof b)
        return -1;
    memcpy(a, s, la);
    a[la] = '\0';
    strcpy(b, sep + 1);
    if (ct_fit_period_parse(a, lo) != 0 || ct_fit_period_parse(b, hi) != 0)
        return -1;
    return 0;
}

static int push_str(char ***arr, size_t *n, const char *fmt, va_list ap)
{
    char buf[400], *c, **na;
    vsnprintf(buf, sizeof buf, fmt, ap);
    if ((c = malloc(strlen(buf) + 1)) == NULL)
        return CT_ENOMEM;
    strcpy(c, buf);
    na = realloc(*arr, (*n + 1) * sizeof *na);
    if (na == NULL) {
        free(c);
        return CT_ENOMEM;
    }
    na[(*n)++] = c;
    *arr = na;
    return CT_OK;
}

int ct_fit_note(ct_fit *f, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = push_str(&f->notes, &f->n_notes, fmt, ap);
    va_end(ap);
    return rc;
}

int ct_fit_warn(ct_fit *f, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = push_str(&f->warnings, &f->n_warnings, fmt, ap);
    va_end(ap);
    return rc;
}

/* Scan windows: the periods of the series inside a range. A range given in
 * years on a monthly series starts windows in January and ends them in
 * December. */
static size_t window_points(const double *t, size_t n, double ppy,
                            const ct_fit_period *lo, const ct_fit_period *hi,
                            int ends, double *out)
{
    double a, b;
    size_t i, m = 0;
    int whole = ppy == 12 && lo->month == 0 && hi->month == 0;

    if (ct_fit_period_t(lo, ppy, 0, &a) != 0 ||
        ct_fit_period_t(hi, ppy, 1, &b) != 0)
        return 0;
    for (i = 0; i < n; i++) {
        long mo;
        if (t[i] < a || t[i] > b)
            continue;
        mo = lround(t[i]) % 12;
        if (whole && mo != (ends ? 11 : 0))
            continue;
        out[m++] = t[i];
    }
    return m;
}

static int fit_glm(ct_fit *f, const double *t, const double *y, size_t n,
                   ct_error *err)
{
    const ct_fit_spec *cfg = &f->spec;
    ct_glm_options op = CT_GLM_OPTIONS_INIT;
    ct_glm_result *r = &f->r.glm;
    ct_glm_family fam = f->model == CT_FIT_POISSON ? CT_GLM_POISSON
                        : f->model == CT_FIT_QUASIPOISSON
                            ? CT_GLM_QUASIPOISSON
                            : CT_GLM_NEGBIN;
    int rc;
    op.level = cfg->level;
    op.periods_per_year = f->periods_per_year;
    op.nb_small_sample = cfg->nb_small_sample;
    rc = ct_stats_glm(r, fam, t, y, n, &op, err);
    if (rc != CT_OK)
        return rc;
    f->p_value = r->p_value;
    if (r->n_noninteger > 0)
        ct_fit_note(f, "warning: %zu of %zu counts are not whole numbers: "
                       "a %s model is meant for counts", r->n_noninteger,
                    r->n, fam == CT_GLM_NEGBIN ? "negative binomial"
                                               : "Poisson");
    if (fam == CT_GLM_NEGBIN) {
        if (r->theta_infinite)
            ct_fit_note(f, "theta is infinite: the counts are not "
                           "over-dispersed (Pearson dispersion %.3g of the "
                           "Poisson fit), so the negative binomial fit is "
                           "the Poisson fit", r->dispersion);
    } else if (fam == CT_GLM_POISSON && r->dispersion > 1.5) {
        ct_fit_note(f, "the Pearson dispersion is %.3g: the Poisson SEs "
                       "are too small; see quasipoisson or negbin",
                    r->dispersion);
    }
    return CT_OK;
}

static int fit_mk(ct_fit *f, const double *t, const double *y, size_t n,
                  ct_error *err)
{
    ct_mk_options op = CT_MK_OPTIONS_INIT;
    ct_mk_result *r = &f->r.mk;
    int rc;
    op.level = f->spec.level;
    op.periods_per_year = f->periods_per_year;
    op.correction = f->spec.correction;
    rc = ct_stats_mann_kendall(r, t, y, n, &op, err);
    if (rc != CT_OK)
        return rc;
    f->p_value = r->p_value;
    if (r->sen_ci_clamped)
        ct_fit_note(f, "Sen interval clamped: with n = %zu its ranks fall "
                       "outside the %zu pairwise slopes, so a limit is the "
                       "extreme slope (coverage above the level)",
                    r->n, r->n * (r->n - 1) / 2);
    if (f->spec.correction == CT_MK_HAMED_RAO && r->correction_guarded)
        ct_fit_note(f, "the Hamed-Rao factor n/n* was estimated as %.4g "
                       "(<= 0: a negative variance); the uncorrected "
                       "variance was used", r->correction_raw);
    return CT_OK;
}

static int fit_segmented(ct_fit *f, const double *t, const double *y,
                         size_t n, ct_error *err)
{
    ct_segmented_options op = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result *r = &f->r.seg;
    int j, rc;
    op.level = f->spec.level;
    op.periods_per_year = f->periods_per_year;
    op.family = f->spec.family;
    op.n_breaks = f->spec.breaks;
    op.progress = f->spec.progress;
    op.progress_ctx = f->spec.progress_ctx;
    f->davies_k = op.davies_k;
    if (n > CT_SEG_MAX_N)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "too long for --model segmented (%zu periods; "
                            "the limit is %d): fit part of it with "
                            "--from/--to",
                            n, CT_SEG_MAX_N);
    rc = ct_stats_segmented(r, t, y, n, &op, err);
    if (rc != CT_OK)
        return rc;
    f->p_value = r->davies_p;
    for (j = 0; j <= r->n_breaks; j++) {
        /* observations in segment j: t in (psi_{j-1}, psi_j] */
        size_t i, m = 0;
        for (i = 0; i < n; i++)
            if ((j == 0 || t[i] > r->psi[j - 1]) &&
                (j == r->n_breaks || t[i] <= r->psi[j]))
                m++;
        if (m < 5)
            ct_fit_note(f, "segment %d holds only %zu observations: its "
                           "slope rests on very little data", j + 1, m);
    }
    for (j = 0; j <= r->n_breaks; j++)
        if (!r->slope_estimable[j])
            ct_fit_note(f, "segment %d: slope not estimable (it runs to "
                           "infinity: a run of zero counts cut off by the "
                           "break); no slope, SE or p-value is given", j + 1);
    for (j = 0; j < r->n_breaks; j++)
        if (!r->psi_estimable[j])
            ct_fit_note(f, "breakpoint %d: standard error not estimable "
                           "(the fit is at a limit or the change of slope "
                           "is zero)", j + 1);
    if (r->davies_skipped > 0)
        ct_fit_note(f, "Davies' test: %d of %d evaluation points skipped "
                       "(no finite fit with a break there)",
                    r->davies_skipped, op.davies_k);
    if (r->n_noninteger > 0)
        ct_fit_note(f, "warning: %zu of %zu counts are not whole numbers: "
                       "a Poisson model is meant for counts",
                    r->n_noninteger, r->n);
    return CT_OK;
}

static int fit_compare(ct_fit *f, const double *t, const double *y, size_t n,
                       ct_error *err)
{
    const ct_fit_spec *cfg = &f->spec;
    ct_compare_options op = CT_COMPARE_OPTIONS_INIT;
    ct_compare_result *r = &f->r.compare;
    double a0, a1, c0, c1, ppy = f->periods_per_year;
    int rc;
    op.level = cfg->level;
    op.periods_per_year = ppy;
    if (ct_fit_period_t(&cfg->periods[0][0], ppy, 0, &a0) ||
        ct_fit_period_t(&cfg->periods[0][1], ppy, 1, &a1) ||
        ct_fit_period_t(&cfg->periods[1][0], ppy, 0, &c0) ||
        ct_fit_period_t(&cfg->periods[1][1], ppy, 1, &c1))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "compare: month periods need a monthly series");
    rc = ct_stats_compare(r, t, y, n, a0, a1, c0, c1, &op, err);
    if (rc != CT_OK)
        return rc;
    f->p_value = r->rate_ratio_p;
    if (isinf(r->rate_ratio))
        ct_fit_note(f, "period A has zero events: the rate ratio and its "
                       "upper limit are infinite");
    if (isnan(r->welch_p))
        ct_fit_note(f, "both periods are constant: Welch's test is "
                       "undefined");
    return CT_OK;
}

static int fit_bootstrap(ct_fit *f, const double *t, const double *y,
                         size_t n, ct_error *err)
{
    const ct_fit_spec *cfg = &f->spec;
    ct_bootstrap_options op = CT_BOOTSTRAP_OPTIONS_INIT;
    int rc;
    op.level = cfg->level;
    op.periods_per_year = f->periods_per_year;
    op.statistic = cfg->statistic;
    op.seed = cfg->seed;
    op.replicates = cfg->replicates;
    op.block_length = cfg->block;
    rc = ct_stats_bootstrap(&f->r.boot, t, y, n, &op, err);
    if (rc != CT_OK)
        return rc;
    if (f->r.boot.failed)
        ct_fit_note(f, "the statistic failed on %zu samples, left out",
                    f->r.boot.failed);
    return CT_OK;
}

static int fit_scan(ct_fit *f, const double *t, const double *y, size_t n,
                    ct_error *err)
{
    const ct_fit_spec *cfg = &f->spec;
    ct_scan_options op = CT_SCAN_OPTIONS_INIT;
    ct_fit_scan *sc = &f->r.scan;
    double ppy = f->periods_per_year;
    double *starts = malloc((n + 1) * sizeof *starts);
    double *ends = malloc((n + 1) * sizeof *ends);
    size_t ns, ne;
    int rc;

    memset(sc, 0, sizeof *sc);
    if (n > CT_SCAN_MAX_N) {
        free(starts);
        free(ends);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "too long for --model scan (%zu periods; the "
                            "limit is %d): scan part of it with --from/--to",
                            n, CT_SCAN_MAX_N);
    }
    if (!starts || !ends) {
        free(starts);
        free(ends);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    ns = window_points(t, n, ppy, &cfg->range[0][0], &cfg->range[0][1], 0,
                       starts);
    ne = window_points(t, n, ppy, &cfg->range[1][0], &cfg->range[1][1], 1,
                       ends);
    if (ns == 0 || ne == 0) {
        free(starts);
        free(ends);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "scan: no %s of the series lies in the "
                            "%s range", ns == 0 ? "start" : "end",
                            ns == 0 ? "--start-range" : "--end-range");
    }
    sc->cells = malloc(ns * ne * sizeof *sc->cells);
    if (sc->cells == NULL) {
        free(starts);
        free(ends);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    op.level = cfg->level;
    op.periods_per_year = ppy;
    op.statistic = cfg->statistic;
    op.hac_lag = cfg->hac_lag;
    op.min_n = cfg->min_n;
    op.progress = cfg->progress;
    op.progress_ctx = cfg->progress_ctx;
    rc = ct_stats_scan(sc->cells, t, y, n, starts, ns, ends, ne, &op, err);
    if (rc == CT_OK)
        rc = ct_stats_scan_summarize(&sc->summary, sc->cells, ns * ne,
                                     1 - cfg->level, err);
    free(starts);
    free(ends);
    if (rc != CT_OK) {
        free(sc->cells);
        sc->cells = NULL;
        return rc;
    }
    sc->n_cells = ns * ne;
    return CT_OK;
}

int ct_fit_model_run(ct_fit *f, const double *t, const double *y, size_t n,
                     ct_error *err)
{
    int rc;
    switch (f->model) {
    case CT_FIT_OLS: {
        ct_ols_options op = CT_OLS_OPTIONS_INIT;
        op.level = f->spec.level;
        op.periods_per_year = f->periods_per_year;
        op.hac_lag = f->spec.hac_lag;
        rc = ct_stats_ols(&f->r.ols, t, y, n, &op, err);
        f->p_value = f->r.ols.p_value;
        return rc;
    }
    case CT_FIT_POISSON:
    case CT_FIT_QUASIPOISSON:
    case CT_FIT_NEGBIN:
        return fit_glm(f, t, y, n, err);
    case CT_FIT_MK:
    case CT_FIT_SEN:
        return fit_mk(f, t, y, n, err);
    case CT_FIT_SEGMENTED:
        return fit_segmented(f, t, y, n, err);
    case CT_FIT_COMPARE:
        return fit_compare(f, t, y, n, err);
    case CT_FIT_BOOTSTRAP:
        return fit_bootstrap(f, t, y, n, err);
    case CT_FIT_SCAN:
        return fit_scan(f, t, y, n, err);
    }
    return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown model");
}

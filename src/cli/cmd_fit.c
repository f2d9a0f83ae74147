/* SPDX-License-Identifier: MIT
 * cmd_fit.c - `ctrend fit`: fits a trend model or test to every group of a
 * series and prints the results as text, CSV or JSON. A series comes from
 * a `ctrend series` CSV (period,[keys,]value; ct_series_read_csv) or is
 * built from UCDP/ACLED exports with the series options of `ctrend series`
 * (ct_cli_series_build). Each result is first built as a JSON object
 * (fit_one); the three writers render those objects, so every format
 * carries the same numbers and the inputs and parameters behind them.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cmd_fit.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ctrend/error.h"
#include "ctrend/output.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"

/* double-typed NAN and INFINITY (the C macros are float) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

static const char USAGE[] =
    "Usage: ctrend fit --model NAME [OPTIONS] [FILE...]\n"
    "Fits a trend model or test to series, one fit per group in order of\n"
    "first appearance. A FILE whose first field is `period` is a series in\n"
    "`ctrend series` CSV form (header period,[group keys,]value; period\n"
    "YYYY or YYYY-MM). Any other FILE is a UCDP or ACLED export, made into\n"
    "a series as `ctrend series` does, with the series options below\n"
    "(several exports add up to one series). With no FILE or '-', reads\n"
    "standard input. Slopes are per year; NA values (periods the data do\n"
    "not cover) are skipped, and so are periods covered only in part\n"
    "(`partial`) unless --partial include. A group that cannot be fitted\n"
    "gets its reason in place of a result; the others are still fitted.\n"
    "\n"
    "Models (--model):\n"
    "  ols            least-squares slope, classical and Newey-West SEs\n"
    "  poisson        Poisson log-linear trend: rate ratio, % per year\n"
    "  quasipoisson   Poisson with SEs scaled by the Pearson dispersion\n"
    "  negbin         negative binomial NB2, theta by maximum likelihood\n"
    "  mk             Mann-Kendall test, Kendall's tau and Sen's slope\n"
    "  sen            Sen's slope with its confidence interval\n"
    "  segmented      piecewise trend: breakpoints, slopes, Davies' test\n"
    "  compare        two periods: rate ratio (exact), Welch's t test\n"
    "  bootstrap      moving-block bootstrap interval of a slope\n"
    "  scan           a statistic on every (start, end) window\n"
    "\n"
    "Options:\n"
    "  --from P, --to P         periods used (YYYY or YYYY-MM); for an\n"
    "                           export, also the years of its series\n"
    "  --level L                confidence level (default 0.95)\n"
    "  --hac-lag N              Newey-West lag (default floor(4 (n/100)^(2/9)));\n"
    "                           Bartlett weights, no prewhitening, no\n"
    "                           small-sample adjustment, t(n-2) (as\n"
    "                           sandwich::NeweyWest(lag = N, prewhite = FALSE,\n"
    "                           adjust = FALSE); R's defaults differ)\n"
    "  --correction none|hamed-rao   mk, sen: variance correction (none)\n"
    "  --family gaussian|poisson     segmented: model family (gaussian)\n"
    "  --breaks 1|2             segmented: breakpoints (1)\n"
    "  --periods A,B            compare: two periods, each YYYY, YYYY-YYYY\n"
    "                           or FROM:TO (e.g. 1989-1993,2015-2022)\n"
    "  --statistic S            bootstrap, scan: ols, ols-hac, poisson,\n"
    "                           quasipoisson, negbin, sen (= mk), sen-hr\n"
    "                           (= mk-hr); default ols\n"
    "  --seed N                 bootstrap: random seed (default 1)\n"
    "  --replicates N           bootstrap: samples (default 2000)\n"
    "  --block N                bootstrap: block length (default\n"
    "                           round(n^(1/3)))\n"
    "  --start-range A:B        scan: window starts (e.g. 1989:2000)\n"
    "  --end-range C:D          scan: window ends (e.g. 2015:2022)\n"
    "  --min-n N                scan: shortest window (default 5)\n"
    "  --nb-inference small-sample|wald\n"
    "                           negbin: SE x sqrt(max(1, dispersion)) with\n"
    "                           t(n-2) (default; also used by scan), or\n"
    "                           exactly MASS::glm.nb (model SE, normal)\n"
    "  --adjust none|holm|bh    adjust the p-values of all fits (scan: all\n"
    "                           windows) for multiple testing\n"
    "  --value NAME             series CSV: value column (default 'value',\n"
    "                           else the last measure column)\n"
    "  --partial exclude|include  periods covered only in part: left out\n"
    "                           (default, with a note) or fitted\n"
    "  --format text|csv|json   output format (default text)\n"
    "  --precision N            significant digits (default: text 6,\n"
    "                           csv 10, json 15)\n"
    "  -o, --output FILE        write to FILE instead of stdout\n"
    "  -h, --help               this help\n"
    "\n";

/* (the rest of the help: C99 promises string literals of 4095 bytes) */
static const char USAGE_SERIES[] =
    "Series options (a FILE that is an export; see `ctrend series --help`):\n"
    CT_CLI_HELP_BY
    "  --measure M              conflicts (distinct conflicts active;\n"
    "                           default), events (rows) or deaths (sum)\n"
    CT_CLI_HELP_SELECT
    CT_CLI_HELP_SCHEME
    CT_CLI_HELP_LOAD
    CT_CLI_HELP_THREADS
    "\n"
    "Every number is printed with the input, group, periods, level and\n"
    "model options that produced it.\n"
    "\n"
    "Exit status: 0 every group fitted; 1 a data or input/output error, no\n"
    "data for the selection, or some group not fitted (every group's\n"
    "result or reason is still written, to -o too); 2 usage error.\n";

enum model {
    M_OLS,
    M_POISSON,
    M_QUASI,
    M_NEGBIN,
    M_MK,
    M_SEN,
    M_SEGMENTED,
    M_COMPARE,
    M_BOOTSTRAP,
    M_SCAN
};

static const char *const MODEL_NAMES[] = {
    "ols",       "poisson", "quasipoisson", "negbin",    "mk",
    "sen",       "segmented", "compare",    "bootstrap", "scan"
};

enum format { F_TEXT, F_CSV, F_JSON };

/* a period bound as written: YYYY (month 0) or YYYY-MM */
typedef struct pspec {
    int year, month;
    int given;
} pspec;

typedef struct fit_config {
    enum model model;
    double level;
    int hac_lag;                 /* CT_HAC_LAG_AUTO or >= 0           */
    ct_mk_correction correction;
    ct_seg_family family;
    int breaks;
    pspec per[2][2];             /* compare: [A|B][from|to]           */
    char periods_text[2][32];    /* as given                          */
    ct_statistic statistic;
    uint64_t seed;
    size_t replicates, block, min_n;
    pspec range[2][2];           /* scan: [start|end][lo|hi]          */
    char range_text[2][32];
    int nb_small_sample;
    pspec from, to;
    const char *value_col;
    enum format format;
    int precision;
    int adjust;                  /* -1 none, else ct_padjust_method   */
    int partial_include;         /* --partial include                 */
} fit_config;

/* ------------------------------------------------------------ helpers --- */

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *jpair(double a, double b)
{
    json_t *v = json_array();
    json_array_append_new(v, jnum(a));
    json_array_append_new(v, jnum(b));
    return v;
}

static void put(json_t *o, const char *k, json_t *v)
{
    json_object_set_new(o, k, v);
}

static void putn(json_t *o, const char *k, double x)
{
    put(o, k, jnum(x));
}

/* the period of t: YYYY, or YYYY-MM for a monthly series */
static const char *period_str(double t, double ppy, char *buf, size_t n)
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

static int parse_pspec(const char *s, pspec *out)
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

/* the bound in units of t; upper: a year means its December */
static int pspec_t(const pspec *p, double ppy, int upper, double *t)
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

/* "A-B" (years), "A:B" (years or months), or "A" */
static int parse_span(const char *s, pspec *lo, pspec *hi)
{
    char a[16], b[16];
    const char *sep = strchr(s, ':');
    size_t la;

    if (sep == NULL && strlen(s) == 9 && s[4] == '-')
        sep = s + 4;
    if (sep == NULL)
        return parse_pspec(s, lo) == 0 && parse_pspec(s, hi) == 0 ? 0 : -1;
    la = (size_t)(sep - s);
    if (la >= sizeof a || strlen(sep + 1) >= sizeof b)
        return -1;
    memcpy(a, s, la);
    a[la] = '\0';
    strcpy(b, sep + 1);
    if (parse_pspec(a, lo) != 0 || parse_pspec(b, hi) != 0)
        return -1;
    return 0;
}

static int parse_size(const char *s, size_t *out, size_t min)
{
    char *end;
    unsigned long long v;
    if (*s == '-' || *s == '\0')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v < min || v > (unsigned long long)SIZE_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

/* -------------------------------------------------------------- fitting --- */

static void add_note(json_t *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add_note(json_t *o, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    json_t *notes = json_object_get(o, "notes");
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_array_append_new(notes, json_string(buf));
}

static const char *stat_name(ct_statistic s)
{
    const char *n = ct_stats_statistic_name(s);
    return n ? n : "?";
}

static json_t *window_json(const ct_scan_cell *c, double ppy)
{
    char b[32];
    json_t *w = json_object();
    put(w, "start", json_string(period_str(c->start, ppy, b, sizeof b)));
    put(w, "end", json_string(period_str(c->end, ppy, b, sizeof b)));
    put(w, "n", json_integer((json_int_t)c->n));
    putn(w, "slope", c->slope);
    put(w, "slope_ci", jpair(c->ci[0], c->ci[1]));
    putn(w, "p_value", c->p_value);
    put(w, "status", json_string(c->status == CT_OK ? "ok"
                                                    : ct_strerror(c->status)));
    return w;
}

/* Scan windows: the periods of the series inside a range. A range given in
 * years on a monthly series starts windows in January and ends them in
 * December. */
static size_t window_points(const double *t, size_t n, double ppy,
                            const pspec *lo, const pspec *hi, int ends,
                            double *out)
{
    double a, b;
    size_t i, m = 0;
    int whole = ppy == 12 && lo->month == 0 && hi->month == 0;

    if (pspec_t(lo, ppy, 0, &a) != 0 || pspec_t(hi, ppy, 1, &b) != 0)
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

/* Fits the configured model to one series and appends the result (a JSON
 * object) to fits. t in periods (years, or year*12 + month-1 when ppy is
 * 12), y the values, both n long, in time order. On failure returns the
 * CT_E* code with err filled (path and line not set). */
static int fit_one(const char *group_label, const double *t, const double *y,
                   size_t n, double ppy, const char *input,
                   const fit_config *cfg, json_t *fits, ct_error *err)
{
    json_t *o = json_object(), *par = json_object();
    char b0[32], b1[32];
    int rc = CT_OK;

    put(o, "model", json_string(MODEL_NAMES[cfg->model]));
    put(o, "input", json_string(input));
    put(o, "group", group_label[0] ? json_string(group_label) : json_null());
    put(o, "from", json_string(n ? period_str(t[0], ppy, b0, sizeof b0) : ""));
    put(o, "to", json_string(n ? period_str(t[n - 1], ppy, b1, sizeof b1) : ""));
    put(o, "periods_per_year", json_integer((json_int_t)ppy));
    put(o, "n", json_integer((json_int_t)n));
    putn(o, "level", cfg->level);
    put(o, "parameters", par);
    put(o, "notes", json_array());

    switch (cfg->model) {
    case M_OLS: {
        ct_ols_options op = CT_OLS_OPTIONS_INIT;
        ct_ols_result r;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.hac_lag = cfg->hac_lag;
        rc = ct_stats_ols(&r, t, y, n, &op, err);
        if (rc != CT_OK)
            break;
        put(par, "hac_lag", json_integer(r.hac_lag));
        put(par, "hac_lag_rule",
            json_string(cfg->hac_lag == CT_HAC_LAG_AUTO
                            ? "floor(4 (n/100)^(2/9))"
                            : "given"));
        putn(o, "slope", r.slope);
        putn(o, "slope_se", r.slope_se);
        put(o, "slope_ci", jpair(r.slope_ci[0], r.slope_ci[1]));
        putn(o, "t", r.slope_t);
        putn(o, "p_value", r.p_value);
        putn(o, "slope_se_hac", r.slope_se_hac);
        put(o, "slope_ci_hac", jpair(r.slope_ci_hac[0], r.slope_ci_hac[1]));
        putn(o, "t_hac", r.slope_t_hac);
        putn(o, "p_value_hac", r.p_value_hac);
        putn(o, "df", r.df);
        putn(o, "intercept", r.intercept);
        putn(o, "intercept_se", r.intercept_se);
        putn(o, "r_squared", r.r_squared);
        putn(o, "sigma", r.sigma);
        break;
    }
    case M_POISSON:
    case M_QUASI:
    case M_NEGBIN: {
        ct_glm_options op = CT_GLM_OPTIONS_INIT;
        ct_glm_result r;
        ct_glm_family f = cfg->model == M_POISSON ? CT_GLM_POISSON
                          : cfg->model == M_QUASI ? CT_GLM_QUASIPOISSON
                                                  : CT_GLM_NEGBIN;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.nb_small_sample = cfg->nb_small_sample;
        rc = ct_stats_glm(&r, f, t, y, n, &op, err);
        if (rc != CT_OK)
            break;
        if (f == CT_GLM_NEGBIN)
            put(par, "inference", json_string(cfg->nb_small_sample
                                                  ? "small-sample"
                                                  : "wald"));
        putn(o, "slope", r.slope);
        putn(o, "slope_se", r.slope_se);
        put(o, "slope_ci", jpair(r.slope_ci[0], r.slope_ci[1]));
        putn(o, r.t_based ? "t" : "z", r.z);
        putn(o, "p_value", r.p_value);
        putn(o, "slope_se_model", r.slope_se_model);
        putn(o, "se_scale", r.se_scale);
        putn(o, "irr", r.irr);
        put(o, "irr_ci", jpair(r.irr_ci[0], r.irr_ci[1]));
        putn(o, "percent_per_year", r.percent_per_year);
        put(o, "percent_ci", jpair(r.percent_ci[0], r.percent_ci[1]));
        putn(o, "dispersion", r.dispersion);
        putn(o, "deviance", r.deviance);
        putn(o, "null_deviance", r.null_deviance);
        putn(o, "pearson_chi2", r.pearson_chi2);
        putn(o, "df", r.df);
        putn(o, "loglik", r.loglik);
        putn(o, "aic", r.aic);
        putn(o, "intercept", r.intercept);
        putn(o, "intercept_se", r.intercept_se);
        if (r.n_noninteger > 0)
            add_note(o, "warning: %zu of %zu counts are not whole numbers: "
                        "a %s model is meant for counts", r.n_noninteger,
                     r.n, f == CT_GLM_NEGBIN ? "negative binomial"
                                             : "Poisson");
        if (f == CT_GLM_NEGBIN) {
            putn(o, "theta", r.theta);
            putn(o, "theta_se", r.theta_se);
            put(o, "theta_infinite", json_boolean(r.theta_infinite));
            putn(o, "lr_stat", r.lr_stat);
            putn(o, "lr_p_value", r.lr_p_value);
            if (r.theta_infinite)
                add_note(o, "theta is infinite: the counts are not "
                            "over-dispersed (Pearson dispersion %.3g of the "
                            "Poisson fit), so the negative binomial fit is "
                            "the Poisson fit", r.dispersion);
        } else if (f == CT_GLM_POISSON && r.dispersion > 1.5) {
            add_note(o, "the Pearson dispersion is %.3g: the Poisson SEs "
                        "are too small; see quasipoisson or negbin",
                     r.dispersion);
        }
        break;
    }
    case M_MK:
    case M_SEN: {
        ct_mk_options op = CT_MK_OPTIONS_INIT;
        ct_mk_result r;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.correction = cfg->correction;
        rc = ct_stats_mann_kendall(&r, t, y, n, &op, err);
        if (rc != CT_OK)
            break;
        put(par, "correction", json_string(cfg->correction == CT_MK_HAMED_RAO
                                               ? "hamed-rao"
                                               : "none"));
        if (cfg->model == M_MK) {
            putn(o, "S", r.S);
            putn(o, "var_S", r.var_S);
            putn(o, "var_S_used", r.var_S_used);
            putn(o, "z", r.z);
            putn(o, "p_value", r.p_value);
            putn(o, "tau", r.tau);
            putn(o, "tau_a", r.tau_a);
            putn(o, "sen_slope", r.sen_slope);
            put(o, "sen_ci", jpair(r.sen_ci[0], r.sen_ci[1]));
        } else {
            putn(o, "slope", r.sen_slope);
            put(o, "slope_ci", jpair(r.sen_ci[0], r.sen_ci[1]));
            putn(o, "p_value", r.p_value);
            putn(o, "var_S_used", r.var_S_used);
        }
        if (r.sen_ci_clamped)
            add_note(o, "Sen interval clamped: with n = %zu its ranks fall "
                        "outside the %zu pairwise slopes, so a limit is the "
                        "extreme slope (coverage above the level)",
                     r.n, r.n * (r.n - 1) / 2);
        putn(o, "sen_intercept", r.sen_intercept);
        putn(o, "correction_factor", r.correction_factor);
        if (cfg->correction == CT_MK_HAMED_RAO) {
            putn(o, "correction_raw", r.correction_raw);
            put(o, "correction_guarded", json_boolean(r.correction_guarded));
            put(o, "significant_lags",
                json_integer((json_int_t)r.significant_lags));
            if (r.correction_guarded)
                add_note(o, "the Hamed-Rao factor n/n* was estimated as %.4g "
                            "(<= 0: a negative variance); the uncorrected "
                            "variance was used", r.correction_raw);
        }
        break;
    }
    case M_SEGMENTED: {
        ct_segmented_options op = CT_SEGMENTED_OPTIONS_INIT;
        ct_segmented_result r;
        json_t *bp, *sl;
        int j;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.family = cfg->family;
        op.n_breaks = cfg->breaks;
        rc = ct_stats_segmented(&r, t, y, n, &op, err);
        if (rc != CT_OK)
            break;
        put(par, "family", json_string(cfg->family == CT_SEG_POISSON
                                           ? "poisson"
                                           : "gaussian"));
        put(par, "breaks", json_integer(cfg->breaks));
        put(par, "davies_k", json_integer(op.davies_k));
        bp = json_array();
        sl = json_array();
        for (j = 0; j < r.n_breaks; j++) {
            json_t *b = json_object();
            /* t is in years, or in months for a monthly series */
            putn(b, "year", r.psi[j] / ppy);
            putn(b, "se", r.psi_se[j] / ppy);
            put(b, "ci", jpair(r.psi_ci[j][0] / ppy, r.psi_ci[j][1] / ppy));
            json_array_append_new(bp, b);
        }
        for (j = 0; j <= r.n_breaks; j++) {
            json_t *s = json_object();
            putn(s, "slope", r.slope[j]);
            putn(s, "se", r.slope_se[j]);
            put(s, "ci", jpair(r.slope_ci[j][0], r.slope_ci[j][1]));
            putn(s, "p_value", r.slope_p[j]);
            if (cfg->family == CT_SEG_POISSON) {
                putn(s, "percent_per_year", r.percent_per_year[j]);
                put(s, "percent_ci",
                    jpair(r.percent_ci[j][0], r.percent_ci[j][1]));
            }
            json_array_append_new(sl, s);
        }
        put(o, "breakpoints", bp);
        put(o, "slopes", sl);
        for (j = 0; j <= r.n_breaks; j++) {
            /* observations in segment j: t in (psi_{j-1}, psi_j] */
            size_t i, m = 0;
            for (i = 0; i < n; i++)
                if ((j == 0 || t[i] > r.psi[j - 1]) &&
                    (j == r.n_breaks || t[i] <= r.psi[j]))
                    m++;
            if (m < 5)
                add_note(o, "segment %d holds only %zu observations: its "
                            "slope rests on very little data", j + 1, m);
        }
        for (j = 0; j <= r.n_breaks; j++)
            if (!r.slope_estimable[j])
                add_note(o, "segment %d: slope not estimable (it runs to "
                            "infinity: a run of zero counts cut off by the "
                            "break); no slope, SE or p-value is given", j + 1);
        for (j = 0; j < r.n_breaks; j++)
            if (!r.psi_estimable[j])
                add_note(o, "breakpoint %d: standard error not estimable "
                            "(the fit is at a limit or the change of slope "
                            "is zero)", j + 1);
        if (r.davies_skipped > 0)
            add_note(o, "Davies' test: %d of %d evaluation points skipped "
                        "(no finite fit with a break there)",
                     r.davies_skipped, op.davies_k);
        if (r.n_noninteger > 0)
            add_note(o, "warning: %zu of %zu counts are not whole numbers: "
                        "a Poisson model is meant for counts",
                     r.n_noninteger, r.n);
        putn(o, "p_value", r.davies_p);
        put(o, "davies_at", json_string(period_str(r.davies_psi, ppy, b0,
                                                   sizeof b0)));
        putn(o, "objective", r.objective);
        putn(o, "objective_linear", r.objective_linear);
        putn(o, "df", r.df);
        putn(o, "intercept", r.intercept);
        break;
    }
    case M_COMPARE: {
        ct_compare_options op = CT_COMPARE_OPTIONS_INIT;
        ct_compare_result r;
        double a0, a1, c0, c1;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        if (pspec_t(&cfg->per[0][0], ppy, 0, &a0) || pspec_t(&cfg->per[0][1], ppy, 1, &a1) ||
            pspec_t(&cfg->per[1][0], ppy, 0, &c0) || pspec_t(&cfg->per[1][1], ppy, 1, &c1)) {
            rc = ct_error_set(err, CT_EUSAGE, NULL, 0,
                              "compare: month periods need a monthly series");
            break;
        }
        rc = ct_stats_compare(&r, t, y, n, a0, a1, c0, c1, &op, err);
        if (rc != CT_OK)
            break;
        put(par, "period_a", json_string(cfg->periods_text[0]));
        put(par, "period_b", json_string(cfg->periods_text[1]));
        put(o, "n_a", json_integer((json_int_t)r.n_a));
        put(o, "n_b", json_integer((json_int_t)r.n_b));
        putn(o, "total_a", r.total_a);
        putn(o, "total_b", r.total_b);
        putn(o, "years_a", r.years_a);
        putn(o, "years_b", r.years_b);
        putn(o, "mean_a", r.mean_a);
        putn(o, "mean_b", r.mean_b);
        putn(o, "rate_a", r.rate_a);
        putn(o, "rate_b", r.rate_b);
        putn(o, "rate_ratio", r.rate_ratio);
        put(o, "rate_ratio_ci", jpair(r.rate_ratio_ci[0], r.rate_ratio_ci[1]));
        putn(o, "p_value", r.rate_ratio_p);
        putn(o, "mean_diff", r.mean_diff);
        put(o, "mean_diff_ci", jpair(r.mean_diff_ci[0], r.mean_diff_ci[1]));
        putn(o, "welch_t", r.welch_t);
        putn(o, "welch_df", r.welch_df);
        putn(o, "welch_p", r.welch_p);
        if (isinf(r.rate_ratio))
            add_note(o, "period A has zero events: the rate ratio and its "
                        "upper limit are infinite");
        if (isnan(r.welch_p))
            add_note(o, "both periods are constant: Welch's test is "
                        "undefined");
        break;
    }
    case M_BOOTSTRAP: {
        ct_bootstrap_options op = CT_BOOTSTRAP_OPTIONS_INIT;
        ct_bootstrap_result r;
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.statistic = cfg->statistic;
        op.seed = cfg->seed;
        op.replicates = cfg->replicates;
        op.block_length = cfg->block;
        rc = ct_stats_bootstrap(&r, t, y, n, &op, err);
        if (rc != CT_OK)
            break;
        put(par, "statistic", json_string(stat_name(cfg->statistic)));
        put(par, "seed", json_integer((json_int_t)cfg->seed));
        put(par, "replicates", json_integer((json_int_t)r.replicates));
        put(par, "block_length", json_integer((json_int_t)r.block_length));
        put(par, "interval", json_string("percentile"));
        putn(o, "slope", r.estimate);
        put(o, "slope_ci", jpair(r.ci_percentile[0], r.ci_percentile[1]));
        putn(o, "slope_se", r.boot_se);
        put(o, "slope_ci_basic", jpair(r.ci_basic[0], r.ci_basic[1]));
        putn(o, "boot_mean", r.boot_mean);
        put(o, "failed", json_integer((json_int_t)r.failed));
        if (r.failed)
            add_note(o, "the statistic failed on %zu samples, left out",
                     r.failed);
        break;
    }
    case M_SCAN: {
        ct_scan_options op = CT_SCAN_OPTIONS_INIT;
        ct_scan_cell *cells = NULL;
        ct_scan_summary sum;
        double *starts = malloc((n + 1) * sizeof *starts);
        double *ends = malloc((n + 1) * sizeof *ends);
        size_t ns, ne, i;
        json_t *w, *s;
        if (!starts || !ends) {
            free(starts);
            free(ends);
            rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            break;
        }
        ns = window_points(t, n, ppy, &cfg->range[0][0], &cfg->range[0][1],
                           0, starts);
        ne = window_points(t, n, ppy, &cfg->range[1][0], &cfg->range[1][1],
                           1, ends);
        if (ns == 0 || ne == 0) {
            free(starts);
            free(ends);
            rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                              "scan: no %s of the series lies in the "
                              "%s range", ns == 0 ? "start" : "end",
                              ns == 0 ? "--start-range" : "--end-range");
            break;
        }
        cells = malloc(ns * ne * sizeof *cells);
        if (cells == NULL) {
            free(starts);
            free(ends);
            rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            break;
        }
        op.level = cfg->level;
        op.periods_per_year = ppy;
        op.statistic = cfg->statistic;
        op.hac_lag = cfg->hac_lag;
        op.min_n = cfg->min_n;
        rc = ct_stats_scan(cells, t, y, n, starts, ns, ends, ne, &op, err);
        if (rc == CT_OK)
            rc = ct_stats_scan_summarize(&sum, cells, ns * ne,
                                         1 - cfg->level, err);
        if (rc == CT_OK) {
            put(par, "statistic", json_string(stat_name(cfg->statistic)));
            put(par, "start_range", json_string(cfg->range_text[0]));
            put(par, "end_range", json_string(cfg->range_text[1]));
            put(par, "min_n", json_integer((json_int_t)cfg->min_n));
            if (cfg->statistic == CT_STAT_OLS_HAC)
                put(par, "hac_lag",
                    cfg->hac_lag == CT_HAC_LAG_AUTO
                        ? json_string("floor(4 (n/100)^(2/9)) per window")
                        : json_integer(cfg->hac_lag));
            s = json_object();
            put(s, "windows", json_integer((json_int_t)sum.windows));
            put(s, "computed", json_integer((json_int_t)sum.computed));
            put(s, "positive", json_integer((json_int_t)sum.positive));
            put(s, "negative", json_integer((json_int_t)sum.negative));
            putn(s, "alpha", 1 - cfg->level);
            put(s, "significant_positive",
                json_integer((json_int_t)sum.significant_positive));
            put(s, "significant_negative",
                json_integer((json_int_t)sum.significant_negative));
            putn(s, "slope_min", sum.slope_min);
            putn(s, "slope_median", sum.slope_median);
            putn(s, "slope_max", sum.slope_max);
            putn(s, "p_max", sum.p_max);
            put(o, "summary", s);
            w = json_array();
            for (i = 0; i < ns * ne; i++)
                json_array_append_new(w, window_json(&cells[i], ppy));
            put(o, "windows", w);
        }
        free(cells);
        free(starts);
        free(ends);
        break;
    }
    }
    if (rc != CT_OK) {
        json_decref(o);
        return rc;
    }
    json_array_append_new(fits, o);
    return CT_OK;
}

/* ------------------------------------------------------------- groups --- */

/* One group of a series (a combination of key values): its observations
 * in time order, NA values left out. */
typedef struct group {
    char *label;       /* "key=value;..." ("" without keys)             */
    size_t row;        /* first row of the group in the series          */
    double *t, *y;     /* periods (units of t) and values               */
    size_t n, missing; /* observations, NA values left out             */
    size_t partial;    /* partial periods left out                     */
    int first_partial_year, first_partial_month; /* the first of them  */
} group;

typedef struct table {
    group *g;          /* groups in order of first appearance          */
    size_t n;
    double ppy;        /* periods per year: 1 or 12                     */
} table;

static void table_free(table *tb)
{
    size_t i;
    for (i = 0; i < tb->n; i++) {
        free(tb->g[i].label);
        free(tb->g[i].t);
        free(tb->g[i].y);
    }
    free(tb->g);
    memset(tb, 0, sizeof *tb);
}

static int same_keys(const ct_series *s, size_t a, size_t b)
{
    size_t j, k = s->n_keys;
    for (j = 0; j < k; j++)
        if (strcmp(s->key[a * k + j], s->key[b * k + j]) != 0)
            return 0;
    return 1;
}

static char *group_label(const ct_series *s, size_t row)
{
    size_t j, len = 1;
    char *label, *w;
    for (j = 0; j < s->n_keys; j++)
        len += strlen(ct_series_key_label(s, j)) +
               strlen(s->key[row * s->n_keys + j]) + 2;
    label = malloc(len);
    if (label == NULL)
        return NULL;
    w = label;
    *w = '\0';
    for (j = 0; j < s->n_keys; j++)
        w += sprintf(w, "%s%s=%s", j ? ";" : "", ct_series_key_label(s, j),
                     s->key[row * s->n_keys + j]);
    return label;
}

/* Splits a series into its groups (in order of first appearance), each in
 * the series' row order: time order for a built series, and for one read
 * from CSV, which checks that the periods of a group increase. */
static int table_from_series(table *tb, const ct_series *s,
                             int partial_include, ct_error *err)
{
    size_t *gid = malloc((s->n ? s->n : 1) * sizeof *gid), cap = 0, i;
    size_t last = 0;

    memset(tb, 0, sizeof *tb);
    tb->ppy = s->by_month ? 12 : 1;
    if (gid == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < s->n; i++) {
        size_t k, g = tb->n;
        /* a built series cycles through its groups period by period */
        if (tb->n && same_keys(s, i, tb->g[(last + 1) % tb->n].row))
            g = (last + 1) % tb->n;
        else if (tb->n && same_keys(s, i, tb->g[last].row))
            g = last;
        for (k = 0; g == tb->n && k < tb->n; k++)
            if (same_keys(s, i, tb->g[k].row))
                g = k;
        if (g == tb->n) {
            if (tb->n == cap) {
                size_t nc = cap ? 2 * cap : 8;
                group *ng = realloc(tb->g, nc * sizeof *ng);
                if (ng == NULL)
                    goto oom;
                tb->g = ng;
                cap = nc;
            }
            memset(&tb->g[g], 0, sizeof tb->g[g]);
            tb->g[g].row = i;
            tb->n++;
            if ((tb->g[g].label = group_label(s, i)) == NULL)
                goto oom;
        }
        gid[i] = last = g;
        if (isnan(s->value[i]))
            tb->g[g].missing++;
        else if (s->partial && s->partial[i] && !partial_include) {
            if (tb->g[g].partial++ == 0) {
                tb->g[g].first_partial_year = s->year[i];
                tb->g[g].first_partial_month = s->month[i];
            }
        } else
            tb->g[g].n++;
    }
    for (i = 0; i < tb->n; i++) {
        size_t m = tb->g[i].n ? tb->g[i].n : 1;
        tb->g[i].t = malloc(m * sizeof *tb->g[i].t);
        tb->g[i].y = malloc(m * sizeof *tb->g[i].y);
        if (tb->g[i].t == NULL || tb->g[i].y == NULL)
            goto oom;
        tb->g[i].n = 0;
    }
    for (i = 0; i < s->n; i++) {
        group *g = &tb->g[gid[i]];
        if (isnan(s->value[i]) ||
            (s->partial && s->partial[i] && !partial_include))
            continue;
        g->t[g->n] = s->by_month ? s->year[i] * 12.0 + (s->month[i] - 1)
                                 : (double)s->year[i];
        g->y[g->n++] = s->value[i];
    }
    free(gid);
    return CT_OK;
oom:
    free(gid);
    table_free(tb);
    return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
}

/* ------------------------------------------------------------- inputs --- */

/* One FILE argument: a series in `ctrend series` CSV form, or an export
 * to make into a series. A pipe or device cannot be read twice, so the
 * bytes read to tell which it is are given back through a new pipe. */
typedef struct fit_input {
    const char *name;      /* as given; "-" is standard input           */
    const char *path;      /* what to read: name, or fdpath             */
    char fdpath[32];       /* /dev/fd/N of the pipe giving it back      */
    int fd;                /* that pipe's read end, or -1               */
    int series_csv;        /* its first field is `period`               */
} fit_input;

/* bytes read to tell a series CSV from an export: a BOM, a quote,
 * `period` (in any case: a `Period` header gets the series reader's
 * message, not the export loader's) and the character after it */
#define SNIFF_BYTES 16

/* Whether the first bytes p[0..n) of an input (all of it when eof) start
 * a series CSV: the first field of the first line is `period`. An empty
 * input or first line counts as one, to get the series reader's message. */
static int is_series_head(const char *p, size_t n, int eof)
{
    size_t i = 0;
    int quoted = 0;

    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (i < n && p[i] == '"') {
        quoted = 1;
        i++;
    }
    if (i == n)
        return eof && !quoted;
    if (!quoted && (p[i] == '\n' || p[i] == '\r'))
        return 1; /* an empty first line: no header of any kind */
    if (n - i < 6 || strncasecmp(p + i, "period", 6) != 0)
        return 0;
    i += 6;
    if (i == n)
        return eof;
    if (quoted)
        return p[i] == '"';
    /* the delimiters the export loader knows, so that a re-saved series
     * gets the series reader's message */
    return p[i] != '\0' && strchr(",;\t\r\n", p[i]) != NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Gives back head[0..n), already read from fd (which cannot seek): a child
 * process writes it, then copies the rest of fd, into a new pipe. Returns
 * the pipe's read end, or -1 with errno set. */
static int unread(int fd, const char *head, size_t n)
{
    int p[2], e;
    pid_t pid;

    if (pipe(p) != 0)
        return -1;
    pid = fork();
    if (pid < 0) {
        e = errno;
        close(p[0]);
        close(p[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        static char buf[65536];
        ssize_t r;
        /* hold no output open: a reader of ours must see its end when we
         * end; a write after our parent ended kills us (SIGPIPE) */
        close(p[0]);
        close(1);
        close(2);
        if (write_all(p[1], head, n) == 0)
            while ((r = read(fd, buf, sizeof buf)) != 0) {
                if (r < 0 && errno == EINTR)
                    continue;
                if (r < 0 || write_all(p[1], buf, (size_t)r) != 0)
                    break;
            }
        _exit(0);
    }
    close(p[1]);
    return p[0];
}

static void input_close(fit_input *in)
{
    if (in->fd >= 0)
        close(in->fd);
    in->fd = -1;
}

/* Opens name ("-": standard input) far enough to tell what it is. */
static int input_open(fit_input *in, const char *name, ct_error *err)
{
    char head[SNIFF_BYTES];
    size_t n = 0;
    int fd, e, eof = 0, is_stdin = strcmp(name, "-") == 0;
    off_t start = 0;
    struct stat st;

    memset(in, 0, sizeof *in);
    in->name = name;
    in->path = name;
    in->fd = -1;
    fd = is_stdin ? 0 : open(name, O_RDONLY);
    if (fd < 0)
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot open '%s': %s",
                            name, strerror(errno));
    if (fstat(fd, &st) != 0)
        e = errno;
    else if (S_ISDIR(st.st_mode))
        e = EISDIR;
    else
        e = 0;
    if (e != 0) {
        if (!is_stdin)
            close(fd);
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot read '%s': %s",
                            is_stdin ? "<stdin>" : name, strerror(e));
    }
    if (is_stdin && S_ISREG(st.st_mode))
        start = lseek(0, 0, SEEK_CUR);
    while (n < sizeof head && !eof) {
        ssize_t r = read(fd, head + n, sizeof head - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            e = errno;
            if (!is_stdin)
                close(fd);
            return ct_error_set(err, CT_EIO, NULL, 0, "cannot read '%s': %s",
                                is_stdin ? "<stdin>" : name, strerror(e));
        }
        if (r == 0)
            eof = 1;
        n += (size_t)r;
    }
    in->series_csv = is_series_head(head, n, eof);
    if (S_ISREG(st.st_mode) && (!is_stdin || lseek(0, start, SEEK_SET) >= 0)) {
        if (!is_stdin)
            close(fd);
        return CT_OK;
    }
    in->fd = unread(fd, head, n);
    e = errno;
    if (!is_stdin)
        close(fd);
    if (in->fd < 0)
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot read '%s': %s",
                            is_stdin ? "<stdin>" : name, strerror(e));
    snprintf(in->fdpath, sizeof in->fdpath, "/dev/fd/%d", in->fd);
    in->path = in->fdpath;
    return CT_OK;
}

/* Reads a series CSV input; errors carry its name and line. */
static int input_read_csv(fit_input *in, const char *value_col,
                          ct_series **out, ct_error *err)
{
    FILE *f;
    int rc;

    if (in->fd >= 0)
        f = fdopen(in->fd, "r");
    else if (strcmp(in->name, "-") == 0)
        f = stdin;
    else
        f = fopen(in->name, "r");
    if (f == NULL)
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot open '%s': %s",
                            in->name, strerror(errno));
    if (in->fd >= 0)
        in->fd = -1; /* f owns it now */
    rc = ct_series_read_csv(out, f, in->name, value_col, err);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* ------------------------------------------------------------- writing --- */

static void fmt_num(FILE *out, json_t *v, int prec)
{
    if (json_is_real(v))
        fprintf(out, "%.*g", prec, json_real_value(v));
    else if (json_is_integer(v))
        fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_true(v))
        fputs("true", out);
    else if (json_is_false(v))
        fputs("false", out);
    else if (json_is_string(v))
        fputs(json_string_value(v), out);
    else
        fputs("NA", out);
}

/* ---- CSV: one row per fit (per window for scan), nested values flattened:
 * [a, b] -> NAME_lo, NAME_hi; arrays of objects -> NAME1_KEY...; the
 * parameters object -> its keys; notes joined by "; ". */

typedef void (*cell_fn)(const char *name, json_t *v, void *ctx);

static void flatten(json_t *o, const char *prefix, cell_fn fn, void *ctx)
{
    const char *k;
    json_t *v;
    char name[128];

    json_object_foreach(o, k, v)
    {
        if (strcmp(k, "windows") == 0 || strcmp(k, "summary") == 0)
            continue; /* scan: written per window */
        snprintf(name, sizeof name, "%s%s", prefix, k);
        if (strcmp(k, "parameters") == 0 && json_is_object(v)) {
            flatten(v, prefix, fn, ctx);
        } else if (strcmp(k, "notes") == 0) {
            fn(name, v, ctx);
        } else if (json_is_object(v)) {
            char p2[160];
            snprintf(p2, sizeof p2, "%s_", name);
            flatten(v, p2, fn, ctx);
        } else if (json_is_array(v)) {
            size_t i, m = json_array_size(v);
            for (i = 0; i < m; i++) {
                json_t *e = json_array_get(v, i);
                char p2[160];
                if (json_is_object(e)) {
                    /* "breakpoints" -> breakpoint1_, "slopes" -> slope1_ */
                    size_t l = strlen(name);
                    snprintf(p2, sizeof p2, "%.*s%zu_",
                             (int)(l > 1 && name[l - 1] == 's' ? l - 1 : l),
                             name, i + 1);
                    flatten(e, p2, fn, ctx);
                } else {
                    if (m == 2)
                        snprintf(p2, sizeof p2, "%s_%s", name,
                                 i ? "hi" : "lo");
                    else
                        snprintf(p2, sizeof p2, "%s_%zu", name, i + 1);
                    fn(p2, e, ctx);
                }
            }
        } else {
            fn(name, v, ctx);
        }
    }
}

struct csv_ctx {
    FILE *out;
    int prec;
    int first;    /* first cell of the row */
    int header;   /* writing names, not values */
};

static void csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_cell(const char *name, json_t *v, void *vctx)
{
    struct csv_ctx *c = vctx;
    if (!c->first)
        fputc(',', c->out);
    c->first = 0;
    if (c->header) {
        csv_field(c->out, name);
    } else if (json_is_array(v)) { /* notes */
        size_t i;
        char buf[2048];
        size_t used = 0;
        buf[0] = '\0';
        for (i = 0; i < json_array_size(v); i++) {
            int w = snprintf(buf + used, sizeof buf - used, "%s%s",
                             i ? "; " : "",
                             json_string_value(json_array_get(v, i)));
            if (w < 0 || (size_t)w >= sizeof buf - used)
                break;
            used += (size_t)w;
        }
        csv_field(c->out, buf);
    } else if (json_is_string(v)) {
        csv_field(c->out, json_string_value(v));
    } else if (json_is_null(v) && strcmp(name, "group") == 0) {
        /* no group keys: the series is the total */
    } else {
        fmt_num(c->out, v, c->prec);
    }
}

static void write_csv(FILE *out, json_t *fits, int prec)
{
    struct csv_ctx c;
    size_t i, j;

    c.out = out;
    c.prec = prec;
    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i), *w = json_object_get(o, "windows");
        size_t rows = w ? json_array_size(w) : 1;
        for (j = 0; j < rows; j++) {
            int pass;
            for (pass = (i == 0 && j == 0) ? 0 : 1; pass < 2; pass++) {
                c.header = pass == 0;
                c.first = 1;
                flatten(o, "", csv_cell, &c);
                if (w) {
                    json_t *wj = json_array_get(w, j);
                    flatten(wj, "window_", csv_cell, &c);
                }
                fputc('\n', out);
            }
        }
    }
}

/* ---- text: a header line per fit, then aligned name/value lines. */

static void text_value(FILE *out, json_t *v, int prec)
{
    if (json_is_array(v)) {
        size_t i;
        fputc('[', out);
        for (i = 0; i < json_array_size(v); i++) {
            if (i)
                fputs(", ", out);
            fmt_num(out, json_array_get(v, i), prec);
        }
        fputc(']', out);
    } else {
        fmt_num(out, v, prec);
    }
}

/* name/value lines; at the top level the fields the header line or the
 * blocks below show are left out */
static void text_object(FILE *out, json_t *o, const char *indent, int prec,
                        int top)
{
    static const char *const skip[] = { "model", "input", "group", "from",
                                        "to", "n", "notes", "windows",
                                        "summary", "parameters",
                                        "breakpoints", "slopes",
                                        "periods_per_year", NULL };
    const char *k;
    json_t *v;

    json_object_foreach(o, k, v)
    {
        size_t s;
        int skipped = 0;
        for (s = 0; top && skip[s]; s++)
            if (strcmp(k, skip[s]) == 0)
                skipped = 1;
        if (skipped)
            continue;
        fprintf(out, "%s%-22s ", indent, k);
        text_value(out, v, prec);
        fputc('\n', out);
    }
}

static void write_text(FILE *out, json_t *fits, int prec)
{
    size_t i, j;

    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i), *a;
        json_t *grp = json_object_get(o, "group");
        if (i)
            fputc('\n', out);
        fprintf(out, "%s: %s, group %s, %s to %s (n = %" JSON_INTEGER_FORMAT
                     ")\n",
                json_string_value(json_object_get(o, "model")),
                json_string_value(json_object_get(o, "input")),
                json_is_string(grp) ? json_string_value(grp) : "(all)",
                json_string_value(json_object_get(o, "from")),
                json_string_value(json_object_get(o, "to")),
                json_integer_value(json_object_get(o, "n")));
        if (json_object_size(json_object_get(o, "parameters")) > 0)
            text_object(out, json_object_get(o, "parameters"), "  ", prec, 0);
        text_object(out, o, "  ", prec, 1);
        a = json_object_get(o, "breakpoints");
        for (j = 0; a && j < json_array_size(a); j++) {
            fprintf(out, "  breakpoint %zu\n", j + 1);
            text_object(out, json_array_get(a, j), "    ", prec, 0);
        }
        a = json_object_get(o, "slopes");
        for (j = 0; a && j < json_array_size(a); j++) {
            fprintf(out, "  segment %zu\n", j + 1);
            text_object(out, json_array_get(a, j), "    ", prec, 0);
        }
        if (json_object_get(o, "summary")) {
            fputs("  summary\n", out);
            text_object(out, json_object_get(o, "summary"), "    ", prec, 0);
        }
        a = json_object_get(o, "windows");
        if (a) {
            int adj = json_object_get(json_array_get(a, 0), "p_adjusted") != NULL;
            fprintf(out, "  %-8s %-8s %4s %12s %12s %12s %12s%s\n", "start",
                    "end", "n", "slope", "ci_lo", "ci_hi", "p_value",
                    adj ? "   p_adjusted" : "");
            for (j = 0; j < json_array_size(a); j++) {
                json_t *w = json_array_get(a, j);
                json_t *ci = json_object_get(w, "slope_ci");
                fprintf(out, "  %-8s %-8s %4" JSON_INTEGER_FORMAT " ",
                        json_string_value(json_object_get(w, "start")),
                        json_string_value(json_object_get(w, "end")),
                        json_integer_value(json_object_get(w, "n")));
                {
                    json_t *cols[5];
                    int k;
                    cols[0] = json_object_get(w, "slope");
                    cols[1] = json_array_get(ci, 0);
                    cols[2] = json_array_get(ci, 1);
                    cols[3] = json_object_get(w, "p_value");
                    cols[4] = adj ? json_object_get(w, "p_adjusted") : NULL;
                    for (k = 0; k < (adj ? 5 : 4); k++) {
                        char b[64];
                        if (json_is_real(cols[k]))
                            snprintf(b, sizeof b, "%.*g", prec,
                                     json_real_value(cols[k]));
                        else
                            snprintf(b, sizeof b, "NA");
                        fprintf(out, " %12s", b);
                    }
                }
                fputc('\n', out);
            }
        }
        a = json_object_get(o, "notes");
        for (j = 0; a && j < json_array_size(a); j++)
            fprintf(out, "  note: %s\n",
                    json_string_value(json_array_get(a, j)));
    }
}

/* --adjust: p_adjusted beside every p_value (scan: every window) */
static int adjust_all(json_t *fits, int method, ct_error *err)
{
    size_t i, j, m = 0, k = 0;
    double *p;
    json_t **where;
    int rc;

    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i), *w = json_object_get(o, "windows");
        m += w ? json_array_size(w) : 1;
    }
    p = malloc((m + 1) * sizeof *p);
    where = malloc((m + 1) * sizeof *where);
    if (!p || !where) {
        free(p);
        free(where);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i), *w = json_object_get(o, "windows");
        size_t rows = w ? json_array_size(w) : 1;
        for (j = 0; j < rows; j++) {
            json_t *obj = w ? json_array_get(w, j) : o;
            json_t *pv = json_object_get(obj, "p_value");
            p[k] = json_is_real(pv) ? json_real_value(pv) : CT_NAN;
            where[k++] = obj;
        }
    }
    rc = ct_stats_p_adjust(p, p, k, (ct_padjust_method)method, err);
    if (rc == CT_OK)
        for (j = 0; j < k; j++)
            json_object_set_new(where[j], "p_adjusted", jnum(p[j]));
    for (i = 0; rc == CT_OK && i < json_array_size(fits); i++)
        json_object_set_new(
            json_object_get(json_array_get(fits, i), "parameters"), "adjust",
            json_string(method == CT_PADJUST_HOLM ? "holm" : "bh"));
    free(p);
    free(where);
    return rc;
}

/* --------------------------------------------------------------- main --- */

enum {
    OPT_MODEL = 256, OPT_FROM, OPT_TO, OPT_LEVEL, OPT_HAC, OPT_CORR,
    OPT_FAMILY, OPT_BREAKS, OPT_PERIODS, OPT_STAT, OPT_SEED, OPT_REPS,
    OPT_BLOCK, OPT_SRANGE, OPT_ERANGE, OPT_MINN, OPT_NBINF, OPT_ADJUST,
    OPT_VALUE, OPT_FORMAT, OPT_PREC, OPT_PARTIAL
};

static const struct option LONG[] = {
    { "model", required_argument, NULL, OPT_MODEL },
    { "from", required_argument, NULL, OPT_FROM },
    { "to", required_argument, NULL, OPT_TO },
    { "level", required_argument, NULL, OPT_LEVEL },
    { "hac-lag", required_argument, NULL, OPT_HAC },
    { "correction", required_argument, NULL, OPT_CORR },
    { "family", required_argument, NULL, OPT_FAMILY },
    { "breaks", required_argument, NULL, OPT_BREAKS },
    { "periods", required_argument, NULL, OPT_PERIODS },
    { "statistic", required_argument, NULL, OPT_STAT },
    { "seed", required_argument, NULL, OPT_SEED },
    { "replicates", required_argument, NULL, OPT_REPS },
    { "block", required_argument, NULL, OPT_BLOCK },
    { "start-range", required_argument, NULL, OPT_SRANGE },
    { "end-range", required_argument, NULL, OPT_ERANGE },
    { "min-n", required_argument, NULL, OPT_MINN },
    { "nb-inference", required_argument, NULL, OPT_NBINF },
    { "adjust", required_argument, NULL, OPT_ADJUST },
    { "value", required_argument, NULL, OPT_VALUE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "precision", required_argument, NULL, OPT_PREC },
    { "partial", required_argument, NULL, OPT_PARTIAL },
    { "output", required_argument, NULL, 'o' },
    { "help", no_argument, NULL, 'h' },
    CT_CLI_SERIES_LONGOPTS,
    { NULL, 0, NULL, 0 }
};

static int usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int usage(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ct_cli_usage_error("fit", "%s", buf);
}

/* The record of a group that could not be fitted: what fit_one would
 * have said about its input, and the reason in `error`. */
static void failed_fit(const char *group_label, const double *t, size_t n,
                       double ppy, const char *input, const fit_config *cfg,
                       json_t *fits, const char *reason)
{
    json_t *o = json_object();
    char b0[32], b1[32];
    put(o, "model", json_string(MODEL_NAMES[cfg->model]));
    put(o, "input", json_string(input));
    put(o, "group", group_label[0] ? json_string(group_label) : json_null());
    put(o, "from", json_string(n ? period_str(t[0], ppy, b0, sizeof b0) : ""));
    put(o, "to", json_string(n ? period_str(t[n - 1], ppy, b1, sizeof b1)
                               : ""));
    put(o, "periods_per_year", json_integer((json_int_t)ppy));
    put(o, "n", json_integer((json_int_t)n));
    putn(o, "level", cfg->level);
    put(o, "parameters", json_object());
    put(o, "notes", json_array());
    put(o, "error", json_string(reason));
    json_array_append_new(fits, o);
}

/* Fewest non-zero periods, and the lowest mean count, a trend is fitted
 * on without a warning about sparse data. */
#define SPARSE_MIN_NONZERO 5
#define SPARSE_MIN_MEAN 1.0

/* Warns (a note in the result and on stderr) when a fit rests on sparse
 * data: fewer than SPARSE_MIN_NONZERO non-zero periods (and some zeros),
 * or a mean below SPARSE_MIN_MEAN. Such a slope follows a handful of
 * events. */
static void sparse_check(const char *group_label, const double *y, size_t n,
                         const char *input, json_t *o)
{
    size_t i, nz = 0;
    double sum = 0, mean;
    for (i = 0; i < n; i++) {
        nz += y[i] != 0;
        sum += y[i];
    }
    mean = n ? sum / (double)n : 0;
    /* a short series of non-zero counts is short, not sparse */
    if ((nz >= SPARSE_MIN_NONZERO || nz == n) && mean >= SPARSE_MIN_MEAN)
        return;
    add_note(o, "sparse data: %zu non-zero period(s) of %zu, mean %.3g: the "
                "trend rests on very few events", nz, n, mean);
    ct_cli_msg("%s: warning: %s%s%ssparse data (%zu non-zero period(s) of "
               "%zu, mean %.3g): the trend rests on very few events",
               input, group_label[0] ? "group '" : "", group_label,
               group_label[0] ? "': " : "", nz, n, mean);
}

/* A copy of v with every number, string and boolean replaced by null
 * (the shape of a result, for the row of a group that failed). */
static json_t *null_shape(json_t *v)
{
    if (json_is_object(v)) {
        json_t *o = json_object(), *x;
        const char *k;
        json_object_foreach(v, k, x)
        {
            if (strcmp(k, "windows") == 0 || strcmp(k, "summary") == 0)
                continue;
            json_object_set_new(o, k, null_shape(x));
        }
        return o;
    }
    if (json_is_array(v)) {
        json_t *a = json_array();
        size_t i;
        for (i = 0; i < json_array_size(v); i++)
            json_array_append_new(a, null_shape(json_array_get(v, i)));
        return a;
    }
    return json_null();
}

/* When some group failed, every record gets an `error` (null when
 * fitted) and a failed one the fields of a fitted one (null), so that
 * CSV columns line up. */
static void align_failed(json_t *fits)
{
    size_t i, nfail = 0;
    json_t *tmpl = NULL;
    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i);
        if (json_object_get(o, "error"))
            nfail++;
        else if (tmpl == NULL)
            tmpl = o;
    }
    if (nfail == 0)
        return;
    for (i = 0; i < json_array_size(fits); i++) {
        json_t *o = json_array_get(fits, i), *full, *x;
        const char *k;
        if (!json_object_get(o, "error")) {
            json_object_set_new(o, "error", json_null());
            continue;
        }
        if (tmpl == NULL)
            continue;
        full = null_shape(tmpl);
        json_object_foreach(o, k, x)
            json_object_set(full, k, x);
        json_array_set_new(fits, i, full);
    }
}

/* fits every group of one input */
static int fit_table(const table *tb, const char *input, const fit_config *cfg,
                     const char *sel, json_t *fits, int *data_errors)
{
    size_t i, k, usable = 0, na = 0, partial = 0;
    double lo = -CT_INF, hi = CT_INF;

    if (cfg->from.given && pspec_t(&cfg->from, tb->ppy, 0, &lo) != 0) {
        ct_cli_msg("%s: --from %04d-%02d is a month but the series is annual",
                   input, cfg->from.year, cfg->from.month);
        return CT_EUSAGE;
    }
    if (cfg->to.given && pspec_t(&cfg->to, tb->ppy, 1, &hi) != 0) {
        ct_cli_msg("%s: --to %04d-%02d is a month but the series is annual",
                   input, cfg->to.year, cfg->to.month);
        return CT_EUSAGE;
    }
    /* nothing to fit at all: one message naming what left nothing */
    for (i = 0; i < tb->n; i++) {
        na += tb->g[i].missing;
        partial += tb->g[i].partial;
        for (k = 0; k < tb->g[i].n; k++)
            usable += tb->g[i].t[k] >= lo && tb->g[i].t[k] <= hi;
    }
    if (usable == 0) {
        ct_cli_msg("%s: no data for %s: %s", input, sel,
                   tb->n == 0 ? "the series has no rows, nothing to fit"
                   : partial && !na
                       ? "every period is covered only in part (--partial "
                         "include fits them), nothing to fit"
                   : na ? "every period in range is NA (outside what the "
                          "data cover), nothing to fit"
                        : "no period in the --from/--to range, nothing to "
                          "fit");
        return CT_EDOMAIN;
    }
    for (i = 0; i < tb->n; i++) {
        const group *g = &tb->g[i];
        size_t a = 0, b = g->n;
        ct_error err;
        int rc;

        while (a < g->n && g->t[a] < lo)
            a++;
        while (b > a && g->t[b - 1] > hi)
            b--;
        ct_error_clear(&err);
        rc = fit_one(g->label, g->t + a, g->y + a, b - a, tb->ppy, input, cfg,
                     fits, &err);
        if (rc != CT_OK) {
            char msg[CT_ERROR_MSG_MAX + 200];
            snprintf(msg, sizeof msg, "%s%s%s%s", g->label[0] ? "group '" : "",
                     g->label, g->label[0] ? "': " : "", err.msg);
            if (rc == CT_EUSAGE) {
                ct_error_set(&err, rc, input, 0, "%s", msg);
                ct_cli_report(&err);
                return rc;
            }
            /* this group's reason goes beside the others' results */
            failed_fit(g->label, g->t + a, b - a, tb->ppy, input, cfg, fits,
                       err.msg);
            ct_error_set(&err, rc, input, 0, "%s", msg);
            ct_cli_report(&err);
            (*data_errors)++;
        } else {
            sparse_check(g->label, g->y + a, b - a, input,
                         json_array_get(fits, json_array_size(fits) - 1));
        }
        {
            json_t *o = json_array_get(fits, json_array_size(fits) - 1);
            char pb[32];
            if (g->missing)
                add_note(o, "%zu NA value(s) of this group were skipped",
                         g->missing);
            if (g->partial)
                add_note(o, "%zu partial period(s) left out (the data cover "
                            "only part of them; the first: %s): --partial "
                            "include keeps them", g->partial,
                         period_str(tb->ppy == 12
                                        ? g->first_partial_year * 12.0 +
                                              (g->first_partial_month - 1)
                                        : g->first_partial_year,
                                    tb->ppy, pb, sizeof pb));
        }
    }
    return CT_OK;
}

/* fits every group of one series */
static int fit_series(const ct_series *s, const char *input,
                      const fit_config *cfg, const char *sel, json_t *fits,
                      int *data_errors)
{
    table tb;
    ct_error err;
    int rc = table_from_series(&tb, s, cfg->partial_include, &err);

    if (rc != CT_OK) {
        ct_cli_report(&err);
        return rc;
    }
    rc = fit_table(&tb, input, cfg, sel, fits, data_errors);
    table_free(&tb);
    return rc;
}

/* Years of --from/--to for the series of an export: 0 when not given;
 * returns -1 when a bound is outside the years an export can hold. */
static int export_years(const fit_config *cfg, ct_series_options *so)
{
    so->from = cfg->from.given ? cfg->from.year : 0;
    so->to = cfg->to.given ? cfg->to.year : 0;
    return (so->from && (so->from < CT_YEAR_MIN || so->from > CT_YEAR_MAX)) ||
                   (so->to && (so->to < CT_YEAR_MIN || so->to > CT_YEAR_MAX))
               ? -1
               : 0;
}

/* Reads the nfiles inputs (none: standard input) and fits them into a new
 * array *fits: each series CSV on its own, the exports together as one
 * series (at the place of the first). Returns an exit status; on success
 * *fits is set and *data_errors counts the fits that failed. */
static int fit_inputs(char **files, int nfiles, const fit_config *cfg,
                      ct_cli_series_args *sa, json_t **fits,
                      int *data_errors)
{
    char *stdin_only[] = {(char *)"-"};
    fit_input *in;
    char **exp_paths = NULL;
    const char **exp_names = NULL;
    const char *first_csv = NULL, *first_exp = NULL;
    char *exp_label = NULL;
    int i, n_exp = 0, rc = CT_EXIT_DATA, stdin_seen = 0;
    size_t label_len = 1;
    char sel[600];
    ct_error err;

    *fits = NULL;
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    in = calloc((size_t)nfiles, sizeof *in);
    exp_paths = calloc((size_t)nfiles, sizeof *exp_paths);
    exp_names = calloc((size_t)nfiles, sizeof *exp_names);
    if (in == NULL || exp_paths == NULL || exp_names == NULL) {
        ct_cli_msg("out of memory");
        goto done;
    }
    for (i = 0; i < nfiles; i++)
        in[i].fd = -1;
    for (i = 0; i < nfiles; i++) {
        if (strcmp(files[i], "-") == 0 && stdin_seen++) {
            rc = usage("standard input ('-') given twice");
            goto done;
        }
        if (input_open(&in[i], files[i], &err) != CT_OK) {
            ct_cli_report(&err);
            goto done;
        }
        if (in[i].series_csv) {
            if (first_csv == NULL)
                first_csv = files[i];
            continue;
        }
        if (first_exp == NULL)
            first_exp = files[i];
        exp_paths[n_exp] = (char *)in[i].path;
        exp_names[n_exp] = in[i].fd < 0 ? NULL
                           : strcmp(files[i], "-") == 0 ? "<stdin>"
                                                         : files[i];
        label_len += strlen(files[i]) + 1;
        n_exp++;
    }
    if (first_csv && sa->selection) {
        rc = usage("%s applies to exports, and '%s' is a series (a "
                   "`ctrend series` CSV)", sa->selection, first_csv);
        goto done;
    }
    if (first_exp && cfg->value_col) {
        rc = usage("--value picks a column of a series CSV, and '%s' is an "
                   "export: use --measure", first_exp);
        goto done;
    }
    if (first_exp && export_years(cfg, &sa->so) != 0) {
        rc = usage("--from and --to need years %d-%d for an export",
                   CT_YEAR_MIN, CT_YEAR_MAX);
        goto done;
    }
    if (n_exp) { /* "a.csv+b.csv": the exports that make one series */
        exp_label = malloc(label_len);
        if (exp_label == NULL) {
            ct_cli_msg("out of memory");
            goto done;
        }
        exp_label[0] = '\0';
        for (i = 0; i < nfiles; i++)
            if (!in[i].series_csv) {
                if (exp_label[0])
                    strcat(exp_label, "+");
                strcat(exp_label, files[i]);
            }
    }
    *fits = json_array();
    for (i = 0; i < nfiles; i++) {
        ct_series *s = NULL;
        int frc;
        if (in[i].series_csv) {
            ct_error_clear(&err);
            if (input_read_csv(&in[i], cfg->value_col, &s, &err) != CT_OK) {
                ct_cli_report(&err);
                goto done;
            }
            frc = fit_series(s, in[i].name, cfg, "the series", *fits,
                             data_errors);
        } else if (files[i] == first_exp) {
            rc = ct_cli_series_build(&s, sa, "fit", exp_paths, exp_names,
                                     n_exp);
            if (rc != CT_EXIT_OK)
                goto done;
            rc = CT_EXIT_DATA;
            ct_cli_selection_text(sa, sa->so.from, sa->so.to, sel,
                                  sizeof sel);
            if (s->seen == 0) {
                ct_cli_msg("%s: no data records: nothing to fit", exp_label);
                ct_series_free(s);
                goto done;
            }
            if (s->used == 0) {
                ct_cli_msg("%s: no record matched %s: nothing to fit",
                           exp_label, sel);
                ct_series_free(s);
                goto done;
            }
            frc = fit_series(s, exp_label, cfg, sel, *fits, data_errors);
        } else {
            continue;
        }
        ct_series_free(s);
        if (frc == CT_EUSAGE) {
            fputs("Try 'ctrend fit --help' for more information.\n", stderr);
            rc = CT_EXIT_USAGE;
            goto done;
        }
        if (frc != CT_OK)
            goto done;
    }
    rc = CT_EXIT_OK;
done:
    for (i = 0; in && i < nfiles; i++)
        input_close(&in[i]);
    free(in);
    free(exp_paths);
    free(exp_names);
    free(exp_label);
    if (rc != CT_EXIT_OK) {
        json_decref(*fits);
        *fits = NULL;
    }
    return rc;
}

int ct_cmd_fit(int argc, char **argv)
{
    fit_config cfg;
    ct_cli_series_args sa;
    const char *outpath = NULL, *model = NULL;
    int c, periods_given = 0, srange = 0, erange = 0;
    /* options given, to refuse those the model does not use */
    const char *given[OPT_PREC + 1 - OPT_MODEL];
    int rc, data_errors = 0;
    json_t *fits;
    ct_output *out = NULL;
    ct_error err;

    memset(&cfg, 0, sizeof cfg);
    cfg.level = 0.95;
    cfg.hac_lag = CT_HAC_LAG_AUTO;
    cfg.correction = CT_MK_NONE;
    cfg.family = CT_SEG_GAUSSIAN;
    cfg.breaks = 1;
    cfg.statistic = CT_STAT_OLS;
    cfg.seed = 1;
    cfg.replicates = 2000;
    cfg.block = 0;
    cfg.min_n = 5;
    cfg.nb_small_sample = 1;
    cfg.format = F_TEXT;
    cfg.precision = 0;
    cfg.adjust = -1;

    memset(given, 0, sizeof given);
    ct_cli_series_args_init(&sa, 1);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:hq", LONG, NULL)) != -1) {
        if (c >= OPT_MODEL && c <= OPT_PREC)
            given[c - OPT_MODEL] = argv[optind - 1];
        rc = ct_cli_series_option(&sa, "fit", c, optarg);
        if (rc == 0)
            continue;
        if (rc > 0)
            return rc;
        switch (c) {
        case 'h':
            fputs(USAGE, stdout);
            fputs(USAGE_SERIES, stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_MODEL: {
            size_t k;
            model = optarg;
            for (k = 0; k < sizeof MODEL_NAMES / sizeof MODEL_NAMES[0]; k++)
                if (strcmp(optarg, MODEL_NAMES[k]) == 0)
                    break;
            if (k == sizeof MODEL_NAMES / sizeof MODEL_NAMES[0])
                return usage("unknown model '%s' (expected ols, poisson, "
                             "quasipoisson, negbin, mk, sen, segmented, "
                             "compare, bootstrap or scan)", optarg);
            cfg.model = (enum model)k;
            break;
        }
        case OPT_FROM:
            if (parse_pspec(optarg, &cfg.from) != 0)
                return usage("--from: expected YYYY or YYYY-MM, got '%s'",
                             optarg);
            break;
        case OPT_TO:
            if (parse_pspec(optarg, &cfg.to) != 0)
                return usage("--to: expected YYYY or YYYY-MM, got '%s'",
                             optarg);
            break;
        case OPT_LEVEL: {
            char *end;
            errno = 0;
            cfg.level = strtod(optarg, &end);
            if (errno || *end || !(cfg.level > 0 && cfg.level < 1))
                return usage("--level: expected a number between 0 and 1, "
                             "got '%s'", optarg);
            break;
        }
        case OPT_HAC: {
            size_t v;
            if (parse_size(optarg, &v, 0) != 0 || v > 100000)
                return usage("--hac-lag: expected a lag >= 0, got '%s'",
                             optarg);
            cfg.hac_lag = (int)v;
            break;
        }
        case OPT_CORR:
            if (strcmp(optarg, "none") == 0)
                cfg.correction = CT_MK_NONE;
            else if (strcmp(optarg, "hamed-rao") == 0)
                cfg.correction = CT_MK_HAMED_RAO;
            else
                return usage("--correction: expected none or hamed-rao, got "
                             "'%s'", optarg);
            break;
        case OPT_FAMILY:
            if (strcmp(optarg, "gaussian") == 0)
                cfg.family = CT_SEG_GAUSSIAN;
            else if (strcmp(optarg, "poisson") == 0)
                cfg.family = CT_SEG_POISSON;
            else
                return usage("--family: expected gaussian or poisson, got "
                             "'%s'", optarg);
            break;
        case OPT_BREAKS:
            if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0)
                return usage("--breaks: expected 1 or 2, got '%s'", optarg);
            cfg.breaks = optarg[0] - '0';
            break;
        case OPT_PERIODS: {
            char buf[128], *comma;
            int k;
            if (strlen(optarg) >= sizeof buf)
                return usage("--periods: too long: '%s'", optarg);
            strcpy(buf, optarg);
            comma = strchr(buf, ',');
            if (comma == NULL || strchr(comma + 1, ','))
                return usage("--periods: expected two periods A,B (e.g. "
                             "1989-1993,2015-2022), got '%s'", optarg);
            *comma = '\0';
            for (k = 0; k < 2; k++) {
                const char *s = k ? comma + 1 : buf;
                if (parse_span(s, &cfg.per[k][0], &cfg.per[k][1]) != 0 ||
                    strlen(s) >= sizeof cfg.periods_text[k])
                    return usage("--periods: cannot read period '%s' (YYYY, "
                                 "YYYY-YYYY or FROM:TO)", s);
                strcpy(cfg.periods_text[k], s);
            }
            periods_given = 1;
            break;
        }
        case OPT_STAT: {
            ct_error e;
            if (ct_stats_statistic_parse(optarg, &cfg.statistic, &e) != CT_OK)
                return usage("--statistic: %s", e.msg);
            break;
        }
        case OPT_SEED: {
            char *end;
            unsigned long long v;
            errno = 0;
            v = strtoull(optarg, &end, 10);
            if (errno || *end || optarg[0] == '-' || optarg[0] == '\0')
                return usage("--seed: expected a non-negative integer, got "
                             "'%s'", optarg);
            cfg.seed = (uint64_t)v;
            break;
        }
        case OPT_REPS:
            if (parse_size(optarg, &cfg.replicates, 10) != 0 ||
                cfg.replicates > 10000000)
                return usage("--replicates: expected 10 to 10000000, got "
                             "'%s'", optarg);
            break;
        case OPT_BLOCK:
            if (parse_size(optarg, &cfg.block, 1) != 0)
                return usage("--block: expected a length >= 1, got '%s'",
                             optarg);
            break;
        case OPT_SRANGE:
        case OPT_ERANGE: {
            int k = c == OPT_ERANGE;
            if (parse_span(optarg, &cfg.range[k][0], &cfg.range[k][1]) != 0 ||
                strlen(optarg) >= sizeof cfg.range_text[k])
                return usage(k ? "--end-range: expected FROM:TO (e.g. "
                                 "2015:2022), got '%s'"
                               : "--start-range: expected FROM:TO (e.g. "
                                 "1989:2000), got '%s'",
                             optarg);
            strcpy(cfg.range_text[k], optarg);
            if (k)
                erange = 1;
            else
                srange = 1;
            break;
        }
        case OPT_MINN:
            if (parse_size(optarg, &cfg.min_n, 3) != 0)
                return usage("--min-n: expected a number >= 3, got '%s'",
                             optarg);
            break;
        case OPT_NBINF:
            if (strcmp(optarg, "small-sample") == 0)
                cfg.nb_small_sample = 1;
            else if (strcmp(optarg, "wald") == 0)
                cfg.nb_small_sample = 0;
            else
                return usage("--nb-inference: expected small-sample or wald, "
                             "got '%s'", optarg);
            break;
        case OPT_ADJUST:
            if (strcmp(optarg, "none") == 0)
                cfg.adjust = -1;
            else if (strcmp(optarg, "holm") == 0)
                cfg.adjust = CT_PADJUST_HOLM;
            else if (strcmp(optarg, "bh") == 0)
                cfg.adjust = CT_PADJUST_BH;
            else
                return usage("--adjust: expected none, holm or bh, got '%s'",
                             optarg);
            break;
        case OPT_VALUE:
            cfg.value_col = optarg;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                cfg.format = F_TEXT;
            else if (strcmp(optarg, "csv") == 0)
                cfg.format = F_CSV;
            else if (strcmp(optarg, "json") == 0)
                cfg.format = F_JSON;
            else
                return usage("--format: expected text, csv or json, got "
                             "'%s'", optarg);
            break;
        case OPT_PARTIAL:
            if (strcmp(optarg, "exclude") == 0)
                cfg.partial_include = 0;
            else if (strcmp(optarg, "include") == 0)
                cfg.partial_include = 1;
            else
                return usage("--partial: expected exclude or include, got "
                             "'%s'", optarg);
            break;
        case OPT_PREC: {
            size_t v;
            if (parse_size(optarg, &v, 1) != 0 || v > 17)
                return usage("--precision: expected 1 to 17, got '%s'",
                             optarg);
            cfg.precision = (int)v;
            break;
        }
        default:
            return ct_cli_option_error("fit", c, argv);
        }
    }
    rc = ct_cli_check_output("fit", outpath, argv + optind, argc - optind,
                             &sa);
    if (rc != CT_EXIT_OK)
        return rc;
    if (model == NULL)
        return usage("missing --model");
    if (cfg.model == M_COMPARE && !periods_given)
        return usage("compare needs --periods A,B (e.g. %s)",
                     "1989-1993,2015-2022");
    if (cfg.model == M_SCAN && (!srange || !erange))
        return usage("scan needs --start-range and --end-range (e.g. %s)",
                     "--start-range 1989:2000 --end-range 2015:2022");
    {
        /* which models use which option */
        static const struct {
            int opt;
            const char *name;
            unsigned models; /* bit per enum model */
        } uses[] = {
            { OPT_HAC, "--hac-lag", 1u << M_OLS | 1u << M_SCAN },
            { OPT_CORR, "--correction", 1u << M_MK | 1u << M_SEN },
            { OPT_FAMILY, "--family", 1u << M_SEGMENTED },
            { OPT_BREAKS, "--breaks", 1u << M_SEGMENTED },
            { OPT_PERIODS, "--periods", 1u << M_COMPARE },
            { OPT_STAT, "--statistic", 1u << M_BOOTSTRAP | 1u << M_SCAN },
            { OPT_SEED, "--seed", 1u << M_BOOTSTRAP },
            { OPT_REPS, "--replicates", 1u << M_BOOTSTRAP },
            { OPT_BLOCK, "--block", 1u << M_BOOTSTRAP },
            { OPT_SRANGE, "--start-range", 1u << M_SCAN },
            { OPT_ERANGE, "--end-range", 1u << M_SCAN },
            { OPT_MINN, "--min-n", 1u << M_SCAN },
            { OPT_NBINF, "--nb-inference", 1u << M_NEGBIN },
        };
        size_t k;
        for (k = 0; k < sizeof uses / sizeof uses[0]; k++)
            if (given[uses[k].opt - OPT_MODEL] &&
                !(uses[k].models & (1u << cfg.model)))
                return usage("%s does not apply to --model %s", uses[k].name,
                             model);
    }
    if (cfg.model == M_BOOTSTRAP && cfg.statistic != CT_STAT_OLS &&
        cfg.statistic != CT_STAT_SEN && cfg.statistic != CT_STAT_POISSON &&
        cfg.statistic != CT_STAT_NEGBIN)
        return usage("bootstrap resamples a slope: --statistic ols, sen, "
                     "poisson or negbin, not '%s'",
                     stat_name(cfg.statistic));
    if (cfg.precision == 0)
        cfg.precision = cfg.format == F_TEXT ? 6 : cfg.format == F_CSV ? 10 : 15;

    rc = fit_inputs(argv + optind, argc - optind, &cfg, &sa, &fits,
                    &data_errors);
    if (rc != CT_EXIT_OK)
        return rc;
    if (cfg.format == F_CSV)
        align_failed(fits);
    if (cfg.adjust >= 0 && adjust_all(fits, cfg.adjust, &err) != CT_OK) {
        ct_cli_report(&err);
        json_decref(fits);
        return CT_EXIT_DATA;
    }

    if (ct_output_open(&out, outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        json_decref(fits);
        return CT_EXIT_DATA;
    }
    if (cfg.format == F_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "command", json_string("fit"));
        json_object_set(doc, "fits", fits);
        json_dumpf(doc, ct_output_stream(out),
                   JSON_INDENT(2) | JSON_REAL_PRECISION(cfg.precision));
        fputc('\n', ct_output_stream(out));
        json_decref(doc);
    } else if (cfg.format == F_CSV) {
        write_csv(ct_output_stream(out), fits, cfg.precision);
    } else {
        write_text(ct_output_stream(out), fits, cfg.precision);
    }
    json_decref(fits);
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    return data_errors ? CT_EXIT_DATA : CT_EXIT_OK;
}

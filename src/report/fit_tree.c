/* SPDX-License-Identifier: MIT
 * fit_tree.c - a ct_fit as the JSON object its writers render (the schema
 * `ctrend fit` prints: inputs, window, parameters, the model's result,
 * notes), and the fits of a set one at a time (fit_internal.h). The
 * writers are in fit_write.c.
 */
#include "report/fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/stats.h"

json_t *ct_rp_jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *jpair(double a, double b)
{
    json_t *v = json_array();
    json_array_append_new(v, ct_rp_jnum(a));
    json_array_append_new(v, ct_rp_jnum(b));
    return v;
}

static void put(json_t *o, const char *k, json_t *v)
{
    json_object_set_new(o, k, v);
}

static void putn(json_t *o, const char *k, double x)
{
    put(o, k, ct_rp_jnum(x));
}

const char *ct_rp_stat_name(ct_statistic s)
{
    const char *n = ct_stats_statistic_name(s);
    return n ? n : "?";
}

json_t *ct_rp_window_json(const ct_scan_cell *c, double ppy)
{
    char b[32];
    json_t *w = json_object();
    put(w, "start", json_string(ct_fit_period_format(c->start, ppy, b,
                                                     sizeof b)));
    put(w, "end", json_string(ct_fit_period_format(c->end, ppy, b, sizeof b)));
    put(w, "n", json_integer((json_int_t)c->n));
    putn(w, "slope", c->slope);
    put(w, "slope_ci", jpair(c->ci[0], c->ci[1]));
    putn(w, "p_value", c->p_value);
    put(w, "status", json_string(c->status == CT_OK ? "ok"
                                                    : ct_strerror(c->status)));
    return w;
}

/* A copy of v with every number, string and boolean replaced by null
 * (the shape of a result, for the row of a group that failed); a scan's
 * windows become one null (the row's window columns are NA). */
static json_t *null_shape(json_t *v)
{
    if (json_is_object(v)) {
        json_t *o = json_object(), *x;
        const char *k;
        json_object_foreach(v, k, x)
        {
            if (strcmp(k, "summary") == 0)
                continue;
            json_object_set_new(o, k, strcmp(k, "windows") == 0
                                          ? json_null()
                                          : null_shape(x));
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

/* ------------------------------------------------- the typed result --- */

static void put_ols(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_ols_result *r = &f->r.ols;
    put(par, "hac_lag", json_integer(r->hac_lag));
    put(par, "hac_lag_rule",
        json_string(f->spec.hac_lag == CT_HAC_LAG_AUTO
                        ? "floor(4 (n/100)^(2/9))"
                        : "given"));
    putn(o, "slope", r->slope);
    putn(o, "slope_se", r->slope_se);
    put(o, "slope_ci", jpair(r->slope_ci[0], r->slope_ci[1]));
    putn(o, "t", r->slope_t);
    putn(o, "p_value", r->p_value);
    putn(o, "slope_se_hac", r->slope_se_hac);
    put(o, "slope_ci_hac", jpair(r->slope_ci_hac[0], r->slope_ci_hac[1]));
    putn(o, "t_hac", r->slope_t_hac);
    putn(o, "p_value_hac", r->p_value_hac);
    putn(o, "df", r->df);
    putn(o, "intercept", r->intercept);
    putn(o, "intercept_se", r->intercept_se);
    putn(o, "r_squared", r->r_squared);
    putn(o, "sigma", r->sigma);
}

static void put_glm(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_glm_result *r = &f->r.glm;
    int nb = f->model == CT_FIT_NEGBIN;
    if (nb)
        put(par, "inference", json_string(f->spec.nb_small_sample
                                              ? "small-sample"
                                              : "wald"));
    putn(o, "slope", r->slope);
    putn(o, "slope_se", r->slope_se);
    put(o, "slope_ci", jpair(r->slope_ci[0], r->slope_ci[1]));
    putn(o, r->t_based ? "t" : "z", r->z);
    putn(o, "p_value", r->p_value);
    putn(o, "slope_se_model", r->slope_se_model);
    putn(o, "se_scale", r->se_scale);
    putn(o, "irr", r->irr);
    put(o, "irr_ci", jpair(r->irr_ci[0], r->irr_ci[1]));
    putn(o, "percent_per_year", r->percent_per_year);
    put(o, "percent_ci", jpair(r->percent_ci[0], r->percent_ci[1]));
    putn(o, "dispersion", r->dispersion);
    putn(o, "deviance", r->deviance);
    putn(o, "null_deviance", r->null_deviance);
    putn(o, "pearson_chi2", r->pearson_chi2);
    putn(o, "df", r->df);
    putn(o, "loglik", r->loglik);
    putn(o, "aic", r->aic);
    putn(o, "intercept", r->intercept);
    putn(o, "intercept_se", r->intercept_se);
    if (nb) {
        putn(o, "theta", r->theta);
        putn(o, "theta_se", r->theta_se);
        put(o, "theta_infinite", json_boolean(r->theta_infinite));
        putn(o, "lr_stat", r->lr_stat);
        putn(o, "lr_p_value", r->lr_p_value);
    }
}

static void put_mk(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_mk_result *r = &f->r.mk;
    put(par, "correction", json_string(f->spec.correction == CT_MK_HAMED_RAO
                                           ? "hamed-rao"
                                           : "none"));
    if (f->model == CT_FIT_MK) {
        putn(o, "S", r->S);
        putn(o, "var_S", r->var_S);
        putn(o, "var_S_used", r->var_S_used);
        putn(o, "z", r->z);
        putn(o, "p_value", r->p_value);
        putn(o, "tau", r->tau);
        putn(o, "tau_a", r->tau_a);
        putn(o, "sen_slope", r->sen_slope);
        put(o, "sen_ci", jpair(r->sen_ci[0], r->sen_ci[1]));
    } else {
        putn(o, "slope", r->sen_slope);
        put(o, "slope_ci", jpair(r->sen_ci[0], r->sen_ci[1]));
        putn(o, "p_value", r->p_value);
        putn(o, "var_S_used", r->var_S_used);
    }
    putn(o, "sen_intercept", r->sen_intercept);
    putn(o, "correction_factor", r->correction_factor);
    if (f->spec.correction == CT_MK_HAMED_RAO) {
        putn(o, "correction_raw", r->correction_raw);
        put(o, "correction_guarded", json_boolean(r->correction_guarded));
        put(o, "significant_lags",
            json_integer((json_int_t)r->significant_lags));
    }
}

static void put_segmented(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_segmented_result *r = &f->r.seg;
    double ppy = f->periods_per_year;
    json_t *bp = json_array(), *sl = json_array();
    char b0[32];
    int j;
    put(par, "family", json_string(f->spec.family == CT_SEG_POISSON
                                       ? "poisson"
                                       : "gaussian"));
    put(par, "breaks", json_integer(f->spec.breaks));
    put(par, "davies_k", json_integer(f->davies_k));
    for (j = 0; j < r->n_breaks; j++) {
        json_t *b = json_object();
        /* t is in years, or in months for a monthly series */
        putn(b, "year", r->psi[j] / ppy);
        putn(b, "se", r->psi_se[j] / ppy);
        put(b, "ci", jpair(r->psi_ci[j][0] / ppy, r->psi_ci[j][1] / ppy));
        json_array_append_new(bp, b);
    }
    for (j = 0; j <= r->n_breaks; j++) {
        json_t *s = json_object();
        putn(s, "slope", r->slope[j]);
        putn(s, "se", r->slope_se[j]);
        put(s, "ci", jpair(r->slope_ci[j][0], r->slope_ci[j][1]));
        putn(s, "p_value", r->slope_p[j]);
        if (f->spec.family == CT_SEG_POISSON) {
            putn(s, "percent_per_year", r->percent_per_year[j]);
            put(s, "percent_ci",
                jpair(r->percent_ci[j][0], r->percent_ci[j][1]));
        }
        json_array_append_new(sl, s);
    }
    put(o, "breakpoints", bp);
    put(o, "slopes", sl);
    putn(o, "p_value", r->davies_p);
    put(o, "davies_at", json_string(ct_fit_period_format(r->davies_psi, ppy,
                                                         b0, sizeof b0)));
    putn(o, "objective", r->objective);
    putn(o, "objective_linear", r->objective_linear);
    putn(o, "df", r->df);
    putn(o, "intercept", r->intercept);
}

static void put_compare(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_compare_result *r = &f->r.compare;
    put(par, "period_a", json_string(f->spec.periods_text[0]));
    put(par, "period_b", json_string(f->spec.periods_text[1]));
    put(o, "n_a", json_integer((json_int_t)r->n_a));
    put(o, "n_b", json_integer((json_int_t)r->n_b));
    putn(o, "total_a", r->total_a);
    putn(o, "total_b", r->total_b);
    putn(o, "years_a", r->years_a);
    putn(o, "years_b", r->years_b);
    putn(o, "mean_a", r->mean_a);
    putn(o, "mean_b", r->mean_b);
    putn(o, "rate_a", r->rate_a);
    putn(o, "rate_b", r->rate_b);
    putn(o, "rate_ratio", r->rate_ratio);
    put(o, "rate_ratio_ci", jpair(r->rate_ratio_ci[0], r->rate_ratio_ci[1]));
    putn(o, "p_value", r->rate_ratio_p);
    putn(o, "mean_diff", r->mean_diff);
    put(o, "mean_diff_ci", jpair(r->mean_diff_ci[0], r->mean_diff_ci[1]));
    putn(o, "welch_t", r->welch_t);
    putn(o, "welch_df", r->welch_df);
    putn(o, "welch_p", r->welch_p);
}

static void put_bootstrap(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_bootstrap_result *r = &f->r.boot;
    put(par, "statistic", json_string(ct_rp_stat_name(f->spec.statistic)));
    put(par, "seed", json_integer((json_int_t)f->spec.seed));
    put(par, "replicates", json_integer((json_int_t)r->replicates));
    put(par, "block_length", json_integer((json_int_t)r->block_length));
    put(par, "interval", json_string("percentile"));
    putn(o, "slope", r->estimate);
    put(o, "slope_ci", jpair(r->ci_percentile[0], r->ci_percentile[1]));
    putn(o, "slope_se", r->boot_se);
    put(o, "slope_ci_basic", jpair(r->ci_basic[0], r->ci_basic[1]));
    putn(o, "boot_mean", r->boot_mean);
    put(o, "failed", json_integer((json_int_t)r->failed));
}

static void put_scan(json_t *o, json_t *par, const ct_fit *f)
{
    const ct_fit_scan *sc = &f->r.scan;
    const ct_scan_summary *sum = &sc->summary;
    const ct_fit_spec *cfg = &f->spec;
    json_t *s;
    put(par, "statistic", json_string(ct_rp_stat_name(cfg->statistic)));
    put(par, "start_range", json_string(cfg->range_text[0]));
    put(par, "end_range", json_string(cfg->range_text[1]));
    put(par, "min_n", json_integer((json_int_t)cfg->min_n));
    if (cfg->statistic == CT_STAT_OLS_HAC)
        put(par, "hac_lag",
            cfg->hac_lag == CT_HAC_LAG_AUTO
                ? json_string("floor(4 (n/100)^(2/9)) per window")
                : json_integer(cfg->hac_lag));
    s = json_object();
    put(s, "windows", json_integer((json_int_t)sum->windows));
    put(s, "computed", json_integer((json_int_t)sum->computed));
    put(s, "positive", json_integer((json_int_t)sum->positive));
    put(s, "negative", json_integer((json_int_t)sum->negative));
    putn(s, "alpha", 1 - cfg->level);
    put(s, "significant_positive",
        json_integer((json_int_t)sum->significant_positive));
    put(s, "significant_negative",
        json_integer((json_int_t)sum->significant_negative));
    putn(s, "slope_min", sum->slope_min);
    putn(s, "slope_median", sum->slope_median);
    putn(s, "slope_max", sum->slope_max);
    putn(s, "p_max", sum->p_max);
    put(o, "summary", s);
    /* the windows are written from sc->cells by each writer; the key
     * keeps its place among the fit's */
    put(o, "windows", json_null());
}

/* one fit as the JSON object of `ctrend fit --format json` */
json_t *ct_rp_fit_json(const ct_fit *f)
{
    json_t *o = json_object(), *par = json_object(), *notes = json_array();
    size_t i;

    put(o, "model", json_string(ct_fit_model_name(f->model)));
    put(o, "input", json_string(f->input));
    put(o, "group", f->group[0] ? json_string(f->group) : json_null());
    put(o, "from", json_string(f->from));
    put(o, "to", json_string(f->to));
    put(o, "periods_per_year", json_integer((json_int_t)f->periods_per_year));
    put(o, "n", json_integer((json_int_t)f->n));
    putn(o, "level", f->level);
    put(o, "parameters", par);
    put(o, "notes", notes);
    for (i = 0; i < f->n_notes; i++)
        json_array_append_new(notes, json_string(f->notes[i]));
    if (f->status != CT_OK) {
        put(o, "error", json_string(f->reason ? f->reason
                                              : ct_strerror(f->status)));
        return o;
    }
    switch (f->model) {
    case CT_FIT_OLS:
        put_ols(o, par, f);
        break;
    case CT_FIT_POISSON:
    case CT_FIT_QUASIPOISSON:
    case CT_FIT_NEGBIN:
        put_glm(o, par, f);
        break;
    case CT_FIT_MK:
    case CT_FIT_SEN:
        put_mk(o, par, f);
        break;
    case CT_FIT_SEGMENTED:
        put_segmented(o, par, f);
        break;
    case CT_FIT_COMPARE:
        put_compare(o, par, f);
        break;
    case CT_FIT_BOOTSTRAP:
        put_bootstrap(o, par, f);
        break;
    case CT_FIT_SCAN:
        put_scan(o, par, f);
        break;
    }
    return o;
}


void ct_rp_fits_open(struct ct_rp_fits *it, const ct_fit_set *set, int csv)
{
    size_t i, ok = set->n;
    it->set = set;
    it->csv = csv;
    it->nfail = 0;
    it->tmpl = NULL;
    for (i = 0; csv && i < set->n; i++) {
        if (set->fits[i].status != CT_OK)
            it->nfail++;
        else if (ok == set->n)
            ok = i;
    }
    if (it->nfail > 0 && ok < set->n)
        it->tmpl = ct_rp_fit_json(&set->fits[ok]);
}

void ct_rp_fits_close(struct ct_rp_fits *it)
{
    json_decref(it->tmpl);
}

/* fit i as its writers show it; the caller json_decrefs it */
json_t *ct_rp_fit_at(const struct ct_rp_fits *it, size_t i)
{
    const ct_fit_set *set = it->set;
    const ct_fit *f = &set->fits[i];
    json_t *o = ct_rp_fit_json(f);

    if (it->nfail > 0) {
        if (f->status == CT_OK) {
            json_object_set_new(o, "error", json_null());
        } else if (it->tmpl != NULL) {
            json_t *full = null_shape(it->tmpl), *x;
            const char *k;
            json_object_foreach(o, k, x)
            {
                json_t *p = json_object_get(full, k);
                if (strcmp(k, "parameters") == 0 && json_is_object(p) &&
                    json_is_object(x))
                    json_object_update(p, x); /* the template's columns */
                else
                    json_object_set(full, k, x);
            }
            json_decref(o);
            o = full;
        }
    }
    if (set->adjust < 0)
        return o;
    /* --adjust: p_adjusted beside every p_value (scan: every window, the
     * writers add it there) */
    if (!json_object_get(o, "windows")) /* a scan's are per window */
        json_object_set_new(o, "p_adjusted", ct_rp_jnum(f->p_adjusted));
    json_object_set_new(
        json_object_get(o, "parameters"), "adjust",
        json_string(set->adjust == CT_PADJUST_HOLM ? "holm" : "bh"));
    return o;
}

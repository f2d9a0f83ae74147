/* SPDX-License-Identifier: MIT
 * claims_fit.c - the fits of one specification of the curve (a count-model
 * trend with Mann-Kendall, the only/also effect, the comparison of two
 * periods) and the breakpoint check of a primary specification. Each reads
 * its series and writes only its own specification (and cell), with the
 * scratch memory of the thread it runs on.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "claims/claims_internal.h"
#include "ctrend/stats.h"

void cl_fit_trend(cl_fit *f, const double *y, int from, int to,
                  const ct_claims_options *o, int want_mk, cl_work *W)
{
    double t[CL_MAXY];
    size_t n = (size_t)(to - from + 1), i;
    ct_glm_options go = CT_GLM_OPTIONS_INIT;
    ct_glm_result g, nb;
    ct_error e;

    memset(f, 0, sizeof *f);
    f->mk_p = f->p = NAN;
    go.level = o->level;
    for (i = 0; i < n; i++)
        t[i] = from + (double)i;
    f->status = ct_stats_glm_ws(&g, CT_GLM_POISSON, t, y, n, &go, W->glm, &e);
    if (f->status != CT_OK) {
        cl_copy(f->reason, sizeof f->reason, e.msg);
        return;
    }
    f->model = CT_GLM_POISSON;
    f->dispersion = g.dispersion;
    if (g.dispersion > o->disp_negbin &&
        ct_stats_glm_ws(&nb, CT_GLM_NEGBIN, t, y, n, &go, W->glm, &e) == CT_OK &&
        !nb.theta_infinite && nb.lr_p_value < o->nb_lr_alpha) {
        g = nb;
        f->model = CT_GLM_NEGBIN;
    } else if (g.dispersion > o->disp_quasi &&
               ct_stats_glm_ws(&g, CT_GLM_QUASIPOISSON, t, y, n, &go, W->glm,
                               &e) == CT_OK) {
        f->model = CT_GLM_QUASIPOISSON;
    } else {
        ct_stats_glm_ws(&g, CT_GLM_POISSON, t, y, n, &go, W->glm, &e);
    }
    f->log_slope = g.slope;
    f->pct = g.percent_per_year;
    f->ci[0] = g.percent_ci[0];
    f->ci[1] = g.percent_ci[1];
    f->p = g.p_value;
    if (want_mk) {
        ct_mk_options mo = CT_MK_OPTIONS_INIT;
        ct_mk_result mk;
        mo.level = o->level;
        if (ct_stats_mann_kendall_ws(&mk, t, y, n, &mo, W->mk, &e) == CT_OK) {
            f->mk_ok = 1;
            f->mk_p = mk.p_value;
            f->mk_S = mk.S;
            f->mk_tau = mk.tau;
            f->sen = mk.sen_slope;
            f->sen_ci[0] = mk.sen_ci[0];
            f->sen_ci[1] = mk.sen_ci[1];
        }
    }
}

int cl_sig_dir(double p, double effect_sign, int direction, double alpha)
{
    if (!(p < alpha) || effect_sign == 0)
        return 0;
    return (int)effect_sign == direction ? 1 : -1;
}

void cl_spec_from_fit(ct_claims_spec *s, const cl_fit *f, int direction,
                      double alpha)
{
    s->status = f->status;
    if (f->status != CT_OK) {
        cl_copy(s->reason, sizeof s->reason, f->reason);
        return;
    }
    s->model = f->model;
    s->dispersion = f->dispersion;
    s->effect = f->pct;
    s->ci[0] = f->ci[0];
    s->ci[1] = f->ci[1];
    s->p = f->p;
    s->p_np = f->mk_p;
    s->sig = cl_sig_dir(f->p, cl_sign(f->pct), direction, alpha);
}

/* only/also specification on one window: effect of the claim. */
void cl_fit_groups_spec(ct_claims_spec *s, const ct_claim *c,
                        const double *yn, const double *yr, int from, int to,
                        const ct_claims_options *o, cl_work *W)
{
    size_t n = (size_t)(to - from + 1), i;
    double t[CL_MAXY];
    for (i = 0; i < n; i++)
        t[i] = from + (double)i;
    if (c->kind == CT_CLAIM_ONLY) {
        ct_claims_interaction it;
        ct_error e;
        if (cl_interaction_fit(&it, t, yn, yr, n, o->level, o->disp_quasi,
                               W->inter, &e) != CT_OK) {
            s->status = e.code;
            cl_copy(s->reason, sizeof s->reason, e.msg);
            return;
        }
        s->status = CT_OK;
        s->model = it.quasi ? CT_GLM_QUASIPOISSON : CT_GLM_POISSON;
        s->dispersion = it.dispersion;
        s->effect = 100 * (exp(it.beta[3]) - 1);
        s->ci[0] = 100 * (exp(it.ci[0]) - 1);
        s->ci[1] = 100 * (exp(it.ci[1]) - 1);
        s->p = it.p;
        {
            cl_fit f;
            cl_fit_trend(&f, yn, from, to, o, 1, W);
            s->p_np = f.mk_ok ? f.mk_p : (double)NAN;
        }
        s->sig = cl_sig_dir(s->p, cl_sign(s->effect), c->direction, o->alpha);
    } else {
        cl_fit f;
        cl_fit_trend(&f, yn, from, to, o, 1, W);
        cl_spec_from_fit(s, &f, c->direction, o->alpha);
    }
}

/* The primary window's Mann-Kendall and Sen results, and a segmented
 * Poisson fit with one break against the straight trend. */
void cl_primary_breakpoint(ct_claims_cell *cell, const double *yp, int f0,
                           int t0, const ct_claims_options *o, cl_work *W)
{
    cl_fit f;
    ct_segmented_options so = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result sg;
    ct_error e;
    double t[CL_MAXY];
    size_t n = (size_t)(t0 - f0 + 1), i;
    cl_fit_trend(&f, yp, f0, t0, o, 1, W);
    cell->mk_tau = f.mk_tau;
    cell->mk_S = f.mk_S;
    cell->sen = f.sen;
    cell->sen_ci[0] = f.sen_ci[0];
    cell->sen_ci[1] = f.sen_ci[1];
    for (i = 0; i < n; i++)
        t[i] = f0 + (double)i;
    so.family = CT_SEG_POISSON;
    so.level = o->level;
    cell->seg_status = ct_stats_segmented(&sg, t, yp, n, &so, &e);
    if (cell->seg_status == CT_OK) {
        cell->seg_psi = sg.psi[0];
        cell->seg_davies_p = sg.davies_p;
        for (i = 0; i < 2; i++) {
            cell->seg_percent[i] = sg.percent_per_year[i];
            cell->seg_ci[i][0] = sg.percent_ci[i][0];
            cell->seg_ci[i][1] = sg.percent_ci[i][1];
        }
        cell->break_better = sg.davies_p < o->alpha;
        for (i = 0; i < 2; i++)
            if (!(fabs(cell->seg_percent[i]) < 1000) ||
                !isfinite(cell->seg_ci[i][0]) ||
                !(fabs(cell->seg_ci[i][1]) < 1e4))
                cell->seg_status = CT_EDOMAIN;
        if (cell->seg_status != CT_OK)
            cell->break_better = 0; /* a segment with (almost) no counts */
    }
}

/* Annual rates of period B against A (exact test of the ratio) and the
 * rank-sum test of the annual counts; the cell's numbers when this is its
 * primary specification. */
void cl_fit_rate(ct_claims_spec *s, const ct_claim *c, const double *y,
                 ct_claims_cell *cell, const ct_claims_options *o)
{
    int a0 = c->period_a[0], a1 = c->period_a[1];
    int b0 = c->period_b[0], b1 = c->period_b[1];
    int lo = s->from, hi = s->to, i;
    ct_compare_options co = CT_COMPARE_OPTIONS_INIT;
    ct_compare_result cr;
    double ya[CL_MAXY], yb[CL_MAXY], t[CL_MAXY];
    size_t na = 0, nb = 0;
    ct_error e;

    co.level = o->level;
    for (i = 0; i <= hi - lo; i++) {
        t[i] = lo + i;
        if (lo + i >= a0 && lo + i <= a1) ya[na++] = y[i];
        if (lo + i >= b0 && lo + i <= b1) yb[nb++] = y[i];
    }
    s->status = ct_stats_compare(&cr, t, y, (size_t)(hi - lo + 1), a0, a1,
                                 b0, b1, &co, &e);
    if (s->status != CT_OK) {
        cl_copy(s->reason, sizeof s->reason, e.msg);
        return;
    }
    s->effect = cr.rate_ratio;
    s->ci[0] = cr.rate_ratio_ci[0];
    s->ci[1] = cr.rate_ratio_ci[1];
    s->p = cr.rate_ratio_p;
    s->model = CT_GLM_POISSON;
    if (ct_claims_wilcoxon(&s->p_np, ya, na, yb, nb, &e) != CT_OK)
        s->p_np = NAN;
    s->sig = cl_sig_dir(s->p, cl_sign(log(s->effect)), c->direction,
                        o->alpha);
    if (cell) {
        cell->mean_a = cr.mean_a;
        cell->mean_b = cr.mean_b;
        cell->rate_ratio = cr.rate_ratio;
        cell->rate_ratio_ci[0] = cr.rate_ratio_ci[0];
        cell->rate_ratio_ci[1] = cr.rate_ratio_ci[1];
        cell->rate_ratio_p = cr.rate_ratio_p;
        cell->wilcoxon_p = s->p_np;
    }
}

/* Distinct conflicts of the two periods: exact test of their ratio. */
void cl_fit_distinct(ct_claims_spec *s, const ct_claim *c, double da,
                     double db, ct_claims_cell *cell,
                     const ct_claims_options *o)
{
    ct_error e;
    s->status = ct_claims_poisson2(&s->effect, s->ci, &s->p, da, db,
                                   o->level, &e);
    if (s->status != CT_OK) {
        cl_copy(s->reason, sizeof s->reason, e.msg);
        return;
    }
    s->sig = cl_sig_dir(s->p, cl_sign(log(s->effect)), c->direction,
                        o->alpha);
    if (cell) {
        cell->distinct_a = da;
        cell->distinct_b = db;
        cell->distinct_p = s->p;
    }
}

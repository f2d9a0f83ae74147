/* SPDX-License-Identifier: MIT
 * plot_internal.h - helpers shared by the plot module's files (and its
 * unit test): groups of a series in a stated order, field writers, the
 * confidence band of a log-linear trend.
 */
#ifndef CT_PLOT_INTERNAL_H
#define CT_PLOT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/plot.h"

/* One group of a series (a combination of key values). */
typedef struct ct_plot_group {
    char *label;       /* key values joined by " / ", "All" without keys */
    size_t first;      /* first row of the group                         */
    size_t *rows;      /* its rows, in series order (time order)         */
    size_t n;          /* number of rows                                 */
    double total;      /* sum of the non-missing values                  */
} ct_plot_group;

typedef struct ct_plot_groups {
    ct_plot_group *g;  /* in the requested order                         */
    size_t n;
} ct_plot_groups;

int ct_plot_groups_make(ct_plot_groups *g, const ct_series *s,
                   ct_plot_order order, ct_error *err);
void ct_plot_groups_free(ct_plot_groups *g);

/* time of a row in years: year + (month - 1) / 12 */
double ct_plot_t(const ct_series *s, size_t row);
/* YYYY or YYYY-MM */
void ct_plot_put_period(FILE *out, const ct_series *s, size_t row);
/* a field through ct_plot_text (CT_ENOMEM when a long one cannot be
 * copied) */
int ct_plot_put_text(FILE *out, const char *s);
/* NA for NaN/inf, integers plainly, else %.*g */
void ct_plot_put_num(FILE *out, double v, int digits);
/* "p < 0.001" or "p = 0.012" */
void ct_plot_pvalue(char *buf, size_t n, double p);
/* flushes and checks out: CT_EIO */
int ct_plot_finish(FILE *out, ct_error *err);

/* Fitted mean and pointwise band exp(eta -+ q se) at times t[0..n) (NaN
 * times give NaN) of the log-linear fit r (slope per unit of t), from the
 * fitted times tf and IRLS weights wf (mu, or mu/(1+mu/theta)) of its nf
 * observations. CT_EDOMAIN when the information is singular. */
int ct_plot_band(double *fit, double *lo, double *hi, const double *t,
                 size_t n, const double *tf, const double *wf, size_t nf,
                 const ct_glm_result *r);

#endif

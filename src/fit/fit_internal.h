/* SPDX-License-Identifier: MIT
 * fit_internal.h - shared between the files of src/fit (not installed).
 */
#ifndef CT_FIT_INTERNAL_H
#define CT_FIT_INTERNAL_H

#include "ctrend/fit.h"

/* a period bound in units of t; upper: a year means its December;
 * -1 for a month bound on an annual series */
int ct_fit_period_t(const ct_fit_period *p, double ppy, int upper, double *t);

int ct_fit_note(ct_fit *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int ct_fit_warn(ct_fit *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* fits f->model (f->spec, f->periods_per_year set) to t, y; fills f->r,
 * f->p_value and the model's notes */
int ct_fit_model_run(ct_fit *f, const double *t, const double *y, size_t n,
                     ct_error *err);

#endif /* CT_FIT_INTERNAL_H */

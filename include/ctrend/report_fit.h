/* SPDX-License-Identifier: MIT
 * report_fit.h - the writers of a ct_fit_set: text, CSV, JSON, Markdown.
 *
 * Part of the report module; kept in its own header for now, to be folded
 * into ctrend/report.h when the branches are merged.
 *
 * Every writer takes the stream to write to and the significant digits of
 * numbers (precision, 1-17); it writes nothing but to out. CSV: one row
 * per fit (per window for scan), nested values flattened (an interval
 * [a, b] -> NAME_lo, NAME_hi; the breakpoints and segments ->
 * breakpoint1_..., slope1_...; the parameters -> their names; notes joined
 * by "; "). JSON: {"command": "fit", "fits": [...]}. Markdown: one table
 * per model (group, window, n, the main estimate with its interval, p,
 * notes).
 */
#ifndef CT_REPORT_FIT_H
#define CT_REPORT_FIT_H

#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/fit.h"

int ct_report_fit_text(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err);
int ct_report_fit_csv(FILE *out, const ct_fit_set *set, int precision,
                      ct_error *err);
int ct_report_fit_json(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err);
int ct_report_fit_markdown(FILE *out, const ct_fit_set *set, int precision,
                           ct_error *err);

#endif /* CT_REPORT_FIT_H */

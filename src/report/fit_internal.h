/* SPDX-License-Identifier: MIT
 * fit_internal.h - between the fit writers (fit_write.c) and the JSON
 * objects they render (fit_tree.c). Private to the report module.
 */
#ifndef CT_REPORT_FIT_INTERNAL_H
#define CT_REPORT_FIT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "ctrend/fit.h"
#include "ctrend/report.h"

/* The fits as JSON objects, one at a time (ct_rp_fit_at), so that memory holds
 * one fit's object, not the set's. For CSV, when some group failed, every
 * record gets an `error` (null when fitted) and a failed one the fields of
 * the first fitted one (null), so that CSV columns line up; that is done
 * before the adjusted p-values are added, as it always was. */
struct ct_rp_fits {
    const ct_fit_set *set;
    int csv;
    size_t nfail;
    json_t *tmpl; /* csv with failures: the first fitted fit's object */
};

/* Starts the iteration (csv: with the CSV columns' alignment); ends it. */
void ct_rp_fits_open(struct ct_rp_fits *it, const ct_fit_set *set, int csv);
void ct_rp_fits_close(struct ct_rp_fits *it);

/* Fit i as its writers show it; the caller json_decrefs it. */
json_t *ct_rp_fit_at(const struct ct_rp_fits *it, size_t i);

/* Fit f as a JSON object (a scan's windows: a null placeholder). */
json_t *ct_rp_fit_json(const ct_fit *f);

/* One scan window as a JSON object (ppy: periods per year). */
json_t *ct_rp_window_json(const ct_scan_cell *c, double ppy);

/* x as a JSON real, or null when not finite. */
json_t *ct_rp_jnum(double x);

/* The statistic's name as the CLI spells it. */
const char *ct_rp_stat_name(ct_statistic s);

#endif /* CT_REPORT_FIT_INTERNAL_H */

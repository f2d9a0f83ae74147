/* SPDX-License-Identifier: MIT
 * padjust.c - Holm and Benjamini-Hochberg adjusted p-values
 * (ct_stats_p_adjust), with R p.adjust's conventions.
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>

int ct_stats_p_adjust(double *out, const double *p, size_t n,
                      ct_padjust_method method, ct_error *err)
{
    double *v = NULL, *adj = NULL;
    size_t *idx = NULL, *pos = NULL, m = 0, i;
    int rc = CT_OK;

    if (method != CT_PADJUST_HOLM && method != CT_PADJUST_BH)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "p-adjust: unknown method %d", (int)method);
    for (i = 0; i < n; i++)
        if (!isnan(p[i]) && !(p[i] >= 0 && p[i] <= 1))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "p-adjust: p-value %zu is %g, not in [0, 1]",
                                i + 1, p[i]);
    if (n == 0)
        return CT_OK;
    v = malloc(n * sizeof *v);
    adj = malloc(n * sizeof *adj);
    idx = malloc(n * sizeof *idx);
    pos = malloc(n * sizeof *pos);
    if (!v || !adj || !idx || !pos) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    /* NaN stays NaN and does not count in m (R: n = sum(!is.na(p))) */
    for (i = 0; i < n; i++)
        if (!isnan(p[i])) {
            pos[m] = i;
            v[m++] = p[i];
        }
    if (m > 0) {
        gsl_sort_index(idx, v, 1, m); /* ascending */
        if (method == CT_PADJUST_HOLM) {
            /* Holm (1979): p_(i) (m - i + 1), running maximum, cap 1 */
            double run = 0;
            for (i = 0; i < m; i++) {
                double a = (double)(m - i) * v[idx[i]];
                if (a > run)
                    run = a;
                adj[idx[i]] = run < 1 ? run : 1;
            }
        } else {
            /* Benjamini & Hochberg (1995): p_(i) m / i, running minimum
             * from the largest, cap 1 */
            double run = CT_INF;
            for (i = m; i-- > 0;) {
                double a = (double)m / (double)(i + 1) * v[idx[i]];
                if (a < run)
                    run = a;
                adj[idx[i]] = run < 1 ? run : 1;
            }
        }
    }
    for (i = 0; i < n; i++)
        if (isnan(p[i]))
            out[i] = CT_NAN;
    for (i = 0; i < m; i++)
        out[pos[i]] = adj[i];
done:
    free(pos);
    free(idx);
    free(adj);
    free(v);
    return rc;
}

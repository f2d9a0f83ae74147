/* SPDX-License-Identifier: MIT
 * series_groups.c - the groups of a series (rows with the same key values),
 * numbered in order of first appearance (series.h): what fit and plot
 * split a series by.
 */
#include "ctrend/series.h"

#include <stdlib.h>
#include <string.h>

static int same_keys(const ct_series *s, size_t a, size_t b)
{
    size_t j, k = s->n_keys;
    for (j = 0; j < k; j++)
        if (strcmp(s->key[a * k + j], s->key[b * k + j]) != 0)
            return 0;
    return 1;
}

int ct_series_groups(const ct_series *s, size_t **gid, size_t **first,
                     size_t *n_groups, ct_error *err)
{
    size_t m = s->n ? s->n : 1, i, n = 0, last = 0;
    size_t *id = malloc(m * sizeof *id), *f = malloc(m * sizeof *f);

    *gid = *first = NULL;
    *n_groups = 0;
    if (id == NULL || f == NULL) {
        free(id);
        free(f);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < s->n; i++) {
        size_t k, g = n;
        /* a built series cycles through its groups period by period, so
         * the next group (or the same one) is tried first: linear then */
        if (n && same_keys(s, i, f[(last + 1) % n]))
            g = (last + 1) % n;
        else if (n && same_keys(s, i, f[last]))
            g = last;
        for (k = 0; g == n && k < n; k++)
            if (same_keys(s, i, f[k]))
                g = k;
        if (g == n)
            f[n++] = i;
        id[i] = last = g;
    }
    *gid = id;
    *first = f;
    *n_groups = n;
    return CT_OK;
}

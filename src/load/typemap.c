/* SPDX-License-Identifier: MIT
 * typemap.c - conflict types read from an ACD or BRD file, to classify
 * GED state-based events (load.h). A conflict can move between intrastate
 * and internationalized from year to year, so types are kept per
 * conflict-year; a GED year the file lacks takes the nearest year's type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strtab.h"
#include "ctrend/load.h"

typedef struct span {
    int year;      /* conflict-year                     */
    ct_class cls;  /* its class                         */
} span;

struct ct_typemap {
    ct_strtab *ids;   /* conflict id -> index             */
    span **years;     /* index -> conflict-years           */
    size_t *n, *cap;  /* per index                         */
    size_t count, alloc;
    int check_only;   /* first pass: stop at the first row (1), and
                         did (2)                                    */
};

void ct_typemap_free(ct_typemap *m)
{
    size_t i;
    if (m == NULL)
        return;
    for (i = 0; i < m->count; i++)
        free(m->years[i]);
    free(m->years);
    free(m->n);
    free(m->cap);
    ct_strtab_free(m->ids);
    free(m);
}

static int add(const ct_obs *o, void *ctx, ct_error *err)
{
    ct_typemap *m = ctx;
    int added;
    long id;
    size_t k;

    if (m->check_only) {
        m->check_only = 2;
        return CT_ELIMIT; /* enough: the header has been read */
    }

    id = ct_strtab_intern(m->ids, o->conflict_id, strlen(o->conflict_id),
                          &added);
    if (id < 0)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    k = (size_t)id;
    if (added) {
        if (m->count == m->alloc) {
            size_t na = m->alloc ? 2 * m->alloc : 256;
            span **ny = realloc(m->years, na * sizeof *ny);
            size_t *nn, *nc;
            if (ny == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            m->years = ny;
            nn = realloc(m->n, na * sizeof *nn);
            if (nn == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            m->n = nn;
            nc = realloc(m->cap, na * sizeof *nc);
            if (nc == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            m->cap = nc;
            m->alloc = na;
        }
        m->years[k] = NULL;
        m->n[k] = m->cap[k] = 0;
        m->count++;
    }
    if (m->n[k] == m->cap[k]) {
        size_t nc = m->cap[k] ? 2 * m->cap[k] : 8;
        span *ns = realloc(m->years[k], nc * sizeof *ns);
        if (ns == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        m->years[k] = ns;
        m->cap[k] = nc;
    }
    m->years[k][m->n[k]].year = o->year;
    m->years[k][m->n[k]].cls = o->cls;
    m->n[k]++;
    return CT_OK;
}

int ct_typemap_load(ct_typemap **out, const char *path,
                    const ct_load_options *opt, ct_error *err)
{
    ct_typemap *m;
    ct_load_options o = *opt;
    int rc;

    *out = NULL;
    m = calloc(1, sizeof *m);
    if (m == NULL || (m->ids = ct_strtab_alloc()) == NULL) {
        free(m);
        return ct_error_set(err, CT_ENOMEM, path, 0, "out of memory");
    }
    o.join = NULL;
    /* the dataset is known from the header: check it before any row is
     * kept, and even when the file has none */
    o.dataset = CT_DS_AUTO;
    {
        ct_load_info info;
        m->check_only = 1;
        rc = ct_load_file(path, &o, add, m, &info, err);
        if (rc == CT_ELIMIT && m->check_only == 2)
            rc = CT_OK; /* stopped on purpose after the header */
        m->check_only = 0;
        if (rc == CT_OK && info.dataset != CT_DS_ACD &&
            info.dataset != CT_DS_BRD)
            rc = ct_error_set(err, CT_EUSAGE, path, 1,
                              "a join file must be the UCDP/PRIO ACD or "
                              "Battle-Related Deaths dataset, not %s",
                              ct_obs_dataset_title(info.dataset));
        if (rc == CT_OK)
            rc = ct_load_file(path, &o, add, m, NULL, err);
    }
    if (rc != CT_OK) {
        if (err && err->path[0] == '\0')
            snprintf(err->path, sizeof err->path, "%s", path);
        ct_typemap_free(m);
        return rc;
    }
    *out = m;
    return CT_OK;
}

ct_class ct_typemap_get(const ct_typemap *m, const char *conflict_id,
                        int year)
{
    long id = ct_strtab_find(m->ids, conflict_id, strlen(conflict_id));
    size_t i, best = 0;
    int dist = -1;

    if (id < 0)
        return CT_CLASS_STATEBASED;
    for (i = 0; i < m->n[id]; i++) {
        int d = abs(m->years[id][i].year - year);
        /* nearest year; on a tie the later year, being the newer coding */
        if (dist < 0 || d < dist ||
            (d == dist && m->years[id][i].year > m->years[id][best].year)) {
            dist = d;
            best = i;
        }
    }
    return m->years[id][best].cls;
}

size_t ct_typemap_count(const ct_typemap *m) { return m->count; }

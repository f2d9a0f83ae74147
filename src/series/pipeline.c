/* SPDX-License-Identifier: MIT
 * pipeline.c - ct_series_from_files: export files in, one series out
 * (moved from the CLI's ct_cli_series_build, which now only prints what
 * this reports).
 */
#define _POSIX_C_SOURCE 200809L
#include "ctrend/series.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctrend/geo.h"
#include "ctrend/load.h"

/* Most threads (one builder each). */
#define MAX_THREADS 64

static void note(const ct_series_files_hooks *h, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void note(const ct_series_files_hooks *h, const char *fmt, ...)
{
    char buf[CT_ERROR_PATH_MAX + CT_ERROR_MSG_MAX + 600];
    va_list ap;
    if (h == NULL || h->note == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h->note(h->ctx, buf);
}

/* Warnings about what a load found (issue 8); an error when the file
 * cannot be counted (duplicates within it). */
static int load_notes(const char *name, const ct_load_info *info,
                      const ct_series_options *so,
                      const ct_series_files_hooks *h, ct_error *err)
{
    size_t k;
    int deaths = so->measure == CT_MEASURE_DEATHS;
    for (k = 0; k < so->n_extra; k++)
        deaths |= so->extra[k] == CT_MEASURE_DEATHS;
    if (info->duplicates && info->dataset != CT_DS_ACD)
        return ct_error_set(err, CT_EDOMAIN, name, info->first_duplicate,
                            "duplicate record: the same identity as line "
                            "%ld (%ld duplicate%s in the file)",
                            info->first_duplicate_of, info->duplicates,
                            info->duplicates == 1 ? "" : "s");
    if (info->year_mismatch)
        note(h, "%s:%ld: warning: %ld row%s whose year disagrees with the "
                "date, counted by the date (first: %s; --strict to "
                "refuse)", name, info->first_year_mismatch,
             info->year_mismatch, info->year_mismatch == 1 ? "" : "s",
             info->year_mismatch_text);
    if (deaths && info->missing_deaths)
        note(h, "%s:%ld: warning: %ld row%s with no death count, counted "
                "as 0 deaths", name, info->first_missing_deaths,
             info->missing_deaths, info->missing_deaths == 1 ? "" : "s");
    if (deaths && info->bad_estimates)
        note(h, "%s:%ld: warning: %ld row%s with death estimates out of "
                "order, read as given (first: %s; --strict to refuse)",
             name, info->first_bad_estimates, info->bad_estimates,
             info->bad_estimates == 1 ? "" : "s", info->bad_estimates_text);
    return CT_OK;
}

/* reads file i into the builders tb[0..nthreads) and merges them into
 * tb[0] */
static int load_one(const char *path, const char *name, ct_load_options *lo,
                    ct_series_builder **tb, size_t nthreads,
                    const ct_series_options *so,
                    const ct_series_files_hooks *h, char *version,
                    size_t version_n, ct_error *err)
{
    const char *shown = name ? name : strcmp(path, "-") != 0 ? path
                                                             : "<stdin>";
    ct_load_info info;
    size_t t;
    int rc;

    if (h && h->file_begin)
        h->file_begin(h->ctx, name ? name : path);
    lo->display = name;
    lo->progress = h ? h->progress : NULL;
    lo->progress_ctx = h ? h->ctx : NULL;
    for (t = 0; t < nthreads; t++)
        if ((rc = ct_series_builder_begin_file(tb[t], err)) != CT_OK) {
            if (h && h->file_end)
                h->file_end(h->ctx);
            return rc;
        }
    rc = ct_load_file_parallel(path, lo, nthreads, ct_series_builder_add,
                               (void **)tb, ct_series_builder_reset, &info,
                               err);
    if (h && h->file_end)
        h->file_end(h->ctx);
    for (t = 1; rc == CT_OK && t < nthreads; t++) {
        rc = ct_series_builder_merge(tb[0], tb[t], err);
        if (rc == CT_OK)
            rc = ct_series_builder_reset(tb[t]);
    }
    if (rc != CT_OK)
        return rc;
    if (version != NULL)
        snprintf(version, version_n, "%s", info.version);
    if ((rc = load_notes(shown, &info, so, h, err)) != CT_OK)
        return rc;
    if (info.skipped)
        note(h, "%s: skipped %ld bad record%s (first: %s)", shown,
             info.skipped, info.skipped == 1 ? "" : "s", info.first_skip);
    return CT_OK;
}

int ct_series_from_files(ct_series **out, const char *const *paths,
                         const char *const *names, size_t n,
                         const ct_series_files_options *opts,
                         const ct_series_files_hooks *hooks,
                         ct_series_stage *stage, ct_error *err)
{
    ct_series_options so = opts->so;
    ct_load_options lo = opts->lo;
    ct_typemap *join = NULL;
    ct_series_builder *tb[MAX_THREADS];
    size_t nthreads = opts->nthreads ? opts->nthreads : 1, made = 1, t, i;
    ct_geo *own_geo = NULL;
    const ct_geo *geo = opts->geo;
    ct_series_stage st = CT_SERIES_STAGE_GEO;
    char version[64] = "";
    int rc;

    *out = NULL;
    tb[0] = NULL;
    if (geo == NULL) {
        if (opts->geo_path == NULL) {
            rc = ct_error_set(err, CT_EUSAGE, NULL, 0,
                              "no country table given");
            goto done;
        }
        if ((rc = ct_geo_load(&own_geo, opts->geo_path, err)) != CT_OK)
            goto done;
        geo = own_geo;
    }
    so.geo = geo;
    lo.geo = geo;
    so.dedup = n > 1;
    st = CT_SERIES_STAGE_JOIN;
    if (opts->join_path != NULL) {
        ct_load_options jo = lo;
        jo.dataset = CT_DS_AUTO;
        if ((rc = ct_typemap_load(&join, opts->join_path, &jo, err)) != CT_OK)
            goto done;
        lo.join = join;
    }
    st = CT_SERIES_STAGE_SELECT;
    if ((rc = ct_series_builder_alloc(&tb[0], &so, err)) != CT_OK)
        goto done;
    st = CT_SERIES_STAGE_LOAD;
    /* classes cost time on ACLED; derive them only when used */
    lo.no_class = so.class_mask == 0;
    for (i = 0; i < so.n_keys; i++)
        if (so.keys[i] == CT_KEY_CLASS)
            lo.no_class = 0;
    /* one builder per thread, merged after each file; dedup needs one
     * set of ids, so it reads on one thread */
    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    if (so.dedup)
        nthreads = 1;
    for (t = 1; t < nthreads; t++, made++)
        if ((rc = ct_series_builder_alloc(&tb[t], &so, err)) != CT_OK)
            goto done;
    for (i = 0; i < n; i++) {
        /* the version the first file states names the series' release */
        rc = load_one(paths[i], names ? names[i] : NULL, &lo, tb, nthreads,
                      &so, hooks, i == 0 ? version : NULL, sizeof version,
                      err);
        if (rc != CT_OK)
            goto done;
    }
    if ((rc = ct_series_builder_finish(tb[0], out, err)) != CT_OK)
        goto done;
    snprintf((*out)->version, sizeof (*out)->version, "%s", version);
    if ((*out)->duplicates)
        note(hooks, "%ld duplicate record%s (same id in several files) "
                    "counted once", (*out)->duplicates,
             (*out)->duplicates == 1 ? "" : "s");
done:
    for (t = 1; t < made; t++)
        ct_series_builder_free(tb[t]);
    ct_series_builder_free(tb[0]);
    ct_typemap_free(join);
    ct_geo_free(own_geo);
    if (stage)
        *stage = st;
    return rc;
}

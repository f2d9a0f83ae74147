/* SPDX-License-Identifier: MIT
 * dateorder_prop.h - the property of issue 8 class 1, shared by
 * test_parallel.c (a few hundred seeded files) and fuzz_dateorder.c
 * (libFuzzer): an ACLED file of slash dates made from bytes gives the
 * same monthly series, byte for byte, or the same error at the same line,
 * on 1, 2 and 4 threads (every file split: parallel_min 1).
 */
#ifndef CT_DATEORDER_PROP_H
#define CT_DATEORDER_PROP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/ctrend.h"

/* Events per month of path on nthreads threads as CSV in *csv (malloc'd;
 * NULL on error). */
static int prop_month_csv(const ct_geo *geo, const char *path,
                          size_t nthreads, char **csv, ct_error *err)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_series_builder *b[4] = {NULL, NULL, NULL, NULL};
    ct_series *s = NULL;
    size_t i, len = 0;
    FILE *mem;
    int rc = CT_OK;

    *csv = NULL;
    so.geo = lo.geo = geo;
    so.by_month = 1;
    so.measure = CT_MEASURE_EVENTS;
    lo.no_class = 1;
    lo.parallel_min = 1;
    for (i = 0; i < nthreads && rc == CT_OK; i++)
        rc = ct_series_builder_alloc(&b[i], &so, err);
    if (rc == CT_OK)
        rc = ct_load_file_parallel(path, &lo, nthreads,
                                   ct_series_builder_add, (void **)b,
                                   ct_series_builder_reset, NULL, err);
    for (i = 1; rc == CT_OK && i < nthreads; i++)
        rc = ct_series_builder_merge(b[0], b[i], err);
    if (rc == CT_OK)
        rc = ct_series_builder_finish(b[0], &s, err);
    for (i = 0; i < nthreads; i++)
        ct_series_builder_free(b[i]);
    if (rc != CT_OK)
        return rc;
    mem = open_memstream(csv, &len);
    if (mem == NULL)
        abort();
    rc = ct_report_series(mem, s, NULL, err);
    fclose(mem);
    ct_series_free(s);
    return rc;
}

/* Writes an ACLED file (current layout) with one event per 3 bytes of
 * data: dates "A/B/2021" with A, B in 1-31 from the first two bytes (some
 * not dates at all, most ambiguous when bytes are small), and the third
 * byte's low bit a note with a quoted line break. Returns 0, or -1 when
 * the file cannot be written. */
static int prop_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "w");
    size_t i;
    if (f == NULL)
        return -1;
    fputs("event_id_cnty,event_date,year,event_type,iso,country,notes,"
          "fatalities\n", f);
    for (i = 0; i + 3 <= size; i += 3)
        fprintf(f, "EV%zu,%d/%d/2021,2021,Battles,706,Somalia,%s,1\n", i,
                1 + data[i] % (data[i] & 0x80 ? 31 : 12),
                1 + data[i + 1] % (data[i + 1] & 0x80 ? 31 : 12),
                data[i + 2] & 1 ? "\"a\nb\"" : "plain");
    return fclose(f) == 0 ? 0 : -1;
}

/* 0 when the property holds for the file at path, else -1 (and says why
 * on stderr). */
static int prop_check(const ct_geo *geo, const char *path)
{
    static const size_t T[3] = {1, 2, 4};
    char *csv[3] = {NULL, NULL, NULL};
    ct_error err[3];
    int rc[3], ok = 1;
    size_t t;
    for (t = 0; t < 3; t++)
        rc[t] = prop_month_csv(geo, path, T[t], &csv[t], &err[t]);
    for (t = 1; t < 3; t++) {
        if (rc[t] != rc[0])
            ok = 0;
        else if (rc[0] == CT_OK)
            ok &= strcmp(csv[t], csv[0]) == 0;
        else
            ok &= err[t].line == err[0].line &&
                  strcmp(err[t].msg, err[0].msg) == 0;
        if (!ok) {
            fprintf(stderr, "date order property: %zu threads differ from "
                    "1 (rc %d vs %d)\n", T[t], rc[t], rc[0]);
            break;
        }
    }
    for (t = 0; t < 3; t++)
        free(csv[t]);
    return ok ? 0 : -1;
}

#endif

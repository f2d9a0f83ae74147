/* SPDX-License-Identifier: MIT
 * cuts_prop.h - the property of issue 13 point 1, shared by
 * test_parallel.c (seeded random files) and fuzz_cuts.c (libFuzzer): an
 * ACLED file whose quoted notes hold line breaks, doubled quotes and
 * lines that look like records gives, on any thread count, the same
 * monthly series (events and deaths), the same counts and the same error
 * at the same line as on one thread (every file split: parallel_min 1).
 */
#ifndef CT_CUTS_PROP_H
#define CT_CUTS_PROP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/ctrend.h"

/* One load of a file: its status, monthly series as CSV (malloc'd; NULL
 * on error), info and error. */
typedef struct cuts_result {
    int rc;
    char *csv;
    ct_load_info info;
    ct_error err;
} cuts_result;

/* Loads path in nthreads (1-4) ranges into r, read by threads threads
 * (0: one a range). */
static void cuts_run(const ct_geo *geo, const char *path, size_t nthreads,
                     size_t threads, int skip_bad, cuts_result *r)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_series_builder *b[4] = {NULL, NULL, NULL, NULL};
    ct_series *s = NULL;
    size_t i, len = 0;
    FILE *mem;
    int rc = CT_OK;

    memset(r, 0, sizeof *r);
    so.geo = lo.geo = geo;
    so.by_month = 1;
    so.measure = CT_MEASURE_EVENTS;
    so.extra[0] = CT_MEASURE_DEATHS;
    so.n_extra = 1;
    lo.no_class = 1;
    lo.parallel_min = 1;
    lo.skip_bad = skip_bad;
    lo.threads = threads;
    for (i = 0; i < nthreads && rc == CT_OK; i++)
        rc = ct_series_builder_alloc(&b[i], &so, &r->err);
    if (rc == CT_OK)
        rc = ct_load_file_parallel(path, &lo, nthreads,
                                   ct_series_builder_add, (void **)b,
                                   ct_series_builder_reset, &r->info,
                                   &r->err);
    for (i = 1; rc == CT_OK && i < nthreads; i++)
        rc = ct_series_builder_merge(b[0], b[i], &r->err);
    if (rc == CT_OK)
        rc = ct_series_builder_finish(b[0], &s, &r->err);
    for (i = 0; i < nthreads; i++)
        ct_series_builder_free(b[i]);
    r->rc = rc;
    if (rc != CT_OK)
        return;
    mem = open_memstream(&r->csv, &len);
    if (mem == NULL)
        abort();
    r->rc = ct_report_series(mem, s, NULL, &r->err);
    fclose(mem);
    ct_series_free(s);
}

/* 1 when b gives what a gives: status, series, counts, first skipped
 * record, error and line. */
static int cuts_same(const cuts_result *a, const cuts_result *b)
{
    if (a->rc != b->rc)
        return 0;
    if (a->rc != CT_OK)
        return a->err.line == b->err.line &&
               strcmp(a->err.msg, b->err.msg) == 0;
    return strcmp(a->csv, b->csv) == 0 && a->info.rows == b->info.rows &&
           a->info.skipped == b->info.skipped &&
           a->info.year_min == b->info.year_min &&
           a->info.year_max == b->info.year_max &&
           a->info.missing_deaths == b->info.missing_deaths &&
           a->info.first_missing_deaths == b->info.first_missing_deaths &&
           strcmp(a->info.first_skip, b->info.first_skip) == 0;
}

/* A line inside a quoted note that is a well-formed record of the
 * header's 8 fields (it would count as an event if read as one). */
#define CUTS_FAKE "FK,2021-06-15,2021,Battles,706,Somalia,fake,9\n"

/* Writes an ACLED file from data, 4 bytes an event: the month and day,
 * the deaths, and a note: plain, or quoted with up to 7 line breaks
 * (LF or CRLF), doubled quotes, commas and up to 15 lines that look like
 * records; one event in 64 has a bad death count. Returns 0, or -1 when
 * the file cannot be written. */
static int cuts_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "w");
    size_t i;
    if (f == NULL)
        return -1;
    fputs("event_id_cnty,event_date,year,event_type,iso,country,notes,"
          "fatalities\n", f);
    for (i = 0; i + 4 <= size; i += 4) {
        unsigned nb = data[i + 2], k;
        fprintf(f, "EV%zu,2021-%02d-%02d,2021,Battles,706,Somalia,", i,
                1 + data[i] % 12, 1 + data[i + 1] % 28);
        if (nb % 4 == 0)
            fputs("plain", f);
        else {
            fputc('"', f);
            for (k = 0; k < (nb >> 2) % 8; k++)
                fputs(nb & 0x80 ? "a, \"\"b\"\"\r\n" : "a,b\n", f);
            if (nb % 4 == 3)
                for (k = 0; k < 1 + (nb >> 4) % 15; k++)
                    fputs(CUTS_FAKE, f);
            fputs("end\"", f);
        }
        if (data[i + 3] == 0xff)
            fputs(",-5\n", f); /* a bad death count */
        else
            fprintf(f, ",%d\n", data[i + 3] % 10);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* 0 when the file at path gives in nthreads ranges what it gives in
 * one, with and without skip_bad, the ranges read on a thread each and
 * on one thread taking them in turn; else -1 (and says why on stderr). */
static int cuts_check(const ct_geo *geo, const char *path, size_t nthreads)
{
    cuts_result one, many;
    int skip, ok = 1;
    size_t threads;
    for (skip = 0; skip < 2 && ok; skip++) {
        cuts_run(geo, path, 1, 0, skip, &one);
        for (threads = 0; threads < 2 && ok; threads++) {
            cuts_run(geo, path, nthreads, threads, skip, &many);
            ok = cuts_same(&one, &many);
            if (!ok)
                fprintf(stderr, "cuts property: %zu ranges on %s differ "
                        "from 1 (skip_bad %d, rc %d vs %d, line %ld vs "
                        "%ld)\n", nthreads,
                        threads ? "one thread" : "a thread each", skip,
                        many.rc, one.rc, many.err.line, one.err.line);
            free(many.csv);
        }
        free(one.csv);
    }
    return ok ? 0 : -1;
}

#endif

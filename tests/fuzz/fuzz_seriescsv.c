/* SPDX-License-Identifier: MIT
 * fuzz_seriescsv.c - the `ctrend series` CSV reader (ct_series_read_csv)
 * on arbitrary bytes: the first byte picks the value column, the rest is
 * the file. A series it accepts must be well formed, and must read back
 * the same after ct_report_series. Any crash, leak, hang, sanitizer
 * report or abort is a bug.
 */
#define _GNU_SOURCE
#include <math.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const ct_series *s)
{
    size_t i, j;

    if (s->n_keys > CT_SERIES_MAX_KEYS || s->n_extra != 0)
        abort();
    for (j = 0; j < s->n_keys; j++)
        if (ct_series_key_label(s, j) == NULL)
            abort();
    for (i = 0; i < s->n; i++) {
        if (s->year[i] < 1000 || s->year[i] > 9999)
            abort();
        if (s->by_month ? s->month[i] < 1 || s->month[i] > 12
                        : s->month[i] != 0)
            abort();
        if (!isnan(s->value[i]) && !isfinite(s->value[i]))
            abort();
        for (j = 0; j < s->n_keys; j++)
            if (s->key[i * s->n_keys + j] == NULL)
                abort();
    }
}

/* b must be a as written by ct_report_series and read back */
static void same(const ct_series *a, const ct_series *b)
{
    size_t i, j;

    if (a->n != b->n || a->n_keys != b->n_keys ||
        (a->n && a->by_month != b->by_month))
        abort();
    for (i = 0; i < a->n; i++) {
        double x = a->value[i], y = b->value[i];
        if (a->year[i] != b->year[i] || a->month[i] != b->month[i])
            abort();
        if (isnan(x) != isnan(y))
            abort();
        /* values print with 15 significant digits */
        if (!isnan(x) && fabs(x - y) > 1e-13 * fabs(x))
            abort();
        for (j = 0; j < a->n_keys; j++)
            if (strcmp(a->key[i * a->n_keys + j],
                       b->key[i * b->n_keys + j]) != 0)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const VALUE[] = {NULL, "value", "events", "k"};
    ct_series *s = NULL, *t = NULL;
    ct_error err;
    char path[64], *buf = NULL;
    size_t len = 0;
    FILE *in, *mem;
    int fd, rc;

    if (size < 1)
        return 0;
    fd = fuzz_file(data + 1, size - 1, path, sizeof path);
    if (fd < 0)
        return 0;
    in = fopen(path, "r");
    if (in == NULL) {
        close(fd);
        return 0;
    }
    rc = ct_series_read_csv(&s, in, "fuzz.csv", VALUE[data[0] % 4], &err);
    fclose(in);
    close(fd);
    if (rc != CT_OK) {
        if (s != NULL || rc >= 0 || err.code != rc)
            abort();
        return 0;
    }
    check(s);
    /* write it and read it back */
    mem = open_memstream(&buf, &len);
    if (mem == NULL)
        abort();
    if (ct_report_series(mem, s, NULL, &err) != CT_OK)
        abort();
    fclose(mem);
    in = fmemopen(buf, len, "r");
    if (in == NULL)
        abort();
    rc = ct_series_read_csv(&t, in, "back.csv", NULL, &err);
    fclose(in);
    /* quotes doubled on writing may take a line over the limit */
    if (rc != CT_OK && rc != CT_ELIMIT)
        abort();
    if (rc == CT_OK)
        same(s, t);
    ct_series_free(t);
    ct_series_free(s);
    free(buf);
    return 0;
}

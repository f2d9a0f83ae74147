/* SPDX-License-Identifier: MIT
 * series_write.c - a series as CSV or TSV (ct_series_write_delim).
 */
#include "series/series_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int put_field(FILE *out, const char *s, char sep)
{
    if (strchr(s, sep) || strchr(s, '"') || strchr(s, '\n')) {
        if (sep == '\t') /* TSV has no quoting: replace the troublemakers */
            for (; *s; s++)
                putc(*s == '\t' || *s == '\n' ? ' ' : *s, out);
        else {
            putc('"', out);
            for (; *s; s++) {
                if (*s == '"')
                    putc('"', out);
                putc(*s, out);
            }
            putc('"', out);
        }
        return 0;
    }
    return fputs(s, out) < 0 ? -1 : 0;
}

static void put_value(FILE *out, double v)
{
    if (isnan(v))
        fputs("NA", out);
    else if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.15g", v);
}

int ct_series_write_delim(const ct_series *s, FILE *out, char sep,
                          ct_error *err)
{
    size_t i, j;

    fputs("period", out);
    for (j = 0; j < s->n_keys; j++)
        fprintf(out, "%c%s", sep, ct_series_key_name(s->keys[j]));
    if (s->n_extra == 0)
        fprintf(out, "%cvalue", sep);
    else
        for (j = 0; j <= s->n_extra; j++)
            fprintf(out, "%c%s", sep, ct_series_measure_name(s->measures[j]));
    if (s->partial)
        fprintf(out, "%cpartial", sep);
    putc('\n', out);
    for (i = 0; i < s->n; i++) {
        if (s->by_month)
            fprintf(out, "%04d-%02d", s->year[i], s->month[i]);
        else
            fprintf(out, "%04d", s->year[i]);
        for (j = 0; j < s->n_keys; j++) {
            putc(sep, out);
            put_field(out, s->key[i * s->n_keys + j], sep);
        }
        putc(sep, out);
        put_value(out, s->value[i]);
        for (j = 0; j < s->n_extra; j++) {
            putc(sep, out);
            put_value(out, s->extra[j][i]);
        }
        if (s->partial)
            fprintf(out, "%c%d", sep, s->partial[i] ? 1 : 0);
        putc('\n', out);
    }
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}


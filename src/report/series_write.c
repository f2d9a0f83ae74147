/* SPDX-License-Identifier: MIT
 * series_write.c - a series (series.h) as CSV, TSV, JSON or Markdown,
 * written row by row as each row is formatted: nothing is built in
 * memory beyond one number's digits, whatever the length of the series.
 * Also the JSON string escaper (RFC 8259) and the TSV field writer. Rows
 * go through a 16 KB write buffer (ct_sink, report_internal.h).
 *
 * The JSON is byte for byte what Jansson's json_dumpf(JSON_INDENT(1) |
 * JSON_PRESERVE_ORDER) wrote for the same object when the series was
 * first built as a tree: one space of indent per level, ": " and ","
 * separators, whole numbers as integers, other numbers as Jansson prints
 * a real (%.17g, with ".0" added when neither a point nor an exponent is
 * there, no "+" or leading zeros in the exponent).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

/* --------------------------------------------------------- one field --- */

static void sink_tsv_field(ct_sink *k, const char *s)
{
    if (s == NULL)
        s = "";
    if (strpbrk(s, "\t\r\n") == NULL) {
        ct_sink_s(k, s);
        return;
    }
    for (; *s; s++)
        ct_sink_c(k, *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s);
}

int ct_report_tsv_field(FILE *out, const char *s)
{
    return ct_sink_write(out, sink_tsv_field, s);
}

/* The UTF-8 sequence at p: its length (1-4) when valid, else minus the
 * length of its maximal ill-formed prefix (Unicode 15, section 3.9,
 * "U+FFFD Substitution of Maximal Subparts", as Python's and ICU's
 * decoders do: one replacement character per such prefix). */
static int utf8_len(const unsigned char *p)
{
    unsigned c = p[0], lo = 0x80, hi = 0xbf;
    int n, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4;
    else
        return -1;
    if (c == 0xe0)
        lo = 0xa0; /* no overlong forms */
    else if (c == 0xed)
        hi = 0x9f; /* no surrogates */
    else if (c == 0xf0)
        lo = 0x90;
    else if (c == 0xf4)
        hi = 0x8f; /* nothing above U+10FFFF */
    for (i = 1; i < n; i++) {
        if (p[i] < lo || p[i] > hi)
            return -i;
        lo = 0x80;
        hi = 0xbf;
    }
    return n;
}

static void sink_json_string(ct_sink *k, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *run = p;

    ct_sink_c(k, '"');
    while (*p) {
        int n = utf8_len(p);
        const char *esc = NULL;
        char u[8];

        if (n > 1 || (n == 1 && *p >= 0x20 && *p != '"' && *p != '\\')) {
            p += n;
            continue;
        }
        ct_sink_put(k, (const char *)run, (size_t)(p - run));
        switch (n < 0 ? 0 : *p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (n < 0) /* not UTF-8: one replacement character */
                esc = "\\uFFFD";
            else {
                snprintf(u, sizeof u, "\\u%04X", *p);
                esc = u;
            }
        }
        ct_sink_s(k, esc);
        p += n < 0 ? -n : 1;
        run = p;
    }
    ct_sink_put(k, (const char *)run, (size_t)(p - run));
    ct_sink_c(k, '"');
}

int ct_report_json_string(FILE *out, const char *s)
{
    return ct_sink_write(out, sink_json_string, s);
}

/* ------------------------------------------------------------ numbers --- */

/* Whole numbers of magnitude below `limit` in full ("%.0f" as an
 * integer, without printf); the caller has checked v == floor(v). */
static void put_whole(ct_sink *out, double v)
{
    char b[24], *e = b + sizeof b, *q = e;
    int neg = v < 0;
    uint64_t u = (uint64_t)(neg ? -v : v);

    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--q = '-';
    ct_sink_put(out, q, (size_t)(e - q));
}

/* CSV, TSV and Markdown: NA, whole numbers in full, others with
 * `precision` significant digits. */
static void put_value(ct_sink *out, double v, int precision)
{
    if (isnan(v))
        ct_sink_s(out, "NA");
    else if (v == floor(v) && fabs(v) < 1e15) {
        if (v == 0 && signbit(v))
            ct_sink_s(out, "-0"); /* what "%.0f" writes */
        else
            put_whole(out, v);
    } else {
        char b[48];
        int len = snprintf(b, sizeof b, "%.*g", precision, v);
        if (len > 0 && (size_t)len < sizeof b)
            ct_sink_put(out, b, (size_t)len);
    }
}

/* JSON: null, whole numbers as integers, others as Jansson writes a
 * real with that precision. */
static void put_json_value(ct_sink *out, double v, int precision)
{
    char b[48], *e;
    int len;

    if (!isfinite(v)) {
        ct_sink_s(out, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 9e15) {
        put_whole(out, v == 0 ? 0.0 : v);
        return;
    }
    len = snprintf(b, sizeof b, "%.*g", precision, v);
    if (len < 0 || (size_t)len >= sizeof b - 3) {
        ct_sink_s(out, "null");
        return;
    }
    if (strchr(b, '.') == NULL && strchr(b, 'e') == NULL) {
        memcpy(b + len, ".0", 3);
        len += 2;
    }
    if ((e = strchr(b, 'e')) != NULL) { /* e+05 -> e5, e-05 -> e-5 */
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, strlen(end) + 1);
            len -= (int)(end - start);
        }
    }
    ct_sink_put(out, b, (size_t)len);
}

/* ------------------------------------------------------------ columns --- */

static size_t n_values(const ct_series *s)
{
    return s->n_extra + 1;
}

static double value_at(const ct_series *s, size_t j, size_t i)
{
    return j == 0 ? s->value[i] : s->extra[j - 1][i];
}

static const char *value_name(const ct_series *s, size_t j)
{
    return s->n_extra == 0 ? "value" : ct_series_measure_name(s->measures[j]);
}

/* The period of row i (ct_report_period), formatted again only when it
 * differs from the last row's: rows come sorted by period. */
typedef struct period_cache {
    int year, month;
    size_t len;
    char b[32];
} period_cache;

static void put_period(ct_sink *out, period_cache *pc, const ct_series *s,
                       size_t i)
{
    int month = s->by_month ? s->month[i] : 0;

    if (pc->len == 0 || pc->year != s->year[i] || pc->month != month) {
        int len = ct_report_period(pc->b, sizeof pc->b, s->year[i], month);
        pc->len = len < 0 ? 0
                  : (size_t)len < sizeof pc->b ? (size_t)len
                                               : sizeof pc->b - 1;
        pc->year = s->year[i];
        pc->month = month;
    }
    ct_sink_put(out, pc->b, pc->len);
}

/* ------------------------------------------------------ CSV and TSV --- */

static void delim_text(ct_sink *out, const char *s, char sep)
{
    if (sep == '\t')
        sink_tsv_field(out, s);
    else
        ct_sink_csv_field(out, s);
}

static void write_delim(ct_sink *out, const ct_series *s, char sep,
                        int precision)
{
    period_cache pc = {0, 0, 0, {0}};
    size_t i, j;

    ct_sink_s(out, "period");
    for (j = 0; j < s->n_keys; j++) {
        ct_sink_c(out, sep);
        delim_text(out, ct_series_key_label(s, j), sep);
    }
    for (j = 0; j < n_values(s); j++) {
        ct_sink_c(out, sep);
        ct_sink_s(out, value_name(s, j));
    }
    if (s->partial) {
        ct_sink_c(out, sep);
        ct_sink_s(out, "partial");
    }
    ct_sink_c(out, '\n');
    for (i = 0; i < s->n && !ferror(out->out); i++) {
        put_period(out, &pc, s, i);
        for (j = 0; j < s->n_keys; j++) {
            ct_sink_c(out, sep);
            delim_text(out, s->key[i * s->n_keys + j], sep);
        }
        for (j = 0; j < n_values(s); j++) {
            ct_sink_c(out, sep);
            put_value(out, value_at(s, j, i), precision);
        }
        if (s->partial) {
            ct_sink_c(out, sep);
            ct_sink_c(out, s->partial[i] ? '1' : '0');
        }
        ct_sink_c(out, '\n');
    }
}

/* --------------------------------------------------------------- JSON --- */

static void json_member(ct_sink *out, const char *indent, const char *name)
{
    ct_sink_s(out, indent);
    sink_json_string(out, name);
    ct_sink_s(out, ": ");
}

/* The members before "rows" (and the newline-less "rows": key). */
static void json_head(ct_sink *out, const ct_series *s)
{
    size_t j;

    ct_sink_s(out, "{\n");
    json_member(out, " ", "dataset");
    sink_json_string(out, ct_obs_dataset_name(s->dataset));
    ct_sink_s(out, ",\n");
    json_member(out, " ", "measure");
    sink_json_string(out, ct_series_measure_name(s->measures[0]));
    ct_sink_s(out, ",\n");
    json_member(out, " ", "by");
    ct_sink_s(out, s->by_month ? "\"month\",\n" : "\"year\",\n");
    json_member(out, " ", "keys");
    if (s->n_keys == 0)
        ct_sink_s(out, "[],\n");
    else {
        ct_sink_s(out, "[\n");
        for (j = 0; j < s->n_keys; j++) {
            ct_sink_s(out, "  ");
            sink_json_string(out, ct_series_key_label(s, j));
            ct_sink_s(out, j + 1 < s->n_keys ? ",\n" : "\n");
        }
        ct_sink_s(out, " ],\n");
    }
}

static void write_json(ct_sink *out, const ct_series *s, int precision)
{
    period_cache pc = {0, 0, 0, {0}};
    size_t i, j;

    json_head(out, s);
    json_member(out, " ", "rows");
    if (s->n == 0) {
        ct_sink_s(out, "[]\n}\n");
        return;
    }
    ct_sink_s(out, "[\n");
    for (i = 0; i < s->n && !ferror(out->out); i++) {
        ct_sink_s(out, "  {\n   \"period\": \"");
        put_period(out, &pc, s, i);
        ct_sink_c(out, '"');
        for (j = 0; j < s->n_keys; j++) {
            ct_sink_s(out, ",\n");
            json_member(out, "   ", ct_series_key_label(s, j));
            sink_json_string(out, s->key[i * s->n_keys + j]);
        }
        for (j = 0; j < n_values(s); j++) {
            ct_sink_s(out, ",\n");
            json_member(out, "   ", value_name(s, j));
            put_json_value(out, value_at(s, j, i), precision);
        }
        if (s->partial && s->partial[i])
            ct_sink_s(out, ",\n   \"partial\": true");
        ct_sink_s(out, i + 1 < s->n ? "\n  },\n" : "\n  }\n");
    }
    ct_sink_s(out, " ]\n}\n");
}

/* ----------------------------------------------------------- Markdown --- */

static void write_markdown(ct_sink *out, const ct_series *s, int precision)
{
    period_cache pc = {0, 0, 0, {0}};
    size_t i, j;

    ct_sink_s(out, "| period |");
    for (j = 0; j < s->n_keys; j++) {
        ct_sink_c(out, ' ');
        ct_sink_md_text(out, ct_series_key_label(s, j), 0);
        ct_sink_s(out, " |");
    }
    for (j = 0; j < n_values(s); j++) {
        ct_sink_c(out, ' ');
        ct_sink_md_text(out, value_name(s, j), 0);
        ct_sink_s(out, " |");
    }
    if (s->partial)
        ct_sink_s(out, " partial |");
    ct_sink_s(out, "\n|---|");
    for (j = 0; j < s->n_keys; j++)
        ct_sink_s(out, "---|");
    for (j = 0; j < n_values(s); j++)
        ct_sink_s(out, "---:|");
    if (s->partial)
        ct_sink_s(out, "---|");
    ct_sink_c(out, '\n');
    for (i = 0; i < s->n && !ferror(out->out); i++) {
        ct_sink_s(out, "| ");
        put_period(out, &pc, s, i);
        ct_sink_s(out, " |");
        for (j = 0; j < s->n_keys; j++) {
            ct_sink_c(out, ' ');
            ct_sink_md_text(out, s->key[i * s->n_keys + j], 0);
            ct_sink_s(out, " |");
        }
        for (j = 0; j < n_values(s); j++) {
            ct_sink_c(out, ' ');
            put_value(out, value_at(s, j, i), precision);
            ct_sink_s(out, " |");
        }
        if (s->partial)
            ct_sink_s(out, s->partial[i] ? " yes |" : " no |");
        ct_sink_c(out, '\n');
    }
}

/* --------------------------------------------------------------- wide ---
 * One row per period, one column per group and measure, named as R's
 * tidyr::pivot_wider names them (names_sep "_"): the group's key values
 * joined by "_", prefixed by the measure's name and "_" when there are
 * several measures (or `partial`, which becomes one more measure, 0/1).
 * Streamed: a built series is sorted by period then group and holds every
 * group in every period, so the groups of the first period are the
 * columns; a series that is not such a grid is refused (CT_EDOMAIN). */

static int same_period(const ct_series *s, size_t a, size_t b)
{
    return s->year[a] == s->year[b] &&
           (!s->by_month || s->month[a] == s->month[b]);
}

static int same_group(const ct_series *s, size_t a, size_t b)
{
    size_t j;
    for (j = 0; j < s->n_keys; j++) {
        const char *x = s->key[a * s->n_keys + j];
        const char *y = s->key[b * s->n_keys + j];
        if (x != y && strcmp(x, y) != 0)
            return 0;
    }
    return 1;
}

/* Groups per period, or 0 when s is not a period x group grid. */
static size_t grid_groups(const ct_series *s)
{
    size_t g = 1, i;

    if (s->n == 0)
        return 0;
    while (g < s->n && same_period(s, g, 0))
        g++;
    if (s->n % g != 0)
        return 0;
    for (i = g; i < s->n; i++)
        if (!same_group(s, i, i % g) ||
            same_period(s, i, i - 1) != (i % g != 0))
            return 0;
    return g;
}

typedef struct wide_cols {
    size_t groups, measures; /* measures: values, plus partial          */
    int prefix;              /* names start with the measure's name     */
} wide_cols;

/* Name of column c (c < groups x measures) in a malloc'd buffer *b of
 * *cap bytes; NULL when out of memory. */
static const char *wide_name(const ct_series *s, const wide_cols *w,
                             size_t c, char **b, size_t *cap)
{
    size_t g = c / w->measures, m = c % w->measures, need = 32, j, len;
    const char *mname = m < n_values(s) ? value_name(s, m) : "partial";

    for (j = 0; j < s->n_keys; j++)
        need += strlen(s->key[g * s->n_keys + j]) + 1;
    need += strlen(mname);
    if (need > *cap) {
        char *nb = realloc(*b, need);
        if (nb == NULL)
            return NULL;
        *b = nb;
        *cap = need;
    }
    len = 0;
    if (w->prefix || s->n_keys == 0)
        len += (size_t)sprintf(*b + len, "%s%s", mname,
                               s->n_keys ? "_" : "");
    for (j = 0; j < s->n_keys; j++)
        len += (size_t)sprintf(*b + len, "%s%s", j ? "_" : "",
                               s->key[g * s->n_keys + j]);
    (*b)[len] = '\0';
    return *b;
}

/* The cell of column c in the row of the period starting at row r0. */
static void wide_cell(ct_sink *out, const ct_series *s, const wide_cols *w,
                      size_t r0, size_t c, ct_report_format f, int prec)
{
    size_t i = r0 + c / w->measures, m = c % w->measures;

    if (m >= n_values(s)) {
        int p = s->partial[i] != 0;
        ct_sink_s(out, f == CT_REPORT_FORMAT_JSON ? (p ? "true" : "false")
                       : f == CT_REPORT_FORMAT_MARKDOWN ? (p ? "yes" : "no")
                                                        : (p ? "1" : "0"));
    } else if (f == CT_REPORT_FORMAT_JSON) {
        put_json_value(out, value_at(s, m, i), prec);
    } else {
        put_value(out, value_at(s, m, i), prec);
    }
}

static int write_wide(ct_sink *out, const ct_series *s, ct_report_format f,
                      int prec)
{
    wide_cols w;
    period_cache pc = {0, 0, 0, {0}};
    size_t c, n_cols, r0;
    char *b = NULL, sep = f == CT_REPORT_FORMAT_TSV ? '\t' : ',';
    size_t cap = 0;
    int md = f == CT_REPORT_FORMAT_MARKDOWN, js = f == CT_REPORT_FORMAT_JSON;

    w.groups = grid_groups(s);
    if (s->n > 0 && w.groups == 0)
        return CT_EDOMAIN;
    w.measures = n_values(s) + (s->partial != NULL);
    w.prefix = w.measures > 1;
    n_cols = w.groups * w.measures;
    /* header */
    if (js) {
        json_head(out, s);
        json_member(out, " ", "layout");
        ct_sink_s(out, "\"wide\",\n");
        json_member(out, " ", "columns");
        ct_sink_s(out, "[\n  \"period\"");
    } else {
        ct_sink_s(out, md ? "| period |" : "period");
    }
    for (c = 0; c < n_cols; c++) {
        const char *name = wide_name(s, &w, c, &b, &cap);
        if (name == NULL) {
            free(b);
            return CT_ENOMEM;
        }
        if (js) {
            ct_sink_s(out, ",\n  ");
            sink_json_string(out, name);
        } else if (md) {
            ct_sink_c(out, ' ');
            ct_sink_md_text(out, name, 0);
            ct_sink_s(out, " |");
        } else {
            ct_sink_c(out, sep);
            if (sep == '\t')
                sink_tsv_field(out, name);
            else
                ct_sink_csv_field(out, name);
        }
    }
    if (js) {
        ct_sink_s(out, "\n ],\n");
        json_member(out, " ", "rows");
        ct_sink_s(out, s->n ? "[\n" : "[]\n}\n");
    } else if (md) {
        ct_sink_s(out, "\n|---|");
        for (c = 0; c < n_cols; c++)
            ct_sink_s(out, c % w.measures < n_values(s) ? "---:|" : "---|");
        ct_sink_c(out, '\n');
    } else {
        ct_sink_c(out, '\n');
    }
    /* one row per period */
    for (r0 = 0; r0 < s->n && !ferror(out->out); r0 += w.groups) {
        if (js) {
            ct_sink_s(out, "  {\n   \"period\": \"");
            put_period(out, &pc, s, r0);
            ct_sink_c(out, '"');
        } else {
            if (md)
                ct_sink_s(out, "| ");
            put_period(out, &pc, s, r0);
            if (md)
                ct_sink_s(out, " |");
        }
        for (c = 0; c < n_cols; c++) {
            if (js) {
                ct_sink_s(out, ",\n");
                json_member(out, "   ", wide_name(s, &w, c, &b, &cap));
            } else if (md) {
                ct_sink_c(out, ' ');
            } else {
                ct_sink_c(out, sep);
            }
            wide_cell(out, s, &w, r0, c, f, prec);
            if (md)
                ct_sink_s(out, " |");
        }
        if (js)
            ct_sink_s(out, r0 + w.groups < s->n ? "\n  },\n" : "\n  }\n ]\n}\n");
        else
            ct_sink_c(out, '\n');
    }
    free(b);
    return CT_OK;
}

/* ------------------------------------------------------------- driver --- */

int ct_report_format_parse(const char *name, ct_report_format *out)
{
    static const char *const NAMES[] = { "csv", "tsv", "json", "md",
                                         "markdown" };
    static const ct_report_format F[] = {
        CT_REPORT_FORMAT_CSV, CT_REPORT_FORMAT_TSV, CT_REPORT_FORMAT_JSON,
        CT_REPORT_FORMAT_MARKDOWN, CT_REPORT_FORMAT_MARKDOWN };
    size_t k;

    for (k = 0; name && k < sizeof NAMES / sizeof NAMES[0]; k++)
        if (strcmp(name, NAMES[k]) == 0) {
            *out = F[k];
            return CT_OK;
        }
    return CT_EUSAGE;
}

int ct_report_series(FILE *out, const ct_series *s,
                     const ct_report_series_options *opt, ct_error *err)
{
    ct_report_series_options o = CT_REPORT_SERIES_OPTIONS_INIT;
    ct_sink k;
    char mem[16384] = {0};
    int prec, rc = CT_OK;

    if (opt != NULL)
        o = *opt;
    if (out == NULL || s == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "no series or no stream to write");
    if (o.precision < 0 || o.precision > 17)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "precision %d is not 1-17", o.precision);
    if ((unsigned)o.format > CT_REPORT_FORMAT_MARKDOWN)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown format %d",
                            (int)o.format);
    prec = o.precision ? o.precision
                       : o.format == CT_REPORT_FORMAT_JSON ? 17 : 15;
    ct_sink_init(&k, out, mem, sizeof mem);
    if (o.wide)
        rc = write_wide(&k, s, o.format, prec);
    else if (o.format == CT_REPORT_FORMAT_JSON)
        write_json(&k, s, prec);
    else if (o.format == CT_REPORT_FORMAT_MARKDOWN)
        write_markdown(&k, s, prec);
    else
        write_delim(&k, s, o.format == CT_REPORT_FORMAT_TSV ? '\t' : ',',
                    prec);
    ct_sink_flush(&k);
    if (rc == CT_EDOMAIN)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "the wide layout needs every group in every "
                            "period, sorted by period (a series as built "
                            "from exports)");
    if (rc != CT_OK)
        return ct_error_set(err, rc, NULL, 0, "out of memory");
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

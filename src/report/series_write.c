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
    ct_sink k;

    ct_sink_init(&k, out);
    sink_tsv_field(&k, s);
    ct_sink_flush(&k);
    return ferror(out) ? CT_EIO : CT_OK;
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
    ct_sink k;

    ct_sink_init(&k, out);
    sink_json_string(&k, s);
    ct_sink_flush(&k);
    return ferror(out) ? CT_EIO : CT_OK;
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

static void write_json(ct_sink *out, const ct_series *s, int precision)
{
    period_cache pc = {0, 0, 0, {0}};
    size_t i, j;

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

int ct_report_series(FILE *out, const ct_series *s, ct_report_format format,
                     int precision, ct_error *err)
{
    ct_sink k;

    if (out == NULL || s == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "no series or no stream to write");
    if (precision < 0 || precision > 17)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "precision %d is not 1-17", precision);
    if (precision == 0)
        precision = format == CT_REPORT_FORMAT_JSON ? 17 : 15;
    ct_sink_init(&k, out);
    switch (format) {
    case CT_REPORT_FORMAT_CSV:
        write_delim(&k, s, ',', precision);
        break;
    case CT_REPORT_FORMAT_TSV:
        write_delim(&k, s, '\t', precision);
        break;
    case CT_REPORT_FORMAT_JSON:
        write_json(&k, s, precision);
        break;
    case CT_REPORT_FORMAT_MARKDOWN:
        write_markdown(&k, s, precision);
        break;
    default:
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown format %d",
                            (int)format);
    }
    ct_sink_flush(&k);
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

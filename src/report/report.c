/* SPDX-License-Identifier: MIT
 * report.c - the document model of report.h and the shared formatters
 * (escaping per format, periods, numbers).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

/* ------------------------------------------------------------ escaping --- */

void ct_sink_md_text(ct_sink *k, const char *s, int at_start)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    if (at_start) {
        /* a block may not start as a list item, heading or setext line */
        const unsigned char *d = p;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d > p && (*d == '.' || *d == ')')) {
            ct_sink_put(k, (const char *)p, (size_t)(d - p));
            ct_sink_c(k, '\\');
            p = d;
        } else if (*p == '+' || *p == '-' || *p == '=') {
            ct_sink_c(k, '\\');
        }
    }
    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            ct_sink_c(k, ' ');
            continue;
        }
        if (strchr("\\`*_[]<>|#&!~", *p) != NULL)
            ct_sink_c(k, '\\');
        ct_sink_c(k, (char)*p);
    }
}

int ct_sink_write(FILE *out, void (*put)(ct_sink *k, const char *s),
                  const char *s)
{
    ct_sink k;
    char mem[256] = {0};

    ct_sink_init(&k, out, mem, sizeof mem);
    put(&k, s);
    ct_sink_flush(&k);
    return ferror(out) ? CT_EIO : CT_OK;
}

static void md_text_start(ct_sink *k, const char *s)
{
    ct_sink_md_text(k, s, 1);
}

static void md_text_inner(ct_sink *k, const char *s)
{
    ct_sink_md_text(k, s, 0);
}

int ct_report_md_text(FILE *out, const char *s, int at_start)
{
    return ct_sink_write(out, at_start ? md_text_start : md_text_inner, s);
}

int ct_report_html_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    for (; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
                fputc(' ', out);
            else
                fputc(*p, out);
        }
    }
    return ferror(out) ? CT_EIO : CT_OK;
}

#define IS_CSV_BLANK(ch) ((ch) == ' ' || (ch) == '\t')

void ct_sink_csv_field(ct_sink *k, const char *s)
{
    size_t n;

    if (s == NULL)
        s = "";
    n = strlen(s);
    /* blanks at either end are quoted: a CSV reader (libcsv) drops them */
    if (strpbrk(s, ",\"\r\n") == NULL &&
        (n == 0 || (!IS_CSV_BLANK(s[0]) && !IS_CSV_BLANK(s[n - 1])))) {
        ct_sink_put(k, s, n);
        return;
    }
    ct_sink_c(k, '"');
    for (; *s; s++) {
        if (*s == '"')
            ct_sink_c(k, '"');
        ct_sink_c(k, *s);
    }
    ct_sink_c(k, '"');
}

int ct_report_csv_field(FILE *out, const char *s)
{
    return ct_sink_write(out, ct_sink_csv_field, s);
}

int ct_report_period(char *buf, size_t n, int year, int month)
{
    if (month <= 0)
        return snprintf(buf, n, "%04d", year);
    return snprintf(buf, n, "%04d-%02d", year, month);
}

int ct_report_number(char *buf, size_t n, double x, int precision)
{
    int len;

    if (!isfinite(x))
        return snprintf(buf, n, "NA");
    if (precision < 0)
        precision = 0;
    if (precision > 15)
        precision = 15;
    len = snprintf(buf, n, "%.*f", precision, x);
    /* "-0.0" reads as a sign the number does not have */
    if (n > 0 && buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)) {
        memmove(buf, buf + 1, strlen(buf));
        len--;
    }
    return len;
}

/* ------------------------------------------------------------ document --- */

static char *dup(ct_report *r, const char *s)
{
    char *d;
    if (s == NULL)
        return NULL;
    d = strdup(s);
    if (d == NULL)
        r->status = CT_ENOMEM;
    return d;
}

static ct_report_block *push(ct_report *r, ct_report_kind kind)
{
    ct_report_block *b;

    if (r->status != CT_OK)
        return NULL;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 32;
        ct_report_block *nb = realloc(r->block, cap * sizeof *nb);
        if (nb == NULL) {
            r->status = CT_ENOMEM;
            return NULL;
        }
        r->block = nb;
        r->cap = cap;
    }
    b = &r->block[r->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

int ct_report_alloc(ct_report **out, const char *title, ct_error *err)
{
    ct_report *r = calloc(1, sizeof *r);

    *out = NULL;
    if (r == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    r->title = dup(r, title ? title : "Report");
    if (r->status != CT_OK) {
        ct_report_free(r);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    *out = r;
    return CT_OK;
}

static void table_free(ct_report_table *t)
{
    size_t i;
    if (t == NULL)
        return;
    for (i = 0; i < t->n_cols; i++) {
        free(t->col[i].header);
        free(t->col[i].unit);
    }
    for (i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cell[i].text);
    free(t->col);
    free(t->cell);
    free(t->name);
    free(t->caption);
    free(t);
}

void ct_report_free(ct_report *r)
{
    size_t i, k;
    if (r == NULL)
        return;
    for (i = 0; i < r->n; i++) {
        ct_report_block *b = &r->block[i];
        free(b->text);
        free(b->href);
        free(b->svg);
        free(b->caption);
        for (k = 0; k < b->n_items; k++)
            free(b->items[k]);
        free(b->items);
        table_free(b->table);
    }
    free(r->block);
    free(r->title);
    free(r);
}

static int text_block(ct_report *r, ct_report_kind kind, const char *text,
                      int level)
{
    ct_report_block *b = push(r, kind);
    if (b == NULL)
        return r->status;
    b->level = level;
    b->text = dup(r, text ? text : "");
    return r->status;
}

int ct_report_heading(ct_report *r, int level, const char *text)
{
    if (level < 2)
        level = 2;
    if (level > 4)
        level = 4;
    return text_block(r, CT_REPORT_HEADING, text, level);
}

int ct_report_paragraph(ct_report *r, const char *text)
{
    return text_block(r, CT_REPORT_PARAGRAPH, text, 0);
}

int ct_report_paragraphf(ct_report *r, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (s = malloc((size_t)n + 1)) == NULL) {
        r->status = CT_ENOMEM;
        return r->status;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    n = text_block(r, CT_REPORT_PARAGRAPH, s, 0);
    free(s);
    return n;
}

int ct_report_set_precision(ct_report *r, int digits)
{
    if (digits < 0 || digits > 17)
        return CT_EUSAGE;
    r->digits = digits;
    return CT_OK;
}

int ct_report_quote(ct_report *r, const char *text)
{
    return text_block(r, CT_REPORT_QUOTE, text, 0);
}

int ct_report_pre(ct_report *r, const char *text)
{
    return text_block(r, CT_REPORT_PRE, text, 0);
}

int ct_report_list(ct_report *r, const char *const *items, size_t n)
{
    ct_report_block *b = push(r, CT_REPORT_LIST);
    size_t k;

    if (b == NULL)
        return r->status;
    b->items = calloc(n ? n : 1, sizeof *b->items);
    if (b->items == NULL)
        return r->status = CT_ENOMEM;
    for (k = 0; k < n; k++)
        b->items[b->n_items++] = dup(r, items[k] ? items[k] : "");
    return r->status;
}

int ct_report_image(ct_report *r, const char *alt, const char *href,
                    const char *svg_path, const char *caption)
{
    ct_report_block *b = push(r, CT_REPORT_IMAGE);
    if (b == NULL)
        return r->status;
    b->text = dup(r, alt ? alt : "chart");
    b->href = dup(r, href ? href : "");
    b->svg = dup(r, svg_path);
    b->caption = dup(r, caption);
    return r->status;
}

ct_report_table *ct_report_table_add(ct_report *r, const char *name,
                                     const char *caption, size_t n_cols)
{
    ct_report_block *b;
    ct_report_table *t;

    if (n_cols == 0)
        n_cols = 1;
    b = push(r, CT_REPORT_TABLE);
    if (b == NULL)
        return NULL;
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        r->status = CT_ENOMEM;
        return NULL;
    }
    b->table = t;
    t->doc = r;
    t->n_cols = n_cols;
    t->col = calloc(n_cols, sizeof *t->col);
    t->name = dup(r, name ? name : "table");
    t->caption = dup(r, caption);
    if (t->col == NULL)
        r->status = CT_ENOMEM;
    r->n_tables++;
    return r->status == CT_OK ? t : NULL;
}

int ct_report_table_column(ct_report_table *t, size_t col,
                           const char *header, const char *unit,
                           ct_report_align align)
{
    if (t == NULL || col >= t->n_cols)
        return CT_EUSAGE;
    free(t->col[col].header);
    free(t->col[col].unit);
    t->col[col].header = dup(t->doc, header ? header : "");
    t->col[col].unit = unit && *unit ? dup(t->doc, unit) : NULL;
    t->col[col].align = align;
    return t->doc->status;
}

int ct_report_table_row(ct_report_table *t)
{
    size_t k;
    if (t == NULL)
        return CT_EUSAGE;
    if (t->doc->status != CT_OK)
        return t->doc->status;
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
        ct_report_cell *nc = realloc(t->cell, cap * t->n_cols * sizeof *nc);
        if (nc == NULL)
            return t->doc->status = CT_ENOMEM;
        t->cell = nc;
        t->cap_rows = cap;
    }
    for (k = 0; k < t->n_cols; k++) {
        ct_report_cell *c = &t->cell[t->n_rows * t->n_cols + k];
        memset(c, 0, sizeof *c);
        c->kind = CT_REPORT_CELL_NA;
    }
    t->n_rows++;
    return CT_OK;
}

static ct_report_cell *last_cell(ct_report_table *t, size_t col)
{
    ct_report_cell *c;
    if (t == NULL || col >= t->n_cols || t->n_rows == 0 ||
        t->doc->status != CT_OK)
        return NULL;
    c = &t->cell[(t->n_rows - 1) * t->n_cols + col];
    free(c->text);
    c->text = NULL;
    return c;
}

int ct_report_table_text(ct_report_table *t, size_t col, const char *s)
{
    ct_report_cell *c = last_cell(t, col);
    if (c == NULL)
        return t ? (t->doc->status ? t->doc->status : CT_EUSAGE) : CT_EUSAGE;
    c->kind = CT_REPORT_CELL_TEXT;
    c->text = dup(t->doc, s ? s : "");
    return t->doc->status;
}

int ct_report_table_number(ct_report_table *t, size_t col, double x,
                           int precision)
{
    ct_report_cell *c = last_cell(t, col);
    if (c == NULL)
        return t ? (t->doc->status ? t->doc->status : CT_EUSAGE) : CT_EUSAGE;
    c->kind = isfinite(x) ? CT_REPORT_CELL_NUMBER : CT_REPORT_CELL_NA;
    c->number = x;
    c->precision = precision;
    return CT_OK;
}

size_t ct_report_table_count(const ct_report *r)
{
    return r->n_tables;
}

const ct_report_table *ct_report_table_at(const ct_report *r, size_t i)
{
    size_t k, seen = 0;
    for (k = 0; k < r->n; k++)
        if (r->block[k].kind == CT_REPORT_TABLE && seen++ == i)
            return r->block[k].table;
    return NULL;
}

const char *ct_report_table_name(const ct_report_table *t)
{
    return t->name;
}

size_t ct_report_table_rows(const ct_report_table *t)
{
    return t->n_rows;
}

/* SPDX-License-Identifier: MIT
 * report_write.c - Markdown, HTML and CSV writers of the document model
 * (report.h). Every text goes through the one escaping function of its
 * format; numbers through ct_report_number.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <nettle/base64.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

/* A number cell (NA for the others): with digits 0 its own decimals,
 * else whole numbers in full and the others with digits significant
 * digits (ct_report_set_precision). */
static void cell_text(char *buf, size_t n, const ct_report_cell *c,
                      int digits)
{
    if (c->kind != CT_REPORT_CELL_NUMBER)
        snprintf(buf, n, "NA");
    else if (digits == 0)
        ct_report_number(buf, n, c->number, c->precision);
    else if (!isfinite(c->number) ||
             (c->number == floor(c->number) && fabs(c->number) < 1e15))
        ct_report_number(buf, n, c->number, 0);
    else
        snprintf(buf, n, "%.*g", digits, c->number);
}

/* ------------------------------------------------------------ Markdown --- */

/* Link destination in angle brackets: < > \ and control characters and
 * spaces percent-encoded. */
static void md_href(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('<', out);
    for (; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '\\' ||
            *p == '%')
            fprintf(out, "%%%02X", *p);
        else
            fputc(*p, out);
    }
    fputc('>', out);
}

static void md_header(FILE *out, const ct_report_column *c)
{
    ct_report_md_text(out, c->header, 0);
    if (c->unit) {
        fputs(" (", out);
        ct_report_md_text(out, c->unit, 0);
        fputc(')', out);
    }
}

static void md_table(FILE *out, const ct_report_table *t)
{
    size_t i, k;
    char num[64];

    if (t->caption) {
        fputs("**", out);
        ct_report_md_text(out, t->caption, 0);
        fputs("**\n\n", out);
    }
    fputc('|', out);
    for (k = 0; k < t->n_cols; k++) {
        fputc(' ', out);
        md_header(out, &t->col[k]);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (k = 0; k < t->n_cols; k++)
        fputs(t->col[k].align == CT_REPORT_RIGHT ? "---:|" : "---|", out);
    fputc('\n', out);
    for (i = 0; i < t->n_rows; i++) {
        fputc('|', out);
        for (k = 0; k < t->n_cols; k++) {
            const ct_report_cell *c = &t->cell[i * t->n_cols + k];
            fputc(' ', out);
            if (c->kind == CT_REPORT_CELL_TEXT) {
                ct_report_md_text(out, c->text, 0);
            } else {
                cell_text(num, sizeof num, c, t->doc->digits);
                fputs(num, out);
            }
            fputs(" |", out);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void md_pre(FILE *out, const char *s)
{
    size_t run = 0, best = 0, k;
    const char *p;
    for (p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    best = best < 3 ? 3 : best + 1;
    for (k = 0; k < best; k++)
        fputc('`', out);
    fputs("text\n", out);
    fputs(s, out);
    if (*s && s[strlen(s) - 1] != '\n')
        fputc('\n', out);
    for (k = 0; k < best; k++)
        fputc('`', out);
    fputs("\n\n", out);
}

int ct_report_write_md(const ct_report *r, FILE *out, ct_error *err)
{
    size_t i, k;

    if (r->status != CT_OK)
        return ct_error_set(err, r->status, NULL, 0, "out of memory");
    fputs("# ", out);
    ct_report_md_text(out, r->title, 0);
    fputs("\n\n", out);
    for (i = 0; i < r->n; i++) {
        const ct_report_block *b = &r->block[i];
        switch (b->kind) {
        case CT_REPORT_HEADING:
            for (k = 0; k < (size_t)b->level; k++)
                fputc('#', out);
            fputc(' ', out);
            ct_report_md_text(out, b->text, 0);
            fputs("\n\n", out);
            break;
        case CT_REPORT_PARAGRAPH:
            ct_report_md_text(out, b->text, 1);
            fputs("\n\n", out);
            break;
        case CT_REPORT_QUOTE:
            fputs("> ", out);
            ct_report_md_text(out, b->text, 1);
            fputs("\n\n", out);
            break;
        case CT_REPORT_PRE:
            md_pre(out, b->text);
            break;
        case CT_REPORT_LIST:
            for (k = 0; k < b->n_items; k++) {
                fputs("- ", out);
                ct_report_md_text(out, b->items[k], 1);
                fputc('\n', out);
            }
            fputc('\n', out);
            break;
        case CT_REPORT_IMAGE:
            fputs("![", out);
            ct_report_md_text(out, b->text, 0);
            fputs("](", out);
            md_href(out, b->href);
            fputs(")\n\n", out);
            if (b->caption) {
                fputc('*', out);
                ct_report_md_text(out, b->caption, 0);
                fputs("*\n\n", out);
            }
            break;
        case CT_REPORT_TABLE:
            md_table(out, b->table);
            break;
        }
    }
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the Markdown report");
    return CT_OK;
}

/* ---------------------------------------------------------------- HTML --- */

static const char CSS[] =
    "body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"DejaVu Sans\",sans-serif;color:#1a1a1a;background:#fff;margin:0}\n"
    "main{max-width:72rem;margin:0 auto;padding:1rem}\n"
    "p,li,figcaption,blockquote,h1,h2,h3,caption{overflow-wrap:anywhere}\n"
    "h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}\n"
    "h2{font-size:1.35rem;border-bottom:1px solid #bbb;margin-top:2.2rem}\n"
    "h3{font-size:1.15rem;margin-top:1.6rem}h4{font-size:1rem}\n"
    ".scroll{overflow-x:auto;margin:1rem 0}\n"
    "table{border-collapse:collapse;font-size:.9rem;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;font-weight:600;padding:.3rem 0;"
    "caption-side:top}\n"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;"
    "vertical-align:top;text-align:left}\n"
    "th{background:#f2f2f2;border-bottom:2px solid #999;font-weight:600}\n"
    ".unit{font-weight:400;color:#555;white-space:nowrap}\n"
    "td.num,th.num{text-align:right}td.num{white-space:nowrap}\n"
    "td.na{color:#777}\n"
    "figure{margin:1.2rem 0}figure img{display:block;width:100%;"
    "height:auto;border:1px solid #eee}\n"
    "figcaption{font-size:.9rem;color:#444;margin-top:.3rem}\n"
    "blockquote{margin:1rem 0;padding:.3rem 1rem;border-left:4px solid "
    "#0072B2;background:#f4f8fb}\n"
    "pre{white-space:pre-wrap;background:#f6f6f6;padding:.8rem;"
    "font-size:.85rem;overflow-x:auto}\n"
    "@media (max-width:40rem){body{font-size:15px}main{padding:.6rem}"
    "h1{font-size:1.35rem}h2{font-size:1.2rem}"
    "th,td{padding:.2rem .35rem}}\n"
    "@media print{body{font-size:10pt}main{max-width:none;padding:0}"
    "h2,h3{break-after:avoid}figure,tr,blockquote{break-inside:avoid}"
    ".scroll{overflow:visible}}\n";

/* Reads a whole file; NULL with errno set on failure. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL, *nb;
    size_t cap = 0, len = 0, got;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? 2 * cap : 262144;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        errno = EIO;
        return NULL;
    }
    fclose(f);
    *n = len;
    return buf;
}

static int html_image(FILE *out, const ct_report_block *b, ct_error *err)
{
    fputs("<figure class=\"chart\">", out);
    if (b->svg) {
        size_t n = 0;
        unsigned char *svg = slurp(b->svg, &n);
        char *enc;
        if (svg == NULL)
            return ct_error_set(err, CT_EIO, b->svg, 0, "cannot read the chart: %s",
                                strerror(errno));
        enc = malloc(BASE64_ENCODE_RAW_LENGTH(n) + 1);
        if (enc == NULL) {
            free(svg);
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        }
        base64_encode_raw(enc, n, svg);
        enc[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
        fputs("<img alt=\"", out);
        ct_report_html_text(out, b->text);
        fputs("\" src=\"data:image/svg+xml;base64,", out);
        fputs(enc, out);
        fputs("\">", out);
        free(enc);
        free(svg);
    } else {
        fputs("<img alt=\"", out);
        ct_report_html_text(out, b->text);
        fputs("\" src=\"", out);
        ct_report_html_text(out, b->href);
        fputs("\">", out);
    }
    if (b->caption) {
        fputs("<figcaption>", out);
        ct_report_html_text(out, b->caption);
        fputs("</figcaption>", out);
    }
    fputs("</figure>\n", out);
    return CT_OK;
}

static void html_table(FILE *out, const ct_report_table *t)
{
    size_t i, k;
    char num[64];

    fputs("<div class=\"scroll\"><table>", out);
    if (t->caption) {
        fputs("<caption>", out);
        ct_report_html_text(out, t->caption);
        fputs("</caption>", out);
    }
    fputs("\n<thead><tr>", out);
    for (k = 0; k < t->n_cols; k++) {
        const ct_report_column *c = &t->col[k];
        fputs(c->align == CT_REPORT_RIGHT ? "<th scope=\"col\" class=\"num\">"
                                          : "<th scope=\"col\">", out);
        ct_report_html_text(out, c->header);
        if (c->unit) {
            fputs(" <span class=\"unit\">(", out);
            ct_report_html_text(out, c->unit);
            fputs(")</span>", out);
        }
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (i = 0; i < t->n_rows; i++) {
        fputs("<tr>", out);
        for (k = 0; k < t->n_cols; k++) {
            const ct_report_cell *c = &t->cell[i * t->n_cols + k];
            int right = t->col[k].align == CT_REPORT_RIGHT;
            if (c->kind == CT_REPORT_CELL_TEXT) {
                fputs(right ? "<td class=\"num\">" : "<td>", out);
                ct_report_html_text(out, c->text);
            } else {
                cell_text(num, sizeof num, c, t->doc->digits);
                fputs(c->kind == CT_REPORT_CELL_NA
                          ? (right ? "<td class=\"num na\">" : "<td class=\"na\">")
                          : (right ? "<td class=\"num\">" : "<td>"),
                      out);
                fputs(num, out);
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

int ct_report_write_html(const ct_report *r, FILE *out, ct_error *err)
{
    size_t i, k;
    int rc;

    if (r->status != CT_OK)
        return ct_error_set(err, r->status, NULL, 0, "out of memory");
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>", out);
    ct_report_html_text(out, r->title);
    fputs("</title>\n<style>\n", out);
    fputs(CSS, out);
    fputs("</style>\n</head>\n<body>\n<main>\n<h1>", out);
    ct_report_html_text(out, r->title);
    fputs("</h1>\n", out);
    for (i = 0; i < r->n; i++) {
        const ct_report_block *b = &r->block[i];
        switch (b->kind) {
        case CT_REPORT_HEADING:
            fprintf(out, "<h%d>", b->level);
            ct_report_html_text(out, b->text);
            fprintf(out, "</h%d>\n", b->level);
            break;
        case CT_REPORT_PARAGRAPH:
            fputs("<p>", out);
            ct_report_html_text(out, b->text);
            fputs("</p>\n", out);
            break;
        case CT_REPORT_QUOTE:
            fputs("<blockquote><p>", out);
            ct_report_html_text(out, b->text);
            fputs("</p></blockquote>\n", out);
            break;
        case CT_REPORT_PRE: {
            /* line breaks are kept in <pre>; other controls become spaces */
            const char *p = b->text, *nl;
            fputs("<pre>", out);
            while ((nl = strchr(p, '\n')) != NULL) {
                char *line = strndup(p, (size_t)(nl - p));
                if (line == NULL)
                    return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
                ct_report_html_text(out, line);
                fputc('\n', out);
                free(line);
                p = nl + 1;
            }
            ct_report_html_text(out, p);
            fputs("</pre>\n", out);
            break;
        }
        case CT_REPORT_LIST:
            fputs("<ul>\n", out);
            for (k = 0; k < b->n_items; k++) {
                fputs("<li>", out);
                ct_report_html_text(out, b->items[k]);
                fputs("</li>\n", out);
            }
            fputs("</ul>\n", out);
            break;
        case CT_REPORT_IMAGE:
            if ((rc = html_image(out, b, err)) != CT_OK)
                return rc;
            break;
        case CT_REPORT_TABLE:
            html_table(out, b->table);
            break;
        }
    }
    fputs("</main>\n</body>\n</html>\n", out);
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the HTML report");
    return CT_OK;
}

/* ----------------------------------------------------------------- CSV --- */

int ct_report_write_table_csv(const ct_report_table *t, FILE *out,
                              ct_error *err)
{
    size_t i, k;

    for (k = 0; k < t->n_cols; k++) {
        const ct_report_column *c = &t->col[k];
        if (k)
            fputc(',', out);
        if (c->unit) {
            size_t n = strlen(c->header) + strlen(c->unit) + 4;
            char *h = malloc(n);
            if (h == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            snprintf(h, n, "%s (%s)", c->header, c->unit);
            ct_report_csv_field(out, h);
            free(h);
        } else {
            ct_report_csv_field(out, c->header);
        }
    }
    fputc('\n', out);
    for (i = 0; i < t->n_rows; i++) {
        for (k = 0; k < t->n_cols; k++) {
            const ct_report_cell *c = &t->cell[i * t->n_cols + k];
            if (k)
                fputc(',', out);
            if (c->kind == CT_REPORT_CELL_TEXT)
                ct_report_csv_field(out, c->text);
            else if (c->kind == CT_REPORT_CELL_NUMBER &&
                     t->doc->digits == 0)
                fprintf(out, "%.10g", c->number);
            else if (c->kind == CT_REPORT_CELL_NUMBER) {
                char num[64];
                cell_text(num, sizeof num, c, t->doc->digits);
                fputs(num, out);
            } else
                fputs("NA", out);
        }
        fputc('\n', out);
    }
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the table '%s'",
                            t->name);
    return CT_OK;
}

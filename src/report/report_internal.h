/* SPDX-License-Identifier: MIT
 * report_internal.h - the document model behind report.h.
 */
#ifndef CT_REPORT_INTERNAL_H
#define CT_REPORT_INTERNAL_H

#include "ctrend/report.h"

typedef enum ct_report_kind {
    CT_REPORT_HEADING = 0, CT_REPORT_PARAGRAPH, CT_REPORT_QUOTE,
    CT_REPORT_PRE, CT_REPORT_LIST, CT_REPORT_IMAGE, CT_REPORT_TABLE
} ct_report_kind;

typedef struct ct_report_cell {
    ct_report_cell_kind kind;
    char *text;              /* TEXT                                      */
    double number;           /* NUMBER                                    */
    int precision;           /* digits after the point                    */
} ct_report_cell;

typedef struct ct_report_column {
    char *header, *unit;     /* unit NULL: none                           */
    ct_report_align align;
} ct_report_column;

struct ct_report_table {
    ct_report *doc;          /* owner (for the sticky status)             */
    char *name, *caption;
    size_t n_cols, n_rows, cap_rows;
    ct_report_column *col;
    ct_report_cell *cell;    /* row-major, n_rows x n_cols                */
};

typedef struct ct_report_block {
    ct_report_kind kind;
    int level;               /* headings                                  */
    char *text;              /* heading, paragraph, quote, pre; image alt */
    char *href, *svg, *caption; /* images                                 */
    char **items;            /* lists                                     */
    size_t n_items;
    ct_report_table *table;  /* tables                                    */
} ct_report_block;

struct ct_report {
    char *title;
    ct_report_block *block;
    size_t n, cap, n_tables;
    int status;              /* CT_OK, or the first error while building  */
    int digits;              /* ct_report_set_precision (0: the cells')  */
};

/* ------------------------------------------------------------- sink ---
 * A write buffer in front of a FILE *: the streamed writers format many
 * small pieces per row, and one memcpy each is much cheaper than one
 * stdio call each. The escapers of report.h write through it (their
 * FILE * forms wrap a sink). Call ct_sink_flush before touching out. */
#include <string.h>

typedef struct ct_sink {
    FILE *out;
    size_t n, cap;
    char *buf;               /* the caller's storage of cap bytes         */
} ct_sink;

static inline void ct_sink_init(ct_sink *k, FILE *out, char *buf,
                                size_t cap)
{
    k->out = out;
    k->n = 0;
    k->cap = cap;
    k->buf = buf;
}

static inline void ct_sink_flush(ct_sink *k)
{
    if (k->n)
        fwrite(k->buf, 1, k->n, k->out);
    k->n = 0;
}

static inline void ct_sink_put(ct_sink *k, const char *s, size_t len)
{
    if (len > k->cap - k->n) {
        ct_sink_flush(k);
        if (len > k->cap) {
            fwrite(s, 1, len, k->out);
            return;
        }
    }
    memcpy(k->buf + k->n, s, len);
    k->n += len;
}

static inline void ct_sink_c(ct_sink *k, char c)
{
    if (k->n == k->cap)
        ct_sink_flush(k);
    k->buf[k->n++] = c;
}

static inline void ct_sink_s(ct_sink *k, const char *s)
{
    ct_sink_put(k, s, strlen(s));
}

/* The escapers of report.h on a sink. */
void ct_sink_md_text(ct_sink *k, const char *s, int at_start);
void ct_sink_csv_field(ct_sink *k, const char *s);

/* put(k, s) through a 256-byte sink on out, flushed: the FILE * forms of
 * the escapers. CT_EIO when out has its error flag set. */
int ct_sink_write(FILE *out, void (*put)(ct_sink *k, const char *s),
                  const char *s);

#endif /* CT_REPORT_INTERNAL_H */

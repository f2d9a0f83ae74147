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
};

#endif /* CT_REPORT_INTERNAL_H */

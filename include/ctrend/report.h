/* SPDX-License-Identifier: MIT
 * report.h - the report module: one document model (title, headings,
 * paragraphs, block quotes, lists, preformatted text, tables with typed
 * cells, images of charts) and its writers, Markdown (CommonMark with
 * pipe tables) and one self-contained HTML file, plus the per-format
 * escaping functions and the period formatter the whole project shares.
 *
 * A document is built by appending blocks in reading order; every text
 * is plain text (never markup): the writers escape it for their format
 * with ct_report_md_text, ct_report_html_text and ct_report_csv_field,
 * so a name holding `<script>`, `|`, backticks or line breaks prints as
 * that text. Writers take a FILE * and format only.
 *
 * Errors while building (out of memory) are sticky: the append calls
 * return CT_ENOMEM and every later write fails with it, so a caller may
 * check once, at the write. Strings given are copied. The library reads
 * the SVG files of images when writing HTML; it never prints or exits.
 *
 * Dependency order: report uses core only (nettle for base64).
 */
#ifndef CT_REPORT_H
#define CT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/fit.h"
#include "ctrend/load.h"

/* ------------------------------------------------------------ escaping --- */

/* Writes s as Markdown text that renders as exactly s: ASCII punctuation
 * with a meaning in CommonMark (\ ` * _ [ ] < > | # & ! ~ and, at the
 * start of a block, + - = and a digit run followed by . or )) gets a
 * backslash; line breaks and other control characters become spaces (a
 * line break would end a table row). at_start: s begins a block. Returns
 * CT_OK or CT_EIO. */
int ct_report_md_text(FILE *out, const char *s, int at_start);

/* Writes s as HTML text (element content or a quoted attribute value):
 * & < > " ' become character references; control characters other than
 * tab become spaces. CT_OK or CT_EIO. */
int ct_report_html_text(FILE *out, const char *s);

/* Writes s as one CSV field (RFC 4180), the one CSV quoting of the
 * project (series, fit, claims and report tables): in double quotes, with
 * every quote doubled, when it holds a comma, quote, CR or LF or begins or
 * ends with a space or tab; else as is (an empty field stays empty). NULL is
 * empty. CT_OK or CT_EIO. */
int ct_report_csv_field(FILE *out, const char *s);

/* Formats a period, the one period formatter of the writers: "YYYY" when
 * month is 0, else "YYYY-MM". Returns the length (like snprintf). */
int ct_report_period(char *buf, size_t n, int year, int month);

/* Formats x with `precision` digits after the point ("NA" when x is not
 * finite; no "-0"). Returns the length (like snprintf). */
int ct_report_number(char *buf, size_t n, double x, int precision);

/* ------------------------------------------------------------ document --- */

typedef struct ct_report ct_report;
typedef struct ct_report_table ct_report_table;

typedef enum ct_report_align {
    CT_REPORT_LEFT = 0,  /* text                                          */
    CT_REPORT_RIGHT      /* numbers                                       */
} ct_report_align;

typedef enum ct_report_cell_kind {
    CT_REPORT_CELL_TEXT = 0,
    CT_REPORT_CELL_NUMBER,   /* a double shown with the cell's precision  */
    CT_REPORT_CELL_NA        /* missing: "NA"                             */
} ct_report_cell_kind;

/* A document with a title (shown as its first heading). */
int ct_report_alloc(ct_report **out, const char *title, ct_error *err);
void ct_report_free(ct_report *r);

/* Headings of level 2 (sections) to 4. */
int ct_report_heading(ct_report *r, int level, const char *text);
int ct_report_paragraph(ct_report *r, const char *text);
/* printf-style paragraph (the formatted text is plain text too). */
int ct_report_paragraphf(ct_report *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A quotation (the source's words). */
int ct_report_quote(ct_report *r, const char *text);
/* Preformatted text (kept line by line, monospace). */
int ct_report_pre(ct_report *r, const char *text);
/* A bulleted list of n items. */
int ct_report_list(ct_report *r, const char *const *items, size_t n);
/* A chart: alt text, the image the Markdown links to (e.g. a PNG, path
 * relative to the report), the SVG file the HTML inlines (read when
 * writing; NULL: the HTML links to `href` instead) and a caption. */
int ct_report_image(ct_report *r, const char *alt, const char *href,
                    const char *svg_path, const char *caption);

/* A table of n_cols columns; name is its file stem (tables/NAME.csv),
 * caption says what it shows. NULL on failure (the document records
 * CT_ENOMEM). The table belongs to the document. */
ct_report_table *ct_report_table_add(ct_report *r, const char *name,
                                     const char *caption, size_t n_cols);
/* Column col: header, unit (NULL or "" for none; shown in the header as
 * "header (unit)") and alignment. */
int ct_report_table_column(ct_report_table *t, size_t col,
                           const char *header, const char *unit,
                           ct_report_align align);
/* Starts a row; its cells are NA until set. */
int ct_report_table_row(ct_report_table *t);
/* Cells of the last row. number: NaN or infinity is NA. */
int ct_report_table_text(ct_report_table *t, size_t col, const char *s);
int ct_report_table_number(ct_report_table *t, size_t col, double x,
                           int precision);

/* Significant digits (1-17) of the numbers of every table, in every
 * writer (Markdown, HTML and CSV); whole numbers are written in full. 0,
 * the default: Markdown and HTML show each cell's own decimals, CSV 10
 * significant digits. CT_OK, or CT_EUSAGE beyond 0-17 (nothing changed). */
int ct_report_set_precision(ct_report *r, int digits);

/* Tables of the document, in order. */
size_t ct_report_table_count(const ct_report *r);
const ct_report_table *ct_report_table_at(const ct_report *r, size_t i);
const char *ct_report_table_name(const ct_report_table *t);
size_t ct_report_table_rows(const ct_report_table *t);

/* ------------------------------------------------------------- writers --- */

/* CommonMark with pipe tables (GitHub Flavored Markdown): tables right-
 * align number columns; images link to href. */
int ct_report_write_md(const ct_report *r, FILE *out, ct_error *err);

/* One self-contained HTML5 file: inline CSS (phone and print), charts
 * inline as SVG images (data: URIs, so that the charts' element ids do not
 * collide), no script, and a Content-Security-Policy that forbids any
 * request (default-src 'none'). CT_EIO names an SVG that cannot be read. */
int ct_report_write_html(const ct_report *r, FILE *out, ct_error *err);

/* A table as CSV: one header row "header (unit)", numbers with up to 10
 * significant digits, NA for missing. */
int ct_report_write_table_csv(const ct_report_table *t, FILE *out,
                              ct_error *err);

/* ------------------------------------------------------------------------
 * Fit results (ct_fit_set, fit.h): text, CSV, JSON, Markdown.
 *
 * Every writer takes the stream to write to and the significant digits of
 * numbers (precision, 1-17); it writes nothing but to out. CSV: one row
 * per fit (per window for scan), nested values flattened (an interval
 * [a, b] -> NAME_lo, NAME_hi; the breakpoints and segments ->
 * breakpoint1_..., slope1_...; the parameters -> their names; notes joined
 * by "; "). JSON: {"command": "fit", "fits": [...]}. Markdown: one table
 * per model (group, window, n, the main estimate with its interval, p,
 * notes).
 */
int ct_report_fit_text(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err);
int ct_report_fit_csv(FILE *out, const ct_fit_set *set, int precision,
                      ct_error *err);
int ct_report_fit_json(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err);
int ct_report_fit_markdown(FILE *out, const ct_fit_set *set, int precision,
                           ct_error *err);

/* ------------------------------------------------------------------------
 * Series (series.h) in every table format, streamed: each row is written
 * as it is formatted, so memory beyond the series is a few hundred bytes
 * whatever its length and format (no document tree).
 *
 * Long form: one row per period and group, columns period, the group keys,
 * one column per measure ("value" when there is one), and `partial` when
 * some row is covered only in part. CSV: RFC 4180 (ct_report_csv_field);
 * TSV: tabs and line breaks in text become spaces; JSON: {"dataset",
 * "measure", "by", "keys": [...], "rows": [{"period", keys..., measures...,
 * "partial": true only where partial}]}, indented by one space, NA as
 * null; Markdown: one pipe table, measures right-aligned, partial yes/no.
 * Whole numbers (below 1e15) are written in full; other numbers with
 * `precision` significant digits (1-17; 0: 15, or 17 for JSON). Wide
 * form: see ct_report_series_options.
 */
#include "ctrend/series.h"

typedef enum ct_report_format {
    CT_REPORT_FORMAT_CSV = 0,
    CT_REPORT_FORMAT_TSV,
    CT_REPORT_FORMAT_JSON,
    CT_REPORT_FORMAT_MARKDOWN
} ct_report_format;

/* "csv", "tsv", "json", "md" or "markdown": CT_OK, else CT_EUSAGE. */
int ct_report_format_parse(const char *name, ct_report_format *out);

typedef struct ct_report_series_options {
    ct_report_format format; /* CSV by default                          */
    int wide;         /* 0: long (one row per period and group); 1: wide:
                         one row per period, one column per group and
                         measure, named as R's tidyr::pivot_wider does
                         (key values joined by "_", prefixed by the
                         measure and "_" when there are several; partial
                         is one more measure). Needs every group in every
                         period, sorted (a built series): else CT_EDOMAIN.
                         JSON adds "layout": "wide" and "columns".      */
    int precision;    /* significant digits of numbers that are not whole
                         (1-17); 0: 15, JSON 17                         */
} ct_report_series_options;

#define CT_REPORT_SERIES_OPTIONS_INIT                                        \
    { .format = CT_REPORT_FORMAT_CSV, .wide = 0, .precision = 0 }

/* Writes s to out as opt says (NULL: the defaults). Memory beyond the
 * series: a 16 KB buffer and, for wide, one column name. CT_OK, or
 * CT_EUSAGE, CT_EDOMAIN (wide), CT_ENOMEM, CT_EIO. */
int ct_report_series(FILE *out, const ct_series *s,
                     const ct_report_series_options *opt, ct_error *err);

/* Writes s as one JSON string (RFC 8259), quotes included: " \ and
 * control characters escaped (\b \f \n \r \t, else \u00XX), UTF-8 kept
 * as is, a byte that is not valid UTF-8 as \uFFFD. CT_OK or CT_EIO. */
int ct_report_json_string(FILE *out, const char *s);

/* Writes s as one TSV field: tab, CR and LF become spaces (TSV has no
 * quoting). CT_OK or CT_EIO. */
int ct_report_tsv_field(FILE *out, const char *s);
/* -------------------------------------------------- end of series block */

/* ------------------------------------------------------------------------
 * Inspection (`ctrend inspect`): what loading each file found
 * (ct_load_info, load.h), as text, CSV, JSON or Markdown. Each writer
 * takes n files in order and writes nothing but to out; CT_EIO on a write
 * error.
 *
 * Text: the lines `ctrend inspect` prints, a blank line between files.
 * JSON: {"command": "inspect", "files": [FILE...]}, each FILE (absent
 * values are null; keys always present, in this order):
 *   file            the name as given
 *   error           null, or {"line": L or null, "message": TEXT}
 *   (the keys below are left out when the load failed before it knew
 *   the dataset)
 *   dataset, dataset_title, layout, version, unit   as ct_obs_*_name
 *   delimiter       ",", ";" or a tab
 *   rows            data records read
 *   year_min, year_max        years seen
 *   span            {first_date, last_date ("YYYY-MM-DD": the first and
 *                   last event date), partial_first_year,
 *                   partial_last_year (a year the span covers only in
 *                   part), partial_first_month, partial_last_month
 *                   ("YYYY-MM")}; one partial year (month) at both ends
 *                   when the span lies within it
 *   date_order      {order ("day-first", "month-first"), decided_by
 *                   ("option", "proof", "default"; null: no ambiguous
 *                   slash date), line and value (the date that proved
 *                   it), ambiguous_dates}
 *   rows_per_class  {CLASS: rows} for every class (ct_obs_class_name)
 *   problems        {bad_records {count, first}, duplicates {count,
 *                   first_line, first_repeats_line}, missing_deaths
 *                   {count, first_line}, year_mismatch {count,
 *                   first_line, first}, bad_estimates {count,
 *                   first_line, first}, unresolved {count, first},
 *                   transcoded {count}}; first: the text the text
 *                   format quotes
 *   note            a caveat about the dataset, or null
 * CSV: one row per file, the JSON's fields flattened (span_, date_order_
 * and rows_CLASS columns; header names in inspect_write.c), NA for null
 * numbers and missing texts. Markdown: a heading per file, a field/value
 * table and the problems as a list.
 */
typedef struct ct_report_inspect_file {
    const char *name;          /* the file as given                       */
    const char *shown;         /* the name the text shows (NULL: name)    */
    const ct_load_info *info;  /* what the load found                     */
    const ct_error *error;     /* the load's error, NULL: it succeeded    */
    const char *error_text;    /* text's "error:" line (NULL: the message) */
} ct_report_inspect_file;

int ct_report_inspect_text(FILE *out, const ct_report_inspect_file *files,
                           size_t n, ct_error *err);
int ct_report_inspect_csv(FILE *out, const ct_report_inspect_file *files,
                          size_t n, ct_error *err);
int ct_report_inspect_json(FILE *out, const ct_report_inspect_file *files,
                           size_t n, ct_error *err);
int ct_report_inspect_markdown(FILE *out,
                               const ct_report_inspect_file *files,
                               size_t n, ct_error *err);


#endif /* CT_REPORT_H */

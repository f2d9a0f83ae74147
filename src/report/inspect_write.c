/* SPDX-License-Identifier: MIT
 * inspect_write.c - the text, CSV, JSON and Markdown writers of what
 * `ctrend inspect` found in files (report.h, "Inspection"). Every format
 * is made from the same sentences and numbers: the text and Markdown
 * show the sentences, the CSV and JSON the fields behind them (report.h
 * lists them). Jansson stays inside this module.
 */
#include "ctrend/report.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "ctrend/date.h"

typedef ct_report_inspect_file ifile;

/* ------------------------------------------------------------ facts --- */

/* The partial periods at the ends of the covered span: a year or month
 * that the span does not cover from its first to its last day. */
typedef struct partial {
    int first_year, last_year;     /* 0: not partial                      */
    int first_month, last_month;   /* year * 100 + month, 0: not partial  */
} partial;

static int has_dates(const ct_load_info *in)
{
    return in->first_date[0] != 0;
}

static partial partial_of(const ct_load_info *in)
{
    const int *a = in->first_date, *b = in->last_date;
    partial p = {0, 0, 0, 0};
    if (!has_dates(in))
        return p;
    if (a[1] != 1 || a[2] != 1)
        p.first_year = a[0];
    if (b[1] != 12 || b[2] != 31)
        p.last_year = b[0];
    if (a[2] != 1)
        p.first_month = a[0] * 100 + a[1];
    if (b[2] != ct_date_days_in_month(b[0], b[1]))
        p.last_month = b[0] * 100 + b[1];
    /* one year (month) partial at either end is one partial period */
    if (a[0] == b[0] && (p.first_year || p.last_year))
        p.first_year = p.last_year = a[0];
    if (a[0] == b[0] && a[1] == b[1] && (p.first_month || p.last_month))
        p.first_month = p.last_month = a[0] * 100 + a[1];
    return p;
}

/* "year 2020 (from 03-15); month 2020-03 (from day 15)", or "none" */
static void partial_text(const ct_load_info *in, char *buf, size_t n)
{
    const int *a = in->first_date, *b = in->last_date;
    partial p = partial_of(in);
    size_t len = 0;
#define ADD(...)                                                             \
    len += (size_t)snprintf(buf + len, len < n ? n - len : 0, __VA_ARGS__)
    buf[0] = '\0';
    if (a[0] == b[0] && p.first_year)
        ADD("%s year %d (%02d-%02d to %02d-%02d)", len ? ";" : "", a[0], a[1],
            a[2], b[1], b[2]);
    else {
        if (p.first_year)
            ADD("%s year %d (from %02d-%02d)", len ? ";" : "", a[0], a[1],
                a[2]);
        if (p.last_year)
            ADD("%s year %d (to %02d-%02d)", len ? ";" : "", b[0], b[1], b[2]);
    }
    if (a[0] == b[0] && a[1] == b[1] && p.first_month)
        ADD("%s month %04d-%02d (days %d-%d)", len ? ";" : "", a[0], a[1],
            a[2], b[2]);
    else {
        if (p.first_month)
            ADD("%s month %04d-%02d (from day %d)", len ? ";" : "", a[0], a[1],
                a[2]);
        if (p.last_month)
            ADD("%s month %04d-%02d (to day %d)", len ? ";" : "", b[0], b[1],
                b[2]);
    }
    if (len == 0)
        ADD(" none");
#undef ADD
}

static const char *order_name(ct_date_order o)
{
    return o == CT_DATE_ORDER_MDY ? "month-first" : "day-first";
}

static const char *order_from_name(ct_date_order_from f)
{
    switch (f) {
    case CT_ORDER_OPTION:
        return "option";
    case CT_ORDER_PROOF:
        return "proof";
    case CT_ORDER_DEFAULT:
        return "default";
    default:
        return NULL;
    }
}

/* The date-order sentence; 0 when the order did not matter. */
static int order_text(const ct_load_info *in, char *buf, size_t n)
{
    switch (in->date_order_from) {
    case CT_ORDER_OPTION:
        snprintf(buf, n, "%s (--date-order)", order_name(in->date_order));
        return 1;
    case CT_ORDER_PROOF:
        snprintf(buf, n, "%s, decided by line %ld ('%s')",
                 order_name(in->date_order), in->date_order_line,
                 in->date_order_value);
        return 1;
    case CT_ORDER_DEFAULT:
        snprintf(buf, n, "%s by default: no date proves the order (%ld "
                 "ambiguous date%s; --date-order to say)",
                 order_name(in->date_order), in->ambiguous_dates,
                 in->ambiguous_dates == 1 ? "" : "s");
        return 1;
    default:
        return 0;
    }
}

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

/* The k-th problem's sentence (k from 0); 0 when there are no more. */
static int problem_text(const ct_load_info *in, int k, char *buf, size_t n)
{
    int i = 0;
    if (in->skipped && i++ == k) {
        snprintf(buf, n, "%ld bad record%s skipped; first: %s", in->skipped,
                 plural(in->skipped), in->first_skip);
        return 1;
    }
    if (in->duplicates && i++ == k) {
        snprintf(buf, n, "%ld duplicate record%s (same identity as an "
                 "earlier record); first: line %ld repeats line %ld",
                 in->duplicates, plural(in->duplicates), in->first_duplicate,
                 in->first_duplicate_of);
        return 1;
    }
    if (in->missing_deaths && i++ == k) {
        snprintf(buf, n, "%ld row%s with no death count (counted as 0 "
                 "deaths); first: line %ld", in->missing_deaths,
                 plural(in->missing_deaths), in->first_missing_deaths);
        return 1;
    }
    if (in->year_mismatch && i++ == k) {
        snprintf(buf, n, "%ld row%s whose year disagrees with the date "
                 "(counted by the date); first: line %ld, %s",
                 in->year_mismatch, plural(in->year_mismatch),
                 in->first_year_mismatch, in->year_mismatch_text);
        return 1;
    }
    if (in->bad_estimates && i++ == k) {
        snprintf(buf, n, "%ld row%s with death estimates out of order (low "
                 "<= best <= high; read as given); first: line %ld, %s",
                 in->bad_estimates, plural(in->bad_estimates),
                 in->first_bad_estimates, in->bad_estimates_text);
        return 1;
    }
    if (in->unresolved && i++ == k) {
        snprintf(buf, n, "%ld location value%s not in the country table "
                 "(first: %s)", in->unresolved, plural(in->unresolved),
                 in->first_unresolved);
        return 1;
    }
    if (in->transcoded && i++ == k) {
        snprintf(buf, n, "%ld field%s transcoded from Windows-1252",
                 in->transcoded, plural(in->transcoded));
        return 1;
    }
    return 0;
}

/* HDX's civilian_targeting events are also counted in its
 * political_violence rows: a plain total double-counts them. */
static const char HAPI_NOTE[] =
    "civilian_targeting rows (class onesided) are a subset of "
    "political_violence rows; do not add them: use --class or --group "
    "event_type";

static const char *note_of(const ct_load_info *in)
{
    return in->dataset == CT_DS_HAPI ? HAPI_NOTE : NULL;
}

/* "intrastate 12, nonstate 3", or "none" */
static void classes_text(const ct_load_info *in, char *buf, size_t n)
{
    size_t len = 0;
    int k;
    buf[0] = '\0';
    for (k = 0; k < CT_CLASS_COUNT; k++)
        if (in->per_class[k] && len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s %s %ld",
                                    len ? "," : "",
                                    ct_obs_class_name((ct_class)k),
                                    in->per_class[k]);
    if (len == 0)
        snprintf(buf, n, " none");
}

/* whether the load got far enough to say what the file is */
static int known(const ifile *f)
{
    return f->error == NULL || f->info->dataset != CT_DS_AUTO;
}

static const char *delimiter_text(char d)
{
    return d == '\t' ? "\\t" : d == ';' ? ";" : ",";
}

static int check(FILE *out, ct_error *err)
{
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

/* Room for a problem sentence (the first skipped record quotes a path and
 * a message). */
#define LINE_MAX_ (CT_ERROR_PATH_MAX + CT_ERROR_MSG_MAX + 512)

/* ------------------------------------------------------------- text --- */

static void text_one(FILE *out, const ifile *f)
{
    const ct_load_info *in = f->info;
    static char line[LINE_MAX_];
    int k;

    fprintf(out, "%s\n", f->shown ? f->shown : f->name);
    if (f->error)
        fprintf(out, "  error: %s\n",
                f->error_text ? f->error_text : f->error->msg);
    if (!known(f))
        return;
    fprintf(out, "  dataset: %s (%s)\n", ct_obs_dataset_name(in->dataset),
            ct_obs_dataset_title(in->dataset));
    fprintf(out, "  layout: %s\n", ct_obs_layout_name(in->layout));
    fprintf(out, "  version: %s\n",
            in->version[0] ? in->version : "(not stated in file)");
    fprintf(out, "  unit: %s\n", ct_obs_unit_name(in->unit));
    fprintf(out, "  delimiter: '%s'\n", delimiter_text(in->delimiter));
    fprintf(out, "  rows: %ld\n", in->rows);
    if (in->rows) {
        const int *a = in->first_date, *b = in->last_date;
        fprintf(out, "  years: %d-%d\n", in->year_min, in->year_max);
        if (!has_dates(in))
            fprintf(out, "  span: years %d-%d (no event dates)\n",
                    in->year_min, in->year_max);
        else {
            fprintf(out, "  span: %04d-%02d-%02d to %04d-%02d-%02d (first "
                    "and last event date)\n", a[0], a[1], a[2], b[0], b[1],
                    b[2]);
            partial_text(in, line, sizeof line);
            fprintf(out, "  partial periods:%s\n", line);
        }
    }
    if (order_text(in, line, sizeof line))
        fprintf(out, "  date order: %s\n", line);
    classes_text(in, line, sizeof line);
    fprintf(out, "  rows per class:%s\n", line);
    fputs("  problems:", out);
    for (k = 0; problem_text(in, k, line, sizeof line); k++)
        fprintf(out, "\n    %s", line);
    fprintf(out, "%s\n", k ? "" : " none");
    if (note_of(in))
        fprintf(out, "  note: %s\n", note_of(in));
}

int ct_report_inspect_text(FILE *out, const ct_report_inspect_file *files,
                           size_t n, ct_error *err)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i)
            fputc('\n', out);
        text_one(out, &files[i]);
    }
    return check(out, err);
}

/* ------------------------------------------------------------- JSON --- */

static json_t *jstr_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *jint(long x)
{
    return json_integer((json_int_t)x);
}

/* a line number, null when 0 (none) */
static json_t *jline(long x)
{
    return x > 0 ? jint(x) : json_null();
}

static json_t *jdate(const int *d)
{
    char b[16];
    snprintf(b, sizeof b, "%04d-%02d-%02d", d[0], d[1], d[2]);
    return json_string(b);
}

static json_t *jmonth(int ym)
{
    char b[16];
    if (ym == 0)
        return json_null();
    ct_report_period(b, sizeof b, ym / 100, ym % 100);
    return json_string(b);
}

static void put(json_t *o, const char *k, json_t *v)
{
    json_object_set_new(o, k, v);
}

/* {"count": N, "first_line": L, "first": TEXT}: the count of a problem,
 * where it first occurs and what (keys with a NULL name are left out) */
static json_t *jproblem(long count, const char *line_key, long line,
                        const char *text_key, const char *text)
{
    json_t *o = json_object();
    put(o, "count", jint(count));
    if (line_key)
        put(o, line_key, count ? jline(line) : json_null());
    if (text_key)
        put(o, text_key, count ? jstr_or_null(text) : json_null());
    return o;
}

static json_t *span_json(const ct_load_info *in)
{
    json_t *o = json_object();
    partial p = partial_of(in);
    int dated = in->rows && has_dates(in);
    put(o, "first_date", dated ? jdate(in->first_date) : json_null());
    put(o, "last_date", dated ? jdate(in->last_date) : json_null());
    put(o, "partial_first_year", p.first_year ? jint(p.first_year)
                                              : json_null());
    put(o, "partial_last_year", p.last_year ? jint(p.last_year)
                                            : json_null());
    put(o, "partial_first_month", jmonth(p.first_month));
    put(o, "partial_last_month", jmonth(p.last_month));
    return o;
}

static json_t *order_json(const ct_load_info *in)
{
    json_t *o = json_object();
    const char *from = order_from_name(in->date_order_from);
    put(o, "order", from ? json_string(order_name(in->date_order))
                         : json_null());
    put(o, "decided_by", from ? json_string(from) : json_null());
    put(o, "line", in->date_order_from == CT_ORDER_PROOF
                       ? jline(in->date_order_line) : json_null());
    put(o, "value", in->date_order_from == CT_ORDER_PROOF
                        ? jstr_or_null(in->date_order_value) : json_null());
    put(o, "ambiguous_dates", jint(in->ambiguous_dates));
    return o;
}

static json_t *problems_json(const ct_load_info *in)
{
    json_t *o = json_object(), *d;
    put(o, "bad_records", jproblem(in->skipped, NULL, 0, "first",
                                   in->first_skip));
    d = jproblem(in->duplicates, "first_line", in->first_duplicate, NULL,
                 NULL);
    put(d, "first_repeats_line", in->duplicates
                                     ? jline(in->first_duplicate_of)
                                     : json_null());
    put(o, "duplicates", d);
    put(o, "missing_deaths", jproblem(in->missing_deaths, "first_line",
                                      in->first_missing_deaths, NULL, NULL));
    put(o, "year_mismatch", jproblem(in->year_mismatch, "first_line",
                                     in->first_year_mismatch, "first",
                                     in->year_mismatch_text));
    put(o, "bad_estimates", jproblem(in->bad_estimates, "first_line",
                                     in->first_bad_estimates, "first",
                                     in->bad_estimates_text));
    put(o, "unresolved", jproblem(in->unresolved, NULL, 0, "first",
                                  in->first_unresolved));
    put(o, "transcoded", jproblem(in->transcoded, NULL, 0, NULL, NULL));
    return o;
}

static json_t *file_json(const ifile *f)
{
    const ct_load_info *in = f->info;
    json_t *o = json_object(), *cls, *e = json_null();
    int k;

    put(o, "file", json_string(f->name));
    if (f->error) {
        e = json_object();
        put(e, "line", jline(f->error->line));
        put(e, "message", json_string(f->error->msg));
    }
    put(o, "error", e);
    if (!known(f))
        return o;
    put(o, "dataset", json_string(ct_obs_dataset_name(in->dataset)));
    put(o, "dataset_title", json_string(ct_obs_dataset_title(in->dataset)));
    put(o, "layout", json_string(ct_obs_layout_name(in->layout)));
    put(o, "version", jstr_or_null(in->version));
    put(o, "unit", json_string(ct_obs_unit_name(in->unit)));
    put(o, "delimiter", json_string(in->delimiter == '\t'  ? "\t"
                                    : in->delimiter == ';' ? ";" : ","));
    put(o, "rows", jint(in->rows));
    put(o, "year_min", in->rows ? jint(in->year_min) : json_null());
    put(o, "year_max", in->rows ? jint(in->year_max) : json_null());
    put(o, "span", span_json(in));
    put(o, "date_order", order_json(in));
    cls = json_object();
    for (k = 0; k < CT_CLASS_COUNT; k++)
        put(cls, ct_obs_class_name((ct_class)k), jint(in->per_class[k]));
    put(o, "rows_per_class", cls);
    put(o, "problems", problems_json(in));
    put(o, "note", jstr_or_null(note_of(in)));
    return o;
}

int ct_report_inspect_json(FILE *out, const ct_report_inspect_file *files,
                           size_t n, ct_error *err)
{
    json_t *doc = json_object(), *arr = json_array();
    size_t i;
    int rc;

    if (doc == NULL || arr == NULL) {
        json_decref(doc);
        json_decref(arr);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    put(doc, "command", json_string("inspect"));
    for (i = 0; i < n; i++)
        json_array_append_new(arr, file_json(&files[i]));
    put(doc, "files", arr);
    rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
    if (rc != 0 && !ferror(out))
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    return check(out, err);
}

/* -------------------------------------------------------------- CSV --- */

/* The CSV columns: the JSON's fields flattened (rows_CLASS per class). */
static const char *const CSV_HEAD[] = {
    "file", "error", "dataset", "layout", "version", "unit", "delimiter",
    "rows", "year_min", "year_max", "first_date", "last_date",
    "partial_first_year", "partial_last_year", "partial_first_month",
    "partial_last_month", "date_order", "date_order_decided_by",
    "date_order_line", "date_order_value", "ambiguous_dates"};
static const char *const CSV_TAIL[] = {
    "bad_records", "first_bad_record", "duplicates", "first_duplicate_line",
    "first_duplicate_repeats_line", "missing_deaths",
    "first_missing_deaths_line", "year_mismatch", "first_year_mismatch_line",
    "first_year_mismatch", "bad_estimates", "first_bad_estimates_line",
    "first_bad_estimates", "unresolved", "first_unresolved", "transcoded",
    "note"};

/* A field: a json value as CSV (null: empty; strings quoted as needed). */
static void csv_value(FILE *out, json_t *v, int first)
{
    char b[32];
    if (!first)
        fputc(',', out);
    if (json_is_string(v))
        ct_report_csv_field(out, json_string_value(v));
    else if (json_is_integer(v)) {
        snprintf(b, sizeof b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        fputs(b, out);
    } else
        fputs("NA", out);
}

static void csv_path(FILE *out, json_t *o, const char *a, const char *b)
{
    json_t *v = json_object_get(o, a);
    if (b)
        v = json_object_get(v, b);
    csv_value(out, v, 0);
}

static void csv_row(FILE *out, const ifile *f)
{
    json_t *o = file_json(f), *p = json_object_get(o, "problems");
    int k;

    if (o == NULL)
        return;
    csv_value(out, json_object_get(o, "file"), 1);
    csv_path(out, o, "error", "message");
    csv_path(out, o, "dataset", NULL);
    csv_path(out, o, "layout", NULL);
    csv_path(out, o, "version", NULL);
    csv_path(out, o, "unit", NULL);
    csv_path(out, o, "delimiter", NULL);
    csv_path(out, o, "rows", NULL);
    csv_path(out, o, "year_min", NULL);
    csv_path(out, o, "year_max", NULL);
    for (k = 10; k < 16; k++)
        csv_path(out, o, "span", CSV_HEAD[k]);
    csv_path(out, o, "date_order", "order");
    csv_path(out, o, "date_order", "decided_by");
    csv_path(out, o, "date_order", "line");
    csv_path(out, o, "date_order", "value");
    csv_path(out, o, "date_order", "ambiguous_dates");
    for (k = 0; k < CT_CLASS_COUNT; k++)
        csv_path(out, o, "rows_per_class", ct_obs_class_name((ct_class)k));
    csv_path(out, p, "bad_records", "count");
    csv_path(out, p, "bad_records", "first");
    csv_path(out, p, "duplicates", "count");
    csv_path(out, p, "duplicates", "first_line");
    csv_path(out, p, "duplicates", "first_repeats_line");
    csv_path(out, p, "missing_deaths", "count");
    csv_path(out, p, "missing_deaths", "first_line");
    csv_path(out, p, "year_mismatch", "count");
    csv_path(out, p, "year_mismatch", "first_line");
    csv_path(out, p, "year_mismatch", "first");
    csv_path(out, p, "bad_estimates", "count");
    csv_path(out, p, "bad_estimates", "first_line");
    csv_path(out, p, "bad_estimates", "first");
    csv_path(out, p, "unresolved", "count");
    csv_path(out, p, "unresolved", "first");
    csv_path(out, p, "transcoded", "count");
    csv_path(out, o, "note", NULL);
    fputc('\n', out);
    json_decref(o);
}

int ct_report_inspect_csv(FILE *out, const ct_report_inspect_file *files,
                          size_t n, ct_error *err)
{
    size_t i;
    int k;

    for (i = 0; i < sizeof CSV_HEAD / sizeof *CSV_HEAD; i++)
        fprintf(out, "%s%s", i ? "," : "", CSV_HEAD[i]);
    for (k = 0; k < CT_CLASS_COUNT; k++)
        fprintf(out, ",rows_%s", ct_obs_class_name((ct_class)k));
    for (i = 0; i < sizeof CSV_TAIL / sizeof *CSV_TAIL; i++)
        fprintf(out, ",%s", CSV_TAIL[i]);
    fputc('\n', out);
    for (i = 0; i < n; i++)
        csv_row(out, &files[i]);
    return check(out, err);
}

/* --------------------------------------------------------- Markdown --- */

static void md_row(FILE *out, const char *field, const char *value)
{
    fprintf(out, "| %s | ", field);
    (void)ct_report_md_text(out, value, 0);
    fputs(" |\n", out);
}

static void md_one(FILE *out, const ifile *f)
{
    const ct_load_info *in = f->info;
    static char line[LINE_MAX_];
    char b[160];
    int k;

    fputs("## ", out);
    (void)ct_report_md_text(out, f->name, 1);
    fputs("\n\n", out);
    if (f->error) {
        fputs("Error: ", out);
        (void)ct_report_md_text(out, f->error->msg, 0);
        if (f->error->line > 0)
            fprintf(out, " (line %ld)", f->error->line);
        fputs("\n", out);
    }
    if (!known(f))
        return;
    fputs(f->error ? "\n| field | value |\n|---|---|\n"
                   : "| field | value |\n|---|---|\n", out);
    snprintf(b, sizeof b, "%s (%s)", ct_obs_dataset_name(in->dataset),
             ct_obs_dataset_title(in->dataset));
    md_row(out, "dataset", b);
    md_row(out, "layout", ct_obs_layout_name(in->layout));
    md_row(out, "version", in->version[0] ? in->version
                                          : "(not stated in file)");
    md_row(out, "unit", ct_obs_unit_name(in->unit));
    snprintf(b, sizeof b, "'%s'", delimiter_text(in->delimiter));
    md_row(out, "delimiter", b);
    snprintf(b, sizeof b, "%ld", in->rows);
    md_row(out, "rows", b);
    if (in->rows) {
        const int *a = in->first_date, *e = in->last_date;
        snprintf(b, sizeof b, "%d-%d", in->year_min, in->year_max);
        md_row(out, "years", b);
        if (!has_dates(in)) {
            snprintf(b, sizeof b, "years %d-%d (no event dates)",
                     in->year_min, in->year_max);
            md_row(out, "span", b);
        } else {
            snprintf(b, sizeof b, "%04d-%02d-%02d to %04d-%02d-%02d (first "
                     "and last event date)", a[0], a[1], a[2], e[0], e[1],
                     e[2]);
            md_row(out, "span", b);
            partial_text(in, line, sizeof line);
            md_row(out, "partial periods", line + 1);
        }
    }
    if (order_text(in, line, sizeof line))
        md_row(out, "date order", line);
    classes_text(in, line, sizeof line);
    md_row(out, "rows per class", line + 1);
    if (note_of(in))
        md_row(out, "note", note_of(in));
    fputs("\nProblems:", out);
    if (!problem_text(in, 0, line, sizeof line))
        fputs(" none.\n", out);
    else
        fputs("\n\n", out);
    for (k = 0; problem_text(in, k, line, sizeof line); k++) {
        fputs("- ", out);
        (void)ct_report_md_text(out, line, 0);
        fputc('\n', out);
    }
}

int ct_report_inspect_markdown(FILE *out,
                               const ct_report_inspect_file *files,
                               size_t n, ct_error *err)
{
    size_t i;
    fputs("# Inspection\n", out);
    for (i = 0; i < n; i++) {
        fputc('\n', out);
        md_one(out, &files[i]);
    }
    return check(out, err);
}

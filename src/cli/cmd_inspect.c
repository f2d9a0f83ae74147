/* SPDX-License-Identifier: MIT
 * cmd_inspect.c - `ctrend inspect`: what each file is and what is wrong
 * with it. Reads every record (bad ones are counted, not fatal) so that
 * one run lists every problem class.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char USAGE[] =
    "Usage: ctrend inspect [OPTIONS] FILE...\n"
    "For each file: the dataset detected, layout, version, rows read, year\n"
    "range, covered span (first and last event date) and the partial\n"
    "periods at its ends, the slash-date order and the line that decided\n"
    "it, rows per class and problems found (bad records, duplicate records,\n"
    "rows with no death count, rows whose year disagrees with their date,\n"
    "death estimates out of order, values not in the country table, text\n"
    "transcoded from Windows-1252).\n"
    "\n"
    "  --dataset NAME      force the dataset (acd, brd, nonstate, onesided,\n"
    "                      ged, acled, hapi)\n"
    "  --date-order dmy|mdy  order of slash dates (default: decided from\n"
    "                      the file)\n"
    "  --strict            a year that disagrees with the date, or death\n"
    "                      estimates out of order, make a record bad\n"
    "  --countries FILE    country table (default: the installed one)\n"
    "  --format text|csv|json|markdown  output format (default text; the\n"
    "                      JSON fields: README \"Checks on every file\")\n"
    "  -o, --output FILE   write to FILE instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 every file read cleanly, 1 a file could not be read or\n"
    "had bad records, 2 usage error.\n";

static int count_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)ctx;
    (void)err;
    return CT_OK;
}

enum { OPT_DATASET = 256, OPT_COUNTRIES, OPT_DATE_ORDER, OPT_STRICT,
       OPT_FORMAT };

enum format { F_TEXT, F_CSV, F_JSON, F_MARKDOWN };

typedef struct inspect_args {
    ct_load_options lo;
    const char *geo_path, *outpath;
    enum format format;
} inspect_args;

/* Parses the options into a; returns -1 to go on, else the exit status. */
static int parse_options(inspect_args *a, int argc, char **argv)
{
    static const struct option LONG[] = {
        {"dataset", required_argument, NULL, OPT_DATASET},
        {"countries", required_argument, NULL, OPT_COUNTRIES},
        {"date-order", required_argument, NULL, OPT_DATE_ORDER},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static const char *const FORMATS[] = {"text", "csv", "json", "markdown"};
    int c, k;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", LONG, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        case OPT_DATASET:
            a->lo.dataset = ct_obs_dataset_parse(optarg);
            if (a->lo.dataset == CT_DS_AUTO)
                return ct_cli_usage_error("inspect", "unknown dataset '%s' "
                                          "(%s)", optarg, CT_CLI_DATASETS);
            break;
        case OPT_COUNTRIES:
            a->geo_path = optarg;
            break;
        case OPT_DATE_ORDER:
            if (strcmp(optarg, "dmy") == 0)
                a->lo.date_order = CT_DATE_ORDER_DMY;
            else if (strcmp(optarg, "mdy") == 0)
                a->lo.date_order = CT_DATE_ORDER_MDY;
            else
                return ct_cli_usage_error("inspect", "--date-order must be "
                                          "dmy or mdy, not '%s'", optarg);
            break;
        case OPT_STRICT:
            a->lo.strict = 1;
            break;
        case OPT_FORMAT:
            for (k = 0; k < 4 && strcmp(optarg, FORMATS[k]) != 0; k++)
                ;
            if (k == 4)
                return ct_cli_usage_error("inspect", "--format must be text, "
                                          "csv, json or markdown, not '%s'",
                                          optarg);
            a->format = (enum format)k;
            break;
        case 'o':
            a->outpath = optarg;
            break;
        case ':':
            return ct_cli_usage_error("inspect", "option '%s' needs a value",
                                      argv[optind - 1]);
        default:
            return ct_cli_option_error("inspect", c, argv);
        }
    }
    if (optind >= argc)
        return ct_cli_usage_error("inspect", "no FILE given");
    return -1;
}

/* One file read: its findings, error and status. */
typedef struct inspected {
    ct_load_info info;
    ct_error err;
    char shown[512];
} inspected;

static int file_status(const ct_report_inspect_file *f)
{
    return f->error || f->info->skipped || f->info->duplicates
               ? CT_EXIT_DATA : CT_EXIT_OK;
}

static int write_all(FILE *out, enum format fmt,
                     const ct_report_inspect_file *f, size_t n,
                     ct_error *err)
{
    switch (fmt) {
    case F_CSV:
        return ct_report_inspect_csv(out, f, n, err);
    case F_JSON:
        return ct_report_inspect_json(out, f, n, err);
    case F_MARKDOWN:
        return ct_report_inspect_markdown(out, f, n, err);
    default:
        return ct_report_inspect_text(out, f, n, err);
    }
}

/* Reads every file; the text is written as each file is read (so that a
 * file's message on stderr comes beside it), the other formats at the
 * end. Returns the exit status. */
static int inspect_files(const inspect_args *a, char **names, size_t n,
                         ct_output *out)
{
    FILE *f = ct_output_stream(out);
    inspected *r = calloc(n, sizeof *r);
    ct_report_inspect_file *rf = calloc(n, sizeof *rf);
    ct_error err;
    size_t i;
    int status = CT_EXIT_OK, rc = CT_OK;

    if (r == NULL || rf == NULL) {
        free(r);
        free(rf);
        ct_cli_msg("out of memory");
        return CT_EXIT_DATA;
    }
    for (i = 0; i < n && rc == CT_OK; i++) {
        int lrc = ct_load_file(names[i], &a->lo, count_obs, NULL,
                               &r[i].info, &r[i].err);
        rf[i].name = names[i];
        rf[i].shown = ct_cli_display_name(names[i], r[i].shown,
                                          sizeof r[i].shown);
        rf[i].info = &r[i].info;
        rf[i].error = lrc == CT_OK ? NULL : &r[i].err;
        /* the message once, on stderr; the text says where it is */
        rf[i].error_text = "see the message on standard error";
        if (a->format == F_TEXT) {
            if (i)
                fputc('\n', f);
            rc = ct_report_inspect_text(f, &rf[i], 1, &err);
            fflush(f);
        }
        if (rf[i].error)
            ct_cli_report(rf[i].error);
        if (file_status(&rf[i]) != CT_EXIT_OK)
            status = CT_EXIT_DATA;
    }
    if (rc == CT_OK && a->format != F_TEXT)
        rc = write_all(f, a->format, rf, n, &err);
    if (rc == CT_OK)
        rc = ct_output_commit(out, &err);
    else
        ct_output_fail(out, rc, &err);
    if (rc != CT_OK) {
        ct_cli_report(&err);
        status = CT_EXIT_DATA;
    }
    free(r);
    free(rf);
    return status;
}

int ct_cmd_inspect(int argc, char **argv)
{
    inspect_args a;
    ct_output *out;
    ct_error err;
    ct_geo *geo;
    int rc;

    memset(&a, 0, sizeof a);
    a.lo = (ct_load_options)CT_LOAD_OPTIONS_INIT;
    a.format = F_TEXT;
    if ((rc = parse_options(&a, argc, argv)) >= 0)
        return rc;
    {
        const char *extra[1];
        extra[0] = a.geo_path;
        if (a.outpath && ct_output_check_inputs(a.outpath, extra, 1, &err)
                             != CT_OK) {
            ct_cli_report(&err);
            return ct_cli_try_help("inspect");
        }
    }
    rc = ct_cli_check_output("inspect", a.outpath, argv + optind,
                             argc - optind, NULL);
    if (rc != CT_EXIT_OK)
        return rc;
    if ((geo = ct_cli_load_geo(a.geo_path)) == NULL)
        return CT_EXIT_DATA;
    a.lo.geo = geo;
    a.lo.skip_bad = 1;
    if (ct_output_open(&out, a.outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        ct_geo_free(geo);
        return CT_EXIT_DATA;
    }
    rc = inspect_files(&a, argv + optind, (size_t)(argc - optind), out);
    ct_geo_free(geo);
    return rc;
}

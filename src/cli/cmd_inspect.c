/* SPDX-License-Identifier: MIT
 * cmd_inspect.c - `ctrend inspect`: what each file is and what is wrong
 * with it. Reads every record (bad ones are counted, not fatal) so that
 * one run lists every problem class.
 */
#include <getopt.h>
#include <stdio.h>
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
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 every file read cleanly, 1 a file could not be read or\n"
    "had bad records, 2 usage error.\n";

static const char *order_text(ct_date_order o)
{
    return o == CT_DATE_ORDER_MDY ? "month-first" : "day-first";
}

/* The covered span and the partial periods at its ends: a year or
 * month that the span does not cover from its first to its last day. */
static void print_span(const ct_load_info *info)
{
    const int *a = info->first_date, *b = info->last_date;
    int fy, ly, fm, lm, n = 0, lastd = ct_date_days_in_month(b[0], b[1]);
    if (a[0] == 0) {
        printf("  span: years %d-%d (no event dates)\n", info->year_min,
               info->year_max);
        return;
    }
    printf("  span: %04d-%02d-%02d to %04d-%02d-%02d (first and last event "
           "date)\n", a[0], a[1], a[2], b[0], b[1], b[2]);
    fy = a[1] != 1 || a[2] != 1;
    ly = b[1] != 12 || b[2] != 31;
    fm = a[2] != 1;
    lm = b[2] != lastd;
    printf("  partial periods:");
    if (a[0] == b[0] && (fy || ly))
        printf("%s year %d (%02d-%02d to %02d-%02d)", n++ ? ";" : "", a[0],
               a[1], a[2], b[1], b[2]);
    else {
        if (fy)
            printf("%s year %d (from %02d-%02d)", n++ ? ";" : "", a[0], a[1],
                   a[2]);
        if (ly)
            printf("%s year %d (to %02d-%02d)", n++ ? ";" : "", b[0], b[1],
                   b[2]);
    }
    if (a[0] == b[0] && a[1] == b[1] && (fm || lm))
        printf("%s month %04d-%02d (days %d-%d)", n++ ? ";" : "", a[0], a[1],
               a[2], b[2]);
    else {
        if (fm)
            printf("%s month %04d-%02d (from day %d)", n++ ? ";" : "", a[0],
                   a[1], a[2]);
        if (lm)
            printf("%s month %04d-%02d (to day %d)", n++ ? ";" : "", b[0],
                   b[1], b[2]);
    }
    printf("%s\n", n ? "" : " none");
}

static void print_date_order(const ct_load_info *info)
{
    switch (info->date_order_from) {
    case CT_ORDER_OPTION:
        printf("  date order: %s (--date-order)\n",
               order_text(info->date_order));
        break;
    case CT_ORDER_PROOF:
        printf("  date order: %s, decided by line %ld ('%s')\n",
               order_text(info->date_order), info->date_order_line,
               info->date_order_value);
        break;
    case CT_ORDER_DEFAULT:
        printf("  date order: %s by default: no date proves the order "
               "(%ld ambiguous date%s; --date-order to say)\n",
               order_text(info->date_order), info->ambiguous_dates,
               info->ambiguous_dates == 1 ? "" : "s");
        break;
    default:
        break;
    }
}

static int count_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)ctx;
    (void)err;
    return CT_OK;
}

int ct_cmd_inspect(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"dataset", required_argument, NULL, 'd'},
        {"countries", required_argument, NULL, 'c'},
        {"date-order", required_argument, NULL, 'o'},
        {"strict", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    const char *geo_path = NULL;
    ct_geo *geo;
    int c, i, status = CT_EXIT_OK;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", LONG, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        case 'd':
            lo.dataset = ct_obs_dataset_parse(optarg);
            if (lo.dataset == CT_DS_AUTO)
                return ct_cli_usage_error("inspect", "unknown dataset '%s' "
                                          "(%s)", optarg, CT_CLI_DATASETS);
            break;
        case 'c':
            geo_path = optarg;
            break;
        case 'o':
            if (strcmp(optarg, "dmy") == 0)
                lo.date_order = CT_DATE_ORDER_DMY;
            else if (strcmp(optarg, "mdy") == 0)
                lo.date_order = CT_DATE_ORDER_MDY;
            else
                return ct_cli_usage_error("inspect", "--date-order must be "
                                          "dmy or mdy, not '%s'", optarg);
            break;
        case 's':
            lo.strict = 1;
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
    if ((geo = ct_cli_load_geo(geo_path)) == NULL)
        return CT_EXIT_DATA;
    lo.geo = geo;
    lo.skip_bad = 1;
    for (i = optind; i < argc; i++) {
        ct_load_info info;
        ct_error err;
        int k, first = 1, problems = 0;
        int rc = ct_load_file(argv[i], &lo, count_obs, NULL, &info, &err);

        char shown[512];

        printf("%s%s\n", i > optind ? "\n" : "",
               ct_cli_display_name(argv[i], shown, sizeof shown));
        if (rc != CT_OK) {
            /* the message once, on stderr; stdout says where it is */
            fflush(stdout);
            ct_cli_report(&err);
            printf("  error: see the message on standard error\n");
            status = CT_EXIT_DATA;
            if (info.dataset == CT_DS_AUTO)
                continue;
        }
        printf("  dataset: %s (%s)\n", ct_obs_dataset_name(info.dataset),
               ct_obs_dataset_title(info.dataset));
        printf("  layout: %s\n", ct_obs_layout_name(info.layout));
        printf("  version: %s\n", info.version[0] ? info.version
                                                  : "(not stated in file)");
        printf("  unit: %s\n", ct_obs_unit_name(info.unit));
        printf("  delimiter: '%s'\n", info.delimiter == '\t' ? "\\t"
                                      : info.delimiter == ';' ? ";" : ",");
        printf("  rows: %ld\n", info.rows);
        if (info.rows) {
            printf("  years: %d-%d\n", info.year_min, info.year_max);
            print_span(&info);
        }
        print_date_order(&info);
        printf("  rows per class:");
        for (k = 0; k < CT_CLASS_COUNT; k++)
            if (info.per_class[k]) {
                printf("%s %s %ld", first ? "" : ",",
                       ct_obs_class_name((ct_class)k), info.per_class[k]);
                first = 0;
            }
        printf("%s\n", first ? " none" : "");
        printf("  problems:");
        if (info.skipped) {
            printf("\n    %ld bad record%s skipped; first: %s", info.skipped,
                   info.skipped == 1 ? "" : "s", info.first_skip);
            problems++;
            status = CT_EXIT_DATA;
        }
        if (info.duplicates) {
            printf("\n    %ld duplicate record%s (same identity as an earlier "
                   "record); first: line %ld repeats line %ld",
                   info.duplicates, info.duplicates == 1 ? "" : "s",
                   info.first_duplicate, info.first_duplicate_of);
            problems++;
            status = CT_EXIT_DATA;
        }
        if (info.missing_deaths) {
            printf("\n    %ld row%s with no death count (counted as 0 "
                   "deaths); first: line %ld", info.missing_deaths,
                   info.missing_deaths == 1 ? "" : "s",
                   info.first_missing_deaths);
            problems++;
        }
        if (info.year_mismatch) {
            printf("\n    %ld row%s whose year disagrees with the date "
                   "(counted by the date); first: line %ld, %s",
                   info.year_mismatch, info.year_mismatch == 1 ? "" : "s",
                   info.first_year_mismatch, info.year_mismatch_text);
            problems++;
        }
        if (info.bad_estimates) {
            printf("\n    %ld row%s with death estimates out of order (low "
                   "<= best <= high; read as given); first: line %ld, %s",
                   info.bad_estimates, info.bad_estimates == 1 ? "" : "s",
                   info.first_bad_estimates, info.bad_estimates_text);
            problems++;
        }
        if (info.unresolved) {
            printf("\n    %ld location value%s not in the country table "
                   "(first: %s)", info.unresolved,
                   info.unresolved == 1 ? "" : "s", info.first_unresolved);
            problems++;
        }
        if (info.transcoded) {
            printf("\n    %ld field%s transcoded from Windows-1252",
                   info.transcoded, info.transcoded == 1 ? "" : "s");
            problems++;
        }
        printf("%s\n", problems ? "" : " none");
        if (info.dataset == CT_DS_HAPI)
            /* HDX's civilian_targeting events are also counted in its
             * political_violence rows: a plain total double-counts them */
            printf("  note: civilian_targeting rows (class onesided) are a "
                   "subset of political_violence rows; do not add them: "
                   "use --class or --group event_type\n");
    }
    ct_geo_free(geo);
    return status;
}

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
    "range, rows per class and problems found (bad records, values not in\n"
    "the country table, text transcoded from Windows-1252).\n"
    "\n"
    "  --dataset NAME      force the dataset (acd, brd, nonstate, onesided,\n"
    "                      ged, acled, hapi)\n"
    "  --countries FILE    country table (default: the installed one)\n"
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

int ct_cmd_inspect(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"dataset", required_argument, NULL, 'd'},
        {"countries", required_argument, NULL, 'c'},
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
            lo.dataset = ct_dataset_parse(optarg);
            if (lo.dataset == CT_DS_AUTO)
                return ct_cli_usage_error("inspect", "unknown dataset '%s' "
                                          "(%s)", optarg, CT_CLI_DATASETS);
            break;
        case 'c':
            geo_path = optarg;
            break;
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
        printf("  dataset: %s (%s)\n", ct_dataset_name(info.dataset),
               ct_dataset_title(info.dataset));
        printf("  layout: %s\n", ct_layout_name(info.layout));
        printf("  version: %s\n", info.version[0] ? info.version
                                                  : "(not stated in file)");
        printf("  unit: %s\n", ct_unit_name(info.unit));
        printf("  delimiter: '%s'\n", info.delimiter == '\t' ? "\\t"
                                      : info.delimiter == ';' ? ";" : ",");
        printf("  rows: %ld\n", info.rows);
        if (info.rows)
            printf("  years: %d-%d\n", info.year_min, info.year_max);
        printf("  rows per class:");
        for (k = 0; k < CT_CLASS_COUNT; k++)
            if (info.per_class[k]) {
                printf("%s %s %ld", first ? "" : ",",
                       ct_class_name((ct_class)k), info.per_class[k]);
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

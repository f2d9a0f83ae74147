/* SPDX-License-Identifier: MIT
 * cmd_series.c - `ctrend series`: zero-filled series from export files.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char USAGE[] =
    "Usage: ctrend series [OPTIONS] [FILE...]\n"
    "Zero-filled series of conflicts, events or deaths from UCDP or ACLED\n"
    "exports. Several FILEs of one dataset add up; records with the same id\n"
    "are counted once (and reported). With no FILE, reads standard input.\n"
    "\n"
    CT_CLI_HELP_BY
    "  --measure M[,M...]       conflicts (distinct conflicts active;\n"
    "                           default), events (rows) or deaths (sum);\n"
    "                           several give one column each, one pass\n"
    CT_CLI_HELP_SELECT
    "  --from YEAR, --to YEAR   period range (default: the data's)\n"
    CT_CLI_HELP_SCHEME
    "  --format csv|tsv|json|md output format (default csv)\n"
    "  --layout long|wide       wide: a row per period, a column per\n"
    "                           group (MEASURE_KEY_KEY, as tidyr names)\n"
    "  --precision N            significant digits of numbers that are not\n"
    "                           whole (1-17; default 15, json 17); whole\n"
    "                           numbers are written in full\n"
    CT_CLI_HELP_LOAD
    "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
    CT_CLI_HELP_THREADS
    "  -h, --help               this help\n"
    "\n"
    "Output: period,<keys in the order given>,value; rows sorted by period\n"
    "then keys; every period in range times every group combination that\n"
    "occurs in the selection. A conflict located in several regions counts\n"
    "once in each and once in an ungrouped total. Periods outside what the\n"
    "files cover are NA (see --coverage); when some period is covered only\n"
    "in part, a last column `partial` (JSON: \"partial\": true) marks it.\n"
    "An empty result (no data records, or none selected) is written as\n"
    "such with a note on stderr, and exits 0.\n"
    "\n"
    "Exit status: 0 success, 1 data or input/output error, 2 usage error.\n";

enum { OPT_FROM = 256, OPT_TO, OPT_FORMAT, OPT_PREC, OPT_LAYOUT };

static const struct option LONG[] = {
    CT_CLI_SERIES_LONGOPTS,
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"precision", required_argument, NULL, OPT_PREC},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Notes on stderr about what the numbers leave out: an empty result
 * (exit status stays 0: an empty table is an answer, but it must not
 * pass for "no conflicts" unnoticed) and partial periods. */
static void series_notes(const ct_series *s, const ct_cli_series_args *sa,
                         char *const *files, int nfiles,
                         const ct_report_series_options *ro)
{
    char sel[600];
    size_t i, partial = 0;
    const char *mark =
        ro->format == CT_REPORT_FORMAT_JSON
            ? (ro->wide ? "\"partial_GROUP\": true" : "\"partial\": true")
        : ro->format == CT_REPORT_FORMAT_MARKDOWN
            ? (ro->wide ? "column `partial_GROUP` is yes"
                        : "column `partial` is yes")
            : (ro->wide ? "column `partial_GROUP` is 1"
                        : "column `partial` is 1");

    if (s->seen == 0) {
        ct_cli_msg("note: %s%s%s hold%s no data records: the series is "
                   "empty", nfiles == 1 ? "'" : "",
                   nfiles == 1 ? files[0] : nfiles == 0 ? "<stdin>"
                                                        : "the inputs",
                   nfiles == 1 ? "'" : "", nfiles == 1 || nfiles == 0 ? "s"
                                                                       : "");
        return;
    }
    ct_cli_selection_text(sa, sa->so.from, sa->so.to, sel, sizeof sel);
    if (s->used == 0) {
        ct_cli_msg("note: no record matched %s: %s", sel,
                   s->n ? "every value is 0 or NA" : "the series is empty");
        return;
    }
    for (i = 0; i < s->n && isnan(s->value[i]); i++)
        ;
    if (s->n && i == s->n)
        ct_cli_msg("note: every value is NA: no period is covered by the "
                   "files of every country seen in a group (see --coverage "
                   "and README \"Counting\")");
    for (i = 0; s->partial && i < s->n; i++)
        partial += s->partial[i];
    if (partial)
        ct_cli_msg("note: %zu row%s cover%s only part of %s period (%s); "
                   "see README \"Counting\"", partial,
                   partial == 1 ? "" : "s", partial == 1 ? "s" : "",
                   partial == 1 ? "its" : "their",
                   mark);
}

int ct_cmd_series(int argc, char **argv)
{
    ct_cli_series_args sa;
    const char *outpath = NULL;
    ct_report_series_options ro = CT_REPORT_SERIES_OPTIONS_INIT;
    ct_series *s = NULL;
    ct_output *out = NULL;
    ct_error err;
    int c, rc;

    ct_cli_series_args_init(&sa, 3);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:hq", LONG, NULL)) != -1) {
        rc = ct_cli_series_option(&sa, "series", c, optarg);
        if (rc == 0)
            continue;
        if (rc > 0)
            return rc;
        switch (c) {
        case 'h':
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_FROM:
            if (ct_cli_year(optarg, &sa.so.from))
                return ct_cli_usage_error("series", "--from needs a year "
                                          "1900-2100, not '%s'", optarg);
            break;
        case OPT_TO:
            if (ct_cli_year(optarg, &sa.so.to))
                return ct_cli_usage_error("series", "--to needs a year "
                                          "1900-2100, not '%s'", optarg);
            break;
        case OPT_FORMAT:
            if (ct_report_format_parse(optarg, &ro.format) != CT_OK)
                return ct_cli_usage_error("series", "--format must be csv, "
                                          "tsv, json or md, not '%s'",
                                          optarg);
            break;
        case OPT_LAYOUT:
            if (strcmp(optarg, "long") && strcmp(optarg, "wide"))
                return ct_cli_usage_error("series", "--layout must be long "
                                          "or wide, not '%s'", optarg);
            ro.wide = optarg[0] == 'w';
            break;
        case OPT_PREC:
            if (ct_cli_precision("series", optarg, &ro.precision) !=
                CT_EXIT_OK)
                return CT_EXIT_USAGE;
            break;
        default:
            return ct_cli_option_error("series", c, argv);
        }
    }
    rc = ct_cli_check_output("series", outpath, argv + optind, argc - optind,
                             &sa);
    if (rc != CT_EXIT_OK)
        return rc;
    rc = ct_cli_series_build(&s, &sa, "series", argv + optind, NULL,
                             argc - optind);
    if (rc != CT_EXIT_OK)
        return rc;
    series_notes(s, &sa, argv + optind, argc - optind, &ro);
    rc = CT_EXIT_DATA;
    if (ct_output_open(&out, outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (ct_report_series(ct_output_stream(out), s, &ro, &err) != CT_OK) {
        ct_output_fail(out, CT_EIO, &err);
        ct_cli_report(&err);
        goto done;
    }
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    rc = CT_EXIT_OK;
done:
    ct_series_free(s);
    return rc;
}

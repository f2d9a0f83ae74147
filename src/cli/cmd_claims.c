/* SPDX-License-Identifier: MIT
 * cmd_claims.c - `ctrend claims`: reads the claims file and every source
 * once, runs the claims library and writes the report through -o.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/claims_inputs.h"
#include "cli/cli.h"
#include "cli/cmd_claims.h"
#include "ctrend/claims.h"

static const char HELP[] =
    "Usage: ctrend claims [OPTIONS]\n"
    "Check published statements about conflict trends: each claim of the\n"
    "claims file is tested every reasonable way (its specification set) on\n"
    "each source and answered with a verdict, the effect, a specification\n"
    "curve and a plain-language reading, on the years the claim's source\n"
    "could see and on all the data.\n"
    "\n"
    "  --claims FILE        claims file (JSON; default: the bundled\n"
    "                       datasets/claims/article.json)\n"
    "  --ucdp FILE          UCDP/PRIO ACD export; repeat for several\n"
    "                       releases (one verdict column each)\n"
    "  --brd FILE           UCDP Battle-Related Deaths export\n"
    "  --ged FILE           UCDP GED export\n"
    "  --acled FILE...      ACLED exports (all files after it, up to the\n"
    "                       next option, form one source)\n"
    "  --format text|md|csv|json   report format (default text)\n"
    "  --specifications     add the full specification table\n"
    "  --precision N        significant digits of the numbers in CSV\n"
    "                       (default 6), JSON (10) and the specification\n"
    "                       table (4); the readings keep their rounding\n"
    "  --plots DIR          also write every claim's charts into DIR\n"
    "                       (created if needed): per claim, scope and\n"
    "                       source its specification file (CSV) and\n"
    "                       curve (PNG), and the window heatmap where the\n"
    "                       claim has windows (gnuplot)\n"
    "  --countries FILE     country table (default: the installed one)\n"
    CT_CLI_CLAIMS_HELP_THREADS
    "  -o, --output FILE    write there (atomically) instead of stdout\n"
    "  -h, --help           this help\n"
    "\n"
    "Without --ucdp/--brd/--ged/--acled the bundled synthetic data are used\n"
    "(datasets/synthetic), and the report says so. The verdict rule is\n"
    "printed with every report (README \"Claims\"). SOURCE_DATE_EPOCH fixes\n"
    "the run date.\n";

enum { OPT_FORMAT = CT_CLI_CLAIMS_OPT_END, OPT_SPECS, OPT_PLOTS };

/* -o must not name an input (a data file or the claims file) */
static int check_output(const char *outpath, const ct_cli_claims_inputs *in)
{
    char *files[CT_CLI_CLAIMS_MAX_SRC * CT_CLI_CLAIMS_MAX_FILES + 1];
    int n = 0;
    size_t i, k;
    for (i = 0; i < in->n_src; i++)
        for (k = 0; k < in->src[i].n; k++)
            files[n++] = (char *)in->src[i].paths[k];
    if (in->claims_path != NULL)
        files[n++] = (char *)in->claims_path;
    /* no data option: the bundled files, which -o cannot name by accident;
     * n == 0 would mean standard input to the check */
    return n == 0 ? CT_EXIT_OK
                  : ct_cli_check_output("claims", outpath, files, n, NULL);
}

int ct_cmd_claims(int argc, char **argv)
{
    static const struct option longopts[] = {
        CT_CLI_CLAIMS_LONGOPTS,
        {"format", required_argument, NULL, OPT_FORMAT},
        {"specifications", no_argument, NULL, OPT_SPECS},
        {"plots", required_argument, NULL, OPT_PLOTS},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ct_cli_claims_inputs in;
    const char *outpath = NULL, *plots = NULL;
    ct_claims_format fmt = CT_CLAIMS_TEXT;
    int specs = 0, c, rc = CT_EXIT_DATA;
    ct_claims_options opt = CT_CLAIMS_OPTIONS_INIT;
    ct_output *out = NULL;
    ct_error err;

    ct_cli_claims_init(&in);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        int taken = ct_cli_claims_option(&in, "claims", c, argc, argv);
        if (taken > 1)
            return taken - 100;
        if (taken)
            continue;
        switch (c) {
        case 'h':
            fputs(HELP, stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_PLOTS:
            plots = optarg;
            break;
        case OPT_SPECS:
            specs = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0) fmt = CT_CLAIMS_TEXT;
            else if (strcmp(optarg, "md") == 0) fmt = CT_CLAIMS_MD;
            else if (strcmp(optarg, "csv") == 0) fmt = CT_CLAIMS_CSV;
            else if (strcmp(optarg, "json") == 0) fmt = CT_CLAIMS_JSON;
            else return ct_cli_usage_error("claims", "--format: expected text, md, csv or json, got '%s'", optarg);
            break;
        default:
            return ct_cli_option_error("claims", c, argv);
        }
    }
    if (optind < argc)
        return ct_cli_usage_error("claims", "unexpected argument '%s' (data files follow --ucdp, --brd, --ged or --acled)", argv[optind]);
    if ((rc = check_output(outpath, &in)) != CT_EXIT_OK)
        return rc;
    rc = CT_EXIT_DATA;
    if (ct_cli_claims_run(&in, &opt) != CT_EXIT_OK)
        goto done;
    if (plots) {
        static const ct_plot_format PNG[1] = {CT_PLOT_PNG};
        ct_cli_claims_chart *charts = NULL;
        size_t n_charts = 0;
        if (mkdir(plots, 0777) != 0 && errno != EEXIST) {
            ct_cli_msg("cannot create '%s': %s", plots, strerror(errno));
            goto done;
        }
        if (ct_cli_claims_charts(in.res, plots, PNG, 1, &charts, &n_charts) != CT_EXIT_OK)
            goto done;
        free(charts);
    }
    if (ct_output_open(&out, outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (ct_claims_write_precision(in.res, fmt, specs, in.precision, ct_output_stream(out), &err) != CT_OK) {
        ct_output_abort(out);
        ct_cli_report(&err);
        goto done;
    }
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (in.synthetic)
        ct_cli_msg("claims: no data given, ran on the bundled synthetic data (give --ucdp FILE for real data)");
    rc = CT_EXIT_OK;
done:
    ct_cli_claims_free(&in);
    return rc;
}

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
    "  --plots DIR          also write every claim's charts into DIR\n"
    "                       (created if needed): per claim, scope and\n"
    "                       source its specification file (CSV) and\n"
    "                       curve (PNG), and the window heatmap where the\n"
    "                       claim has windows (gnuplot)\n"
    "  --countries FILE     country table (default: the installed one)\n"
    "  -o, --output FILE    write there (atomically) instead of stdout\n"
    "  -h, --help           this help\n"
    "\n"
    "Without --ucdp/--brd/--ged/--acled the bundled synthetic data are used\n"
    "(datasets/synthetic), and the report says so. The verdict rule is\n"
    "printed with every report (README \"Claims\"). SOURCE_DATE_EPOCH fixes\n"
    "the run date.\n";

#define MAX_SRC 16

enum { OPT_CLAIMS = 0x300, OPT_UCDP, OPT_BRD, OPT_GED, OPT_ACLED, OPT_FORMAT,
       OPT_SPECS, OPT_COUNTRIES, OPT_PLOTS };

typedef struct src_arg { const char *paths[8]; size_t n; } src_arg;

int ct_cmd_claims(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"claims", required_argument, NULL, OPT_CLAIMS},
        {"ucdp", required_argument, NULL, OPT_UCDP},
        {"brd", required_argument, NULL, OPT_BRD},
        {"ged", required_argument, NULL, OPT_GED},
        {"acled", required_argument, NULL, OPT_ACLED},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"specifications", no_argument, NULL, OPT_SPECS},
        {"countries", required_argument, NULL, OPT_COUNTRIES},
        {"plots", required_argument, NULL, OPT_PLOTS},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    src_arg src[MAX_SRC];
    size_t n_src = 0, i, acled = MAX_SRC;
    const char *claims_path = NULL, *outpath = NULL, *geo_path = NULL;
    const char *plots = NULL;
    char claims_buf[4096];
    ct_claims_format fmt = CT_CLAIMS_TEXT;
    int specs = 0, c, rc = CT_EXIT_DATA, synthetic = 0;
    ct_claims *claims = NULL;
    ct_claims_data *data[MAX_SRC] = {0};
    ct_claims_result *res = NULL;
    ct_claims_options opt = CT_CLAIMS_OPTIONS_INIT;
    ct_output *out = NULL;
    ct_geo *geo = NULL;
    ct_error err;
    char date[32];
    time_t now;
    const char *sde = getenv("SOURCE_DATE_EPOCH");

    memset(src, 0, sizeof src);
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(HELP, stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_CLAIMS:
            claims_path = optarg;
            break;
        case OPT_COUNTRIES:
            geo_path = optarg;
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
        case OPT_UCDP:
        case OPT_BRD:
        case OPT_GED:
        case OPT_ACLED:
            if (c == OPT_ACLED && acled < MAX_SRC) {
                if (src[acled].n >= 8)
                    return ct_cli_usage_error("claims", "--acled: at most 8 files");
                src[acled].paths[src[acled].n++] = optarg;
                break;
            }
            if (n_src >= MAX_SRC)
                return ct_cli_usage_error("claims", "at most %d sources", MAX_SRC);
            if (c == OPT_ACLED)
                acled = n_src;
            src[n_src].paths[0] = optarg;
            src[n_src++].n = 1;
            if (c == OPT_ACLED) /* the files after --acled belong to it */
                while (optind < argc && argv[optind][0] != '-' &&
                       src[acled].n < 8)
                    src[acled].paths[src[acled].n++] = argv[optind++];
            break;
        default:
            fprintf(stderr, "Try 'ctrend claims --help' for more information.\n");
            return CT_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return ct_cli_usage_error("claims", "unexpected argument '%s' (data files follow --ucdp, --brd, --ged or --acled)", argv[optind]);
    if (n_src == 0) {
        static char p1[4096], p2[4096];
        snprintf(p1, sizeof p1, "%s", ct_cli_data_path("synthetic/acd_synthetic.csv"));
        snprintf(p2, sizeof p2, "%s", ct_cli_data_path("synthetic/acled_synthetic.csv"));
        src[0].paths[0] = p1;
        src[0].n = 1;
        src[1].paths[0] = p2;
        src[1].n = 1;
        n_src = 2;
        synthetic = 1;
    }
    if (claims_path == NULL) {
        snprintf(claims_buf, sizeof claims_buf, "%s", ct_cli_data_path("claims/article.json"));
        claims_path = claims_buf;
    }
    if (ct_claims_load(&claims, claims_path, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    /* reports name the bundled files as a user finds them in the
     * repository, not by this machine's path */
    if (claims_path == claims_buf &&
        ct_claims_set_display(claims, CT_CLI_BUNDLED_CLAIMS, &err) != CT_OK) {
        ct_cli_report(&err);
        ct_claims_free(claims);
        return CT_EXIT_DATA;
    }
    if ((geo = ct_cli_load_geo(geo_path)) == NULL)
        goto done;
    for (i = 0; i < n_src; i++)
        if (ct_claims_data_load(&data[i], src[i].paths,
                                synthetic ? CT_CLI_BUNDLED_DATA[i] : NULL,
                                src[i].n, geo, &err) != CT_OK) {
            ct_cli_report(&err);
            goto done;
        }
    if (sde && *sde)
        now = (time_t)strtoll(sde, NULL, 10);
    else
        now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    opt.run_date = date;
    opt.synthetic = synthetic;
    opt.keep_specs = 1;
    if (ct_claims_run(&res, claims, data, n_src, &opt, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (plots) {
        static const ct_plot_format PNG[1] = {CT_PLOT_PNG};
        ct_cli_claims_chart *charts = NULL;
        size_t n_charts = 0;
        if (mkdir(plots, 0777) != 0 && errno != EEXIST) {
            ct_cli_msg("cannot create '%s': %s", plots, strerror(errno));
            goto done;
        }
        if (ct_cli_claims_charts(res, plots, PNG, 1, &charts, &n_charts) != CT_EXIT_OK)
            goto done;
        free(charts);
    }
    if (ct_output_open(&out, outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (ct_claims_write(res, fmt, specs, ct_output_stream(out), &err) != CT_OK) {
        ct_output_abort(out);
        ct_cli_report(&err);
        goto done;
    }
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (synthetic)
        ct_cli_msg("claims: no data given, ran on the bundled synthetic data (give --ucdp FILE for real data)");
    rc = CT_EXIT_OK;
done:
    ct_claims_result_free(res);
    for (i = 0; i < n_src; i++)
        ct_claims_data_free(data[i]);
    ct_geo_free(geo);
    ct_claims_free(claims);
    return rc;
}

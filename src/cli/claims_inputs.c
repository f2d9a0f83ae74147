/* SPDX-License-Identifier: MIT
 * claims_inputs.c - the inputs `ctrend claims` and `ctrend report` share
 * (claims_inputs.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/claims_inputs.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

/* How reports name the bundled default inputs: by their repository paths,
 * not by the paths of this machine (the claims file, then the synthetic
 * ACD and ACLED exports, one file each). */
#define CT_CLI_BUNDLED_CLAIMS "datasets/claims/article.json (bundled)"
static const char *const CT_CLI_BUNDLED_DATA[2][1] = {
    {"datasets/synthetic/acd_synthetic.csv (bundled)"},
    {"datasets/synthetic/acled_synthetic.csv (bundled)"}};

void ct_cli_claims_init(ct_cli_claims_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->acled = CT_CLI_CLAIMS_MAX_SRC;
}

int ct_cli_claims_option(ct_cli_claims_inputs *in, const char *cmd, int c,
                         int argc, char **argv)
{
    size_t a;

    switch (c) {
    case CT_CLI_CLAIMS_OPT_CLAIMS:
        in->claims_path = optarg;
        return 1;
    case CT_CLI_CLAIMS_OPT_COUNTRIES:
        in->geo_path = optarg;
        return 1;
    case CT_CLI_CLAIMS_OPT_THREADS:
        if (ct_cli_threads_arg(cmd, optarg, &in->threads) != CT_EXIT_OK)
            return 100 + CT_EXIT_USAGE;
        return 1;
    case CT_CLI_CLAIMS_OPT_PRECISION:
        if (ct_cli_precision(cmd, optarg, &in->precision) != CT_EXIT_OK)
            return 100 + CT_EXIT_USAGE;
        return 1;
    case CT_CLI_CLAIMS_OPT_UCDP:
    case CT_CLI_CLAIMS_OPT_BRD:
    case CT_CLI_CLAIMS_OPT_GED:
    case CT_CLI_CLAIMS_OPT_ACLED:
        break;
    default:
        return 0;
    }
    if (c == CT_CLI_CLAIMS_OPT_ACLED && in->acled < CT_CLI_CLAIMS_MAX_SRC) {
        /* a second --acled adds to the first */
        a = in->acled;
        if (in->src[a].n >= CT_CLI_CLAIMS_MAX_FILES)
            return 100 + ct_cli_usage_error(cmd, "--acled: at most %d files",
                                            CT_CLI_CLAIMS_MAX_FILES);
        in->src[a].paths[in->src[a].n++] = optarg;
        return 1;
    }
    if (in->n_src >= CT_CLI_CLAIMS_MAX_SRC)
        return 100 + ct_cli_usage_error(cmd, "at most %d sources",
                                        CT_CLI_CLAIMS_MAX_SRC);
    a = in->n_src++;
    in->src[a].paths[0] = optarg;
    in->src[a].n = 1;
    if (c == CT_CLI_CLAIMS_OPT_ACLED) {
        in->acled = a;
        /* the files after --acled belong to it */
        while (optind < argc && argv[optind][0] != '-' &&
               in->src[a].n < CT_CLI_CLAIMS_MAX_FILES)
            in->src[a].paths[in->src[a].n++] = argv[optind++];
    }
    return 1;
}

int ct_cli_claims_run(ct_cli_claims_inputs *in, ct_claims_options *opt)
{
    static char claims_buf[4096], p1[4096], p2[4096];
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    ct_error err;
    time_t now;
    size_t i;

    if (sde && *sde) { /* reproducible builds: the run date it gives */
        long v;
        if (ct_cli_parse_long(sde, 0, LONG_MAX, &v) != 0) {
            ct_cli_msg("SOURCE_DATE_EPOCH: expected seconds since 1970, "
                       "got '%s'", sde);
            return CT_EXIT_DATA;
        }
        now = (time_t)v;
    } else {
        now = time(NULL);
    }
    if (in->n_src == 0) {
        snprintf(p1, sizeof p1, "%s",
                 ct_cli_data_path("synthetic/acd_synthetic.csv"));
        snprintf(p2, sizeof p2, "%s",
                 ct_cli_data_path("synthetic/acled_synthetic.csv"));
        in->src[0].paths[0] = p1;
        in->src[0].n = 1;
        in->src[1].paths[0] = p2;
        in->src[1].n = 1;
        in->n_src = 2;
        in->synthetic = 1;
    }
    if (in->claims_path == NULL) {
        snprintf(claims_buf, sizeof claims_buf, "%s",
                 ct_cli_data_path("claims/article.json"));
        in->claims_path = claims_buf;
    }
    if (ct_claims_load(&in->claims, in->claims_path, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    /* reports name the bundled files as a user finds them in the
     * repository, not by this machine's path */
    if (in->claims_path == claims_buf &&
        ct_claims_set_display(in->claims, CT_CLI_BUNDLED_CLAIMS, &err) !=
            CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    if ((in->geo = ct_cli_load_geo(in->geo_path)) == NULL)
        return CT_EXIT_DATA;
    for (i = 0; i < in->n_src; i++) {
        if (ct_claims_data_load_tap(&in->data[i], in->src[i].paths,
                                    in->synthetic ? CT_CLI_BUNDLED_DATA[i]
                                                  : NULL,
                                    in->src[i].n, in->geo, in->tap,
                                    in->tap_ctx, &err) != CT_OK) {
            ct_cli_report(&err);
            return CT_EXIT_DATA;
        }
        if (in->tap_end)
            in->tap_end(in->tap_ctx);
    }
    strftime(in->date, sizeof in->date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    opt->run_date = in->date;
    opt->synthetic = in->synthetic;
    opt->keep_specs = 1;
    opt->threads = in->threads ? in->threads : ct_cli_threads();
    if (ct_claims_run(&in->res, in->claims, in->data, in->n_src, opt, &err) !=
        CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    return CT_EXIT_OK;
}

void ct_cli_claims_free(ct_cli_claims_inputs *in)
{
    size_t i;
    ct_claims_result_free(in->res);
    for (i = 0; i < in->n_src; i++)
        ct_claims_data_free(in->data[i]);
    ct_geo_free(in->geo);
    ct_claims_free(in->claims);
    in->res = NULL;
    in->geo = NULL;
    in->claims = NULL;
    memset(in->data, 0, sizeof in->data);
}

/* SPDX-License-Identifier: MIT
 * claims_inputs.h - the inputs `ctrend claims` and `ctrend report` share:
 * the data options (--ucdp, --brd, --ged, --acled FILE...), the claims
 * file and the country table, the bundled defaults when no data is given,
 * and the claims run itself. One place, so that both commands read their
 * inputs the same way.
 */
#ifndef CT_CLI_CLAIMS_INPUTS_H
#define CT_CLI_CLAIMS_INPUTS_H

#include <stddef.h>

#include "ctrend/claims.h"
#include "ctrend/geo.h"

#define CT_CLI_CLAIMS_MAX_SRC 16   /* sources (data options)            */
#define CT_CLI_CLAIMS_MAX_FILES 8  /* files of one source               */

/* Help line of --threads (claims and report) */
#define CT_CLI_CLAIMS_HELP_THREADS                                           \
    "  --threads N          threads the specification curve is fitted on\n"\
    "                       (default: the CPUs, at most 8; CTREND_THREADS\n"\
    "                       too); the report is the same for any number\n"

/* getopt values of the shared options (each command numbers its own
 * options from CT_CLI_CLAIMS_OPT_END on) */
enum {
    CT_CLI_CLAIMS_OPT_CLAIMS = 0x300,
    CT_CLI_CLAIMS_OPT_UCDP,
    CT_CLI_CLAIMS_OPT_BRD,
    CT_CLI_CLAIMS_OPT_GED,
    CT_CLI_CLAIMS_OPT_ACLED,
    CT_CLI_CLAIMS_OPT_COUNTRIES,
    CT_CLI_CLAIMS_OPT_THREADS,
    CT_CLI_CLAIMS_OPT_PRECISION,
    CT_CLI_CLAIMS_OPT_END
};

#define CT_CLI_CLAIMS_LONGOPTS                                               \
    {"claims", required_argument, NULL, CT_CLI_CLAIMS_OPT_CLAIMS},           \
    {"ucdp", required_argument, NULL, CT_CLI_CLAIMS_OPT_UCDP},               \
    {"brd", required_argument, NULL, CT_CLI_CLAIMS_OPT_BRD},                 \
    {"ged", required_argument, NULL, CT_CLI_CLAIMS_OPT_GED},                 \
    {"acled", required_argument, NULL, CT_CLI_CLAIMS_OPT_ACLED},             \
    {"countries", required_argument, NULL, CT_CLI_CLAIMS_OPT_COUNTRIES},      \
    {"threads", required_argument, NULL, CT_CLI_CLAIMS_OPT_THREADS},         \
    {"precision", required_argument, NULL, CT_CLI_CLAIMS_OPT_PRECISION}

typedef struct ct_cli_claims_inputs {
    struct {
        const char *paths[CT_CLI_CLAIMS_MAX_FILES]; /* as given          */
        size_t n;
    } src[CT_CLI_CLAIMS_MAX_SRC];   /* one per data option, in order     */
    size_t n_src;
    size_t acled;                   /* index of the --acled source, or
                                       CT_CLI_CLAIMS_MAX_SRC             */
    const char *claims_path;        /* the claims file read              */
    const char *geo_path;           /* --countries, or NULL              */
    size_t threads;                 /* --threads, 0: ct_cli_threads()    */
    int precision;                  /* --precision (1-17), 0: not given  */
    int synthetic;                  /* 1: the bundled synthetic data     */
    /* a reader of the first file of each source (NULL: none), handed its
     * observations as they are read (ct_claims_data_load_tap); tap_end
     * (may be NULL) is called after each source */
    ct_obs_fn tap;
    void (*tap_end)(void *ctx);
    void *tap_ctx;
    /* filled by ct_cli_claims_run (owned; ct_cli_claims_free) */
    ct_claims *claims;
    ct_geo *geo;
    ct_claims_data *data[CT_CLI_CLAIMS_MAX_SRC];
    ct_claims_result *res;
    char date[32];                  /* the run date, ISO 8601            */
} ct_cli_claims_inputs;

void ct_cli_claims_init(ct_cli_claims_inputs *in);

/* Takes getopt's c (and optarg) when it is one of the shared options:
 * returns 1 when taken, 0 when c is not a shared option, or
 * CT_EXIT_USAGE + 100 after printing a usage error (so callers test > 1).
 * The files after --acled up to the next option belong to it. */
int ct_cli_claims_option(ct_cli_claims_inputs *in, const char *cmd, int c,
                         int argc, char **argv);

/* Fills the defaults (the bundled synthetic data when no data option was
 * given; the bundled claims file), loads the claims file, the country
 * table and every source, and runs the claims with opt (run date from
 * SOURCE_DATE_EPOCH or now). Prints what fails; returns CT_EXIT_OK or
 * CT_EXIT_DATA. */
int ct_cli_claims_run(ct_cli_claims_inputs *in, ct_claims_options *opt);

/* Frees what ct_cli_claims_run made. */
void ct_cli_claims_free(ct_cli_claims_inputs *in);

#endif /* CT_CLI_CLAIMS_INPUTS_H */

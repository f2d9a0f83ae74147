/* SPDX-License-Identifier: MIT
 * cmd_generate.c - `ctrend generate --layout acd|acled|ged|truth`: writes
 * a seeded synthetic export with known trends (gen.h) to stdout or, through
 * an atomic ct_output, to -o FILE.
 */
#include "cmd_generate.h"

#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/error.h"
#include "ctrend/gen.h"
#include "ctrend/output.h"
#include "cli/cli.h"

static const char USAGE[] =
    "Usage: ctrend generate --layout LAYOUT [OPTION]...\n"
    "Write a synthetic armed-conflict export with known trends.\n"
    "\n"
    "  -l, --layout LAYOUT  acd (UCDP/PRIO ACD v23.1 conflict-years),\n"
    "                       acled (ACLED current 31-column events),\n"
    "                       ged (UCDP GED events) or truth (the trend cells)\n"
    "  -s, --seed N         random seed (default 42); same seed, same bytes\n"
    "  -n, --rows N         expected number of rows: scales every mean\n"
    "                       (defaults: acd natural size, acled 3500, ged 20000)\n"
    "      --from YEAR      first year (default 1989)\n"
    "      --to YEAR        last year (default 2023)\n"
    "  -o, --output FILE    write FILE atomically (default: standard output)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "GED state-based events join (conflict_new_id) to the ACD file of the\n"
    "same seed and years made without --rows. The truth table matches files\n"
    "made with the same options; see datasets/synthetic/README.md.\n"
    "\n"
    "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n";

enum { OPT_FROM = 256, OPT_TO };

static const char CMD[] = "generate";

int ct_cmd_generate(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"layout", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 's'},
        {"rows", required_argument, NULL, 'n'},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ct_gen_options opt = CT_GEN_OPTIONS_INIT;
    ct_gen_layout layout = (ct_gen_layout)0;
    const char *path = NULL;
    ct_output *o = NULL;
    ct_error err;
    uint64_t v;
    int c, rc;

    ct_error_clear(&err);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":l:s:n:o:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'l':
            layout = ct_gen_layout_parse(optarg);
            if (layout == 0)
                return ct_cli_usage_error(CMD, "invalid --layout '%s' "
                                          "(expected acd, acled, ged or "
                                          "truth)", optarg);
            break;
        case 's':
            if (ct_cli_parse_u64(optarg, UINT64_MAX, &v) != 0)
                return ct_cli_usage_error(CMD, "invalid --seed '%s' "
                                          "(expected a non-negative "
                                          "integer)", optarg);
            opt.seed = v;
            break;
        case 'n':
            if (ct_cli_parse_u64(optarg, ULONG_MAX, &v) != 0 || v == 0)
                return ct_cli_usage_error(CMD, "invalid --rows '%s' "
                                          "(expected a positive integer)",
                                          optarg);
            opt.rows = (unsigned long)v;
            break;
        case OPT_FROM:
        case OPT_TO:
            if (ct_cli_parse_u64(optarg, 2100, &v) != 0 || v < 1946)
                return ct_cli_usage_error(CMD, "invalid --%s '%s' (expected "
                                          "a year 1946-2100)",
                                          c == OPT_FROM ? "from" : "to",
                                          optarg);
            if (c == OPT_FROM)
                opt.from_year = (int)v;
            else
                opt.to_year = (int)v;
            break;
        case 'o':
            path = optarg;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return fflush(stdout) == 0 ? CT_EXIT_OK : CT_EXIT_DATA;
        default:
            return ct_cli_option_error(CMD, c, argv);
        }
    }
    if (optind < argc)
        return ct_cli_usage_error(CMD, "unexpected argument '%s'",
                                  argv[optind]);
    if (layout == 0)
        return ct_cli_usage_error(CMD, "missing --layout");
    if (opt.from_year > opt.to_year)
        return ct_cli_usage_error(CMD, "--from %d is after --to %d",
                                  opt.from_year, opt.to_year);

    rc = ct_output_open(&o, path, &err);
    if (rc == CT_OK) {
        rc = ct_gen_write(ct_output_stream(o), layout, &opt, &err);
        if (rc == CT_OK)
            rc = ct_output_commit(o, &err);
        else
            rc = ct_output_fail(o, rc, &err);
    }
    if (rc != CT_OK) {
        ct_cli_report(&err);
        return rc == CT_EUSAGE ? ct_cli_try_help(CMD) : CT_EXIT_DATA;
    }
    return CT_EXIT_OK;
}

/* SPDX-License-Identifier: MIT
 * cmd_generate.c - `ctrend generate --layout acd|acled|ged|truth`: writes
 * a seeded synthetic export with known trends (gen.h) to stdout or, through
 * an atomic ct_output, to -o FILE.
 */
#include "cmd_generate.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
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

static int usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "ctrend: MESSAGE" and the help hint; returns exit status 2. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("ctrend: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'ctrend generate --help'\n", stderr);
    return 2;
}

/* Decimal digits only, no sign; 0 on success. */
static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v;

    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

enum { OPT_FROM = 256, OPT_TO };

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
                return usage_error("invalid --layout '%s' (expected acd, "
                                   "acled, ged or truth)", optarg);
            break;
        case 's':
            if (parse_u64(optarg, UINT64_MAX, &v) != 0)
                return usage_error("invalid --seed '%s' (expected a "
                                   "non-negative integer)", optarg);
            opt.seed = v;
            break;
        case 'n':
            if (parse_u64(optarg, ULONG_MAX, &v) != 0 || v == 0)
                return usage_error("invalid --rows '%s' (expected a "
                                   "positive integer)", optarg);
            opt.rows = (unsigned long)v;
            break;
        case OPT_FROM:
        case OPT_TO:
            if (parse_u64(optarg, 9999, &v) != 0 || v < 1946 || v > 2100)
                return usage_error("invalid --%s '%s' (expected a year "
                                   "1946-2100)",
                                   c == OPT_FROM ? "from" : "to", optarg);
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
            return fflush(stdout) == 0 ? 0 : 1;
        default:
            return ct_cli_option_error("generate", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    if (layout == 0)
        return usage_error("missing --layout");
    if (opt.from_year > opt.to_year)
        return usage_error("--from %d is after --to %d", opt.from_year,
                           opt.to_year);

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
        if (rc == CT_EUSAGE) {
            fputs("Try 'ctrend generate --help'\n", stderr);
            return 2;
        }
        return 1;
    }
    return 0;
}

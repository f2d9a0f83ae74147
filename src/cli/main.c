/* SPDX-License-Identifier: MIT
 * main.c - the ctrend command: global options and subcommand dispatch.
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_claims.h"
#include "cli/cmd_fit.h"
#include "cli/cmd_generate.h"
#include "cli/cmd_plot.h"
#include "cli/cmd_report.h"

static const char USAGE[] =
    "Usage: ctrend COMMAND [OPTIONS] [FILE...]\n"
    "Armed-conflict trends from UCDP and ACLED exports.\n"
    "\n"
    "Commands:\n"
    "  inspect   what each file is: dataset, version, rows, years, classes,\n"
    "            problems\n"
    "  series    zero-filled series of conflicts, events or deaths per year\n"
    "            or month, by class, region, subregion, country, event type\n"
    "  fit       trend models on a series: OLS (Newey-West), Poisson,\n"
    "            quasi-Poisson, negative binomial, Mann-Kendall, Sen,\n"
    "            segmented, period comparison, bootstrap, window scan\n"
    "  claims    check published claims about conflict trends: verdicts,\n"
    "            effects, specification curve, plain-language readings\n"
    "  plot      charts drawn with gnuplot: trends, classes, compare,\n"
    "            deaths, specification\n"
    "  report    a complete report folder: Markdown, HTML with charts, JSON,\n"
    "            CSV tables, manifest\n"
    "  generate  seeded synthetic exports (ACD, ACLED, GED layouts) with\n"
    "            known trends, and their truth table\n"
    "\n"
    "  ctrend COMMAND --help   options of a command\n"
    "  ctrend --version        version\n"
    "\n"
    "Files are CSV exports as downloaded (UCDP ACD, BRD, Non-State,\n"
    "One-Sided, GED; ACLED current, Export Tool, legacy and HDX layouts);\n"
    "with no FILE or '-', standard input is read.\n"
    "\n"
    "Exit status: 0 success, 1 data or input/output error, 2 usage error.\n";

int main(int argc, char **argv)
{
    const char *cmd;

    /* GSL's default handler aborts; the library checks every status. */
    gsl_set_error_handler_off();
    if (argc < 2)
        return ct_cli_usage_error(NULL, "missing command");
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(USAGE, stdout);
        return CT_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("ctrend %s\n", ct_version());
        return CT_EXIT_OK;
    }
    if (strcmp(cmd, "inspect") == 0)
        return ct_cmd_inspect(argc - 1, argv + 1);
    if (strcmp(cmd, "series") == 0)
        return ct_cmd_series(argc - 1, argv + 1);
    if (strcmp(cmd, "fit") == 0)
        return ct_cmd_fit(argc - 1, argv + 1);
    if (strcmp(cmd, "claims") == 0)
        return ct_cmd_claims(argc - 1, argv + 1);
    if (strcmp(cmd, "plot") == 0)
        return ct_cmd_plot(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return ct_cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "generate") == 0)
        return ct_cmd_generate(argc - 1, argv + 1);
    return ct_cli_usage_error(NULL, "unknown command '%s'", cmd);
}

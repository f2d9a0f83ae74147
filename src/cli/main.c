/* SPDX-License-Identifier: MIT
 * main.c - the ctrend command: global options and subcommand dispatch,
 * removal of temporary output files on SIGINT/SIGTERM/SIGHUP, and the
 * final check that standard output was written (as GNU close_stdout).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <signal.h>
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
    "  ctrend COMMAND --help   options of a command (also: ctrend help\n"
    "                          COMMAND)\n"
    "  ctrend --version        version\n"
    "\n"
    "Files are CSV exports as downloaded (UCDP ACD, BRD, Non-State,\n"
    "One-Sided, GED; ACLED current, Export Tool, legacy and HDX layouts);\n"
    "with no FILE or '-', standard input is read.\n"
    "\n"
    "Exit status: 0 success, 1 data or input/output error, 2 usage error.\n";

/* Removes the temporary files of unfinished -o outputs, then dies of
 * the same signal (the handler is reset by SA_RESETHAND). */
static void on_signal(int sig)
{
    ct_output_remove_temps();
    raise(sig);
}

static void catch_signals(void)
{
    static const int SIGS[] = {SIGINT, SIGTERM, SIGHUP};
    size_t i;
    for (i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++) {
        struct sigaction sa, old;
        /* a signal ignored by the parent (nohup) stays ignored */
        if (sigaction(SIGS[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGS[i], &sa, NULL);
    }
}

/* 0 when everything written to stdout reached it; else prints the cause
 * and returns 1 (a full disk, /dev/full, a closed pipe's EPIPE). */
static int close_stdout(void)
{
    int bad = ferror(stdout) != 0, e = 0;
    errno = 0;
    if (fclose(stdout) != 0) {
        bad = 1;
        e = errno;
    }
    if (!bad)
        return 0;
    if (e)
        ct_cli_msg("standard output: write error: %s", strerror(e));
    else
        ct_cli_msg("standard output: write error");
    return 1;
}

static int dispatch(int argc, char **argv)
{
    const char *cmd;

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
    if (strcmp(cmd, "help") == 0) {
        /* ctrend help [COMMAND]: as ctrend [COMMAND] --help */
        static char help[] = "--help";
        char *hargv[3];
        if (argc == 2) {
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        }
        if (argc > 3)
            return ct_cli_usage_error(NULL, "help takes one COMMAND, not "
                                      "%d words", argc - 2);
        if (strcmp(argv[2], "help") == 0) {
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        }
        hargv[0] = argv[0];
        hargv[1] = argv[2];
        hargv[2] = help;
        if (strcmp(argv[2], "inspect") && strcmp(argv[2], "series") &&
            strcmp(argv[2], "fit") && strcmp(argv[2], "generate"))
            return ct_cli_usage_error(NULL, "unknown command '%s' (commands: "
                                      "inspect, series, fit, generate)",
                                      argv[2]);
        return dispatch(3, hargv);
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
    return ct_cli_usage_error(NULL, "unknown command '%s' (commands: "
                              "inspect, series, fit, generate, help)", cmd);
}

int main(int argc, char **argv)
{
    int rc;

    /* GSL's default handler aborts; the library checks every status. */
    gsl_set_error_handler_off();
    catch_signals();
    rc = dispatch(argc, argv);
    if (close_stdout() != 0 && rc == CT_EXIT_OK)
        rc = CT_EXIT_DATA;
    return rc;
}

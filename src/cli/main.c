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

/* The commands: name, entry point and the lines `ctrend --help` shows for
 * it (the first beside the name, the others indented under it). */
typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command COMMANDS[] = {
    {"inspect", ct_cmd_inspect,
     "what each file is: dataset, version, rows, years, classes,\n"
     "problems"},
    {"series", ct_cmd_series,
     "zero-filled series of conflicts, events or deaths per year\n"
     "or month, by class, region, subregion, country, event type"},
    {"fit", ct_cmd_fit,
     "trend models on a series: OLS (Newey-West), Poisson,\n"
     "quasi-Poisson, negative binomial, Mann-Kendall, Sen,\n"
     "segmented, period comparison, bootstrap, window scan"},
    {"claims", ct_cmd_claims,
     "check published claims about conflict trends: verdicts,\n"
     "effects, specification curve, plain-language readings"},
    {"plot", ct_cmd_plot,
     "charts drawn with gnuplot: trends, classes, compare,\n"
     "deaths, specification"},
    {"report", ct_cmd_report,
     "a complete report folder: Markdown, HTML with charts, JSON,\n"
     "CSV tables, manifest"},
    {"generate", ct_cmd_generate,
     "seeded synthetic exports (ACD, ACLED, GED layouts) with\n"
     "known trends, and their truth table"},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const char USAGE_HEAD[] =
    "Usage: ctrend COMMAND [OPTIONS] [FILE...]\n"
    "Armed-conflict trends from UCDP and ACLED exports.\n"
    "\n"
    "Commands:\n";

static const char USAGE_TAIL[] =
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

/* `ctrend --help`, made from the command table */
static void usage(void)
{
    size_t i;
    fputs(USAGE_HEAD, stdout);
    for (i = 0; i < N_COMMANDS; i++) {
        const char *p = COMMANDS[i].summary, *nl;
        printf("  %-9s ", COMMANDS[i].name);
        while ((nl = strchr(p, '\n')) != NULL) {
            printf("%.*s\n            ", (int)(nl - p), p);
            p = nl + 1;
        }
        printf("%s\n", p);
    }
    fputs(USAGE_TAIL, stdout);
}

static const command *find_command(const char *name)
{
    size_t i;
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

/* "inspect, series, ..." for messages */
static const char *command_list(void)
{
    static char buf[256];
    size_t i, len = 0;
    for (i = 0; i < N_COMMANDS && len < sizeof buf; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                                i ? ", " : "", COMMANDS[i].name);
    return buf;
}

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

/* CT_EXIT_OK when everything written to stdout reached it; else prints
 * the cause and returns CT_EXIT_DATA (a full disk, /dev/full, a closed
 * pipe's EPIPE). */
static int close_stdout(void)
{
    int bad = ferror(stdout) != 0, e = 0;
    errno = 0;
    if (fclose(stdout) != 0) {
        bad = 1;
        e = errno;
    }
    if (!bad)
        return CT_EXIT_OK;
    if (e)
        ct_cli_msg("standard output: write error: %s", strerror(e));
    else
        ct_cli_msg("standard output: write error");
    return CT_EXIT_DATA;
}

static int dispatch(int argc, char **argv)
{
    const char *cmd;
    const command *c;

    if (argc < 2)
        return ct_cli_usage_error(NULL, "missing command");
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage();
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
        if (argc == 2 || (argc == 3 && strcmp(argv[2], "help") == 0)) {
            usage();
            return CT_EXIT_OK;
        }
        if (argc > 3)
            return ct_cli_usage_error(NULL, "help takes one COMMAND, not "
                                      "%d words", argc - 2);
        if (find_command(argv[2]) == NULL)
            return ct_cli_usage_error(NULL, "unknown command '%s' (commands: "
                                      "%s)", argv[2], command_list());
        hargv[0] = argv[0];
        hargv[1] = argv[2];
        hargv[2] = help;
        return dispatch(3, hargv);
    }
    if ((c = find_command(cmd)) != NULL)
        return c->run(argc - 1, argv + 1);
    return ct_cli_usage_error(NULL, "unknown command '%s' (commands: "
                              "%s, help)", cmd, command_list());
}

int main(int argc, char **argv)
{
    int rc;

    /* GSL's default handler aborts; the library checks every status. */
    gsl_set_error_handler_off();
    catch_signals();
    rc = dispatch(argc, argv);
    if (close_stdout() != CT_EXIT_OK && rc == CT_EXIT_OK)
        rc = CT_EXIT_DATA;
    return rc;
}

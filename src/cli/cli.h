/* SPDX-License-Identifier: MIT
 * cli.h - what the ctrend subcommands share: messages, exit codes, the
 * data folder, list options. Only the CLI prints or exits.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

#include <stddef.h>

#include "ctrend/ctrend.h"

/* Exit codes (README "Exit codes"). */
enum { CT_EXIT_OK = 0, CT_EXIT_DATA = 1, CT_EXIT_USAGE = 2 };

/* "ctrend: FILE:LINE: message" on stderr. */
void ct_cli_report(const ct_error *err);
/* "ctrend: message" on stderr (printf-style). */
void ct_cli_msg(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints "ctrend: message" and "Try 'ctrend CMD --help'"; returns 2. */
int ct_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Path of a reference file (e.g. "countries.csv"): $CTREND_DATADIR, the
 * source tree's datasets/ (when it exists), or the installed share
 * folder. Returns a static buffer. */
const char *ct_cli_data_path(const char *file);
/* Loads the country table (path NULL: the default one); prints and
 * returns NULL on failure. */
ct_geo *ct_cli_load_geo(const char *path);

/* Splits a comma-separated list in place into at most max items;
 * returns the count, or -1 when there are more than max. */
int ct_cli_split(char *s, char **items, int max);
/* Parses a year 1900-2100; returns 0 on success. */
int ct_cli_year(const char *s, int *out);

/* Progress bar on stderr for inputs over 50 MB when stderr is a
 * terminal: bytes, rate, time left. Pass as ct_load_options.progress
 * with a ct_cli_progress as its context; ct_cli_progress_end clears the
 * line. */
typedef struct ct_cli_progress {
    int enabled;          /* 0: silent (--quiet, or not a terminal)  */
    int shown;            /* something was drawn                     */
    double t0;            /* start time, seconds                     */
    const char *name;     /* file being read                         */
} ct_cli_progress;
void ct_cli_progress_init(ct_cli_progress *p, const char *name, int quiet);
void ct_cli_progress_cb(unsigned long long done, unsigned long long total,
                        void *ctx);
void ct_cli_progress_end(ct_cli_progress *p);
/* Threads to use: CTREND_THREADS, else the online CPUs (at most 8). */
size_t ct_cli_threads(void);

/* Subcommands: each takes argc/argv starting at its own name. */
int ct_cmd_inspect(int argc, char **argv);
int ct_cmd_series(int argc, char **argv);

#endif

/* SPDX-License-Identifier: MIT
 * cli.h - what the ctrend subcommands share: messages, exit codes, the
 * data folder, list options. Only the CLI prints or exits.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

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
/* Prints "ctrend: message" and the hint of ct_cli_try_help; returns
 * CT_EXIT_USAGE. */
int ct_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The one hint after a usage error: "Try 'ctrend CMD --help' for more
 * information." (cmd NULL: 'ctrend --help'); returns CT_EXIT_USAGE. */
int ct_cli_try_help(const char *cmd);

/* Handles getopt_long's ':' (missing value) and '?' (unknown option)
 * results c for `ctrend cmd`: names the option as the user typed it (the
 * "-x" of "-x.csv", the "--foo" of "--foo=1"); returns 2. */
int ct_cli_option_error(const char *cmd, int c, char **argv);
/* path, or (when it holds control characters, e.g. a newline) a quoted
 * and escaped copy in buf, so that a message stays one line. */
const char *ct_cli_display_name(const char *path, char *buf, size_t n);

/* Path of a reference file (e.g. "countries.csv"): $CTREND_DATADIR, else
 * the first that exists of ../share/ctrend beside the running binary (an
 * install at any prefix), the source tree's datasets/ (the build tree),
 * and the configured install folder. Returns a static buffer. */
const char *ct_cli_data_path(const char *file);
/* Loads the country table (path NULL: the default one); prints and
 * returns NULL on failure. */
ct_geo *ct_cli_load_geo(const char *path);

/* Splits a comma-separated list in place into at most max items;
 * returns the count, or -1 when there are more than max. */
int ct_cli_split(char *s, char **items, int max);
/* The one integer parser of the command line: decimal digits only (no
 * sign, blank, '+' or base prefix), at most max; 0 on success, -1 when s
 * is not such a number or overflows. */
int ct_cli_parse_u64(const char *s, uint64_t max, uint64_t *out);
/* ct_cli_parse_u64 with an optional leading '-', within [lo, hi]. */
int ct_cli_parse_long(const char *s, long lo, long hi, long *out);
/* Parses a year 1900-2100; returns 0 on success. */
int ct_cli_year(const char *s, int *out);
/* Most threads --threads and CTREND_THREADS accept. */
#define CT_CLI_MAX_THREADS 64
/* Reads --precision (significant digits 1-17) of command cmd: CT_EXIT_OK,
 * or the one usage error for it (printed; CT_EXIT_USAGE). */
int ct_cli_precision(const char *cmd, const char *s, int *out);
/* Reads --threads (1 to CT_CLI_MAX_THREADS) of command cmd: CT_EXIT_OK,
 * or the one usage error for it (printed; CT_EXIT_USAGE). */
int ct_cli_threads_arg(const char *cmd, const char *s, size_t *out);

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
/* The same bar for a fit (ct_fit_spec.progress, a ct_cli_progress as its
 * context): drawn only on a terminal, and only once the fit has run for a
 * second. */
void ct_cli_fit_progress_cb(unsigned long long done, unsigned long long total,
                            void *ctx);
void ct_cli_progress_end(ct_cli_progress *p);
/* Threads to use: CTREND_THREADS, else the online CPUs (at most 8). */
size_t ct_cli_threads(void);

/* ---- series options, shared by `ctrend series` and `ctrend fit` ----
 * A command lists CT_CLI_SERIES_LONGOPTS in its getopt_long table (and
 * "q" in its short options), hands every option to ct_cli_series_option
 * first, and builds its series with ct_cli_series_build. --from, --to,
 * --format and -o stay with each command: their meaning differs. */

/* getopt_long codes of the series options (above any command's own). */
enum {
    CT_CLI_OPT_BY = 0x200, CT_CLI_OPT_MEASURE, CT_CLI_OPT_ESTIMATE,
    CT_CLI_OPT_GROUP, CT_CLI_OPT_CLASS, CT_CLI_OPT_REGION,
    CT_CLI_OPT_SUBREGION, CT_CLI_OPT_COUNTRY, CT_CLI_OPT_SCHEME,
    CT_CLI_OPT_DATASET, CT_CLI_OPT_SKIP_BAD, CT_CLI_OPT_COUNTRIES,
    CT_CLI_OPT_JOIN, CT_CLI_OPT_THREADS, CT_CLI_OPT_COVERAGE,
    CT_CLI_OPT_DATE_ORDER,
    CT_CLI_OPT_STRICT
};

#define CT_CLI_SERIES_LONGOPTS                                               \
    {"by", required_argument, NULL, CT_CLI_OPT_BY},                          \
    {"measure", required_argument, NULL, CT_CLI_OPT_MEASURE},                \
    {"estimate", required_argument, NULL, CT_CLI_OPT_ESTIMATE},              \
    {"group", required_argument, NULL, CT_CLI_OPT_GROUP},                    \
    {"class", required_argument, NULL, CT_CLI_OPT_CLASS},                    \
    {"region", required_argument, NULL, CT_CLI_OPT_REGION},                  \
    {"subregion", required_argument, NULL, CT_CLI_OPT_SUBREGION},            \
    {"country", required_argument, NULL, CT_CLI_OPT_COUNTRY},                \
    {"scheme", required_argument, NULL, CT_CLI_OPT_SCHEME},                  \
    {"dataset", required_argument, NULL, CT_CLI_OPT_DATASET},                \
    {"skip-bad", no_argument, NULL, CT_CLI_OPT_SKIP_BAD},                    \
    {"countries", required_argument, NULL, CT_CLI_OPT_COUNTRIES},            \
    {"join", required_argument, NULL, CT_CLI_OPT_JOIN},                      \
    {"threads", required_argument, NULL, CT_CLI_OPT_THREADS},                \
    {"coverage", required_argument, NULL, CT_CLI_OPT_COVERAGE},              \
    {"date-order", required_argument, NULL, CT_CLI_OPT_DATE_ORDER},          \
    {"strict", no_argument, NULL, CT_CLI_OPT_STRICT},                        \
    {"quiet", no_argument, NULL, 'q'}

/* Help lines of the series options, in the order `ctrend series --help`
 * shows them (--measure, --from/--to, --format and -o are the command's). */
#define CT_CLI_HELP_BY                                                       \
    "  --by year|month          period (default year)\n"
#define CT_CLI_HELP_SELECT                                                   \
    "  --estimate best|low|high death estimate (default best)\n"             \
    "  --group KEY[,KEY...]     keys: class, region, subregion, country,\n"  \
    "                           event_type\n"                                \
    "  --class LIST             keep these classes: extrasystemic,\n"        \
    "                           interstate, intrastate, internationalized,\n"\
    "                           nonstate, onesided, statebased,\n"           \
    "                           unclassified, other; 'intra' means\n"        \
    "                           intrastate,internationalized\n"              \
    "  --region LIST            UCDP regions: Europe, Middle East, Asia,\n"  \
    "                           Africa, Americas (or codes 1-5)\n"           \
    "  --subregion LIST         subregions of the chosen --scheme\n"         \
    "  --country LIST           country names, ISO3 codes or GW numbers\n"
#define CT_CLI_HELP_SCHEME                                                   \
    "  --scheme acled|un        subregion scheme (default acled)\n"          \
    "  --coverage acled|data|none  periods outside what the files cover\n"  \
    "                           are NA: acled (default) also before the\n"  \
    "                           ACLED start of a region, data only by the\n"\
    "                           files' spans, none zero-fills everything\n"
#define CT_CLI_HELP_LOAD                                                     \
    "  --dataset NAME           force the dataset: acd, brd, nonstate,\n"    \
    "                           onesided, ged, acled, hapi\n"                \
    "  --skip-bad               skip bad records (and report how many)\n"   \
    "  --join FILE              UCDP/PRIO ACD or BRD file giving GED\n"      \
    "                           state-based events their class (by\n"        \
    "                           conflict id and year); without it they\n"    \
    "                           are `statebased`\n"                          \
    "  --countries FILE         country table (default: the installed one)\n"\
    "  --date-order dmy|mdy     order of slash dates like 03/02/2021\n"      \
    "                           (default: decided once from the whole file;\n"\
    "                           a file proving both orders is refused)\n"    \
    "  --strict                 refuse a row whose year disagrees with its\n"\
    "                           date, or whose death estimates are not\n"    \
    "                           low <= best <= high (default: warn)\n"
#define CT_CLI_HELP_THREADS                                                  \
    "  --threads N              threads for reading a large file (default:\n"\
    "                           the CPUs, at most 8; CTREND_THREADS too)\n"  \
    "  -q, --quiet              no progress bar\n"

/* The values --dataset takes, for messages. */
#define CT_CLI_DATASETS                                                      \
    "datasets: acd, brd, nonstate, onesided, ged, acled, hapi"

/* Most items of a --region, --subregion, --country or --class list. */
#define CT_CLI_MAX_LIST 256

/* The series options given on the command line. */
typedef struct ct_cli_series_args {
    ct_series_options so;  /* selection; from/to are the command's; geo
                              and dedup are set by ct_cli_series_build  */
    ct_load_options lo;    /* dataset, skip_bad; the rest is set by
                              ct_cli_series_build                       */
    char *regions[CT_CLI_MAX_LIST];    /* --region items (in argv)      */
    char *subregions[CT_CLI_MAX_LIST]; /* --subregion items             */
    char *countries[CT_CLI_MAX_LIST];  /* --country items               */
    const char *geo_path;  /* --countries, NULL: the default table      */
    const char *join_path; /* --join, NULL: none                        */
    size_t nthreads;       /* --threads, 0: ct_cli_threads()            */
    int quiet;             /* -q: no progress bar                       */
    int max_measures;      /* measures --measure may list (1 to 3)      */
    const char *selection; /* the first option given that shapes the
                              series (all but --countries, --threads
                              and -q), e.g. "--group"; NULL: none       */
    char sel_text[512];    /* the selecting options as given, for
                              messages: "--class interstate --region
                              Americas" ("" when none; cut when long)  */
} ct_cli_series_args;

/* Defaults (those of `ctrend series`); max_measures is 3 for series, 1
 * for commands that use one measure. */
void ct_cli_series_args_init(ct_cli_series_args *a, int max_measures);
/* Handles option c (a getopt_long code) with argument arg (borrowed: the
 * lists point into it). Returns 0 when handled, -1 when c is not a series
 * option, or CT_EXIT_USAGE after printing a usage error for `ctrend cmd`. */
int ct_cli_series_option(ct_cli_series_args *a, const char *cmd, int c,
                         char *arg);
/* Builds one series from export files as `ctrend series` does: loads the
 * country table and the --join file, reads the files into one series
 * (several add up; a record id seen in several files counts once; a
 * large file is read on a->nthreads threads) and reports skipped and
 * duplicate records on stderr. files holds nfiles paths ("-": standard
 * input; nfiles 0: standard input); names (may be NULL, or hold NULLs)
 * the names to show for them instead. a->so.from and a->so.to must be
 * set. Returns CT_EXIT_OK with *out set (free with ct_series_free), or
 * prints the error and returns the exit status with *out NULL. */
int ct_cli_series_build(ct_series **out, ct_cli_series_args *a,
                        const char *cmd, char *const *files,
                        const char *const *names, int nfiles);

/* "the selection (--class x --from 2000)" for messages about an empty
 * result: a's selecting options, then " --from FROM" and " --to TO" when
 * given (0: not given); "the data" when there is none. Returns buf. */
const char *ct_cli_selection_text(const ct_cli_series_args *a, int from,
                                  int to, char *buf, size_t n);

/* Refuses -o outpath (NULL: stdout, nothing to check) when it is the same
 * file as one of the inputs (files, or standard input when nfiles is 0,
 * and a's --join and --countries files when a is not NULL): prints the
 * error and returns CT_EXIT_USAGE; CT_EXIT_OK otherwise. Call it before
 * reading the inputs. */
int ct_cli_check_output(const char *cmd, const char *outpath,
                        char *const *files, int nfiles,
                        const ct_cli_series_args *a);

/* Subcommands: each takes argc/argv starting at its own name. */
int ct_cmd_inspect(int argc, char **argv);
int ct_cmd_series(int argc, char **argv);


#endif

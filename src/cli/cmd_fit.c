/* SPDX-License-Identifier: MIT
 * cmd_fit.c - `ctrend fit`: fits a trend model or test to every group of a
 * series and prints the results as text, CSV or JSON. A series comes from
 * a `ctrend series` CSV (period,[keys,]value; ct_series_read_csv) or is
 * built from UCDP/ACLED exports with the series options of `ctrend series`
 * (ct_cli_series_build). The fitting is ct_fit_series (src/fit), the
 * writers are the report module's (ctrend/report.h); this file reads
 * the options and the inputs and prints the messages.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cmd_fit.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ctrend/error.h"
#include "ctrend/fit.h"
#include "ctrend/output.h"
#include "ctrend/report.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"

/* double-typed NAN and INFINITY (the C macros are float) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

enum format { F_TEXT, F_CSV, F_JSON };

typedef struct fit_config {
    ct_fit_spec spec;            /* the model and its options         */
    const char *value_col;
    enum format format;
    int precision;
    int adjust;                  /* -1 none, else ct_padjust_method   */
    int quiet;                   /* -q: no progress bar               */
} fit_config;

/* ------------------------------------------------------------ helpers --- */

/* the index of s in the NULL-ended names; past the end when absent */
static size_t pick(const char *s, const char *const *names)
{
    size_t k;
    for (k = 0; names[k] && strcmp(s, names[k]) != 0; k++)
        ;
    return names[k] ? k : k + 1;
}

static const char *const FORMAT_NAMES[] = { "text", "csv", "json", NULL };
static const char *const ADJUST_NAMES[] = { "none", "holm", "bh", NULL };

/* --------------------------------------------------------------- main --- */

enum {
    OPT_MODEL = 256, OPT_FROM, OPT_TO, OPT_LEVEL, OPT_HAC, OPT_CORR,
    OPT_FAMILY, OPT_BREAKS, OPT_PERIODS, OPT_STAT, OPT_SEED, OPT_REPS,
    OPT_BLOCK, OPT_SRANGE, OPT_ERANGE, OPT_MINN, OPT_NBINF, OPT_ADJUST,
    OPT_VALUE, OPT_FORMAT, OPT_PREC, OPT_PARTIAL
};

static const struct option LONG[] = {
    { "model", required_argument, NULL, OPT_MODEL },
    { "from", required_argument, NULL, OPT_FROM },
    { "to", required_argument, NULL, OPT_TO },
    { "level", required_argument, NULL, OPT_LEVEL },
    { "hac-lag", required_argument, NULL, OPT_HAC },
    { "correction", required_argument, NULL, OPT_CORR },
    { "family", required_argument, NULL, OPT_FAMILY },
    { "breaks", required_argument, NULL, OPT_BREAKS },
    { "periods", required_argument, NULL, OPT_PERIODS },
    { "statistic", required_argument, NULL, OPT_STAT },
    { "seed", required_argument, NULL, OPT_SEED },
    { "replicates", required_argument, NULL, OPT_REPS },
    { "block", required_argument, NULL, OPT_BLOCK },
    { "start-range", required_argument, NULL, OPT_SRANGE },
    { "end-range", required_argument, NULL, OPT_ERANGE },
    { "min-n", required_argument, NULL, OPT_MINN },
    { "nb-inference", required_argument, NULL, OPT_NBINF },
    { "adjust", required_argument, NULL, OPT_ADJUST },
    { "value", required_argument, NULL, OPT_VALUE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "precision", required_argument, NULL, OPT_PREC },
    { "partial", required_argument, NULL, OPT_PARTIAL },
    { "output", required_argument, NULL, 'o' },
    { "help", no_argument, NULL, 'h' },
    CT_CLI_SERIES_LONGOPTS,
    { NULL, 0, NULL, 0 }
};

static int usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int usage(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ct_cli_usage_error("fit", "%s", buf);
}

/* Fits every group of one series into set and prints what the fits
 * have to say now: a warning (sparse data) or the reason a group was not
 * fitted, in group order, then an error that stopped the fitting. */
static int fit_series(const ct_series *s, const char *input,
                      fit_config *cfg, const char *sel, ct_fit_set *set)
{
    size_t first = set->n, i, j;
    ct_error err;
    int rc;

    ct_cli_progress prog;

    ct_error_clear(&err);
    cfg->spec.selection = sel;
    ct_cli_progress_init(&prog, input, cfg->quiet);
    cfg->spec.progress = ct_cli_fit_progress_cb;
    cfg->spec.progress_ctx = &prog;
    rc = ct_fit_series(set, s, &cfg->spec, input, &err);
    ct_cli_progress_end(&prog);
    cfg->spec.progress = NULL;
    cfg->spec.progress_ctx = NULL;
    for (i = first; i < set->n; i++) {
        const ct_fit *f = &set->fits[i];
        for (j = 0; j < f->n_warnings; j++)
            ct_cli_msg("%s", f->warnings[j]);
        if (f->status != CT_OK) {
            ct_error e;
            const char *g = f->group;
            ct_error_set(&e, f->status, input, 0, "%s%s%s%s",
                         g[0] ? "group '" : "", g, g[0] ? "': " : "",
                         f->reason);
            ct_cli_report(&e);
        }
    }
    if (rc != CT_OK)
        ct_cli_report(&err);
    return rc;
}

/* Years of --from/--to for the series of an export: 0 when not given;
 * returns -1 when a bound is outside the years an export can hold. */
static int export_years(const fit_config *cfg, ct_series_options *so)
{
    so->from = cfg->spec.from.given ? cfg->spec.from.year : 0;
    so->to = cfg->spec.to.given ? cfg->spec.to.year : 0;
    return (so->from && (so->from < CT_YEAR_MIN || so->from > CT_YEAR_MAX)) ||
                   (so->to && (so->to < CT_YEAR_MIN || so->to > CT_YEAR_MAX))
               ? -1
               : 0;
}

/* Builds the one series of the exports (label: "a.csv+b.csv") and fits
 * it; returns an exit status (CT_EXIT_OK: *frc is fit_series's). */
static int fit_exports(char **paths, const char **names, int n,
                       const char *label, fit_config *cfg,
                       ct_cli_series_args *sa, ct_fit_set *set, int *frc)
{
    ct_series *s = NULL;
    char sel[600];
    int rc = ct_cli_series_build(&s, sa, "fit", paths, names, n);

    if (rc != CT_EXIT_OK)
        return rc;
    ct_cli_selection_text(sa, sa->so.from, sa->so.to, sel, sizeof sel);
    rc = CT_EXIT_DATA;
    if (s->seen == 0)
        ct_cli_msg("%s: no data records: nothing to fit", label);
    else if (s->used == 0)
        ct_cli_msg("%s: no record matched %s: nothing to fit", label, sel);
    else {
        *frc = fit_series(s, label, cfg, sel, set);
        rc = CT_EXIT_OK;
    }
    ct_series_free(s);
    return rc;
}

/* Reads the nfiles inputs (none: standard input) and fits them into
 * set: each series CSV on its own, the exports together as one
 * series (at the place of the first). Returns an exit status; on success
 * set holds every fit (ct_fit_set_failed counts those that failed). */
static int fit_inputs(char **files, int nfiles, fit_config *cfg,
                      ct_cli_series_args *sa, ct_fit_set *set)
{
    char *stdin_only[] = {(char *)"-"};
    ct_series_input *in;
    char **exp_paths = NULL;
    const char **exp_names = NULL;
    const char *first_csv = NULL, *first_exp = NULL;
    char *exp_label = NULL;
    int i, n_exp = 0, rc = CT_EXIT_DATA, stdin_seen = 0;
    size_t label_len = 1;
    ct_error err;

    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    for (i = 0; i < nfiles; i++)
        label_len += strlen(files[i]) + 1;
    in = calloc((size_t)nfiles, sizeof *in);
    exp_paths = calloc((size_t)nfiles, sizeof *exp_paths);
    exp_names = calloc((size_t)nfiles, sizeof *exp_names);
    exp_label = calloc(label_len, 1);
    if (!in || !exp_paths || !exp_names || !exp_label) {
        ct_cli_msg("out of memory");
        goto done;
    }
    for (i = 0; i < nfiles; i++) {
        if (strcmp(files[i], "-") == 0 && stdin_seen++) {
            rc = usage("standard input ('-') given twice");
            goto done;
        }
        if (ct_series_input_open(&in[i], files[i], &err) != CT_OK) {
            ct_cli_report(&err);
            goto done;
        }
        if (in[i].series_csv) {
            if (first_csv == NULL)
                first_csv = files[i];
            continue;
        }
        if (first_exp == NULL)
            first_exp = files[i];
        exp_paths[n_exp] = (char *)in[i].path;
        exp_names[n_exp] = !in[i].spool[0] ? NULL
                           : strcmp(files[i], "-") == 0 ? "<stdin>"
                                                         : files[i];
        if (n_exp++) /* "a.csv+b.csv": the exports that make one series */
            strcat(exp_label, "+");
        strcat(exp_label, files[i]);
    }
    if (first_csv && sa->selection) {
        rc = usage("%s applies to exports, and '%s' is a series (a "
                   "`ctrend series` CSV)", sa->selection, first_csv);
        goto done;
    }
    if (first_exp && cfg->value_col) {
        rc = usage("--value picks a column of a series CSV, and '%s' is an "
                   "export: use --measure", first_exp);
        goto done;
    }
    if (first_exp && export_years(cfg, &sa->so) != 0) {
        rc = usage("--from and --to need years %d-%d for an export",
                   CT_YEAR_MIN, CT_YEAR_MAX);
        goto done;
    }
    for (i = 0; i < nfiles; i++) {
        ct_series *s = NULL;
        int frc;
        if (in[i].series_csv) {
            ct_error_clear(&err);
            if (ct_series_input_read_csv(&in[i], cfg->value_col, &s,
                                         &err) != CT_OK) {
                ct_cli_report(&err);
                goto done;
            }
            frc = fit_series(s, in[i].name, cfg, "the series", set);
        } else if (files[i] == first_exp) {
            rc = fit_exports(exp_paths, exp_names, n_exp, exp_label, cfg, sa,
                             set, &frc);
            if (rc != CT_EXIT_OK)
                goto done;
            rc = CT_EXIT_DATA;
        } else {
            continue;
        }
        ct_series_free(s);
        if (frc == CT_EUSAGE) {
            rc = ct_cli_try_help("fit");
            goto done;
        }
        if (frc != CT_OK)
            goto done;
    }
    rc = CT_EXIT_OK;
done:
    for (i = 0; in && i < nfiles; i++)
        ct_series_input_close(&in[i]);
    free(in);
    free(exp_paths);
    free(exp_names);
    free(exp_label);
    return rc;
}

int ct_cmd_fit(int argc, char **argv)
{
    fit_config cfg;
    ct_cli_series_args sa;
    const char *outpath = NULL;
    /* the model options given, to refuse those the model does not use */
    const char *names[OPT_PARTIAL + 1 - OPT_MODEL];
    int c, rc, given[OPT_PARTIAL + 1 - OPT_MODEL] = { 0 };
    size_t n_names = 0, k;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_output *out = NULL;
    ct_error err;
    const ct_fit_spec spec0 = CT_FIT_SPEC_INIT;

    memset(&cfg, 0, sizeof cfg);
    cfg.spec = spec0;
    cfg.format = F_TEXT;
    cfg.adjust = -1;
    ct_cli_series_args_init(&sa, 1);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:hq", LONG, NULL)) != -1) {
        rc = ct_cli_series_option(&sa, "fit", c, optarg);
        if (rc == 0)
            continue;
        if (rc > 0)
            return rc;
        if ((c >= OPT_MODEL && c <= OPT_NBINF) || c == OPT_PARTIAL) {
            /* LONG lists the options in the order of their codes */
            if (ct_fit_spec_set(&cfg.spec, LONG[c - OPT_MODEL].name, optarg,
                                &err) != CT_OK)
                return usage("%s", err.msg);
            given[c - OPT_MODEL] = 1;
            continue;
        }
        switch (c) {
        case 'h':
            ct_cli_fit_help(stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_ADJUST:
            if ((k = pick(optarg, ADJUST_NAMES)) > 2)
                return usage("--adjust: expected none, holm or bh, got '%s'",
                             optarg);
            cfg.adjust = k == 0 ? -1 : k == 1 ? CT_PADJUST_HOLM
                                              : CT_PADJUST_BH;
            break;
        case OPT_VALUE:
            cfg.value_col = optarg;
            break;
        case OPT_FORMAT:
            if ((k = pick(optarg, FORMAT_NAMES)) > 2)
                return usage("--format: expected text, csv or json, got "
                             "'%s'", optarg);
            cfg.format = (enum format)k;
            break;
        case OPT_PREC:
            if (ct_cli_precision("fit", optarg, &cfg.precision) !=
                CT_EXIT_OK)
                return CT_EXIT_USAGE;
            break;
        default:
            return ct_cli_option_error("fit", c, argv);
        }
    }
    cfg.quiet = sa.quiet;
    rc = ct_cli_check_output("fit", outpath, argv + optind, argc - optind,
                             &sa);
    if (rc != CT_EXIT_OK)
        return rc;
    if (!given[0])
        return usage("missing --model");
    for (k = 0; k < sizeof given / sizeof given[0]; k++)
        if (given[k])
            names[n_names++] = LONG[k].name;
    if (ct_fit_spec_check(&cfg.spec, names, n_names, &err) != CT_OK)
        return usage("%s", err.msg);
    if (cfg.precision == 0)
        cfg.precision = cfg.format == F_TEXT ? 6 : cfg.format == F_CSV ? 10 : 15;

    rc = fit_inputs(argv + optind, argc - optind, &cfg, &sa, &set);
    ct_error_clear(&err);
    if (rc == CT_EXIT_OK && cfg.adjust >= 0 &&
        ct_fit_set_adjust(&set, cfg.adjust, &err) != CT_OK)
        rc = CT_EXIT_DATA;
    if (rc == CT_EXIT_OK && ct_output_open(&out, outpath, &err) != CT_OK)
        rc = CT_EXIT_DATA;
    if (rc != CT_EXIT_OK) {
        if (rc == CT_EXIT_DATA && err.code != CT_OK)
            ct_cli_report(&err);
        ct_fit_set_free(&set);
        return rc;
    }
    if (cfg.format == F_JSON)
        ct_report_fit_json(ct_output_stream(out), &set, cfg.precision, &err);
    else if (cfg.format == F_CSV)
        ct_report_fit_csv(ct_output_stream(out), &set, cfg.precision, &err);
    else
        ct_report_fit_text(ct_output_stream(out), &set, cfg.precision, &err);
    rc = ct_fit_set_failed(&set) ? CT_EXIT_DATA : CT_EXIT_OK;
    ct_fit_set_free(&set);
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    return rc;
}

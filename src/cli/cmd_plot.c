/* SPDX-License-Identifier: MIT
 * cmd_plot.c - `ctrend plot KIND`: builds the series (or reads a
 * specification file), writes the chart's data and labels files with the
 * plot module, and runs gnuplot on plots/KIND.gp with an argument vector
 * (fork and execvp, never a shell). The image is written beside OUT and
 * renamed onto it only when gnuplot succeeded.
 */
#define _GNU_SOURCE /* mkdtemp, mkstemps */
#include "cli/cmd_plot.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/gnuplot.h"
#include "ctrend/plot.h"

static const char USAGE[] =
    "Usage: ctrend plot KIND [OPTIONS] FILE...\n"
    "Draws a chart with gnuplot (plots/KIND.gp); every number drawn is\n"
    "computed by ctrend and handed to gnuplot in a data file.\n"
    "\n"
    "Kinds:\n"
    "  trends          small multiples, one panel per group (--group):\n"
    "                  observed counts, fitted log-linear trend with its\n"
    "                  confidence band, %/yr and p in each panel title\n"
    "  classes         stacked areas by conflict class over time (the\n"
    "                  world, or one region with --region R --group region)\n"
    "  compare         two periods per group (--periods): rates per year\n"
    "                  and rate ratios with exact CIs\n"
    "  deaths          deaths as a low-high band and a best line (BRD,\n"
    "                  Non-State, One-Sided, GED: datasets with the three\n"
    "                  estimates)\n"
    "  specification   specification curve of a claim from a specification\n"
    "                  file (see README \"Charts\"); with --windows the\n"
    "                  window start x end heatmap of the effect\n"
    "\n"
    "Chart options:\n"
    "  --format png|svg|pdf     image format (default: from OUT's suffix,\n"
    "                           else png); PNG and SVG are 1600 x 1000\n"
    "  -o, --output OUT         image to write (default KIND.FORMAT)\n"
    "  --data-only              write the chart's data file (TSV) to OUT or\n"
    "                           standard output instead of drawing\n"
    "  --title TEXT             replace the title\n"
    "  --model poisson|quasipoisson|negbin  trend model (default poisson)\n"
    "  --breaks 0|1|2           mark breakpoints of a segmented Poisson fit\n"
    "  --level L                confidence level (default 0.95)\n"
    "  --order name|size        panel order: by name (default) or largest\n"
    "                           total first\n"
    "  --shared-y               one y range for every panel\n"
    "  --periods A1-A2,B1-B2    compare: the two periods (years)\n"
    "  --alpha A                specification: significance level (0.05)\n"
    "  --windows                specification: draw the window heatmap\n"
    "  --unit TEXT              specification: the estimate's unit (e.g.\n"
    "                           '% per year'), shown on its axis and on\n"
    "                           the heatmap's colour scale\n"
    "\n";

/* (the rest of the help: C99 promises string literals of 4095 bytes) */
static const char USAGE_SERIES[] =
    "Series options (as `ctrend series`):\n"
    CT_CLI_HELP_BY
    "  --measure M              conflicts (default), events or deaths\n"
    CT_CLI_HELP_SELECT
    "  --from YEAR, --to YEAR   period range (default: the data's)\n"
    CT_CLI_HELP_SCHEME
    CT_CLI_HELP_LOAD
    CT_CLI_HELP_THREADS
    "  -h, --help               this help\n"
    "\n"
    "gnuplot is found on PATH (CTREND_GNUPLOT overrides); the scripts in\n"
    "the installed plots folder (CTREND_PLOTDIR overrides).\n"
    "\n"
    "Exit status: 0 success, 1 data, input/output or gnuplot error,\n"
    "2 usage error.\n";

enum {
    OPT_FROM = 256, OPT_TO, OPT_FORMAT, OPT_DATA_ONLY, OPT_TITLE, OPT_MODEL,
    OPT_BREAKS, OPT_LEVEL, OPT_ORDER, OPT_SHARED_Y, OPT_PERIODS, OPT_ALPHA,
    OPT_WINDOWS, OPT_UNIT
};

static const struct option LONG[] = {
    CT_CLI_SERIES_LONGOPTS,
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"data-only", no_argument, NULL, OPT_DATA_ONLY},
    {"title", required_argument, NULL, OPT_TITLE},
    {"model", required_argument, NULL, OPT_MODEL},
    {"breaks", required_argument, NULL, OPT_BREAKS},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"order", required_argument, NULL, OPT_ORDER},
    {"shared-y", no_argument, NULL, OPT_SHARED_Y},
    {"periods", required_argument, NULL, OPT_PERIODS},
    {"alpha", required_argument, NULL, OPT_ALPHA},
    {"windows", no_argument, NULL, OPT_WINDOWS},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct plot_args {
    ct_plot_kind kind;
    ct_cli_series_args sa;
    const char *outpath, *title;
    const char *unit;       /* --unit, NULL: not given                  */
    int format;             /* ct_plot_format, or -1: from OUT          */
    int data_only, windows, shared_y, breaks;
    ct_plot_order order;
    ct_glm_family family;
    double level, alpha;
    int periods[4];         /* a_from, a_to, b_from, b_to; 0: not given */
    char selection[1024];   /* the selection options, for the subtitle  */
} plot_args;

/* ------------------------------------------------------------ labels --- */

static void add_selection(plot_args *pa, const char *name, const char *arg)
{
    size_t len = strlen(pa->selection);
    snprintf(pa->selection + len, sizeof pa->selection - len, "%s%s %s",
             len ? ", " : "", name, arg ? arg : "");
}

static const char *measure_word(ct_measure m, int cap)
{
    static const char *const W[2][3] = {
        {"conflicts", "events", "deaths"}, {"Conflicts", "Events", "Deaths"}};
    return W[cap != 0][m <= CT_MEASURE_DEATHS ? m : 0];
}

/* The footer: dataset, the version its first file states (carried by the
 * series), the file, ctrend's version. */
static void source_text(char *buf, size_t n, const char *path,
                        const ct_series *s)
{
    const char *base;

    base = path && strrchr(path, '/') ? strrchr(path, '/') + 1
                                      : path ? path : "standard input";
    if (strcmp(base, "-") == 0)
        base = "standard input";
    snprintf(buf, n, "Source: %s%s%s (%s). Chart: ctrend %s",
             ct_obs_dataset_title(s->dataset), s->version[0] ? ", version " : "",
             s->version, base, ct_version());
}

typedef struct chart {
    const plot_args *pa;
    const ct_series *s;          /* the series (deaths: best, with the low
                                    and high estimates as extra measures) */
    const ct_plot_spec *spec;
    ct_plot_labels labels;
    char cblabel[300];           /* the heatmap's colour scale           */
} chart;

static int write_data(FILE *out, void *ctx, ct_error *err)
{
    const chart *c = ctx;
    const plot_args *pa = c->pa;
    ct_plot_trends_options to = CT_PLOT_TRENDS_OPTIONS_INIT;

    switch (pa->kind) {
    case CT_PLOT_TRENDS:
        to.family = pa->family;
        to.level = pa->level;
        to.breaks = pa->breaks;
        to.order = pa->order;
        return ct_plot_write_trends(out, c->s, &to, err);
    case CT_PLOT_CLASSES:
        return ct_plot_write_classes(out, c->s, err);
    case CT_PLOT_COMPARE:
        return ct_plot_write_compare(out, c->s, pa->periods[0],
                                     pa->periods[1], pa->periods[2],
                                     pa->periods[3], pa->level, pa->order,
                                     err);
    case CT_PLOT_DEATHS:
        return ct_plot_write_deaths_range(out, c->s, pa->order, err);
    case CT_PLOT_SPECIFICATION:
        return ct_plot_write_spec_curve(out, c->spec, pa->alpha, err);
    case CT_PLOT_WINDOWS:
        return ct_plot_write_spec_windows(out, c->spec, pa->alpha, err);
    default:
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown chart");
    }
}

static int write_labels(FILE *out, void *ctx, ct_error *err)
{
    const chart *c = ctx;
    return ct_plot_write_labels(out, &c->labels, err);
}

static int draw(chart *c, ct_plot_format fmt)
{
    const plot_args *pa = c->pa;
    char dir[] = "/tmp/ctrend-plot.XXXXXX", data[64], lab[64], defout[64];
    ct_cli_gnuplot_job job;
    int rc = CT_EXIT_DATA;

    job.out = pa->outpath;
    if (job.out == NULL) {
        snprintf(defout, sizeof defout, "%s.%s",
                 ct_plot_kind_name(pa->kind == CT_PLOT_WINDOWS
                                       ? CT_PLOT_SPECIFICATION
                                       : pa->kind),
                 ct_plot_format_name(fmt));
        job.out = defout;
    }
    if (mkdtemp(dir) == NULL) {
        ct_cli_msg("cannot create a temporary folder: %s", strerror(errno));
        return CT_EXIT_DATA;
    }
    (void)ct_output_temp_dir_add(dir, NULL); /* removed on a signal */
    snprintf(data, sizeof data, "%s/data.tsv", dir);
    snprintf(lab, sizeof lab, "%s/labels.tsv", dir);
    job.kind = pa->kind;
    job.format = fmt;
    job.data = data;
    job.labels = lab;
    if (ct_cli_write_file(data, write_data, c) == 0 &&
        ct_cli_write_file(lab, write_labels, c) == 0)
        rc = ct_cli_gnuplot_draw(&job);
    unlink(data);
    unlink(lab);
    rmdir(dir);
    ct_output_temp_dir_forget(dir);
    return rc;
}

/* ----------------------------------------------------------- options --- */

static int parse_periods(const char *s, int *p)
{
    int n = 0, a, b, c, d;
    if (sscanf(s, "%d-%d,%d-%d%n", &a, &b, &c, &d, &n) != 4 || s[n] != '\0')
        return -1;
    if (a < 1900 || d > 2100 || a > b || c > d || b < 1900 || c < 1900 ||
        b > 2100 || c > 2100)
        return -1;
    p[0] = a;
    p[1] = b;
    p[2] = c;
    p[3] = d;
    return 0;
}

static int parse_prob(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0 && v < 1))
        return -1;
    *out = v;
    return 0;
}

static int build_series(chart *c, plot_args *pa, char **files, int nfiles,
                        ct_series **s)
{
    int rc;
    if (pa->kind == CT_PLOT_DEATHS) {
        /* the three estimates in one pass: best, and low and high as
         * extra measures */
        ct_series_options *so = &pa->sa.so;
        so->measure = CT_MEASURE_DEATHS;
        so->estimate = CT_EST_BEST;
        so->extra[0] = so->extra[1] = CT_MEASURE_DEATHS;
        so->extra_estimate[0] = CT_EST_LOW;
        so->extra_estimate[1] = CT_EST_HIGH;
        so->n_extra = 2;
    }
    if (pa->kind == CT_PLOT_CLASSES) {
        /* class first, then at most one other key (the area) */
        ct_series_options *so = &pa->sa.so;
        ct_key other = CT_KEY_COUNT;
        size_t j;
        for (j = 0; j < so->n_keys; j++) {
            if (so->keys[j] == CT_KEY_CLASS)
                continue;
            if (other != CT_KEY_COUNT)
                return ct_cli_usage_error("plot", "classes takes at most "
                                          "one --group key besides class");
            other = so->keys[j];
        }
        so->keys[0] = CT_KEY_CLASS;
        so->n_keys = 1;
        if (other != CT_KEY_COUNT)
            so->keys[so->n_keys++] = other;
    }
    rc = ct_cli_series_build(s, &pa->sa, "plot", files, NULL, nfiles);
    c->s = *s;
    return rc;
}

static void make_labels(chart *c, plot_args *pa, const char *first_file,
                        char *title, char *sub, char *ylab, char *foot)
{
    const ct_series *s = c->s;
    const char *per = pa->sa.so.by_month ? "month" : "year";
    const char *mw = measure_word(pa->sa.so.measure, 0);
    const char *model = pa->family == CT_GLM_NEGBIN ? "negative binomial"
                        : pa->family == CT_GLM_QUASIPOISSON ? "quasi-Poisson"
                                                            : "Poisson";
    char by[128] = "";
    size_t j;
    const size_t N = 512;

    if (s) {
        for (j = 0; j < s->n_keys; j++) {
            size_t len = strlen(by);
            snprintf(by + len, sizeof by - len, "%s%s", j ? " and " : " by ",
                     ct_series_key_name(s->keys[j]));
        }
        source_text(foot, N, first_file, s);
    }
    if (pa->kind == CT_PLOT_CLASSES)
        snprintf(by, sizeof by, " by conflict class");
    switch (pa->kind) {
    case CT_PLOT_TRENDS:
        snprintf(title, N, "%s per %s%s: observed, %s log-linear trend and "
                 "%g%% confidence band", measure_word(pa->sa.so.measure, 1),
                 per, by, model, 100 * pa->level);
        snprintf(ylab, N, "%s per %s (count)", mw, per);
        break;
    case CT_PLOT_CLASSES:
        snprintf(title, N, "%s per %s by conflict class (stacked)",
                 measure_word(pa->sa.so.measure, 1), per);
        snprintf(ylab, N, "%s per %s (count, stacked)", mw, per);
        break;
    case CT_PLOT_COMPARE:
        snprintf(title, N, "%s per year, %d-%d against %d-%d%s: rates and "
                 "rate ratios (%g%% CI, exact)",
                 measure_word(pa->sa.so.measure, 1), pa->periods[0],
                 pa->periods[1], pa->periods[2], pa->periods[3], by,
                 100 * pa->level);
        snprintf(ylab, N, "%s per year (mean count)", mw);
        break;
    case CT_PLOT_DEATHS:
        snprintf(title, N, "Deaths per %s%s: best estimate with the "
                 "low-high range", per, by);
        snprintf(ylab, N, "deaths per %s (people)", per);
        break;
    case CT_PLOT_SPECIFICATION:
        snprintf(title, N, "Specification curve: the estimate under every "
                 "specification, sorted, with %g%% CIs",
                 100 * (1 - pa->alpha));
        snprintf(ylab, N, pa->unit ? "estimate (%.400s)" : "estimate",
                 pa->unit);
        break;
    default:
        snprintf(title, N, "Estimate by window: start year x end year");
        snprintf(ylab, N, "window end (year)");
        break;
    }
    if (pa->kind == CT_PLOT_SPECIFICATION || pa->kind == CT_PLOT_WINDOWS) {
        const char *b = strrchr(first_file, '/');
        snprintf(sub, N, pa->kind == CT_PLOT_WINDOWS
                             ? "%zu specifications; * marks p < %g"
                             : "%zu specifications; filled: p < %g",
                 ct_plot_spec_count(c->spec), pa->alpha);
        snprintf(foot, N, "Source: %s. Chart: ctrend %s",
                 b ? b + 1 : first_file, ct_version());
    } else {
        const char *order =
            pa->kind == CT_PLOT_CLASSES ? ""
            : pa->kind == CT_PLOT_COMPARE
                ? (pa->order == CT_PLOT_ORDER_SIZE
                       ? " Rows by total, largest first."
                       : " Rows in alphabetical order.")
            : pa->order == CT_PLOT_ORDER_SIZE
                ? " Panels by total, largest first."
                : " Panels in alphabetical order.";
        snprintf(sub, N, "%s%.300s.%s%s",
                 pa->selection[0] ? "Selection: "
                 : pa->kind == CT_PLOT_CLASSES
                     ? "Every record; a conflict counts once a year, in "
                       "its class of that year"
                     : "Every record",
                 pa->selection, order,
                 pa->kind == CT_PLOT_TRENDS || pa->kind == CT_PLOT_DEATHS
                     ? " Gaps: periods not covered by the data."
                     : "");
    }
    c->labels.title = pa->title ? pa->title : title;
    c->labels.subtitle = sub;
    c->labels.xlabel = pa->kind == CT_PLOT_SPECIFICATION
                           ? "specifications, sorted by estimate (rank)"
                       : pa->kind == CT_PLOT_WINDOWS ? "window start (year)"
                       : pa->kind == CT_PLOT_COMPARE
                           ? "rate ratio, later / earlier (log scale)"
                           : "year";
    c->labels.ylabel = ylab;
    c->labels.footer = foot;
    if (pa->kind == CT_PLOT_WINDOWS) {
        /* what the colour is, with its unit */
        snprintf(c->cblabel, sizeof c->cblabel,
                 pa->unit ? "estimate (%.200s)"
                          : "estimate (in the specification file's unit)",
                 pa->unit);
        c->labels.cblabel = c->cblabel;
    }
    c->labels.shared_y = pa->shared_y;
}

/* A chart option (not a series option): returns -1 when taken, else the
 * exit status (help, usage error). */
static int chart_option(plot_args *pa, int opt, char *arg, char **argv)
{
    switch (opt) {
    case 'h':
        fputs(USAGE, stdout);
        fputs(USAGE_SERIES, stdout);
        return CT_EXIT_OK;
    case 'o':
        pa->outpath = arg;
        break;
    case OPT_FROM:
    case OPT_TO:
        if (ct_cli_year(arg, opt == OPT_FROM ? &pa->sa.so.from
                                             : &pa->sa.so.to))
            return ct_cli_usage_error("plot", "%s needs a year 1900-2100, "
                                      "not '%s'", opt == OPT_FROM ? "--from"
                                                                  : "--to",
                                      arg);
        add_selection(pa, opt == OPT_FROM ? "from" : "to", arg);
        break;
    case OPT_FORMAT:
        pa->format = (int)ct_plot_format_parse(arg);
        if (pa->format == CT_PLOT_FORMAT_COUNT)
            return ct_cli_usage_error("plot", "--format must be png, svg "
                                      "or pdf, not '%s'", arg);
        break;
    case OPT_DATA_ONLY:
        pa->data_only = 1;
        break;
    case OPT_TITLE:
        pa->title = arg;
        break;
    case OPT_MODEL:
        if (strcmp(arg, "poisson") == 0)
            pa->family = CT_GLM_POISSON;
        else if (strcmp(arg, "quasipoisson") == 0)
            pa->family = CT_GLM_QUASIPOISSON;
        else if (strcmp(arg, "negbin") == 0)
            pa->family = CT_GLM_NEGBIN;
        else
            return ct_cli_usage_error("plot", "--model must be poisson, "
                                      "quasipoisson or negbin, not '%s'",
                                      arg);
        break;
    case OPT_BREAKS:
        if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
            return ct_cli_usage_error("plot", "--breaks must be 0, 1 or "
                                      "2, not '%s'", arg);
        pa->breaks = arg[0] - '0';
        break;
    case OPT_LEVEL:
        if (parse_prob(arg, &pa->level))
            return ct_cli_usage_error("plot", "--level needs a number "
                                      "between 0 and 1, not '%s'", arg);
        break;
    case OPT_ALPHA:
        if (parse_prob(arg, &pa->alpha))
            return ct_cli_usage_error("plot", "--alpha needs a number "
                                      "between 0 and 1, not '%s'", arg);
        break;
    case OPT_ORDER:
        if (strcmp(arg, "name") == 0)
            pa->order = CT_PLOT_ORDER_NAME;
        else if (strcmp(arg, "size") == 0)
            pa->order = CT_PLOT_ORDER_SIZE;
        else
            return ct_cli_usage_error("plot", "--order must be name or "
                                      "size, not '%s'", arg);
        break;
    case OPT_SHARED_Y:
        pa->shared_y = 1;
        break;
    case OPT_PERIODS:
        if (parse_periods(arg, pa->periods))
            return ct_cli_usage_error("plot", "--periods needs "
                                      "YEAR-YEAR,YEAR-YEAR, not '%s'", arg);
        break;
    case OPT_WINDOWS:
        pa->windows = 1;
        break;
    case OPT_UNIT:
        pa->unit = arg;
        break;
    case ':':
        return ct_cli_usage_error("plot", "option '%s' needs a value",
                                  argv[optind - 1]);
    default:
        return ct_cli_usage_error("plot", "unknown option '%s'",
                                  argv[optind - 1]);
    }
    return -1;
}

/* The series options that shape the series go into the subtitle. */
static void note_selection(plot_args *pa, int opt, const char *arg)
{
    static const struct {
        int code;
        const char *name;
    } SEL[] = {{CT_CLI_OPT_CLASS, "class"},
               {CT_CLI_OPT_REGION, "region"},
               {CT_CLI_OPT_SUBREGION, "subregion"},
               {CT_CLI_OPT_COUNTRY, "country"},
               {CT_CLI_OPT_SCHEME, "scheme"},
               {CT_CLI_OPT_MEASURE, "measure"}};
    size_t i;
    for (i = 0; i < sizeof SEL / sizeof SEL[0]; i++)
        if (SEL[i].code == opt)
            add_selection(pa, SEL[i].name, arg);
}

/* Parses KIND and the options into pa; returns -1 to go on (optind at the
 * first FILE of argv + 1), else the exit status. */
static int parse_args(plot_args *pa, int argc, char **argv)
{
    int opt, rc;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        fputs(USAGE, stdout);
        fputs(USAGE_SERIES, stdout);
        return CT_EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-')
        return ct_cli_usage_error("plot", "missing chart kind (trends, "
                                  "classes, compare, deaths, specification)");
    pa->kind = ct_plot_kind_parse(argv[1]);
    if (pa->kind == CT_PLOT_KIND_COUNT || pa->kind == CT_PLOT_WINDOWS)
        return ct_cli_usage_error("plot", "unknown chart kind '%s' (trends, "
                                  "classes, compare, deaths, specification)",
                                  argv[1]);
    argc--;
    argv++;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":o:hq", LONG, NULL)) != -1) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", optarg ? optarg : "");
        rc = ct_cli_series_option(&pa->sa, "plot", opt, optarg);
        if (rc > 0)
            return rc;
        if (rc == 0)
            note_selection(pa, opt, copy);
        else if ((rc = chart_option(pa, opt, optarg, argv)) >= 0)
            return rc;
    }
    return -1;
}

/* The checks between options, and the image format from OUT's suffix. */
static int check_args(plot_args *pa)
{
    if (pa->format < 0) {
        const char *dot = pa->outpath ? strrchr(pa->outpath, '.') : NULL;
        pa->format = dot && ct_plot_format_parse(dot + 1) != CT_PLOT_FORMAT_COUNT
                         ? (int)ct_plot_format_parse(dot + 1)
                         : CT_PLOT_PNG;
    }
    if (pa->windows && pa->kind != CT_PLOT_SPECIFICATION)
        return ct_cli_usage_error("plot", "--windows is for specification");
    if (pa->unit && pa->kind != CT_PLOT_SPECIFICATION)
        return ct_cli_usage_error("plot", "--unit is for specification");
    if (pa->kind == CT_PLOT_COMPARE && pa->periods[0] == 0)
        return ct_cli_usage_error("plot", "compare needs --periods "
                                  "A1-A2,B1-B2");
    if (pa->kind == CT_PLOT_DEATHS &&
        pa->sa.selection && (strcmp(pa->sa.selection, "--measure") == 0 ||
                             strcmp(pa->sa.selection, "--estimate") == 0))
        return ct_cli_usage_error("plot", "deaths draws the three estimates "
                                  "of deaths: drop %s", pa->sa.selection);
    return CT_EXIT_OK;
}

/* Reads the specification file of `plot specification`. */
static int read_spec(plot_args *pa, char **files, int nfiles,
                     ct_plot_spec **spec)
{
    FILE *in;
    ct_error err;
    int k;

    if (pa->sa.selection)
        return ct_cli_usage_error("plot", "%s applies to exports, and "
                                  "specification reads a specification "
                                  "file", pa->sa.selection);
    if (nfiles != 1)
        return ct_cli_usage_error("plot", "specification reads one "
                                  "specification file");
    in = strcmp(files[0], "-") == 0 ? stdin : fopen(files[0], "r");
    if (in == NULL) {
        ct_cli_msg("cannot open '%s': %s", files[0], strerror(errno));
        return CT_EXIT_DATA;
    }
    k = ct_plot_spec_read(spec, in, in == stdin ? "<stdin>" : files[0], &err);
    if (in != stdin)
        fclose(in);
    if (k != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    if (pa->windows)
        pa->kind = CT_PLOT_WINDOWS;
    return CT_EXIT_OK;
}

/* --data-only: the chart's data file to OUT or standard output. */
static int write_data_only(chart *c)
{
    ct_output *out;
    ct_error err;

    if (ct_output_open(&out, c->pa->outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    if (write_data(ct_output_stream(out), c, &err) != CT_OK) {
        ct_output_abort(out);
        ct_cli_report(&err);
        return err.code == CT_EUSAGE ? CT_EXIT_USAGE : CT_EXIT_DATA;
    }
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    return CT_EXIT_OK;
}

int ct_cmd_plot(int argc, char **argv)
{
    plot_args pa;
    chart c;
    ct_series *s = NULL;
    ct_plot_spec *spec = NULL;
    char title[512], sub[512], ylab[512], foot[512];
    char **files;
    int rc, nfiles;

    memset(&pa, 0, sizeof pa);
    memset(&c, 0, sizeof c);
    title[0] = sub[0] = ylab[0] = foot[0] = '\0';
    ct_cli_series_args_init(&pa.sa, 1);
    pa.format = -1;
    pa.family = CT_GLM_POISSON;
    pa.level = 0.95;
    pa.alpha = 0.05;
    if ((rc = parse_args(&pa, argc, argv)) >= 0)
        return rc;
    files = argv + 1 + optind;
    nfiles = argc - 1 - optind;
    if ((rc = check_args(&pa)) != CT_EXIT_OK)
        return rc;
    c.pa = &pa;
    if (pa.kind == CT_PLOT_SPECIFICATION) {
        if ((rc = read_spec(&pa, files, nfiles, &spec)) != CT_EXIT_OK)
            return rc;
        c.spec = spec;
    } else if ((rc = build_series(&c, &pa, files, nfiles, &s)) !=
               CT_EXIT_OK)
        goto done;
    make_labels(&c, &pa, nfiles ? files[0] : "-", title, sub, ylab, foot);
    rc = pa.data_only ? write_data_only(&c)
                      : draw(&c, (ct_plot_format)pa.format);
done:
    ct_series_free(s);
    ct_plot_spec_free(spec);
    return rc;
}

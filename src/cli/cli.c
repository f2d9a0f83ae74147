/* SPDX-License-Identifier: MIT
 * cli.c - messages, data paths and small parsers shared by subcommands.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* s with control characters (which would break the one-line message)
 * written as \n, \r, \t or \xHH; quoted: inside "..." with " and \
 * escaped too. */
static void put_escaped(FILE *f, const char *s, int quoted)
{
    const unsigned char *p = (const unsigned char *)s;
    if (quoted)
        fputc('"', f);
    for (; *p; p++) {
        if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else if (quoted && (*p == '"' || *p == '\\'))
            fprintf(f, "\\%c", *p);
        else
            fputc(*p, f);
    }
    if (quoted)
        fputc('"', f);
}

static int has_control(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 1;
    return 0;
}

const char *ct_cli_display_name(const char *path, char *buf, size_t n)
{
    const unsigned char *p = (const unsigned char *)path;
    size_t k = 0;
    if (!has_control(path))
        return path;
    /* same form as put_escaped(.., 1), cut to fit buf */
    if (n < 8)
        return "?";
    buf[k++] = '"';
    for (; *p && k + 6 < n; p++) {
        if (*p < 0x20 || *p == 0x7f)
            k += (size_t)snprintf(buf + k, n - k, *p == '\n'   ? "\\n"
                                                : *p == '\r' ? "\\r"
                                                : *p == '\t' ? "\\t"
                                                              : "\\x%02x",
                                  *p);
        else if (*p == '"' || *p == '\\')
            k += (size_t)snprintf(buf + k, n - k, "\\%c", *p);
        else
            buf[k++] = (char)*p;
    }
    buf[k++] = '"';
    buf[k] = '\0';
    return buf;
}

/* "ctrend: " + the printf-style message, escaped, + newline */
static void vmsg(const char *fmt, va_list ap)
{
    va_list aq;
    char small[512], *buf = small;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(small, sizeof small, fmt, aq);
    va_end(aq);
    if (n >= (int)sizeof small && (buf = malloc((size_t)n + 1)) != NULL)
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
    else if (buf == NULL)
        buf = small;
    fputs("ctrend: ", stderr);
    put_escaped(stderr, buf, 0);
    if (buf != small)
        free(buf);
}

void ct_cli_report(const ct_error *err)
{
    const char *msg = err->msg[0] ? err->msg : ct_strerror(err->code);

    fputs("ctrend: ", stderr);
    if (err->path[0]) {
        put_escaped(stderr, err->path, has_control(err->path));
        if (err->line > 0)
            fprintf(stderr, ":%ld", err->line);
        fputs(": ", stderr);
    }
    put_escaped(stderr, msg, 0);
    fputc('\n', stderr);
}

void ct_cli_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int ct_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return ct_cli_try_help(cmd);
}

int ct_cli_try_help(const char *cmd)
{
    if (cmd)
        fprintf(stderr, "Try 'ctrend %s --help' for more information.\n",
                cmd);
    else
        fputs("Try 'ctrend --help' for more information.\n", stderr);
    return CT_EXIT_USAGE;
}

int ct_cli_option_error(const char *cmd, int c, char **argv)
{
    /* getopt leaves optopt at the bad short option; for a long option it
     * is 0 (unknown) or its code (missing value) and argv[optind - 1] is
     * the word. A short option inside a cluster ("-x.csv") has not moved
     * optind, so argv[optind - 1] would be the word before it. */
    const char *word = argv[optind - 1];
    int shortopt = optopt > 0 && optopt < 128 && optopt != '?';
    size_t n = strcspn(word, "=");

    if (c == ':') {
        if (shortopt)
            return ct_cli_usage_error(cmd, "option '-%c' needs a value",
                                      optopt);
        return ct_cli_usage_error(cmd, "option '%.*s' needs a value",
                                  (int)n, word);
    }
    if (shortopt)
        return ct_cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return ct_cli_usage_error(cmd, "unknown option '%.*s'", (int)n, word);
}

int ct_cli_check_output(const char *cmd, const char *outpath,
                        char *const *files, int nfiles,
                        const ct_cli_series_args *a)
{
    const char *in[CT_CLI_MAX_LIST + 3];
    size_t n = 0;
    int i;
    ct_error err;

    if (outpath == NULL)
        return CT_EXIT_OK;
    if (nfiles == 0)
        in[n++] = "-";
    for (i = 0; i < nfiles; i++) {
        if (n == CT_CLI_MAX_LIST) {
            if (ct_output_check_inputs(outpath, in, n, &err) != CT_OK)
                goto bad;
            n = 0;
        }
        in[n++] = files[i];
    }
    if (a != NULL) {
        in[n++] = a->join_path;
        in[n++] = a->geo_path;
    }
    if (ct_output_check_inputs(outpath, in, n, &err) == CT_OK)
        return CT_EXIT_OK;
bad:
    ct_cli_report(&err);
    return ct_cli_try_help(cmd);
}

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* DIR/../share/ctrend (CT_REL_DATADIR) beside the running binary, from
 * /proc/self/exe: an installed ctrend finds its data at any prefix */
static int exe_data_path(char *buf, size_t n, const char *file)
{
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    if (k <= 0 || (size_t)k >= sizeof exe - 1)
        return -1;
    exe[k] = '\0';
    if ((slash = strrchr(exe, '/')) == NULL)
        return -1;
    *slash = '\0';
    if ((size_t)snprintf(buf, n, "%s/%s/%s", exe, CT_REL_DATADIR, file) >= n)
        return -1;
    return exists(buf) ? 0 : -1;
}

const char *ct_cli_data_path(const char *file)
{
    static char buf[8192];
    const char *env = getenv("CTREND_DATADIR");

    if (env && *env) {
        snprintf(buf, sizeof buf, "%s/%s", env, file);
        return buf;
    }
    if (exe_data_path(buf, sizeof buf, file) == 0)
        return buf;
    snprintf(buf, sizeof buf, "%s/%s", CT_SOURCE_DATADIR, file);
    if (exists(buf))
        return buf;
    snprintf(buf, sizeof buf, "%s/%s", CT_INSTALL_DATADIR, file);
    return buf;
}

ct_geo *ct_cli_load_geo(const char *path)
{
    ct_geo *g;
    ct_error err;
    if (path == NULL)
        path = ct_cli_data_path("countries.csv");
    if (ct_geo_load(&g, path, &err) != CT_OK) {
        ct_cli_report(&err);
        ct_cli_msg("the country table is needed; set CTREND_DATADIR to the "
                   "folder holding countries.csv or pass --countries FILE");
        return NULL;
    }
    return g;
}

int ct_cli_split(char *s, char **items, int max)
{
    int n = 0;
    char *p = s;
    while (*p) {
        char *e = strchr(p, ',');
        if (n == max)
            return -1;
        if (e)
            *e = '\0';
        while (*p == ' ')
            p++;
        if (*p)
            items[n++] = p;
        if (!e)
            break;
        p = e + 1;
    }
    return n;
}

int ct_cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (s == NULL || *s == '\0')
        return -1;
    for (; *s; s++) {
        unsigned d = (unsigned)(unsigned char)*s - '0';
        if (d > 9 || v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

int ct_cli_parse_long(const char *s, long lo, long hi, long *out)
{
    const int neg = s != NULL && *s == '-';
    uint64_t v;
    long r;
    if (ct_cli_parse_u64(neg ? s + 1 : s, neg ? (uint64_t)LONG_MAX + 1u
                                              : (uint64_t)LONG_MAX, &v) != 0)
        return -1;
    r = neg ? (v == (uint64_t)LONG_MAX + 1u ? LONG_MIN : -(long)v) : (long)v;
    if (r < lo || r > hi)
        return -1;
    *out = r;
    return 0;
}

int ct_cli_year(const char *s, int *out)
{
    long v;
    if (ct_cli_parse_long(s, CT_YEAR_MIN, CT_YEAR_MAX, &v) != 0)
        return -1;
    *out = (int)v;
    return 0;
}

int ct_cli_precision(const char *cmd, const char *s, int *out)
{
    long v;
    if (ct_cli_parse_long(s, 1, 17, &v) != 0)
        return ct_cli_usage_error(cmd, "--precision: expected 1 to 17, got "
                                  "'%s'", s);
    *out = (int)v;
    return CT_EXIT_OK;
}

int ct_cli_threads_arg(const char *cmd, const char *s, size_t *out)
{
    long v;
    if (ct_cli_parse_long(s, 1, CT_CLI_MAX_THREADS, &v) != 0)
        return ct_cli_usage_error(cmd, "--threads needs a number 1-%d, not "
                                  "'%s'", CT_CLI_MAX_THREADS, s);
    *out = (size_t)v;
    return CT_EXIT_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void ct_cli_progress_init(ct_cli_progress *p, const char *name, int quiet)
{
    p->enabled = !quiet && isatty(2);
    p->shown = 0;
    p->t0 = now();
    p->name = name;
}

void ct_cli_progress_cb(unsigned long long done, unsigned long long total,
                        void *ctx)
{
    ct_cli_progress *p = ctx;
    double el, rate, frac;
    char bar[21];
    int i, fill;

    if (!p->enabled || total < 50ULL * 1000 * 1000)
        return;
    el = now() - p->t0;
    frac = total ? (double)done / (double)total : 0;
    if (frac > 1)
        frac = 1;
    rate = el > 0 ? (double)done / el / 1e6 : 0;
    fill = (int)(frac * 20);
    for (i = 0; i < 20; i++)
        bar[i] = i < fill ? '#' : ' ';
    bar[20] = '\0';
    fprintf(stderr, "\r%s [%s] %3.0f%% %llu/%llu MB %.0f MB/s %.0fs left ",
            p->name, bar, frac * 100, done / 1000000ULL, total / 1000000ULL,
            rate, rate > 0 ? (double)(total - done) / 1e6 / rate : 0.0);
    p->shown = 1;
}

void ct_cli_fit_progress_cb(unsigned long long done, unsigned long long total,
                            void *ctx)
{
    ct_cli_progress *p = ctx;
    double el, frac;
    char bar[21];
    int i, fill;

    if (!p->enabled)
        return;
    el = now() - p->t0;
    if (el < 1.0)
        return; /* only fits that run over a second */
    frac = total ? (double)done / (double)total : 0;
    if (frac > 1)
        frac = 1;
    fill = (int)(frac * 20);
    for (i = 0; i < 20; i++)
        bar[i] = i < fill ? '#' : ' ';
    bar[20] = '\0';
    fprintf(stderr, "\r%s: fitting [%s] %3.0f%% %.0fs ", p->name, bar,
            frac * 100, el);
    p->shown = 1;
}

void ct_cli_progress_end(ct_cli_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}

size_t ct_cli_threads(void)
{
    const char *env = getenv("CTREND_THREADS");
    long n;
    if (env && *env) {
        static int said;
        if (ct_cli_parse_long(env, 1, CT_CLI_MAX_THREADS, &n) == 0)
            return (size_t)n;
        if (!said++)
            ct_cli_msg("warning: CTREND_THREADS: expected 1-%d, got '%s': "
                       "one thread", CT_CLI_MAX_THREADS, env);
        return 1;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > 8 ? 8 : (size_t)n;
}

/* ------------------------------------------------------ series options --- */

void ct_cli_series_args_init(ct_cli_series_args *a, int max_measures)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;

    memset(a, 0, sizeof *a);
    a->so = so;
    a->lo = lo;
    a->max_measures = max_measures < 1 ? 1 : max_measures > 3 ? 3
                                                              : max_measures;
}

static int parse_measure(const char *s, ct_measure *m)
{
    if (strcmp(s, "conflicts") == 0)
        *m = CT_MEASURE_CONFLICTS;
    else if (strcmp(s, "events") == 0)
        *m = CT_MEASURE_EVENTS;
    else if (strcmp(s, "deaths") == 0)
        *m = CT_MEASURE_DEATHS;
    else
        return -1;
    return 0;
}

/* a list option: --region, --subregion or --country */
static int list_option(const char *cmd, char *arg, char **items,
                       const char *const **list, size_t *n,
                       const char *what)
{
    int k = ct_cli_split(arg, items, CT_CLI_MAX_LIST);
    if (k < 0)
        return ct_cli_usage_error(cmd, "too many %s", what);
    *list = (const char *const *)items;
    *n = (size_t)k;
    return 0;
}

/* ---- the series options: one handler each, and a table (below) ---- */

static int opt_by(ct_cli_series_args *a, const char *cmd, char *arg)
{
    if (strcmp(arg, "year") == 0)
        a->so.by_month = 0;
    else if (strcmp(arg, "month") == 0)
        a->so.by_month = 1;
    else
        return ct_cli_usage_error(cmd, "--by must be year or month, not "
                                  "'%s'", arg);
    return 0;
}

static int opt_measure(ct_cli_series_args *a, const char *cmd, char *arg)
{
    ct_series_options *so = &a->so;
    char *items[CT_CLI_MAX_LIST];
    int n = ct_cli_split(arg, items, a->max_measures), i;

    if (n <= 0) {
        if (a->max_measures == 1)
            return ct_cli_usage_error(cmd, "--measure takes one of "
                                      "conflicts, events, deaths");
        return ct_cli_usage_error(cmd, "--measure takes one to three "
                                  "of conflicts, events, deaths");
    }
    so->n_extra = 0;
    for (i = 0; i < n; i++) {
        ct_measure m;
        int k;
        if (parse_measure(items[i], &m) != 0)
            return ct_cli_usage_error(cmd, "--measure must be "
                                      "conflicts, events or deaths, "
                                      "not '%s'", items[i]);
        for (k = 0; k < i; k++)
            if ((k == 0 ? so->measure : so->extra[k - 1]) == m)
                return ct_cli_usage_error(cmd, "measure '%s' given "
                                          "twice", items[i]);
        if (i == 0)
            so->measure = m;
        else
            so->extra[so->n_extra++] = m;
    }
    return 0;
}

static int opt_estimate(ct_cli_series_args *a, const char *cmd, char *arg)
{
    ct_series_options *so = &a->so;
    if (strcmp(arg, "best") == 0)
        so->estimate = CT_EST_BEST;
    else if (strcmp(arg, "low") == 0)
        so->estimate = CT_EST_LOW;
    else if (strcmp(arg, "high") == 0)
        so->estimate = CT_EST_HIGH;
    else
        return ct_cli_usage_error(cmd, "--estimate must be best, low or "
                                  "high, not '%s'", arg);
    /* deaths among the extra measures (--measure events,deaths) too */
    so->extra_estimate[0] = so->extra_estimate[1] = so->estimate;
    return 0;
}

static int opt_group(ct_cli_series_args *a, const char *cmd, char *arg)
{
    ct_series_options *so = &a->so;
    char *items[CT_SERIES_MAX_KEYS];
    int n = ct_cli_split(arg, items, CT_SERIES_MAX_KEYS), i;

    if (n < 0)
        return ct_cli_usage_error(cmd, "at most %d group keys",
                                  CT_SERIES_MAX_KEYS);
    so->n_keys = 0;
    for (i = 0; i < n; i++) {
        ct_key k = ct_series_key_parse(items[i]);
        if (k == CT_KEY_COUNT)
            return ct_cli_usage_error(
                cmd, "unknown group key '%s' (keys: class, region, "
                "subregion, country, event_type)", items[i]);
        so->keys[so->n_keys++] = k;
    }
    return 0;
}

static int opt_class(ct_cli_series_args *a, const char *cmd, char *arg)
{
    char *items[CT_CLI_MAX_LIST];
    int n = ct_cli_split(arg, items, CT_CLI_MAX_LIST), i;

    for (i = 0; i < n; i++) {
        ct_class k;
        if (strcmp(items[i], "intra") == 0) {
            a->so.class_mask |= 1u << CT_CLASS_INTRASTATE |
                                1u << CT_CLASS_INTERNATIONALIZED;
            continue;
        }
        k = ct_obs_class_parse(items[i]);
        if (k == CT_CLASS_COUNT) {
            char list[256];
            size_t len = 0;
            int j;
            for (j = 0; j < CT_CLASS_COUNT && len < sizeof list; j++)
                len += (size_t)snprintf(list + len, sizeof list - len,
                                        "%s, ",
                                        ct_obs_class_name((ct_class)j));
            return ct_cli_usage_error(cmd, "unknown class '%s' "
                                      "(classes: %sintra)", items[i], list);
        }
        a->so.class_mask |= 1u << k;
    }
    return 0;
}

static int opt_region(ct_cli_series_args *a, const char *cmd, char *arg)
{
    return list_option(cmd, arg, a->regions, &a->so.regions,
                       &a->so.n_regions, "regions") ? CT_EXIT_USAGE : 0;
}

static int opt_subregion(ct_cli_series_args *a, const char *cmd, char *arg)
{
    return list_option(cmd, arg, a->subregions, &a->so.subregions,
                       &a->so.n_subregions, "subregions") ? CT_EXIT_USAGE
                                                          : 0;
}

static int opt_country(ct_cli_series_args *a, const char *cmd, char *arg)
{
    return list_option(cmd, arg, a->countries, &a->so.countries,
                       &a->so.n_countries, "countries") ? CT_EXIT_USAGE : 0;
}

static int opt_scheme(ct_cli_series_args *a, const char *cmd, char *arg)
{
    if (strcmp(arg, "acled") == 0)
        a->so.scheme = CT_SCHEME_ACLED;
    else if (strcmp(arg, "un") == 0)
        a->so.scheme = CT_SCHEME_UN;
    else
        return ct_cli_usage_error(cmd, "--scheme must be acled or un, "
                                  "not '%s'", arg);
    return 0;
}

static int opt_dataset(ct_cli_series_args *a, const char *cmd, char *arg)
{
    a->lo.dataset = ct_obs_dataset_parse(arg);
    if (a->lo.dataset == CT_DS_AUTO)
        return ct_cli_usage_error(cmd, "unknown dataset '%s' (%s)", arg,
                                  CT_CLI_DATASETS);
    return 0;
}

static int opt_skip_bad(ct_cli_series_args *a, const char *cmd, char *arg)
{
    (void)cmd;
    (void)arg;
    a->lo.skip_bad = 1;
    return 0;
}

static int opt_countries(ct_cli_series_args *a, const char *cmd, char *arg)
{
    (void)cmd;
    a->geo_path = arg;
    return 0;
}

static int opt_join(ct_cli_series_args *a, const char *cmd, char *arg)
{
    (void)cmd;
    a->join_path = arg;
    return 0;
}

static int opt_threads(ct_cli_series_args *a, const char *cmd, char *arg)
{
    return ct_cli_threads_arg(cmd, arg, &a->nthreads);
}

static int opt_coverage(ct_cli_series_args *a, const char *cmd, char *arg)
{
    if (strcmp(arg, "acled") == 0)
        a->so.coverage = CT_COVERAGE_ACLED;
    else if (strcmp(arg, "data") == 0)
        a->so.coverage = CT_COVERAGE_DATA;
    else if (strcmp(arg, "none") == 0)
        a->so.coverage = CT_COVERAGE_NONE;
    else
        return ct_cli_usage_error(cmd, "--coverage must be acled, data "
                                  "or none, not '%s'", arg);
    return 0;
}

static int opt_date_order(ct_cli_series_args *a, const char *cmd, char *arg)
{
    if (strcmp(arg, "dmy") == 0)
        a->lo.date_order = CT_DATE_ORDER_DMY;
    else if (strcmp(arg, "mdy") == 0)
        a->lo.date_order = CT_DATE_ORDER_MDY;
    else
        return ct_cli_usage_error(cmd, "--date-order must be dmy or mdy, "
                                  "not '%s'", arg);
    return 0;
}

static int opt_strict(ct_cli_series_args *a, const char *cmd, char *arg)
{
    (void)cmd;
    (void)arg;
    a->lo.strict = 1;
    return 0;
}

static int opt_quiet(ct_cli_series_args *a, const char *cmd, char *arg)
{
    (void)cmd;
    (void)arg;
    a->quiet = 1;
    return 0;
}

/* flags of a series option */
enum {
    SHAPES = 1,  /* shapes the series: the first one given is a->selection */
    SHOWN = 2    /* quoted in a->sel_text ("the selection (...)")          */
};

static const struct series_opt {
    int code;
    const char *name;
    unsigned flags;
    int (*handle)(ct_cli_series_args *a, const char *cmd, char *arg);
} SERIES_OPTS[] = {
    {CT_CLI_OPT_BY, "--by", SHAPES | SHOWN, opt_by},
    {CT_CLI_OPT_MEASURE, "--measure", SHAPES | SHOWN, opt_measure},
    {CT_CLI_OPT_ESTIMATE, "--estimate", SHAPES, opt_estimate},
    {CT_CLI_OPT_GROUP, "--group", SHAPES, opt_group},
    {CT_CLI_OPT_CLASS, "--class", SHAPES | SHOWN, opt_class},
    {CT_CLI_OPT_REGION, "--region", SHAPES | SHOWN, opt_region},
    {CT_CLI_OPT_SUBREGION, "--subregion", SHAPES | SHOWN, opt_subregion},
    {CT_CLI_OPT_COUNTRY, "--country", SHAPES | SHOWN, opt_country},
    {CT_CLI_OPT_SCHEME, "--scheme", SHAPES, opt_scheme},
    {CT_CLI_OPT_DATASET, "--dataset", SHAPES, opt_dataset},
    {CT_CLI_OPT_SKIP_BAD, "--skip-bad", SHAPES, opt_skip_bad},
    {CT_CLI_OPT_COUNTRIES, "--countries", 0, opt_countries},
    {CT_CLI_OPT_JOIN, "--join", SHAPES | SHOWN, opt_join},
    {CT_CLI_OPT_THREADS, "--threads", 0, opt_threads},
    {CT_CLI_OPT_COVERAGE, "--coverage", SHAPES | SHOWN, opt_coverage},
    {CT_CLI_OPT_DATE_ORDER, "--date-order", 0, opt_date_order},
    {CT_CLI_OPT_STRICT, "--strict", 0, opt_strict},
    {'q', "--quiet", 0, opt_quiet},
};

int ct_cli_series_option(ct_cli_series_args *a, const char *cmd, int c,
                         char *arg)
{
    const struct series_opt *o = NULL;
    size_t i;
    int rc;

    for (i = 0; i < sizeof SERIES_OPTS / sizeof *SERIES_OPTS && !o; i++)
        if (SERIES_OPTS[i].code == c)
            o = &SERIES_OPTS[i];
    if (o == NULL)
        return -1;
    /* remember the options that select (before lists are split) */
    if ((o->flags & SHOWN) && arg) {
        size_t used = strlen(a->sel_text);
        snprintf(a->sel_text + used, sizeof a->sel_text - used, "%s%s %s",
                 used ? " " : "", o->name, arg);
    }
    if ((rc = o->handle(a, cmd, arg)) != 0)
        return rc;
    if ((o->flags & SHAPES) && a->selection == NULL)
        a->selection = o->name;
    return 0;
}

const char *ct_cli_selection_text(const ct_cli_series_args *a, int from,
                                  int to, char *buf, size_t n)
{
    char range[64] = "";
    if (from)
        snprintf(range, sizeof range, " --from %d", from);
    if (to)
        snprintf(range + strlen(range), sizeof range - strlen(range),
                 " --to %d", to);
    if (a->sel_text[0] == '\0' && range[0] == '\0')
        snprintf(buf, n, "the data");
    else
        snprintf(buf, n, "the selection (%s%s)", a->sel_text,
                 a->sel_text[0] ? range : range + 1);
    return buf;
}

/* the hooks of ct_series_from_files: a progress bar per file, notes on
 * stderr */
struct build_ctx {
    ct_cli_progress prog;
    int quiet;
};

static void build_note(void *ctx, const char *msg)
{
    (void)ctx;
    ct_cli_msg("%s", msg);
}

static void build_file_begin(void *ctx, const char *name)
{
    struct build_ctx *c = ctx;
    ct_cli_progress_init(&c->prog, name, c->quiet);
}

static void build_file_end(void *ctx)
{
    struct build_ctx *c = ctx;
    ct_cli_progress_end(&c->prog);
}

static void build_progress(unsigned long long done, unsigned long long total,
                           void *ctx)
{
    struct build_ctx *c = ctx;
    ct_cli_progress_cb(done, total, &c->prog);
}

int ct_cli_series_build(ct_series **out, ct_cli_series_args *a,
                        const char *cmd, char *const *files,
                        const char *const *names, int nfiles)
{
    ct_series_files_options fo;
    ct_series_files_hooks hooks;
    struct build_ctx ctx;
    ct_series_stage stage;
    ct_geo *geo = NULL;
    ct_error err;
    char *stdin_only[] = {(char *)"-"};
    int rc;

    *out = NULL;
    if (nfiles == 0) {
        files = stdin_only;
        names = NULL;
        nfiles = 1;
    }
    if ((geo = ct_cli_load_geo(a->geo_path)) == NULL)
        return CT_EXIT_DATA;
    memset(&fo, 0, sizeof fo);
    fo.so = a->so;
    fo.lo = a->lo;
    fo.geo = geo;
    fo.join_path = a->join_path;
    fo.nthreads = a->nthreads ? a->nthreads : ct_cli_threads();
    memset(&ctx, 0, sizeof ctx);
    ctx.quiet = a->quiet;
    hooks.note = build_note;
    hooks.file_begin = build_file_begin;
    hooks.file_end = build_file_end;
    hooks.progress = build_progress;
    hooks.ctx = &ctx;
    rc = ct_series_from_files(out, (const char *const *)files, names,
                              (size_t)nfiles, &fo, &hooks, &stage, &err);
    ct_geo_free(geo);
    if (rc == CT_OK)
        return CT_EXIT_OK;
    if (stage == CT_SERIES_STAGE_SELECT && err.code == CT_EUSAGE)
        return ct_cli_usage_error(cmd, "%s", err.msg);
    ct_cli_report(&err);
    if (stage == CT_SERIES_STAGE_JOIN && err.code == CT_EUSAGE)
        return ct_cli_try_help(cmd);
    return CT_EXIT_DATA;
}

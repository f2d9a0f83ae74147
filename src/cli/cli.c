/* SPDX-License-Identifier: MIT
 * cli.c - messages, data paths and small parsers shared by subcommands.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void ct_cli_report(const ct_error *err)
{
    char buf[CT_ERROR_PATH_MAX + CT_ERROR_MSG_MAX + 64];
    fprintf(stderr, "%s\n", ct_error_format(err, "ctrend", buf, sizeof buf));
}

void ct_cli_msg(const char *fmt, ...)
{
    va_list ap;
    fputs("ctrend: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int ct_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("ctrend: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry 'ctrend %s --help' for more information.\n",
                cmd);
    else
        fputs("\nTry 'ctrend --help' for more information.\n", stderr);
    return CT_EXIT_USAGE;
}

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

const char *ct_cli_data_path(const char *file)
{
    static char buf[4096];
    const char *env = getenv("CTREND_DATADIR");

    if (env && *env) {
        snprintf(buf, sizeof buf, "%s/%s", env, file);
        return buf;
    }
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

int ct_cli_year(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < CT_YEAR_MIN || v > CT_YEAR_MAX)
        return -1;
    *out = (int)v;
    return 0;
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
        n = strtol(env, NULL, 10);
        return n >= 1 && n <= 64 ? (size_t)n : 1;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > 8 ? 8 : (size_t)n;
}

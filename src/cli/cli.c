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

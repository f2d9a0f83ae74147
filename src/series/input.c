/* SPDX-License-Identifier: MIT
 * input.c - one FILE argument, a path or standard input: what it is (a
 * series CSV or an export, from its first bytes) and a way to read it
 * twice. A pipe or device is copied to a temporary file (spooled) that is
 * read instead; no child process (moved from cmd_fit.c, which forked one
 * to give the sniffed bytes back through a pipe).
 */
#define _POSIX_C_SOURCE 200809L
#include "ctrend/series.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Whether the first bytes of an input start a series CSV (see series.h):
 * a BOM, a quote, `period` (in any case: a `Period` header gets the series
 * reader's message, not the export loader's) and the character after it
 * (moved from cmd_fit.c). */
int ct_series_csv_sniff(const char *p, size_t n, int eof)
{
    size_t i = 0;
    int quoted = 0;

    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (i < n && p[i] == '"') {
        quoted = 1;
        i++;
    }
    if (i == n)
        return eof && !quoted;
    if (!quoted && (p[i] == '\n' || p[i] == '\r'))
        return 1; /* an empty first line: no header of any kind */
    if (n - i < 6 || strncasecmp(p + i, "period", 6) != 0)
        return 0;
    i += 6;
    if (i == n)
        return eof;
    if (quoted)
        return p[i] == '"';
    /* the delimiters the export loader knows, so that a re-saved series
     * gets the series reader's message */
    return p[i] != '\0' && strchr(",;\t\r\n", p[i]) != NULL;
}


/* bytes read to tell a series CSV from an export */
#define SNIFF_BYTES 16

void ct_series_input_close(ct_series_input *in)
{
    if (in->spool[0])
        unlink(in->spool);
    in->spool[0] = '\0';
}

/* Copies head[0..n) and the rest of fd into a new temporary file. */
static int spool(ct_series_input *in, int fd, const char *head, size_t n)
{
    const char *dir = getenv("TMPDIR");
    static char buf[65536];
    ssize_t r = (ssize_t)n;
    int out, e = 0;

    snprintf(in->spool, sizeof in->spool, "%s/ctrend-fit.XXXXXX",
             dir && *dir ? dir : "/tmp");
    if ((out = mkstemp(in->spool)) < 0) {
        in->spool[0] = '\0';
        return -1;
    }
    memcpy(buf, head, n);
    do {
        const char *p = buf;
        while (r > 0 && e == 0) {
            ssize_t w = write(out, p, (size_t)r);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                e = errno ? errno : EIO;
            else {
                p += w;
                r -= w;
            }
        }
        while (e == 0 && (r = read(fd, buf, sizeof buf)) < 0 && errno == EINTR)
            ;
        if (r < 0)
            e = errno;
    } while (e == 0 && r > 0);
    if (close(out) != 0 && e == 0)
        e = errno;
    if (e) {
        ct_series_input_close(in);
        errno = e;
        return -1;
    }
    in->path = in->spool;
    return 0;
}

int ct_series_input_open(ct_series_input *in, const char *name, ct_error *err)
{
    char head[SNIFF_BYTES];
    size_t n = 0;
    int fd, e, eof = 0, is_stdin = strcmp(name, "-") == 0;
    const char *shown = is_stdin ? "<stdin>" : name;
    off_t start = 0;
    struct stat st;

    memset(in, 0, sizeof *in);
    in->name = name;
    in->path = name;
    fd = is_stdin ? 0 : open(name, O_RDONLY);
    if (fd < 0)
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot open '%s': %s",
                            name, strerror(errno));
    e = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (is_stdin && e == 0 && S_ISREG(st.st_mode))
        start = lseek(0, 0, SEEK_CUR);
    while (e == 0 && n < sizeof head && !eof) {
        ssize_t r = read(fd, head + n, sizeof head - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            e = errno;
        else if (r == 0)
            eof = 1;
        n += r > 0 ? (size_t)r : 0;
    }
    if (e == 0) {
        in->series_csv = ct_series_csv_sniff(head, n, eof);
        if (!S_ISREG(st.st_mode) ||
            (is_stdin && (start < 0 || lseek(0, start, SEEK_SET) < 0)))
            e = spool(in, fd, head, n) == 0 ? 0 : errno;
    }
    if (!is_stdin)
        close(fd);
    if (e != 0)
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot read '%s': %s",
                            shown, strerror(e));
    return CT_OK;
}

int ct_series_input_read_csv(ct_series_input *in, const char *value_col,
                          ct_series **out, ct_error *err)
{
    return ct_series_read_csv_path(out, in->path, in->name, value_col, err);
}

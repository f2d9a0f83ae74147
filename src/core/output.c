/* SPDX-License-Identifier: MIT
 * output.c - atomic output files (output.h): mkstemp beside the target,
 * fflush + fsync-free close + rename. rename(2) within one directory is
 * atomic on POSIX file systems, so readers see the old or the new file.
 */
#define _POSIX_C_SOURCE 200809L
#include "ctrend/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ct_output {
    FILE *fp;       /* the stream written to                     */
    char *target;   /* final path; NULL for stdout                */
    char *tmp;      /* temporary path; NULL for stdout            */
};

int ct_output_open(ct_output **out, const char *path, ct_error *err)
{
    ct_output *o;
    int fd;
    size_t n;

    *out = NULL;
    o = calloc(1, sizeof *o);
    if (o == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    if (path == NULL || strcmp(path, "-") == 0) {
        o->fp = stdout;
        *out = o;
        return CT_OK;
    }
    n = strlen(path);
    o->target = malloc(n + 1);
    o->tmp = malloc(n + 16);
    if (o->target == NULL || o->tmp == NULL) {
        ct_output_abort(o);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    memcpy(o->target, path, n + 1);
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        ct_output_abort(o);
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot create '%s': %s",
                            path, strerror(e));
    }
    /* mkstemp creates 0600; give the file the usual umask-based mode. */
    {
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    o->fp = fdopen(fd, "w");
    if (o->fp == NULL) {
        close(fd);
        ct_output_abort(o);
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write '%s'", path);
    }
    *out = o;
    return CT_OK;
}

FILE *ct_output_stream(ct_output *o) { return o->fp; }

int ct_output_commit(ct_output *o, ct_error *err)
{
    int bad;

    if (o->target == NULL) {
        bad = fflush(o->fp) != 0 || ferror(o->fp);
        free(o);
        if (bad)
            return ct_error_set(err, CT_EIO, NULL, 0,
                                "write error on standard output");
        return CT_OK;
    }
    bad = fflush(o->fp) != 0 || ferror(o->fp);
    if (fclose(o->fp) != 0)
        bad = 1;
    o->fp = NULL;
    if (bad || rename(o->tmp, o->target) != 0) {
        int e = errno;
        ct_error_set(err, CT_EIO, NULL, 0, "cannot write '%s': %s",
                     o->target, strerror(e));
        ct_output_abort(o);
        return CT_EIO;
    }
    free(o->tmp);
    free(o->target);
    free(o);
    return CT_OK;
}

void ct_output_abort(ct_output *o)
{
    if (o == NULL)
        return;
    if (o->fp != NULL && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp != NULL)
        remove(o->tmp);
    free(o->tmp);
    free(o->target);
    free(o);
}

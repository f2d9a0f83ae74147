/* SPDX-License-Identifier: MIT
 * output.c - safe output files (output.h). Regular files: mkstemp beside
 * the target (a short name, so that a target name of any valid length
 * works), the target's mode and owner, flush, close, rename(2), which is
 * atomic within one directory on POSIX file systems. Devices, FIFOs and
 * /dev/fd names: written in place. Writes go through a stream cookie that
 * keeps the first errno, so a write error always has its cause.
 */
#define _GNU_SOURCE
#include "ctrend/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ct_output {
    FILE *fp;       /* the stream written to                          */
    int fd;         /* its descriptor (-1: stdout)                     */
    int werr;       /* first errno of a failed write or close, 0: none */
    char *name;     /* the path as given, for messages; NULL: stdout   */
    char *target;   /* file renamed onto; NULL: written in place       */
    char *tmp;      /* temporary path; NULL: written in place          */
    int slot;       /* index in the temp table, -1: none               */
};

/* ---- temporary files to remove on a signal ---------------------------- */

#define MAX_TEMPS 16
static char *volatile temps[MAX_TEMPS];

static int temp_register(char *path)
{
    int i;
    for (i = 0; i < MAX_TEMPS; i++)
        if (temps[i] == NULL) {
            temps[i] = path;
            return i;
        }
    return -1;
}

static void temp_unregister(int slot)
{
    if (slot >= 0)
        temps[slot] = NULL;
}

/* ---- temporary folders (ct_output_temp_dir_add) ------------------------ */

#define MAX_TEMP_DIRS 8
static const char *volatile temp_dirs[MAX_TEMP_DIRS];

int ct_output_temp_dir_add(const char *path, ct_error *err)
{
    int i;
    for (i = 0; i < MAX_TEMP_DIRS; i++)
        if (temp_dirs[i] == NULL) {
            temp_dirs[i] = path;
            return CT_OK;
        }
    return ct_error_set(err, CT_ELIMIT, path, 0,
                        "more than %d temporary folders at once",
                        MAX_TEMP_DIRS);
}

void ct_output_temp_dir_forget(const char *path)
{
    int i;
    for (i = 0; i < MAX_TEMP_DIRS; i++)
        if (temp_dirs[i] == path)
            temp_dirs[i] = NULL;
}

/* A directory entry as the getdents64 system call returns it. */
struct dirent64_raw {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

/* Removes name (in the folder parent) and, when it is a folder, what it
 * holds, depth levels down. Only system calls and no allocation, so that
 * a signal handler may call it (opendir and nftw allocate). */
static void remove_tree_at(int parent, const char *name, int depth)
{
#ifdef SYS_getdents64
    char buf[2048];
    int fd, pass;
#endif

    if (unlinkat(parent, name, 0) == 0 || depth <= 0)
        return;
#ifdef SYS_getdents64
    fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    /* entries removed while listing may hide others: list again until a
     * pass finds nothing to remove (bounded) */
    for (pass = 0; pass < 64; pass++) {
        int removed = 0;
        long n;
        if (lseek(fd, 0, SEEK_SET) != 0)
            break;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
            long off;
            for (off = 0; off < n;) {
                const struct dirent64_raw *d =
                    (const struct dirent64_raw *)(const void *)(buf + off);
                off += d->reclen;
                if (strcmp(d->name, ".") == 0 || strcmp(d->name, "..") == 0)
                    continue;
                remove_tree_at(fd, d->name, depth - 1);
                removed = 1;
            }
        }
        if (!removed)
            break;
    }
    close(fd);
#endif
    (void)unlinkat(parent, name, AT_REMOVEDIR);
}

void ct_output_remove_temps(void)
{
    int i, e = errno;
    for (i = 0; i < MAX_TEMPS; i++) {
        char *p = temps[i];
        if (p != NULL)
            (void)unlink(p);
    }
    for (i = 0; i < MAX_TEMP_DIRS; i++) {
        const char *p = temp_dirs[i];
        if (p != NULL)
            remove_tree_at(AT_FDCWD, p, 4);
    }
    errno = e;
}

/* ---- the stream: write(2) through a cookie that keeps the errno -------- */

static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
    ct_output *o = c;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(o->fd, buf + done, n - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (o->werr == 0)
                o->werr = errno;
            return done > 0 ? (ssize_t)done : -1;
        }
        done += (size_t)w;
    }
    return (ssize_t)done;
}

static int cookie_close(void *c)
{
    ct_output *o = c;
    int rc;
    if (o->name == NULL)
        return 0; /* standard output stays open */
    rc = close(o->fd);
    if (rc != 0 && o->werr == 0)
        o->werr = errno;
    o->fd = -1;
    return rc;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static void free_output(ct_output *o)
{
    temp_unregister(o->slot);
    free(o->tmp);
    free(o->target);
    free(o->name);
    free(o);
}

/* "DIR/.ctrend-XXXXXX" beside target: short, whatever target's length */
static char *temp_name(const char *target)
{
    static const char SUFFIX[] = ".ctrend-XXXXXX";
    const char *slash = strrchr(target, '/');
    size_t dn = slash ? (size_t)(slash - target) + 1 : 0;
    char *t = malloc(dn + sizeof SUFFIX);
    if (t != NULL) {
        memcpy(t, target, dn);
        memcpy(t + dn, SUFFIX, sizeof SUFFIX);
    }
    return t;
}

/* names that stand for an open descriptor: written in place, never
 * resolved and replaced */
static int fd_name(const char *p)
{
    return strcmp(p, "/dev/stdout") == 0 || strcmp(p, "/dev/stderr") == 0 ||
           strncmp(p, "/dev/fd/", 8) == 0 ||
           strncmp(p, "/proc/self/fd/", 14) == 0 ||
           strncmp(p, "/proc/thread-self/fd/", 21) == 0;
}

static int fail(ct_output *o, ct_error *err, int code, const char *path,
                const char *what, int e)
{
    if (o != NULL)
        ct_output_abort(o);
    if (e)
        return ct_error_set(err, code, path, 0, "%s: %s", what, strerror(e));
    return ct_error_set(err, code, path, 0, "%s", what);
}

int ct_output_open(ct_output **out, const char *path, ct_error *err)
{
    static const cookie_io_functions_t IO = {NULL, cookie_write, NULL,
                                             cookie_close};
    ct_output *o;
    struct stat lst, st;
    int have = 0, fd;

    *out = NULL;
    o = calloc(1, sizeof *o);
    if (o == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    o->fd = -1;
    o->slot = -1;
    if (path == NULL || strcmp(path, "-") == 0) {
        /* its own stream on descriptor 1, after what stdout holds, so
         * that a write error keeps its cause */
        if (fflush(stdout) != 0) {
            int e = errno;
            return fail(o, err, CT_EIO, "standard output", "write error", e);
        }
        o->fd = STDOUT_FILENO;
        o->fp = fopencookie(o, "w", IO);
        if (o->fp == NULL)
            return fail(o, err, CT_EIO, "standard output", "cannot write",
                        errno);
        *out = o;
        return CT_OK;
    }
    if (*path == '\0')
        return fail(o, err, CT_EUSAGE, NULL, "empty output file name", 0);
    if ((o->name = dup_str(path)) == NULL)
        return fail(o, err, CT_ENOMEM, NULL, "out of memory", 0);

    if (lstat(path, &lst) == 0) {
        have = 1;
        st = lst;
        if (S_ISLNK(lst.st_mode) && stat(path, &st) != 0)
            return fail(o, err, CT_EIO, path,
                        errno == ENOENT ? "cannot write: dangling symbolic "
                                          "link (its target does not exist)"
                                        : "cannot write",
                        errno == ENOENT ? 0 : errno);
    } else if (errno != ENOENT) {
        return fail(o, err, CT_EIO, path, "cannot write", errno);
    }
    if (have && S_ISDIR(st.st_mode))
        return fail(o, err, CT_EIO, path, "cannot write: is a directory", 0);
    if (have && (!S_ISREG(st.st_mode) || fd_name(path))) {
        /* device, FIFO, socket, /dev/stdout: write in place */
        fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            return fail(o, err, CT_EIO, path, "cannot write", errno);
        o->fd = fd;
    } else {
        if (have) {
            /* a regular file, or a link to one: replace the file itself */
            if ((st.st_mode & 0222) == 0) {
                char what[96];
                snprintf(what, sizeof what, "cannot write: read-only file "
                         "(mode %04o), not replaced",
                         (unsigned)(st.st_mode & 07777));
                return fail(o, err, CT_EIO, path, what, 0);
            }
            if (access(path, W_OK) != 0)
                return fail(o, err, CT_EIO, path, "cannot write", errno);
            o->target = S_ISLNK(lst.st_mode) ? realpath(path, NULL)
                                             : dup_str(path);
        } else {
            o->target = dup_str(path);
        }
        if (o->target == NULL)
            return fail(o, err, CT_EIO, path, "cannot write", errno);
        if ((o->tmp = temp_name(o->target)) == NULL)
            return fail(o, err, CT_ENOMEM, NULL, "out of memory", 0);
        fd = mkostemp(o->tmp, O_CLOEXEC);
        if (fd < 0) {
            int e = errno;
            free(o->tmp);
            o->tmp = NULL;
            return fail(o, err, CT_EIO, path, "cannot create", e);
        }
        o->slot = temp_register(o->tmp);
        o->fd = fd;
        if (have) {
            /* keep the replaced file's owner (when allowed) and mode */
            if (fchown(fd, st.st_uid, st.st_gid) != 0) {
                /* not allowed: the file becomes the writer's */
            }
            (void)fchmod(fd, st.st_mode & 07777);
        } else {
            mode_t mask = umask(0);
            umask(mask);
            (void)fchmod(fd, 0666 & ~mask);
        }
    }
    o->fp = fopencookie(o, "w", IO);
    if (o->fp == NULL) {
        int e = errno;
        close(o->fd);
        o->fd = -1;
        return fail(o, err, CT_EIO, path, "cannot write", e);
    }
    *out = o;
    return CT_OK;
}

FILE *ct_output_stream(ct_output *o) { return o->fp; }

int ct_output_commit(ct_output *o, ct_error *err)
{
    const char *name = o->name ? o->name : "standard output";
    int bad, e;

    bad = fflush(o->fp) != 0 || ferror(o->fp);
    if (fclose(o->fp) != 0)
        bad = 1;
    o->fp = NULL;
    if (bad) {
        e = o->werr ? o->werr : EIO;
        ct_error_set(err, CT_EIO, name, 0, "write error: %s", strerror(e));
        ct_output_abort(o);
        return CT_EIO;
    }
    if (o->tmp != NULL && rename(o->tmp, o->target) != 0) {
        e = errno;
        ct_error_set(err, CT_EIO, name, 0, "cannot replace: %s",
                     strerror(e));
        ct_output_abort(o);
        return CT_EIO;
    }
    free_output(o);
    return CT_OK;
}

void ct_output_abort(ct_output *o)
{
    if (o == NULL)
        return;
    if (o->fp != NULL)
        fclose(o->fp);
    else if (o->fd >= 0 && o->name != NULL)
        close(o->fd);
    if (o->tmp != NULL)
        unlink(o->tmp);
    free_output(o);
}

int ct_output_fail(ct_output *o, int rc, ct_error *err)
{
    if (o == NULL)
        return rc;
    if (o->fp != NULL && (fflush(o->fp) != 0 || ferror(o->fp))) {
        int e = o->werr ? o->werr : EIO;
        ct_error_set(err, CT_EIO, o->name ? o->name : "standard output", 0,
                     "write error: %s", strerror(e));
        rc = CT_EIO;
    }
    ct_output_abort(o);
    return rc;
}

int ct_output_check_inputs(const char *path, const char *const *inputs,
                           size_t n, ct_error *err)
{
    struct stat out, in;
    size_t i;

    if (path == NULL || strcmp(path, "-") == 0 || stat(path, &out) != 0)
        return CT_OK;
    if (!S_ISREG(out.st_mode))
        return CT_OK;
    for (i = 0; i < n; i++) {
        int same_name;
        if (inputs[i] == NULL)
            continue;
        if (strcmp(inputs[i], "-") == 0 ? fstat(STDIN_FILENO, &in) != 0
                                        : stat(inputs[i], &in) != 0)
            continue;
        if (in.st_dev != out.st_dev || in.st_ino != out.st_ino)
            continue;
        same_name = strcmp(inputs[i], path) == 0;
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "the output file is also an input%s%s%s: "
                            "refusing to overwrite it",
                            same_name ? "" : " (",
                            same_name ? "" : (strcmp(inputs[i], "-") == 0
                                                  ? "standard input"
                                                  : inputs[i]),
                            same_name ? "" : ")");
    }
    return CT_OK;
}

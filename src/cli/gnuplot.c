/* SPDX-License-Identifier: MIT
 * gnuplot.c - runs gnuplot (gnuplot.h): fork and execvp with an argument
 * vector built by ct_plot_argv, stdout and stderr captured for the error
 * message, the image written beside its target and renamed on success.
 */
#define _GNU_SOURCE /* mkstemps */
#include "cli/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"

const char *ct_cli_gnuplot_dir(void)
{
    static char buf[4096];
    const char *env = getenv("CTREND_PLOTDIR");
    struct stat st;

    if (env && *env)
        return env;
    snprintf(buf, sizeof buf, "%s/trends.gp", CT_SOURCE_PLOTDIR);
    if (stat(buf, &st) == 0)
        return CT_SOURCE_PLOTDIR;
    return CT_INSTALL_DATADIR "/plots";
}

/* Runs argv, capturing its stdout and stderr (the first 8 KiB) into
 * msg. Returns 0 when it exited with status 0; -1 (errno_out set) when it
 * could not be started; else its exit status (128 + signal). */
static int run(const char *const *argv, char *msg, size_t msg_n,
               int *errno_out)
{
    int fd[2], ep[2], status, n;
    size_t used = 0;
    pid_t pid;
    char buf[1024];

    msg[0] = '\0';
    *errno_out = 0;
    if (pipe(fd) != 0)
        return *errno_out = errno, -1;
    if (pipe(ep) != 0) {
        *errno_out = errno;
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    fcntl(ep[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        *errno_out = errno;
        close(fd[0]);
        close(fd[1]);
        close(ep[0]);
        close(ep[1]);
        return -1;
    }
    if (pid == 0) {
        int e, devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        close(ep[0]);
        execvp(argv[0], (char *const *)argv);
        e = errno;
        if (write(ep[1], &e, sizeof e) < 0)
            _exit(127);
        _exit(127);
    }
    close(fd[1]);
    close(ep[1]);
    while ((n = (int)read(fd[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
        size_t k = n > 0 ? (size_t)n : 0;
        if (used + 1 < msg_n) {
            size_t c = k < msg_n - 1 - used ? k : msg_n - 1 - used;
            memcpy(msg + used, buf, c);
            used += c;
            msg[used] = '\0';
        }
    }
    close(fd[0]);
    if (read(ep[0], errno_out, sizeof *errno_out) == (ssize_t)sizeof *errno_out) {
        close(ep[0]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        return -1;
    }
    close(ep[0]);
    *errno_out = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return *errno_out = errno, -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int ct_cli_write_file(const char *path, ct_cli_write_fn fn, void *ctx)
{
    ct_error err;
    FILE *f = fopen(path, "w");
    int rc;

    if (f == NULL) {
        ct_cli_msg("cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    rc = fn(f, ctx, &err);
    if (fclose(f) != 0 && rc == CT_OK)
        rc = ct_error_set(&err, CT_EIO, path, 0, "cannot write");
    if (rc != CT_OK) {
        ct_cli_report(&err);
        return -1;
    }
    return 0;
}

int ct_cli_gnuplot_draw(const ct_cli_gnuplot_job *job)
{
    char script[4096], msg[8192], *tmp_out = NULL;
    const char *argv[8], *gp = getenv("CTREND_GNUPLOT");
    const char *outpath = job->out;
    ct_error err;
    int rc = CT_EXIT_DATA, st, e, fd;

    if (gp == NULL || *gp == '\0')
        gp = "gnuplot";
    /* the image goes to a temporary file beside OUT, renamed on success */
    tmp_out = malloc(strlen(outpath) + 32);
    if (tmp_out == NULL) {
        ct_cli_msg("out of memory");
        return CT_EXIT_DATA;
    }
    sprintf(tmp_out, "%s.tmp-XXXXXX.%s", outpath,
            ct_plot_format_name(job->format));
    if ((fd = mkstemps(tmp_out, 4)) < 0) {
        ct_cli_msg("cannot create '%s': %s", outpath, strerror(errno));
        free(tmp_out);
        return CT_EXIT_DATA;
    }
    close(fd);
    if (ct_plot_argv(argv, 8, gp, ct_cli_gnuplot_dir(), job->kind, job->data,
                     tmp_out, job->labels, job->format, script,
                     sizeof script, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    st = run(argv, msg, sizeof msg, &e);
    if (st == -1) {
        if (e == ENOENT)
            ct_cli_msg("gnuplot not found ('%s'): install gnuplot (Debian: "
                       "gnuplot-nox), set CTREND_GNUPLOT, or use --data-only",
                       gp);
        else
            ct_cli_msg("cannot run '%s': %s", gp, strerror(e));
        goto done;
    }
    if (st != 0) {
        size_t len = strlen(msg);
        while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
            msg[--len] = '\0';
        ct_cli_msg("gnuplot failed (exit status %d) on %s:%s%s", st, script,
                   len ? "\n" : " no message", msg);
        goto done;
    }
    {
        struct stat sb;
        if (stat(tmp_out, &sb) != 0 || sb.st_size == 0) {
            ct_cli_msg("gnuplot wrote no image%s%s", msg[0] ? ":\n" : "",
                       msg);
            goto done;
        }
    }
    {   /* mkstemps made it 0600: give it the usual mode */
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp_out, 0666 & ~mask);
    }
    if (rename(tmp_out, outpath) != 0) {
        ct_cli_msg("cannot write '%s': %s", outpath, strerror(errno));
        goto done;
    }
    rc = CT_EXIT_OK;
done:
    if (rc != CT_EXIT_OK)
        unlink(tmp_out);
    free(tmp_out);
    return rc;
}

int ct_cli_gnuplot_draw_all(const ct_cli_gnuplot_job *jobs, size_t n,
                            size_t workers)
{
    pid_t pid[16];
    size_t w, i, started = 0;
    int rc = CT_EXIT_OK, status;

    if (workers < 1)
        workers = 1;
    if (workers > 16)
        workers = 16;
    if (workers > n)
        workers = n;
    fflush(NULL);
    /* worker w > 0 is a child drawing jobs w, w + workers, ...; the
     * parent draws the jobs of worker 0, then waits for the children */
    for (w = 1; w < workers; w++) {
        pid[w] = fork();
        if (pid[w] < 0)
            break;
        if (pid[w] == 0) {
            int crc = CT_EXIT_OK;
            for (i = w; i < n; i += workers)
                if (ct_cli_gnuplot_draw(&jobs[i]) != CT_EXIT_OK)
                    crc = CT_EXIT_DATA;
            fflush(NULL);
            _exit(crc);
        }
        started = w;
    }
    /* jobs of workers that could not be started run here too */
    for (i = 0; i < n; i++)
        if (i % workers == 0 || i % workers > started)
            if (ct_cli_gnuplot_draw(&jobs[i]) != CT_EXIT_OK)
                rc = CT_EXIT_DATA;
    for (w = 1; w <= started; w++) {
        while (waitpid(pid[w], &status, 0) < 0)
            if (errno != EINTR) {
                status = 1;
                break;
            }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            rc = CT_EXIT_DATA;
    }
    return rc;
}

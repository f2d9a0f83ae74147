/* SPDX-License-Identifier: MIT
 * fuzz_common.h - shared by the libFuzzer harnesses: the input becomes a
 * file (a memfd, so the loaders read it through their real code path) and
 * the country table is loaded once.
 */
#ifndef CT_FUZZ_COMMON_H
#define CT_FUZZ_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ctrend/ctrend.h"

#ifndef CT_FUZZ_DATADIR
#define CT_FUZZ_DATADIR "datasets"
#endif

static ct_geo *fuzz_geo(void)
{
    static ct_geo *g;
    if (g == NULL) {
        ct_error err;
        const char *dir = getenv("CTREND_DATADIR");
        char path[4096];
        snprintf(path, sizeof path, "%s/countries.csv",
                 dir && *dir ? dir : CT_FUZZ_DATADIR);
        if (ct_geo_load(&g, path, &err) != CT_OK) {
            fprintf(stderr, "fuzz: cannot load %s: %s\n", path, err.msg);
            abort();
        }
    }
    return g;
}

/* Writes data to a fresh memfd; fills path with /proc/self/fd/N and
 * returns the descriptor (close it after use), or -1. */
static int fuzz_file(const uint8_t *data, size_t size, char *path,
                     size_t n)
{
    int fd = memfd_create("ctrend-fuzz", 0);
    size_t off = 0;
    if (fd < 0)
        return -1;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

#endif

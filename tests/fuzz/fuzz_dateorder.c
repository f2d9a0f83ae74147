/* SPDX-License-Identifier: MIT
 * fuzz_dateorder.c - issue 8 class 1 as a property: a file of slash
 * dates made from the input gives the same monthly series (or the same
 * error and line) on 1, 2 and 4 threads (dateorder_prop.h).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "dateorder_prop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/ct_fuzz_dateorder_XXXXXX";
    int fd;
    (void)fuzz_file;
    if (size > 3 * 2000)
        return 0;
    fd = mkstemp(path);
    if (fd < 0)
        return 0;
    close(fd);
    if (prop_write(path, data, size) == 0 &&
        prop_check(fuzz_geo(), path) != 0)
        abort();
    unlink(path);
    return 0;
}

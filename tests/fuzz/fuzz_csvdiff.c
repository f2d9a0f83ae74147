/* SPDX-License-Identifier: MIT
 * fuzz_csvdiff.c - differential: the fast tokenizer and libcsv must give
 * the same records and errors for every input (abort otherwise).
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

#include "csvdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], why[512];
    int fd = fuzz_file(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    if (ct_csvdiff_file(path, NULL, why, sizeof why) != 0) {
        fprintf(stderr, "fast tokenizer and libcsv differ: %s\n", why);
        abort();
    }
    close(fd);
    return 0;
}

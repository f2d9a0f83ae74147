/* SPDX-License-Identifier: MIT
 * fuzz_load.c - every loader: the first input byte picks the dataset
 * (auto-detection or one forced dataset), the rest is the file. Each
 * observation goes through a series builder, so aggregation is fuzzed
 * too. Any crash, leak, hang or sanitizer report is a bug.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_series_builder *b = NULL;
    ct_series *s = NULL;
    ct_load_info info;
    ct_error err;
    char path[64];
    int fd;

    if (size < 1)
        return 0;
    lo.geo = fuzz_geo();
    lo.dataset = (ct_dataset)(data[0] % CT_DS_COUNT);
    lo.skip_bad = data[0] & 0x80 ? 1 : 0;
    so.geo = lo.geo;
    so.measure = (ct_measure)((data[0] >> 3) % 3);
    so.keys[0] = CT_KEY_SUBREGION;
    so.keys[1] = CT_KEY_CLASS;
    so.n_keys = (data[0] >> 5) % 3;
    fd = fuzz_file(data + 1, size - 1, path, sizeof path);
    if (fd < 0)
        return 0;
    if (ct_series_builder_alloc(&b, &so, &err) == CT_OK &&
        ct_load_file(path, &lo, ct_series_builder_add, b, &info, &err) ==
            CT_OK)
        ct_series_builder_finish(b, &s, &err);
    ct_series_free(s);
    ct_series_builder_free(b);
    close(fd);
    return 0;
}

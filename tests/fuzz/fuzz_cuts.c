/* SPDX-License-Identifier: MIT
 * fuzz_cuts.c - issue 13 point 1 as a property: a file read on 2-4
 * threads (every file split) gives what it gives on one, whatever its
 * quoted line breaks make of the guessed cuts (cuts_prop.h). The first
 * byte picks the thread count and the file: even, an ACLED file built
 * from the rest by cuts_write (notes with line breaks, doubled quotes
 * and record-like lines); odd, the rest as the body under an ACLED
 * header, as is.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "cuts_prop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int write_raw(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fputs("event_id_cnty,event_date,year,event_type,iso,country,notes,"
          "fatalities\n", f);
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/ct_fuzz_cuts_XXXXXX";
    size_t nthreads;
    int fd, rc;
    (void)fuzz_file;
    if (size < 1 || size > 65536)
        return 0;
    nthreads = 2 + (size_t)(data[0] >> 1) % 3;
    fd = mkstemp(path);
    if (fd < 0)
        return 0;
    close(fd);
    rc = data[0] & 1 ? write_raw(path, data + 1, size - 1)
                     : cuts_write(path, data + 1, size - 1);
    if (rc == 0 && cuts_check(fuzz_geo(), path, nthreads) != 0)
        abort();
    unlink(path);
    return 0;
}

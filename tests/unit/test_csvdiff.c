/* SPDX-License-Identifier: MIT
 * test_csvdiff.c - the fast tokenizer gives byte-for-byte the records (and
 * errors) libcsv gives: on tricky inputs written here, on every fixture in
 * tests/data, and on every file in ../shared/data (skipped when absent).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvdiff.h"
#include "runner.h"

static void check_path(const char *path)
{
    char why[512];
    long records = 0;
    int r = ct_csvdiff_file(path, &records, why, sizeof why);
    if (r != 0)
        fprintf(stderr, "\n  %s: %s\n", path, why);
    CU_ASSERT_EQUAL(r, 0);
}

static int walk(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            files += walk(path);
        else if (strstr(e->d_name, ".csv") || strstr(e->d_name, ".txt") ||
                 strstr(e->d_name, ".tsv")) {
            check_path(path);
            files++;
        }
    }
    closedir(d);
    return files;
}

/* Inputs chosen for libcsv's corner cases; each is written to a temporary
 * file and compared. */
static const char *const TRICKY[] = {
    "a,b,c\n1,2,3\n",
    "a,b,c\r\n1,2,3\r\n",
    "a,b\n  x  ,\t y \n",
    "a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n",
    "a,b\n\"line\nbreak\",2\n\"\",\n",
    "a,b\n  \"q\"  ,z\n",
    "a,b\n\"q\" x,z\n",
    "a,b\nx\"y,z\n",
    "a,b\n1,2\n   \n\n3,4",
    "a,b\n1,2\r3,4\n",
    "a;b\n1;\"2;3\"\n",
    "a,b\n\"unterminated,2\n",
    "a,b,\n1,2,\n,,\n",
    "a\n\"\"\"\"\n\" \"\n",
    "a,b\n\"x\"\"\",\"\"\"y\"\n",
    "a,b\n1,2\r\n\r\n3,4\r\n",
    "a,b\n\"a\"\"\"  ,b\n",
    "a,b\n\"x\"  \"y\",b\n",
    /* blanks at field ends, which the structural index leaves to the
     * cut (trimmed there, as libcsv trims them) */
    "a,b\n x , y \n  \n z ,w\n\t\t\nv,\t\n",
    "a,b\r\n x ,y \r\n \r\nq, \r\n",
    "a,b,c\n ,\t, \n  ,  ,  \n",
    "a\n x \n   \n\t\ny\n \t \nz",
    "a,b\n\"x\" , y\n x\"y\" ,z\n",
    "a,b\n \"x\",y\n\t\"q\"\t,\"r\"\n",
    "a,b,c\nfirst field with inner spaces  ,  second , third\n"
    "0123456789012345678901234567890123456789012345678901234567890 ,x,y\n"
    "01234567890123456789012345678901234567890123456789012345678901, x,y\n",
};

static void test_tricky(void)
{
    size_t i;
    for (i = 0; i < sizeof TRICKY / sizeof TRICKY[0]; i++) {
        char path[] = "/tmp/ct_csvdiff_XXXXXX";
        int fd = mkstemp(path);
        FILE *f;
        CU_ASSERT_FATAL(fd >= 0);
        f = fdopen(fd, "w");
        fputs(TRICKY[i], f);
        fclose(f);
        check_path(path);
        unlink(path);
    }
}

/* The tricky records again, after a first line of each length from 1
 * to 64 bytes, twice, then a long last line: each starts at every offset
 * of a 64-byte block and lies wholly inside the structural index (whose
 * blocks need the byte after them), with neighbours on either side. */
static void test_tricky_offsets(void)
{
    size_t i, shift;
    for (i = 0; i < sizeof TRICKY / sizeof TRICKY[0]; i++) {
        const char *body = strchr(TRICKY[i], '\n') + 1;
        for (shift = 0; shift < 64; shift++) {
            char path[] = "/tmp/ct_csvdiff_XXXXXX";
            int fd = mkstemp(path);
            FILE *f;
            CU_ASSERT_FATAL(fd >= 0);
            f = fdopen(fd, "w");
            fprintf(f, "%.*s\n%s\n%s\n%s%0130d\n", (int)shift,
                    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    "ffffffff",
                    body, body, body, 7);
            fclose(f);
            check_path(path);
            unlink(path);
        }
    }
}

/* Records from a few bytes to 70 KB (quoted notes with commas, doubled
 * quotes and line breaks, long unquoted fields), 3 MB in all: records
 * span the index's 8 KiB chunks and the reader's 1 MiB refills. The
 * lengths come from a fixed linear congruential sequence. */
static void test_long_records(void)
{
    char path[] = "/tmp/ct_csvdiff_XXXXXX";
    int fd = mkstemp(path);
    unsigned long x = 12345;
    long total = 0, rec = 0;
    FILE *f;
    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    fputs("id,note,n,text\n", f);
    while (total < 3L * 1024 * 1024) {
        long len, i;
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        len = (long)(x >> 33) % (rec % 7 == 0 ? 70000 : 300);
        total += fprintf(f, "%ld,\"", rec);
        for (i = 0; i < len; i++) {
            /* a comma, a doubled quote or a line break now and then */
            int c = i % 97 == 13 ? ',' : i % 389 == 7 ? '"' : 'a' + (int)(i % 26);
            if (c == '"')
                fputc('"', f);
            if (i % 1543 == 100 && rec % 3 == 0)
                c = '\n';
            fputc(c, f);
        }
        total += len + 2;
        total += fprintf(f, "\",%ld,", len);
        for (i = 0; i < (rec % 5 == 0 ? len / 3 : 5); i++)
            fputc('x', f);
        fputc('\n', f);
        total += 6;
        rec++;
    }
    fclose(f);
    check_path(path);
    unlink(path);
}

static void test_fixtures(void)
{
    int n = walk(ct_test_path(ct_test_source_dir(), "tests/data"));
    n += walk(ct_test_path(ct_test_source_dir(), "datasets"));
    CU_ASSERT(n > 0);
}

static void test_shared(void)
{
    const char *dir = ct_test_shared_dir();
    if (dir == NULL) {
        fprintf(stderr, "skipped: no shared data ");
        return;
    }
    CU_ASSERT(walk(dir) >= 11);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("csvdiff", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "tricky inputs", test_tricky) ||
        !CU_add_test(s, "tricky inputs at every block offset",
                     test_tricky_offsets) ||
        !CU_add_test(s, "long records across chunks and refills",
                     test_long_records) ||
        !CU_add_test(s, "fixtures and datasets", test_fixtures) ||
        !CU_add_test(s, "shared data", test_shared))
        return -1;
    return 0;
}

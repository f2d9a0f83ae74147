/* SPDX-License-Identifier: MIT
 * csv_reader.c - the one libcsv adapter (csv_reader.h).
 *
 * Record boundaries are found here, not by libcsv: a newline ends a record
 * when the number of quote characters since the record began is even
 * (RFC 4180 doubles quotes inside quoted fields, so parity is exact for
 * well-formed input). That gives the physical line where each record
 * starts, which libcsv cannot report, and lets one bad record be skipped.
 * Each record's bytes then go through libcsv in strict mode, which is the
 * parser of record for field contents.
 */
#define _POSIX_C_SOURCE 200809L
#include "load/csv_reader.h"

#include <csv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK (1u << 20)
/* libcsv grows its field buffer by this much at a time (its default, 128
 * bytes, makes a multi-megabyte field quadratic). */
#define CSV_BLOCK (64u * 1024u)

/* One bit per byte of a 64-byte block (fast path, below). */
typedef struct masks {
    unsigned long long q, d, n, r, z, h; /* quote, delim, LF, CR, NUL, high */
    unsigned long long b;                /* space or tab                   */
} masks;
typedef void (*masks_fn)(const char *, char, masks *);
static masks_fn pick_masks(void);

struct ct_csv {
    int fd;                  /* input descriptor                         */
    int own_fd;              /* 1 when we must close fd                  */
    char *display;           /* name for messages (owned)                */
    char *buf;               /* input buffer (owned)                     */
    size_t cap;              /* bytes allocated in buf                   */
    size_t start;            /* first unread byte in buf                 */
    size_t end;              /* one past the last valid byte in buf      */
    int eof;                 /* read() returned 0                        */
    int started;             /* first block inspected (BOM, magic)       */
    int dead;                /* a fatal error happened: stop             */
    long line;               /* physical line number of buf[start]       */
    struct csv_parser p;     /* libcsv state                             */
    unsigned char delim;     /* field delimiter                          */
    int have_delim;          /* delimiter chosen (on the first record)   */
    char *arena;             /* field bytes of the current record        */
    size_t arena_len, arena_cap;
    size_t *off;             /* offset of each field in arena            */
    unsigned char *fesc;     /* fast path: field holds doubled quotes    */
    size_t *lens;            /* length of each field                     */
    char **ptr;              /* field pointers handed out                */
    size_t nf, fcap;         /* fields in the record / allocated         */
    int rec_ends;            /* record callbacks seen for this record    */
    int oom;                 /* allocation failed inside a callback      */
    int too_many;            /* more than CT_CSV_MAX_FIELDS fields       */
    char *scratch;           /* transcoding buffer                       */
    size_t scratch_cap;
    char *xarena;            /* transcoded fields of the current record  */
    size_t xarena_len, xarena_cap;
    long *xoff;              /* per field: offset in xarena, or -1       */
    size_t xcap;
    int use_libcsv;          /* 1: every record through libcsv           */
    int lazy;                /* 1: fields terminated on demand           */
    char **names;            /* column names for messages (one block)    */
    size_t nnames;
    unsigned char *want;     /* lazy mode: columns to cut (NULL: all)    */
    size_t nwant;
    size_t *skip;            /* the columns not cut, ascending           */
    size_t nskip;
    masks_fn masks;          /* block_masks or its AVX2 twin             */
    int pending;             /* the current record has unterminated
                                fields (lazy fast path)                */
    long transcoded;         /* fields transcoded from Windows-1252      */
    unsigned long long consumed; /* absolute offset of buf[start]        */
    unsigned long long total;    /* file size, 0 when unknown            */
    unsigned long long stop;     /* records starting here or later are
                                    not read (0: read to the end)       */
    int crossed;                 /* a record ran past stop               */
    int cr_mode;                 /* lines end in a lone CR (old Mac):
                                    every CR read is turned into LF     */
};

static const unsigned char CSV_OPTS =
    CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;

static int grow_fields(ct_csv *c);

static void on_field(void *s, size_t n, void *data)
{
    ct_csv *c = data;

    if (c->oom || c->too_many)
        return;
    if (c->rec_ends > 0) {
        /* a bare CR ended the record early; the caller reports it */
        c->rec_ends++;
        return;
    }
    if (c->nf >= CT_CSV_MAX_FIELDS) {
        c->too_many = 1;
        return;
    }
    if (c->nf == c->fcap) {
        if (grow_fields(c) != 0) {
            c->oom = 1;
            return;
        }
    }
    if (c->arena_len + n + 1 > c->arena_cap) {
        size_t ncap = c->arena_cap ? c->arena_cap : 4096;
        char *na;
        while (ncap < c->arena_len + n + 1)
            ncap *= 2;
        na = realloc(c->arena, ncap);
        if (na == NULL) {
            c->oom = 1;
            return;
        }
        c->arena = na;
        c->arena_cap = ncap;
    }
    if (n > 0)
        memcpy(c->arena + c->arena_len, s, n);
    c->arena[c->arena_len + n] = '\0';
    c->off[c->nf] = c->arena_len;
    c->lens[c->nf] = n;
    c->arena_len += n + 1;
    c->nf++;
}

static void on_record(int ch, void *data)
{
    ct_csv *c = data;
    (void)ch;
    c->rec_ends++;
}

static int reset_parser(ct_csv *c)
{
    csv_free(&c->p);
    if (csv_init(&c->p, CSV_OPTS) != 0)
        return -1;
    csv_set_delim(&c->p, c->delim);
    csv_set_blk_size(&c->p, CSV_BLOCK);
    return 0;
}

int ct_csv_open_range(ct_csv **out, const char *path, const char *display,
                      unsigned long long start, unsigned long long stop,
                      char delim, ct_error *err)
{
    int rc = ct_csv_open(out, path, display, err);
    ct_csv *c = *out;

    if (rc != CT_OK)
        return rc;
    if (lseek(c->fd, (off_t)start, SEEK_SET) == (off_t)-1) {
        ct_csv_close(c);
        *out = NULL;
        return ct_error_set(err, CT_EIO, display ? display : path, 0,
                            "cannot seek in the file");
    }
    c->consumed = start;
    c->stop = stop;
    c->started = 1;
    c->have_delim = 1;
    c->delim = (unsigned char)delim;
    csv_set_delim(&c->p, c->delim);
    return CT_OK;
}

unsigned long long ct_csv_offset(const ct_csv *c) { return c->consumed; }
long ct_csv_lines(const ct_csv *c) { return c->line - 1; }
int ct_csv_crossed(const ct_csv *c) { return c->crossed; }

int ct_csv_open(ct_csv **out, const char *path, const char *display,
                ct_error *err)
{
    ct_csv *c;
    struct stat st;
    int use_stdin = path == NULL || strcmp(path, "-") == 0;
    const char *name = display ? display : (use_stdin ? "<stdin>" : path);

    *out = NULL;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
    c->display = strdup(name);
    c->cap = READ_BLOCK + 1;
    c->buf = malloc(c->cap);
    if (c->display == NULL || c->buf == NULL) {
        ct_csv_close(c);
        return ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
    }
    c->line = 1;
    c->delim = ',';
    c->masks = pick_masks();
    if (use_stdin) {
        c->fd = 0;
    } else {
        c->fd = open(path, O_RDONLY);
        if (c->fd < 0) {
            int e = errno;
            ct_csv_close(c);
            return ct_error_set(err, CT_EIO, NULL, 0, "cannot open '%s': %s",
                                path, strerror(e));
        }
        c->own_fd = 1;
    }
    if (fstat(c->fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            ct_csv_close(c);
            return ct_error_set(err, CT_EIO, NULL, 0,
                                "cannot read '%s': Is a directory", name);
        }
        if (S_ISREG(st.st_mode))
            c->total = (unsigned long long)st.st_size;
    }
    if (csv_init(&c->p, CSV_OPTS) == 0)
        csv_set_blk_size(&c->p, CSV_BLOCK);
    else {
        free(c->buf);
        free(c->display);
        if (c->own_fd)
            close(c->fd);
        free(c);
        return ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
    }
    *out = c;
    return CT_OK;
}

void ct_csv_close(ct_csv *c)
{
    if (c == NULL)
        return;
    if (c->buf != NULL) /* csv_init ran only once buf exists */
        csv_free(&c->p);
    if (c->own_fd)
        close(c->fd);
    free(c->display);
    free(c->buf);
    free(c->arena);
    free(c->off);
    free(c->fesc);
    free(c->lens);
    free(c->ptr);
    free(c->scratch);
    free(c->xarena);
    free(c->xoff);
    free(c->want);
    free(c->skip);
    free(c->names);
    free(c);
}

const char *ct_csv_display(const ct_csv *c) { return c->display; }
int ct_csv_dead(const ct_csv *c) { return c->dead; }
void ct_csv_use_libcsv(ct_csv *c, int on) { c->use_libcsv = on != 0; }
char ct_csv_delimiter(const ct_csv *c) { return (char)c->delim; }
long ct_csv_transcoded(const ct_csv *c) { return c->transcoded; }

void ct_csv_progress(const ct_csv *c, unsigned long long *done,
                     unsigned long long *total)
{
    *done = c->consumed;
    *total = c->total;
}

/* Reads more input, keeping buf[start, end). Returns bytes read, 0 at
 * EOF, or a negative CT_E* code on error (err filled). */
static long refill(ct_csv *c, ct_error *err)
{
    ssize_t r;

    if (c->start > 0) {
        memmove(c->buf, c->buf + c->start, c->end - c->start);
        c->end -= c->start;
        c->start = 0;
    }
    if (c->cap - c->end < READ_BLOCK) {
        size_t ncap = c->cap * 2;
        char *nb;
        if (ncap > CT_CSV_MAX_RECORD_BYTES * 2u + READ_BLOCK * 2u)
            ncap = CT_CSV_MAX_RECORD_BYTES * 2u + READ_BLOCK * 2u;
        if (ncap <= c->cap) {
            return ct_error_set(err, CT_ELIMIT, c->display, c->line,
                                "record longer than %u bytes",
                                CT_CSV_MAX_RECORD_BYTES);
        }
        nb = realloc(c->buf, ncap);
        if (nb == NULL)
            return ct_error_set(err, CT_ENOMEM, c->display, c->line,
                                "out of memory");
        c->buf = nb;
        c->cap = ncap;
    }
    do {
        r = read(c->fd, c->buf + c->end, c->cap - c->end - 1);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        int e = errno;
        return ct_error_set(err, CT_EIO, c->display, 0, "read error: %s",
                            strerror(e));
    }
    if (r == 0)
        c->eof = 1;
    if (c->cr_mode) {
        char *p = c->buf + c->end, *e = p + r;
        while ((p = memchr(p, '\r', (size_t)(e - p))) != NULL)
            *p++ = '\n';
    }
    c->end += (size_t)r;
    return (long)r;
}

static int inspect_start(ct_csv *c, ct_error *err)
{
    const unsigned char *b = (const unsigned char *)c->buf + c->start;
    size_t n = c->end - c->start;

    c->started = 1;
    if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
        return ct_error_set(err, CT_EPARSE, c->display, 1,
                            "gzip-compressed data, not CSV: decompress it "
                            "first (gunzip)");
    if (n >= 4 && memcmp(b, "PK\003\004", 4) == 0)
        return ct_error_set(err, CT_EPARSE, c->display, 1,
                            "zip archive, not CSV: extract the CSV file "
                            "first (unzip)");
    if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
                   (b[0] == 0xfe && b[1] == 0xff)))
        return ct_error_set(err, CT_EPARSE, c->display, 1,
                            "UTF-16 text: re-save the file as UTF-8");
    {
        /* a binary file: a NUL in the first block, named by its line */
        const unsigned char *z = memchr(b, 0, n);
        if (z != NULL) {
            long line = 1;
            const unsigned char *p;
            for (p = b; p < z; p++)
                line += *p == '\n';
            return ct_error_set(err, CT_EPARSE, c->display, line,
                                "NUL byte in the data: this is a binary "
                                "file, not CSV");
        }
    }
    if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
        c->start += 3;
        c->consumed += 3;
    }
    {
        /* the first line end decides: a CR not followed by LF means an
         * old Mac file, whose CRs become LFs as they are read */
        const char *s0 = c->buf + c->start;
        size_t k, m = c->end - c->start;
        for (k = 0; k < m; k++)
            if (s0[k] == '\n')
                break;
            else if (s0[k] == '\r') {
                if (k + 1 < m && s0[k + 1] != '\n') {
                    char *p = c->buf + c->start;
                    c->cr_mode = 1;
                    for (k = 0; k < m; k++)
                        if (p[k] == '\r')
                            p[k] = '\n';
                }
                break;
            }
    }
    return CT_OK;
}

/* Chooses the delimiter from the header record: the most frequent of
 * ',' ';' and tab outside quotes (a spreadsheet re-save may use ';'). */
static void choose_delim(ct_csv *c, const char *s, size_t n)
{
    size_t i, comma = 0, semi = 0, tab = 0;
    int q = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            q = !q;
        else if (!q && s[i] == ',')
            comma++;
        else if (!q && s[i] == ';')
            semi++;
        else if (!q && s[i] == '\t')
            tab++;
    }
    c->delim = ',';
    if (semi > comma && semi >= tab)
        c->delim = ';';
    else if (tab > comma && tab > semi)
        c->delim = '\t';
    csv_set_delim(&c->p, c->delim);
    c->have_delim = 1;
}

int ct_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned char b = u[i];
        size_t k, need;
        unsigned long cp;
        if (b < 0x80) {
            i++;
            continue;
        }
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
            cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            cp = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            cp = b & 0x07;
        } else {
            return 0;
        }
        if (i + need >= n)
            return 0; /* truncated sequence */
        for (k = 1; k <= need; k++) {
            if ((u[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i + k] & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* Windows-1252 0x80-0x9F as Unicode code points; 0 marks undefined. */
static const unsigned short CP1252_HIGH[32] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178};

long ct_cp1252_to_utf8(char *dst, const char *src, size_t n)
{
    const unsigned char *u = (const unsigned char *)src;
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned cp = u[i];
        if (cp >= 0x80 && cp < 0xa0) {
            cp = CP1252_HIGH[cp - 0x80];
            if (cp == 0)
                return -1;
        }
        if (cp < 0x80) {
            dst[o++] = (char)cp;
        } else if (cp < 0x800) {
            dst[o++] = (char)(0xc0 | (cp >> 6));
            dst[o++] = (char)(0x80 | (cp & 0x3f));
        } else {
            dst[o++] = (char)(0xe0 | (cp >> 12));
            dst[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
            dst[o++] = (char)(0x80 | (cp & 0x3f));
        }
    }
    dst[o] = '\0';
    return (long)o;
}

static void field_label(const ct_csv *c, size_t i, char *buf, size_t n);

/* 1 when s[0, n) holds a byte >= 0x80 (16 bytes at a time). */
static int has_high(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16)
        if (_mm_movemask_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            return 1;
#endif
    for (; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* Makes every field valid UTF-8, transcoding from Windows-1252 where a
 * field is not. Transcoded copies go to xarena; pointers are set once it
 * has stopped growing. */
static int fix_encoding(ct_csv *c, long line, ct_error *err)
{
    size_t i;
    int any = 0;

    if (c->xcap < c->nf) {
        long *nx = realloc(c->xoff, c->fcap * sizeof *nx);
        if (nx == NULL)
            return ct_error_set(err, CT_ENOMEM, c->display, line,
                                "out of memory");
        c->xoff = nx;
        c->xcap = c->fcap;
    }
    c->xarena_len = 0;
    for (i = 0; i < c->nf; i++) {
        const char *s = c->ptr[i];
        size_t n = c->lens[i];
        long m;
        int high;
        c->xoff[i] = -1;
        high = has_high(s, n);
        if (!high || ct_utf8_valid(s, n))
            continue;
        if (c->xarena_cap - c->xarena_len < 3 * n + 1) {
            size_t ncap = c->xarena_cap ? c->xarena_cap : 4096;
            char *na;
            while (ncap - c->xarena_len < 3 * n + 1)
                ncap *= 2;
            na = realloc(c->xarena, ncap);
            if (na == NULL)
                return ct_error_set(err, CT_ENOMEM, c->display, line,
                                    "out of memory");
            c->xarena = na;
            c->xarena_cap = ncap;
        }
        m = ct_cp1252_to_utf8(c->xarena + c->xarena_len, s, n);
        if (m < 0) {
            char label[80];
            field_label(c, i, label, sizeof label);
            return ct_error_set(err, CT_EPARSE, c->display, line,
                                "field %zu%s: bytes are neither UTF-8 nor "
                                "Windows-1252", i + 1, label);
        }
        c->xoff[i] = (long)c->xarena_len;
        c->lens[i] = (size_t)m;
        c->xarena_len += (size_t)m + 1;
        c->transcoded++;
        any = 1;
    }
    if (any)
        for (i = 0; i < c->nf; i++)
            if (c->xoff[i] >= 0)
                c->ptr[i] = c->xarena + c->xoff[i];
    return CT_OK;
}


/* Quote characters in s[0, n): 16 bytes at a time where SSE2 exists. */
static size_t count_quotes(const char *s, size_t n)
{
    size_t k = 0, i = 0;
#if defined(__SSE2__)
    /* matches count down from 0 in each byte lane (cmpeq gives -1); a
     * lane can take 255 blocks before it wraps, then SAD sums the lanes */
    const __m128i q = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero, sum;
        size_t blocks = 0;
        for (; i + 16 <= n && blocks < 255; i += 16, blocks++) {
            __m128i x =
                _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, q));
        }
        sum = _mm_sad_epu8(acc, zero);
        k += (size_t)_mm_cvtsi128_si32(sum) +
             (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sum, sum));
    }
#endif
    for (; i < n; i++)
        k += s[i] == '"';
    return k;
}

static int grow_fields(ct_csv *c)
{
    size_t ncap = c->fcap ? 2 * c->fcap : 64;
    size_t *noff, *nlen;
    char **nptr;
    noff = realloc(c->off, ncap * sizeof *noff);
    if (noff == NULL)
        return -1;
    c->off = noff;
    nlen = realloc(c->lens, ncap * sizeof *nlen);
    if (nlen == NULL)
        return -1;
    c->lens = nlen;
    nptr = realloc(c->ptr, ncap * sizeof *nptr);
    if (nptr == NULL)
        return -1;
    c->ptr = nptr;
    {
        unsigned char *ne = realloc(c->fesc, ncap);
        if (ne == NULL)
            return -1;
        c->fesc = ne;
    }
    c->fcap = ncap;
    return 0;
}

/* ---- the fast path ----------------------------------------------------
 * A record is classified 64 bytes at a time with bit masks, as the
 * fastest CSV readers do: one bit per byte for quotes, delimiters, LF, CR,
 * NUL and bytes >= 0x80. The prefix XOR of the quote mask marks the bytes
 * inside quotes (a doubled quote toggles twice), so delimiters and LFs
 * outside quotes are the field and record ends. Each field is then
 * checked against libcsv's rules; a record that is not plainly regular
 * (a quote inside an unquoted field, text after a closing quote, blanks
 * around a field, a stray CR, a NUL, an over-long record) is handed back
 * untouched and goes through libcsv, the parser of record, so both give
 * the same records byte for byte (tests/unit/test_csvdiff.c and the
 * fuzz_csvdiff target check this). */

#define FAST_FALLBACK (-100)

#if defined(__SSE2__)
static unsigned long long eq64(const __m128i *x, __m128i v)
{
    return (unsigned long long)(unsigned)_mm_movemask_epi8(
               _mm_cmpeq_epi8(x[0], v)) |
           (unsigned long long)(unsigned)_mm_movemask_epi8(
               _mm_cmpeq_epi8(x[1], v)) << 16 |
           (unsigned long long)(unsigned)_mm_movemask_epi8(
               _mm_cmpeq_epi8(x[2], v)) << 32 |
           (unsigned long long)(unsigned)_mm_movemask_epi8(
               _mm_cmpeq_epi8(x[3], v)) << 48;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* The same masks with AVX2 (two 32-byte loads), chosen at run time on
 * processors that have it. */
__attribute__((target("avx2"))) static void block_masks_avx2(const char *p,
                                                             char delim,
                                                             masks *m)
{
    const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
    const __m256i b =
        _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
#define EQ2(v)                                                              \
    ((unsigned long long)(unsigned)_mm256_movemask_epi8(                    \
         _mm256_cmpeq_epi8(a, v)) |                                         \
     (unsigned long long)(unsigned)_mm256_movemask_epi8(                    \
         _mm256_cmpeq_epi8(b, v)) << 32)
    m->q = EQ2(_mm256_set1_epi8('"'));
    m->d = EQ2(_mm256_set1_epi8(delim));
    m->n = EQ2(_mm256_set1_epi8('\n'));
    m->r = EQ2(_mm256_set1_epi8('\r'));
    m->z = EQ2(_mm256_setzero_si256());
    m->b = EQ2(_mm256_set1_epi8(' ')) | EQ2(_mm256_set1_epi8('\t'));
#undef EQ2
    m->h = (unsigned long long)(unsigned)_mm256_movemask_epi8(a) |
           (unsigned long long)(unsigned)_mm256_movemask_epi8(b) << 32;
}
#define HAVE_AVX2_PATH 1
#endif

static void block_masks(const char *p, char delim, masks *m)
{
#if defined(__SSE2__)
    __m128i x[4];
    int i;
    for (i = 0; i < 4; i++)
        x[i] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
    m->q = eq64(x, _mm_set1_epi8('"'));
    m->d = eq64(x, _mm_set1_epi8(delim));
    m->n = eq64(x, _mm_set1_epi8('\n'));
    m->r = eq64(x, _mm_set1_epi8('\r'));
    m->z = eq64(x, _mm_setzero_si128());
    m->b = eq64(x, _mm_set1_epi8(' ')) | eq64(x, _mm_set1_epi8('\t'));
    m->h = (unsigned long long)(unsigned)_mm_movemask_epi8(x[0]) |
           (unsigned long long)(unsigned)_mm_movemask_epi8(x[1]) << 16 |
           (unsigned long long)(unsigned)_mm_movemask_epi8(x[2]) << 32 |
           (unsigned long long)(unsigned)_mm_movemask_epi8(x[3]) << 48;
#else
    int i;
    memset(m, 0, sizeof *m);
    for (i = 0; i < 64; i++) {
        unsigned long long b = 1ULL << i;
        unsigned char ch = (unsigned char)p[i];
        if (ch == '"') m->q |= b;
        if (ch == (unsigned char)delim) m->d |= b;
        if (ch == '\n') m->n |= b;
        if (ch == '\r') m->r |= b;
        if (ch == 0) m->z |= b;
        if (ch >= 0x80) m->h |= b;
        if (ch == ' ' || ch == '\t') m->b |= b;
    }
#endif
}

static unsigned long long prefix_xor(unsigned long long m)
{
    m ^= m << 1;
    m ^= m << 2;
    m ^= m << 4;
    m ^= m << 8;
    m ^= m << 16;
    m ^= m << 32;
    return m;
}

static int popcount64(unsigned long long m)
{
    int k = 0;
    while (m) {
        m &= m - 1;
        k++;
    }
    return k;
}

#define IS_BLANK(ch) ((ch) == ' ' || (ch) == '\t')

static masks_fn pick_masks(void)
{
#ifdef HAVE_AVX2_PATH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        return block_masks_avx2;
#endif
    return block_masks;
}

/* Turns each doubled quote "" of f[0, len) into one, in place; returns
 * the new length. */
static size_t unescape(char *f, size_t len)
{
    size_t r = 0, w = 0;
    while (r < len) {
        const char *q = memchr(f + r, '"', len - r);
        size_t seg = q ? (size_t)(q - (f + r)) + 1 : len - r;
        memmove(f + w, f + r, seg);
        w += seg;
        r += seg + (q ? 1 : 0); /* skip the doubling quote */
    }
    return w;
}

/* Records field [b, e) of the record at s (offsets) as field c->nf; the
 * record has passed the mask checks, so a field that starts with a quote
 * is a well-formed quoted field. Returns -1 when out of memory. */
static int fast_field(ct_csv *c, const char *s, size_t b, size_t e,
                      size_t nf)
{
    while (nf >= c->fcap)
        if (grow_fields(c) != 0)
            return -1;
    c->fesc[nf] = 0;
    if (e > b && s[b] == '"') {
        b++;
        e--;
        if (memchr(s + b, '"', e - b) != NULL)
            c->fesc[nf] = 1; /* doubled quotes inside */
    }
    c->off[nf] = b;
    c->lens[nf] = e - b;
    c->ptr[nf] = (char *)s + b;
    return 0;
}

/* Reads one record from c->start by the fast path. Returns 1 with the
 * record in rec, or FAST_FALLBACK (nothing consumed), or a negative CT_E*
 * code (reading failed).
 *
 * The record is regular, and libcsv would give exactly the fields cut
 * here, when no byte is NUL, every CR outside quotes is the one before
 * the final LF, no blank outside quotes touches a field boundary, every
 * opening quote starts a field or follows a closing one (a doubled quote
 * "") and every closing quote ends a field or precedes an opening one.
 * These are checked on whole 64-byte blocks with masks; prev and next
 * hold what the neighbouring bytes are. In lazy mode with a column
 * selection, only the wanted columns are cut (others are counted). */
static int fast_record(ct_csv *c, ct_csv_record *rec, ct_error *err)
{
    char tail[72];
    unsigned long long carry, rcount, nin, high, zero, bad;
    unsigned long long prev_sep, prev_qc; /* bit 63 of the block before */
    size_t rs, pos, fstart, i, rec_end, rec_len, col;
    int has_nl, cr_end, all, rc;
    long got;
    const char delim = (char)c->delim;
    char *s;

restart:
    rs = c->start;
    s = c->buf + rs;
    pos = 0;
    fstart = 0;
    col = 0;
    carry = rcount = nin = high = zero = bad = 0;
    prev_sep = 1; /* the record start acts as a separator */
    prev_qc = 0;
    all = !(c->lazy && c->want != NULL);
    c->nf = 0;
    for (;;) {
        masks m;
        unsigned long long inq, sepm, valid, upto, qo, qc, endish, fs, fe;
        unsigned long long blank, nl;
        size_t avail = c->end - (rs + pos);
        int last;
        if (avail < 65 && !c->eof) {
            if (pos > CT_CSV_MAX_RECORD_BYTES)
                return FAST_FALLBACK;
            if ((got = refill(c, err)) < 0)
                return c->dead = 1, (int)got;
            goto restart;
        }
        last = avail <= 64; /* only at EOF */
        if (!last) {
            c->masks(s + pos, delim, &m);
            valid = ~0ULL;
        } else {
            memset(tail, 0, sizeof tail);
            memcpy(tail, s + pos, avail);
            c->masks(tail, delim, &m);
            valid = avail ? (~0ULL >> (64 - avail)) : 0;
        }
        inq = prefix_xor(m.q) ^ carry;
        carry = (unsigned long long)((long long)inq >> 63);
        nl = m.n & ~inq & valid;
        upto = nl ? (nl ^ (nl - 1)) : valid;
        sepm = (m.d | m.n) & ~inq & valid;
        qo = m.q & inq;
        qc = m.q & ~inq;
        /* the byte after this block, for bit 63 */
        {
            unsigned long long nsep = 0, nqo = 0;
            if (!last) {
                char n64 = s[pos + 64];
                int out = carry == 0;
                nsep = out && (n64 == delim || n64 == '\n' || n64 == '\r');
                nqo = out && n64 == '"';
            } else if (avail < 64) {
                nsep = 0; /* the end of the data acts as a separator */
            }
            endish = sepm | (m.r & ~inq);
            if (last)
                endish |= avail < 64 ? 1ULL << avail : 0;
            fe = endish >> 1 | nsep << 63;
            if (last && avail == 64)
                fe |= 1ULL << 63;
            fs = sepm << 1 | prev_sep;
            blank = (m.b & ~inq);
            bad |= ((qo & ~fs & ~(qc << 1 | prev_qc)) |
                    (qc & ~fe & ~(qo >> 1 | nqo << 63)) |
                    (blank & (fs | fe))) & upto;
        }
        prev_sep = sepm >> 63;
        prev_qc = qc >> 63;
        rcount += (unsigned long long)popcount64(m.r & ~inq & upto);
        nin += (unsigned long long)popcount64(m.n & inq & upto);
        high |= m.h & upto;
        zero |= m.z & upto;
        {
            unsigned long long sep = sepm & upto;
            while (sep) {
                const int bit = __builtin_ctzll(sep);
                const size_t p = pos + (size_t)bit;
                if (all || col >= c->nwant || c->want[col]) {
                    size_t fe2 = p;
                    if ((nl >> bit & 1u) && fe2 > fstart &&
                        s[fe2 - 1] == '\r')
                        fe2--;
                    if (col >= CT_CSV_MAX_FIELDS ||
                        fast_field(c, s, fstart, fe2, col) != 0)
                        return FAST_FALLBACK;
                }
                col++;
                fstart = p + 1;
                if (nl >> bit & 1u) {
                    rec_end = p;
                    has_nl = 1;
                    goto done;
                }
                sep &= sep - 1;
            }
        }
        if (last) {
            /* the file ends inside this block without a final LF */
            size_t fe2 = pos + avail;
            if (carry)
                return FAST_FALLBACK; /* unterminated quote */
            if (fe2 > fstart && s[fe2 - 1] == '\r')
                fe2--;
            if (all || col >= c->nwant || c->want[col])
                if (col >= CT_CSV_MAX_FIELDS ||
                    fast_field(c, s, fstart, fe2, col) != 0)
                    return FAST_FALLBACK;
            col++;
            rec_end = pos + avail;
            has_nl = 0;
            goto done;
        }
        pos += 64;
        if (pos > CT_CSV_MAX_RECORD_BYTES)
            return FAST_FALLBACK;
    }
done:
    cr_end = rec_end > 0 && s[rec_end - 1] == '\r';
    if (zero || bad || rcount != (unsigned long long)cr_end ||
        col > CT_CSV_MAX_FIELDS)
        return FAST_FALLBACK;
    while (col > c->fcap)
        if (grow_fields(c) != 0)
            return FAST_FALLBACK;
    c->nf = col;
    if (!all) /* columns not cut read as "" (wanted ones were set) */
        for (i = 0; i < c->nskip && c->skip[i] < col; i++)
            c->fesc[c->skip[i]] = 2;
    if (rec_end == (size_t)cr_end)
        return FAST_FALLBACK; /* an empty line: the slow path */
    if (high && !all) {
        /* bytes to check or transcode: cut every field after all */
        int k;
        c->lazy = 0;
        k = fast_record(c, rec, err);
        c->lazy = 1;
        return k;
    }
    c->pending = c->lazy && !high;
    /* regular: terminate and unescape in place (lazily: per field, when
     * the caller asks for it with ct_csv_get) */
    for (i = 0; !c->pending && i < c->nf; i++) {
        char *f = s + c->off[i];
        if (c->fesc[i])
            c->lens[i] = unescape(f, c->lens[i]);
        f[c->lens[i]] = '\0';
        c->ptr[i] = f;
    }
    rec_len = rec_end + (size_t)has_nl;
    rec->line = c->line;
    c->start += rec_len;
    c->consumed += rec_len;
    c->line += 1 + (long)nin;
    if (c->stop && c->consumed > c->stop)
        c->crossed = 1;
    if (high &&
        (rc = fix_encoding(c, rec->line, err)) != CT_OK)
        return rc;
    rec->n = c->nf;
    rec->field = c->ptr;
    rec->len = c->lens;
    return 1;
}

void ct_csv_lazy(ct_csv *c, int on) { c->lazy = on != 0; }

int ct_csv_set_names(ct_csv *c, const char *const *names, size_t n)
{
    size_t i, bytes = n * sizeof(char *);
    char **block, *p;
    for (i = 0; i < n; i++)
        bytes += strlen(names[i]) + 1;
    block = malloc(bytes ? bytes : 1);
    if (block == NULL)
        return CT_ENOMEM;
    p = (char *)(block + n);
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]) + 1;
        memcpy(p, names[i], len);
        block[i] = p;
        p += len;
    }
    free(c->names);
    c->names = block;
    c->nnames = n;
    return CT_OK;
}

int ct_csv_copy_names(ct_csv *dst, const ct_csv *src)
{
    return ct_csv_set_names(dst, (const char *const *)src->names,
                            src->nnames);
}

/* " 'name'" for field i (0-based) when the header named it, else "". */
static void field_label(const ct_csv *c, size_t i, char *buf, size_t n)
{
    if (i < c->nnames && c->names[i][0])
        snprintf(buf, n, " '%.64s'", c->names[i]);
    else
        buf[0] = '\0';
}

int ct_csv_want(ct_csv *c, const unsigned char *want, size_t n)
{
    unsigned char *w = NULL;
    if (want != NULL) {
        w = malloc(n ? n : 1);
        if (w == NULL)
            return CT_ENOMEM;
        memcpy(w, want, n);
    }
    free(c->want);
    free(c->skip);
    c->want = w;
    c->nwant = n;
    c->skip = NULL;
    c->nskip = 0;
    if (w != NULL) {
        size_t i;
        c->skip = malloc((n ? n : 1) * sizeof *c->skip);
        if (c->skip == NULL)
            return CT_ENOMEM;
        for (i = 0; i < n; i++)
            if (!w[i])
                c->skip[c->nskip++] = i;
    }
    return CT_OK;
}

const char *ct_csv_get(ct_csv *c, ct_csv_record *rec, size_t i)
{
    char *f;
    if (!c->pending || c->fesc[i] == 3)
        return rec->field[i];
    if (c->fesc[i] == 2)
        return ""; /* a column the reader was told not to cut */
    f = rec->field[i];
    if (c->fesc[i])
        c->lens[i] = unescape(f, c->lens[i]);
    f[c->lens[i]] = '\0';
    c->fesc[i] = 3; /* done */
    return f;
}

int ct_csv_next(ct_csv *c, ct_csv_record *rec, ct_error *err)
{
    size_t scan, rec_len, i;
    int parity = 0, has_nl, rc;
    long start_line, newlines = 0, got;
    const char *r;

    if (c->dead)
        return ct_error_set(err, CT_EIO, c->display, c->line,
                            "reading stopped after an earlier error");
    if (!c->started) {
        while (c->end - c->start < 4 && !c->eof)
            if ((got = refill(c, err)) < 0)
                return c->dead = 1, (int)got;
        if (inspect_start(c, err) != CT_OK)
            return c->dead = 1, CT_EPARSE;
    }
again:
    /* skip blank lines */
    for (;;) {
        if (c->start == c->end) {
            if (c->eof)
                return 0;
            if ((got = refill(c, err)) < 0)
                return c->dead = 1, (int)got;
            continue;
        }
        if (c->buf[c->start] == '\n') {
            c->start++;
            c->consumed++;
            c->line++;
        } else if (c->buf[c->start] == '\r' &&
                   (c->end - c->start >= 2 || c->eof)) {
            if (c->end - c->start >= 2 && c->buf[c->start + 1] == '\n') {
                c->start += 2;
                c->consumed += 2;
                c->line++;
            } else {
                c->start++; /* lone CR: an old Mac line end */
                c->consumed++;
                c->line++;
            }
        } else if (c->buf[c->start] == '\r') {
            if ((got = refill(c, err)) < 0)
                return c->dead = 1, (int)got;
        } else {
            break;
        }
    }
    if (c->stop && c->consumed >= c->stop)
        return 0; /* the next range's first record */
    c->pending = 0;
    if (!c->use_libcsv && c->have_delim && !IS_BLANK((char)c->delim)) {
        int k = fast_record(c, rec, err);
        if (k != FAST_FALLBACK)
            return k;
    }
    /* find the record's end by quote parity */
    start_line = c->line;
    scan = c->start;
    parity = 0;
    newlines = 0;
    for (;;) {
        char *nl = memchr(c->buf + scan, '\n', c->end - scan);
        size_t seg_end = nl ? (size_t)(nl - c->buf) : c->end;
        parity ^= (int)(count_quotes(c->buf + scan, seg_end - scan) & 1u);
        if (nl != NULL) {
            newlines++;
            scan = seg_end + 1;
            if (!parity) {
                has_nl = 1;
                if (scan - c->start > CT_CSV_MAX_RECORD_BYTES + 1)
                    goto too_long;
                break;
            }
        } else {
            scan = seg_end;
            if (c->eof) {
                has_nl = 0;
                break;
            }
        }
        if (scan - c->start > CT_CSV_MAX_RECORD_BYTES) {
        too_long:
            c->dead = 1;
            return ct_error_set(err, CT_ELIMIT, c->display, start_line,
                                "record longer than %u bytes (the limit; "
                                "is a quote left open?)",
                                CT_CSV_MAX_RECORD_BYTES);
        }
        if (nl == NULL || scan == c->end) {
            size_t rel = scan - c->start;
            if (!c->eof) {
                if ((got = refill(c, err)) < 0)
                    return c->dead = 1, (int)got;
                scan = c->start + rel;
            }
        }
    }
    if (parity) {
        c->dead = 1;
        return ct_error_set(err, CT_EPARSE, c->display, start_line,
                            "unterminated quoted field (record starts "
                            "here)");
    }
    r = c->buf + c->start;
    rec_len = scan - c->start;
    c->start = scan;
    c->consumed += rec_len;
    c->line += newlines;
    if (c->stop && c->consumed > c->stop)
        c->crossed = 1;

    if (memchr(r, '\0', rec_len) != NULL)
        return ct_error_set(err, CT_EPARSE, c->display, start_line,
                            "NUL byte in the data: this is a binary file, "
                            "not CSV");
    if (!c->have_delim)
        choose_delim(c, r, rec_len);
    c->nf = 0;
    c->arena_len = 0;
    c->rec_ends = 0;
    c->oom = c->too_many = 0;
    if (csv_parse(&c->p, r, rec_len, on_field, on_record, c) != rec_len ||
        (!has_nl && csv_fini(&c->p, on_field, on_record, c) != 0)) {
        int e = csv_error(&c->p);
        reset_parser(c);
        if (c->oom)
            return c->dead = 1, ct_error_set(err, CT_ENOMEM, c->display,
                                             start_line, "out of memory");
        return ct_error_set(err, CT_EPARSE, c->display, start_line,
                            "malformed quoting (%s)",
                            e == CSV_EPARSE ? "a quote inside an unquoted "
                                              "field or text after a "
                                              "closing quote"
                                            : csv_strerror(e));
    }
    if (c->oom)
        return c->dead = 1, ct_error_set(err, CT_ENOMEM, c->display,
                                         start_line, "out of memory");
    if (c->too_many) {
        c->dead = 1;
        reset_parser(c);
        return ct_error_set(err, CT_ELIMIT, c->display, start_line,
                            "more than %d fields in a record (the limit)",
                            CT_CSV_MAX_FIELDS);
    }
    if (c->rec_ends > 1)
        return ct_error_set(err, CT_EPARSE, c->display, start_line,
                            "carriage return inside an unquoted field");
    if (c->rec_ends == 0 && c->nf == 0)
        goto again; /* a line of blanks */
    for (i = 0; i < c->nf; i++)
        c->ptr[i] = c->arena + c->off[i];
    /* most records are ASCII: one vector scan settles it */
    if (has_high(r, rec_len) &&
        (rc = fix_encoding(c, start_line, err)) != CT_OK)
        return rc;
    rec->n = c->nf;
    rec->field = c->ptr;
    rec->len = c->lens;
    rec->line = start_line;
    return 1;
}

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
#include "load/csv_internal.h"

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

/* Bytes read at a time: small enough that what read() copies is still in
 * the core's own cache when the reader classifies it (1 MiB was 3 %
 * slower with two threads, and four ranges held 8 MB more). */
#define READ_BLOCK (1u << 18)
/* libcsv grows its field buffer by this much at a time (its default, 128
 * bytes, makes a multi-megabyte field quadratic). */
#define CSV_BLOCK (64u * 1024u)

static const unsigned char CSV_OPTS =
    CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;


/* cr_mode: turns each CR of p[0..n) not followed by LF into LF (a CRLF
 * stays, read as one line end, so that line numbers do not shift); a CR
 * ending p waits for the next read (cr_pending). */
static void lone_crs_to_lf(ct_csv *c, char *p, size_t n)
{
    char *e = p + n;
    while ((p = memchr(p, '\r', (size_t)(e - p))) != NULL) {
        if (p + 1 == e) {
            c->cr_pending = !c->eof;
            if (c->eof)
                *p = '\n';
            break;
        }
        if (p[1] != '\n')
            *p = '\n';
        p++;
    }
}

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
        if (cr_grow_fields(c) != 0) {
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

/* A reader with nothing to read yet (fd -1): the buffers, the name and
 * libcsv's state. NULL when out of memory. */
static ct_csv *csv_new(const char *name)
{
    ct_csv *c = calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
    c->fd = -1;
    c->display = strdup(name);
    c->cap = READ_BLOCK + 1;
    c->buf = malloc(c->cap);
    if (c->display == NULL || c->buf == NULL ||
        csv_init(&c->p, CSV_OPTS) != 0) {
        free(c->display);
        free(c->buf);
        free(c);
        return NULL;
    }
    c->line = 1;
    c->delim = ',';
    c->masks = cr_pick_masks(0);
    cr_pick_index(c, CR_BEST);
    csv_set_blk_size(&c->p, CSV_BLOCK);
    return c;
}

int ct_csv_open(ct_csv **out, const char *path, const char *display,
                ct_error *err)
{
    ct_csv *c;
    struct stat st;
    int use_stdin = path == NULL || strcmp(path, "-") == 0;
    const char *name = display ? display : (use_stdin ? "<stdin>" : path);

    *out = NULL;
    if ((c = csv_new(name)) == NULL)
        return ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
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
    *out = c;
    return CT_OK;
}

int ct_csv_open_stream(ct_csv **out, FILE *in, const char *display,
                       ct_error *err)
{
    const char *name = display ? display : "<stream>";

    *out = NULL;
    if ((*out = csv_new(name)) == NULL)
        return ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
    (*out)->stream = in;
    return CT_OK;
}

void ct_csv_set_delimiter(ct_csv *c, char delim)
{
    c->delim = (unsigned char)delim;
    csv_set_delim(&c->p, c->delim);
    c->have_delim = 1;
    c->ix_n = 0;
}

void ct_csv_close(ct_csv *c)
{
    if (c == NULL)
        return;
    csv_free(&c->p); /* a reader exists only after csv_init */
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
    free(c->next_cut);
    free(c->ix_tmpl);
    free(c->ix_pos);
    free(c->names);
    free(c);
}

const char *ct_csv_display(const ct_csv *c) { return c->display; }
int ct_csv_dead(const ct_csv *c) { return c->dead; }
void ct_csv_use_libcsv(ct_csv *c, int on) { c->use_libcsv = on != 0; }

void cr_use_level(ct_csv *c, cr_level level)
{
    c->masks = cr_pick_masks(level == CR_PORTABLE);
    cr_pick_index(c, level);
}
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
long cr_refill(ct_csv *c, ct_error *err)
{
    ssize_t r;

    c->ix_n = 0; /* the bytes move: the index starts again */
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
    if (c->stream != NULL) {
        r = (ssize_t)fread(c->buf + c->end, 1, c->cap - c->end - 1,
                           c->stream);
        if (r == 0 && ferror(c->stream))
            r = -1;
    } else {
        do {
            r = read(c->fd, c->buf + c->end, c->cap - c->end - 1);
        } while (r < 0 && errno == EINTR);
    }
    if (r < 0) {
        int e = errno;
        return ct_error_set(err, CT_EIO, c->display, 0, "read error: %s",
                            strerror(e));
    }
    if (r == 0)
        c->eof = 1;
    if (r > 0 && c->on_bytes != NULL)
        c->on_bytes(c->buf + c->end, (size_t)r, c->bytes_ctx);
    if (c->cr_mode) {
        if (c->cr_pending && c->end > c->start &&
            c->buf[c->end - 1] == '\r' && (r == 0 || c->buf[c->end] != '\n'))
            c->buf[c->end - 1] = '\n';
        c->cr_pending = 0;
        lone_crs_to_lf(c, c->buf + c->end, (size_t)r);
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
                    c->cr_mode = 1;
                    lone_crs_to_lf(c, c->buf + c->start, m);
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

int cr_grow_fields(ct_csv *c)
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
    c->skip_marked = 0;
    return 0;
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
void cr_field_label(const ct_csv *c, size_t i, char *buf, size_t n)
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
    free(c->next_cut);
    free(c->ix_tmpl);
    c->ix_tmpl = NULL;
    c->want = w;
    c->nwant = n;
    c->skip = NULL;
    c->next_cut = NULL;
    c->nskip = 0;
    c->skip_marked = 0;
    if (w != NULL) {
        size_t i;
        c->skip = malloc((n ? n : 1) * sizeof *c->skip);
        c->next_cut = malloc((n ? n : 1) * sizeof *c->next_cut);
        c->ix_tmpl = malloc(n ? n : 1);
        if (c->skip == NULL || c->next_cut == NULL || c->ix_tmpl == NULL)
            return CT_ENOMEM;
        for (i = 0; i < n; i++) {
            if (!w[i])
                c->skip[c->nskip++] = i;
            c->ix_tmpl[i] = w[i] ? 4 : 2;
        }
        for (i = n; i-- > 0;)
            c->next_cut[i] = w[i] ? i : i + 1 < n ? c->next_cut[i + 1] : n;
    }
    return CT_OK;
}

/* ct_csv_get for a field not terminated yet: a quoted field of a record
 * from the structural index, or any field of a lazily cut record. Kept
 * apart so that the common case stays small. */
static __attribute__((noinline)) const char *
get_slow(ct_csv *c, ct_csv_record *rec, size_t i)
{
    char *f;
    if (c->fesc[i] == 4) {
        const unsigned *pos = c->ix_pos;
        cr_set_field(c, c->ix_rec, cr_ix_start(pos, i), pos[i], i);
    }
    f = rec->field[i];
    if (c->fesc[i])
        c->lens[i] = cr_unescape(f, c->lens[i]);
    f[c->lens[i]] = '\0';
    c->fesc[i] = 3; /* done */
    return f;
}

const char *ct_csv_get(ct_csv *c, ct_csv_record *rec, size_t i)
{
    const unsigned char state = c->fesc[i];
    if (!c->pending || state == 3)
        return rec->field[i];
    if (state == 2)
        return ""; /* a column the reader was told not to cut */
    if (state == 4) {
        /* a record from the structural index: cut now */
        const unsigned *pos = c->ix_pos;
        size_t b, e;
        char *f;
        if (c->ix_rec == NULL || i >= rec->n)
            return "";
        b = cr_ix_start(pos, i);
        e = pos[i];
        if (e != b && c->ix_rec[b] == '"')
            return get_slow(c, rec, i);
        cr_trim(c->ix_rec, &b, &e);
        f = c->ix_rec + b;
        f[e - b] = '\0'; /* unquoted: as it stands */
        c->ptr[i] = f;
        c->lens[i] = e - b;
        c->fesc[i] = 3;
        return f;
    }
    return get_slow(c, rec, i);
}

/* Skips blank lines (LF, CRLF, lone CR). Returns 1 at the start of a
 * record, 0 at the end of input, or a negative CT_E* code. */
static int skip_blank_lines(ct_csv *c, ct_error *err)
{
    long got;
    for (;;) {
        if (c->stop && c->consumed >= c->stop)
            return 1; /* blank lines there are the next range's */
        if (c->start == c->end) {
            if (c->eof)
                return 0;
            if ((got = cr_refill(c, err)) < 0)
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
            if ((got = cr_refill(c, err)) < 0)
                return c->dead = 1, (int)got;
        } else {
            return 1;
        }
    }
}

/* Finds the end of the record at c->start by quote parity (reading more
 * as needed): *scan gets the offset after it, *has_nl whether a line end
 * closes it, *newlines the line ends inside and after it. */
static int find_record_end(ct_csv *c, long start_line, size_t *scan_out,
                           int *has_nl, long *newlines, ct_error *err)
{
    size_t scan = c->start;
    int parity = 0;
    long got;

    *newlines = 0;
    for (;;) {
        char *nl = memchr(c->buf + scan, '\n', c->end - scan);
        size_t seg_end = nl ? (size_t)(nl - c->buf) : c->end;
        parity ^= (int)(count_quotes(c->buf + scan, seg_end - scan) & 1u);
        if (nl != NULL) {
            ++*newlines;
            scan = seg_end + 1;
            if (!parity) {
                *has_nl = 1;
                if (scan - c->start > CT_CSV_MAX_RECORD_BYTES + 1)
                    goto too_long;
                break;
            }
        } else {
            scan = seg_end;
            if (c->eof) {
                *has_nl = 0;
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
                if ((got = cr_refill(c, err)) < 0)
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
    *scan_out = scan;
    return CT_OK;
}

/* Hands the record's bytes r[0, rec_len) to libcsv. Returns CT_OK with
 * the fields in c, 1 for a line of blanks (no record), or a negative
 * CT_E* code. */
static int parse_libcsv(ct_csv *c, const char *r, size_t rec_len,
                        int has_nl, long start_line, ct_error *err)
{
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
        return 1; /* a line of blanks */
    return CT_OK;
}

int ct_csv_next(ct_csv *c, ct_csv_record *rec, ct_error *err)
{
    size_t scan = 0, rec_len, i;
    int has_nl = 0, rc;
    long start_line, newlines, got;
    const char *r;

    if (c->dead)
        return ct_error_set(err, CT_EIO, c->display, c->line,
                            "reading stopped after an earlier error");
    if (!c->started) {
        while (c->end - c->start < 4 && !c->eof)
            if ((got = cr_refill(c, err)) < 0)
                return c->dead = 1, (int)got;
        if (inspect_start(c, err) != CT_OK)
            return c->dead = 1, CT_EPARSE;
    }
    for (;;) {
        if ((rc = skip_blank_lines(c, err)) <= 0)
            return rc;
        if (c->stop && c->consumed >= c->stop)
            return 0; /* the next range's first record */
        c->pending = 0;
        c->ix_rec = NULL;
        if (!c->use_libcsv && c->have_delim && !IS_BLANK((char)c->delim)) {
            int k = cr_index_record(c, rec);
            if (k != FAST_FALLBACK)
                return k;
            c->ix_n = 0; /* the careful path may end the record elsewhere */
            k = cr_fast_record(c, rec, err);
            if (k != FAST_FALLBACK)
                return k;
        }
        start_line = c->line;
        rc = find_record_end(c, start_line, &scan, &has_nl, &newlines, err);
        if (rc != CT_OK)
            return rc;
        r = c->buf + c->start;
        rec_len = scan - c->start;
        c->start = scan;
        c->consumed += rec_len;
        c->line += newlines;
        if (c->stop && c->consumed > c->stop)
            c->crossed = 1;
        if (memchr(r, '\0', rec_len) != NULL)
            return ct_error_set(err, CT_EPARSE, c->display, start_line,
                                "NUL byte in the data: this is a binary "
                                "file, not CSV");
        if (!c->have_delim)
            choose_delim(c, r, rec_len);
        rc = parse_libcsv(c, r, rec_len, has_nl, start_line, err);
        if (rc < 0)
            return rc;
        if (rc == CT_OK)
            break;
    }
    for (i = 0; i < c->nf; i++)
        c->ptr[i] = c->arena + c->off[i];
    /* most records are ASCII: one vector scan settles it */
    if (cr_has_high(r, rec_len) &&
        (rc = cr_fix_encoding(c, start_line, err)) != CT_OK)
        return rc;
    rec->n = c->nf;
    rec->field = c->ptr;
    rec->len = c->lens;
    rec->line = start_line;
    return 1;
}

void ct_csv_on_bytes(ct_csv *c, void (*fn)(const void *, size_t, void *),
                     void *ctx)
{
    c->on_bytes = fn;
    c->bytes_ctx = ctx;
}

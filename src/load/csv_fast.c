/* SPDX-License-Identifier: MIT
 * csv_fast.c - the reader's fast path for plainly regular records.
 */
#define _POSIX_C_SOURCE 200809L
#include "load/csv_internal.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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

static int popcount64(unsigned long long m)
{
    int k = 0;
    while (m) {
        m &= m - 1;
        k++;
    }
    return k;
}


masks_fn cr_pick_masks(int portable)
{
#ifdef HAVE_AVX2_PATH
    __builtin_cpu_init();
    if (!portable && __builtin_cpu_supports("avx2"))
        return block_masks_avx2;
#endif
    return block_masks;
}

/* Turns each doubled quote "" of f[0, len) into one, in place; returns
 * the new length. */
size_t cr_unescape(char *f, size_t len)
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

/* set_field, making room first. Returns -1 when out of memory. */
static int fast_field(ct_csv *c, const char *s, size_t b, size_t e,
                      size_t nf)
{
    while (nf >= c->fcap)
        if (cr_grow_fields(c) != 0)
            return -1;
    cr_set_field(c, s, b, e, nf);
    return 0;
}

/* Cuts the fields that end at the separators sep of the block at pos
 * (nl: which of them are line ends). Returns FAST_FALLBACK, 1 when the
 * record ended at a line end (*rec_end set), else 0. The field count and
 * start are kept in locals: stores into the field arrays could alias
 * them. */
static int cut_block(ct_csv *c, char *s, unsigned long long sep,
                     unsigned long long nl, size_t pos, int all,
                     size_t *fstart, size_t *col, size_t *rec_end)
{
    size_t cl = *col, fs = *fstart;
    const size_t need = cl + 65 < CT_CSV_MAX_FIELDS ? cl + 65
                                                    : CT_CSV_MAX_FIELDS;
    const unsigned char *want = c->want;
    const size_t nwant = c->nwant;
    while (c->fcap < need) /* room for every field this block can end */
        if (cr_grow_fields(c) != 0)
            return FAST_FALLBACK;
    while (sep) {
        int bit;
        size_t p;
        int end;
        if (!all && cl < nwant && !want[cl]) {
            /* columns not cut: drop their separators up to the next
             * column that is (only the last one's position is needed;
             * a line end can only be the block's last separator) */
            const size_t to = c->next_cut[cl];
            unsigned long long last;
            do {
                last = sep & (0 - sep);
                sep ^= last;
                ++cl;
            } while (sep && cl < to);
            bit = __builtin_ctzll(last);
            fs = pos + (size_t)bit + 1;
            if (nl & last) {
                *col = cl;
                *fstart = fs;
                *rec_end = pos + (size_t)bit;
                return 1;
            }
            continue;
        }
        bit = __builtin_ctzll(sep);
        p = pos + (size_t)bit;
        end = (int)(nl >> bit & 1u);
        {
            size_t fe2 = p;
            if (end && fe2 > fs && s[fe2 - 1] == '\r')
                fe2--;
            if (cl >= CT_CSV_MAX_FIELDS)
                return FAST_FALLBACK;
            cr_set_field(c, s, fs, fe2, cl);
        }
        ++cl;
        fs = p + 1;
        if (end) {
            *col = cl;
            *fstart = fs;
            *rec_end = p;
            return 1;
        }
        sep &= sep - 1;
    }
    *col = cl;
    *fstart = fs;
    return 0;
}

int cr_fast_commit(ct_csv *c, ct_csv_record *rec, char *s, size_t rec_end,
                   int has_nl, size_t col, unsigned long long nin, int high,
                   int all, ct_error *err)
{
    size_t i, rec_len;
    int cr_end = rec_end > 0 && s[rec_end - 1] == '\r', rc;

    while (col > c->fcap)
        if (cr_grow_fields(c) != 0)
            return FAST_FALLBACK;
    c->nf = col;
    if (!all && !c->skip_marked) {
        /* columns not cut read as "" (wanted ones were set); marked
         * once, until a record that cuts every column writes them */
        for (i = 0; i < c->nskip && c->skip[i] < c->fcap; i++)
            c->fesc[c->skip[i]] = 2;
        c->skip_marked = 1;
    }
    if (rec_end == (size_t)cr_end)
        return FAST_FALLBACK; /* an empty line: the slow path */
    if (high && !all) {
        /* bytes to check or transcode: cut every field after all */
        int k;
        c->lazy = 0;
        k = cr_fast_record(c, rec, err);
        c->lazy = 1;
        return k;
    }
    c->pending = c->lazy && !high;
    /* regular: terminate and unescape in place (lazily: per field, when
     * the caller asks for it with ct_csv_get) */
    for (i = 0; !c->pending && i < c->nf; i++) {
        char *f = s + c->off[i];
        if (c->fesc[i])
            c->lens[i] = cr_unescape(f, c->lens[i]);
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
        (rc = cr_fix_encoding(c, rec->line, err)) != CT_OK)
        return rc;
    rec->n = c->nf;
    rec->field = c->ptr;
    rec->len = c->lens;
    return 1;
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
int cr_fast_record(ct_csv *c, ct_csv_record *rec, ct_error *err)
{
    char tail[72];
    unsigned long long carry, rcount, nin, high, zero, bad;
    unsigned long long prev_sep, prev_qc; /* bit 63 of the block before */
    size_t rs, pos, fstart, rec_end, col;
    int has_nl, cr_end, all, k;
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
    if (all)
        c->skip_marked = 0; /* this record may write every fesc[] */
    c->nf = 0;
    for (;;) {
        masks m;
        unsigned long long inq, sepm, valid, upto, qc, nl;
        size_t avail = c->end - (rs + pos);
        int last;
        if (avail < 65 && !c->eof) {
            if (pos > CT_CSV_MAX_RECORD_BYTES)
                return FAST_FALLBACK;
            if ((got = cr_refill(c, err)) < 0)
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
        if (m.q == 0 && carry && !last) {
            /* the whole block inside a quoted field (the body of a long
             * note): no separator, boundary or CR outside quotes, so
             * only its line breaks and bytes are counted */
            if (m.n)
                nin += (unsigned long long)popcount64(m.n);
            high |= m.h;
            zero |= m.z;
            prev_sep = prev_qc = 0;
            pos += 64;
            if (pos > CT_CSV_MAX_RECORD_BYTES)
                return FAST_FALLBACK;
            continue;
        }
        inq = cr_prefix_xor(m.q) ^ carry;
        carry = (unsigned long long)((long long)inq >> 63);
        nl = m.n & ~inq & valid;
        upto = nl ? (nl ^ (nl - 1)) : valid;
        sepm = (m.d | m.n) & ~inq & valid;
        qc = m.q & ~inq;
        bad |= cr_block_bad(&m, inq, sepm, prev_sep, prev_qc,
                         last ? NULL : s + pos + 64, avail, delim) & upto;
        prev_sep = sepm >> 63;
        prev_qc = qc >> 63;
        rcount += (unsigned long long)popcount64(m.r & ~inq & upto);
        nin += (unsigned long long)popcount64(m.n & inq & upto);
        high |= m.h & upto;
        zero |= m.z & upto;
        k = cut_block(c, s, sepm & upto, nl, pos, all, &fstart, &col,
                      &rec_end);
        if (k == FAST_FALLBACK)
            return FAST_FALLBACK;
        if (k == 1) {
            has_nl = 1;
            goto done;
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
    return cr_fast_commit(c, rec, s, rec_end, has_nl, col, nin, high != 0,
                          all, err);
}

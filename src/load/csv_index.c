/* SPDX-License-Identifier: MIT
 * csv_index.c - the structural index: the reader's path for the bulk of
 * a file's records.
 *
 * The input is classified once, 64 bytes at a time, into three bit masks
 * per block: field ends outside quotes, record ends (LF outside quotes)
 * and "odd" bytes that need the careful path (a rule of a plainly
 * regular record broken, a NUL, a byte >= 0x80, a line break inside
 * quotes, a CR that does not end a line). Blanks are not classified:
 * libcsv trims them from the ends of an unquoted field, and so does the
 * index when it cuts one (a blank beside a quote breaks a quote rule).
 * The quote state runs on from
 * block to block, so a record costs one pass over its bytes plus one step
 * per field, and is never classified twice. A record with an odd byte, or
 * one that the index cannot see to its end (the buffer must be refilled),
 * goes to cr_fast_record and libcsv as before, and the index starts again
 * at the next record. The index restarts only at record starts, where
 * the quote state is known, so a record cut here is the record the
 * careful path would cut (tests/unit/test_csvdiff.c, fuzz_csvdiff).
 */
#define _POSIX_C_SOURCE 200809L
#include "load/csv_internal.h"

#include <stdlib.h>
#include <string.h>

/* The quote state after a block, and where its masks go. */
typedef struct fill_state {
    unsigned long long carry, prev_sep, prev_qc;
    unsigned long long *sep, *nl, *odd;
    char delim;
} fill_state;

static void fill_begin(fill_state *st, ct_csv *c)
{
    st->carry = c->ix_carry;
    st->prev_sep = c->ix_prev_sep;
    st->prev_qc = c->ix_prev_qc;
    st->sep = c->ix_sep;
    st->nl = c->ix_nl;
    st->odd = c->ix_odd;
    st->delim = (char)c->delim;
}

static void fill_end(const fill_state *st, ct_csv *c)
{
    c->ix_carry = st->carry;
    c->ix_prev_sep = st->prev_sep;
    c->ix_prev_qc = st->prev_qc;
}

/* Stores block n of the index from its masks m when the block has no
 * quote, CR, NUL or high byte (the common blocks): wholly inside a quoted
 * field (a long note) or wholly outside quotes, as the carry says. */
static inline __attribute__((always_inline)) void
put_plain(fill_state *st, size_t n, unsigned long long d,
          unsigned long long nl)
{
    /* the carry is all ones inside quotes, else 0: no branch */
    const unsigned long long out = ~st->carry, sepm = (d | nl) & out;
    st->sep[n] = sepm;
    st->nl[n] = nl & out;
    st->odd[n] = nl & st->carry; /* a line break inside quotes */
    st->prev_sep = sepm >> 63;
    st->prev_qc = 0;
}

/* Stores block n of the index from its masks m (r, z and h may be 0
 * when the block has none; b is not used and must be 0) and runs the
 * quote state on; qx is cr_prefix_xor(m->q), p the block, p[64] in the
 * buffer. */
static inline __attribute__((always_inline)) void
put_block(fill_state *st, size_t n, const masks *m, unsigned long long qx,
          const char *p)
{
    const unsigned long long inq = qx ^ st->carry;
    const unsigned long long sepm = (m->d | m->n) & ~inq, nl = m->n & ~inq;
    /* a CR outside quotes is plain only right before a record's LF */
    const unsigned long long crlf =
        nl >> 1 | (unsigned long long)(p[64] == '\n') << 63;
    const unsigned long long bad = cr_block_bad(
        m, inq, sepm, st->prev_sep, st->prev_qc, p + 64, 64, st->delim);
    st->sep[n] = sepm;
    st->nl[n] = nl;
    st->odd[n] = m->z | m->h | (m->n & inq) | (m->r & ~inq & ~crlf) | bad;
    st->carry = (unsigned long long)((long long)inq >> 63);
    st->prev_sep = sepm >> 63;
    st->prev_qc = (m->q & ~inq) >> 63;
}

/* Classifies blocks ix_n .. ix_n + k - 1 (the byte after each is in the
 * buffer) with the reader's block classifier. */
static void fill_blocks(ct_csv *c, size_t k)
{
    fill_state st;
    size_t n;
    fill_begin(&st, c);
    for (n = c->ix_n; n < c->ix_n + k; n++) {
        const char *p = c->buf + c->ix_from + 64 * n;
        masks m;
        c->masks(p, st.delim, &m);
        m.b = 0; /* blanks are trimmed when a field is cut */
        if ((m.q | m.r | m.z | m.h) == 0)
            put_plain(&st, n, m.d, m.n);
        else
            put_block(&st, n, &m, cr_prefix_xor(m.q), p);
    }
    fill_end(&st, c);
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* cr_prefix_xor(q) in one carry-less multiply by all ones. */
__attribute__((target("pclmul"))) static inline unsigned long long
clmul_prefix_xor(unsigned long long q)
{
    return (unsigned long long)_mm_cvtsi128_si64(_mm_clmulepi64_si128(
        _mm_cvtsi64_si128((long long)q), _mm_set1_epi8((char)0xFF), 0));
}

/* fill_blocks with AVX2: a plain block costs three compares (quote, LF,
 * delimiter) and one test for CR, NUL and high bytes that is almost
 * always false; the bytes inside quotes come from one carry-less
 * multiply. */
__attribute__((target("avx2,pclmul"))) static void
fill_blocks_avx2(ct_csv *c, size_t k)
{
    const __m256i vq = _mm256_set1_epi8('"'), vn = _mm256_set1_epi8('\n'),
                  vd = _mm256_set1_epi8((char)c->delim),
                  vr = _mm256_set1_epi8('\r'), v0 = _mm256_setzero_si256(),
                  vhi = _mm256_set1_epi8((char)0x80);
    fill_state st;
    size_t n;
#define MM(x, y)                                                            \
    ((unsigned long long)(unsigned)_mm256_movemask_epi8(x) |                 \
     (unsigned long long)(unsigned)_mm256_movemask_epi8(y) << 32)
    fill_begin(&st, c);
    for (n = c->ix_n; n < c->ix_n + k; n++) {
        const char *p = c->buf + c->ix_from + 64 * n;
        const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
        const __m256i b =
            _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
        const unsigned long long q =
            MM(_mm256_cmpeq_epi8(a, vq), _mm256_cmpeq_epi8(b, vq));
        const unsigned long long nl =
            MM(_mm256_cmpeq_epi8(a, vn), _mm256_cmpeq_epi8(b, vn));
        const unsigned long long d =
            MM(_mm256_cmpeq_epi8(a, vd), _mm256_cmpeq_epi8(b, vd));
        /* CR, NUL or a byte >= 0x80: the high bit of one of these */
        const __m256i rare = _mm256_or_si256(
            _mm256_or_si256(_mm256_or_si256(a, b),
                            _mm256_cmpeq_epi8(_mm256_min_epu8(a, b), v0)),
            _mm256_or_si256(_mm256_cmpeq_epi8(a, vr),
                            _mm256_cmpeq_epi8(b, vr)));
        masks m;
        m.q = q;
        m.n = nl;
        m.d = d;
        m.b = 0;
        if (_mm256_testz_si256(rare, vhi)) {
            if (q == 0) {
                put_plain(&st, n, d, nl);
                continue;
            }
            /* a quote: the rules of quotes, with no CR, NUL or high
             * byte to see to (a call of its own, so that they fold) */
            m.r = m.z = m.h = 0;
            put_block(&st, n, &m, clmul_prefix_xor(q), p);
        } else {
            m.r = MM(_mm256_cmpeq_epi8(a, vr), _mm256_cmpeq_epi8(b, vr));
            m.z = MM(_mm256_cmpeq_epi8(a, v0), _mm256_cmpeq_epi8(b, v0));
            m.h = MM(a, b);
            put_block(&st, n, &m, clmul_prefix_xor(q), p);
        }
    }
    fill_end(&st, c);
#undef MM
}
#endif

/* Drops the blocks read and classifies the next ones, as far as the
 * buffer holds the byte after each. Returns the number of blocks. */
static size_t extend(ct_csv *c)
{
    c->ix_from += 64 * c->ix_n;
    c->ix_n = 0;
    if (c->end > c->ix_from + 64) {
        size_t k = (c->end - c->ix_from - 1) / 64;
        if (k > CR_IX_BLOCKS)
            k = CR_IX_BLOCKS;
        c->ix_fill(c, k);
        c->ix_n = k;
    }
    return c->ix_n;
}

/* Writes the field ends of a block (put_ends or its AVX-512 twin). */
typedef unsigned *(*put_ends_fn)(unsigned *, unsigned long long, unsigned);

/* Writes the field ends of sep (bits of a block at offset base from the
 * record start) from w on; returns one past the last. Eight are written
 * at a time, whether or not there are as many (the slots past the last
 * are written again or never read; c->ix_pos has CR_IX_SLACK spare): a
 * block seldom holds more than eight field ends, so the loop seldom goes
 * round again, and the branch a field a plain loop takes, which the CPU
 * cannot predict, is gone. */
static inline unsigned *
put_ends(unsigned *w, unsigned long long sep, unsigned base)
{
    /* bit 63 keeps the count of trailing zeros defined once sep is 0 */
    const unsigned long long top = 1ULL << 63;
    unsigned *const end = w + __builtin_popcountll(sep);
    do {
        int j;
#pragma GCC unroll 8
        for (j = 0; j < 8; j++) {
            w[j] = base + (unsigned)__builtin_ctzll(sep | top);
            sep &= sep - 1;
        }
        w += 8;
    } while (sep);
    return end;
}

/* Collects the field ends of the record at c->start into c->ix_pos,
 * offsets from its start, the last one its LF, with put (a constant
 * once inlined). Returns their number, or 0 when the record is for the
 * careful path. */
static inline __attribute__((always_inline)) size_t
field_ends_body(ct_csv *c, put_ends_fn put)
{
    const size_t rs = c->start;
    unsigned *const pos = c->ix_pos, *w = pos;
    unsigned base; /* offset of block k from rs (wraps below 0) */
    size_t k;
    unsigned long long live;

    if (c->ix_n == 0) {
        /* a record start: the quote state is known */
        c->ix_from = rs;
        c->ix_carry = 0;
        c->ix_prev_sep = 1; /* the record start acts as a separator */
        c->ix_prev_qc = 0;
    }
    k = (rs - c->ix_from) / 64;
    base = 0u - (unsigned)((rs - c->ix_from) & 63);
    live = ~0ULL << ((rs - c->ix_from) & 63);
    for (;;) {
        unsigned long long nl, upto, sep;
        if (k >= c->ix_n) {
            if (extend(c) == 0)
                return 0; /* the buffer must be refilled */
            k = 0;
        }
        nl = c->ix_nl[k] & live;
        upto = nl ^ (nl - 1); /* to the first record end; all without */
        if ((c->ix_odd[k] & live & upto) != 0)
            return 0;
        sep = c->ix_sep[k] & live & upto;
        if (sep != 0) /* a block inside a long note has none */
            w = put(w, sep, base);
        if (nl)
            return (size_t)(w - pos);
        k++;
        base += 64;
        live = ~0ULL;
        if (base > CT_CSV_MAX_RECORD_BYTES ||
            (size_t)(w - pos) > CT_CSV_MAX_FIELDS)
            return 0;
    }
}

static size_t field_ends(ct_csv *c) { return field_ends_body(c, put_ends); }

#if defined(__x86_64__) && defined(__GNUC__)
/* field_ends with one instruction each for counting and finding bits
 * (every CPU with AVX2 has them). */
__attribute__((target("popcnt,bmi,bmi2"))) static size_t
field_ends_bmi(ct_csv *c)
{
    return field_ends_body(c, put_ends);
}

/* put_ends with AVX-512: the block's field ends packed by one compress
 * (vpcompressb of the byte offsets 0-63 under the mask), widened to 32
 * bits and stored sixteen at a time, whether or not there are as many
 * (c->ix_pos has CR_IX_SLACK spare). No loop, no branch a field: 0.93
 * of the wall time of put_ends' eight at a time in paired runs. */
#define AVX512_ENDS "avx512f,avx512bw,avx512vl,avx512vbmi2,popcnt,bmi,bmi2"
__attribute__((target(AVX512_ENDS))) static inline unsigned *
put_ends512(unsigned *w, unsigned long long sep, unsigned base)
{
    const __m512i iota = _mm512_set_epi8(
        63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30,
        29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13,
        12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const unsigned n = (unsigned)__builtin_popcountll(sep);
    const __m512i at = _mm512_maskz_compress_epi8(sep, iota);
    const __m512i b = _mm512_set1_epi32((int)base);
#define PUT16(k)                                                            \
    _mm512_storeu_si512(w + 16 * (k),                                       \
                        _mm512_add_epi32(_mm512_cvtepu8_epi32(              \
                                             _mm512_extracti32x4_epi32(at, k)), \
                                         b))
    PUT16(0);
    if (n > 16) { /* rare: a block of short fields */
        PUT16(1);
        if (n > 32) {
            PUT16(2);
            if (n > 48)
                PUT16(3);
        }
    }
#undef PUT16
    return w + n;
}

__attribute__((target(AVX512_ENDS))) static size_t field_ends_512(ct_csv *c)
{
    return field_ends_body(c, put_ends512);
}
#endif

int cr_index_record(ct_csv *c, ct_csv_record *rec)
{
    char *s = c->buf + c->start;
    unsigned *pos;
    size_t ns, i, rec_end, first;
    int all;

    if (c->ix_pos == NULL) {
        c->ix_pos =
            malloc((CT_CSV_MAX_FIELDS + 64 + CR_IX_SLACK) * sizeof *c->ix_pos);
        if (c->ix_pos == NULL)
            return FAST_FALLBACK;
    }
    ns = c->ix_ends(c);
    if (ns == 0 || ns > CT_CSV_MAX_FIELDS)
        return FAST_FALLBACK;
    while (ns > c->fcap)
        if (cr_grow_fields(c) != 0)
            return FAST_FALLBACK;
    pos = c->ix_pos;
    rec_end = pos[ns - 1];
    if (rec_end > cr_ix_start(pos, ns - 1) && s[rec_end - 1] == '\r')
        pos[ns - 1]--; /* the CR of a CRLF is not part of the last field */
    all = !(c->lazy && c->want != NULL);
    first = 0; /* fields cut now: all, or those past the wanted columns */
    if (all) {
        c->skip_marked = 0; /* this record writes every fesc[] */
    } else {
        /* the wanted columns are cut when asked for (ct_csv_get), the
         * others read as "" */
        while (c->nwant > c->fcap)
            if (cr_grow_fields(c) != 0)
                return FAST_FALLBACK;
        memcpy(c->fesc, c->ix_tmpl, c->nwant);
        if (ns < c->nwant)
            memset(c->fesc + ns, 2, c->nwant - ns);
        c->skip_marked = 1;
        c->ix_rec = s;
        first = c->nwant;
    }
    if (ns == 1) {
        /* a line of blanks is no record for libcsv */
        size_t b = 0, e = pos[0];
        cr_trim(s, &b, &e);
        if (b == e && pos[0] > 0)
            return FAST_FALLBACK;
    }
    for (i = first; i < ns; i++) {
        size_t b = cr_ix_start(pos, i), e = pos[i];
        cr_trim(s, &b, &e);
        cr_set_field(c, s, b, e, i);
    }
    return cr_fast_commit(c, rec, s, rec_end, 1, ns, 0, 0, all, NULL);
}

void cr_pick_index(ct_csv *c, cr_level level)
{
    c->ix_fill = fill_blocks;
    c->ix_ends = field_ends;
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (level != CR_PORTABLE && __builtin_cpu_supports("avx2") &&
        __builtin_cpu_supports("pclmul") &&
        __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
        __builtin_cpu_supports("bmi2")) {
        c->ix_fill = fill_blocks_avx2;
        c->ix_ends = field_ends_bmi;
        if (level == CR_BEST && __builtin_cpu_supports("avx512f") &&
            __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") &&
            __builtin_cpu_supports("avx512vbmi2"))
            c->ix_ends = field_ends_512;
    }
#endif
}

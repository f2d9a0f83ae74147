/* SPDX-License-Identifier: MIT
 * csv_internal.h - the reader's state and the helpers its files share
 * (not installed): csv_reader.c (opening, the libcsv adapter, ranges for
 * parallel reads, the record loop), csv_fast.c (the fast path) and
 * csv_encoding.c (UTF-8 and Windows-1252). Prefix cr_.
 */
#ifndef CT_CSV_INTERNAL_H
#define CT_CSV_INTERNAL_H

#include <csv.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "load/csv_reader.h"

/* One bit per byte of a 64-byte block (fast path, below). */
typedef struct masks {
    unsigned long long q, d, n, r, z, h; /* quote, delim, LF, CR, NUL, high */
    unsigned long long b;                /* space or tab                   */
} masks;
typedef void (*masks_fn)(const char *, char, masks *);

/* Blocks the structural index classifies at a time (8 KiB of input). */
#define CR_IX_BLOCKS 128
struct ct_csv;
/* Classifies the next k blocks of the structural index (csv_index.c). */
typedef void (*cr_fill_fn)(struct ct_csv *, size_t);
/* Collects the field ends of the next record (csv_index.c). */
typedef size_t (*cr_ends_fn)(struct ct_csv *);
/* Spare slots at the end of ct_csv.ix_pos (field ends are written eight
 * or sixteen at a time). */
#define CR_IX_SLACK 16

struct ct_csv {
    int fd;                  /* input descriptor                         */
    int own_fd;              /* 1 when we must close fd                  */
    FILE *stream;            /* read instead of fd when not NULL
                                (borrowed: ct_csv_open_stream)          */
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
    size_t *next_cut;        /* per column j < nwant: the first column
                                >= j that is cut (nwant: none before) */
    int skip_marked;         /* fesc[] is 2 at every skip[] column below
                                fcap (only records that cut every column
                                and cr_grow_fields write those)         */
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
                                    every lone CR read is turned into
                                    LF (a CRLF stays one line end)      */
    int cr_pending;              /* cr_mode: the last byte read is a CR
                                    whose next byte is not read yet     */
    /* the structural index (csv_index.c): ix_n 64-byte blocks from
     * buf[ix_from] classified once, with the quote state after them;
     * ix_n == 0 makes it start again at the next record */
    size_t ix_from, ix_n;
    cr_fill_fn ix_fill;          /* the block classifier for this CPU    */
    cr_ends_fn ix_ends;          /* the field end collector for this CPU */
    unsigned long long ix_carry, ix_prev_sep, ix_prev_qc;
    unsigned long long ix_sep[CR_IX_BLOCKS]; /* field ends outside quotes */
    unsigned long long ix_nl[CR_IX_BLOCKS];  /* record ends (LF outside)  */
    unsigned long long ix_odd[CR_IX_BLOCKS]; /* bytes for the careful path */
    unsigned *ix_pos;            /* one record's field ends, from its
                                    start (CT_CSV_MAX_FIELDS + 64 +
                                    CR_IX_SLACK)                        */
    unsigned char *ix_tmpl;      /* lazy mode: fesc[] of a record from
                                    the index, per column below nwant:
                                    2 not cut, 4 cut when asked for     */
    char *ix_rec;                /* that record's first byte, or NULL
                                    when the current record is not one */
    void (*on_bytes)(const void *, size_t, void *); /* every byte read,
                                    as read (ct_csv_on_bytes), or NULL  */
    void *bytes_ctx;
};

/* cr_fast_record: the record is not plainly regular; nothing was
 * consumed (csv_fast.c). */
#define FAST_FALLBACK (-100)

#define IS_BLANK(ch) ((ch) == ' ' || (ch) == '\t')

/* Bit i set when an odd number of bits 0..i of m are set: with m the
 * quotes of a block, the bytes inside quotes (a doubled quote toggles
 * twice). */
static inline unsigned long long cr_prefix_xor(unsigned long long m)
{
    m ^= m << 1;
    m ^= m << 2;
    m ^= m << 4;
    m ^= m << 8;
    m ^= m << 16;
    m ^= m << 32;
    return m;
}

/* Records field [b, e) of the record at s (offsets) as field nf, with
 * room for it (nf < c->fcap); the record has passed the mask checks, so
 * a field that starts with a quote is a well-formed quoted field. */
static inline void cr_set_field(ct_csv *c, const char *s, size_t b,
                                size_t e, size_t nf)
{
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
}

/* The bits of a block (masks m, inside-quotes mask inq, field ends sepm)
 * that break the rules of a plainly regular record: an opening quote not
 * at a field start (nor after a closing one), a closing quote not at a
 * field end (nor before an opening one), a blank touching a field
 * boundary. prev_sep and prev_qc are bit 63 of the block before; next is
 * the byte after the block, NULL when the data ends within avail <= 64
 * bytes (the end acts as a separator). */
static inline unsigned long long
cr_block_bad(const masks *m, unsigned long long inq, unsigned long long sepm,
             unsigned long long prev_sep, unsigned long long prev_qc,
             const char *next, size_t avail, char delim)
{
    const unsigned long long qo = m->q & inq, qc = m->q & ~inq;
    unsigned long long nsep = 0, nqo = 0, endish, fs, fe, blank;
    if (next != NULL) {
        /* without branches: the byte after a block is anything */
        const unsigned long long out = ~inq >> 63; /* bit 63 outside */
        const char x = *next;
        nsep = out & (unsigned long long)((x == delim) | (x == '\n') |
                                          (x == '\r'));
        nqo = out & (unsigned long long)(x == '"');
    }
    endish = sepm | (m->r & ~inq);
    if (next == NULL && avail < 64)
        endish |= 1ULL << avail;
    fe = endish >> 1 | nsep << 63;
    if (next == NULL && avail == 64)
        fe |= 1ULL << 63;
    fs = sepm << 1 | prev_sep;
    blank = m->b & ~inq;
    return (qo & ~fs & ~(qc << 1 | prev_qc)) |
           (qc & ~fe & ~(qo >> 1 | nqo << 63)) | (blank & (fs | fe));
}

/* " 'name'" for field i (0-based) when the header named it, else "". */
void cr_field_label(const ct_csv *c, size_t i, char *buf, size_t n);
/* Makes room for more fields per record; -1 when out of memory. */
int cr_grow_fields(ct_csv *c);
/* Reads more input, keeping buf[start, end). Returns bytes read, 0 at
 * EOF, or a negative CT_E* code on error (err filled). */
long cr_refill(ct_csv *c, ct_error *err);
/* Makes every field valid UTF-8, transcoding from Windows-1252 where a
 * field is not. Transcoded copies go to xarena; pointers are set once it
 * has stopped growing. */
int cr_fix_encoding(ct_csv *c, long line, ct_error *err);
/* 1 when s[0, n) holds a byte >= 0x80 (16 bytes at a time). */
int cr_has_high(const char *s, size_t n);
/* Reads one record from c->start by the fast path: 1 with the record in
 * rec, FAST_FALLBACK, or a negative CT_E* code (csv_fast.c). */
int cr_fast_record(ct_csv *c, ct_csv_record *rec, ct_error *err);
/* Takes the blanks off both ends of field s[*b, *e) when it is not
 * quoted, as libcsv does (the structural index does not look for them;
 * a quoted field has none outside its quotes, or it would have broken a
 * quote rule and gone to the careful path). */
static inline void cr_trim(const char *s, size_t *b, size_t *e)
{
    /* blanks are below '!': most fields are let through by two
     * compares (a quoted one always, its ends being quotes) */
    if (*e == *b || ((unsigned char)s[*b] > ' ' &&
                     (unsigned char)s[*e - 1] > ' ') ||
        s[*b] == '"')
        return;
    while (*b < *e && IS_BLANK(s[*b]))
        ++*b;
    while (*e > *b && IS_BLANK(s[*e - 1]))
        --*e;
}

/* Where field i of a record from the structural index starts: after
 * the field end before it (pos: the record's field ends, c->ix_pos). */
static inline size_t cr_ix_start(const unsigned *pos, size_t i)
{
    return i ? pos[i - 1] + 1 : 0;
}

/* Reads one plainly regular record from c->start with the structural
 * index (csv_index.c): 1 with the record in rec, or FAST_FALLBACK
 * (nothing consumed; the record goes to cr_fast_record). */
int cr_index_record(ct_csv *c, ct_csv_record *rec);
/* A regular record of col fields (those to cut already set) ends at
 * s + rec_end, before its LF when has_nl: hands it out, terminated and
 * unescaped now or per field when lazy. nin: line breaks inside quotes;
 * high: a byte >= 0x80 in it (cut every field again, then transcode);
 * all: every field was cut. Returns 1, FAST_FALLBACK or a negative CT_E*
 * code (csv_fast.c). */
int cr_fast_commit(ct_csv *c, ct_csv_record *rec, char *s, size_t rec_end,
                   int has_nl, size_t col, unsigned long long nin, int high,
                   int all, ct_error *err);
/* Which of the reader's block codes to use: the best this CPU runs, no
 * better than AVX2 (tests: every path must give the same records), or
 * the portable code. */
typedef enum cr_level { CR_BEST, CR_AVX2, CR_PORTABLE } cr_level;
/* Sets c's block classifier and field end collector (csv_index.c). */
void cr_pick_index(ct_csv *c, cr_level level);
/* The block classifier for this CPU (AVX2), or the portable one. */
masks_fn cr_pick_masks(int portable);
/* Makes c use the block code of level instead of the best for this CPU
 * (tests: every level must give the same records). */
void cr_use_level(ct_csv *c, cr_level level);
/* Turns each doubled quote "" of f[0, len) into one, in place; returns
 * the new length. */
size_t cr_unescape(char *f, size_t len);

#endif /* CT_CSV_INTERNAL_H */

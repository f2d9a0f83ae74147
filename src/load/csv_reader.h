/* SPDX-License-Identifier: MIT
 * csv_reader.h - the one libcsv adapter (internal). Pull interface: each
 * call returns one record as NUL-terminated fields. It finds record
 * boundaries itself by quote parity, so it knows the physical line where
 * every record starts, then hands the record's bytes to libcsv (strict).
 * It strips a UTF-8 BOM, detects the delimiter (',' ';' or tab) from the
 * header line, transcodes fields that are not valid UTF-8 from
 * Windows-1252, and refuses NUL bytes, gzip data and oversize records.
 */
#ifndef CT_CSV_READER_H
#define CT_CSV_READER_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/error.h"

/* Documented resource limits (README "Limits"). */
#define CT_CSV_MAX_RECORD_BYTES (8u * 1024u * 1024u) /* one record   */
#define CT_CSV_MAX_FIELDS 4096                        /* per record   */

typedef struct ct_csv ct_csv;

typedef struct ct_csv_record {
    size_t n;            /* number of fields                          */
    char **field;        /* field i, NUL-terminated UTF-8 (borrowed)  */
    size_t *len;         /* byte length of field i                    */
    long line;           /* physical line where the record starts     */
} ct_csv_record;

/* Opens path ("-" or NULL: standard input). display is the name used in
 * messages (NULL: path, or "<stdin>"). *out is NULL on failure. */
int ct_csv_open(ct_csv **out, const char *path, const char *display,
                ct_error *err);
/* Opens a reader of the stream in, from where it stands (fread; for a
 * stream without a descriptor, such as fmemopen). in is borrowed: the
 * caller closes it after ct_csv_close. display as for ct_csv_open (NULL:
 * "<stream>"). *out is NULL on failure (CT_ENOMEM). */
int ct_csv_open_stream(ct_csv **out, FILE *in, const char *display,
                       ct_error *err);
void ct_csv_close(ct_csv *c);
/* Before the first read: split fields at delim instead of choosing the
 * delimiter from the header (a reader that wants one delimiter only). */
void ct_csv_set_delimiter(ct_csv *c, char delim);

/* Opens path for the records that START in [start, stop) (a record that
 * begins before stop is read to its end), with a known delimiter: how the
 * parallel loader gives each thread its part of a file. Line numbers count
 * from 1 at start. */
int ct_csv_open_range(ct_csv **out, const char *path, const char *display,
                      unsigned long long start, unsigned long long stop,
                      char delim, ct_error *err);
/* Absolute byte offset of the next unread byte. */
unsigned long long ct_csv_offset(const ct_csv *c);
/* Physical lines consumed so far. */
long ct_csv_lines(const ct_csv *c);
/* 1 when a record started before stop and ended after it: the range's
 * end was not a record boundary. */
int ct_csv_crossed(const ct_csv *c);

/* Reads the next record into *rec (valid until the next call).
 * Returns 1 for a record, 0 at end of input, or a negative CT_E* code.
 * Blank lines are skipped. After a CT_EPARSE about one record, the next
 * call continues with the following record (for --skip-bad). */
int ct_csv_next(ct_csv *c, ct_csv_record *rec, ct_error *err);

/* 1: parse every record with libcsv instead of the fast tokenizer (for
 * the differential test; both give the same records). */
void ct_csv_use_libcsv(ct_csv *c, int on);
/* Lazy mode (for readers that use a few columns of wide records): the
 * fields of a record are NUL-terminated and unescaped only when asked
 * for with ct_csv_get; rec->field[i] must not be read directly, and
 * rec->len[i] is exact only after ct_csv_get(i). Off by default. */
void ct_csv_lazy(ct_csv *c, int on);
/* Column names used in messages ("field 2 'location': ..."); copied. */
int ct_csv_set_names(ct_csv *c, const char *const *names, size_t n);
int ct_csv_copy_names(ct_csv *dst, const ct_csv *src);

/* Lazy mode only: cut only the columns i < n with want[i] set (and every
 * column from n on); the others read as "" through ct_csv_get. want is
 * copied; NULL cuts every column. */
int ct_csv_want(ct_csv *c, const unsigned char *want, size_t n);
/* Field i of the current record, NUL-terminated (lazy mode or not). */
const char *ct_csv_get(ct_csv *c, ct_csv_record *rec, size_t i);

/* 1 after an error that ends reading (an unterminated quote, a limit,
 * an I/O error): such errors cannot be skipped. */
int ct_csv_dead(const ct_csv *c);

/* Hands every byte read from now on to fn(p, n, ctx), in order and as read
 * (before any decoding); fn NULL stops it. Set it before the first read
 * to see the whole input. */
void ct_csv_on_bytes(ct_csv *c, void (*fn)(const void *, size_t, void *),
                     void *ctx);
/* The name used in messages. */
const char *ct_csv_display(const ct_csv *c);
/* The detected delimiter. */
char ct_csv_delimiter(const ct_csv *c);
/* Fields transcoded from Windows-1252 so far. */
long ct_csv_transcoded(const ct_csv *c);
/* Bytes consumed so far and the input's total size (0 when unknown). */
void ct_csv_progress(const ct_csv *c, unsigned long long *done,
                     unsigned long long *total);

/* Transcodes Windows-1252 src (n bytes) into dst (capacity >= 3n+1) as
 * UTF-8; returns the length, or -1 if src holds a byte undefined in
 * Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
long ct_cp1252_to_utf8(char *dst, const char *src, size_t n);
/* 1 when s (n bytes) is valid UTF-8. */
int ct_utf8_valid(const char *s, size_t n);

#endif /* CT_CSV_READER_H */

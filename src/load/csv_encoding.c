/* SPDX-License-Identifier: MIT
 * csv_encoding.c - the encodings of a CSV field: UTF-8 as it should be,
 * Windows-1252 transcoded to UTF-8 where a field is not valid UTF-8.
 */
#include "load/csv_internal.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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


/* 1 when s[0, n) holds a byte >= 0x80 (16 bytes at a time). */
int cr_has_high(const char *s, size_t n)
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
int cr_fix_encoding(ct_csv *c, long line, ct_error *err)
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
        high = cr_has_high(s, n);
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
            cr_field_label(c, i, label, sizeof label);
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

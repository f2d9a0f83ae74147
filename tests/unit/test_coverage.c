/* SPDX-License-Identifier: MIT
 * test_coverage.c - the coverage of a series (README "Counting", rule 1)
 * against a brute force over days: random ACLED-like files, each holding
 * one to three countries over a random span of 2014-2017; a country is
 * covered on the days some file holding it spans, a group (the total, or
 * one country) on the days every country seen in it is. A period is NA
 * when no day of it is covered, partial when some but not all are, and
 * its count is every event of the group in the period either way. The
 * calendar here is its own (day index -> year, month, day), so the test
 * does not lean on the library's date arithmetic for the truth.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/geo.h"
#include "ctrend/series.h"
#include "runner.h"

#define Y0 2014
#define NYEAR 4
#define MAXDAY (NYEAR * 366)
#define NC 3
#define MAXF 4
#define MAXEV 16

static const char *const cname[NC] = {"Ethiopia", "Kenya", "Somalia"};

/* day index (0 = Y0-01-01) -> year, month */
static int dy[MAXDAY], dm[MAXDAY], dd[MAXDAY], ndays;

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void calendar(void)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int y, m, d;
    ndays = 0;
    for (y = Y0; y < Y0 + NYEAR; y++)
        for (m = 1; m <= 12; m++)
            for (d = 1; d <= mdays[m - 1] + (m == 2 && leap(y)); d++) {
                dy[ndays] = y;
                dm[ndays] = m;
                dd[ndays] = d;
                ndays++;
            }
}

static unsigned long lcg(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (*s >> 33) & 0x7fffffffUL;
}

typedef struct trial {
    int nf;
    int d0[MAXF], d1[MAXF];       /* span of file f (day indexes)      */
    int nev[MAXF];
    int ev_day[MAXF][MAXEV], ev_c[MAXF][MAXEV];
} trial;

/* A file of 1-3 countries over a random span; the first and the last
 * day hold an event, so the span is exactly [d0, d1]. */
static void make_trial(trial *t, unsigned long *seed)
{
    int f, i;
    t->nf = 1 + (int)(lcg(seed) % MAXF);
    for (f = 0; f < t->nf; f++) {
        int len = (int)(lcg(seed) % 3 == 0 ? lcg(seed) % 40
                                           : lcg(seed) % 700);
        int set = 1 + (int)(lcg(seed) % 7), c, n = 0;
        t->d0[f] = (int)(lcg(seed) % (unsigned long)ndays);
        t->d1[f] = t->d0[f] + len < ndays ? t->d0[f] + len : ndays - 1;
        for (c = 0; c < NC; c++) {
            int k, m;
            if (!(set >> c & 1))
                continue;
            m = 1 + (int)(lcg(seed) % 3);
            for (k = 0; k < m && n < MAXEV - 2; k++) {
                t->ev_c[f][n] = c;
                t->ev_day[f][n++] =
                    t->d0[f] + (int)(lcg(seed) % (unsigned long)(
                                         t->d1[f] - t->d0[f] + 1));
            }
        }
        /* the ends, from the file's first country */
        for (i = 0; i < NC && !(set >> i & 1); i++)
            ;
        t->ev_c[f][n] = i;
        t->ev_day[f][n++] = t->d0[f];
        t->ev_c[f][n] = i;
        t->ev_day[f][n++] = t->d1[f];
        t->nev[f] = n;
    }
}

static ct_series *build_trial(const trial *t, int by_month, int by_country)
{
    ct_series_options opt = CT_SERIES_OPTIONS_INIT;
    ct_series_builder *b = NULL;
    ct_series *s = NULL;
    ct_error err;
    char id[32];
    int f, i;

    opt.geo = ct_test_geo;
    opt.by_month = by_month;
    opt.measure = CT_MEASURE_EVENTS;
    opt.coverage = CT_COVERAGE_DATA;
    if (by_country) {
        opt.keys[0] = CT_KEY_COUNTRY;
        opt.n_keys = 1;
    }
    if (ct_series_builder_alloc(&b, &opt, &err) != CT_OK)
        return NULL;
    for (f = 0; f < t->nf; f++) {
        if (ct_series_builder_begin_file(b, &err) != CT_OK)
            goto fail;
        for (i = 0; i < t->nev[f]; i++) {
            ct_obs o;
            const ct_country *k =
                ct_geo_by_name(ct_test_geo, cname[t->ev_c[f][i]]);
            memset(&o, 0, sizeof o);
            snprintf(id, sizeof id, "F%dE%d", f, i);
            o.dataset = CT_DS_ACLED;
            o.unit = CT_UNIT_EVENT;
            o.prec = CT_PREC_DAY;
            o.version = "";
            o.conflict_id = "";
            o.record_id = id;
            o.events = 1;
            o.best = 0;
            o.low = o.high = (double)NAN;
            o.n_loc = 1;
            o.loc[0] = k;
            o.country_name = k->name;
            o.event_type = "Battles";
            o.year = dy[t->ev_day[f][i]];
            o.month = dm[t->ev_day[f][i]];
            o.day = dd[t->ev_day[f][i]];
            o.line = i + 2;
            if (ct_series_builder_add(&o, b, &err) != CT_OK)
                goto fail;
        }
    }
    if (ct_series_builder_finish(b, &s, &err) != CT_OK)
        s = NULL;
fail:
    ct_series_builder_free(b);
    return s;
}

/* The period (years or months since year 0) of day index d. */
static long day_period(int d, int by_month)
{
    return by_month ? (long)dy[d] * 12 + dm[d] - 1 : dy[d];
}

/* Checks every row of s against the brute force; 1 when all agree. */
static int check(const trial *t, const ct_series *s, int by_month,
                 int by_country)
{
    static unsigned char cov[NC][MAXDAY];
    int seen[NC] = {0}, f, i, c, d, ok = 1;
    size_t r;

    memset(cov, 0, sizeof cov);
    for (f = 0; f < t->nf; f++)
        for (i = 0; i < t->nev[f]; i++) {
            c = t->ev_c[f][i];
            seen[c] = 1;
            for (d = t->d0[f]; d <= t->d1[f]; d++)
                cov[c][d] = 1;
        }
    for (r = 0; r < s->n; r++) {
        long p = by_month ? (long)s->year[r] * 12 + s->month[r] - 1
                          : s->year[r];
        int days = 0, covered = 0, count = 0, g = -1;
        if (by_country)
            for (c = 0; c < NC; c++)
                if (strcmp(s->key[r], cname[c]) == 0)
                    g = c;
        for (d = 0; d < ndays; d++) {
            int all = 1;
            if (day_period(d, by_month) != p)
                continue;
            days++;
            for (c = 0; c < NC; c++)
                if ((g < 0 ? seen[c] : c == g) && !cov[c][d])
                    all = 0;
            covered += all;
        }
        for (f = 0; f < t->nf; f++)
            for (i = 0; i < t->nev[f]; i++)
                if (day_period(t->ev_day[f][i], by_month) == p &&
                    (g < 0 || t->ev_c[f][i] == g))
                    count++;
        if (covered == 0 ? !isnan(s->value[r])
                         : s->value[r] != (double)count) {
            ok = 0;
            fprintf(stderr, "row %zu (%ld, %s): value %g, want %s%d\n", r,
                    p, by_country ? s->key[r] : "total", s->value[r],
                    covered == 0 ? "NA, not " : "", count);
        }
        if ((s->partial && s->partial[r]) != (covered > 0 && covered < days)) {
            ok = 0;
            fprintf(stderr, "row %zu (%ld, %s): partial %d, covered %d of "
                            "%d days\n",
                    r, p, by_country ? s->key[r] : "total",
                    s->partial ? s->partial[r] : 0, covered, days);
        }
    }
    return ok;
}

static void test_coverage_random(void)
{
    unsigned long seed = 20261130;
    int n, bad = 0;
    calendar();
    for (n = 0; n < 400 && bad < 3; n++) {
        trial t;
        int by_month, by_country;
        make_trial(&t, &seed);
        for (by_month = 0; by_month < 2; by_month++)
            for (by_country = 0; by_country < 2; by_country++) {
                ct_series *s = build_trial(&t, by_month, by_country);
                CU_ASSERT_PTR_NOT_NULL_FATAL(s);
                if (!check(&t, s, by_month, by_country)) {
                    fprintf(stderr, "trial %d (by %s, %s) failed\n", n,
                            by_month ? "month" : "year",
                            by_country ? "country" : "total");
                    bad++;
                }
                ct_series_free(s);
            }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("coverage", ct_test_geo_init,
                               ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "random files against a day-by-day count",
                     test_coverage_random))
        return -1;
    return 0;
}

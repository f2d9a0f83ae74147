/* SPDX-License-Identifier: MIT
 * test_fastpath.c - the shortcuts of the per-record path against their
 * general twins (issue 13):
 *  - ld_iso_date ("YYYY-MM-DD" read directly) against ct_date_parse, on
 *    every plain date of a grid of years, months and days, on every
 *    field of every CSV under tests/, and on calendar facts;
 *  - ld_parse_long (1-9 digits read directly) on the grammar's cases;
 *  - ld_get_date with the year field taken from the date: one-record
 *    ACLED files whose date, year, warnings and errors are known by
 *    construction;
 *  - the series builder's caches (value strings of the record, combos,
 *    cells): synthetic observations with colliding keys, the record's
 *    buffer reused for every event type as the reader does, counted
 *    again here by brute force; and a reset builder against a new one;
 *  - the spill's merge heap (keys cached in it, one move of the entry):
 *    groups of equal keys over many runs of two spills;
 *  - the string hash's last word, read with overlapping loads: a key's
 *    hash does not depend on where it sits nor on the bytes after it, and
 *    changes with every byte of it.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctrend/ctrend.h"
#include "core/spill.h"
#include "core/strtab.h"
#include "load/load_internal.h"
#include "runner.h"

/* ---- ld_iso_date against ct_date_parse --------------------------------- */

/* 1 when s is exactly four digits, '-', two digits, '-', two digits. */
static int plain_form(const char *s)
{
    int i;
    for (i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return s[10] == '\0';
}

static long twin_checked, twin_plain;

/* The fast path gives what the general parser gives, or declines: for
 * the plain form it declines exactly when the parser refuses; any other
 * form it always leaves to the parser. */
static void twin(const char *s)
{
    ct_date a = {0, 0, 0}, b = {0, 0, 0};
    ct_date_order o = CT_DATE_ORDER_UNKNOWN;
    int fast = ld_iso_date(s, &a), gen = ct_date_parse(s, 0, &o, &b);
    twin_checked++;
    if (!plain_form(s)) {
        CU_ASSERT_EQUAL(fast, 1);
        if (fast != 1)
            fprintf(stderr, "\n  '%s': fast path took a non-plain form\n", s);
        return;
    }
    twin_plain++;
    CU_ASSERT_EQUAL(fast == 0, gen == 0);
    if (fast == 0 && gen == 0) {
        CU_ASSERT_EQUAL(a.year, b.year);
        CU_ASSERT_EQUAL(a.month, b.month);
        CU_ASSERT_EQUAL(a.day, b.day);
    }
    if ((fast == 0) != (gen == 0) ||
        (fast == 0 && (a.year != b.year || a.month != b.month ||
                       a.day != b.day)))
        fprintf(stderr, "\n  '%s': fast %d %d-%d-%d, general %d %d-%d-%d\n",
                s, fast, a.year, a.month, a.day, gen, b.year, b.month, b.day);
}

static void test_iso_grid(void)
{
    static const int Y[] = {0, 1, 99, 1899, 1900, 1999, 2000, 2001, 2004,
                            2020, 2023, 2024, 2100, 2400, 9999};
    char s[32];
    size_t i;
    int m, d;
    twin_checked = twin_plain = 0;
    for (i = 0; i < sizeof Y / sizeof Y[0]; i++)
        for (m = 0; m <= 13; m++)
            for (d = 0; d <= 32; d++) {
                snprintf(s, sizeof s, "%04d-%02d-%02d", Y[i], m, d);
                twin(s);
                /* the same date in forms the fast path must leave */
                snprintf(s, sizeof s, " %04d-%02d-%02d", Y[i], m, d);
                twin(s);
                snprintf(s, sizeof s, "%04d-%02d-%02d 00:00:00", Y[i], m, d);
                twin(s);
                snprintf(s, sizeof s, "%04d/%02d/%02d", Y[i], m, d);
                twin(s);
                snprintf(s, sizeof s, "%04d-%d-%d", Y[i], m, d);
                twin(s);
            }
    /* the first form, and the last when month and day have two digits */
    CU_ASSERT_EQUAL(twin_plain, 15 * (14 * 33 + 4 * 23));
}

static void test_iso_odd_strings(void)
{
    static const char *const S[] = {
        "", "2020", "2020-01", "2020-01-0", "2020-01-011", "2020-01-01 ",
        "2020-01-01T00:00:00Z", "2020_01_01", "20200101", "+020-01-01",
        "-020-01-01", "2020-0a-01", "2020--1-01", "2O20-01-01", "NA",
        "2020-1-01", "01-01-2020", "2020-01-01\t", "2020-13-01",
        "2020-00-10", "2021-02-29", "2020-02-30", "2020-04-31"};
    size_t i;
    for (i = 0; i < sizeof S / sizeof S[0]; i++)
        twin(S[i]);
}

/* Calendar facts (the Gregorian leap rule and month lengths). */
static void test_iso_calendar(void)
{
    ct_date d = {0, 0, 0};
    CU_ASSERT_EQUAL(ld_iso_date("2020-02-29", &d), 0);
    CU_ASSERT(d.year == 2020 && d.month == 2 && d.day == 29);
    CU_ASSERT_EQUAL(ld_iso_date("2000-02-29", &d), 0);
    CU_ASSERT(d.year == 2000 && d.month == 2 && d.day == 29);
    CU_ASSERT_EQUAL(ld_iso_date("1997-12-31", &d), 0);
    CU_ASSERT(d.year == 1997 && d.month == 12 && d.day == 31);
    CU_ASSERT_EQUAL(ld_iso_date("1900-02-29", &d), 1); /* not leap */
    CU_ASSERT_EQUAL(ld_iso_date("2100-02-29", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("2019-02-29", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("2021-04-31", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("2021-06-31", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("2021-09-31", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("2021-11-31", &d), 1);
    CU_ASSERT_EQUAL(ld_iso_date("0000-01-01", &d), 1); /* no year 0 */
}

/* Every field of a CSV file through twin() (a plain split on commas
 * outside quotes is enough: every field value is a test string). */
static void twin_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char line[8192], field[256];
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        size_t n = 0;
        int q = 0;
        char *p;
        for (p = line;; p++) {
            if (*p == '"') {
                q = !q;
                continue;
            }
            if (*p == '\0' || *p == '\n' || *p == '\r' || (*p == ',' && !q)) {
                field[n] = '\0';
                twin(field);
                n = 0;
                if (*p != ',')
                    break;
                continue;
            }
            if (n + 1 < sizeof field)
                field[n++] = *p;
        }
    }
    fclose(f);
}

static void twin_dir(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth < 4)
            twin_dir(path, depth + 1);
        else if (S_ISREG(st.st_mode) && n > 4 &&
                 strcmp(e->d_name + n - 4, ".csv") == 0 &&
                 st.st_size < 4 * 1024 * 1024)
            twin_file(path);
    }
    closedir(d);
}

static void test_iso_test_data(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests", ct_test_source_dir());
    twin_checked = twin_plain = 0;
    twin_dir(dir, 0);
    /* the fixtures hold many plain dates (ACLED, GED, HAPI) */
    CU_ASSERT(twin_plain > 100);
    CU_ASSERT(twin_checked > 10000);
}

/* ---- ld_parse_long ------------------------------------------------------ */

static void long_is(const char *s, int rc, long v)
{
    long got = -12345;
    int r = ld_parse_long(s, &got);
    CU_ASSERT_EQUAL(r, rc);
    if (rc == 0)
        CU_ASSERT_EQUAL(got, v);
    if (r != rc || (rc == 0 && got != v))
        fprintf(stderr, "\n  '%s': rc %d value %ld, want rc %d value %ld\n",
                s, r, got, rc, v);
}

static void test_parse_long(void)
{
    long_is("0", 0, 0);
    long_is("7", 0, 7);
    long_is("007", 0, 7);
    long_is("1997", 0, 1997);
    long_is("123456789", 0, 123456789L);
    long_is("1234567890", 0, 1234567890L);          /* 10 digits */
    long_is("999999999999999999", 0, 999999999999999999L); /* 18 */
    long_is("1000000000000000000", -1, 0);          /* 19 digits */
    long_is("12.0", 0, 12);
    long_is("12.", -1, 0);
    long_is("12.5", -1, 0);
    long_is(" 5 ", 0, 5);
    long_is("5 ", 0, 5);
    long_is("-3", 0, -3);
    long_is("+3", -1, 0);
    long_is("1e3", -1, 0);
    long_is("0x10", -1, 0);
    long_is("", -1, 0);
    long_is(" ", -1, 0);
    long_is("12a", -1, 0);
    long_is("123456789a", -1, 0);
}

/* ---- ld_get_date through the loader -------------------------------------- */

#define HEADER                                                               \
    "event_id_cnty,event_date,year,time_precision,disorder_type,"           \
    "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"         \
    "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"       \
    "country,admin1,admin2,admin3,location,latitude,longitude,"             \
    "geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"

typedef struct got_obs {
    int n, year, month, day;
} got_obs;

static int keep_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    got_obs *g = ctx;
    (void)err;
    g->n++;
    g->year = o->year;
    g->month = o->month;
    g->day = o->day;
    return CT_OK;
}

/* Loads a file of one ACLED record (line 2) with the given date and year
 * fields; rc, the observation, the year warnings and the error. */
static int load_one_row(const char *date, const char *year, got_obs *g,
                        ct_load_info *info, ct_error *err)
{
    char path[] = "/tmp/ct_fastpath_XXXXXX";
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    int fd = mkstemp(path), rc;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f, HEADER "SOM90001,%s,%s,1,Political violence,Battles,Armed "
               "clash,Military Forces of Somalia,,State forces,Al Shabaab,,"
               "Rebel group,,,706,Eastern Africa,Somalia,Banadir,Mogadishu,,"
               "Mogadishu,2.0371,45.3438,1,Local Radio,National,Invented "
               "event.,1,,1700000000\n", date, year);
    fclose(f);
    memset(g, 0, sizeof *g);
    lo.geo = ct_test_geo;
    lo.display = "t.csv";
    rc = ct_load_file(path, &lo, keep_obs, g, info, err);
    unlink(path);
    return rc;
}

static void date_ok(const char *date, const char *year, int y, int m, int d,
                    long mismatch)
{
    got_obs g;
    ct_load_info info;
    ct_error err;
    int rc = load_one_row(date, year, &g, &info, &err);
    CU_ASSERT_EQUAL(rc, CT_OK);
    CU_ASSERT_EQUAL(g.n, 1);
    CU_ASSERT(g.year == y && g.month == m && g.day == d);
    CU_ASSERT_EQUAL(info.year_mismatch, mismatch);
    if (mismatch)
        CU_ASSERT_EQUAL(info.first_year_mismatch, 2);
    if (rc != CT_OK || g.year != y || g.month != m || g.day != d ||
        info.year_mismatch != mismatch)
        fprintf(stderr, "\n  '%s', year '%s': rc %d %d-%d-%d mismatch %ld "
                "(%s)\n", date, year, rc, g.year, g.month, g.day,
                info.year_mismatch, err.msg);
}

static void date_bad(const char *date, const char *year, const char *msg)
{
    got_obs g;
    ct_load_info info;
    ct_error err;
    int rc = load_one_row(date, year, &g, &info, &err);
    CU_ASSERT_EQUAL(rc, CT_EPARSE);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
    if (rc != CT_EPARSE || strcmp(err.msg, msg) != 0)
        fprintf(stderr, "\n  '%s', year '%s': rc %d '%s', want '%s'\n",
                date, year, rc, err.msg, msg);
}

static void test_load_dates(void)
{
    /* the year field agrees with the date: taken from it */
    date_ok("2020-02-29", "2020", 2020, 2, 29, 0);
    date_ok("1900-01-01", "1900", 1900, 1, 1, 0);
    date_ok("2100-12-31", "2100", 2100, 12, 31, 0);
    /* a year field read on its own */
    date_ok("2020-02-29", "2019", 2020, 2, 29, 1);
    date_ok("2020-01-05", "", 2020, 1, 5, 0);
    date_ok("2020-01-05", "NA", 2020, 1, 5, 0);
    date_ok("2020-01-05", " 2020", 2020, 1, 5, 0);
    date_ok("2020-01-05", "2020.0", 2020, 1, 5, 0);
    date_ok("2020-01-05", "2021.0", 2020, 1, 5, 1);
    /* other forms of the date: the general parser */
    date_ok("2020-1-5", "2020", 2020, 1, 5, 0);
    date_ok(" 2020-01-05", "2020", 2020, 1, 5, 0);
    date_ok("2020-01-05 00:00:00", "2020", 2020, 1, 5, 0);
    date_ok("21 March 2020", "2020", 2020, 3, 21, 0);
    date_ok("13/01/2020", "2020", 2020, 1, 13, 0);
    /* errors, with the general path's words */
    date_bad("1899-12-31", "1899",
             "field 3 'year': expected an integer from 1900 to 2100, got "
             "'1899'");
    date_bad("2101-01-01", "2101",
             "field 3 'year': expected an integer from 1900 to 2100, got "
             "'2101'");
    date_bad("2020-01-05", "202a",
             "field 3 'year': expected an integer from 1900 to 2100, got "
             "'202a'");
    date_bad("2020-01-05", "2020x",
             "field 3 'year': expected an integer from 1900 to 2100, got "
             "'2020x'");
    date_bad("2019-02-29", "2019",
             "field 2 'event_date': not a valid date, got '2019-02-29'");
    date_bad("1899-12-31", "",
             "field 2 'event_date': year out of range 1900-2100, got "
             "'1899-12-31'");
    date_bad("", "", "field 2 'event_date': missing date");
}

/* ---- the series builder's caches ------------------------------------------ */

#define NCTRY 23
#define NTYPE 60
#define NYEAR 12

/* Event type k: names of one length whose first and last bytes agree
 * (one slot of the value cache for many of them), and others. */
static void type_name(int k, char *buf, size_t n)
{
    if (k % 3 == 0)
        snprintf(buf, n, "a%02db", k);
    else if (k % 3 == 1)
        snprintf(buf, n, "Type number %d of the test", k);
    else
        snprintf(buf, n, "x%dx", k);
}

static unsigned long long lcg(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

typedef struct synth {
    int year[NYEAR * 400], month[NYEAR * 400], c[NYEAR * 400];
    int t[NYEAR * 400];
    double deaths[NYEAR * 400];
    size_t n;
    int nyear;              /* years from 1970 on (data wholly before
                               1970 get periods up to 1969: period_range
                               in series_finish.c starts the last day
                               at -1, day 1969-12-31; reported)         */
} synth;

/* n records in random order; ngroup 1: all in one group over 100 years
 * (more months than the cell cache has slots: periods of one combination
 * meet there), else NYEAR years. */
static void make_synth(synth *sy, unsigned long long seed, size_t n,
                       int ngroup)
{
    size_t i;
    sy->n = n;
    sy->nyear = ngroup == 1 ? 100 : NYEAR;
    for (i = 0; i < n; i++) {
        sy->year[i] = 1970 + (int)(lcg(&seed) % (unsigned)sy->nyear);
        sy->month[i] = 1 + (int)(lcg(&seed) % 12);
        sy->c[i] = ngroup == 1 ? 3 : (int)(lcg(&seed) % NCTRY);
        sy->t[i] = ngroup == 1 ? 5 : (int)(lcg(&seed) % NTYPE);
        sy->deaths[i] = (double)(lcg(&seed) % 50);
    }
}

/* Adds the records of sy, the event type written into one reused
 * buffer as the reader does. */
static int add_synth(ct_series_builder *b, const synth *sy)
{
    char buf[64];
    ct_obs o;
    size_t i;
    memset(&o, 0, sizeof o);
    o.dataset = CT_DS_ACLED;
    o.unit = CT_UNIT_EVENT;
    o.prec = CT_PREC_DAY;
    o.version = "";
    o.conflict_id = "";
    o.record_id = "";
    o.events = 1;
    o.low = o.high = (double)NAN;
    o.n_loc = 1;
    o.event_type = buf;
    for (i = 0; i < sy->n; i++) {
        ct_error err;
        const ct_country *k = ct_geo_at(ct_test_geo, (size_t)sy->c[i] * 7);
        o.year = sy->year[i];
        o.month = sy->month[i];
        o.day = 1 + (int)(i % 28);
        o.loc[0] = k;
        o.country_name = k->name;
        o.region_mask = 0;
        type_name(sy->t[i], buf, sizeof buf);
        o.best = sy->deaths[i];
        o.line = (long)i + 2;
        if (ct_series_builder_add(&o, b, &err) != CT_OK)
            return -1;
    }
    return 0;
}

static ct_series *build_synth(const synth *sy, int by_month, int reset_first)
{
    ct_series_options opt = CT_SERIES_OPTIONS_INIT;
    ct_series_builder *b = NULL;
    ct_series *s = NULL;
    ct_error err;
    opt.geo = ct_test_geo;
    opt.by_month = by_month;
    opt.measure = CT_MEASURE_EVENTS;
    opt.extra[0] = CT_MEASURE_DEATHS;
    opt.n_extra = 1;
    opt.keys[0] = CT_KEY_COUNTRY;
    opt.keys[1] = CT_KEY_EVENT_TYPE;
    opt.n_keys = 2;
    opt.coverage = CT_COVERAGE_NONE;
    if (ct_series_builder_alloc(&b, &opt, &err) != CT_OK)
        return NULL;
    if (reset_first) {
        /* other records first, then reset: the caches must not outlive
         * the tables they stand for */
        synth *other = calloc(1, sizeof *other);
        if (other == NULL)
            goto out;
        make_synth(other, 99, NYEAR * 300, 0);
        if (add_synth(b, other) != 0 || ct_series_builder_reset(b) != 0) {
            free(other);
            goto out;
        }
        free(other);
    }
    if (add_synth(b, sy) == 0 && ct_series_builder_finish(b, &s, &err) != 0)
        s = NULL;
out:
    ct_series_builder_free(b);
    return s;
}

/* Every row of s against counts made here by brute force. */
static void check_synth(const synth *sy, const ct_series *s, int by_month)
{
    size_t nper = (size_t)sy->nyear * (by_month ? 12 : 1), i, rows = 0,
           bad = 0;
    double *ev = calloc(nper * NCTRY * NTYPE, sizeof *ev);
    double *de = calloc(nper * NCTRY * NTYPE, sizeof *de);
    unsigned char *seen = calloc(NCTRY * NTYPE, 1);
    size_t ncombo = 0;
    CU_ASSERT_FATAL(ev && de && seen);
    for (i = 0; i < sy->n; i++) {
        size_t p = by_month ? (size_t)(sy->year[i] - 1970) * 12 +
                                  (size_t)(sy->month[i] - 1)
                            : (size_t)(sy->year[i] - 1970);
        size_t g = (size_t)sy->c[i] * NTYPE + (size_t)sy->t[i];
        ev[p * NCTRY * NTYPE + g] += 1;
        de[p * NCTRY * NTYPE + g] += sy->deaths[i];
        if (!seen[g]) {
            seen[g] = 1;
            ncombo++;
        }
    }
    for (i = 0; i < s->n; i++) {
        const char *cn = s->key[i * 2], *tn = s->key[i * 2 + 1];
        size_t p = by_month ? (size_t)(s->year[i] - 1970) * 12 +
                                  (size_t)(s->month[i] - 1)
                            : (size_t)(s->year[i] - 1970);
        int c, t, found = 0;
        for (c = 0; c < NCTRY && !found; c++)
            if (strcmp(cn, ct_geo_at(ct_test_geo, (size_t)c * 7)->name) == 0)
                for (t = 0; t < NTYPE && !found; t++) {
                    char buf[64];
                    type_name(t, buf, sizeof buf);
                    if (strcmp(tn, buf) == 0) {
                        size_t at = p * NCTRY * NTYPE +
                                    (size_t)c * NTYPE + (size_t)t;
                        found = 1;
                        if (s->value[i] != ev[at] ||
                            s->extra[0][i] != de[at])
                            bad++;
                    }
                }
        if (!found)
            bad++;
        rows++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(rows, nper * ncombo);
    if (bad || rows != nper * ncombo)
        fprintf(stderr, "\n  %zu wrong rows; %zu rows, want %zu\n", bad,
                rows, nper * ncombo);
    free(ev);
    free(de);
    free(seen);
}

static void test_series_caches(void)
{
    synth *sy = calloc(1, sizeof *sy);
    int by_month; /* bit 0: by month; bit 1: one group */
    CU_ASSERT_PTR_NOT_NULL_FATAL(sy);
    CU_ASSERT_FATAL(ct_geo_count(ct_test_geo) > (NCTRY - 1) * 7);
    for (by_month = 0; by_month <= 3; by_month++) {
        int reset;
        make_synth(sy, 12345, NYEAR * 400, by_month < 2 ? 0 : 1);
        for (reset = 0; reset <= 1; reset++) {
            ct_series *s = build_synth(sy, by_month & 1, reset);
            CU_ASSERT_PTR_NOT_NULL(s);
            if (s)
                check_synth(sy, s, by_month & 1);
            ct_series_free(s);
        }
    }
    free(sy);
}

/* ---- the string hash ------------------------------------------------- */

/* Every length 0-40, a key put at each of 8 offsets of a buffer whose
 * other bytes are random: one hash for all, whatever lies around it, and
 * another hash when any one byte of the key changes. */
static void test_hash_tail(void)
{
    unsigned long long seed = 11;
    unsigned char key[40], buf[64];
    size_t n, off, i, k;
    for (n = 0; n <= 40; n++) {
        unsigned long long h;
        for (i = 0; i < n; i++)
            key[i] = (unsigned char)(lcg(&seed) >> 24);
        h = ct_hash_seeded(key, n, 5);
        for (off = 0; off < 8; off++) {
            for (k = 0; k < sizeof buf; k++)
                buf[k] = (unsigned char)(lcg(&seed) >> 24);
            memcpy(buf + off, key, n);
            CU_ASSERT_EQUAL(ct_hash_seeded(buf + off, n, 5), h);
            for (i = 0; i < n; i++) {
                buf[off + i] ^= 0x20;
                CU_ASSERT_NOT_EQUAL(ct_hash_seeded(buf + off, n, 5), h);
                buf[off + i] ^= 0x20;
            }
        }
        /* the seed and the length count */
        CU_ASSERT_NOT_EQUAL(ct_hash_seeded(key, n, 6), h);
        if (n > 0)
            CU_ASSERT_NOT_EQUAL(ct_hash_seeded(key, n - 1, 5), h);
    }
}

/* ---- the spill's merge ------------------------------------------------ */

typedef struct merge_check {
    uint64_t last_key;
    size_t groups, records, bad_order, bad_size;
    const size_t *want;     /* records per key                         */
} merge_check;

static uint64_t key_of(size_t k) { return (uint64_t)k * 0x9e3779b97f4a7c15ULL; }

static int merge_group(const ct_spill_rec *g, size_t n, void *ctx)
{
    merge_check *m = ctx;
    size_t i;
    if (m->groups > 0 && g[0].key <= m->last_key)
        m->bad_order++;
    m->last_key = g[0].key;
    for (i = 1; i < n; i++)
        if (g[i].key != g[0].key || g[i].src < g[i - 1].src ||
            (g[i].src == g[i - 1].src && g[i].aux <= g[i - 1].aux))
            m->bad_order++;
    /* the key says which k it is: k = tag */
    if (n != m->want[g[0].tag])
        m->bad_size++;
    m->groups++;
    m->records += n;
    return 0;
}

/* Two spills of many runs each whose records share 997 keys in random
 * order: every group whole, in key order, sorted by (src, aux) inside
 * (what the merge heap must give whatever its shape). */
static void test_spill_merge(void)
{
    enum { NKEY = 997, N = 150000 };
    ct_spill *sp[2] = {NULL, NULL};
    size_t *want = calloc(NKEY, sizeof *want), i, k;
    unsigned long long seed = 7;
    merge_check m;
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    for (k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL_FATAL(ct_spill_alloc(&sp[k], 256 * 1024), CT_OK);
        for (i = 0; i < N; i++) {
            ct_spill_rec r;
            size_t key = (size_t)(lcg(&seed) % NKEY);
            memset(&r, 0, sizeof r);
            r.key = key_of(key);
            r.tag = key;
            r.src = (uint32_t)k;
            r.aux = (uint64_t)(lcg(&seed) << 20 | i); /* unique, unordered */
            want[key]++;
            CU_ASSERT_EQUAL_FATAL(ct_spill_add(sp[k], &r), CT_OK);
        }
        CU_ASSERT(ct_spill_runs(sp[k]) >= 8); /* after merged tiers */
    }
    memset(&m, 0, sizeof m);
    m.want = want;
    CU_ASSERT_EQUAL(ct_spill_groups(sp, 2, 1, merge_group, &m), CT_OK);
    CU_ASSERT_EQUAL(m.groups, NKEY);
    CU_ASSERT_EQUAL(m.records, 2 * (size_t)N);
    CU_ASSERT_EQUAL(m.bad_order, 0);
    CU_ASSERT_EQUAL(m.bad_size, 0);
    ct_spill_free(sp[0]);
    ct_spill_free(sp[1]);
    free(want);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("fastpath", ct_test_geo_init,
                               ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "iso dates: grid", test_iso_grid) ||
        !CU_add_test(s, "iso dates: odd strings", test_iso_odd_strings) ||
        !CU_add_test(s, "iso dates: calendar", test_iso_calendar) ||
        !CU_add_test(s, "iso dates: tests/ data", test_iso_test_data) ||
        !CU_add_test(s, "whole numbers", test_parse_long) ||
        !CU_add_test(s, "dates and years in the loader", test_load_dates) ||
        !CU_add_test(s, "series caches", test_series_caches) ||
        !CU_add_test(s, "spill merge", test_spill_merge) ||
        !CU_add_test(s, "string hash: last word", test_hash_tail))
        return -1;
    return 0;
}

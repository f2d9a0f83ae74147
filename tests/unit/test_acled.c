/* SPDX-License-Identifier: MIT
 * test_acled.c - the ACLED class rule (ct_acled_classify, FORMATS.md
 * "Classes"): one test per branch on invented actors, the actor-type and
 * state-name parsers, and the class counts of the real ACLED files in
 * ../shared/data against an independent Python implementation of the rule
 * (tests/reference/acled/acled_classes.py and its output counts; no ACLED
 * row is committed).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/load.h"
#include "load/acled_class.h"
#include "runner.h"


/* Actor types (ACLED inter codes). */
enum { STATE = 1, REBEL, POLMIL, IDMIL, RIOTER, PROTESTER, CIVILIANS,
       EXTERNAL };

static const char SOM[] = "Military Forces of Somalia (2022-)";
static const char SOM_POLICE[] = "Police Forces of Somalia (2022-) Prison "
                                 "Guards";
static const char USA[] = "Military Forces of the United States (2025-)";
static const char ETH[] = "Military Forces of Ethiopia (2018-)";
static const char KEN[] = "Military Forces of Kenya (2022-)";
static const char SLD[] = "Military Forces of Somaliland (2017-)";
static const char REBELS[] = "Al Shabaab";

static ct_class classify(const char *etype, const char *a1, const char *as1,
                         int i1, const char *a2, const char *as2, int i2,
                         const char *country)
{
    ct_acled_actors a;
    memset(&a, 0, sizeof a);
    a.event_type = etype;
    a.actor1 = a1;
    a.assoc1 = as1;
    a.inter1 = i1;
    a.actor2 = a2;
    a.assoc2 = as2;
    a.inter2 = i2;
    a.country = country;
    a.civilian_targeting = "";
    return ct_acled_classify(&a, ct_test_geo);
}

#define EXPECT(want, got)                                                   \
    do {                                                                    \
        ct_class got_ = (got);                                              \
        CU_ASSERT_EQUAL(got_, want);                                        \
        if (got_ != (want))                                                 \
            fprintf(stderr, "\n  line %d: %s, want %s\n", __LINE__,         \
                    ct_obs_class_name(got_), ct_obs_class_name(want));              \
    } while (0)

static void test_acled_interstate(void)
{
    /* two states' forces: India vs Pakistan in India */
    EXPECT(CT_CLASS_INTERSTATE,
           classify("Battles", "Military Forces of India (2014-)", "", STATE,
                    "Military Forces of Pakistan (2018-)", "", STATE,
                    "India"));
    /* a foreign state's forces coded as External/Other forces (8) */
    EXPECT(CT_CLASS_INTERSTATE,
           classify("Battles", ETH, "", EXTERNAL, SOM, "", STATE,
                    "Somalia"));
    EXPECT(CT_CLASS_INTERSTATE,
           classify("Explosions/Remote violence", SOM, "", STATE, KEN, "",
                    EXTERNAL, "Somalia"));
}

static void test_acled_same_state_forces(void)
{
    /* army against police of one state: not interstate */
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SOM, "", STATE, SOM_POLICE, "", STATE,
                    "Somalia"));
    /* tenure and unit differ, the state is the same */
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", "Military Forces of India (2014-) Special "
                    "Forces", "", STATE, "Military Forces of India (2019-)",
                    "", STATE, "India"));
}

static void test_acled_intrastate(void)
{
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SOM, "", STATE, REBELS, "", REBEL,
                    "Somalia"));
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", REBELS, "", REBEL, SOM, "", STATE,
                    "Somalia"));
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SOM, "", STATE, "Theta Political Militia", "",
                    POLMIL, "Somalia"));
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Explosions/Remote violence", "Kappa Clan Militia", "",
                    IDMIL, SOM, "", STATE, "Somalia"));
    /* the home state's own forces named as associates change nothing */
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SOM, SOM_POLICE, STATE, REBELS, "", REBEL,
                    "Somalia"));
}

static void test_acled_internationalized(void)
{
    /* FORMATS.md / the brief: US forces with associate Somalia's army vs
     * a rebel group in Somalia */
    EXPECT(CT_CLASS_INTERNATIONALIZED,
           classify("Explosions/Remote violence", USA, SOM, EXTERNAL,
                    "Islamic State Somalia Province", "", REBEL,
                    "Somalia"));
    /* foreign forces as an associate of the home army */
    EXPECT(CT_CLASS_INTERNATIONALIZED,
           classify("Battles", SOM, KEN, STATE, REBELS, "", REBEL,
                    "Somalia"));
    /* foreign forces among several "; "-separated associates */
    EXPECT(CT_CLASS_INTERNATIONALIZED,
           classify("Battles", REBELS, "", REBEL, SOM,
                    "Jubaland Forces; Military Forces of Kenya (2022-)",
                    STATE, "Somalia"));
    /* foreign forces alone against rebels */
    EXPECT(CT_CLASS_INTERNATIONALIZED,
           classify("Battles", ETH, "", EXTERNAL, REBELS, "", REBEL,
                    "Somalia"));
}

/* A state's forces that take part only as the associate of a type 1/8
 * actor naming no state: FORMATS.md "internationalized when a foreign
 * state's forces take part as actor or associate". Seen in the shared
 * Afghanistan (NATO + US) and Somalia (unidentified forces + Somalia's
 * army) files. */
static void test_acled_state_forces_as_associates(void)
{
    EXPECT(CT_CLASS_INTERNATIONALIZED,
           classify("Explosions/Remote violence",
                    "NATO: North Atlantic Treaty Organization",
                    "Military Forces of the United States (2017-2021)",
                    EXTERNAL, "Taliban", "", REBEL, "Afghanistan"));
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Explosions/Remote violence",
                    "Unidentified Military Forces", SOM, EXTERNAL, REBELS,
                    "", REBEL, "Somalia"));
}

static void test_acled_nonstate(void)
{
    static const int pairs[][2] = {{REBEL, REBEL},   {REBEL, POLMIL},
                                   {REBEL, IDMIL},   {POLMIL, POLMIL},
                                   {POLMIL, IDMIL},  {IDMIL, IDMIL},
                                   {IDMIL, REBEL}};
    size_t i;
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        EXPECT(CT_CLASS_NONSTATE,
               classify("Battles", "Group A", "", pairs[i][0], "Group B", "",
                        pairs[i][1], "Somalia"));
    /* the old event-type names */
    EXPECT(CT_CLASS_NONSTATE,
           classify("Battle-No change of territory", "Group A", "", REBEL,
                    "Group B", "", IDMIL, "Somalia"));
    EXPECT(CT_CLASS_NONSTATE,
           classify("Remote violence", "Group A", "", REBEL, "Group B", "",
                    IDMIL, "Somalia"));
}

static void test_acled_onesided(void)
{
    EXPECT(CT_CLASS_ONESIDED,
           classify("Violence against civilians", REBELS, "", REBEL,
                    "Civilians (Somalia)", "", CIVILIANS, "Somalia"));
    EXPECT(CT_CLASS_ONESIDED,
           classify("Violence against civilians", SOM, "", STATE,
                    "Civilians (Somalia)", "", CIVILIANS, "Somalia"));
    EXPECT(CT_CLASS_ONESIDED,
           classify("Violence against civilians", "Kappa Clan Militia", "",
                    IDMIL, "Civilians (Somalia)", "", CIVILIANS, "Somalia"));
    /* case of the event type does not matter */
    EXPECT(CT_CLASS_ONESIDED,
           classify("violence against civilians", REBELS, "", REBEL,
                    "Civilians (Somalia)", "", CIVILIANS, "Somalia"));
}

static void test_acled_other(void)
{
    /* protests, riots and strategic developments are not armed conflict,
     * even with state forces or rebels involved */
    EXPECT(CT_CLASS_OTHER,
           classify("Protests", "Protesters (Somalia)", "", PROTESTER, "", "",
                    0, "Somalia"));
    EXPECT(CT_CLASS_OTHER,
           classify("Protests", "Protesters (Somalia)", "", PROTESTER, SOM, "",
                    STATE, "Somalia"));
    EXPECT(CT_CLASS_OTHER,
           classify("Riots", "Rioters (Somalia)", "", RIOTER, SOM, "", STATE,
                    "Somalia"));
    EXPECT(CT_CLASS_OTHER,
           classify("Riots/Protests", "Rioters (Somalia)", "", RIOTER, "", "",
                    0, "Somalia"));
    EXPECT(CT_CLASS_OTHER,
           classify("Strategic developments", SOM, "", STATE, REBELS, "",
                    REBEL, "Somalia"));
    EXPECT(CT_CLASS_OTHER,
           classify("Strategic developments", ETH, "", EXTERNAL, SOM, "",
                    STATE, "Somalia"));
    /* violence against civilians by rioters: no armed actor */
    EXPECT(CT_CLASS_OTHER,
           classify("Violence against civilians", "Rioters (Somalia)", "",
                    RIOTER, "Civilians (Somalia)", "", CIVILIANS,
                    "Somalia"));
}

static void test_acled_unrecognised_state(void)
{
    /* Somaliland is no state of the table: its forces against Somalia's
     * are an intra-state fight, not an inter-state one */
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SLD, "", STATE, SOM, "", STATE, "Somalia"));
    EXPECT(CT_CLASS_INTRASTATE,
           classify("Battles", SOM, "", STATE, SLD, "", STATE, "Somalia"));
}

static void test_acled_unclassified(void)
{
    /* an armed event with one actor only */
    EXPECT(CT_CLASS_UNCLASSIFIED,
           classify("Explosions/Remote violence", REBELS, "", REBEL, "", "",
                    0, "Somalia"));
    /* unknown actor types */
    EXPECT(CT_CLASS_UNCLASSIFIED,
           classify("Battles", "Group A", "", 0, "Group B", "", 0,
                    "Somalia"));
}

static void test_acled_inter_parse(void)
{
    static const struct {
        const char *s;
        int code;
    } T[] = {
        {"1", 1}, {"8", 8}, {"2.0", 2}, {" 3 ", 3}, {"0", 0}, {"9", 0},
        {"", 0}, {"State forces", 1}, {"state FORCES", 1},
        {"Rebel group", 2}, {"Rebel forces", 2}, {"Political militia", 3},
        {"Militia groups", 3}, {"Identity militia", 4},
        {"Communal/Identity groups", 4}, {"Rioters", 5}, {"Protesters", 6},
        {"Civilians", 7}, {"External/Other forces", 8},
        {"Foreign/Others", 8}, {" Rebel group ", 2}, {"Aliens", 0},
        {"Rebel", 0}};
    size_t i;
    for (i = 0; i < sizeof T / sizeof T[0]; i++) {
        int got = ct_acled_inter_parse(T[i].s);
        CU_ASSERT_EQUAL(got, T[i].code);
        if (got != T[i].code)
            fprintf(stderr, "\n  '%s': %d, want %d\n", T[i].s, got,
                    T[i].code);
    }
}

static void test_acled_actor_state(void)
{
    char buf[64];
    CU_ASSERT_STRING_EQUAL(
        ct_acled_actor_state("Military Forces of India (2014-) Special "
                             "Forces", buf, sizeof buf), "India");
    CU_ASSERT_STRING_EQUAL(ct_acled_actor_state(SOM_POLICE, buf, sizeof buf),
                           "Somalia");
    CU_ASSERT_STRING_EQUAL(ct_acled_actor_state(USA, buf, sizeof buf),
                           "United States");
    CU_ASSERT_STRING_EQUAL(
        ct_acled_actor_state("Military Forces of United States (2017-2021)",
                             buf, sizeof buf), "United States");
    CU_ASSERT_STRING_EQUAL(
        ct_acled_actor_state("Military Forces of C\xc3\xb4te d'Ivoire "
                             "(2011-)", buf, sizeof buf),
        "C\xc3\xb4te d'Ivoire");
    CU_ASSERT_PTR_NULL(ct_acled_actor_state(REBELS, buf, sizeof buf));
    CU_ASSERT_PTR_NULL(ct_acled_actor_state(
        "Former Military Forces of Afghanistan (2004-2021)", buf,
        sizeof buf));
    /* a buffer too small is a refusal, not a truncation */
    CU_ASSERT_PTR_NULL(ct_acled_actor_state(USA, buf, 5));
}

/* ---- real files against the Python reference ------------------------- */

static int count_class(const ct_obs *o, void *ctx, ct_error *err)
{
    long *per = ctx;
    (void)err;
    per[o->cls]++;
    return CT_OK;
}

static void test_acled_real_files_match_reference(void)
{
    const char *dir = ct_test_shared_dir();
    char path[4096], line[512], last[256] = "";
    long per[CT_CLASS_COUNT], want[CT_CLASS_COUNT];
    FILE *f;
    int files = 0, checked = 0;

    if (dir == NULL) {
        fprintf(stderr, "\n  skipped: no shared data folder ");
        CU_PASS("skipped: no ../shared/data");
        return;
    }
    snprintf(path, sizeof path,
             "%s/tests/reference/acled/acled_class_counts.csv",
             ct_test_source_dir());
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    memset(want, 0, sizeof want);
    for (;;) {
        char file[256] = "", cls[64] = "";
        long n = 0;
        int got = fgets(line, sizeof line, f) != NULL &&
                  sscanf(line, "%255[^,],%63[^,],%ld", file, cls, &n) == 3;
        if ((!got || strcmp(file, last) != 0) && last[0]) {
            /* compare the finished file */
            char fpath[4096];
            ct_load_options opt = CT_LOAD_OPTIONS_INIT;
            ct_error err;
            int c, rc;
            snprintf(fpath, sizeof fpath, "%s/acled/%s", dir, last);
            memset(per, 0, sizeof per);
            opt.geo = ct_test_geo;
            rc = ct_load_file(fpath, &opt, count_class, per, NULL, &err);
            CU_ASSERT_EQUAL(rc, CT_OK);
            for (c = 0; c < CT_CLASS_COUNT; c++) {
                CU_ASSERT_EQUAL(per[c], want[c]);
                if (per[c] != want[c])
                    fprintf(stderr, "\n  %s: %s %ld, reference %ld", last,
                            ct_obs_class_name((ct_class)c), per[c], want[c]);
            }
            files++;
            memset(want, 0, sizeof want);
        }
        if (!got)
            break;
        snprintf(last, sizeof last, "%s", file);
        {
            ct_class c = ct_obs_class_parse(cls);
            CU_ASSERT_FATAL(c != CT_CLASS_COUNT);
            want[c] = n;
            checked++;
        }
    }
    fclose(f);
    CU_ASSERT_EQUAL(files, 3);
    CU_ASSERT_EQUAL(checked, 3 * CT_CLASS_COUNT);
    /* every ACLED file of the folder has reference counts */
    {
        DIR *d;
        struct dirent *e;
        int csv = 0;
        snprintf(path, sizeof path, "%s/acled", dir);
        d = opendir(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            csv += n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0;
        }
        closedir(d);
        CU_ASSERT_EQUAL(csv, files);
        if (csv != files)
            fprintf(stderr, "\n  %d ACLED files in %s, %d with reference "
                    "counts: rerun tests/reference/acled/acled_classes.py",
                    csv, path, files);
    }
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("acled", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "interstate", test_acled_interstate) ||
        !CU_add_test(s, "same-state forces", test_acled_same_state_forces) ||
        !CU_add_test(s, "intrastate", test_acled_intrastate) ||
        !CU_add_test(s, "internationalized", test_acled_internationalized) ||
        !CU_add_test(s, "state forces as associates",
                     test_acled_state_forces_as_associates) ||
        !CU_add_test(s, "nonstate", test_acled_nonstate) ||
        !CU_add_test(s, "onesided", test_acled_onesided) ||
        !CU_add_test(s, "other", test_acled_other) ||
        !CU_add_test(s, "unrecognised state", test_acled_unrecognised_state) ||
        !CU_add_test(s, "unclassified", test_acled_unclassified) ||
        !CU_add_test(s, "inter parse", test_acled_inter_parse) ||
        !CU_add_test(s, "actor state", test_acled_actor_state) ||
        !CU_add_test(s, "real files match the python reference",
                     test_acled_real_files_match_reference))
        return -1;
    return 0;
}

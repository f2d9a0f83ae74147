/* SPDX-License-Identifier: MIT
 * obs.h - the one data model: an observation read from any UCDP or ACLED
 * export (a conflict-year, dyad-year, actor-year, event or aggregated
 * country-month), with its date, conflict id, class, locations and deaths.
 * Loaders hand observations to a callback one at a time (streaming); every
 * pointer inside a ct_obs is borrowed and valid only during that callback.
 */
#ifndef CT_OBS_H
#define CT_OBS_H

#include <stddef.h>

#include "ctrend/geo.h"

/* Source datasets. CT_DS_AUTO asks the loader to detect from the header. */
typedef enum ct_dataset {
    CT_DS_AUTO = 0,
    CT_DS_ACD,      /* UCDP/PRIO Armed Conflict Dataset (conflict-year)   */
    CT_DS_BRD,      /* UCDP Battle-Related Deaths (dyad-year)             */
    CT_DS_NONSTATE, /* UCDP Non-State Conflict (dyad-year)                */
    CT_DS_ONESIDED, /* UCDP One-Sided Violence (actor-year)               */
    CT_DS_GED,      /* UCDP Georeferenced Event Dataset (event)           */
    CT_DS_ACLED,    /* ACLED events, any layout                           */
    CT_DS_HAPI,     /* HDX HAPI ACLED aggregates (admin-area month)       */
    CT_DS_COUNT
} ct_dataset;

/* Layout variants inside a dataset (for reporting by `inspect`). */
typedef enum ct_layout {
    CT_LAYOUT_NATIVE = 0, /* UCDP download as published                  */
    CT_LAYOUT_HDX,        /* HDX country file with an HXL hashtag line    */
    CT_LAYOUT_ACLED_CURRENT, /* ACLED 2023- (31 columns, disorder_type)   */
    CT_LAYOUT_ACLED_EXPORT,  /* ACLED Export Tool 2019-2022 (data_id...)  */
    CT_LAYOUT_ACLED_LEGACY,  /* ACLED upper-case layout to about 2016     */
    CT_LAYOUT_ACLED_HDX,     /* Export Tool layout with HXL line          */
    CT_LAYOUT_COUNT
} ct_layout;

typedef enum ct_unit {
    CT_UNIT_CONFLICT_YEAR = 0,
    CT_UNIT_DYAD_YEAR,
    CT_UNIT_ACTOR_YEAR,
    CT_UNIT_EVENT,
    CT_UNIT_AREA_MONTH, /* aggregated counts for an admin area and month */
    CT_UNIT_COUNT
} ct_unit;

/* Conflict classes, one vocabulary for every source (FORMATS.md), plus
 * three honest leftovers: `statebased` (a GED state-based event whose
 * conflict type is unknown without an ACD/BRD join), `unclassified` (an
 * armed event whose class the rule cannot derive) and `other` (not armed
 * conflict: protests, riots, strategic developments, demonstrations). */
typedef enum ct_class {
    CT_CLASS_EXTRASYSTEMIC = 0,
    CT_CLASS_INTERSTATE,
    CT_CLASS_INTRASTATE,
    CT_CLASS_INTERNATIONALIZED,
    CT_CLASS_NONSTATE,
    CT_CLASS_ONESIDED,
    CT_CLASS_STATEBASED,
    CT_CLASS_UNCLASSIFIED,
    CT_CLASS_OTHER,
    CT_CLASS_COUNT
} ct_class;

typedef enum ct_date_prec {
    CT_PREC_YEAR = 0, /* only the year is known  */
    CT_PREC_MONTH,    /* year and month          */
    CT_PREC_DAY       /* a calendar day          */
} ct_date_prec;

/* Most location countries one observation can carry; more is a parse
 * error (no real record comes near it). */
#define CT_OBS_MAX_LOC 32

typedef struct ct_obs {
    ct_dataset dataset;      /* source dataset                           */
    ct_layout layout;        /* layout variant of the file               */
    const char *version;     /* dataset version from the file, or ""     */
    ct_unit unit;            /* what one row is                          */
    int year;                /* calendar year                            */
    int month;               /* 1-12, or 0 when prec is CT_PREC_YEAR     */
    int day;                 /* 1-31, or 0 when prec is not CT_PREC_DAY  */
    ct_date_prec prec;       /* precision of the date                    */
    const char *conflict_id; /* UCDP conflict id, or "" (ACLED)          */
    const char *record_id;   /* key for duplicate detection, or ""       */
    ct_class cls;            /* conflict class                           */
    size_t n_loc;            /* number of location countries             */
    const ct_country *loc[CT_OBS_MAX_LOC]; /* where it happened (borrowed
                                from the geo table; unresolved ones are
                                left out and counted by the loader)     */
    const char *country_name; /* country field as written, or ""         */
    unsigned region_mask;    /* bit r-1 set for UCDP region r (1..5)     */
    const char *event_type;  /* ACLED event type, GED type of violence
                                ("state-based", ...), or ""             */
    int event_type_static;   /* 1: event_type is static text, the same
                                address for the same text (consumers
                                may compare it by address); 0: it
                                lives as long as the record          */
    double best;             /* deaths, best estimate (NaN: not given)   */
    double low;              /* deaths, low estimate (NaN: not given)    */
    double high;             /* deaths, high estimate (NaN: not given)   */
    double events;           /* events this row stands for: 1, or the
                                aggregated count of a CT_UNIT_AREA_MONTH */
    long line;               /* physical line where the record starts    */
    unsigned long long offset; /* byte offset where the record starts in
                                the file (ct_load_cursor_read reads it
                                again from there)                       */
} ct_obs;

/* Names: "acd", "brd", "nonstate", "onesided", "ged", "acled", "hapi". */
const char *ct_obs_dataset_name(ct_dataset d);
/* Long names for people: "UCDP/PRIO Armed Conflict Dataset", ... */
const char *ct_obs_dataset_title(ct_dataset d);
/* Parses a dataset name (also accepts "ucdp-acd" style aliases);
 * returns CT_DS_AUTO when unknown. */
ct_dataset ct_obs_dataset_parse(const char *name);
const char *ct_obs_layout_name(ct_layout l);
const char *ct_obs_unit_name(ct_unit u);
/* "extrasystemic", ..., "other". */
const char *ct_obs_class_name(ct_class c);
/* Parses a class name (case-insensitive; "internationalized" also as
 * "internationalised" and "internationalized intrastate"); returns
 * CT_CLASS_COUNT when unknown. */
ct_class ct_obs_class_parse(const char *name);

#endif /* CT_OBS_H */

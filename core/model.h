/*
 * The expert model: one validated CV, as the rest of roster sees it.
 *
 * Every string is NFC UTF-8 and owned by the expert (freed by
 * rs_expert_free). Dates are day numbers (days since 1970-01-01, see
 * core/date.h); an open end is RS_DATE_OPEN. The record as imported, with
 * unknown keys, is kept verbatim in `record` (canonical JSON text).
 */
#ifndef RS_MODEL_H
#define RS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define RS_DATE_OPEN INT32_MAX /* "to" absent: still current / open */
#define RS_ID_MAX 64

/* An expert's id or a request's action: 1 to RS_ID_MAX characters of
 * A-Z a-z 0-9 . _ - (safe in a URL path, a file name and a term). */
int rs_id_syntax_ok(const char *s, size_t n);

/* CEFR levels, ordered; native ranks above C2. 0 = none. */
typedef enum {
    RS_CEFR_NONE = 0,
    RS_CEFR_A1, RS_CEFR_A2, RS_CEFR_B1, RS_CEFR_B2, RS_CEFR_C1, RS_CEFR_C2,
    RS_CEFR_NATIVE
} rs_cefr;

typedef enum {
    RS_SECTOR_NONE = 0, /* not given */
    RS_SECTOR_PUBLIC, RS_SECTOR_RETIRED_PUBLIC, RS_SECTOR_MANDATED_BODY,
    RS_SECTOR_SOCIAL_PARTNER, RS_SECTOR_ACADEMIC, RS_SECTOR_PRIVATE,
    RS_SECTOR_INTERNATIONAL_ORG
} rs_sector;

typedef struct { char code[3]; rs_cefr level; } rs_language;
typedef struct { int32_t from, to; } rs_period;

typedef struct {
    rs_period when;          /* to = RS_DATE_OPEN when current */
    char *employer, *role, *text;  /* may be NULL */
    char country[3];         /* "" when not given */
} rs_experience;

typedef struct {
    int year;                /* 0 when not given */
    char *degree, *field, *institution; /* may be NULL */
} rs_education;

typedef struct {
    char *action;            /* may be NULL */
    char country[3];         /* "" when not given */
    rs_period when;
    int days;                /* working days; 0 when not given */
    int lead;                /* role == "lead" */
} rs_mission;

typedef struct {
    char *id;
    char *name;
    char gender;             /* 'F', 'M', 'X', or 0 when not given */
    char (*nationalities)[3]; size_t n_nationalities;
    char residence[3];       /* "" when not given */
    rs_sector status;
    char *employer;          /* may be NULL */
    rs_language *languages;  size_t n_languages;
    char **fields;           size_t n_fields;      /* as declared, e.g. "E.10.01" */
    char **competences;      size_t n_competences;
    char *summary;           /* may be NULL */
    char cv_lang[3];         /* default "en" */
    rs_experience *experience; size_t n_experience;
    rs_education *education;   size_t n_education;
    rs_mission *missions;      size_t n_missions;
    rs_period *unavailable;    size_t n_unavailable;
    int32_t registered;      /* 0 when not given */
    char *record;            /* canonical JSON of the record as imported */
} rs_expert;

void rs_expert_free(rs_expert *e);
/* 1 when the expert holds nationality iso2. */
int rs_expert_holds(const rs_expert *e, const char *iso2);

/* Working days of a mission: its day count, else its calendar days (one day
 * when it has no end or ends before it starts). */
int rs_mission_days(const rs_mission *m);
/* "Recent", for an expert's load and for the portfolio of the facility's
 * missions: missions that started in the RS_RECENT_MONTHS calendar months
 * before the month of a day. */
#define RS_RECENT_MONTHS 12
/* The first and last day of that window for `day`. */
void rs_recent_window(int32_t day, int32_t *first, int32_t *last);
/* Mission days of missions that started in rs_recent_window(day): an
 * expert's recent load. The index's load terms (core/schema.h) count the
 * same way, so max_load_days filters exactly. */
int rs_load_days(const rs_expert *e, int32_t day); /* frees members, not e itself; e is zeroed */

const char *rs_cefr_name(rs_cefr level);           /* "B2", "native"; "" for none */
rs_cefr rs_cefr_parse(const char *s);              /* NONE when invalid; case-insensitive */
const char *rs_sector_name(rs_sector s);           /* "public", ... ; "" for none */
/* The status of one expert in words, as every text for people says it
 * ("retired public servant"); "" for none. */
const char *rs_sector_phrase(rs_sector s);
rs_sector rs_sector_parse(const char *s);          /* NONE when invalid */

/* FNV-1a of an id's bytes: for tables of ids, and the shard an expert
 * lives in (indexer/shards.h), so it stays the same on every machine. */
uint64_t rs_id_hash(const char *id);

#endif

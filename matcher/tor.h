/*
 * Terms of reference: what an action asks of a team (formats.md section 2).
 *
 * A ToR is read from one JSON object (a file, pretty-printed or not) or from
 * one line of a JSON Lines batch. Every problem goes into the rs_diag as
 * file:line: field: problem, with the line of the offending value; a ToR
 * with any error yields nothing. Defaults of the format are filled in, so
 * the rest of the matcher never asks "was this given?".
 */
#ifndef RS_TOR_H
#define RS_TOR_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include "core/diag.h"
#include "core/model.h"

#define RS_TEAM_MAX 6             /* team_size is 1..6 */
#define RS_TOR_LANGUAGES_MAX 32   /* working languages of one ToR */
#define RS_TOR_CODES_MAX 64       /* field or competence codes of one ToR */
/* Field codes a match infers for a ToR that gives none (lib/match.c): the
 * focus of its words and the focus's letter (matcher/infer.h). */
#define RS_TOR_INFER_FIELDS_MAX 2
/* The keys of a draft's notes for its reviewer (`roster draft`): read
 * without a warning, never read as the ToR, and not stored with it. */
#define RS_TOR_DRAFT_NOTES "document", "evidence", "confidence", "missing", "codes_missing"

typedef struct {
    int min_nationalities;        /* default 2 when team_size >= 2, else 1 */
    int max_same_nationality;     /* default 1 */
    int languages_covered;        /* default 1 */
    int available;                /* default 1 */
    char **exclude;   size_t n_exclude;   /* expert ids */
    char **require;   size_t n_require;   /* expert ids, <= team_size */
    char (*exclude_nationalities)[3]; size_t n_exclude_nationalities; /* default [country] */
    int min_eu_members;           /* default 1: members holding an EU nationality */
    int prefer_public;            /* default 1 */
    int gender_balance;           /* default 1 */
    int triangular;               /* default 0 */
    int portfolio_balance;        /* default 1 */
    int max_load_days;            /* -1: no limit (the default) */
} rs_rules;

/* A mission the facility recorded for the ToR's own action (`roster assign`,
 * the store's `assigned` table), as the store merges it into the expert's
 * record: a mission (no lead) and an unavailable period over its window. */
typedef struct {
    char *expert_id;
    char country[3];
    rs_period when;
    int days;
} rs_own_mission;

/* Where the working languages of a ToR come from (formats.md section 2:
 * inferred when the ToR gives none; matcher/worklang.h). */
typedef enum {
    RS_LANGUAGES_GIVEN = 0,       /* the ToR's `languages` (possibly []) */
    RS_LANGUAGES_FROM_TEXT,       /* the text's language, a language of the country */
    RS_LANGUAGES_FROM_COUNTRY,    /* the country's working language */
    RS_LANGUAGES_TEXT_ONLY,       /* the text's language; the country's are not known */
    RS_LANGUAGES_UNKNOWN,         /* none given and none could be inferred */
} rs_languages_basis;

typedef struct {
    char *action;                 /* required, e.g. "2019-27" */
    char *title;                  /* required */
    char country[3];              /* required: the partner country */
    char *partner_institution;    /* may be NULL */
    char *assistance_type;        /* may be NULL, e.g. "A.01" */
    char **fields;      size_t n_fields;       /* distinct, as given */
    char **competences; size_t n_competences;  /* distinct, as given */
    rs_language *languages; size_t n_languages; /* distinct codes; level default B2 */
    rs_languages_basis languages_basis;
    char text_language[3];        /* of the title and description; "" when unclear */
    int team_size;                /* 1..RS_TEAM_MAX, default 2 */
    int has_window;               /* from/to given */
    int32_t from, to;             /* day numbers, inclusive; 0 without a window */
    char *description;            /* may be NULL */
    rs_rules rules;
    long line;                    /* line where the ToR starts in its file */
    /* The team already sent for this action: not read from the ToR's text,
     * lib/ adds them by the action (rs_tor_add_own). A match or check of
     * the ToR does not count them against it (rs_expert_drop_own, admit.h). */
    rs_own_mission *own; size_t n_own;
} rs_tor;

/* Validate one JSON object text into *out. `file` and `line` (the line the
 * text starts on) name problems. Returns 0, or -1 when invalid (problems in
 * d; *out is left zeroed). Out of memory is reported as a problem too. */
int rs_tor_from_json_text(const char *text, size_t len, const char *file, long line,
                          rs_tor *out, rs_diag *d);

/* Delete from a ToR's JSON object the keys the reader does not know (it
 * warned of them) and a draft's notes, keeping what a ToR means: a request
 * is stored so, and is not warned about again at every use. */
void rs_tor_drop_unknown(json_t *obj);

/* Read a whole file holding one ToR object. Returns 0 or -1 as above. */
int rs_tor_read_file(FILE *f, const char *name, rs_tor *out, rs_diag *d);

void rs_tor_free(rs_tor *t);   /* frees members; t is zeroed */

/* Add one mission of the ToR's own action for expert_id (copied). 0, or -1
 * when out of memory (t unchanged). */
int rs_tor_add_own(rs_tor *t, const char *expert_id, const char *country, rs_period when,
                   int days);

/* The day the ToR's load and availability are measured from: its `from`,
 * or `today` when it has no window. */
int32_t rs_tor_reference_day(const rs_tor *t, int32_t today);

/* --batch: one ToR per line of a JSON Lines file; blank lines are skipped. */
typedef struct rs_tor_reader rs_tor_reader;

rs_tor_reader *rs_tor_reader_new(FILE *f, const char *name); /* NULL: out of memory */
void rs_tor_reader_free(rs_tor_reader *r);
/* 1 and *out filled; 0 at end of input; -1 for a bad line (problems in d;
 * reading may go on). A read error is reported once and ends the input. */
int rs_tor_reader_next(rs_tor_reader *r, rs_tor *out, rs_diag *d);

#endif

/*
 * What the files of lib/ share and no front end sees: the insides of the
 * two handles of roster.h, and the helpers every verb uses to succeed or
 * fail in one way (message on the handle, problems beside it).
 */
#ifndef RS_LIB_PRIVATE_H
#define RS_LIB_PRIVATE_H

#include "core/diag.h"
#include "core/stem.h"
#include "indexer/datadir.h"
#include "lib/roster.h"

struct rs_roster {
    rs_data *data;        /* NULL when opening failed */
    char *account;        /* who acts: an account name, or the OS user */
    char message[2048];   /* rs_roster_message */
    rs_diag diag;         /* the last call's problems, as printed */
    json_t *problems;     /* the same as a JSON array (rs_roster_problems) */
    rs_stemmers *stemmers; /* made on first use */
    char *dir;            /* the data directory, as given */
    rs_index_choice index; /* what readers read; .index owned (NULL: the directory's own) */
    struct sqlite3 *access; /* the access file (lib/access.h), opened on first use */
    struct rs_match_context *match; /* lib/match.c: what every match and check
                                     * reads, made on first use */
    /* lib/refresh.c: what a long-lived reader last took in ("" = unknown). */
    int64_t seen_change;  /* the store's change number */
    char seen_index[4096]; /* the live index directory */
};

/* The text form of an answer, from what the answer kept (priv). */
typedef rs_status (*rs_print_fn)(const rs_answer *a, FILE *f);

struct rs_answer {
    json_t *json;         /* owned */
    rs_outcome outcome;
    rs_print_fn print;
    void *priv;           /* what print needs besides the JSON; freed by priv_free */
    void (*priv_free)(void *priv);
};

/* A new answer owning json (and priv). NULL when out of memory (json and
 * priv are then released). */
rs_answer *rs_answer_new(json_t *json, rs_outcome outcome, rs_print_fn print, void *priv,
                         void (*priv_free)(void *));

/* Start a call: clear the message and the problems. */
void rs_begin(rs_roster *r);
/* rs_begin for a verb that reads or writes the roster: RS_ERR_NOT_FOUND
 * (message set) on a handle whose opening failed. */
rs_status rs_begin_open(rs_roster *r);
/* Fail a call: set the message (printf-style) and return st. */
rs_status rs_fail(rs_roster *r, rs_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Keep the problems of d on the handle (rs_roster_problems); d is left
 * empty and may be freed or reused. */
void rs_keep_problems(rs_roster *r, rs_diag *d);
/* The stemmers, made on first use (NULL and message set on failure). */
rs_stemmers *rs_roster_stemmers(rs_roster *r);

/* The portfolio and index a match or check reads (lib/match.c), kept on
 * the handle across calls: the portfolio is read from the store again only
 * when the day or the store's change number moved. */
typedef struct rs_match_context rs_match_context;
void rs_match_context_free(rs_match_context *c);

/* The roster's id for an id a user typed (lib/ids.c; see
 * rs_roster_find_id), on a store: the message into msg. */
rs_status rs_lib_find_id(rs_store *s, const char *typed, char **out, char *msg, size_t msgsz);

/* Record an action in the audit trail (lib/audit.c): who (the handle's
 * account), what ("show", "export", "forget", "import", "assign",
 * "user add", ...) and whose ids. A failure to record is a failure of the
 * call: no unrecorded read of a person's data. */
rs_status rs_audit_note(rs_roster *r, const char *action, char *const *ids, size_t n);

/* Add to `out` the problems of the facility's records (lib/records.c), for
 * rs_roster_verify: a stored request whose ToR no longer reads, a mission
 * of an expert not in the roster or of no stored request. */
rs_status rs_records_verify(rs_roster *r, rs_problems *out);

#endif

/*
 * roster.h — the one public face of the roster library.
 *
 * Every front end (cli/, server/, eval/, and bench/ and fuzz/ where they
 * use roster as a user does) includes this header and nothing below it: no
 * Xapian handle, no term prefix, no stored-profile decoding outside the
 * library. Three white-box files reach below on purpose and say why:
 * bench/picks.c (the team search studied on a match's candidates),
 * bench/fts.c (the SQLite FTS5 peer reads the same records) and
 * fuzz/records.c (properties of encodings the face never shows). The model
 * is notmuch's lib/notmuch.h:
 *
 *   - opaque handles: rs_roster (an open data directory, as one account)
 *     and rs_answer (what a read produced);
 *   - verbs named rs_roster_*(), each returning one rs_status;
 *   - the last error's message kept on the handle (rs_roster_message), and
 *     the last call's input problems ("file:line: field: problem") beside it
 *     (rs_roster_problems), so no call needs an error buffer;
 *   - every answer has one JSON form (what `--json` prints and what the HTTP
 *     API sends) and one text form (what the command line prints), both made
 *     here, so the front ends cannot drift apart.
 *
 * A handle is used by one thread at a time; several threads or processes may
 * each open their own handle on one directory (readers never wait for the
 * writer; a second writer waits, then gets RS_ERR_BUSY).
 *
 * Ownership: what a call returns through a `**out` belongs to the caller and
 * is released with its *_free (strings with free()); what a function returns
 * as `const` is borrowed from the handle until its next call.
 */
#ifndef ROSTER_H
#define ROSTER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One status for every call. */
typedef enum {
    RS_OK = 0,
    RS_ERR_NOMEM,
    RS_ERR_IO,        /* cannot read or write a file */
    RS_ERR_BUSY,      /* another process is writing and did not finish in time */
    RS_ERR_CORRUPT,   /* store or index damaged */
    RS_ERR_SCHEMA,    /* store made by another schema version */
    RS_ERR_NOT_FOUND, /* no such roster, expert, request or account */
    RS_ERR_INPUT,     /* bad input: rs_roster_problems says what and where */
    RS_ERR_INDEX,     /* the search index failed */
    RS_ERR_NOSPACE,   /* a write found no room (disk, quota or file size limit) */
    RS_ERR_BEHIND,    /* the store took a change the index could not follow: readers
                       * answer from the previous index until the next command
                       * brings it up to date */
    RS_ERR_DENIED     /* the account may not do this, or the credential is not valid */
} rs_status;

/* A short English phrase for a status ("no such record", ...). */
const char *rs_status_to_string(rs_status s);

/* For "did you mean": the one word of words[0..n) a slip away from
 * `typed` (two edits, a swap of neighbours counting one; one edit for a
 * word of 4 bytes or fewer), or NULL when none or several are that near. */
const char *rs_did_you_mean(const char *typed, const char *const *words, size_t n);

/* ------------------------------------------------------------------ */
/* Opening a roster                                                    */
/* ------------------------------------------------------------------ */

typedef struct rs_roster rs_roster;

typedef enum {
    RS_OPEN_READ,   /* readers: repairs the index only when no writer is busy */
    RS_OPEN_WRITE,  /* writers: creates the roster when absent; waits for the write
                     * lock (10 s, or $ROSTER_LOCK_WAIT_MS), then RS_ERR_BUSY */
    RS_OPEN_CHECK,  /* verify: repairs nothing, so problems stay visible */
    RS_OPEN_UPDATE, /* RS_OPEN_WRITE on an existing roster only */
    RS_OPEN_REBUILD /* reindex: the write lock, the index neither checked nor repaired */
} rs_open_mode;

/* Open the data directory DIR acting as `account` (recorded in the audit
 * trail; NULL = the operating-system user, as the command line acts).
 * *out is set even on failure, to a handle that holds only the message:
 * read it with rs_roster_message, then rs_roster_close. */
rs_status rs_roster_open(const char *dir, rs_open_mode mode, const char *account,
                         rs_roster **out);
/* Where readers read the index (formats.md section 10). */
typedef struct {
    /* NULL: the data directory's own. Else a Xapian stub file whose lines
     * are "remote HOST:PORT" (a shard served by xapian-tcpsrv) or "auto
     * PATH": checked against the store, never written (writers refuse it). */
    const char *index;
    /* A shard that does not answer when the roster opens is left out, and
     * rs_roster_warning says which shards answered, instead of an error. */
    int allow_partial;
} rs_index_choice;
/* rs_roster_open reading the index `choice` names (NULL, or its index NULL:
 * as rs_roster_open). */
rs_status rs_roster_open_index(const char *dir, rs_open_mode mode, const char *account,
                               const rs_index_choice *choice, rs_roster **out);
void rs_roster_close(rs_roster *r);

/* Act as another account from now on (a server reusing one handle). */
rs_status rs_roster_set_account(rs_roster *r, const char *account);
/* Bring a long-lived RS_OPEN_READ handle up to what writers committed since
 * it last looked (a server keeping one reader per thread): cheap when
 * nothing changed, else the data directory is opened afresh. On failure the
 * handle keeps answering from what it had. */
rs_status rs_roster_refresh(rs_roster *r);

/* The message of the last failed call ("" after success). */
const char *rs_roster_message(const rs_roster *r);
/* Problems in the input of the last call, borrowed: a JSON array of
 * {"file","line","field","problem","severity"} ("error" or "warning"),
 * empty when none. */
const json_t *rs_roster_problems(const rs_roster *r);
/* Print the last call's problems as "file:line: field: problem" lines. */
void rs_roster_print_problems(const rs_roster *r, FILE *f);
/* What opening had to tell besides success ("" when none): a directory
 * tightened to owner-only, an index left behind the store. */
const char *rs_roster_notes(const rs_roster *r);
/* "" or, for a reader, what its answers miss (the index is behind). */
const char *rs_roster_warning(const rs_roster *r);

/* ------------------------------------------------------------------ */
/* Answers                                                             */
/* ------------------------------------------------------------------ */

typedef struct rs_answer rs_answer;

/* What an answer says beyond its content, for exit statuses and HTTP codes. */
typedef enum {
    RS_OUTCOME_DONE,      /* a plain answer; a match with a team; a check all passed */
    RS_OUTCOME_WARNINGS,  /* a check with warnings and no failure */
    RS_OUTCOME_FAILED,    /* a check with a failed rule */
    RS_OUTCOME_NO_TEAM    /* a match (or one of a batch) with no feasible team */
} rs_outcome;

/* The JSON form, borrowed (what `--json` prints, what the API sends). */
const json_t *rs_answer_json(const rs_answer *a);
/* Print the text form (what the command line prints without --json).
 * RS_ERR_IO when f cannot be written. */
rs_status rs_answer_print(const rs_answer *a, FILE *f);
rs_outcome rs_answer_outcome(const rs_answer *a);
void rs_answer_free(rs_answer *a);

/* ------------------------------------------------------------------ */
/* Experts                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
    long read, imported, rejected; /* records */
    long updated;        /* of the imported, those that replaced a stored expert */
    long cvs;            /* of the imported, those read from a CV */
    long files_rejected; /* files not read as a whole */
    long warnings;
} rs_import_stats;

/* Progress: records read so far, bytes read of the current file and its
 * size (-1 when unknown). */
typedef void (*rs_progress_fn)(long records, long long bytes, long long size, void *ctx);

/* Import expert files (paths; "-" = stdin; .jsonl, .json or .csv, or a CV:
 * Europass .xml or a JSON Resume .json, the expert named by the file's name
 * without its extension) in one transaction. Without skip_bad any invalid
 * record leaves the roster unchanged and gives RS_ERR_INPUT
 * (rs_roster_problems lists them, and what a CV held that is not kept as
 * warnings). */
rs_status rs_roster_import(rs_roster *r, char *const *paths, size_t n, int skip_bad,
                           rs_import_stats *stats, rs_progress_fn progress, void *ctx);
/* The experts the last import stored (none after a failure), in the order
 * read: their number, and their ids and names into *ids and *names
 * (borrowed until the next import or close; either may be NULL). Read
 * from the import itself, so not audited as a `show`. */
size_t rs_roster_imported(const rs_roster *r, char *const **ids, char *const **names);
/* One CV file imported as the expert `id`, whatever its name. A file that
 * is not a CV is refused (RS_ERR_INPUT). */
rs_status rs_roster_import_as(rs_roster *r, const char *path, const char *id, int skip_bad,
                              rs_import_stats *stats);

/* RS_FORMAT_CV: one CV, Europass XML (v3 or 2020) or a JSON Resume, told
 * apart by its content (docs/importing.md). */
typedef enum { RS_FORMAT_JSONL, RS_FORMAT_CSV, RS_FORMAT_CV } rs_format;
/* The same from memory (an upload), named `name` in problems: the same
 * checks, problems and all-or-nothing rule as a file; len 0 is an empty
 * file. */
rs_status rs_roster_import_data(rs_roster *r, const char *name, const char *data, size_t len,
                                rs_format format, int skip_bad, rs_import_stats *stats);
/* One CV in memory (an upload), as the expert `id`: the same as a file. */
rs_status rs_roster_import_cv(rs_roster *r, const char *name, const char *data, size_t len,
                              const char *id, int skip_bad, rs_import_stats *stats);

/* The roster's id for an id a user typed: the exact id, else the one id
 * equal to it ignoring case (*out malloc'd). RS_ERR_NOT_FOUND when none,
 * RS_ERR_INPUT when several differ only in case (the message names them). */
rs_status rs_roster_find_id(rs_roster *r, const char *typed, char **out);

/* One expert as `roster show` gives it, the id as a user typed it
 * (rs_roster_find_id); JSON: the record as stored. Audited. */
rs_status rs_roster_expert(rs_roster *r, const char *id, rs_answer **out);
/* Everything held about one expert, as `roster export`, the id exactly as
 * stored; its text form is the JSON indented. Audited. */
rs_status rs_roster_export(rs_roster *r, const char *id, rs_answer **out);
/* Erase experts everywhere, all or nothing: an unknown id gives
 * RS_ERR_NOT_FOUND and erases nothing; the message has one line per
 * unknown id (naming the stored id it may mean: ids are taken exactly).
 * Audited. */
rs_status rs_roster_forget(rs_roster *r, char *const *ids, size_t n);

/* ------------------------------------------------------------------ */
/* Search                                                              */
/* ------------------------------------------------------------------ */

/* Run a query of the query language (docs/search.md): `limit` hits after
 * the first `offset` (a page of results), the exact total and, with facets,
 * drill-sideways counts. A query error is RS_ERR_INPUT with the parser's
 * message (and its suggestion). */
rs_status rs_roster_search(rs_roster *r, const char *query, size_t offset, size_t limit,
                           int facets, rs_answer **out);
/* The field table as `--help` shows it: one line per query prefix. */
rs_status rs_search_help(FILE *f);
/* Check a query's syntax without a roster (a front end refuses a bad query
 * before it opens anything): RS_OK, or RS_ERR_INPUT with the parser's
 * message in *message (malloc'd), or RS_ERR_NOMEM. */
rs_status rs_search_check(const char *query, char **message);

/* ------------------------------------------------------------------ */
/* Matching: terms of reference → shortlist and teams                  */
/* ------------------------------------------------------------------ */

/* A ToR as text: JSON of one ToR (or, for batches, one line), named for
 * problems as `name` and starting at line `line`. */
typedef struct {
    const char *name;
    long line;
    const char *data;
    size_t len;
} rs_text;

/* The limits of a match: defaults and bounds (formats.md section 1). */
#define RS_MATCH_SHORTLIST_DEFAULT 20
#define RS_MATCH_SHORTLIST_MAX 1000
#define RS_MATCH_TEAMS_DEFAULT 3
#define RS_MATCH_TEAMS_MAX 100
#define RS_MATCH_POOL_DEFAULT 60
#define RS_MATCH_POOL_MIN 2
#define RS_MATCH_POOL_MAX 400

/* What a match answers with; NULL limits = every default. Beyond the
 * bounds above is RS_ERR_INPUT. */
typedef struct {
    size_t shortlist; /* experts listed, as given: 0 = none (RS_MATCH_SHORTLIST_DEFAULT) */
    size_t teams;     /* 0 = default (3) */
    size_t pool;      /* candidates the team search starts from; 0 = default (60) */
} rs_match_limits;

/* The whole pipeline: read and validate the ToR, infer what it leaves
 * out, retrieve candidates, apply the hard rules, rank, search teams, and
 * when none is possible say why. A bad ToR is RS_ERR_INPUT, its problems
 * in rs_roster_problems (warnings are kept there after success too). The
 * outcome is RS_OUTCOME_NO_TEAM when no team meets the hard rules. */
rs_status rs_roster_match(rs_roster *r, const rs_text *tor, const rs_match_limits *o,
                          rs_answer **out);

/* Receives each answer of a batch (its own: free it with rs_answer_free;
 * NULL when the call failed without one) and the line's status; the
 * handle's message and problems are the line's. Non-zero stops the batch. */
typedef int (*rs_batch_fn)(rs_status st, rs_answer *a, void *ctx);
/* Match every ToR of a JSON Lines stream (one ToR a line, blank lines
 * skipped, `name` naming problems), answering each as it is read. A bad
 * line gets RS_ERR_INPUT, its problems on the handle and the answer
 * {"line": N, "errors": ["field: problem", ...]}; the batch goes on. A read
 * error is a bad line that ends the input. RS_OK once the input is read
 * through (or fn stopped it). */
rs_status rs_roster_match_batch(rs_roster *r, FILE *in, const char *name,
                                const rs_match_limits *o, rs_batch_fn fn, void *ctx);

/* Check a team made by hand against the ToR's rules, rule by rule. The
 * ids are resolved as rs_roster_find_id does; unknown ones are
 * RS_ERR_NOT_FOUND, ids named twice or ambiguous RS_ERR_INPUT (the message
 * names each, one a line). The outcome: RS_OUTCOME_FAILED when a hard rule
 * fails, else RS_OUTCOME_WARNINGS when a soft one warns, else DONE. */
rs_status rs_roster_check(rs_roster *r, const rs_text *tor, char *const *ids, size_t n,
                          rs_answer **out);

/* ------------------------------------------------------------------ */
/* Documents in: a request as staff receive it → a draft ToR           */
/* ------------------------------------------------------------------ */

/* Is `name` a request document (.txt, .md, .pdf, .docx, .odt, any case)
 * rather than a ToR in JSON? */
int rs_is_document(const char *name);

/* Read a request document (its bytes; `name` is the file's, "-" for text
 * on stdin) into a draft ToR for a person to review (formats.md section
 * 9): the section 2 keys it could infer, each with its evidence and a
 * confidence, "document" (name, format, language), and "missing". The
 * codes are learned from the roster's CVs: with no roster they are
 * missing, and "codes_missing" says why. A document that cannot be read
 * (a scan with no text layer, an encrypted PDF, a zip bomb, bad UTF-8) is
 * RS_ERR_INPUT, the message saying what. */
rs_status rs_roster_draft(rs_roster *r, const char *name, const char *data, size_t len,
                          rs_answer **out);

/* The ToR a draft stands for, as JSON text to match (malloc'd, into
 * *out): its section 2 keys, the action defaulting to `action` and the
 * title to the document's name when the draft has none. RS_OK, or
 * RS_ERR_NOMEM. */
rs_status rs_draft_tor(const rs_answer *draft, const char *action, char **out);

/* ------------------------------------------------------------------ */
/* The roster as a whole                                               */
/* ------------------------------------------------------------------ */

/* Diversity report of missions starting since `since` (YYYY-MM-DD or
 * YYYY-MM; "all" = every mission on record; NULL = the default period, the
 * 12 calendar months before this month, as the matcher's portfolio). A bad
 * date is RS_ERR_INPUT. */
rs_status rs_roster_report(rs_roster *r, const char *since, rs_answer **out);
/* The report's chart (days by nationality) as SVG; title NULL = "Mission
 * days by nationality, <the period>". RS_ERR_IO when f cannot be written. */
rs_status rs_roster_report_svg(rs_roster *r, const char *since, const char *title, FILE *f);
/* What the report counts and its options, as `roster report --help`
 * prints them. */
rs_status rs_report_help(FILE *f);
/* Counts and versions (`roster stats`). */
rs_status rs_roster_stats(rs_roster *r, rs_answer **out);
/* Field and competence codes, countries and languages with labels in
 * en, fr, es, pt (docs/library.md gives the JSON). Needs no open roster. */
rs_status rs_roster_taxonomy(rs_roster *r, rs_answer **out);
/* Rebuild the index from the store, in `shards` shards (1: one index; 0:
 * as many as it has now), at most RS_SHARDS_MAX (formats.md section 10). */
#define RS_SHARDS_MAX 64
rs_status rs_roster_reindex(rs_roster *r, size_t shards);
/* Check store and index; RS_OK with an answer listing problems (none =
 * healthy; else the outcome is RS_OUTCOME_FAILED; JSON in docs/library.md). */
rs_status rs_roster_verify(rs_roster *r, rs_answer **out);

/* ------------------------------------------------------------------ */
/* The facility's records: requests, missions, audit (docs/records.md)  */
/* ------------------------------------------------------------------ */

/* Store or replace requests (keyed by their action), each validated as
 * match validates a ToR; all or nothing: any invalid one is RS_ERR_INPUT
 * (rs_roster_problems lists every problem) and stores none. *out (unless
 * out is NULL): how many were stored and the actions replaced. Keys the
 * ToR reader does not know are warned of and not stored. */
rs_status rs_roster_request_add(rs_roster *r, const rs_text *tors, size_t n, rs_answer **out);
/* Stored requests: action, country, title, team size, window, status. */
rs_status rs_roster_requests(rs_roster *r, rs_answer **out);
/* One stored request (its ToR); with_match adds its current match. */
rs_status rs_roster_request(rs_roster *r, const char *action, int with_match, rs_answer **out);
/* Match a stored request. */
rs_status rs_roster_match_request(rs_roster *r, const char *action, const rs_match_limits *o,
                                  rs_answer **out);
/* rs_roster_check on the ToR of the stored request `action`. */
rs_status rs_roster_check_request(rs_roster *r, const char *action, char *const *ids, size_t n,
                                  rs_answer **out);
/* The most days a mission is given by hand (`roster assign --days`). */
#define RS_ASSIGN_DAYS_MAX 366
/* Record the chosen team as missions of the action (days = 0: the working
 * days of its window; else 1 to RS_ASSIGN_DAYS_MAX); all or nothing; the
 * request becomes "assigned". A member already assigned to another request
 * on days of the window is RS_ERR_INPUT (the message names the request and
 * the days, one line per such member: "ID is already assigned to request
 * OTHER on FROM..TO: ..."; how to unassign is the front end's to say). */
rs_status rs_roster_assign(rs_roster *r, const char *action, char *const *ids, size_t n,
                           int days, rs_answer **out);
/* Take the experts off the action's team (all or nothing: RS_ERR_NOT_FOUND
 * when one is not on it); the request is "open" again when no one is left. */
rs_status rs_roster_unassign(rs_roster *r, const char *action, char *const *ids, size_t n,
                             rs_answer **out);
/* The audit trail since `since` (YYYY-MM-DD; NULL = all). */
rs_status rs_roster_audit(rs_roster *r, const char *since, rs_answer **out);

/* ------------------------------------------------------------------ */
/* Accounts of the web service                                         */
/* ------------------------------------------------------------------ */

typedef enum { RS_ROLE_VIEWER, RS_ROLE_EDITOR } rs_role;

/* Create an account; *token (malloc'd) is shown once, only its hash kept. */
rs_status rs_roster_user_add(rs_roster *r, const char *name, rs_role role, char **token);
/* Remove an account and end its sessions. */
rs_status rs_roster_user_remove(rs_roster *r, const char *name);
rs_status rs_roster_users(rs_roster *r, rs_answer **out);
/* A one-time sign-in code for `name`, valid rs_login_link_seconds(),
 * leading to `next` (a local path; NULL = "/"). RS_ERR_INPUT when
 * $ROSTER_LINK_SECONDS is set to something else than 1 to 300. */
rs_status rs_roster_login_link(rs_roster *r, const char *name, const char *next, char **code);
/* How long a sign-in link lasts: 300 seconds, or $ROSTER_LINK_SECONDS. */
long rs_login_link_seconds(void);
/* Who holds this bearer token (RS_ERR_DENIED when nobody). */
rs_status rs_roster_token_account(rs_roster *r, const char *token, char **name, rs_role *role);
/* Spend a one-time code: a new session (*session malloc'd) and where to go.
 * RS_ERR_DENIED when the code is unknown, used or expired. */
rs_status rs_roster_login(rs_roster *r, const char *code, char **session, char **next);
/* Who holds this session (RS_ERR_DENIED when nobody); end one. */
rs_status rs_roster_session_account(rs_roster *r, const char *session, char **name,
                                    rs_role *role);
rs_status rs_roster_logout(rs_roster *r, const char *session);

#endif

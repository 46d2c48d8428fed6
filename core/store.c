/* The store of record over SQLite. See store.h. */
#include "core/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/pack.h"
#include "core/record.h"
#include "core/records.h"
#include "core/text.h"

struct rs_store {
    sqlite3 *db;
    char *path;
    int64_t change;        /* change number of the open transaction, else 0 */
    int version;           /* schema version (user_version) */
    int read_only;         /* opened without write access */
    int has_records;       /* the tables of requests and assigned missions are there */
    int has_shares;        /* the shares table, its triggers and missions_days are there */
    sqlite3_stmt *put, *del, *tomb, *unerase, *del_missions, *put_mission, *has;
    sqlite3_stmt *assigned; /* one expert's assigned missions, prepared on first use */
    rs_packer *packer;      /* for records written, made on first use */
    char error[512];
};

/* The schema. user_version holds RS_STORE_SCHEMA_VERSION. */
static const char SCHEMA[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO meta VALUES('change', 0);"
    /* A rowid table: its pages hold records of a few KiB in place, where a
     * WITHOUT ROWID table spills any row over ~1 KiB into overflow pages. */
    "CREATE TABLE experts("
    "  id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"          /* NFC, as given */
    "  name_folded TEXT NOT NULL,"   /* case and accents folded, for sorting */
    "  gender TEXT, status TEXT,"
    "  nationalities TEXT NOT NULL," /* space-separated ISO2 */
    "  languages TEXT NOT NULL,"     /* 'fr:C1 en:B2' */
    "  fields TEXT NOT NULL, competences TEXT NOT NULL, cv_lang TEXT NOT NULL,"
    "  record NOT NULL,"             /* canonical JSON as imported, packed (core/pack.h) */
    "  change INTEGER NOT NULL"
    ");"
    "CREATE INDEX experts_change ON experts(change);"
    /* Past missions, one row each, for portfolio shares and reports. */
    "CREATE TABLE missions("
    "  expert_id TEXT NOT NULL REFERENCES experts(id) ON DELETE CASCADE,"
    "  nationality TEXT NOT NULL," /* the expert's first: the portfolio counts by it */
    "  country TEXT, start INTEGER NOT NULL, days INTEGER NOT NULL);"
    "CREATE INDEX missions_expert ON missions(expert_id);"
    "CREATE INDEX missions_start ON missions(start);"
    /* Ids erased since the index last caught up: only ids, never text. */
    "CREATE TABLE erased(id TEXT PRIMARY KEY, change INTEGER NOT NULL) WITHOUT ROWID;";

/* The facility's own records (core/records.h), added to a store of schema 3
 * by its next writer without a new version: a roster that predates them
 * reads the store as before and ignores them. */
static const char RECORDS_SCHEMA[] =
    /* A request: its ToR as given (canonical JSON) and what lists show. */
    "CREATE TABLE IF NOT EXISTS requests("
    "  action TEXT PRIMARY KEY,"
    "  country TEXT NOT NULL, title TEXT NOT NULL, team_size INTEGER NOT NULL,"
    "  start INTEGER, end INTEGER," /* the window, day numbers; NULL without one */
    "  status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open','assigned')),"
    "  tor TEXT NOT NULL) WITHOUT ROWID;"
    /* The team chosen for a request, one mission per expert. Kept apart
     * from `missions`, which a re-import of the CV rewrites. */
    "CREATE TABLE IF NOT EXISTS assigned("
    "  action TEXT NOT NULL, expert_id TEXT NOT NULL,"
    "  country TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
    "  days INTEGER NOT NULL CHECK(days >= 1),"
    "  PRIMARY KEY(action, expert_id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS assigned_expert ON assigned(expert_id);"
    "CREATE INDEX IF NOT EXISTS assigned_start ON assigned(start);"
    /* The audit lines of changes to the store (import, forget, assign),
     * written in the change's own transaction: a change and its record
     * commit together. Reads are recorded in the access file (lib/audit.c
     * reads both). Ids only, never a name. */
    "CREATE TABLE IF NOT EXISTS audit("
    "  seq INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL,"
    "  action TEXT NOT NULL, ids TEXT NOT NULL);";

/* An expert's first nationality as the portfolio counts it: the first of
 * the space-separated codes when it is at most two letters long, else "". */
#define FIRST_NATIONALITY(x)                                                        \
    "(CASE WHEN instr(" x ",' ')>0 THEN CASE WHEN instr(" x ",' ')<=3 THEN "        \
    "substr(" x ",1,instr(" x ",' ')-1) ELSE '' END WHEN length(" x ")<3 THEN " x   \
    " ELSE '' END)"
#define COUNT_IN(x)                                                                 \
    "INSERT INTO shares VALUES(" FIRST_NATIONALITY(x) ",1) "                        \
    "ON CONFLICT(nationality) DO UPDATE SET experts=experts+1;"
#define COUNT_OUT(x)                                                                \
    "UPDATE shares SET experts=experts-1 WHERE nationality=" FIRST_NATIONALITY(x) ";"

/* What the portfolio reads at every match, kept ready: the roster's
 * experts counted by first nationality (its shares), kept by triggers as
 * experts come, change and go, so a match reads a few dozen rows instead
 * of every expert; and an index holding the recent missions' days by
 * nationality, read without visiting the table. Filled from the experts
 * when made; a store made before them gets them from its next writer. An
 * INSERT OR REPLACE deletes the row it replaces without firing the delete
 * trigger (SQLite's recursive_triggers is off), so the insert trigger
 * takes the replaced row out first. */
static const char SHARES_SCHEMA[] =
    "CREATE INDEX IF NOT EXISTS missions_days ON missions(start, nationality, days);"
    "CREATE TABLE IF NOT EXISTS shares("
    "  nationality TEXT PRIMARY KEY, experts INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO shares SELECT " FIRST_NATIONALITY("nationalities") ", count(*) FROM experts "
    "  WHERE NOT EXISTS (SELECT 1 FROM shares) GROUP BY 1;"
    "CREATE TRIGGER IF NOT EXISTS shares_replaced BEFORE INSERT ON experts BEGIN "
    "  UPDATE shares SET experts=experts-1 WHERE nationality="
    "    (SELECT " FIRST_NATIONALITY("nationalities") " FROM experts WHERE id=NEW.id); END;"
    "CREATE TRIGGER IF NOT EXISTS shares_in AFTER INSERT ON experts BEGIN "
    COUNT_IN("NEW.nationalities") " END;"
    "CREATE TRIGGER IF NOT EXISTS shares_out AFTER DELETE ON experts BEGIN "
    COUNT_OUT("OLD.nationalities") " END;"
    "CREATE TRIGGER IF NOT EXISTS shares_moved AFTER UPDATE OF nationalities ON experts BEGIN "
    COUNT_OUT("OLD.nationalities") COUNT_IN("NEW.nationalities") " END;";

static rs_status fail(rs_store *s, rs_status err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static rs_status fail(rs_store *s, rs_status err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof s->error, fmt, ap);
    va_end(ap);
    return err;
}

/* Map an SQLite failure to our error, keeping SQLite's message. */
static rs_status sqlite_fail(rs_store *s, int rc, const char *what)
{
    rs_status err = RS_ERR_IO;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) err = RS_ERR_BUSY;
    else if (rc == SQLITE_NOMEM) err = RS_ERR_NOMEM;
    else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) err = RS_ERR_CORRUPT;
    return fail(s, err, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

const char *rs_store_error(const rs_store *s) { return s->error; }

/* `what` names the step in the message (not the SQL, which means nothing
 * to a user reading "roster.sqlite: open: file is not a database"). */
static rs_status exec(rs_store *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? RS_OK : sqlite_fail(s, rc, what);
}

static rs_status prepare(rs_store *s, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    return rc == SQLITE_OK ? RS_OK : sqlite_fail(s, rc, "prepare");
}

static rs_status user_version(rs_store *s, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read schema version");
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? RS_OK : sqlite_fail(s, rc, "read schema version");
}

/* A store's identity: random, so that two stores made apart never share
 * one; never 0, which stands for "none". */
static rs_status draw_identity(rs_store *s, uint64_t *out)
{
    do {
        if (getrandom(out, sizeof *out, 0) != (ssize_t)sizeof *out)
            return fail(s, RS_ERR_IO, "%s: cannot draw the store's identity: %s", s->path,
                        strerror(errno));
    } while (*out == 0);
    return RS_OK;
}

/* Create the schema, with the store's identity, in a new file, or check the
 * version of an existing one. */
static rs_status ensure_schema(rs_store *s)
{
    int version;
    rs_status err = user_version(s, &version);
    if (err) return err;
    if (version >= RS_STORE_SCHEMA_OLDEST && version <= RS_STORE_SCHEMA_VERSION) {
        s->version = version;
        return RS_OK;
    }
    if (version != 0)
        return fail(s, RS_ERR_SCHEMA, "%s: schema version %d, this roster reads versions %d to %d",
                    s->path, version, RS_STORE_SCHEMA_OLDEST, RS_STORE_SCHEMA_VERSION);
    uint64_t id;
    if ((err = draw_identity(s, &id))) return err;
    char sql[sizeof SCHEMA + sizeof RECORDS_SCHEMA + sizeof SHARES_SCHEMA + 128];
    snprintf(sql, sizeof sql,
             "BEGIN IMMEDIATE;%s%s%sINSERT INTO meta VALUES('id',%lld);PRAGMA user_version=%d;"
             "COMMIT;", SCHEMA, RECORDS_SCHEMA, SHARES_SCHEMA, (long long)id,
             RS_STORE_SCHEMA_VERSION);
    err = exec(s, sql, "create schema");
    if (err) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        /* Another process may have created it meanwhile. */
        if (user_version(s, &version) == RS_OK && version == RS_STORE_SCHEMA_VERSION)
            err = RS_OK;
    }
    if (!err) s->version = RS_STORE_SCHEMA_VERSION;
    return err;
}

/* How many objects of sqlite_master the SQL `where` selects, into *n. */
static rs_status count_objects(rs_store *s, const char *where, int64_t *n)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE %s", where);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "open");
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? RS_OK : sqlite_fail(s, rc, "open");
}

/* Whether the tables of the facility's records, and the shares with their
 * triggers, are there (a store made before them gets them from its next
 * writer, rs_store_assign_identity). */
static rs_status find_records(rs_store *s)
{
    int64_t records = 0, shares = 0;
    rs_status err = count_objects(
        s, "type='table' AND name IN ('requests','assigned','audit')", &records);
    if (!err)
        err = count_objects(s, "name IN ('shares','shares_replaced','shares_in','shares_out',"
                               "'shares_moved','missions_days')", &shares);
    s->has_records = records == 3;
    s->has_shares = shares == 6;
    return err;
}

static rs_status prepare_all(rs_store *s)
{
    rs_status err = prepare(s,
        "INSERT OR REPLACE INTO experts(id,name,name_folded,gender,status,nationalities,"
        "languages,fields,competences,cv_lang,record,change) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
        &s->put);
    if (!err) err = prepare(s, "DELETE FROM experts WHERE id=?", &s->del);
    if (!err) err = prepare(s, "INSERT OR REPLACE INTO erased(id,change) VALUES(?,?)", &s->tomb);
    if (!err) err = prepare(s, "DELETE FROM erased WHERE id=?", &s->unerase);
    if (!err) err = prepare(s, "DELETE FROM missions WHERE expert_id=?", &s->del_missions);
    if (!err)
        err = prepare(s, "INSERT INTO missions(expert_id,nationality,country,start,days) "
                         "VALUES(?,?,?,?,?)", &s->put_mission);
    if (!err) err = prepare(s, "SELECT 1 FROM experts WHERE id=?", &s->has);
    return err;
}

/* Without write access to the directory SQLite cannot make the WAL's
 * shared-memory file (roster.sqlite-shm), which it needs to read a WAL
 * store. With no WAL file there every commit is in the main file, so it is
 * read as an immutable file: no locks, no file made. */
static int read_immutable(const char *dir, const char *path)
{
    char wal[4200];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return access(dir, W_OK) != 0 && stat(wal, &st) != 0 && errno == ENOENT;
}

/* Is PATH-wal there but not readable by this process? */
static int log_unreadable(const char *path)
{
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    return access(wal, R_OK) != 0 && errno == EACCES;
}

/* "file:PATH?immutable=1", PATH percent-encoded but for characters a URI
 * path keeps as they are. */
static char *immutable_uri(const char *path)
{
    static const char query[] = "?immutable=1";
    size_t n = strlen(path);
    char *uri = malloc(5 + 3 * n + sizeof query), *p = uri;
    if (!uri) return NULL;
    p += sprintf(p, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            strchr("/-._~", *c))
            *p++ = (char)*c;
        else
            p += sprintf(p, "%%%02X", *c);
    }
    memcpy(p, query, sizeof query);
    return uri;
}

static int sqlite_open(rs_store *s, int create, int immutable)
{
    if (!immutable)
        return sqlite3_open_v2(s->path, &s->db,
                               SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
    char *uri = immutable_uri(s->path);
    if (!uri) return SQLITE_NOMEM;
    int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc;
}

/* Settings, schema and statements of a store just opened. */
static rs_status configure(rs_store *s, int immutable)
{
    s->read_only = immutable || sqlite3_db_readonly(s->db, "main") == 1;
    if (!s->read_only) chmod(s->path, 0600);
    sqlite3_busy_timeout(s->db, 5000);
    /* secure_delete: erased rows are zeroed, not left in free pages.
     * WAL: readers see a consistent snapshot while an import writes (a
     * store is made in WAL mode; a reader cannot write the setting). */
    rs_status err = exec(s, "PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; "
                         "PRAGMA foreign_keys=ON;", "open");
    if (!err && !s->read_only) err = exec(s, "PRAGMA journal_mode=WAL", "open");
    if (!err) err = ensure_schema(s);
    if (!err) err = prepare_all(s);
    if (!err) err = find_records(s);
    return err;
}

static rs_status store_open(const char *dir, int create, rs_store **out, char **errmsg)
{
    *out = NULL;
    rs_store *s = calloc(1, sizeof *s);
    if (!s) return RS_ERR_NOMEM;
    size_t n = strlen(dir) + sizeof RS_STORE_FILE + 1;
    s->path = malloc(n);
    if (!s->path) { free(s); return RS_ERR_NOMEM; }
    snprintf(s->path, n, "%s/%s", dir, RS_STORE_FILE);

    rs_status err;
    struct stat st;
    int immutable = 0;
    if (!create && stat(s->path, &st) != 0) {
        err = fail(s, errno == ENOENT ? RS_ERR_NOT_FOUND : RS_ERR_IO, "%s: %s", s->path,
                   strerror(errno));
    } else if (!create && access(s->path, R_OK) != 0) {
        err = fail(s, RS_ERR_IO, "%s: %s", s->path, strerror(errno));
    } else {
        immutable = !create && read_immutable(dir, s->path);
        int rc = sqlite_open(s, create, immutable);
        if (rc != SQLITE_OK)
            err = s->db ? sqlite_fail(s, rc, "open")
                        : fail(s, RS_ERR_NOMEM, "%s: cannot open", s->path);
        else
            err = configure(s, immutable);
        /* Reading a WAL store takes its log, which another user's writer
         * keeps to itself (owner-only). */
        if (err == RS_ERR_IO && !create && log_unreadable(s->path))
            fail(s, err, "%s: cannot be read: a writer is at work or was interrupted, and this "
                         "user may not read its log (%s-wal): try again, or run the command as "
                         "the owner of %s", s->path, s->path, dir);
    }
    if (err) {
        if (errmsg) *errmsg = strdup(s->error);
        rs_store_close(s);
        return err;
    }
    *out = s;
    return RS_OK;
}

rs_status rs_store_open(const char *dir, rs_store **out, char **errmsg)
{
    return store_open(dir, 1, out, errmsg);
}

rs_status rs_store_open_existing(const char *dir, rs_store **out, char **errmsg)
{
    return store_open(dir, 0, out, errmsg);
}

void rs_store_close(rs_store *s)
{
    if (!s) return;
    sqlite3_finalize(s->put);
    sqlite3_finalize(s->del);
    sqlite3_finalize(s->tomb);
    sqlite3_finalize(s->unerase);
    sqlite3_finalize(s->del_missions);
    sqlite3_finalize(s->put_mission);
    sqlite3_finalize(s->assigned);
    sqlite3_finalize(s->has);
    rs_packer_free(s->packer);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

static rs_status query_int(rs_store *s, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, sql);
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RS_OK : sqlite_fail(s, rc, sql);
}

rs_status rs_store_change(rs_store *s, int64_t *out)
{
    return query_int(s, "SELECT value FROM meta WHERE key='change'", out);
}

rs_status rs_store_identity(rs_store *s, uint64_t *out)
{
    int64_t id = 0;
    rs_status err = query_int(s, "SELECT value FROM meta WHERE key='id'", &id);
    *out = err ? 0 : (uint64_t)id;
    return err;
}

/* Run one of the schemas a store made before it lacks, in a transaction
 * of its own; *added is set when it took. `what` names it in a failure. */
static rs_status add_schema(rs_store *s, const char *schema, const char *what, int *added)
{
    size_t n = strlen(schema) + 32;
    char *sql = malloc(n);
    if (!sql) return fail(s, RS_ERR_NOMEM, "%s: out of memory", s->path);
    snprintf(sql, n, "BEGIN IMMEDIATE;%sCOMMIT;", schema);
    rs_status err = exec(s, sql, what);
    free(sql);
    if (err) rs_store_rollback(s);
    else *added = 1;
    return err;
}

/* The tables a store made before them lacks, added by its next writer. */
static rs_status add_missing(rs_store *s)
{
    rs_status err = s->has_records ? RS_OK
                    : add_schema(s, RECORDS_SCHEMA, "add the tables of requests and missions",
                                 &s->has_records);
    if (err || s->has_shares) return err;
    return add_schema(s, SHARES_SCHEMA, "count the experts by nationality", &s->has_shares);
}

rs_status rs_store_assign_identity(rs_store *s)
{
    if (s->version == RS_STORE_SCHEMA_VERSION) return add_missing(s);
    uint64_t id;
    rs_status err = draw_identity(s, &id);
    if (err) return err;
    /* OR IGNORE: another process may have given it one meanwhile. */
    char sql[160];
    snprintf(sql, sizeof sql,
             "BEGIN IMMEDIATE;INSERT OR IGNORE INTO meta VALUES('id',%lld);"
             "PRAGMA user_version=%d;COMMIT;", (long long)id, RS_STORE_SCHEMA_VERSION);
    if ((err = exec(s, sql, "assign identity"))) {
        rs_store_rollback(s);
        return err;
    }
    s->version = RS_STORE_SCHEMA_VERSION;
    return add_missing(s);
}

int rs_store_read_only(const rs_store *s) { return s->read_only; }
int rs_store_version(const rs_store *s) { return s->version; }

rs_status rs_store_count(rs_store *s, int64_t *out)
{
    return query_int(s, "SELECT count(*) FROM experts", out);
}

rs_status rs_store_count_changed(rs_store *s, int64_t since, int64_t *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM experts WHERE change > ?", -1, &st,
                                NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "count experts");
    sqlite3_bind_int64(st, 1, since);
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? RS_OK : sqlite_fail(s, rc, "count experts");
}

rs_status rs_store_begin(rs_store *s)
{
    rs_status err = exec(s, "BEGIN IMMEDIATE", "begin");
    if (err) return err;
    int64_t last;
    err = rs_store_change(s, &last);
    if (!err) {
        s->change = last + 1;
        err = exec(s, "UPDATE meta SET value=value+1 WHERE key='change'", "begin");
    }
    if (err) rs_store_rollback(s);
    return err;
}

rs_status rs_store_commit(rs_store *s)
{
    rs_status err = exec(s, "COMMIT", "commit");
    if (err) rs_store_rollback(s);
    s->change = 0;
    return err;
}

void rs_store_rollback(rs_store *s)
{
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->change = 0;
}

/* A growing string for the normalised list columns. */
typedef struct { char *p; size_t n, cap; int oom; } strbuf;

static void sb_add(strbuf *b, const char *s)
{
    size_t len = strlen(s), need = b->n + len + 2;
    if (b->oom) return;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < need) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p, b->cap = cap;
    }
    if (b->n) b->p[b->n++] = ' ';
    memcpy(b->p + b->n, s, len + 1);
    b->n += len;
}

static const char *sb_str(strbuf *b) { return b->p ? b->p : ""; }

static rs_status bind_lists(rs_store *s, const rs_expert *e, strbuf lists[4])
{
    for (size_t i = 0; i < e->n_nationalities; i++) sb_add(&lists[0], e->nationalities[i]);
    for (size_t i = 0; i < e->n_languages; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%s:%s", e->languages[i].code, rs_cefr_name(e->languages[i].level));
        sb_add(&lists[1], buf);
    }
    for (size_t i = 0; i < e->n_fields; i++) sb_add(&lists[2], e->fields[i]);
    for (size_t i = 0; i < e->n_competences; i++) sb_add(&lists[3], e->competences[i]);
    for (int i = 0; i < 4; i++)
        if (lists[i].oom) return fail(s, RS_ERR_NOMEM, "out of memory");
    for (int i = 0; i < 4; i++)
        sqlite3_bind_text(s->put, 6 + i, sb_str(&lists[i]), -1, SQLITE_TRANSIENT);
    return RS_OK;
}

static rs_status step_done(rs_store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? RS_OK : sqlite_fail(s, rc, what);
}

/* Replace the expert's rows in missions (days as rs_mission_days counts). */
static rs_status put_missions(rs_store *s, const rs_expert *e)
{
    sqlite3_bind_text(s->del_missions, 1, e->id, -1, SQLITE_STATIC);
    rs_status err = step_done(s, s->del_missions, "write missions");
    for (size_t i = 0; i < e->n_missions && !err; i++) {
        const rs_mission *m = &e->missions[i];
        int days = rs_mission_days(m);
        sqlite3_bind_text(s->put_mission, 1, e->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(s->put_mission, 2, e->nationalities[0], -1, SQLITE_STATIC);
        if (m->country[0]) sqlite3_bind_text(s->put_mission, 3, m->country, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s->put_mission, 4, m->when.from);
        sqlite3_bind_int(s->put_mission, 5, days);
        err = step_done(s, s->put_mission, "write missions");
    }
    return err;
}

rs_status rs_store_put(rs_store *s, const rs_expert *e)
{
    if (!s->change) return fail(s, RS_ERR_IO, "put outside a transaction");
    char *folded = rs_text_fold(e->name, strlen(e->name));
    if (!folded) return fail(s, RS_ERR_NOMEM, "out of memory");
    char gender[2] = {e->gender, 0};
    strbuf lists[4] = {{0}};
    sqlite3_stmt *st = s->put;
    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, e->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, folded, -1, SQLITE_STATIC);
    if (e->gender) sqlite3_bind_text(st, 4, gender, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 4);
    if (e->status) sqlite3_bind_text(st, 5, rs_sector_name(e->status), -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 5);
    unsigned char *packed = NULL;
    size_t packed_len = 0;
    rs_status err = bind_lists(s, e, lists);
    if (!err && !s->packer && !(s->packer = rs_packer_new()))
        err = fail(s, RS_ERR_NOMEM, "out of memory");
    if (!err && rs_pack_record(s->packer, e->record, strlen(e->record), &packed, &packed_len))
        err = fail(s, RS_ERR_NOMEM, "out of memory");
    if (!err) {
        sqlite3_bind_text(st, 10, e->cv_lang, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 11, packed, (int)packed_len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 12, s->change);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) err = sqlite_fail(s, rc, "write expert");
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(packed);
    free(folded);
    for (int i = 0; i < 4; i++) free(lists[i].p);
    if (!err) {
        /* A re-imported id is no longer erased. */
        sqlite3_bind_text(s->unerase, 1, e->id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s->unerase);
        sqlite3_reset(s->unerase);
        if (rc != SQLITE_DONE) err = sqlite_fail(s, rc, "write expert");
    }
    if (!err) err = put_missions(s, e);
    return err;
}

rs_status rs_store_has(rs_store *s, const char *id, int *found)
{
    sqlite3_bind_text(s->has, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s->has);
    sqlite3_reset(s->has);
    sqlite3_clear_bindings(s->has);
    *found = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RS_OK : sqlite_fail(s, rc, "read expert");
}

rs_status rs_store_same_name(rs_store *s, const char *name, const char *id, char **other)
{
    *other = NULL;
    char *folded = rs_text_fold(name, strlen(name));
    if (!folded) return fail(s, RS_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT min(id) FROM experts WHERE name_folded=? AND id<>?",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        const char *found = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (found && !(*other = strdup(found))) rc = SQLITE_NOMEM;
        sqlite3_finalize(st);
    }
    free(folded);
    if (rc == SQLITE_NOMEM) return fail(s, RS_ERR_NOMEM, "out of memory");
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RS_OK : sqlite_fail(s, rc, "read expert");
}

rs_status rs_store_erase(rs_store *s, const char *id, int *found)
{
    if (!s->change) return fail(s, RS_ERR_IO, "erase outside a transaction");
    sqlite3_bind_text(s->del, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s->del);
    sqlite3_reset(s->del);
    if (rc != SQLITE_DONE) return sqlite_fail(s, rc, "erase expert");
    *found = sqlite3_changes(s->db) > 0;
    if (!*found) return RS_OK;
    sqlite3_bind_text(s->tomb, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s->tomb, 2, s->change);
    rc = sqlite3_step(s->tomb);
    sqlite3_reset(s->tomb);
    if (rc != SQLITE_DONE) return sqlite_fail(s, rc, "erase expert");
    /* Their assigned missions go with them; the requests stay. */
    return s->has_records ? rs_records_erase_expert(s, id) : RS_OK;
}

/* A column that may be NULL, as "". */
static const char *text_or_empty(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? t : "";
}

/* Append the assigned mission of the row to e, as a mission and as a
 * period the expert is busy. */
static int add_assigned(rs_expert *e, sqlite3_stmt *st)
{
    rs_mission *m = realloc(e->missions, (e->n_missions + 1) * sizeof *m);
    if (!m) return -1;
    e->missions = m;
    rs_period *u = realloc(e->unavailable, (e->n_unavailable + 1) * sizeof *u);
    if (!u) return -1;
    e->unavailable = u;
    rs_mission add = {0};
    if (!(add.action = strdup(text_or_empty(st, 0)))) return -1;
    strncpy(add.country, text_or_empty(st, 1), 2);
    add.when.from = sqlite3_column_int(st, 2);
    add.when.to = sqlite3_column_int(st, 3);
    add.days = sqlite3_column_int(st, 4);
    e->missions[e->n_missions++] = add;
    e->unavailable[e->n_unavailable++] = add.when;
    return 0;
}

/* Add e's assigned missions (core/records.h). The statement is kept: a
 * reindex asks once per expert. */
static rs_status merge_assigned(rs_store *s, rs_expert *e)
{
    if (!s->assigned) {
        rs_status err = prepare(s, "SELECT action,country,start,end,days FROM assigned "
                                   "WHERE expert_id=? ORDER BY start, action", &s->assigned);
        if (err) return err;
    }
    sqlite3_stmt *st = s->assigned;
    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
    int rc, oom = 0;
    while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) oom = add_assigned(e, st) != 0;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (oom) return fail(s, RS_ERR_NOMEM, "out of memory");
    return rc == SQLITE_DONE ? RS_OK : sqlite_fail(s, rc, "read missions");
}

static rs_status parse_record(rs_store *s, const char *id, const char *text, size_t len,
                           rs_expert *out)
{
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(text, len, "store", 0, out, &d);
    rs_status err = RS_OK;
    if (rc != 0)
        err = fail(s, RS_ERR_CORRUPT, "%s: record of '%s' no longer valid: %s: %s", s->path, id,
                   d.n ? d.items[0].field : "", d.n ? d.items[0].message : "");
    rs_diag_free(&d);
    /* The missions the facility assigned count as the CV's own: load,
     * availability, the index and every reader see one expert. */
    if (!err && s->has_records && (err = merge_assigned(s, out))) rs_expert_free(out);
    return err;
}

/* The record in column col of the row: a packed one (a BLOB) unpacked into
 * a malloc'd text; one stored before packing (TEXT, schema 3) copied. */
static rs_status record_of(rs_store *s, sqlite3_stmt *st, int col, const char *id, char **out,
                           size_t *len)
{
    int packed = sqlite3_column_type(st, col) == SQLITE_BLOB; /* before any conversion */
    const void *data = sqlite3_column_blob(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    *out = NULL;
    if (packed) {
        if (rs_unpack_record(data, n, out, len) == 0) return RS_OK;
        return fail(s, RS_ERR_CORRUPT, "%s: record of '%s' cannot be unpacked", s->path, id);
    }
    if (!(*out = malloc(n + 1))) return fail(s, RS_ERR_NOMEM, "out of memory");
    memcpy(*out, data ? data : "", n);
    (*out)[n] = 0;
    *len = n;
    return RS_OK;
}

rs_status rs_store_get_record(rs_store *s, const char *id, char **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT record FROM experts WHERE id=?", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read expert");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    rs_status err = RS_OK;
    size_t len;
    if (rc == SQLITE_ROW) {
        err = record_of(s, st, 0, id, out, &len);
    } else if (rc == SQLITE_DONE) {
        err = fail(s, RS_ERR_NOT_FOUND, "no expert with id '%s'", id);
    } else {
        err = sqlite_fail(s, rc, "read expert");
    }
    sqlite3_finalize(st);
    return err;
}

rs_status rs_store_get(rs_store *s, const char *id, rs_expert *out)
{
    char *text;
    rs_status err = rs_store_get_record(s, id, &text);
    if (err) return err;
    err = parse_record(s, id, text, strlen(text), out);
    free(text);
    return err;
}

rs_status rs_store_each(rs_store *s, int64_t since,
                     rs_status (*fn)(rs_expert *e, void *ctx), void *ctx)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
        "SELECT id, record FROM experts WHERE change > ? ORDER BY id", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read experts");
    sqlite3_bind_int64(st, 1, since);
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rs_expert e;
        const char *id = (const char *)sqlite3_column_text(st, 0);
        char *text;
        size_t len;
        if ((err = record_of(s, st, 1, id, &text, &len))) break;
        err = parse_record(s, id, text, len, &e);
        free(text);
        if (err) break;
        err = fn(&e, ctx);
        rs_expert_free(&e);
    }
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read experts");
    sqlite3_finalize(st);
    return err;
}

rs_status rs_store_each_erased(rs_store *s, int64_t since,
                            rs_status (*fn)(const char *id, void *ctx), void *ctx)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT id FROM erased WHERE change > ?", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read erased");
    sqlite3_bind_int64(st, 1, since);
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = fn((const char *)sqlite3_column_text(st, 0), ctx);
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read erased");
    sqlite3_finalize(st);
    return err;
}

rs_status rs_store_prune_erased(rs_store *s, int64_t upto)
{
    char sql[96];
    snprintf(sql, sizeof sql, "DELETE FROM erased WHERE change <= %lld", (long long)upto);
    return exec(s, sql, "forget erased ids");
}

rs_status rs_store_checkpoint(rs_store *s)
{
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return rc == SQLITE_OK ? RS_OK : sqlite_fail(s, rc, "checkpoint");
}

int64_t rs_store_bytes(rs_store *s)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    int64_t total = 0;
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s%s", s->path, suffix[i]);
        if (stat(path, &st) == 0) total += st.st_size;
    }
    return total;
}

rs_status rs_store_mission_days(rs_store *s, int32_t from, int32_t to, const char *except_action,
                             rs_status (*fn)(const char *nationality, double days, void *ctx),
                             void *ctx)
{
    sqlite3_stmt *st;
    /* missions_days covers the range (missions_start in a store made before
     * it: the rows are then read too); nothing is read from experts but
     * for assigned missions, counted by the expert's first nationality now,
     * from `from` on whatever `to` says (store.h: planned missions). */
    int rc = sqlite3_prepare_v2(s->db, s->has_records ?
        "SELECT nationality, sum(days) FROM ("
        "  SELECT nationality, days FROM missions WHERE start BETWEEN ?1 AND ?2"
        "  UNION ALL"
        "  SELECT CASE instr(e.nationalities, ' ') WHEN 0 THEN e.nationalities"
        "         ELSE substr(e.nationalities, 1, instr(e.nationalities, ' ') - 1) END, a.days"
        "  FROM assigned a JOIN experts e ON e.id = a.expert_id"
        "  WHERE a.start >= ?1 AND a.action IS NOT ?3) GROUP BY 1 ORDER BY 1" :
        "SELECT nationality, sum(days) FROM missions WHERE start BETWEEN ?1 AND ?2 "
        "GROUP BY 1 ORDER BY 1", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read missions");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    if (s->has_records && except_action)
        sqlite3_bind_text(st, 3, except_action, -1, SQLITE_STATIC);
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_double(st, 1), ctx);
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read missions");
    sqlite3_finalize(st);
    return err;
}


rs_status rs_store_each_summary(rs_store *s,
                             rs_status (*fn)(const rs_store_summary *row, void *ctx), void *ctx)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
        "SELECT id, gender, status, nationalities, languages FROM experts ORDER BY id", -1,
        &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read experts");
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rs_store_summary row = {
            .id = text_or_empty(st, 0),
            .gender = text_or_empty(st, 1)[0],
            .status = text_or_empty(st, 2),
            .nationalities = text_or_empty(st, 3),
            .languages = text_or_empty(st, 4),
        };
        err = fn(&row, ctx);
    }
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read experts");
    sqlite3_finalize(st);
    return err;
}

rs_status rs_store_each_share(rs_store *s,
                              rs_status (*fn)(const char *nationality, long experts, void *ctx),
                              void *ctx)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, s->has_shares ?
        "SELECT nationality, experts FROM shares WHERE experts > 0" :
        "SELECT " FIRST_NATIONALITY("nationalities") ", count(*) FROM experts GROUP BY 1",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read the experts' nationalities");
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = fn(text_or_empty(st, 0), (long)sqlite3_column_int64(st, 1), ctx);
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read the experts' nationalities");
    sqlite3_finalize(st);
    return err;
}

rs_status rs_store_each_mission(rs_store *s, int32_t from, int32_t to,
                             rs_status (*fn)(const char *expert_id, const char *country,
                                          int32_t start, int days, void *ctx),
                             void *ctx)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, s->has_records ?
        "SELECT expert_id, country, start, days FROM missions WHERE start BETWEEN ?1 AND ?2 "
        "UNION ALL SELECT expert_id, country, start, days FROM assigned "
        "WHERE start >= ?1 ORDER BY 1, 3" :
        "SELECT expert_id, country, start, days FROM missions WHERE start BETWEEN ?1 AND ?2 "
        "ORDER BY expert_id, start", -1, &st, NULL);
    if (rc != SQLITE_OK) return sqlite_fail(s, rc, "read missions");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    rs_status err = RS_OK;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = fn(text_or_empty(st, 0), text_or_empty(st, 1), sqlite3_column_int(st, 2),
                 sqlite3_column_int(st, 3), ctx);
    if (!err && rc != SQLITE_DONE) err = sqlite_fail(s, rc, "read missions");
    sqlite3_finalize(st);
    return err;
}

/* Ids are few bytes and case-sensitive: the exact one is found by its
 * index; the case-blind match scans the index of ids (a covering index, no
 * record read), which happens only when the exact id is absent. */
rs_status rs_store_ids_named(rs_store *s, const char *id, size_t max, char ***out, size_t *n)
{
    static const char *const sql[] = {
        "SELECT id FROM experts WHERE id = ?1 LIMIT ?2",
        "SELECT id FROM experts WHERE id = ?1 COLLATE NOCASE ORDER BY id LIMIT ?2",
    };
    *out = NULL;
    *n = 0;
    char **ids = calloc(max ? max : 1, sizeof *ids);
    if (!ids) return fail(s, RS_ERR_NOMEM, "out of memory");
    rs_status err = RS_OK;
    for (size_t k = 0; k < 2 && !err && *n == 0; k++) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(s->db, sql[k], -1, &st, NULL);
        if (rc != SQLITE_OK) { err = sqlite_fail(s, rc, "read expert ids"); break; }
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
            if (!(ids[*n] = strdup(text_or_empty(st, 0)))) {
                err = fail(s, RS_ERR_NOMEM, "out of memory");
                break;
            }
            (*n)++;
        }
        if (!err && rc != SQLITE_DONE && rc != SQLITE_ROW) err = sqlite_fail(s, rc, "read expert ids");
        sqlite3_finalize(st);
    }
    if (err) {
        rs_store_ids_free(ids, *n);
        *n = 0;
        return err;
    }
    *out = ids;
    return RS_OK;
}

void rs_store_ids_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++) free(ids[i]);
    free(ids);
}

struct sqlite3 *rs_store_sqlite(rs_store *s) { return s->db; }
int64_t rs_store_open_change(const rs_store *s) { return s->change; }
int rs_store_has_records(const rs_store *s) { return s->has_records; }

rs_status rs_store_sql_fail(rs_store *s, int rc, const char *what)
{
    return sqlite_fail(s, rc, what);
}

rs_status rs_store_fail(rs_store *s, rs_status err, const char *message)
{
    return fail(s, err, "%s", message);
}

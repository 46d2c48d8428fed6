/* Opening the access file (audit trail, accounts). See access.h. */
#include "lib/access.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Sessions and one-time codes name their account: removing an account
 * removes them with it (foreign keys, ON DELETE CASCADE). Only hashes of
 * tokens, codes and sessions are kept (lib/accounts.c says why a fast hash). */
static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS audit("
    "  seq INTEGER PRIMARY KEY,"
    "  time TEXT NOT NULL,"   /* YYYY-MM-DDTHH:MM:SS.mmmZ, UTC */
    "  user TEXT NOT NULL,"   /* the account, or the OS user of the command line */
    "  action TEXT NOT NULL,"
    "  ids TEXT NOT NULL);"   /* a JSON array of ids: never a name */
    "CREATE INDEX IF NOT EXISTS audit_time ON audit(time);"
    "CREATE TABLE IF NOT EXISTS accounts("
    "  name TEXT PRIMARY KEY,"
    "  role TEXT NOT NULL CHECK(role IN ('viewer','editor')),"
    "  token_hash BLOB NOT NULL UNIQUE,"
    "  created TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sessions("
    "  hash BLOB PRIMARY KEY,"
    "  account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,"
    "  expires INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);"
    "CREATE TABLE IF NOT EXISTS codes("
    "  hash BLOB PRIMARY KEY,"
    "  account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,"
    "  next TEXT NOT NULL,"
    "  expires INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS codes_account ON codes(account);";

rs_status rs_access_fail(rs_roster *r, int rc, const char *what)
{
    rs_status st = RS_ERR_IO;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) st = RS_ERR_BUSY;
    else if (rc == SQLITE_NOMEM) st = RS_ERR_NOMEM;
    else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) st = RS_ERR_CORRUPT;
    else if (rc == SQLITE_FULL) st = RS_ERR_NOSPACE;
    return rs_fail(r, st, "%s/%s: %s: %s", r->dir, RS_ACCESS_FILE, what,
                   r->access ? sqlite3_errmsg(r->access) : sqlite3_errstr(rc));
}

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Settings and schema of the file just opened. The schema is made inside
 * one transaction, so two processes making it at once both succeed. */
static rs_status configure(rs_roster *r)
{
    sqlite3 *db = r->access;
    sqlite3_busy_timeout(db, 5000);
    int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                              "PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rs_access_fail(r, rc, "open");
    int v = user_version(db);
    if (v == RS_ACCESS_SCHEMA_VERSION) return RS_OK;
    if (v != 0)
        return rs_fail(r, RS_ERR_SCHEMA, "%s/%s: schema version %d, this roster reads %d", r->dir,
                       RS_ACCESS_FILE, v, RS_ACCESS_SCHEMA_VERSION);
    char sql[sizeof SCHEMA + 96];
    snprintf(sql, sizeof sql, "BEGIN IMMEDIATE;%sPRAGMA user_version=%d;COMMIT;", SCHEMA,
             RS_ACCESS_SCHEMA_VERSION);
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        rs_status st = rs_access_fail(r, rc, "create schema");
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return RS_OK;
}

rs_status rs_access_db(rs_roster *r, int create, sqlite3 **out)
{
    *out = NULL;
    if (r->access) {
        *out = r->access;
        return RS_OK;
    }
    if (!r->dir) return rs_fail(r, RS_ERR_NOT_FOUND, "no roster open");
    if (access(r->dir, W_OK) != 0)
        return rs_fail(r, RS_ERR_DENIED, "%s: this user may not write it, so nothing can be "
                                         "recorded in its access file", r->dir);
    size_t n = strlen(r->dir) + sizeof RS_ACCESS_FILE + 1;
    char *path = malloc(n);
    if (!path) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    snprintf(path, n, "%s/%s", r->dir, RS_ACCESS_FILE);
    struct stat sb;
    if (!create && stat(path, &sb) != 0) {
        rs_status st = errno == ENOENT ? RS_ERR_NOT_FOUND : RS_ERR_IO;
        rs_fail(r, st, "%s: %s", path, strerror(errno));
        free(path);
        return st;
    }
    int rc = sqlite3_open_v2(path, &r->access, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    rs_status st = rc == SQLITE_OK ? RS_OK : rs_access_fail(r, rc, "open");
    /* Who read whose record, and the accounts' hashes: the owner's only,
     * whatever the umask of the process that made it. */
    if (!st && chmod(path, 0600) != 0)
        st = rs_fail(r, RS_ERR_IO, "%s: cannot make it owner-only: %s", path, strerror(errno));
    free(path);
    if (!st) st = configure(r);
    if (st) {
        rs_access_close(r);
        return st;
    }
    *out = r->access;
    return RS_OK;
}

void rs_access_close(rs_roster *r)
{
    sqlite3_close(r->access);
    r->access = NULL;
}

int64_t rs_access_now(void) { return (int64_t)time(NULL); }

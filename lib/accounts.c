/*
 * Accounts of the web service, their one-time sign-in codes and sessions,
 * in the access file (lib/access.h).
 *
 * Tokens, codes and session keys are 256 random bits (libsodium's
 * randombytes_buf), shown once as URL-safe base64; only their BLAKE2b hash
 * (crypto_generichash) is stored. A fast hash is enough: slow password
 * hashes make guessing a low-entropy secret expensive, but nobody guesses
 * 256 random bits, so a leaked access file still yields no usable
 * credential. Rows are found by the hash (an index lookup: timing tells an
 * attacker about hash bytes he cannot choose), then the stored hash is
 * compared again in constant time (sodium_memcmp).
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/records.h"
#include "lib/access.h"

#define SECRET_BYTES 32
#define HASH_BYTES crypto_generichash_BYTES /* 32 */
#define CODE_SECONDS (5 * 60)               /* a sign-in link is valid 5 minutes */
#define SESSION_SECONDS (12 * 60 * 60)      /* a session lasts a working day */
#define NAME_MAX_LEN 64
#define NEXT_MAX_LEN 1024

/* $ROSTER_LINK_SECONDS, when set, shortens a link's life (1 to 300) so that
 * tests can see one expire without waiting. 0 when it is set but not that. */
static long link_seconds_set(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= 1 && n <= CODE_SECONDS ? n : 0;
}

long rs_login_link_seconds(void)
{
    const char *v = getenv("ROSTER_LINK_SECONDS");
    long n = v ? link_seconds_set(v) : 0;
    return n ? n : CODE_SECONDS;
}

static const char *role_name(rs_role role) { return role == RS_ROLE_EDITOR ? "editor" : "viewer"; }

static rs_status crypto_ready(rs_roster *r)
{
    return sodium_init() < 0 ? rs_fail(r, RS_ERR_IO, "libsodium cannot start") : RS_OK;
}

/* A new secret as text (*text malloc'd) and its hash. */
static rs_status new_secret(rs_roster *r, char **text, unsigned char hash[HASH_BYTES])
{
    unsigned char raw[SECRET_BYTES];
    size_t len = sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    *text = malloc(len);
    if (!*text) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(*text, len, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    crypto_generichash(hash, HASH_BYTES, (const unsigned char *)*text, strlen(*text), NULL, 0);
    return RS_OK;
}

static void hash_of(const char *text, unsigned char hash[HASH_BYTES])
{
    crypto_generichash(hash, HASH_BYTES, (const unsigned char *)text, strlen(text), NULL, 0);
}

/* Names are typed in commands and shown in the audit trail: letters,
 * digits and . _ - @, starting with a letter or digit. */
static int name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > NAME_MAX_LEN) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || !strchr("._-@", c))) return 0;
    }
    return 1;
}

/* A sign-in link leads only to a path of this service: "/..." but not
 * "//host" (another site) nor anything with a backslash or a control
 * character, which browsers may read as such. */
static int next_valid(const char *next)
{
    if (next[0] != '/' || next[1] == '/' || strlen(next) > NEXT_MAX_LEN) return 0;
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\') return 0;
    return 1;
}

/* Run a statement without rows; *changes gets the rows it changed. */
static rs_status run(rs_roster *r, sqlite3_stmt *q, const char *what, int *changes)
{
    int rc = sqlite3_step(q);
    if (changes) *changes = sqlite3_changes(sqlite3_db_handle(q));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? RS_OK : rs_access_fail(r, rc, what);
}

static rs_status prepare(rs_roster *r, sqlite3 *db, const char *sql, sqlite3_stmt **q)
{
    int rc = sqlite3_prepare_v2(db, sql, -1, q, NULL);
    return rc == SQLITE_OK ? RS_OK : rs_access_fail(r, rc, "prepare");
}

/* The access file for a change of accounts (made when absent). */
static rs_status writable(rs_roster *r, sqlite3 **db)
{
    rs_status st = crypto_ready(r);
    return st ? st : rs_access_db(r, 1, db);
}

rs_status rs_roster_user_add(rs_roster *r, const char *name, rs_role role, char **token)
{
    rs_begin(r);
    *token = NULL;
    if (!name_valid(name))
        return rs_fail(r, RS_ERR_INPUT, "account name '%.80s': 1 to %d letters, digits or . _ - @, "
                                        "starting with a letter or digit", name, NAME_MAX_LEN);
    if (role != RS_ROLE_VIEWER && role != RS_ROLE_EDITOR)
        return rs_fail(r, RS_ERR_INPUT, "role: viewer or editor");
    sqlite3 *db;
    rs_status st = writable(r, &db);
    if (st) return st;
    unsigned char hash[HASH_BYTES];
    char *text, when[RS_TIME_TEXT];
    if ((st = new_secret(r, &text, hash))) return st;
    rs_records_time_now(when);
    sqlite3_stmt *q;
    if ((st = prepare(r, db, "INSERT INTO accounts(name,role,token_hash,created) VALUES(?,?,?,?)",
                      &q))) {
        free(text);
        return st;
    }
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, role_name(role), -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 3, hash, HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, when, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_CONSTRAINT)
        st = rs_fail(r, RS_ERR_INPUT, "account '%s' exists (remove it first to make it anew)", name);
    else if (rc != SQLITE_DONE)
        st = rs_access_fail(r, rc, "add account");
    char *ids[] = {(char *)name};
    if (!st) st = rs_audit_note(r, role == RS_ROLE_EDITOR ? "user-add:editor" : "user-add:viewer",
                                ids, 1);
    if (st) {
        free(text);
        return st;
    }
    *token = text;
    return RS_OK;
}

rs_status rs_roster_user_remove(rs_roster *r, const char *name)
{
    rs_begin(r);
    sqlite3 *db;
    rs_status st = rs_access_db(r, 0, &db);
    if (st == RS_ERR_NOT_FOUND) return rs_fail(r, st, "no account '%.80s'", name);
    if (st) return st;
    sqlite3_stmt *q;
    int changed = 0;
    /* Its sessions and codes go with it (ON DELETE CASCADE). */
    if ((st = prepare(r, db, "DELETE FROM accounts WHERE name=?", &q))) return st;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    if ((st = run(r, q, "remove account", &changed))) return st;
    if (!changed) return rs_fail(r, RS_ERR_NOT_FOUND, "no account '%.80s'", name);
    char *ids[] = {(char *)name};
    return rs_audit_note(r, "user-remove", ids, 1);
}

static rs_status print_users(const rs_answer *a, FILE *f)
{
    size_t i;
    json_t *u;
    if (json_array_size(a->json) == 0) fprintf(f, "no accounts\n");
    json_array_foreach(a->json, i, u) {
        json_int_t n = json_integer_value(json_object_get(u, "sessions"));
        fprintf(f, "%-24s %-7s created %s  %" JSON_INTEGER_FORMAT " open session%s\n",
                json_string_value(json_object_get(u, "name")),
                json_string_value(json_object_get(u, "role")),
                json_string_value(json_object_get(u, "created")), n, n == 1 ? "" : "s");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_users(rs_roster *r, rs_answer **out)
{
    rs_begin(r);
    *out = NULL;
    json_t *arr = json_array();
    if (!arr) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    sqlite3 *db;
    rs_status st = rs_access_db(r, 0, &db);
    if (st == RS_ERR_NOT_FOUND) {
        r->message[0] = '\0';
        st = RS_OK;
        db = NULL;
    }
    sqlite3_stmt *q = NULL;
    if (!st && db)
        st = prepare(r, db, "SELECT name, role, created, (SELECT count(*) FROM sessions s WHERE "
                            "s.account=a.name AND s.expires > ?) FROM accounts a ORDER BY name", &q);
    if (q) {
        int rc;
        sqlite3_bind_int64(q, 1, rs_access_now());
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            json_t *u = json_pack("{s:s, s:s, s:s, s:I}", "name", sqlite3_column_text(q, 0),
                                  "role", sqlite3_column_text(q, 1), "created",
                                  sqlite3_column_text(q, 2), "sessions",
                                  (json_int_t)sqlite3_column_int64(q, 3));
            if (json_array_append_new(arr, u) != 0) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        if (rc != SQLITE_DONE) st = rs_access_fail(r, rc, "read accounts");
        sqlite3_finalize(q);
    }
    if (st) {
        json_decref(arr);
        return st;
    }
    if (!(*out = rs_answer_new(arr, RS_OUTCOME_DONE, print_users, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

rs_status rs_roster_login_link(rs_roster *r, const char *name, const char *next, char **code)
{
    rs_begin(r);
    *code = NULL;
    if (!next) next = "/";
    if (!next_valid(next))
        return rs_fail(r, RS_ERR_INPUT, "--next '%.80s': a path of this service, starting with "
                                        "one '/'", next);
    const char *v = getenv("ROSTER_LINK_SECONDS");
    if (v && !link_seconds_set(v))
        return rs_fail(r, RS_ERR_INPUT, "$ROSTER_LINK_SECONDS '%.20s': expected 1 to %d seconds",
                       v, CODE_SECONDS);
    sqlite3 *db;
    rs_status st = writable(r, &db);
    if (st) return st;
    unsigned char hash[HASH_BYTES];
    char *text;
    if ((st = new_secret(r, &text, hash))) return st;
    sqlite3_stmt *q;
    int changed = 0;
    /* Inserted only when the account exists: one statement, no race with a
     * removal. Spent and expired codes are cleared on the way. */
    st = prepare(r, db, "INSERT INTO codes(hash,account,next,expires) "
                        "SELECT ?,name,?,? FROM accounts WHERE name=?", &q);
    if (!st) {
        sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, next, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, rs_access_now() + rs_login_link_seconds());
        sqlite3_bind_text(q, 4, name, -1, SQLITE_STATIC);
        st = run(r, q, "make a sign-in code", &changed);
    }
    if (!st && !changed) st = rs_fail(r, RS_ERR_NOT_FOUND, "no account '%.80s'", name);
    char *ids[] = {(char *)name};
    if (!st) st = rs_audit_note(r, "login-link", ids, 1);
    if (st) {
        free(text);
        return st;
    }
    *code = text;
    return RS_OK;
}

/* The account (and role) that `sql` finds for this secret's hash (?1) and
 * the time now (?2, when the secret expires). RS_ERR_DENIED when none. */
static rs_status holder(rs_roster *r, const char *sql, const char *secret, char **name,
                        rs_role *role)
{
    *name = NULL;
    rs_status st = crypto_ready(r);
    sqlite3 *db;
    if (!st) st = rs_access_db(r, 0, &db);
    if (st == RS_ERR_NOT_FOUND) return rs_fail(r, RS_ERR_DENIED, "not a valid credential");
    if (st) return st;
    unsigned char hash[HASH_BYTES];
    hash_of(secret, hash);
    sqlite3_stmt *q;
    if ((st = prepare(r, db, sql, &q))) return st;
    sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(q) == 2) sqlite3_bind_int64(q, 2, rs_access_now());
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 2) == HASH_BYTES &&
        sodium_memcmp(sqlite3_column_blob(q, 2), hash, HASH_BYTES) == 0) {
        *role = strcmp((const char *)sqlite3_column_text(q, 1), "editor") == 0 ? RS_ROLE_EDITOR
                                                                               : RS_ROLE_VIEWER;
        if (!(*name = strdup((const char *)sqlite3_column_text(q, 0))))
            st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        st = rs_fail(r, RS_ERR_DENIED, "not a valid credential");
    } else {
        st = rs_access_fail(r, rc, "read accounts");
    }
    sqlite3_finalize(q);
    return st;
}

rs_status rs_roster_token_account(rs_roster *r, const char *token, char **name, rs_role *role)
{
    rs_begin(r);
    /* A token lasts until its account is removed. */
    return holder(r, "SELECT name, role, token_hash FROM accounts WHERE token_hash=?1",
                  token, name, role);
}

rs_status rs_roster_session_account(rs_roster *r, const char *session, char **name,
                                    rs_role *role)
{
    rs_begin(r);
    return holder(r, "SELECT a.name, a.role, s.hash FROM sessions s JOIN accounts a ON "
                     "a.name=s.account WHERE s.hash=?1 AND s.expires > ?2",
                  session, name, role);
}

/* Spend the code (hash) inside the open transaction: its account and
 * `next` (malloc'd), the code deleted. RS_ERR_DENIED when unknown, spent or
 * expired. */
static rs_status spend_code(rs_roster *r, sqlite3 *db, const unsigned char *hash, char **account,
                            char **next)
{
    sqlite3_stmt *q;
    rs_status st = prepare(r, db, "SELECT account, next, hash FROM codes WHERE hash=? AND "
                                  "expires > ?", &q);
    if (st) return st;
    sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, rs_access_now());
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 2) == HASH_BYTES &&
        sodium_memcmp(sqlite3_column_blob(q, 2), hash, HASH_BYTES) == 0) {
        *account = strdup((const char *)sqlite3_column_text(q, 0));
        *next = strdup((const char *)sqlite3_column_text(q, 1));
        if (!*account || !*next) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        st = rs_fail(r, RS_ERR_DENIED, "this sign-in link is unknown, used or expired");
    } else {
        st = rs_access_fail(r, rc, "read sign-in codes");
    }
    sqlite3_finalize(q);
    /* Used once: gone, and expired ones with it. */
    if (!st && !(st = prepare(r, db, "DELETE FROM codes WHERE hash=? OR expires <= ?", &q))) {
        sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, rs_access_now());
        st = run(r, q, "spend a sign-in code", NULL);
    }
    return st;
}

static rs_status open_session(rs_roster *r, sqlite3 *db, const char *account, char **session)
{
    unsigned char hash[HASH_BYTES];
    rs_status st = new_secret(r, session, hash);
    sqlite3_stmt *q;
    if (!st && !(st = prepare(r, db, "DELETE FROM sessions WHERE expires <= ?", &q))) {
        sqlite3_bind_int64(q, 1, rs_access_now());
        st = run(r, q, "clear ended sessions", NULL);
    }
    if (!st && !(st = prepare(r, db, "INSERT INTO sessions(hash,account,expires) VALUES(?,?,?)",
                              &q))) {
        sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, account, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, rs_access_now() + SESSION_SECONDS);
        st = run(r, q, "open a session", NULL);
    }
    if (st) {
        free(*session);
        *session = NULL;
    }
    return st;
}

rs_status rs_roster_login(rs_roster *r, const char *code, char **session, char **next)
{
    rs_begin(r);
    *session = *next = NULL;
    rs_status st = crypto_ready(r);
    sqlite3 *db;
    if (!st) st = rs_access_db(r, 0, &db);
    if (st == RS_ERR_NOT_FOUND) return rs_fail(r, RS_ERR_DENIED, "this sign-in link is unknown");
    if (st) return st;
    unsigned char hash[HASH_BYTES];
    hash_of(code, hash);
    /* One transaction: two browsers spending one code cannot both win. */
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rs_access_fail(r, rc, "sign in");
    char *account = NULL;
    st = spend_code(r, db, hash, &account, next);
    if (!st) st = open_session(r, db, account, session);
    if (!st && (rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
        st = rs_access_fail(r, rc, "sign in");
    if (st) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        free(*session);
        free(*next);
        *session = *next = NULL;
    }
    free(account);
    return st;
}

rs_status rs_roster_logout(rs_roster *r, const char *session)
{
    rs_begin(r);
    sqlite3 *db;
    rs_status st = crypto_ready(r);
    if (!st) st = rs_access_db(r, 0, &db);
    /* No access file: no session to end. Ending one twice is no error. */
    if (st == RS_ERR_NOT_FOUND) {
        r->message[0] = '\0';
        return RS_OK;
    }
    if (st) return st;
    unsigned char hash[HASH_BYTES];
    hash_of(session, hash);
    sqlite3_stmt *q;
    if ((st = prepare(r, db, "DELETE FROM sessions WHERE hash=?", &q))) return st;
    sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
    return run(r, q, "end a session", NULL);
}

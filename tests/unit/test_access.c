/*
 * The access file (lib/access.c, lib/accounts.c, lib/audit.c): accounts and
 * their tokens, one-time sign-in codes, sessions, and the audit trail, each
 * verb through lib/roster.h with its error branches. Each test works in its
 * own mkdtemp directory.
 */
#define _GNU_SOURCE /* memmem, nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "lib/roster.h"
#include "tests/unit/scratch.h"

typedef rs_test_roster scratch;

static int setup(void **state)
{
    return (*state = rs_test_roster_new("rs-access")) ? 0 : -1;
}

static int teardown(void **state)
{
    rs_test_roster_free(*state);
    return 0;
}

/* Run SQL on the access file from outside the library (to age a code). */
static void access_sql(scratch *s, const char *sql)
{
    char path[160];
    snprintf(path, sizeof path, "%s/access.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Whether the bytes of text appear in any file of the data directory. */
static int on_disk(scratch *s, const char *text)
{
    static const char *const names[] = {"access.sqlite", "access.sqlite-wal"};
    int found = 0;
    for (size_t i = 0; i < 2; i++) {
        char path[160];
        snprintf(path, sizeof path, "%s/%s", s->data, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        char *buf = NULL;
        size_t cap = 0, n = 0, got;
        char chunk[65536];
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
            if (n + got > cap) buf = realloc(buf, cap = 2 * (n + got));
            assert_non_null(buf);
            memcpy(buf + n, chunk, got);
            n += got;
        }
        fclose(f);
        if (buf && memmem(buf, n, text, strlen(text))) found = 1;
        free(buf);
    }
    return found;
}

static void test_user_add_and_token(void **state)
{
    scratch *s = *state;
    char *token = NULL, *name = NULL;
    rs_role role = RS_ROLE_VIEWER;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &token), RS_OK);
    assert_non_null(token);
    assert_int_equal(strlen(token), 43); /* 256 bits, URL-safe base64 without padding */
    assert_int_equal(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789-_"), 43);
    assert_int_equal(rs_roster_token_account(s->r, token, &name, &role), RS_OK);
    assert_string_equal(name, "ana");
    assert_int_equal(role, RS_ROLE_EDITOR);
    free(name);
    /* Only its hash is kept. */
    assert_false(on_disk(s, token));
    struct stat st;
    char path[160];
    snprintf(path, sizeof path, "%s/access.sqlite", s->data);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* A wrong token, and one a character off. */
    assert_int_equal(rs_roster_token_account(s->r, "nope", &name, &role), RS_ERR_DENIED);
    assert_null(name);
    token[0] = token[0] == 'A' ? 'B' : 'A';
    assert_int_equal(rs_roster_token_account(s->r, token, &name, &role), RS_ERR_DENIED);
    free(token);
}

static void test_user_add_refuses(void **state)
{
    scratch *s = *state;
    char *token = NULL;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_VIEWER, &token), RS_OK);
    free(token);
    token = NULL;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &token), RS_ERR_INPUT);
    assert_null(token);
    assert_non_null(strstr(rs_roster_message(s->r), "account 'ana' exists"));
    assert_int_equal(rs_roster_user_add(s->r, "", RS_ROLE_EDITOR, &token), RS_ERR_INPUT);
    assert_int_equal(rs_roster_user_add(s->r, "-x", RS_ROLE_EDITOR, &token), RS_ERR_INPUT);
    assert_int_equal(rs_roster_user_add(s->r, "a b", RS_ROLE_EDITOR, &token), RS_ERR_INPUT);
    assert_int_equal(rs_roster_user_add(s->r, "a\x1b[2J", RS_ROLE_EDITOR, &token), RS_ERR_INPUT);
    assert_int_equal(rs_roster_user_add(s->r, "bo", (rs_role)7, &token), RS_ERR_INPUT);
    assert_null(token);
    /* The refused ones left nothing. */
    rs_answer *a;
    assert_int_equal(rs_roster_users(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 1);
    rs_answer_free(a);
}

static void test_users_list(void **state)
{
    scratch *s = *state;
    rs_answer *a;
    /* No account yet: an empty list, and no file made by the reading. */
    assert_int_equal(rs_roster_users(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 0);
    rs_answer_free(a);
    char path[160];
    snprintf(path, sizeof path, "%s/access.sqlite", s->data);
    assert_int_equal(access(path, F_OK), -1);
    char *t1, *t2;
    assert_int_equal(rs_roster_user_add(s->r, "zoe", RS_ROLE_VIEWER, &t1), RS_OK);
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &t2), RS_OK);
    free(t1);
    free(t2);
    assert_int_equal(rs_roster_users(s->r, &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_int_equal(json_array_size(j), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "name")), "ana");
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "role")), "editor");
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 1), "role")), "viewer");
    assert_null(json_object_get(json_array_get(j, 0), "token_hash"));
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rs_answer_print(a, f), RS_OK);
    fclose(f);
    assert_non_null(strstr(text, "ana "));
    assert_non_null(strstr(text, "viewer"));
    free(text);
    rs_answer_free(a);
}

static void test_login_link_once(void **state)
{
    scratch *s = *state;
    char *token, *code = NULL, *session = NULL, *next = NULL, *name = NULL;
    rs_role role;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_VIEWER, &token), RS_OK);
    free(token);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/requests/A1", &code), RS_OK);
    assert_int_equal(strlen(code), 43);
    assert_false(on_disk(s, code));
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_OK);
    assert_string_equal(next, "/requests/A1");
    assert_int_equal(rs_roster_session_account(s->r, session, &name, &role), RS_OK);
    assert_string_equal(name, "ana");
    assert_int_equal(role, RS_ROLE_VIEWER);
    free(name);
    assert_false(on_disk(s, session));
    /* Spent: a second use fails and gives nothing. */
    char *session2 = NULL, *next2 = NULL;
    assert_int_equal(rs_roster_login(s->r, code, &session2, &next2), RS_ERR_DENIED);
    assert_null(session2);
    assert_null(next2);
    /* A session is no token, nor a token a session. */
    assert_int_equal(rs_roster_token_account(s->r, session, &name, &role), RS_ERR_DENIED);
    /* Logged out: the session is gone; ending it again is no error. */
    assert_int_equal(rs_roster_logout(s->r, session), RS_OK);
    assert_int_equal(rs_roster_session_account(s->r, session, &name, &role), RS_ERR_DENIED);
    assert_int_equal(rs_roster_logout(s->r, session), RS_OK);
    free(code);
    free(session);
    free(next);
    /* Without --next: the home page. */
    assert_int_equal(rs_roster_login_link(s->r, "ana", NULL, &code), RS_OK);
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_OK);
    assert_string_equal(next, "/");
    free(code);
    free(session);
    free(next);
}

static void test_login_link_refuses(void **state)
{
    scratch *s = *state;
    char *token, *code = NULL;
    assert_int_equal(rs_roster_login_link(s->r, "ghost", NULL, &code), RS_ERR_NOT_FOUND);
    assert_non_null(strstr(rs_roster_message(s->r), "no account 'ghost'"));
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_VIEWER, &token), RS_OK);
    free(token);
    static const char *const bad[] = {"requests", "//evil.example/x", "/\\evil", "/a\nb",
                                      "http://evil.example/", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(rs_roster_login_link(s->r, "ana", bad[i], &code), RS_ERR_INPUT);
        assert_null(code);
    }
    char *session = NULL, *next = NULL;
    assert_int_equal(rs_roster_login(s->r, "made-up", &session, &next), RS_ERR_DENIED);
    assert_null(session);
}

static void test_login_link_expires(void **state)
{
    scratch *s = *state;
    char *token, *code, *session = NULL, *next = NULL, *name;
    rs_role role;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_VIEWER, &token), RS_OK);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/x", &code), RS_OK);
    /* Six minutes later. */
    access_sql(s, "UPDATE codes SET expires = expires - 360");
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_ERR_DENIED);
    assert_null(session);
    free(code);
    /* An expired session likewise. */
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/x", &code), RS_OK);
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_OK);
    access_sql(s, "UPDATE sessions SET expires = expires - 13 * 3600");
    assert_int_equal(rs_roster_session_account(s->r, session, &name, &role), RS_ERR_DENIED);
    free(code);
    free(session);
    free(next);
    /* $ROSTER_LINK_SECONDS shortens a link's life (for tests of expiry). */
    setenv("ROSTER_LINK_SECONDS", "1", 1);
    assert_int_equal(rs_login_link_seconds(), 1);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/x", &code), RS_OK);
    /* Anything but 1 to 300 is refused, not quietly replaced. */
    const char *bad[] = {"abc", "0", "301", "", "5s"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *none = NULL;
        setenv("ROSTER_LINK_SECONDS", bad[i], 1);
        assert_int_equal(rs_roster_login_link(s->r, "ana", "/x", &none), RS_ERR_INPUT);
        assert_null(none);
        assert_non_null(strstr(rs_roster_message(s->r), "$ROSTER_LINK_SECONDS"));
    }
    unsetenv("ROSTER_LINK_SECONDS");
    assert_int_equal(rs_login_link_seconds(), 300);
    sleep(2);
    session = NULL;
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_ERR_DENIED);
    assert_null(session);
    free(code);
    free(token);
}

static void test_user_remove(void **state)
{
    scratch *s = *state;
    char *token, *code, *session, *next, *name;
    rs_role role;
    assert_int_equal(rs_roster_user_remove(s->r, "ana"), RS_ERR_NOT_FOUND);
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &token), RS_OK);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/", &code), RS_OK);
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_OK);
    free(code);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/", &code), RS_OK);
    assert_int_equal(rs_roster_user_remove(s->r, "ana"), RS_OK);
    /* Token, session and the unspent code all end with it. */
    assert_int_equal(rs_roster_token_account(s->r, token, &name, &role), RS_ERR_DENIED);
    assert_int_equal(rs_roster_session_account(s->r, session, &name, &role), RS_ERR_DENIED);
    free(session);
    free(next);
    assert_int_equal(rs_roster_login(s->r, code, &session, &next), RS_ERR_DENIED);
    assert_int_equal(rs_roster_user_remove(s->r, "ana"), RS_ERR_NOT_FOUND);
    /* The name may be used again, with a new token. */
    char *token2;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_VIEWER, &token2), RS_OK);
    assert_string_not_equal(token, token2);
    free(token);
    free(token2);
    free(code);
}

/* The audit rows as "user action id,id" lines. */
static char *audit_lines(rs_roster *r, const char *since)
{
    rs_answer *a;
    assert_int_equal(rs_roster_audit(r, since, &a), RS_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    size_t i;
    json_t *row;
    json_array_foreach(rs_answer_json(a), i, row) {
        const char *t = json_string_value(json_object_get(row, "time"));
        assert_int_equal(strlen(t), 24); /* 2026-12-03T00:10:40.123Z */
        assert_int_equal(t[10], 'T');
        fprintf(f, "%s %s", json_string_value(json_object_get(row, "user")),
                json_string_value(json_object_get(row, "action")));
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(row, "ids"), k, id)
            fprintf(f, "%c%s", k ? ',' : ' ', json_string_value(id));
        fputc('\n', f);
    }
    fclose(f);
    rs_answer_free(a);
    return text;
}

static void test_audit_trail(void **state)
{
    scratch *s = *state;
    char *lines = audit_lines(s->r, NULL);
    assert_string_equal(lines, ""); /* nothing recorded yet */
    free(lines);
    char *token, *code;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &token), RS_OK);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/", &code), RS_OK);
    assert_int_equal(rs_roster_set_account(s->r, "ana"), RS_OK);
    assert_int_equal(rs_roster_user_remove(s->r, "ana"), RS_OK);
    lines = audit_lines(s->r, NULL);
    assert_string_equal(lines, "tester user-add:editor ana\n"
                               "tester login-link ana\n"
                               "ana user-remove ana\n");
    free(lines);
    /* --since: a day to come has nothing yet; one past has it all. */
    lines = audit_lines(s->r, "2200-01-01");
    assert_string_equal(lines, "");
    free(lines);
    lines = audit_lines(s->r, "2000-01");
    assert_int_equal(strlen(lines) > 0, 1);
    free(lines);
    rs_answer *a = NULL;
    assert_int_equal(rs_roster_audit(s->r, "01/02/2026", &a), RS_ERR_INPUT);
    assert_null(a);
    assert_non_null(strstr(rs_roster_message(s->r), "bad date"));
    /* The text form: one line each. */
    assert_int_equal(rs_roster_audit(s->r, NULL, &a), RS_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rs_answer_print(a, f), RS_OK);
    fclose(f);
    assert_non_null(strstr(text, "Z tester user-add:editor ana\n"));
    free(text);
    rs_answer_free(a);
    free(token);
    free(code);
}

/* A second handle on the same directory sees what the first recorded, and
 * a code made by one is spent by the other (the CLI makes, the server spends). */
static void test_two_handles(void **state)
{
    scratch *s = *state;
    char *token, *code, *session, *next, *name;
    rs_role role;
    rs_roster *other;
    assert_int_equal(rs_roster_user_add(s->r, "ana", RS_ROLE_EDITOR, &token), RS_OK);
    assert_int_equal(rs_roster_open(s->data, RS_OPEN_READ, "server", &other), RS_OK);
    assert_int_equal(rs_roster_login_link(s->r, "ana", "/report", &code), RS_OK);
    assert_int_equal(rs_roster_login(other, code, &session, &next), RS_OK);
    assert_int_equal(rs_roster_session_account(s->r, session, &name, &role), RS_OK);
    assert_int_equal(role, RS_ROLE_EDITOR);
    free(name);
    assert_int_equal(rs_roster_token_account(other, token, &name, &role), RS_OK);
    free(name);
    rs_roster_close(other);
    free(token);
    free(code);
    free(session);
    free(next);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_user_add_and_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_add_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_users_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_link_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_link_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_link_expires, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_trail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

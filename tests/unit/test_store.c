/*
 * The store of record: creation, schema version, the round trip of a full
 * record, replacement, erasing and its tombstones, change numbers, rollback,
 * the write lock of a second connection, damaged files and sizes. Each test
 * works in its own mkdtemp directory.
 */
#define _GNU_SOURCE /* memmem, nftw */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/record.h"
#include "core/store.h"
#include "tests/unit/scratch.h"

/* ---- fixture: a scratch directory ---- */

typedef struct {
    char dir[64];
    char file[128]; /* dir/roster.sqlite */
} scratch;

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-store-XXXXXX");
    if (!mkdtemp(s->dir)) { free(s); return -1; }
    snprintf(s->file, sizeof s->file, "%s/%s", s->dir, RS_STORE_FILE);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    scratch *s = *state;
    int rc = rs_test_remove_tree(s->dir);
    free(s);
    return rc;
}

static rs_store *open_store(const scratch *s)
{
    rs_store *st = NULL;
    char *err = NULL;
    rs_status rc = rs_store_open(s->dir, &st, &err);
    if (rc) fprintf(stderr, "open: %s\n", err ? err : "?");
    assert_int_equal(rc, RS_OK);
    assert_null(err);
    assert_non_null(st);
    return st;
}

/* An expert from one JSON line; the test fails on an invalid record. */
static void expert(const char *json, rs_expert *e)
{
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(json, strlen(json), "test", 1, e, &d);
    if (rc) rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    assert_int_equal(rc, 0);
}

static void put_json(rs_store *st, const char *json)
{
    rs_expert e;
    expert(json, &e);
    assert_int_equal(rs_store_put(st, &e), RS_OK);
    rs_expert_free(&e);
}

static int64_t change_of(rs_store *st)
{
    int64_t c = -1;
    assert_int_equal(rs_store_change(st, &c), RS_OK);
    return c;
}

static int64_t count_of(rs_store *st)
{
    int64_t c = -1;
    assert_int_equal(rs_store_count(st, &c), RS_OK);
    return c;
}

/* Run SQL on the file through a second connection of our own. */
static void sql(const scratch *s, const char *text)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(s->file, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, text, NULL, NULL, &msg);
    if (rc) fprintf(stderr, "%s: %s\n", text, msg);
    sqlite3_free(msg);
    sqlite3_close(db);
    assert_int_equal(rc, SQLITE_OK);
}

/* One text column of the expert row `id`, malloc'd ("" for NULL). */
static char *column(const scratch *s, const char *col, const char *id)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char q[128];
    snprintf(q, sizeof q, "SELECT %s FROM experts WHERE id=?", col);
    assert_int_equal(sqlite3_open(s->file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    char *out = strdup(v ? (const char *)v : "");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void assert_column(const scratch *s, const char *col, const char *id, const char *want)
{
    char *got = column(s, col, id);
    assert_string_equal(got, want);
    free(got);
}

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(rs_date_parse(s, 0, &d), 0);
    return d;
}

/* Whole file into memory; *len its size. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { *len = 0; return NULL; }
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) buf = realloc(buf, cap = cap * 2 + 4096);
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static int file_holds(const char *path, const char *needle)
{
    size_t len;
    char *buf = slurp(path, &len);
    int found = buf && memmem(buf, len, needle, strlen(needle)) != NULL;
    free(buf);
    return found;
}

static const char FULL[] =
    "{\"id\":\"EXP-1\",\"name\":\"Ana María Pérez\",\"gender\":\"F\","
    "\"nationalities\":[\"ES\",\"PT\"],\"residence\":\"BE\",\"status\":\"retired_public\","
    "\"employer\":\"Ministerio de Trabajo\","
    "\"languages\":[{\"code\":\"es\",\"level\":\"native\"},{\"code\":\"fr\",\"level\":\"C1\"}],"
    "\"fields\":[\"E.10.01\",\"B\"],\"competences\":[\"2.1\",\"X\"],"
    "\"summary\":\"Pensiones y seguridad social.\",\"cv_lang\":\"es\","
    "\"experience\":[{\"from\":\"2010-01\",\"to\":\"2015-06-30\",\"employer\":\"INSS\","
    "\"role\":\"Jefa\",\"country\":\"ES\",\"text\":\"Reforma\"},{\"from\":\"2016-02\"}],"
    "\"education\":[{\"year\":1990,\"degree\":\"Licenciatura\",\"field\":\"Derecho\","
    "\"institution\":\"UCM\"}],"
    "\"missions\":[{\"action\":\"SN-12\",\"country\":\"SN\",\"from\":\"2024-03-01\","
    "\"to\":\"2024-03-12\",\"days\":10,\"role\":\"lead\"}],"
    "\"unavailable\":[{\"from\":\"2027-03-01\",\"to\":\"2027-03-20\"}],"
    "\"registered\":\"2019-05-02\",\"hobby\":\"chess\"}";

/* ---- tests ---- */

static void test_error_strings(void **state)
{
    (void)state;
    assert_string_equal(rs_status_to_string(RS_OK), "ok");
    assert_string_equal(rs_status_to_string(RS_ERR_NOMEM), "out of memory");
    assert_string_equal(rs_status_to_string(RS_ERR_IO), "input/output error");
    assert_string_equal(rs_status_to_string(RS_ERR_BUSY),
                        "busy: another process is writing to the roster");
    assert_string_equal(rs_status_to_string(RS_ERR_CORRUPT), "data is corrupt");
    assert_string_equal(rs_status_to_string(RS_ERR_SCHEMA),
                        "store was made by another version of roster");
    assert_string_equal(rs_status_to_string(RS_ERR_NOT_FOUND), "not found");
    assert_string_equal(rs_status_to_string(RS_ERR_INPUT), "bad input");
    assert_string_equal(rs_status_to_string(RS_ERR_INDEX), "search index error");
    assert_string_equal(rs_status_to_string((rs_status)99), "unknown error");
}

static void test_create(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(change_of(st), 0);
    assert_int_equal(count_of(st), 0);
    assert_string_equal(rs_store_error(st), "");
    struct stat sb;
    assert_int_equal(stat(s->file, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_true(rs_store_bytes(st) >= sb.st_size);
    rs_store_close(st);

    /* The schema version is written, and a second open accepts it. */
    sqlite3 *db;
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_open(s->file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), RS_STORE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    sqlite3_close(db);
    st = open_store(s);
    assert_int_equal(change_of(st), 0);
    rs_store_close(st);
    rs_store_close(NULL); /* a no-op */
}

static void test_schema_version(void **state)
{
    scratch *s = *state;
    sql(s, "PRAGMA user_version=7");
    rs_store *st = (rs_store *)1;
    char *err = NULL;
    assert_int_equal(rs_store_open(s->dir, &st, &err), RS_ERR_SCHEMA);
    assert_null(st);
    assert_non_null(err);
    char want[256];
    snprintf(want, sizeof want, "%s: schema version 7, this roster reads versions 2 to 4", s->file);
    assert_string_equal(err, want);
    free(err);
    /* Without an err pointer the failure is still reported by its code. */
    assert_int_equal(rs_store_open(s->dir, &st, NULL), RS_ERR_SCHEMA);
}

static void test_missing_directory(void **state)
{
    scratch *s = *state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/no/such/dir", s->dir);
    rs_store *st;
    char *err = NULL;
    assert_int_equal(rs_store_open(dir, &st, &err), RS_ERR_IO);
    assert_null(st);
    assert_non_null(err);
    assert_non_null(strstr(err, "/no/such/dir/roster.sqlite: open: unable to open database file"));
    free(err);
}

static void test_corrupt_file(void **state)
{
    scratch *s = *state;
    FILE *f = fopen(s->file, "wb");
    assert_non_null(f);
    for (int i = 0; i < 512; i++) fputs("not a database ", f);
    fclose(f);
    rs_store *st;
    char *err = NULL;
    assert_int_equal(rs_store_open(s->dir, &st, &err), RS_ERR_CORRUPT);
    assert_null(st);
    assert_non_null(err);
    /* Names the file and says what is wrong, in a line a user can act on. */
    char want[256];
    snprintf(want, sizeof want, "%s: open: file is not a database", s->file);
    assert_string_equal(err, want);
    free(err);
}

static void test_round_trip(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    rs_expert in;
    expert(FULL, &in);
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_put(st, &in), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(count_of(st), 1);
    assert_int_equal(change_of(st), 1);

    rs_expert e;
    assert_int_equal(rs_store_get(st, "EXP-1", &e), RS_OK);
    assert_string_equal(e.id, "EXP-1");
    assert_string_equal(e.name, "Ana María Pérez");
    assert_int_equal(e.gender, 'F');
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[0], "ES");
    assert_string_equal(e.nationalities[1], "PT");
    assert_string_equal(e.residence, "BE");
    assert_int_equal(e.status, RS_SECTOR_RETIRED_PUBLIC);
    assert_string_equal(e.employer, "Ministerio de Trabajo");
    assert_int_equal(e.n_languages, 2);
    assert_string_equal(e.languages[0].code, "es");
    assert_int_equal(e.languages[0].level, RS_CEFR_NATIVE);
    assert_string_equal(e.languages[1].code, "fr");
    assert_int_equal(e.languages[1].level, RS_CEFR_C1);
    assert_int_equal(e.n_fields, 2);
    assert_string_equal(e.fields[0], "E.10.01");
    assert_string_equal(e.fields[1], "B");
    assert_int_equal(e.n_competences, 2);
    assert_string_equal(e.competences[0], "2.1");
    assert_string_equal(e.competences[1], "X");
    assert_string_equal(e.summary, "Pensiones y seguridad social.");
    assert_string_equal(e.cv_lang, "es");
    assert_int_equal(e.n_experience, 2);
    assert_int_equal(e.experience[0].when.from, day("2010-01-01"));
    assert_int_equal(e.experience[0].when.to, day("2015-06-30"));
    assert_string_equal(e.experience[0].employer, "INSS");
    assert_string_equal(e.experience[0].role, "Jefa");
    assert_string_equal(e.experience[0].country, "ES");
    assert_string_equal(e.experience[0].text, "Reforma");
    assert_int_equal(e.experience[1].when.from, day("2016-02-01"));
    assert_int_equal(e.experience[1].when.to, RS_DATE_OPEN);
    assert_null(e.experience[1].employer);
    assert_int_equal(e.n_education, 1);
    assert_int_equal(e.education[0].year, 1990);
    assert_string_equal(e.education[0].degree, "Licenciatura");
    assert_string_equal(e.education[0].field, "Derecho");
    assert_string_equal(e.education[0].institution, "UCM");
    assert_int_equal(e.n_missions, 1);
    assert_string_equal(e.missions[0].action, "SN-12");
    assert_string_equal(e.missions[0].country, "SN");
    assert_int_equal(e.missions[0].when.from, day("2024-03-01"));
    assert_int_equal(e.missions[0].when.to, day("2024-03-12"));
    assert_int_equal(e.missions[0].days, 10);
    assert_int_equal(e.missions[0].lead, 1);
    assert_int_equal(e.n_unavailable, 1);
    assert_int_equal(e.unavailable[0].from, day("2027-03-01"));
    assert_int_equal(e.unavailable[0].to, day("2027-03-20"));
    assert_int_equal(e.registered, day("2019-05-02"));
    /* The record is kept as imported, unknown keys included. */
    assert_string_equal(e.record, in.record);
    assert_non_null(strstr(e.record, "\"hobby\":\"chess\""));
    rs_expert_free(&e);

    char *text;
    assert_int_equal(rs_store_get_record(st, "EXP-1", &text), RS_OK);
    assert_string_equal(text, in.record);
    free(text);

    /* The normalised columns. */
    assert_column(s, "name", "EXP-1", "Ana María Pérez");
    assert_column(s, "name_folded", "EXP-1", "ana maria perez");
    assert_column(s, "gender", "EXP-1", "F");
    assert_column(s, "status", "EXP-1", "retired_public");
    assert_column(s, "nationalities", "EXP-1", "ES PT");
    assert_column(s, "languages", "EXP-1", "es:native fr:C1");
    assert_column(s, "fields", "EXP-1", "E.10.01 B");
    assert_column(s, "competences", "EXP-1", "2.1 X");
    assert_column(s, "cv_lang", "EXP-1", "es");
    assert_column(s, "change", "EXP-1", "1");
    rs_expert_free(&in);
    rs_store_close(st);
}

static void test_minimal_record(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"m\",\"name\":\"Min\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    /* Absent gender and status are NULL columns, empty lists empty strings. */
    sqlite3 *db;
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_open(s->file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT gender IS NULL, status IS NULL, languages, "
                                            "fields, competences, cv_lang FROM experts", -1, &q,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 1);
    assert_int_equal(sqlite3_column_int(q, 1), 1);
    assert_string_equal((const char *)sqlite3_column_text(q, 2), "");
    assert_string_equal((const char *)sqlite3_column_text(q, 3), "");
    assert_string_equal((const char *)sqlite3_column_text(q, 4), "");
    assert_string_equal((const char *)sqlite3_column_text(q, 5), "en");
    sqlite3_finalize(q);
    sqlite3_close(db);
    rs_expert e;
    assert_int_equal(rs_store_get(st, "m", &e), RS_OK);
    assert_int_equal(e.gender, 0);
    assert_int_equal(e.status, RS_SECTOR_NONE);
    assert_int_equal(e.n_languages, 0);
    rs_expert_free(&e);
    rs_store_close(st);
}

static void test_not_found(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    rs_expert e;
    char *text = (char *)1;
    assert_int_equal(rs_store_get(st, "nobody", &e), RS_ERR_NOT_FOUND);
    assert_string_equal(rs_store_error(st), "no expert with id 'nobody'");
    assert_int_equal(rs_store_get_record(st, "nobody", &text), RS_ERR_NOT_FOUND);
    assert_null(text);
    rs_store_close(st);
}

/* The ids "id" names: joined by spaces. */
static void assert_ids_named(rs_store *st, const char *id, size_t max, const char *want)
{
    char **ids, got[256] = "";
    size_t n;
    assert_int_equal(rs_store_ids_named(st, id, max, &ids, &n), RS_OK);
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(got, " ");
        strcat(got, ids[i]);
    }
    rs_store_ids_free(ids, n);
    assert_string_equal(got, want);
}

static void test_ids_named(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    const char *ids[] = {"EXP-00042", "Ab.1", "aB.1", "ab_1"};
    assert_int_equal(rs_store_begin(st), RS_OK);
    for (size_t i = 0; i < 4; i++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"id\":\"%s\",\"name\":\"N\",\"nationalities\":[\"ES\"],"
                 "\"languages\":[{\"code\":\"es\",\"level\":\"C1\"}],\"fields\":[\"E\"]}",
                 ids[i]);
        put_json(st, json);
    }
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_ids_named(st, "EXP-00042", 10, "EXP-00042");
    assert_ids_named(st, "exp-00042", 10, "EXP-00042"); /* unique ignoring case */
    assert_ids_named(st, "Ab.1", 10, "Ab.1");            /* exact wins */
    assert_ids_named(st, "AB.1", 10, "Ab.1 aB.1");       /* several, in id order */
    assert_ids_named(st, "AB.1", 1, "Ab.1");             /* at most max */
    assert_ids_named(st, "ab-1", 10, "");                /* '-' is not '_' */
    assert_ids_named(st, "nobody", 10, "");
    rs_store_close(st);
}

/* The other id holding name, or "" (rs_store_same_name). */
static void assert_same_name(rs_store *st, const char *name, const char *id, const char *want)
{
    char *other = (char *)1;
    assert_int_equal(rs_store_same_name(st, name, id, &other), RS_OK);
    assert_string_equal(other ? other : "", want);
    free(other);
}

static void test_same_name(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    const char *experts[][2] = {{"EXP-00012", "Benedita Lobo"}, {"EXP-00007", "BENEDITA LOBO"},
                                {"EXP-00003", "Benedita Lopes"}};
    assert_int_equal(rs_store_begin(st), RS_OK);
    for (size_t i = 0; i < 3; i++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"id\":\"%s\",\"name\":\"%s\",\"nationalities\":[\"PT\"],"
                 "\"languages\":[{\"code\":\"pt\",\"level\":\"native\"}],\"fields\":[\"E\"]}",
                 experts[i][0], experts[i][1]);
        put_json(st, json);
    }
    /* Case and accents folded; the smallest other id; within the open
     * transaction too. */
    assert_same_name(st, "Benedíta lobo", "benedita-lobo", "EXP-00007");
    assert_same_name(st, "Benedita Lobo", "EXP-00007", "EXP-00012");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_same_name(st, "Benedita Lopes", "EXP-00003", ""); /* only itself */
    assert_same_name(st, "Benedita", "x", "");
    rs_store_close(st);
}

static void test_replace(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"First\",\"nationalities\":[\"FR\"],\"gender\":\"M\"}");
    put_json(st, "{\"id\":\"b\",\"name\":\"Other\",\"nationalities\":[\"DE\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"Second\",\"nationalities\":[\"IT\",\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);

    assert_int_equal(count_of(st), 2);
    rs_expert e;
    assert_int_equal(rs_store_get(st, "a", &e), RS_OK);
    assert_string_equal(e.name, "Second");
    assert_int_equal(e.gender, 0); /* the whole record is replaced, not merged */
    assert_int_equal(e.n_nationalities, 2);
    rs_expert_free(&e);
    assert_column(s, "nationalities", "a", "IT FR");
    assert_column(s, "change", "a", "2");
    assert_column(s, "change", "b", "1");
    /* Replacing inside one transaction keeps the last. */
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"b\",\"name\":\"B1\",\"nationalities\":[\"DE\"]}");
    put_json(st, "{\"id\":\"b\",\"name\":\"B2\",\"nationalities\":[\"DE\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_column(s, "name", "b", "B2");
    assert_int_equal(count_of(st), 2);
    rs_store_close(st);
}

typedef struct { char ids[8][16]; int n; int stop_at; } visit;

static rs_status collect(rs_expert *e, void *arg)
{
    visit *v = arg;
    if (v->n == v->stop_at) return RS_ERR_INPUT;
    snprintf(v->ids[v->n++], sizeof v->ids[0], "%s", e->id);
    return RS_OK;
}

/* Keeps the id itself: the walk frees what is left of the expert. */
static rs_status take_id(rs_expert *e, void *arg)
{
    char **ids = arg;
    while (*ids) ids++;
    *ids = e->id;
    e->id = NULL;
    return RS_OK;
}

static rs_status collect_id(const char *id, void *arg)
{
    visit *v = arg;
    if (v->n == v->stop_at) return RS_ERR_INPUT;
    snprintf(v->ids[v->n++], sizeof v->ids[0], "%s", id);
    return RS_OK;
}

static void test_change_numbers(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"c\",\"name\":\"C\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(change_of(st), 1);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(change_of(st), 2);
    /* An empty transaction still takes a number. */
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(change_of(st), 3);

    visit v = {.stop_at = -1};
    assert_int_equal(rs_store_each(st, 0, collect, &v), RS_OK);
    assert_int_equal(v.n, 3); /* in id order */
    assert_string_equal(v.ids[0], "a");
    assert_string_equal(v.ids[1], "b");
    assert_string_equal(v.ids[2], "c");
    v = (visit){.stop_at = -1};
    assert_int_equal(rs_store_each(st, 1, collect, &v), RS_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.ids[0], "b");
    v = (visit){.stop_at = -1};
    assert_int_equal(rs_store_each(st, 2, collect, &v), RS_OK);
    assert_int_equal(v.n, 0);
    /* A callback's error stops the walk and comes back. */
    v = (visit){.stop_at = 1};
    assert_int_equal(rs_store_each(st, 0, collect, &v), RS_ERR_INPUT);
    assert_int_equal(v.n, 1);
    /* A callback may take the expert's members. */
    char *taken[4] = {0};
    assert_int_equal(rs_store_each(st, 0, take_id, taken), RS_OK);
    assert_string_equal(taken[0], "a");
    assert_string_equal(taken[2], "c");
    for (int i = 0; i < 3; i++) free(taken[i]);
    /* Experts written after a change. */
    int64_t changed = -1;
    assert_int_equal(rs_store_count_changed(st, 0, &changed), RS_OK);
    assert_int_equal(changed, 3);
    assert_int_equal(rs_store_count_changed(st, 1, &changed), RS_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(rs_store_count_changed(st, 2, &changed), RS_OK);
    assert_int_equal(changed, 0);
    rs_store_close(st);

    /* The number survives reopening. */
    st = open_store(s);
    assert_int_equal(change_of(st), 3);
    rs_store_close(st);
}

static void test_rollback(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"keep\",\"name\":\"K\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);

    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"gone\",\"name\":\"G\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"keep\",\"name\":\"Changed\",\"nationalities\":[\"FR\"]}");
    int found = 0;
    assert_int_equal(rs_store_erase(st, "keep", &found), RS_OK);
    assert_int_equal(found, 1);
    rs_store_rollback(st);

    assert_int_equal(change_of(st), 1);
    assert_int_equal(count_of(st), 1);
    assert_column(s, "name", "keep", "K");
    visit v = {.stop_at = -1};
    assert_int_equal(rs_store_each_erased(st, 0, collect_id, &v), RS_OK);
    assert_int_equal(v.n, 0);
    /* Writing needs a transaction again; rollback twice is harmless. */
    rs_store_rollback(st);
    rs_expert e;
    expert("{\"id\":\"x\",\"name\":\"X\",\"nationalities\":[\"FR\"]}", &e);
    assert_int_equal(rs_store_put(st, &e), RS_ERR_IO);
    assert_string_equal(rs_store_error(st), "put outside a transaction");
    rs_expert_free(&e);
    assert_int_equal(rs_store_erase(st, "keep", &found), RS_ERR_IO);
    assert_string_equal(rs_store_error(st), "erase outside a transaction");
    /* The next transaction reuses the number the rolled-back one took. */
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(change_of(st), 2);
    rs_store_close(st);

    /* Closing with a transaction open commits nothing. */
    st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"lost\",\"name\":\"L\",\"nationalities\":[\"FR\"]}");
    rs_store_close(st);
    st = open_store(s);
    assert_int_equal(count_of(st), 1);
    assert_int_equal(change_of(st), 2);
    rs_store_close(st);
}

static void test_erase(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"Zebulon Quist\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"c\",\"name\":\"C\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);

    int found = -1;
    assert_int_equal(rs_store_begin(st), RS_OK); /* change 2 */
    assert_int_equal(rs_store_erase(st, "a", &found), RS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(rs_store_erase(st, "nobody", &found), RS_OK);
    assert_int_equal(found, 0);
    assert_int_equal(rs_store_erase(st, "a", &found), RS_OK); /* already gone */
    assert_int_equal(found, 0);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(rs_store_begin(st), RS_OK); /* change 3 */
    assert_int_equal(rs_store_erase(st, "b", &found), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);

    assert_int_equal(count_of(st), 1);
    rs_expert e;
    assert_int_equal(rs_store_get(st, "a", &e), RS_ERR_NOT_FOUND);
    visit v = {.stop_at = -1};
    assert_int_equal(rs_store_each_erased(st, 0, collect_id, &v), RS_OK);
    assert_int_equal(v.n, 2);
    v = (visit){.stop_at = -1};
    assert_int_equal(rs_store_each_erased(st, 2, collect_id, &v), RS_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.ids[0], "b");
    v = (visit){.stop_at = 0};
    assert_int_equal(rs_store_each_erased(st, 0, collect_id, &v), RS_ERR_INPUT);

    /* Pruning forgets tombstones up to a change, not after it. */
    assert_int_equal(rs_store_prune_erased(st, 2), RS_OK);
    v = (visit){.stop_at = -1};
    assert_int_equal(rs_store_each_erased(st, 0, collect_id, &v), RS_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.ids[0], "b");

    /* Putting an erased id back removes its tombstone. */
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"b\",\"name\":\"Back\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    v = (visit){.stop_at = -1};
    assert_int_equal(rs_store_each_erased(st, 0, collect_id, &v), RS_OK);
    assert_int_equal(v.n, 0);
    assert_int_equal(count_of(st), 2);

    /* secure_delete and the truncating checkpoint leave no copy of the text. */
    assert_int_equal(rs_store_checkpoint(st), RS_OK);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", s->file);
    struct stat sb;
    assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
    assert_false(file_holds(s->file, "Zebulon"));
    assert_true(file_holds(s->file, "Back"));
    rs_store_close(st);
}

static void test_busy(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(s->file, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(rs_store_begin(st), RS_ERR_BUSY);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double waited = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(waited >= 4.5); /* the busy timeout, not an immediate failure */
    char want[256];
    snprintf(want, sizeof want, "%s: begin: database is locked", s->file);
    assert_string_equal(rs_store_error(st), want);
    /* Nothing half-begun: writes are refused, reads work. */
    rs_expert e;
    expert("{\"id\":\"x\",\"name\":\"X\",\"nationalities\":[\"FR\"]}", &e);
    assert_int_equal(rs_store_put(st, &e), RS_ERR_IO);
    assert_int_equal(count_of(st), 0);

    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_put(st, &e), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(change_of(st), 1);
    rs_expert_free(&e);
    rs_store_close(st);
}

static void test_damaged_record(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    sql(s, "UPDATE experts SET record='{\"id\":\"b\",\"name\":\"B\"}' WHERE id='b'");

    rs_expert e;
    assert_int_equal(rs_store_get(st, "b", &e), RS_ERR_CORRUPT);
    char want[256];
    snprintf(want, sizeof want, "%s: record of 'b' no longer valid: nationalities: required",
             s->file);
    assert_string_equal(rs_store_error(st), want);
    visit v = {.stop_at = -1};
    assert_int_equal(rs_store_each(st, 0, collect, &v), RS_ERR_CORRUPT);
    assert_int_equal(v.n, 1); /* a was visited before b stopped the walk */
    /* The raw record is still readable, to show or export it. */
    char *text;
    assert_int_equal(rs_store_get_record(st, "b", &text), RS_OK);
    assert_string_equal(text, "{\"id\":\"b\",\"name\":\"B\"}");
    free(text);

    sql(s, "UPDATE experts SET record='not json' WHERE id='b'");
    assert_int_equal(rs_store_get(st, "b", &e), RS_ERR_CORRUPT);
    assert_non_null(strstr(rs_store_error(st), "record of 'b' no longer valid"));
    rs_store_close(st);
}

/* Records are kept packed (a BLOB, core/pack.h) and read back as the text
 * imported; one written before packing (TEXT) is read as it is, and one
 * that cannot be unpacked is damage. */
static void test_packed_record(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    rs_expert in;
    expert(FULL, &in);
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_put(st, &in), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(rs_store_sqlite(st), "SELECT typeof(record), "
                     "length(record) FROM experts WHERE id='EXP-1'", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "blob");
    assert_true((size_t)sqlite3_column_int(q, 1) < strlen(in.record));
    sqlite3_finalize(q);
    char *text;
    assert_int_equal(rs_store_get_record(st, "EXP-1", &text), RS_OK);
    assert_string_equal(text, in.record);
    free(text);

    sql(s, "UPDATE experts SET record=x'01ff00000000' WHERE id='EXP-1'");
    rs_expert e;
    assert_int_equal(rs_store_get(st, "EXP-1", &e), RS_ERR_CORRUPT);
    assert_non_null(strstr(rs_store_error(st), "record of 'EXP-1' cannot be unpacked"));
    rs_expert_free(&in);
    rs_store_close(st);
}

/* ---- shares: experts by first nationality ---- */

typedef struct { char text[256]; } shares_text;

static rs_status add_share(const char *nationality, long experts, void *arg)
{
    shares_text *t = arg;
    size_t n = strlen(t->text);
    snprintf(t->text + n, sizeof t->text - n, "%s%s=%ld", n ? " " : "", nationality, experts);
    return RS_OK;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The shares as "DE=1 FR=2", sorted. */
static void shares_of(rs_store *st, char *out, size_t outsz)
{
    shares_text t = {""};
    assert_int_equal(rs_store_each_share(st, add_share, &t), RS_OK);
    char *parts[32], *save = NULL;
    size_t n = 0;
    for (char *w = strtok_r(t.text, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save))
        parts[n++] = w;
    qsort(parts, n, sizeof *parts, by_text);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s%s", i ? " " : "", parts[i]);
    }
}

static void assert_shares(rs_store *st, const char *want)
{
    char got[256];
    shares_of(st, got, sizeof got);
    assert_string_equal(got, want);
}

/* The counts follow every write: a new expert, a replaced one whose first
 * nationality changes, one erased; a store made before them is counted
 * from its experts, and its next writer adds them. */
static void test_shares(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_shares(st, "");
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"FR\"]}");
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\",\"DE\"]}");
    put_json(st, "{\"id\":\"c\",\"name\":\"C\",\"nationalities\":[\"DE\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_shares(st, "DE=1 FR=2");
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"DE\",\"FR\"]}");
    put_json(st, "{\"id\":\"a\",\"name\":\"A again\",\"nationalities\":[\"FR\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_shares(st, "DE=2 FR=1");
    int found = 0;
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_erase(st, "a", &found), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_true(found);
    assert_shares(st, "DE=2"); /* FR at 0 is not listed */
    sql(s, "UPDATE experts SET nationalities='SN ES' WHERE id='c'");
    assert_shares(st, "DE=1 SN=1");
    rs_store_close(st);

    /* Made before the shares: counted from the experts, the same. */
    sql(s, "DROP TRIGGER shares_replaced; DROP TRIGGER shares_in; DROP TRIGGER shares_out;"
           "DROP TRIGGER shares_moved; DROP TABLE shares");
    st = open_store(s);
    assert_shares(st, "DE=1 SN=1");
    assert_int_equal(rs_store_assign_identity(st), RS_OK); /* its next writer */
    rs_store_close(st);
    st = open_store(s);
    assert_shares(st, "DE=1 SN=1");
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"d\",\"name\":\"D\",\"nationalities\":[\"SN\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_shares(st, "DE=1 SN=2");
    rs_store_close(st);
}

/* A store of schema 3 (records as TEXT) is read as it is and brought to 4
 * by its next writer, keeping its identity. */
static void test_store_of_schema_3(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    uint64_t id = 0, again = 0;
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    rs_store_close(st);
    sql(s, "INSERT INTO experts(id,name,name_folded,nationalities,languages,fields,competences,"
           "cv_lang,record,change) VALUES('a','A','a','FR','','','','en',"
           "'{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"FR\"]}',1);"
           "PRAGMA user_version=3");
    st = open_store(s);
    assert_int_equal(rs_store_version(st), 3);
    rs_expert e;
    assert_int_equal(rs_store_get(st, "a", &e), RS_OK);
    assert_string_equal(e.name, "A");
    rs_expert_free(&e);
    assert_int_equal(rs_store_assign_identity(st), RS_OK);
    assert_int_equal(rs_store_version(st), RS_STORE_SCHEMA_VERSION);
    assert_int_equal(rs_store_identity(st, &again), RS_OK);
    assert_true(again == id);
    rs_store_close(st);
}

static void test_damaged_tables(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    /* Tables gone under an open store: the message names the step. */
    sql(s, "DROP TABLE missions; DROP TABLE experts");
    int64_t n = -1;
    assert_int_equal(rs_store_count_changed(st, 0, &n), RS_ERR_IO);
    assert_non_null(strstr(rs_store_error(st), "count experts: no such table: experts"));
    rs_store_close(st);
    /* A file of the right version whose tables are not ours. */
    sql(s, "DROP TABLE erased; DROP TABLE meta");
    char *err = NULL;
    assert_int_equal(rs_store_open(s->dir, &st, &err), RS_ERR_IO);
    assert_non_null(strstr(err, "prepare: no such table: experts"));
    free(err);
}

static void test_sizes(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    int64_t empty = rs_store_bytes(st);
    assert_true(empty > 0);
    assert_int_equal(rs_store_begin(st), RS_OK);
    for (int i = 0; i < 200; i++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"id\":\"e%03d\",\"name\":\"Expert %d\",\"nationalities\":[\"FR\"],"
                 "\"summary\":\"%0100d\"}", i, i, i);
        put_json(st, json);
    }
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(count_of(st), 200);
    int64_t full = rs_store_bytes(st);
    assert_true(full > empty + 200 * 100);
    /* The size counts the WAL: a checkpoint moves bytes, the total stays large. */
    assert_int_equal(rs_store_checkpoint(st), RS_OK);
    struct stat sb;
    assert_int_equal(stat(s->file, &sb), 0);
    assert_true(sb.st_size > 200 * 100);
    assert_true(rs_store_bytes(st) >= sb.st_size);
    rs_store_close(st);
}

typedef struct { char out[512]; size_t n; int stop_after; int seen; } mission_sums;

static rs_status add_sum(const char *nationality, double days, void *arg)
{
    mission_sums *m = arg;
    if (m->seen++ == m->stop_after) return RS_ERR_INPUT;
    m->n += (size_t)snprintf(m->out + m->n, sizeof m->out - m->n, "%s%s=%g", m->n ? " " : "",
                             nationality, days);
    return RS_OK;
}

static void assert_mission_days(rs_store *st, const char *from, const char *to, const char *want)
{
    mission_sums m = {.stop_after = -1};
    assert_int_equal(rs_store_mission_days(st, day(from), day(to), NULL, add_sum, &m), RS_OK);
    assert_string_equal(m.out, want);
}

static void test_mission_days(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    assert_int_equal(rs_store_begin(st), RS_OK);
    /* Counted under the first nationality; a mission without days counts
     * its calendar days. */
    put_json(st, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"ES\",\"FR\"],\"missions\":["
                 "{\"from\":\"2025-01-10\",\"days\":10},"
                 "{\"from\":\"2025-06-01\",\"to\":\"2025-06-05\"},"
                 "{\"from\":\"2023-01-01\",\"days\":7}]}");
    put_json(st, "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"],\"missions\":["
                 "{\"from\":\"2025-03-01\",\"days\":4},{\"from\":\"2025-12-31\"}]}");
    put_json(st, "{\"id\":\"c\",\"name\":\"C\",\"nationalities\":[\"DE\"]}");
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_mission_days(st, "2025-01-01", "2025-12-31", "ES=15 FR=5");
    assert_mission_days(st, "2025-01-11", "2025-05-31", "FR=4");
    assert_mission_days(st, "2020-01-01", "2030-12-31", "ES=22 FR=5");
    assert_mission_days(st, "2026-01-01", "2026-12-31", "");
    mission_sums m = {.stop_after = 0};
    assert_int_equal(rs_store_mission_days(st, day("2020-01-01"), day("2030-12-31"), NULL, add_sum, &m),
                     RS_ERR_INPUT);

    /* Replacing an expert replaces its missions; erasing removes them. */
    assert_int_equal(rs_store_begin(st), RS_OK);
    put_json(st, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"ES\"],\"missions\":["
                 "{\"from\":\"2025-02-01\",\"days\":2}]}");
    int found;
    assert_int_equal(rs_store_erase(st, "b", &found), RS_OK);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_mission_days(st, "2020-01-01", "2030-12-31", "ES=2");
    rs_store_close(st);
}

/* ---- the store's identity ---- */

static void test_identity(void **state)
{
    scratch *s = *state;
    rs_store *st = open_store(s);
    uint64_t id = 0, again = 0;
    assert_int_equal(rs_store_version(st), RS_STORE_SCHEMA_VERSION);
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    assert_true(id != 0);
    assert_false(rs_store_read_only(st));
    rs_store_close(st);
    /* Kept from open to open; nothing to assign. */
    st = open_store(s);
    assert_int_equal(rs_store_assign_identity(st), RS_OK);
    assert_int_equal(rs_store_identity(st, &again), RS_OK);
    assert_true(again == id);
    rs_store_close(st);
    /* Another store, another identity. */
    char other[96];
    snprintf(other, sizeof other, "%s/other", s->dir);
    assert_int_equal(mkdir(other, 0700), 0);
    assert_int_equal(rs_store_open(other, &st, NULL), RS_OK);
    assert_int_equal(rs_store_identity(st, &again), RS_OK);
    assert_true(again != 0 && again != id);
    rs_store_close(st);
}

/* A store of schema 2 has no identity: still read, given one on request. */
static void test_identity_of_old_store(void **state)
{
    scratch *s = *state;
    rs_store_close(open_store(s));
    sql(s, "DELETE FROM meta WHERE key='id'; PRAGMA user_version=2");
    rs_store *st = open_store(s);
    uint64_t id = 1;
    assert_int_equal(rs_store_version(st), 2);
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    assert_true(id == 0);
    int64_t change = -1;
    assert_int_equal(rs_store_change(st, &change), RS_OK);
    assert_int_equal(change, 0);
    assert_int_equal(rs_store_assign_identity(st), RS_OK);
    assert_int_equal(rs_store_version(st), RS_STORE_SCHEMA_VERSION);
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    assert_true(id != 0);
    rs_store_close(st);
    /* The file says so too. */
    uint64_t again = 0;
    st = open_store(s);
    assert_int_equal(rs_store_version(st), RS_STORE_SCHEMA_VERSION);
    assert_int_equal(rs_store_identity(st, &again), RS_OK);
    assert_true(again == id);
    rs_store_close(st);
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void test_open_existing(void **state)
{
    scratch *s = *state;
    rs_store *st = (rs_store *)1;
    char *err = NULL;
    assert_int_equal(rs_store_open_existing(s->dir, &st, &err), RS_ERR_NOT_FOUND);
    assert_null(st);
    char want[160];
    snprintf(want, sizeof want, "%s: No such file or directory", s->file);
    assert_string_equal(err, want);
    free(err);
    assert_int_equal(entries(s->dir), 0); /* no file made */
    rs_store_close(open_store(s));
    assert_int_equal(rs_store_open_existing(s->dir, &st, NULL), RS_OK);
    assert_false(rs_store_read_only(st));
    uint64_t id = 0;
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    assert_true(id != 0);
    rs_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_strings),
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minimal_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_change_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packed_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_of_schema_3, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mission_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shares, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identity_of_old_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_existing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

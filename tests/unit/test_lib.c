/*
 * The library's face (lib/roster.h) for experts, search and maintenance:
 * each verb's answer and its error branches through the public header
 * alone, as a front end calls them. Import from memory gives the same
 * problems as the same text in a file and leaves nothing behind when bad;
 * unknown and case-ambiguous ids name themselves; a failed forget erases
 * nobody. Each test works in its own mkdtemp directory.
 */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/roster.h"
#include "tests/unit/scratch.h"

static const char EXPERTS[] =
    "{\"id\":\"F-1\",\"name\":\"Ana Lopes\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"E.10.01\"],"
    "\"summary\":\"Pensions d'invalidité et sécurité sociale\",\"cv_lang\":\"fr\","
    "\"missions\":[{\"country\":\"SN\",\"from\":\"2021-03-01\",\"to\":\"2021-03-10\"}]}\n"
    "{\"id\":\"F-2\",\"name\":\"Jan Kowalski\",\"gender\":\"M\",\"nationalities\":[\"PL\"],"
    "\"status\":\"retired_public\",\"languages\":[{\"code\":\"en\",\"level\":\"B2\"}],"
    "\"fields\":[\"A.20\"],\"summary\":\"Labour inspection and employment services\"}\n";

/* The second record's nationality is no country. */
static const char BAD[] =
    "{\"id\":\"B-1\",\"name\":\"Ok Person\",\"nationalities\":[\"ES\"],"
    "\"languages\":[{\"code\":\"es\",\"level\":\"C2\"}]}\n"
    "{\"id\":\"B-2\",\"name\":\"Bad Person\",\"nationalities\":[\"Narnia\"],"
    "\"languages\":[{\"code\":\"es\",\"level\":\"C2\"}]}\n";

static const char CSV[] = "id,name,nationalities,languages,fields\n"
                          "C-1,Marie Curie,FR,fr:native;en:C1,E.10\n";

typedef rs_test_roster fixture;

static int setup(void **state)
{
    return (*state = rs_test_roster_new("roster-lib")) ? 0 : -1;
}

static int teardown(void **state)
{
    rs_test_roster_free(*state);
    return 0;
}

static void import_experts(fixture *f)
{
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "up.jsonl", EXPERTS, strlen(EXPERTS),
                                           RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    assert_int_equal(st.imported, 2);
}

/* The number of experts a search for everyone finds. */
static long count_all(rs_roster *r)
{
    rs_answer *a;
    assert_int_equal(rs_roster_search(r, "", 0, 10, 0, &a), RS_OK);
    long n = (long)json_integer_value(json_object_get(rs_answer_json(a), "total"));
    rs_answer_free(a);
    return n;
}

/* What an answer's text form prints, malloc'd. */
static char *text_of(const rs_answer *a)
{
    char *text = rs_test_answer_text(a);
    assert_non_null(text);
    return text;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* ---- opening ---- */

static void test_open_missing(void **state)
{
    (void)state;
    rs_roster *r;
    assert_int_equal(rs_roster_open("/nonexistent/roster-lib", RS_OPEN_READ, NULL, &r),
                     RS_ERR_NOT_FOUND);
    assert_non_null(r);
    assert_true(strstr(rs_roster_message(r), "/nonexistent/roster-lib") != NULL);
    /* Every verb on a handle that failed to open fails the same way. */
    rs_answer *a = (rs_answer *)1;
    assert_int_equal(rs_roster_stats(r, &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_int_equal(rs_roster_search(r, "", 0, 5, 0, &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    rs_roster_close(r);
}

static void test_status_strings(void **state)
{
    (void)state;
    assert_string_equal(rs_status_to_string(RS_OK), "ok");
    assert_string_equal(rs_status_to_string(RS_ERR_NOT_FOUND), "not found");
    assert_string_equal(rs_status_to_string(RS_ERR_DENIED), "not allowed");
    const char *words[] = {"import", "search", "show"};
    assert_string_equal(rs_did_you_mean("serach", words, 3), "search");
    assert_string_equal(rs_did_you_mean("shw", words, 3), "show");
    assert_null(rs_did_you_mean("frobnicate", words, 3));
}

/* ---- import ---- */

static void test_import_data_jsonl(void **state)
{
    fixture *f = *state;
    import_experts(f);
    assert_int_equal(count_all(f->r), 2);
    assert_int_equal(json_array_size(rs_roster_problems(f->r)), 0);
    /* Again: both replace what is stored, no one is added. */
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "up.jsonl", EXPERTS, strlen(EXPERTS),
                                           RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    assert_int_equal(st.imported, 2);
    /* F-1's record has missions, so the reader never asked for the stored
     * one: it is counted as an update all the same. */
    assert_int_equal(st.updated, 2);
    assert_int_equal(count_all(f->r), 2);
}

static void test_import_data_csv(void **state)
{
    fixture *f = *state;
    rs_import_stats st;
    assert_int_equal(
        rs_roster_import_data(f->r, "up.csv", CSV, strlen(CSV), RS_FORMAT_CSV, 0, &st), RS_OK);
    assert_int_equal(st.imported, 1);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "c-1", &id), RS_OK);
    assert_string_equal(id, "C-1");
    free(id);
}

/* A bad record: RS_ERR_INPUT, the problem named by the upload's name and
 * line, and nothing stored, not even the good record before it. */
static void test_import_data_bad_leaves_nothing(void **state)
{
    fixture *f = *state;
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "upload.jsonl", BAD, strlen(BAD),
                                           RS_FORMAT_JSONL, 0, &st),
                     RS_ERR_INPUT);
    assert_int_equal(st.read, 2);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(st.imported, 0);
    assert_true(strstr(rs_roster_message(f->r), "nothing imported") != NULL);
    const json_t *p = rs_roster_problems(f->r);
    assert_int_equal(json_array_size(p), 1);
    const json_t *one = json_array_get(p, 0);
    assert_string_equal(json_string_value(json_object_get(one, "file")), "upload.jsonl");
    assert_int_equal(json_integer_value(json_object_get(one, "line")), 2);
    assert_string_equal(json_string_value(json_object_get(one, "field")), "nationalities[0]");
    assert_string_equal(json_string_value(json_object_get(one, "severity")), "error");
    assert_int_equal(count_all(f->r), 0);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "B-1", &id), RS_ERR_NOT_FOUND);
    assert_null(id);
}

/* The same text from memory and from a file of the same name: the same
 * problems, the same stats. */
static void test_import_data_same_as_file(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/bad.jsonl", f->dir);
    write_file(path, BAD);
    rs_import_stats from_file, from_memory;
    char *paths[] = {path};
    assert_int_equal(rs_roster_import(f->r, paths, 1, 0, &from_file, NULL, NULL), RS_ERR_INPUT);
    char *file_problems = json_dumps(rs_roster_problems(f->r), JSON_COMPACT);
    char *file_message = strdup(rs_roster_message(f->r));
    assert_int_equal(rs_roster_import_data(f->r, path, BAD, strlen(BAD), RS_FORMAT_JSONL, 0,
                                           &from_memory),
                     RS_ERR_INPUT);
    char *memory_problems = json_dumps(rs_roster_problems(f->r), JSON_COMPACT);
    assert_string_equal(memory_problems, file_problems);
    assert_string_equal(rs_roster_message(f->r), file_message);
    assert_memory_equal(&from_memory, &from_file, sizeof from_file);
    free(file_problems);
    free(memory_problems);
    free(file_message);
}

static void test_import_data_skip_bad(void **state)
{
    fixture *f = *state;
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "upload.jsonl", BAD, strlen(BAD),
                                           RS_FORMAT_JSONL, 1, &st),
                     RS_OK);
    assert_int_equal(st.imported, 1);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(json_array_size(rs_roster_problems(f->r)), 1);
    assert_int_equal(count_all(f->r), 1);
}

/* A CSV whose header names no id column is rejected whole. */
static void test_import_data_bad_csv_file(void **state)
{
    fixture *f = *state;
    static const char csv[] = "name,nationalities\nX Y,FR\n";
    rs_import_stats st;
    assert_int_equal(
        rs_roster_import_data(f->r, "sheet.csv", csv, strlen(csv), RS_FORMAT_CSV, 1, &st),
        RS_ERR_INPUT);
    assert_int_equal(st.files_rejected, 1);
    assert_int_equal(st.imported, 0);
    assert_true(json_array_size(rs_roster_problems(f->r)) >= 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(rs_roster_problems(f->r), 0), "file")),
        "sheet.csv");
    assert_int_equal(count_all(f->r), 0);
}

static void test_import_data_empty(void **state)
{
    fixture *f = *state;
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "empty.jsonl", "", 0, RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    assert_int_equal(st.read, 0);
    assert_int_equal(st.imported, 0);
}

/* ---- ids ---- */

static void test_find_id(void **state)
{
    fixture *f = *state;
    import_experts(f);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "F-1", &id), RS_OK);
    assert_string_equal(id, "F-1");
    free(id);
    assert_int_equal(rs_roster_find_id(f->r, "f-2", &id), RS_OK);
    assert_string_equal(id, "F-2");
    free(id);
    assert_int_equal(rs_roster_find_id(f->r, "F-9", &id), RS_ERR_NOT_FOUND);
    assert_null(id);
    assert_string_equal(rs_roster_message(f->r), "no expert with id 'F-9'");
}

static void test_find_id_ambiguous(void **state)
{
    fixture *f = *state;
    static const char two[] =
        "{\"id\":\"ab-1\",\"name\":\"Lower Case\",\"nationalities\":[\"ES\"]}\n"
        "{\"id\":\"AB-1\",\"name\":\"Upper Case\",\"nationalities\":[\"ES\"]}\n";
    assert_int_equal(
        rs_roster_import_data(f->r, "two.jsonl", two, strlen(two), RS_FORMAT_JSONL, 0, NULL),
        RS_OK);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "Ab-1", &id), RS_ERR_INPUT);
    assert_null(id);
    const char *msg = rs_roster_message(f->r);
    assert_true(strstr(msg, "'Ab-1' names several experts") != NULL);
    assert_true(strstr(msg, "ab-1") != NULL && strstr(msg, "AB-1") != NULL);
    /* The exact id is never ambiguous. */
    assert_int_equal(rs_roster_find_id(f->r, "ab-1", &id), RS_OK);
    assert_string_equal(id, "ab-1");
    free(id);
    rs_answer *a;
    assert_int_equal(rs_roster_expert(f->r, "Ab-1", &a), RS_ERR_INPUT);
    assert_null(a);
}

/* ---- show and export ---- */

static void test_expert(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    assert_int_equal(rs_roster_expert(f->r, "f-1", &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "F-1");
    assert_string_equal(json_string_value(json_object_get(j, "name")), "Ana Lopes");
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_DONE);
    char *text = text_of(a);
    assert_true(strncmp(text, "F-1  Ana Lopes\n", 15) == 0);
    assert_true(strstr(text, "  nationality:   PT (Portugal)\n") != NULL);
    assert_true(strstr(text, "  languages:     pt:native fr:C1\n") != NULL);
    free(text);
    rs_answer_free(a);
    assert_int_equal(rs_roster_expert(f->r, "nobody", &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_string_equal(rs_roster_message(f->r), "no expert with id 'nobody'");
}

static void test_export(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    assert_int_equal(rs_roster_export(f->r, "F-1", &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "F-1");
    assert_true(json_is_object(json_object_get(j, "record")));
    assert_int_equal(json_array_size(json_object_get(j, "missions")), 1);
    const json_t *index = json_object_get(j, "index");
    assert_true(json_is_string(json_object_get(index, "profile")));
    /* The id term is among the document's terms. */
    const json_t *terms = json_object_get(index, "terms");
    int found = 0;
    for (size_t i = 0; i < json_array_size(terms); i++)
        found |= strcmp(json_string_value(json_array_get(terms, i)), "QF-1") == 0;
    assert_true(found);
    char *text = text_of(a);
    assert_true(strncmp(text, "{\n  \"id\": \"F-1\",\n", 17) == 0);
    free(text);
    rs_answer_free(a);
    /* Export takes the id exactly as stored. */
    assert_int_equal(rs_roster_export(f->r, "f-1", &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_string_equal(rs_roster_message(f->r), "no expert with id 'f-1'");
}

/* ---- forget ---- */

static void test_forget_unknown_erases_nothing(void **state)
{
    fixture *f = *state;
    import_experts(f);
    char *ids[] = {"F-1", "f-2", "ghost"};
    assert_int_equal(rs_roster_forget(f->r, ids, 3), RS_ERR_NOT_FOUND);
    assert_string_equal(rs_roster_message(f->r),
                        "no expert with id 'f-2' (did you mean 'F-2'? forget takes ids exactly "
                        "as stored)\n"
                        "no expert with id 'ghost'");
    assert_int_equal(count_all(f->r), 2);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "F-1", &id), RS_OK);
    free(id);
}

static void test_forget(void **state)
{
    fixture *f = *state;
    import_experts(f);
    char *ids[] = {"F-1", "F-1"};
    assert_int_equal(rs_roster_forget(f->r, ids, 2), RS_OK);
    assert_string_equal(rs_roster_message(f->r), "");
    assert_int_equal(count_all(f->r), 1);
    char *id;
    assert_int_equal(rs_roster_find_id(f->r, "F-1", &id), RS_ERR_NOT_FOUND);
    rs_answer *a;
    assert_int_equal(rs_roster_export(f->r, "F-1", &a), RS_ERR_NOT_FOUND);
}

/* ---- search ---- */

static void test_search(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    assert_int_equal(rs_roster_search(f->r, "pensions lang:fr", 0, 10, 1, &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    const json_t *hit = json_array_get(json_object_get(j, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(hit, "id")), "F-1");
    assert_true(json_is_object(json_object_get(j, "facets")));
    assert_null(json_object_get(j, "warnings"));
    char *text = text_of(a);
    assert_true(strncmp(text, "1 expert\n  #  id", 16) == 0);
    assert_true(strstr(text, "\nnationality  PT Portugal 1") != NULL);
    free(text);
    rs_answer_free(a);
}

static void test_search_warnings_and_ids(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    /* id: in any case finds the stored id; an unknown one warns. */
    assert_int_equal(rs_roster_search(f->r, "id:f-2", 0, 10, 0, &a), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(rs_answer_json(a), "total")), 1);
    rs_answer_free(a);
    assert_int_equal(rs_roster_search(f->r, "id:nobody", 0, 10, 0, &a), RS_OK);
    const json_t *w = json_object_get(rs_answer_json(a), "warnings");
    assert_int_equal(json_array_size(w), 1);
    assert_true(strstr(json_string_value(json_array_get(w, 0)), "nobody") != NULL);
    rs_answer_free(a);
}

static void test_search_errors(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    assert_int_equal(rs_roster_search(f->r, "nat:", 0, 10, 0, &a), RS_ERR_INPUT);
    assert_null(a);
    assert_true(rs_roster_message(f->r)[0] != 0);
    assert_int_equal(rs_roster_search(f->r, "natt:FR", 0, 10, 0, &a), RS_ERR_INPUT);
    assert_true(strstr(rs_roster_message(f->r), "nat") != NULL);
    char *msg;
    assert_int_equal(rs_search_check("natt:FR", &msg), RS_ERR_INPUT);
    assert_string_equal(msg, rs_roster_message(f->r));
    free(msg);
    assert_int_equal(rs_search_check("nat:FR pension", &msg), RS_OK);
    assert_null(msg);
    /* A good query clears the last message. */
    assert_int_equal(rs_roster_search(f->r, "nat:PL", 0, 10, 0, &a), RS_OK);
    assert_string_equal(rs_roster_message(f->r), "");
    rs_answer_free(a);
}

static void test_search_help(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(rs_search_help(m), RS_OK);
    fclose(m);
    assert_true(strstr(buf, "  nat ") != NULL);
    assert_true(strstr(buf, "  field ") != NULL);
    free(buf);
}

/* ---- the roster as a whole ---- */

static void test_stats_verify_reindex(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_answer *a;
    assert_int_equal(rs_roster_stats(f->r, &a), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(rs_answer_json(a), "experts")), 2);
    assert_int_equal(json_integer_value(json_object_get(rs_answer_json(a), "indexed")), 2);
    char *text = text_of(a);
    assert_true(strncmp(text, "experts:        2\nindexed:        2\n", 36) == 0);
    free(text);
    rs_answer_free(a);
    assert_int_equal(rs_roster_reindex(f->r, 0), RS_OK);
    assert_int_equal(rs_roster_verify(f->r, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_DONE);
    assert_int_equal(json_array_size(json_object_get(rs_answer_json(a), "problems")), 0);
    text = text_of(a);
    assert_string_equal(text, "ok: store and index agree\n");
    free(text);
    rs_answer_free(a);
}

/* Without its index, a roster opened for checking fails verify (the
 * answer says why) and cannot search. */
static void test_verify_finds_problems(void **state)
{
    fixture *f = *state;
    import_experts(f);
    rs_roster_close(f->r);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'/index-*", f->data);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(rs_roster_open(f->data, RS_OPEN_CHECK, NULL, &f->r), RS_OK);
    rs_answer *a;
    assert_int_equal(rs_roster_verify(f->r, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_FAILED);
    size_t n = json_array_size(json_object_get(rs_answer_json(a), "problems"));
    assert_true(n >= 1);
    char *text = text_of(a);
    assert_true(strncmp(text, "problem: ", 9) == 0);
    char last[32];
    snprintf(last, sizeof last, "\n%zu problem%s\n", n, n == 1 ? "" : "s");
    assert_true(strstr(text, last) != NULL);
    free(text);
    rs_answer_free(a);
    assert_int_equal(rs_roster_search(f->r, "pension", 0, 10, 0, &a), RS_ERR_INDEX);
    assert_null(a);
    assert_true(rs_roster_message(f->r)[0] != 0);
}

/* A file that cannot be read is rejected whole, named, line 0. */
static void test_import_missing_file(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/none.jsonl", f->dir);
    char *paths[] = {path};
    rs_import_stats st;
    assert_int_equal(rs_roster_import(f->r, paths, 1, 1, &st, NULL, NULL), RS_ERR_INPUT);
    assert_int_equal(st.files_rejected, 1);
    const json_t *one = json_array_get(rs_roster_problems(f->r), 0);
    assert_string_equal(json_string_value(json_object_get(one, "file")), path);
    assert_int_equal(json_integer_value(json_object_get(one, "line")), 0);
    assert_true(strstr(rs_roster_message(f->r), "rejected whole") != NULL);
}

static const json_t *find_code(const json_t *list, const char *code)
{
    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *o = json_array_get(list, i);
        if (strcmp(json_string_value(json_object_get(o, "code")), code) == 0) return o;
    }
    return NULL;
}

static void test_taxonomy(void **state)
{
    fixture *f = *state;
    rs_answer *a;
    assert_int_equal(rs_roster_taxonomy(f->r, &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    const json_t *e10 = find_code(json_object_get(j, "fields"), "E.10");
    assert_non_null(e10);
    assert_string_equal(json_string_value(json_object_get(e10, "parent")), "E");
    const json_t *labels = json_object_get(e10, "labels");
    assert_int_equal(json_object_size(labels), 4);
    assert_true(json_is_string(json_object_get(labels, "pt")));
    /* After the table's codes, the ancestors it lacks, labelled by what is
     * under them in each language. */
    const json_t *o30 = find_code(json_object_get(j, "fields"), "O.30");
    assert_true(json_is_true(json_object_get(o30, "unnamed")));
    assert_string_equal(json_string_value(json_object_get(o30, "parent")), "O");
    const json_t *o30_labels = json_object_get(o30, "labels");
    assert_string_equal(json_string_value(json_object_get(o30_labels, "en")),
                        "(unnamed: O.30.01 Vulnerable Groups)");
    assert_string_equal(json_string_value(json_object_get(o30_labels, "fr")),
                        "(unnamed: O.30.01 Groupes vulnérables)");
    assert_int_equal(json_object_size(o30_labels), 4);
    assert_null(json_object_get(e10, "unnamed"));
    assert_non_null(find_code(json_object_get(j, "competences"), "2.1"));
    const json_t *fr = find_code(json_object_get(j, "countries"), "FR");
    assert_non_null(fr);
    assert_string_equal(json_string_value(json_object_get(json_object_get(fr, "names"), "en")),
                        "France");
    assert_string_equal(json_string_value(json_object_get(json_object_get(fr, "names"), "fr")),
                        "France");
    assert_true(json_is_true(json_object_get(fr, "eu")));
    const json_t *pe = find_code(json_object_get(j, "countries"), "PE");
    assert_string_equal(json_string_value(json_object_get(json_object_get(pe, "names"), "es")),
                        "Perú");
    assert_true(json_is_true(json_object_get(pe, "partner")));
    const json_t *lang = json_object_get(find_code(json_object_get(j, "languages"), "ar"), "names");
    assert_int_equal(json_object_size(lang), 4);
    assert_string_equal(json_string_value(json_object_get(lang, "en")), "Arabic");
    assert_string_equal(json_string_value(json_object_get(lang, "fr")), "Arabe");
    assert_string_equal(json_string_value(json_object_get(lang, "es")), "Árabe");
    assert_string_equal(json_string_value(json_object_get(lang, "pt")), "Árabe");
    rs_answer_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_status_strings),
        cmocka_unit_test(test_search_help),
        cmocka_unit_test_setup_teardown(test_import_data_jsonl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_bad_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_same_as_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_skip_bad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_bad_csv_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_data_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_id_ambiguous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_unknown_erases_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_warnings_and_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_verify_reindex, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_finds_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_taxonomy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

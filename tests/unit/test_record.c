/* Reading and validating expert records: JSON Lines, CSV, every problem. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/date.h"
#include "core/record.h"

/* ---- helpers -------------------------------------------------------- */

static int32_t day(const char *date)
{
    int32_t d = 0;
    assert_int_equal(rs_date_parse(date, 0, &d), 0);
    return d;
}

static void assert_problem(const rs_diag *d, size_t i, rs_severity sev, long line,
                           const char *field, const char *message)
{
    assert_true(i < d->n);
    const rs_problem *p = &d->items[i];
    assert_string_equal(p->message, message);
    assert_string_equal(p->field, field);
    assert_int_equal(p->line, line);
    assert_int_equal(p->severity, sev);
}

/* Minimal valid record with `extra` members appended. */
static void with_extra(char *buf, size_t size, const char *extra)
{
    snprintf(buf, size, "{\"id\":\"EXP-1\",\"name\":\"Ana Lopes\",\"nationalities\":[\"PT\"]%s%s}",
             *extra ? "," : "", extra);
}

static int validate(const char *json, rs_expert *e, rs_diag *d)
{
    return rs_expert_from_json_text(json, strlen(json), "t.jsonl", 7, e, d);
}

/* The record `json` has exactly one problem, an error on `field`. */
static void expect_error_in(const char *json, const char *field, const char *message)
{
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(validate(json, &e, &d), -1);
    if (d.n != 1)
        rs_diag_print(&d, stderr);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 7, field, message);
    assert_null(e.id);
    assert_null(e.record);
    rs_diag_free(&d);
}

static void expect_error(const char *extra, const char *field, const char *message)
{
    char json[4096];
    with_extra(json, sizeof json, extra);
    expect_error_in(json, field, message);
}

static FILE *open_text(const char *text, size_t len)
{
    FILE *f = fmemopen((void *)text, len, "r");
    assert_non_null(f);
    return f;
}

/* Read everything; returns the number of valid experts; problems in d. The
 * ids of valid experts are appended to ids (space-separated) and the line of
 * each record to lines. */
static int read_all(const char *text, size_t len, rs_format fmt, rs_diag *d, char *ids,
                    char *lines)
{
    FILE *f = open_text(text, len);
    rs_reader *r = rs_reader_new(f, "in.txt", fmt);
    assert_non_null(r);
    rs_expert e;
    int rc, good = 0;
    ids[0] = lines[0] = '\0';
    while ((rc = rs_reader_next(r, &e, d)) != 0) {
        sprintf(lines + strlen(lines), "%s%ld", *lines ? " " : "", rs_reader_line(r));
        if (rc == 1) {
            sprintf(ids + strlen(ids), "%s%s", *ids ? " " : "", e.id);
            good++;
            rs_expert_free(&e);
        } else {
            assert_int_equal(rc, -1);
            assert_null(e.id);
        }
    }
    rs_reader_free(r);
    fclose(f);
    return good;
}

/* ---- one full record ------------------------------------------------ */

static const char full_record[] =
    "{\"id\":\"EXP-00042\",\"name\":\"  Jose\xcc\x81 Mari\xcc\x81\x61 P\xc3\xa9rez \","
    "\"gender\":\"M\",\"nationalities\":[\"ES\",\"AR\"],\"residence\":\"FR\","
    "\"status\":\"retired_public\",\"employer\":\"Ministerio de Trabajo\","
    "\"languages\":[{\"code\":\"es\",\"level\":\"native\"},{\"code\":\"fr\",\"level\":\"c1\"}],"
    "\"fields\":[\"E.10\",\"E.10.01\"],\"competences\":[\"2.1\",\"X\"],"
    "\"summary\":\"Pensiones y seguridad social.\",\"cv_lang\":\"es\","
    "\"experience\":[{\"from\":\"2001-03\",\"to\":\"2010-06\",\"employer\":\"INSS\","
    "\"role\":\"Jefe\",\"country\":\"ES\",\"text\":\"Gesti\xc3\xb3n de pensiones\"},"
    "{\"from\":\"2011-01-15\"}],"
    "\"education\":[{\"year\":1998,\"degree\":\"MSc\",\"field\":\"Economics\","
    "\"institution\":\"UCM\"}],"
    "\"missions\":[{\"action\":\"2019-27\",\"country\":\"SN\",\"from\":\"2019-03-04\","
    "\"to\":\"2019-03-15\",\"days\":10,\"role\":\"lead\"},{\"country\":\"BO\",\"from\":\"2020-02\","
    "\"role\":\"expert\"}],"
    "\"unavailable\":[{\"from\":\"2027-01\",\"to\":\"2027-01\"}],"
    "\"registered\":\"2018-05-02\",\"hobby\":{\"kind\":\"cafe\xcc\x81\",\"n\":[1,2.5,true,null]}}";

static void test_full_record(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(validate(full_record, &e, &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(e.id, "EXP-00042");
    assert_string_equal(e.name, "Jos\xc3\xa9 Mar\xc3\xad\x61 P\xc3\xa9rez"); /* NFC, trimmed */
    assert_int_equal(e.gender, 'M');
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[0], "ES");
    assert_string_equal(e.nationalities[1], "AR");
    assert_string_equal(e.residence, "FR");
    assert_int_equal(e.status, RS_SECTOR_RETIRED_PUBLIC);
    assert_string_equal(e.employer, "Ministerio de Trabajo");
    assert_int_equal(e.n_languages, 2);
    assert_string_equal(e.languages[0].code, "es");
    assert_int_equal(e.languages[0].level, RS_CEFR_NATIVE);
    assert_string_equal(e.languages[1].code, "fr");
    assert_int_equal(e.languages[1].level, RS_CEFR_C1);
    assert_int_equal(e.n_fields, 2);
    assert_string_equal(e.fields[0], "E.10");
    assert_string_equal(e.fields[1], "E.10.01");
    assert_int_equal(e.n_competences, 2);
    assert_string_equal(e.competences[0], "2.1");
    assert_string_equal(e.competences[1], "X");
    assert_string_equal(e.summary, "Pensiones y seguridad social.");
    assert_string_equal(e.cv_lang, "es");
    assert_int_equal(e.n_experience, 2);
    assert_int_equal(e.experience[0].when.from, day("2001-03-01"));
    assert_int_equal(e.experience[0].when.to, day("2010-06-30")); /* a month "to" ends it */
    assert_string_equal(e.experience[0].employer, "INSS");
    assert_string_equal(e.experience[0].role, "Jefe");
    assert_string_equal(e.experience[0].text, "Gesti\xc3\xb3n de pensiones");
    assert_string_equal(e.experience[0].country, "ES");
    assert_int_equal(e.experience[1].when.from, day("2011-01-15"));
    assert_int_equal(e.experience[1].when.to, RS_DATE_OPEN);
    assert_null(e.experience[1].employer);
    assert_string_equal(e.experience[1].country, "");
    assert_int_equal(e.n_education, 1);
    assert_int_equal(e.education[0].year, 1998);
    assert_string_equal(e.education[0].degree, "MSc");
    assert_string_equal(e.education[0].field, "Economics");
    assert_string_equal(e.education[0].institution, "UCM");
    assert_int_equal(e.n_missions, 2);
    assert_string_equal(e.missions[0].action, "2019-27");
    assert_string_equal(e.missions[0].country, "SN");
    assert_int_equal(e.missions[0].when.from, day("2019-03-04"));
    assert_int_equal(e.missions[0].when.to, day("2019-03-15"));
    assert_int_equal(e.missions[0].days, 10);
    assert_int_equal(e.missions[0].lead, 1);
    assert_null(e.missions[1].action);
    assert_int_equal(e.missions[1].when.from, day("2020-02-01"));
    assert_int_equal(e.missions[1].when.to, RS_DATE_OPEN);
    assert_int_equal(e.missions[1].days, 0);
    assert_int_equal(e.missions[1].lead, 0);
    assert_int_equal(e.n_unavailable, 1);
    assert_int_equal(e.unavailable[0].from, day("2027-01-01"));
    assert_int_equal(e.unavailable[0].to, day("2027-01-31"));
    assert_int_equal(e.registered, day("2018-05-02"));
    /* The record: key order kept, unknown keys kept, every string NFC. */
    assert_non_null(strstr(e.record, "{\"id\":\"EXP-00042\",\"name\":\"  Jos\xc3\xa9 Mar\xc3\xad\x61"));
    assert_non_null(strstr(e.record, ",\"hobby\":{\"kind\":\"caf\xc3\xa9\",\"n\":[1,2.5,true,null]}}"));
    assert_null(strstr(e.record, "\xcc\x81")); /* no combining accent left */
    assert_null(strchr(e.record, '\n'));
    rs_expert_free(&e);
    rs_diag_free(&d);
}

static void test_minimal_record_defaults(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    const char *json = "{\"nationalities\":[\"XK\"],\"name\":\"Ana\",\"id\":\"a.b_c-9\","
                       "\"gender\":null,\"employer\":\"\"}";
    assert_int_equal(validate(json, &e, &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(e.id, "a.b_c-9");
    assert_string_equal(e.cv_lang, "en");
    assert_int_equal(e.gender, 0);
    assert_null(e.employer); /* empty text is absent */
    assert_int_equal(e.status, RS_SECTOR_NONE);
    assert_int_equal(e.registered, 0);
    assert_int_equal(e.n_languages, 0);
    assert_null(e.languages);
    assert_string_equal(e.record, json);
    rs_expert_free(&e);
    rs_diag_free(&d);
}

/* ---- each validation problem ---------------------------------------- */

static void test_id_problems(void **state)
{
    (void)state;
    expect_error_in("{\"name\":\"A\",\"nationalities\":[\"ES\"]}", "id", "required");
    expect_error_in("{\"id\":42,\"name\":\"A\",\"nationalities\":[\"ES\"]}", "id",
                    "must be a string");
    expect_error_in("{\"id\":\"\",\"name\":\"A\",\"nationalities\":[\"ES\"]}", "id",
                    "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    expect_error_in("{\"id\":\"EXP 1\",\"name\":\"A\",\"nationalities\":[\"ES\"]}", "id",
                    "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    expect_error_in("{\"id\":\"EXP/1\",\"name\":\"A\",\"nationalities\":[\"ES\"]}", "id",
                    "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    char json[256], id[70];
    memset(id, 'x', 65);
    id[65] = '\0';
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"name\":\"A\",\"nationalities\":[\"ES\"]}", id);
    expect_error_in(json, "id", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    id[64] = '\0'; /* 64 is fine */
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"name\":\"A\",\"nationalities\":[\"ES\"]}", id);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(validate(json, &e, &d), 0);
    rs_expert_free(&e);
    rs_diag_free(&d);
}

static void test_name_problems(void **state)
{
    (void)state;
    expect_error_in("{\"id\":\"E\",\"nationalities\":[\"ES\"]}", "name", "required");
    expect_error_in("{\"id\":\"E\",\"name\":null,\"nationalities\":[\"ES\"]}", "name", "required");
    expect_error_in("{\"id\":\"E\",\"name\":\" \\t \",\"nationalities\":[\"ES\"]}", "name",
                    "must not be empty");
    expect_error_in("{\"id\":\"E\",\"name\":[\"Ana\"],\"nationalities\":[\"ES\"]}", "name",
                    "must be a string");
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana\\nLopes\",\"nationalities\":[\"ES\"]}", "name",
                    "line break at character 4 (must be one line)");
}

static void test_gender_status_problems(void **state)
{
    (void)state;
    expect_error("\"gender\":\"female\"", "gender", "must be F, M or X, not 'female'");
    expect_error("\"gender\":\"f\"", "gender", "must be F, M or X, not 'f'");
    expect_error("\"gender\":1", "gender", "must be a string");
    expect_error("\"status\":\"Public\"", "status",
                 "unknown status 'Public' (public, retired_public, mandated_body, "
                 "social_partner, academic, private or international_org)");
}

static void test_country_problems(void **state)
{
    (void)state;
    expect_error_in("{\"id\":\"E\",\"name\":\"A\"}", "nationalities", "required");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[]}", "nationalities",
                    "at least one required");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":\"ES\"}", "nationalities",
                    "must be an array");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"ES\",\"XX\"]}",
                    "nationalities[1]", "unknown country code 'XX'");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"es\"]}", "nationalities[0]",
                    "unknown country code 'es' (codes are upper case: 'ES')");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"Spain\"]}",
                    "nationalities[0]", "'Spain' is a country name; JSON Lines takes its code 'ES'");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"ES\",\"PT\",\"ES\"]}",
                    "nationalities[2]", "duplicate nationality 'ES'");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[34]}", "nationalities[0]",
                    "must be a string");
    expect_error("\"residence\":\"uk\"", "residence",
                 "unknown country code 'uk' (codes are upper case: 'UK')");
    expect_error("\"residence\":[\"FR\"]", "residence", "must be a string");
}

static void test_language_problems(void **state)
{
    (void)state;
    expect_error("\"languages\":{\"fr\":\"C1\"}", "languages", "must be an array");
    expect_error("\"languages\":[\"fr\"]", "languages[0]", "must be an object");
    expect_error("\"languages\":[{\"code\":\"fr\",\"level\":\"D1\"}]", "languages[0].level",
                 "bad CEFR level 'D1' (A1..C2 or native)");
    expect_error("\"languages\":[{\"code\":\"fr\"}]", "languages[0].level", "required");
    expect_error("\"languages\":[{\"level\":\"B2\"}]", "languages[0].code", "required");
    expect_error("\"languages\":[{\"code\":\"xx\",\"level\":\"B2\"}]", "languages[0].code",
                 "unknown language code 'xx'");
    expect_error("\"languages\":[{\"code\":\"FR\",\"level\":\"B2\"}]", "languages[0].code",
                 "unknown language code 'FR' (codes are lower case: 'fr')");
    expect_error("\"languages\":[{\"code\":\"fra\",\"level\":\"B2\"}]", "languages[0].code",
                 "unknown language code 'fra'");
    expect_error("\"languages\":[{\"code\":\"fr\",\"level\":2}]", "languages[0].level",
                 "must be a string");
    expect_error("\"languages\":[{\"code\":\"en\",\"level\":\"C2\"},{\"code\":\"fr\",\"level\":\"B1\"},"
                 "{\"code\":\"en\",\"level\":\"B2\"}]",
                 "languages[2]", "duplicate language 'en'");
    expect_error("\"cv_lang\":\"xx\"", "cv_lang", "unknown language code 'xx'");
    expect_error("\"cv_lang\":\"\"", "cv_lang", "unknown language code ''");
}

static void test_code_problems(void **state)
{
    (void)state;
    expect_error("\"fields\":[\"E.10\",\"A\",\"E.1\"]", "fields[2]", "malformed field code 'E.1'");
    expect_error("\"fields\":[\"e.10\"]", "fields[0]", "malformed field code 'e.10'");
    expect_error("\"fields\":[\"E.10\",\"E.10\"]", "fields[1]", "duplicate field code 'E.10'");
    expect_error("\"fields\":\"E.10\"", "fields", "must be an array");
    expect_error("\"fields\":[10]", "fields[0]", "must be a string");
    expect_error("\"competences\":[\"10\"]", "competences[0]", "malformed competence code '10'");
    expect_error("\"competences\":[\"2.1\",\"2.1\"]", "competences[1]",
                 "duplicate competence code '2.1'");
}

static void test_unknown_codes_are_warnings(void **state)
{
    (void)state;
    char json[512];
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    with_extra(json, sizeof json, "\"fields\":[\"E.10\",\"E.99\"],\"competences\":[\"6\"]");
    assert_int_equal(validate(json, &e, &d), 0);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.n_errors, 0);
    assert_problem(&d, 0, RS_WARNING, 7, "fields[1]", "unknown field code 'E.99' (not in the taxonomy)");
    assert_problem(&d, 1, RS_WARNING, 7, "competences[0]",
                   "unknown competence code '6' (not in the taxonomy)");
    assert_int_equal(e.n_fields, 2);
    assert_string_equal(e.fields[1], "E.99"); /* kept */
    assert_string_equal(e.competences[0], "6");
    rs_expert_free(&e);
    rs_diag_free(&d);
}

static void test_period_problems(void **state)
{
    (void)state;
    expect_error("\"experience\":[{\"from\":\"2020-13\"}]", "experience[0].from",
                 "bad date '2020-13' (expected YYYY-MM-DD or YYYY-MM)");
    expect_error("\"experience\":[{\"from\":\"2020-02-30\"}]", "experience[0].from",
                 "bad date '2020-02-30' (expected YYYY-MM-DD or YYYY-MM)");
    expect_error("\"experience\":[{\"from\":\"2021-01\",\"to\":\"2020-12\"}]", "experience[0]",
                 "from after to");
    expect_error("\"experience\":[{\"to\":\"2020-12\"}]", "experience[0].from", "required");
    expect_error("\"experience\":[{\"from\":\"2020-01\",\"country\":\"Spain\"}]",
                 "experience[0].country", "'Spain' is a country name; JSON Lines takes its code 'ES'");
    expect_error("\"experience\":[{\"from\":\"2020-01\",\"role\":7}]", "experience[0].role",
                 "must be a string");
    expect_error("\"experience\":[\"2020\"]", "experience[0]", "must be an object");
    expect_error("\"experience\":{}", "experience", "must be an array");
    expect_error("\"unavailable\":[{\"from\":\"2027-01-10\"}]", "unavailable[0].to", "required");
    expect_error("\"unavailable\":[{\"from\":\"2027-01-10\",\"to\":\"2027-01-09\"}]",
                 "unavailable[0]", "from after to");
    expect_error("\"registered\":\"yesterday\"", "registered", "bad date 'yesterday' (expected YYYY-MM-DD or YYYY-MM)");
    expect_error("\"registered\":20180101", "registered", "must be a string");
}

static void test_education_mission_problems(void **state)
{
    (void)state;
    expect_error("\"education\":[{\"year\":\"1998\"}]", "education[0].year",
                 "must be a year from 1900 to 2200");
    expect_error("\"education\":[{\"year\":1850}]", "education[0].year",
                 "must be a year from 1900 to 2200");
    expect_error("\"education\":[{\"degree\":\"BA\"},{\"year\":1999.5}]", "education[1].year",
                 "must be a year from 1900 to 2200");
    expect_error("\"missions\":[{\"from\":\"2019-01\",\"role\":\"boss\"}]", "missions[0].role",
                 "must be lead or expert, not 'boss'");
    expect_error("\"missions\":[{\"from\":\"2019-01\",\"days\":-1}]", "missions[0].days",
                 "must be a whole number of days from 0 to 366");
    expect_error("\"missions\":[{\"from\":\"2019-01\",\"days\":400}]", "missions[0].days",
                 "must be a whole number of days from 0 to 366");
    expect_error("\"missions\":[{\"from\":\"2019-01\",\"country\":\"XX\"}]", "missions[0].country",
                 "unknown country code 'XX'");
    expect_error("\"missions\":[{\"days\":5}]", "missions[0].from", "required");
}

static void test_limits(void **state)
{
    (void)state;
    size_t n = RS_TEXT_MAX + 1;
    char *extra = malloc(n + 32), *json = malloc(n + 256);
    assert_non_null(extra);
    assert_non_null(json);
    strcpy(extra, "\"summary\":\"");
    memset(extra + strlen(extra), 'a', n);
    strcpy(extra + 11 + n, "\"");
    with_extra(json, n + 256, extra);
    expect_error_in(json, "summary", "longer than 65536 bytes");
    /* Exactly the limit is fine. */
    strcpy(extra + 11 + n - 1, "\"");
    with_extra(json, n + 256, extra);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(validate(json, &e, &d), 0);
    assert_int_equal(strlen(e.summary), RS_TEXT_MAX);
    rs_expert_free(&e);
    rs_diag_free(&d);
    free(extra);
    free(json);

    /* RS_ARRAY_MAX + 1 fields. */
    size_t cap = 16 * (RS_ARRAY_MAX + 1) + 256;
    extra = malloc(cap);
    json = malloc(cap + 128);
    assert_non_null(extra);
    assert_non_null(json);
    strcpy(extra, "\"fields\":[");
    for (int i = 0; i <= RS_ARRAY_MAX; i++)
        strcat(extra, i ? ",\"E\"" : "\"E\"");
    strcat(extra, "]");
    with_extra(json, cap + 128, extra);
    expect_error_in(json, "fields", "more than 1000 items");
    free(extra);
    free(json);
}

static void test_all_problems_reported(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    const char *json = "{\"id\":\"bad id\",\"nationalities\":[\"XX\",\"FR\"],"
                       "\"languages\":[{\"code\":\"fr\",\"level\":\"D1\"}],\"fields\":[\"E.99\"],"
                       "\"experience\":[{\"from\":\"2020-13\"}]}";
    assert_int_equal(validate(json, &e, &d), -1);
    assert_int_equal(d.n_errors, 5);
    assert_int_equal(d.n_warnings, 1);
    assert_problem(&d, 0, RS_ERROR, 7, "id", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    assert_problem(&d, 1, RS_ERROR, 7, "name", "required");
    assert_problem(&d, 2, RS_ERROR, 7, "nationalities[0]", "unknown country code 'XX'");
    assert_problem(&d, 3, RS_ERROR, 7, "languages[0].level", "bad CEFR level 'D1' (A1..C2 or native)");
    assert_problem(&d, 4, RS_WARNING, 7, "fields[0]", "unknown field code 'E.99' (not in the taxonomy)");
    assert_problem(&d, 5, RS_ERROR, 7, "experience[0].from", "bad date '2020-13' (expected YYYY-MM-DD or YYYY-MM)");
    rs_diag_free(&d);
}

static void test_long_values_are_cut_in_messages(void **state)
{
    (void)state;
    char json[512], msg[128];
    with_extra(json, sizeof json,
               "\"gender\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\"");
    /* 41 two-byte characters: 30 fit in 60 bytes. */
    strcpy(msg, "must be F, M or X, not '");
    for (int i = 0; i < 30; i++)
        strcat(msg, "\xc3\xa9");
    strcat(msg, "...'");
    expect_error_in(json, "gender", msg);
    with_extra(json, sizeof json, "\"gender\":\"a\\tb\"");
    expect_error_in(json, "gender", "must be F, M or X, not 'a?b'");
    /* Cut inside a character: the whole character goes. */
    with_extra(json, sizeof json,
               "\"gender\":\"a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"");
    strcpy(msg, "must be F, M or X, not 'a");
    for (int i = 0; i < 29; i++)
        strcat(msg, "\xc3\xa9");
    strcat(msg, "...'");
    expect_error_in(json, "gender", msg);
}

/* ---- JSON text problems --------------------------------------------- */

static void expect_text_error(const char *text, size_t len, const char *message)
{
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_expert_from_json_text(text, len, "t.jsonl", 3, &e, &d), -1);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 3, "", message);
    rs_diag_free(&d);
}

static void test_json_text_problems(void **state)
{
    (void)state;
    const char nul[] = "{\"id\":\"E\0\"}";
    expect_text_error(nul, sizeof nul - 1, "NUL byte at column 9");
    const char *bad = "{\"name\":\"\xc3\xa9\xff\"}";
    expect_text_error(bad, strlen(bad), "invalid UTF-8 at column 11");
    const char *overlong = "{\"name\":\"\xc0\xaf\"}"; /* overlong '/' */
    expect_text_error(overlong, strlen(overlong), "invalid UTF-8 at column 10");
    const char *trunc = "{\"id\":\"E\",";
    expect_text_error(trunc, strlen(trunc), "invalid JSON at column 10: string or '}' expected near end of file");
    expect_text_error("[1,2]", 5, "a record must be a JSON object, not an array");
    expect_text_error("\"x\"", 3, "a record must be a JSON object, not a string");
    expect_text_error("12", 2, "a record must be a JSON object, not a number");
    expect_text_error("null", 4, "a record must be a JSON object, not null");
    expect_text_error("true", 4, "a record must be a JSON object, not a boolean");
    const char *trailing = "{\"id\":\"E\"} x";
    expect_text_error(trailing, strlen(trailing), "invalid JSON at column 12: end of file expected near 'x'");

    /* Duplicate keys are refused by the parser, with jansson's words. */
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    const char *dup = "{\"id\":\"E\",\"name\":\"A\",\"name\":\"B\",\"nationalities\":[\"ES\"]}";
    assert_int_equal(rs_expert_from_json_text(dup, strlen(dup), "t.jsonl", 3, &e, &d), -1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].field, "");
    assert_true(strncmp(d.items[0].message, "invalid JSON at column 27: ", 27) == 0);
    assert_non_null(strstr(d.items[0].message, "duplicate object key"));
    rs_diag_free(&d);
}

/* A NUL escape is told in the input's words, not jansson's flag name. */
static void test_json_nul_escape(void **state)
{
    (void)state;
    const char *text = "{\"id\":\"E\",\"summary\":\"x\\u0000y\"}";
    expect_text_error(text, strlen(text),
                      "invalid JSON at column 30: NUL character (\\u0000) not allowed in text");
    const char *key = "{\"i\\u0000d\":\"E\"}";
    expect_text_error(key, strlen(key),
                      "invalid JSON at column 11: NUL character (\\u0000) not allowed in a key");
}

/* Names that read as another's are refused wherever a name is read. */
static void test_invisible_in_name(void **state)
{
    (void)state;
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana\u200bLopes\",\"nationalities\":[\"ES\"]}",
                    "name", "invisible character U+200B at character 4 (not allowed here)");
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana\xc2\xad" "Lopes\",\"nationalities\":[\"ES\"]}",
                    "name", "invisible character U+00AD at character 4 (not allowed here)");
    rs_diag d;
    char ids[64], lines[64];
    rs_diag_init(&d);
    const char csv[] = "id,name,nationalities\nE,Ana\xe2\x80\x8b" "Lopes,ES\n";
    assert_int_equal(read_all(csv, sizeof csv - 1, RS_FORMAT_CSV, &d, ids, lines), 0);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 2, "name",
                   "invisible character U+200B at character 4 (not allowed here)");
    rs_diag_free(&d);
}

/* Reads `text` as standard input ("-") in JSON Lines. */
static void read_stdin_jsonl(const char *text, rs_diag *d)
{
    FILE *f = open_text(text, strlen(text));
    rs_reader *r = rs_reader_new(f, "-", RS_FORMAT_JSONL);
    assert_non_null(r);
    rs_expert e;
    while (rs_reader_next(r, &e, d) != 0) rs_expert_free(&e);
    rs_reader_free(r);
    fclose(f);
}

/* A CSV piped to standard input is told how to go in; a file named .jsonl
 * or a line that is no CSV header gets the plain message. */
static void test_stdin_csv_hint(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    read_stdin_jsonl("id,name,nationalities\nE,Ana,ES\n", &d);
    assert_int_equal(d.n, 2);
    assert_problem(&d, 0, RS_ERROR, 1, "",
                   "invalid JSON at column 2: invalid token near 'id'; - reads JSON Lines; to "
                   "import CSV give the file's name (FILE.csv)");
    assert_problem(&d, 1, RS_ERROR, 2, "", "invalid JSON at column 1: invalid token near 'E'");
    rs_diag_free(&d);

    rs_diag_init(&d);
    read_stdin_jsonl("\n\"Name\";\"ID\"\n", &d);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "; - reads JSON Lines; to import CSV"));
    rs_diag_free(&d);

    rs_diag_init(&d);
    read_stdin_jsonl("hello, world\n", &d);
    read_stdin_jsonl("{\"id\":\"A\",\"name\":\"N\",\"nationalities\":[\"ES\"]}\nid,name\n", &d);
    assert_int_equal(d.n, 2);
    assert_null(strstr(d.items[0].message, "JSON Lines"));
    assert_null(strstr(d.items[1].message, "JSON Lines"));
    rs_diag_free(&d);

    char ids[64], lines[64];
    rs_diag_init(&d);
    const char text[] = "id,name\n";
    read_all(text, sizeof text - 1, RS_FORMAT_JSONL, &d, ids, lines);
    assert_int_equal(d.n, 1);
    assert_null(strstr(d.items[0].message, "JSON Lines"));
    rs_diag_free(&d);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* Far beyond jansson's depth limit (2048): refused, no crash. */
    size_t depth = 200000;
    char *text = malloc(2 * depth + 1);
    assert_non_null(text);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_expert_from_json_text(text, 2 * depth, "t.jsonl", 1, &e, &d), -1);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].message, "maximum parsing depth reached"));
    rs_diag_free(&d);
    free(text);

    /* Deep but under the limit, in an unknown key: accepted and kept. */
    size_t inner = 2000;
    char *json = malloc(2 * inner + 128);
    assert_non_null(json);
    strcpy(json, "{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"ES\"],\"deep\":");
    size_t at = strlen(json);
    memset(json + at, '[', inner);
    memset(json + at + inner, ']', inner);
    strcpy(json + at + 2 * inner, "}");
    rs_diag_init(&d);
    assert_int_equal(validate(json, &e, &d), 0);
    assert_string_equal(e.record, json);
    rs_expert_free(&e);
    rs_diag_free(&d);
    free(json);
}

/* ---- the JSON Lines reader ------------------------------------------ */

#define GOOD(id) "{\"id\":\"" id "\",\"name\":\"N\",\"nationalities\":[\"ES\"]}"

static void test_jsonl_reader(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF" GOOD("A") "\r\n"
                        "\n   \t\r\n"
                        GOOD("B") "\n"
                        "{\"id\":\"C\"}\n"
                        "[]\n"
                        GOOD("D"); /* no final newline */
    char ids[256], lines[256];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, sizeof text - 1, RS_FORMAT_JSONL, &d, ids, lines), 3);
    assert_string_equal(ids, "A B D");
    assert_string_equal(lines, "1 4 5 6 7");
    assert_int_equal(d.n, 3);
    assert_problem(&d, 0, RS_ERROR, 5, "name", "required");
    assert_problem(&d, 1, RS_ERROR, 5, "nationalities", "required");
    assert_problem(&d, 2, RS_ERROR, 6, "", "a record must be a JSON object, not an array");
    assert_string_equal(d.items[0].file, "in.txt");
    rs_diag_free(&d);
}

static void test_jsonl_duplicate_ids(void **state)
{
    (void)state;
    const char text[] = GOOD("EXP-1") "\n" GOOD("EXP-2") "\n" GOOD("EXP-1") "\n"
                        "{\"id\":\"EXP-2\"}\n" GOOD("EXP-1") "\n";
    char ids[256], lines[256];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, sizeof text - 1, RS_FORMAT_JSONL, &d, ids, lines), 2);
    assert_string_equal(ids, "EXP-1 EXP-2");
    assert_int_equal(d.n, 5);
    assert_problem(&d, 0, RS_ERROR, 3, "id", "duplicate id 'EXP-1' (first at line 1)");
    assert_problem(&d, 1, RS_ERROR, 4, "id", "duplicate id 'EXP-2' (first at line 2)");
    assert_problem(&d, 2, RS_ERROR, 4, "name", "required");
    assert_problem(&d, 3, RS_ERROR, 4, "nationalities", "required");
    assert_problem(&d, 4, RS_ERROR, 5, "id", "duplicate id 'EXP-1' (first at line 1)");
    rs_diag_free(&d);
}

static void test_jsonl_many_ids(void **state)
{
    (void)state;
    /* Enough ids to make the id set grow several times. */
    size_t n = 5000;
    char *text = malloc(n * 80);
    assert_non_null(text);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "{\"id\":\"E%zu\",\"name\":\"N\",\"nationalities\":[\"ES\"]}\n", i);
    len += (size_t)sprintf(text + len, GOOD("E4321") "\n");
    FILE *f = open_text(text, len);
    rs_reader *r = rs_reader_new(f, "many.jsonl", RS_FORMAT_JSONL);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    size_t good = 0;
    int rc;
    while ((rc = rs_reader_next(r, &e, &d)) == 1) {
        good++;
        rs_expert_free(&e);
    }
    assert_int_equal(rc, -1);
    assert_int_equal(good, n);
    assert_problem(&d, 0, RS_ERROR, (long)n + 1, "id", "duplicate id 'E4321' (first at line 4322)");
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
    free(text);
}

static void test_jsonl_overlong_line(void **state)
{
    (void)state;
    /* Line 2 is one byte over the limit, line 3 exactly at it. */
    const char *head = "{\"id\":\"L\",\"name\":\"N\",\"nationalities\":[\"ES\"],\"pad\":\"";
    size_t fixed = strlen(head) + 2; /* + "} */
    size_t cap = 3 * RS_LINE_MAX;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)sprintf(text, GOOD("A") "\n");
    memset(text + len, 'x', RS_LINE_MAX + 1);
    len += RS_LINE_MAX + 1;
    text[len++] = '\n';
    strcpy(text + len, head);
    len += strlen(head);
    memset(text + len, 'y', RS_LINE_MAX - fixed);
    len += RS_LINE_MAX - fixed;
    memcpy(text + len, "\"}\n", 3);
    len += 3;
    len += (size_t)sprintf(text + len, GOOD("B") "\n");

    char ids[256], lines[256];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, len, RS_FORMAT_JSONL, &d, ids, lines), 3);
    assert_string_equal(ids, "A L B");
    assert_string_equal(lines, "1 2 3 4");
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 2, "", "line longer than 1 MiB");
    rs_diag_free(&d);
    free(text);
}

static void test_jsonl_bad_bytes_in_file(void **state)
{
    (void)state;
    const char text[] = GOOD("A") "\n{\"id\":\"B\xfe\"}\n{\"id\":\0}\n" GOOD("C") "\n";
    char ids[256], lines[256];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, sizeof text - 1, RS_FORMAT_JSONL, &d, ids, lines), 2);
    assert_string_equal(ids, "A C");
    assert_int_equal(d.n, 2);
    assert_problem(&d, 0, RS_ERROR, 2, "", "invalid UTF-8 at column 9");
    assert_problem(&d, 1, RS_ERROR, 3, "", "NUL byte at column 7");
    rs_diag_free(&d);
}

static void test_read_error_is_fatal(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/null", "w"); /* reading it fails */
    assert_non_null(f);
    rs_reader *r = rs_reader_new(f, "out.jsonl", RS_FORMAT_JSONL);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    assert_true(rs_reader_failed(r));
    assert_int_equal(d.n, 1);
    assert_true(strncmp(d.items[0].message, "read error: ", 12) == 0);
    assert_int_equal(d.items[0].line, 1);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    assert_int_equal(d.n, 1);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_empty_input(void **state)
{
    (void)state;
    rs_format fmts[] = {RS_FORMAT_JSONL, RS_FORMAT_CSV};
    for (size_t i = 0; i < 2; i++) {
        FILE *f = tmpfile();
        assert_non_null(f);
        rs_reader *r = rs_reader_new(f, "-", fmts[i]);
        rs_diag d;
        rs_expert e;
        rs_diag_init(&d);
        assert_int_equal(rs_reader_next(r, &e, &d), 0);
        assert_false(rs_reader_failed(r));
        assert_int_equal(d.n, 0);
        rs_reader_free(r);
        fclose(f);
    }
}

/* ---- CSV -------------------------------------------------------------- */

static void test_csv_values(void **state)
{
    (void)state;
    const char text[] =
        "id,name,gender,nationalities,residence,status,languages,fields,competences,"
        "summary,cv_lang,registered,unavailable,notes\n"
        "EXP-1,\"Dupont, Marie\",F,France;cote d'ivoire,Belgium,public,fr:native; en : C1,"
        "E.10;E.10.01,2.1;X,\"Retraites et \"\"s\xc3\xa9\x63urit\xc3\xa9\"\" sociale\",fr,2019-01-02,"
        "2027-01-01..2027-01-15;2027-03,\"free, text\"\n";
    FILE *f = open_text(text, sizeof text - 1);
    rs_reader *r = rs_reader_new(f, "x.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_reader_next(r, &e, &d), 1);
    assert_int_equal(d.n, 0);
    assert_int_equal(rs_reader_line(r), 2);
    assert_string_equal(e.id, "EXP-1");
    assert_string_equal(e.name, "Dupont, Marie");
    assert_int_equal(e.gender, 'F');
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[0], "FR");
    assert_string_equal(e.nationalities[1], "CI");
    assert_string_equal(e.residence, "BE");
    assert_int_equal(e.status, RS_SECTOR_PUBLIC);
    assert_int_equal(e.n_languages, 2);
    assert_string_equal(e.languages[1].code, "en");
    assert_int_equal(e.languages[1].level, RS_CEFR_C1);
    assert_int_equal(e.n_fields, 2);
    assert_int_equal(e.n_competences, 2);
    assert_string_equal(e.summary, "Retraites et \"s\xc3\xa9\x63urit\xc3\xa9\" sociale");
    assert_string_equal(e.cv_lang, "fr");
    assert_int_equal(e.registered, day("2019-01-02"));
    assert_int_equal(e.n_unavailable, 2);
    assert_int_equal(e.unavailable[0].from, day("2027-01-01"));
    assert_int_equal(e.unavailable[0].to, day("2027-01-15"));
    assert_int_equal(e.unavailable[1].from, day("2027-03-01"));
    assert_int_equal(e.unavailable[1].to, day("2027-03-31"));
    assert_string_equal(
        e.record,
        "{\"id\":\"EXP-1\",\"name\":\"Dupont, Marie\",\"gender\":\"F\","
        "\"nationalities\":[\"FR\",\"CI\"],\"residence\":\"BE\",\"status\":\"public\","
        "\"languages\":[{\"code\":\"fr\",\"level\":\"native\"},{\"code\":\"en\",\"level\":\"C1\"}],"
        "\"fields\":[\"E.10\",\"E.10.01\"],\"competences\":[\"2.1\",\"X\"],"
        "\"summary\":\"Retraites et \\\"s\xc3\xa9\x63urit\xc3\xa9\\\" sociale\",\"cv_lang\":\"fr\","
        "\"registered\":\"2019-01-02\",\"unavailable\":[{\"from\":\"2027-01-01\",\"to\":\"2027-01-15\"},"
        "{\"from\":\"2027-03\",\"to\":\"2027-03\"}],\"notes\":\"free, text\"}");
    rs_expert_free(&e);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

/* EL and UK, the codes EU documents use, are accepted in JSON Lines wherever
 * a country is, and stored as GR and GB; names stay CSV-only there. */
static void test_jsonl_eu_country_codes(void **state)
{
    (void)state;
    const char *json =
        "{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"EL\",\"UK\"],\"residence\":\"UK\","
        "\"experience\":[{\"from\":\"2020-01\",\"country\":\"EL\"}],"
        "\"missions\":[{\"from\":\"2021-01\",\"country\":\"UK\"}]}";
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(validate(json, &e, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[0], "GR");
    assert_string_equal(e.nationalities[1], "GB");
    assert_string_equal(e.residence, "GB");
    assert_string_equal(e.experience[0].country, "GR");
    assert_string_equal(e.missions[0].country, "GB");
    assert_string_equal(e.record,
                        "{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"GR\",\"GB\"],"
                        "\"residence\":\"GB\",\"experience\":[{\"from\":\"2020-01\",\"country\":"
                        "\"GR\"}],\"missions\":[{\"from\":\"2021-01\",\"country\":\"GB\"}]}");
    rs_expert_free(&e);
    rs_diag_free(&d);
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"GR\",\"EL\"]}",
                    "nationalities[1]", "duplicate nationality 'GR'");
    expect_error_in("{\"id\":\"E\",\"name\":\"A\",\"nationalities\":[\"Royaume-Uni\"]}",
                    "nationalities[0]",
                    "'Royaume-Uni' is a country name; JSON Lines takes its code 'GB'");
}

/* CSV takes countries as codes (EL, UK too) or names in English, French,
 * Spanish and Portuguese; a name of two countries is refused. */
static void test_csv_country_names(void **state)
{
    (void)state;
    const char text[] =
        "id,name,nationalities,residence\n"
        "A,Ann,Espagne;Royaume-Uni,EL\n"
        "B,Bob,Perú;Costa do Marfim,uk\n"
        "C,Cid,Grecia;Alemanha,Pays-Bas\n"
        "D,Dee,Corée,ES\n";
    FILE *f = open_text(text, sizeof text - 1);
    rs_reader *r = rs_reader_new(f, "x.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    const char *want[][3] = {{"ES", "GB", "GR"}, {"PE", "CI", "GB"}, {"GR", "DE", "NL"}};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(rs_reader_next(r, &e, &d), 1);
        assert_int_equal(e.n_nationalities, 2);
        assert_string_equal(e.nationalities[0], want[i][0]);
        assert_string_equal(e.nationalities[1], want[i][1]);
        assert_string_equal(e.residence, want[i][2]);
        assert_non_null(strstr(e.record, want[i][0]));
        rs_expert_free(&e);
    }
    assert_int_equal(rs_reader_next(r, &e, &d), -1);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 5, "nationalities[0]",
                   "'Corée' names more than one country: KR (Korea, Republic of) or KP (Korea, "
                   "Democratic People's Republic of); give the code");
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_csv_quoting_and_lines(void **state)
{
    (void)state;
    /* BOM, CRLF, a quoted cell over three lines, blank and all-empty rows,
     * spaces around cells and quotes, upper-case header names. */
    const char text[] = "\xEF\xBB\xBF" "ID , Name,nationalities,summary\r\n"
                        "A,  Ana  , ES ,\"first line\r\n"
                        "\r\n"
                        "third, \"\"quoted\"\"\"\r\n"
                        "\r\n"
                        ",,,\r\n"
                        "  \"B\" ,\" Bo \",PT,\r\n"
                        "C,Cy,IT,\"\"";
    FILE *f = open_text(text, sizeof text - 1);
    rs_reader *r = rs_reader_new(f, "x.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_reader_next(r, &e, &d), 1);
    assert_int_equal(rs_reader_line(r), 2);
    assert_string_equal(e.name, "Ana");
    assert_string_equal(e.nationalities[0], "ES");
    assert_string_equal(e.summary, "first line\n\nthird, \"quoted\"");
    rs_expert_free(&e);
    assert_int_equal(rs_reader_next(r, &e, &d), 1);
    assert_int_equal(rs_reader_line(r), 7);
    assert_string_equal(e.id, "B");
    assert_null(e.summary);
    assert_string_equal(e.record, "{\"id\":\"B\",\"name\":\"Bo\",\"nationalities\":[\"PT\"]}");
    rs_expert_free(&e);
    assert_int_equal(rs_reader_next(r, &e, &d), 1);
    assert_int_equal(rs_reader_line(r), 8);
    assert_string_equal(e.id, "C");
    rs_expert_free(&e);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    assert_int_equal(d.n, 0);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_csv_row_problems(void **state)
{
    (void)state;
    const char text[] = "id,name,nationalities,languages,summary\n"
                        "A,Ann,ES\n"                               /* 2: too few cells */
                        "B,Bob,ES,,x,y\n"                          /* 3: too many */
                        "C,Cid,Narnia;Spian,fr;de:B9,\n"           /* 4: countries, levels */
                        "D,\"Dee\"x,ES,,\n"                        /* 5: after closing quote */
                        "E,Eve,ES,,\"x\0\"\n"                     /* 6: a NUL byte */
                        "A,Ann,ES,,\n"                             /* 7: fine */
                        "A,Ann,ES,,\n"                             /* 8: duplicate id */
                        "H,\"Hal\" x y,\"ES\" \"\"FR,,\n"           /* 9: two junk cells */
                        "F,Fay,ES,, \"open\n"                      /* 10: never closed */
                        "G,Gus,ES,,\n";
    FILE *f = open_text(text, sizeof text - 1);
    rs_reader *r = rs_reader_new(f, "bad.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    int expect[] = {-1, -1, -1, -1, -1, 1, -1, -1, -1, 0};
    long lines[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 10};
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        assert_int_equal(rs_reader_next(r, &e, &d), expect[i]);
        assert_int_equal(rs_reader_line(r), lines[i]);
        rs_expert_free(&e);
    }
    size_t k = 0;
    assert_problem(&d, k++, RS_ERROR, 2, "", "row has 3 cells, the header has 5");
    assert_problem(&d, k++, RS_ERROR, 3, "", "row has 6 cells, the header has 5");
    assert_problem(&d, k++, RS_ERROR, 4, "nationalities[0]", "unknown country 'Narnia'");
    assert_problem(&d, k++, RS_ERROR, 4, "nationalities[1]",
                   "unknown country 'Spian' (did you mean 'Spain'?)");
    assert_problem(&d, k++, RS_ERROR, 4, "languages[0].level", "required");
    assert_problem(&d, k++, RS_ERROR, 4, "languages[1].level", "bad CEFR level 'B9' (A1..C2 or native)");
    assert_problem(&d, k++, RS_ERROR, 5, "name", "text after the closing quote of a cell");
    assert_problem(&d, k++, RS_ERROR, 6, "", "NUL byte at column 13");
    assert_problem(&d, k++, RS_ERROR, 8, "id", "duplicate id 'A' (first at line 7)");
    assert_problem(&d, k++, RS_ERROR, 9, "name", "text after the closing quote of a cell");
    assert_problem(&d, k++, RS_ERROR, 9, "nationalities", "text after the closing quote of a cell");
    assert_problem(&d, k++, RS_ERROR, 10, "", "quoted cell not closed before the end of the file");
    assert_int_equal(d.n, k);
    assert_false(rs_reader_failed(r));
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

/* ---- updates of stored records -------------------------------------- */

/* A store of one record for rs_reader_set_stored: "S1" (with missions,
 * experience, summary and unavailability), "BROKEN" (not JSON) and "FAIL"
 * (the store cannot be read); other ids are new. */
static const char stored_s1[] =
    "{\"id\":\"S1\",\"name\":\"Sofia Ramos\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
    "\"employer\":\"ISS\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"B1\"}],\"fields\":[\"E.10\"],\"summary\":\"Pensions reform\","
    "\"experience\":[{\"from\":\"2010-01\",\"employer\":\"ISS\",\"country\":\"PT\"}],"
    "\"missions\":[{\"action\":\"2019-27\",\"country\":\"SN\",\"from\":\"2019-03-04\","
    "\"to\":\"2019-03-15\",\"days\":10,\"role\":\"lead\"}],"
    "\"unavailable\":[{\"from\":\"2027-01-01\",\"to\":\"2027-01-10\"}],\"notes\":\"kept\"}";

static int fake_store(const char *id, char **out, void *ctx)
{
    int *calls = ctx;
    (*calls)++;
    *out = NULL;
    if (strcmp(id, "FAIL") == 0)
        return -1;
    if (strcmp(id, "S1") == 0)
        *out = strdup(stored_s1);
    else if (strcmp(id, "BROKEN") == 0)
        *out = strdup("{\"id\":");
    else
        return 0;
    assert_non_null(*out);
    return 0;
}

/* Read one record of `text` as an update against fake_store. */
static int read_update(const char *text, rs_format fmt, rs_expert *e, rs_diag *d, int *calls)
{
    FILE *f = open_text(text, strlen(text));
    rs_reader *r = rs_reader_new(f, "u.txt", fmt);
    assert_non_null(r);
    rs_reader_set_stored(r, fake_store, calls);
    int rc = rs_reader_next(r, e, d);
    rs_reader_free(r);
    fclose(f);
    return rc;
}

/* A CSV row for a stored id changes the columns it gives a value (here a
 * language level) and keeps what CSV cannot carry, the columns it lacks and
 * its empty cells. */
static void test_csv_update_merges(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    int calls = 0;
    rs_diag_init(&d);
    assert_int_equal(read_update("id,languages,employer,summary\n"
                                 "S1,pt:native;fr:C1,,\n", RS_FORMAT_CSV, &e, &d, &calls), 1);
    assert_int_equal(d.n, 0);
    assert_int_equal(calls, 1);
    assert_string_equal(e.name, "Sofia Ramos");
    assert_int_equal(e.n_languages, 2);
    assert_string_equal(e.languages[1].code, "fr");
    assert_int_equal(e.languages[1].level, RS_CEFR_C1);
    assert_string_equal(e.employer, "ISS");          /* empty cell: kept */
    assert_string_equal(e.summary, "Pensions reform");
    assert_int_equal(e.n_missions, 1);
    assert_int_equal(e.missions[0].days, 10);
    assert_int_equal(e.n_experience, 1);
    assert_int_equal(e.n_unavailable, 1);
    assert_int_equal(e.n_fields, 1);
    assert_string_equal(
        e.record,
        "{\"id\":\"S1\",\"name\":\"Sofia Ramos\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
        "\"employer\":\"ISS\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
        "{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"E.10\"],\"summary\":\"Pensions reform\","
        "\"experience\":[{\"from\":\"2010-01\",\"employer\":\"ISS\",\"country\":\"PT\"}],"
        "\"missions\":[{\"action\":\"2019-27\",\"country\":\"SN\",\"from\":\"2019-03-04\","
        "\"to\":\"2019-03-15\",\"days\":10,\"role\":\"lead\"}],"
        "\"unavailable\":[{\"from\":\"2027-01-01\",\"to\":\"2027-01-10\"}],\"notes\":\"kept\"}");
    rs_expert_free(&e);

    /* A cell with a value replaces the whole member: countries by name too. */
    assert_int_equal(read_update("id,name,nationalities,unavailable\n"
                                 "S1,Sofia Ramos Lobo,Portugal;Espagne,2028-02\n",
                                 RS_FORMAT_CSV, &e, &d, &calls), 1);
    assert_int_equal(d.n, 0);
    assert_string_equal(e.name, "Sofia Ramos Lobo");
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[1], "ES");
    assert_int_equal(e.n_unavailable, 1);
    assert_int_equal(e.unavailable[0].from, day("2028-02-01"));
    assert_int_equal(e.n_missions, 1);
    rs_expert_free(&e);
    rs_diag_free(&d);
}

/* A CSV row for a new id stands alone and needs a name; the merged record is
 * validated as a whole, with the row's line. */
static void test_csv_update_new_and_bad(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    int calls = 0;
    rs_diag_init(&d);
    assert_int_equal(read_update("id,nationalities\nN1,ES\n", RS_FORMAT_CSV, &e, &d, &calls), -1);
    assert_problem(&d, 0, RS_ERROR, 2, "name", "required");
    assert_int_equal(d.n, 1);
    rs_diag_free(&d);

    rs_diag_init(&d);
    assert_int_equal(read_update("id,languages\nS1,fr:D1\n", RS_FORMAT_CSV, &e, &d, &calls), -1);
    assert_problem(&d, 0, RS_ERROR, 2, "languages[0].level", "bad CEFR level 'D1' (A1..C2 or native)");
    assert_int_equal(d.n, 1);
    rs_diag_free(&d);

    rs_diag_init(&d);
    assert_int_equal(read_update("id,languages\nFAIL,fr:C1\n", RS_FORMAT_CSV, &e, &d, &calls), -1);
    assert_problem(&d, 0, RS_ERROR, 2, "id", "cannot read the stored record of 'FAIL'");
    assert_int_equal(read_update("id,languages\nBROKEN,fr:C1\n", RS_FORMAT_CSV, &e, &d, &calls),
                     -1);
    assert_problem(&d, 1, RS_ERROR, 2, "id",
                   "the stored record of 'BROKEN' is damaged (run roster verify)");
    assert_null(e.id);
    rs_diag_free(&d);
}

/* A JSON Lines record replaces the stored one, but one without "missions"
 * keeps the stored missions; "missions": [] clears them. */
static void test_jsonl_update_keeps_missions(void **state)
{
    (void)state;
    rs_diag d;
    rs_expert e;
    int calls = 0;
    rs_diag_init(&d);
    assert_int_equal(read_update("{\"id\":\"S1\",\"name\":\"Sofia\",\"nationalities\":[\"PT\"]}\n",
                                 RS_FORMAT_JSONL, &e, &d, &calls), 1);
    assert_int_equal(d.n, 0);
    assert_int_equal(e.n_missions, 1);
    assert_string_equal(e.missions[0].action, "2019-27");
    assert_int_equal(e.n_experience, 0);  /* replaced: the record gives none */
    assert_null(e.summary);
    assert_int_equal(e.n_unavailable, 0);
    assert_int_equal(e.n_languages, 0);
    assert_non_null(strstr(e.record, "\"missions\":[{\"action\":\"2019-27\""));
    rs_expert_free(&e);

    assert_int_equal(read_update("{\"id\":\"S1\",\"name\":\"Sofia\",\"nationalities\":[\"PT\"],"
                                 "\"missions\":[]}\n", RS_FORMAT_JSONL, &e, &d, &calls), 1);
    assert_int_equal(e.n_missions, 0);
    rs_expert_free(&e);

    calls = 0;
    assert_int_equal(read_update("{\"id\":\"S1\",\"name\":\"Sofia\",\"nationalities\":[\"PT\"],"
                                 "\"missions\":[{\"from\":\"2020-01\"}]}\n", RS_FORMAT_JSONL, &e,
                                 &d, &calls), 1);
    assert_int_equal(calls, 0); /* the record says it all: no lookup */
    assert_int_equal(e.n_missions, 1);
    rs_expert_free(&e);

    assert_int_equal(read_update("{\"id\":\"N1\",\"name\":\"Nuno\",\"nationalities\":[\"PT\"]}\n",
                                 RS_FORMAT_JSONL, &e, &d, &calls), 1);
    assert_int_equal(e.n_missions, 0);
    rs_expert_free(&e);
    assert_int_equal(d.n, 0);
    rs_diag_free(&d);
}

static void expect_header_failure(const char *text, const char *m1, const char *m2)
{
    FILE *f = open_text(text, strlen(text));
    rs_reader *r = rs_reader_new(f, "h.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    assert_true(rs_reader_failed(r));
    assert_int_equal(d.n, m2 ? 2 : 1);
    assert_problem(&d, 0, RS_ERROR, 1, "", m1);
    if (m2)
        assert_problem(&d, 1, RS_ERROR, 1, "", m2);
    assert_int_equal(rs_reader_next(r, &e, &d), 0); /* reported once */
    assert_int_equal(d.n, m2 ? 2 : 1);
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_csv_header_problems(void **state)
{
    (void)state;
    expect_header_failure("name,nationalities\nAna,ES\n", "CSV header: missing column 'id'", NULL);
    /* Only id is required: a row updating a stored expert may leave out the name. */
    expect_header_failure("nationalities\nES\n", "CSV header: missing column 'id'", NULL);
    expect_header_failure("id,name,Name\n", "CSV header: duplicate column 'Name'", NULL);
    expect_header_failure("id,name,,x\n", "CSV header: column 3 has no name", NULL);
    expect_header_failure("id,name,experience\n",
                          "CSV header: column 'experience' is not supported in CSV (use JSON Lines)",
                          NULL);
    expect_header_failure("id,name,Missions,education\n",
                          "CSV header: column 'missions' is not supported in CSV (use JSON Lines)",
                          "CSV header: column 'education' is not supported in CSV (use JSON Lines)");
    expect_header_failure("id,\"name\nx", "quoted cell not closed before the end of the file", NULL);
}

static void test_csv_header_only(void **state)
{
    (void)state;
    const char text[] = "\n\nid,name\n\n";
    char ids[64], lines[64];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, sizeof text - 1, RS_FORMAT_CSV, &d, ids, lines), 0);
    assert_int_equal(d.n, 0);
    rs_diag_free(&d);
}

static void test_csv_overlong_line(void **state)
{
    (void)state;
    size_t cap = RS_LINE_MAX + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)sprintf(text, "id,name,nationalities,summary\nA,x,ES,");
    memset(text + len, 's', RS_LINE_MAX);
    len += RS_LINE_MAX;
    len += (size_t)sprintf(text + len, "\nB,y,ES,\n");
    char ids[64], lines[64];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, len, RS_FORMAT_CSV, &d, ids, lines), 1);
    assert_string_equal(ids, "B");
    assert_string_equal(lines, "2 3");
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 2, "", "line longer than 1 MiB");
    rs_diag_free(&d);

    /* A quoted cell that runs on for more than 1 MiB over many lines. */
    free(text);
    cap = RS_LINE_MAX + 64 * 64;
    text = malloc(cap);
    assert_non_null(text);
    len = (size_t)sprintf(text, "id,name,nationalities,summary\nA,x,ES,\"");
    while (len + 64 <= cap) {
        memset(text + len, 'q', 63);
        text[len + 63] = '\n';
        len += 64;
    }
    rs_diag_init(&d);
    FILE *f = open_text(text, len);
    rs_reader *r = rs_reader_new(f, "x.csv", RS_FORMAT_CSV);
    rs_expert e;
    assert_int_equal(rs_reader_next(r, &e, &d), -1);
    assert_problem(&d, 0, RS_ERROR, 2, "", "row longer than 1 MiB");
    while (rs_reader_next(r, &e, &d) != 0)
        rs_expert_free(&e); /* what follows is garbage, read without crashing */
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
    free(text);
}

/* ---- running out of memory inside jansson ---------------------------- */

static long allocations_left;

static void *failing_malloc(size_t n)
{
    if (allocations_left == 0)
        return NULL;
    allocations_left--;
    return malloc(n);
}

/* jansson may misreport a failed allocation as a syntax error. */
static int has_memory_error(const rs_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].message, "out of memory") ||
            strncmp(d->items[i].message, "invalid JSON at column ", 23) == 0)
            return 1;
    return 0;
}

/* Fail the n-th allocation for every n until the record gets through: each
 * failure must be reported, leak nothing (ASan checks) and crash nothing. */
static void test_out_of_memory_json(void **state)
{
    (void)state;
    int failures = 0;
    for (long n = 0;; n++) {
        rs_diag d;
        rs_expert e;
        rs_diag_init(&d);
        allocations_left = n;
        json_set_alloc_funcs(failing_malloc, free);
        int rc = validate(full_record, &e, &d);
        json_set_alloc_funcs(malloc, free);
        if (rc == 0) {
            assert_int_equal(d.n, 0);
            rs_expert_free(&e);
            rs_diag_free(&d);
            break;
        }
        assert_int_equal(rc, -1);
        assert_true(has_memory_error(&d));
        assert_null(e.id);
        rs_diag_free(&d);
        failures++;
    }
    assert_true(failures > 20);
}

static void test_out_of_memory_csv(void **state)
{
    (void)state;
    const char text[] = "id,name,nationalities,languages,unavailable,notes\n"
                        "A,\"Jose\xcc\x81\",ES;PT,fr:B2;es:native,2027-01..2027-02,n\n";
    int failures = 0;
    for (long n = 0;; n++) {
        FILE *f = open_text(text, sizeof text - 1);
        rs_reader *r = rs_reader_new(f, "m.csv", RS_FORMAT_CSV);
        rs_diag d;
        rs_expert e;
        rs_diag_init(&d);
        allocations_left = n;
        json_set_alloc_funcs(failing_malloc, free);
        int rc = rs_reader_next(r, &e, &d);
        json_set_alloc_funcs(malloc, free);
        rs_reader_free(r);
        fclose(f);
        if (rc == 1) {
            assert_string_equal(e.name, "Jos\xc3\xa9");
            rs_expert_free(&e);
            rs_diag_free(&d);
            break;
        }
        assert_int_equal(rc, -1);
        assert_true(has_memory_error(&d));
        rs_diag_free(&d);
        failures++;
    }
    assert_true(failures > 10);
}

static void test_format_of(void **state)
{
    (void)state;
    rs_format fmt = RS_FORMAT_CSV;
    assert_int_equal(rs_format_of("-", &fmt), 0);
    assert_int_equal(fmt, RS_FORMAT_JSONL);
    fmt = RS_FORMAT_CSV;
    assert_int_equal(rs_format_of("dir.v2/experts.ndjson", &fmt), 0);
    assert_int_equal(fmt, RS_FORMAT_JSONL);
    fmt = RS_FORMAT_CSV;
    assert_int_equal(rs_format_of("a.JSON", &fmt), 0);
    assert_int_equal(fmt, RS_FORMAT_JSONL);
    assert_int_equal(rs_format_of("a.jsonl", &fmt), 0);
    assert_int_equal(fmt, RS_FORMAT_JSONL);
    assert_int_equal(rs_format_of("roster.CSV", &fmt), 0);
    assert_int_equal(fmt, RS_FORMAT_CSV);
    assert_int_equal(rs_format_of("roster.xlsx", &fmt), -1);
    assert_int_equal(rs_format_of("dir.csv/roster", &fmt), -1);
    assert_int_equal(rs_format_of("csv", &fmt), -1);
    rs_reader_free(NULL); /* like free() */
}

/* ---- hostile text, misspelt keys, spreadsheet CSV --------------------- */

static void expect_valid(const char *extra)
{
    char json[4096];
    rs_diag d;
    rs_expert e;
    with_extra(json, sizeof json, extra);
    rs_diag_init(&d);
    if (validate(json, &e, &d) != 0 || d.n != 0)
        rs_diag_print(&d, stderr);
    assert_int_equal(d.n, 0);
    rs_expert_free(&e);
    rs_diag_free(&d);
}

static void test_control_characters(void **state)
{
    (void)state;
    /* An escape sequence that would retitle the terminal. */
    expect_error("\"summary\":\"Pensions \\u001b]0;owned\\u0007\"", "summary",
                 "control character U+001B at character 10 (not allowed in text)");
    /* C1 controls in their UTF-8 form: some terminals obey them. */
    expect_error("\"summary\":\"x\\u009b2J\"", "summary",
                 "control character U+009B at character 2 (not allowed in text)");
    expect_error("\"employer\":\"INSS\\nLine\"", "employer",
                 "line break at character 5 (must be one line)");
    expect_error("\"employer\":\"IN\\tSS\"", "employer", "tab at character 3 (must be one line)");
    expect_error("\"experience\":[{\"from\":\"2001\\u002d03\",\"role\":\"Jefe\\u001b[2J\"}]",
                 "experience[0].role",
                 "control character U+001B at character 5 (not allowed in text)");
    expect_error("\"experience\":[{\"from\":\"2001-03\",\"text\":\"a\\u007fb\"}]",
                 "experience[0].text",
                 "control character U+007F at character 2 (not allowed in text)");
    expect_error("\"education\":[{\"degree\":\"MSc\\rPhD\"}]", "education[0].degree",
                 "line break at character 4 (must be one line)");
    /* Names: one line that reads as what it is. */
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana \\u202eLopes\",\"nationalities\":[\"ES\"]}",
                    "name", "bidirectional control U+202E at character 5 (not allowed here)");
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana \\u2066Lopes\",\"nationalities\":[\"ES\"]}",
                    "name", "bidirectional control U+2066 at character 5 (not allowed here)");
    expect_error_in("{\"id\":\"E\",\"name\":\"Ana\\u0085Lopes\",\"nationalities\":[\"ES\"]}",
                    "name", "control character U+0085 at character 4 (not allowed in text)");
    /* Free text keeps its paragraphs, tabs and Windows line ends. */
    expect_valid("\"summary\":\"One.\\n\\tTwo.\\r\\nThree \\u202bRTL\\u202c.\"");
    expect_valid("\"experience\":[{\"from\":\"2001-03\",\"text\":\"a\\nb\"}]");
    /* A lone carriage return rewrites the line on a terminal. */
    expect_error("\"summary\":\"Pensions\\rHacked\"", "summary",
                 "control character U+000D at character 9 (not allowed in text)");
}

static void test_control_characters_csv(void **state)
{
    (void)state;
    const char text[] = "id,name,nationalities,employer,summary\n"
                        "A,Ana,ES,\"INSS\x1b[2J\",ok\n"
                        "B,Bea,ES,INSS,\"two\nlines\"\n";
    rs_diag d;
    char ids[64], lines[64];
    rs_diag_init(&d);
    assert_int_equal(read_all(text, strlen(text), RS_FORMAT_CSV, &d, ids, lines), 1);
    assert_string_equal(ids, "B");
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 2, "employer",
                   "control character U+001B at character 5 (not allowed in text)");
    rs_diag_free(&d);
}

static void test_misspelt_keys(void **state)
{
    (void)state;
    expect_error("\"langauges\":[{\"code\":\"fr\",\"level\":\"C1\"}]", "langauges",
                 "unknown key (did you mean 'languages'?)");
    expect_error("\"feilds\":[\"E.10\"]", "feilds", "unknown key (did you mean 'fields'?)");
    expect_error("\"Languages\":[]", "Languages", "unknown key (did you mean 'languages'?)");
    expect_error("\"cv lang\":\"fr\"", "cv lang", "unknown key (did you mean 'cv_lang'?)");
    expect_error("\"cvLang\":\"fr\"", "cvLang", "unknown key (did you mean 'cv_lang'?)");
    expect_error("\"nationalites\":[\"ES\"]", "nationalites",
                 "unknown key (did you mean 'nationalities'?)");
    expect_error("\"ID\":\"x\"", "ID", "unknown key (did you mean 'id'?)");
    /* Inside nested objects too. */
    expect_error("\"languages\":[{\"code\":\"fr\",\"level\":\"C1\",\"levle\":\"C2\"}]",
                 "languages[0].levle", "unknown key (did you mean 'level'?)");
    expect_error("\"experience\":[{\"form\":\"2001-03\",\"from\":\"2001-03\"}]",
                 "experience[0].form", "unknown key (did you mean 'from'?)");
    expect_error("\"missions\":[{\"from\":\"2019-03\",\"dayz\":3}]", "missions[0].dayz",
                 "unknown key (did you mean 'days'?)");
    expect_error("\"education\":[{\"year\":1998,\"institution\":\"UCM\",\"institutoin\":\"x\"}]",
                 "education[0].institutoin", "unknown key (did you mean 'institution'?)");
    expect_error("\"unavailable\":[{\"from\":\"2027-01\",\"to\":\"2027-02\",\"too\":1}]",
                 "unavailable[0].too", "unknown key (did you mean 'to'?)");
    /* Other unknown keys are kept, as the format says. */
    expect_valid("\"notes\":\"met in Lisbon\",\"url\":\"x\",\"phone\":\"1\",\"age\":40");
    expect_valid("\"experience\":[{\"from\":\"2001-03\",\"sector\":\"health\"}]");
}

static void test_csv_misspelt_column(void **state)
{
    (void)state;
    const char text[] = "id,name,nationalities,langauges\nA,Ana,ES,fr:C1\n";
    rs_diag d;
    char ids[64], lines[64];
    rs_diag_init(&d);
    assert_int_equal(read_all(text, strlen(text), RS_FORMAT_CSV, &d, ids, lines), 0);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 1, "",
                   "CSV header: unknown column 'langauges' (did you mean 'languages'?)");
    rs_diag_free(&d);
}

/* Read one CSV with one good expert and return it. */
static void read_one_csv(const char *text, rs_expert *e)
{
    FILE *f = open_text(text, strlen(text));
    rs_reader *r = rs_reader_new(f, "in.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_reader_next(r, e, &d);
    if (rc != 1)
        rs_diag_print(&d, stderr);
    assert_int_equal(rc, 1);
    assert_int_equal(d.n, 0);
    rs_expert tail;
    assert_int_equal(rs_reader_next(r, &tail, &d), 0);
    rs_diag_free(&d);
    rs_reader_free(r);
    fclose(f);
}

static void test_csv_semicolons(void **state)
{
    (void)state;
    /* As French or Spanish Excel saves it: BOM, ';' between cells, CRLF. */
    const char text[] = "\xEF\xBB\xBF" "id;name;nationalities;languages;employer;unavailable\r\n"
                        "A;Ana P\xc3\xa9rez;ES|Korea, Republic of;fr:C2 | en:B2;"
                        "\"Ministerio; INSS\";2027-01-01..2027-01-15|2027-03\r\n";
    rs_expert e;
    read_one_csv(text, &e);
    assert_string_equal(e.name, "Ana P\xc3\xa9rez");
    assert_int_equal(e.n_nationalities, 2);
    assert_string_equal(e.nationalities[0], "ES");
    assert_string_equal(e.nationalities[1], "KR");
    assert_int_equal(e.n_languages, 2);
    assert_string_equal(e.languages[1].code, "en");
    assert_int_equal(e.languages[1].level, RS_CEFR_B2);
    assert_string_equal(e.employer, "Ministerio; INSS");
    assert_int_equal(e.n_unavailable, 2);
    rs_expert_free(&e);
    /* A comma file keeps ';' between values. */
    read_one_csv("id,name,nationalities\nA,Ana,ES;PT\n", &e);
    assert_int_equal(e.n_nationalities, 2);
    rs_expert_free(&e);
}

static void test_csv_dates_named_format(void **state)
{
    (void)state;
    const char text[] = "id;name;nationalities;registered;unavailable\n"
                        "A;Ana;ES;15/03/2019;\n"
                        "B;Bea;ES;;01.02.2027..2027-03-01\n";
    rs_diag d;
    char ids[64], lines[64];
    rs_diag_init(&d);
    assert_int_equal(read_all(text, strlen(text), RS_FORMAT_CSV, &d, ids, lines), 0);
    assert_int_equal(d.n, 2);
    assert_problem(&d, 0, RS_ERROR, 2, "registered",
                   "bad date '15/03/2019' (expected YYYY-MM-DD or YYYY-MM)");
    assert_problem(&d, 1, RS_ERROR, 3, "unavailable[0].from",
                   "bad date '01.02.2027' (expected YYYY-MM-DD or YYYY-MM)");
    rs_diag_free(&d);
}

/* A byte that is not UTF-8 says the whole file is in another encoding:
 * the hint, and the file refused whole (reading stops; its rows without
 * an accent are right only by luck). A NUL byte stays a problem of its row
 * (test_csv_row_problems). */
static void test_csv_latin1_refused_whole(void **state)
{
    (void)state;
    const char text[] = "id,name,nationalities,employer\n"
                        "A,Ana,ES,Espa\xf1" "a\n"
                        "B,Bea,ES,Spain\n";
    FILE *f = open_text(text, sizeof text - 1);
    rs_reader *r = rs_reader_new(f, "latin1.csv", RS_FORMAT_CSV);
    rs_diag d;
    rs_expert e;
    rs_diag_init(&d);
    assert_int_equal(rs_reader_next(r, &e, &d), -1);
    rs_expert_free(&e);
    assert_int_equal(rs_reader_next(r, &e, &d), 0);
    rs_expert_free(&e);
    assert_true(rs_reader_failed(r));
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, RS_ERROR, 2, "",
                   "invalid UTF-8 at column 14 (the file is not UTF-8: save it from the "
                   "spreadsheet as \"CSV UTF-8\")");
    rs_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_record),
        cmocka_unit_test(test_minimal_record_defaults),
        cmocka_unit_test(test_id_problems),
        cmocka_unit_test(test_name_problems),
        cmocka_unit_test(test_gender_status_problems),
        cmocka_unit_test(test_country_problems),
        cmocka_unit_test(test_jsonl_eu_country_codes),
        cmocka_unit_test(test_csv_country_names),
        cmocka_unit_test(test_language_problems),
        cmocka_unit_test(test_code_problems),
        cmocka_unit_test(test_unknown_codes_are_warnings),
        cmocka_unit_test(test_period_problems),
        cmocka_unit_test(test_education_mission_problems),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_long_values_are_cut_in_messages),
        cmocka_unit_test(test_json_text_problems),
        cmocka_unit_test(test_json_nul_escape),
        cmocka_unit_test(test_invisible_in_name),
        cmocka_unit_test(test_stdin_csv_hint),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_jsonl_reader),
        cmocka_unit_test(test_jsonl_duplicate_ids),
        cmocka_unit_test(test_jsonl_many_ids),
        cmocka_unit_test(test_jsonl_overlong_line),
        cmocka_unit_test(test_jsonl_bad_bytes_in_file),
        cmocka_unit_test(test_read_error_is_fatal),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_csv_values),
        cmocka_unit_test(test_csv_quoting_and_lines),
        cmocka_unit_test(test_csv_row_problems),
        cmocka_unit_test(test_csv_header_problems),
        cmocka_unit_test(test_csv_update_merges),
        cmocka_unit_test(test_csv_update_new_and_bad),
        cmocka_unit_test(test_jsonl_update_keeps_missions),
        cmocka_unit_test(test_csv_header_only),
        cmocka_unit_test(test_csv_overlong_line),
        cmocka_unit_test(test_out_of_memory_json),
        cmocka_unit_test(test_out_of_memory_csv),
        cmocka_unit_test(test_format_of),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_control_characters_csv),
        cmocka_unit_test(test_misspelt_keys),
        cmocka_unit_test(test_csv_misspelt_column),
        cmocka_unit_test(test_csv_semicolons),
        cmocka_unit_test(test_csv_dates_named_format),
        cmocka_unit_test(test_csv_latin1_refused_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

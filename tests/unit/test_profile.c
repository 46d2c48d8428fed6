/* The compact profile: exact round trip, strict decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/record.h"

/* A full record, through the validator, so the expert is a real one. */
static const char full_record[] =
    "{\"id\":\"EXP-00042\",\"name\":\"Jos\xc3\xa9 \\\\ Mar\xc3\xad\x61 P\xc3\xa9rez\","
    "\"gender\":\"M\",\"nationalities\":[\"ES\",\"AR\"],\"residence\":\"FR\","
    "\"status\":\"retired_public\",\"employer\":\"Ministerio\","
    "\"languages\":[{\"code\":\"es\",\"level\":\"native\"},{\"code\":\"fr\",\"level\":\"c1\"},"
    "{\"code\":\"en\",\"level\":\"A2\"}],"
    "\"fields\":[\"E.10\",\"E.10.01\",\"A\"],\"competences\":[\"2.1\",\"X\"],"
    "\"summary\":\"Pensiones.\",\"cv_lang\":\"es\","
    "\"experience\":[{\"from\":\"2001-03\",\"to\":\"2010-06\",\"country\":\"ES\"}],"
    "\"missions\":[{\"action\":\"2019-27\",\"country\":\"SN\",\"from\":\"2019-03-04\","
    "\"to\":\"2019-03-15\",\"days\":10,\"role\":\"lead\"},{\"from\":\"2020-02\","
    "\"role\":\"expert\",\"days\":0}],"
    "\"unavailable\":[{\"from\":\"2027-01\",\"to\":\"2027-01\"},"
    "{\"from\":\"2027-05-02\",\"to\":\"2027-05-03\"}],\"registered\":\"2018-05-02\"}";

static void load_full(rs_expert *e)
{
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(rs_expert_from_json_text(full_record, strlen(full_record), "p", 1, e, &d), 0);
    rs_diag_free(&d);
}

static void test_encoding_text(void **state)
{
    (void)state;
    rs_expert e;
    load_full(&e);
    size_t len = 0;
    char *text = rs_profile_encode(&e, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_string_equal(text,
                        "roster-profile 1\n"
                        "id EXP-00042\n"
                        "name Jos\xc3\xa9 \\\\ Mar\xc3\xad\x61 P\xc3\xa9rez\n"
                        "gender M\n"
                        "nat ES AR\n"
                        "res FR\n"
                        "status retired_public\n"
                        "lang es:native fr:C1 en:A2\n"
                        "fields E.10 E.10.01 A\n"
                        "comp 2.1 X\n"
                        "cv es\n"
                        "mission SN 17959 17970 10 1\n"
                        "mission - 18293 2147483647 0 0\n"
                        "unavail 20819 20849\n"
                        "unavail 20940 20941\n");
    free(text);
    rs_expert_free(&e);
}

static void test_round_trip_full(void **state)
{
    (void)state;
    rs_expert e, back;
    load_full(&e);
    size_t len, len2;
    char *text = rs_profile_encode(&e, &len);
    assert_int_equal(rs_profile_decode(text, len, &back), 0);
    char *again = rs_profile_encode(&back, &len2);
    assert_int_equal(len2, len);
    assert_memory_equal(again, text, len);

    /* Member by member: the subset is carried, the rest left empty. */
    assert_string_equal(back.id, e.id);
    assert_string_equal(back.name, "Jos\xc3\xa9 \\ Mar\xc3\xad\x61 P\xc3\xa9rez");
    assert_int_equal(back.gender, 'M');
    assert_int_equal(back.n_nationalities, 2);
    assert_string_equal(back.nationalities[1], "AR");
    assert_string_equal(back.residence, "FR");
    assert_int_equal(back.status, RS_SECTOR_RETIRED_PUBLIC);
    assert_int_equal(back.n_languages, 3);
    assert_string_equal(back.languages[0].code, "es");
    assert_int_equal(back.languages[0].level, RS_CEFR_NATIVE);
    assert_int_equal(back.languages[2].level, RS_CEFR_A2);
    assert_int_equal(back.n_fields, 3);
    assert_string_equal(back.fields[1], "E.10.01");
    assert_int_equal(back.n_competences, 2);
    assert_string_equal(back.competences[0], "2.1");
    assert_string_equal(back.cv_lang, "es");
    assert_int_equal(back.n_missions, 2);
    assert_string_equal(back.missions[0].country, "SN");
    assert_int_equal(back.missions[0].when.from, e.missions[0].when.from);
    assert_int_equal(back.missions[0].when.to, e.missions[0].when.to);
    assert_int_equal(back.missions[0].days, 10);
    assert_int_equal(back.missions[0].lead, 1);
    assert_null(back.missions[0].action);
    assert_string_equal(back.missions[1].country, "");
    assert_int_equal(back.missions[1].when.to, RS_DATE_OPEN);
    assert_int_equal(back.missions[1].lead, 0);
    assert_int_equal(back.n_unavailable, 2);
    assert_int_equal(back.unavailable[1].from, e.unavailable[1].from);
    assert_int_equal(back.unavailable[1].to, e.unavailable[1].to);
    assert_null(back.employer);
    assert_null(back.summary);
    assert_null(back.record);
    assert_int_equal(back.n_experience, 0);
    assert_int_equal(back.registered, 0);

    free(text);
    free(again);
    rs_expert_free(&e);
    rs_expert_free(&back);
}

static void test_round_trip_minimal_and_odd_names(void **state)
{
    (void)state;
    const char *names[] = {"A", "line\nbreak", "back\\slash\\n", "\\", "tab\there \xe2\x80\x99 \xf0\x9f\x99\x82",
                           " spaced "};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        rs_expert e = {0}, back;
        e.id = "X-1";
        e.name = (char *)names[i];
        size_t len, len2;
        char *text = rs_profile_encode(&e, &len);
        assert_non_null(text);
        assert_int_equal(rs_profile_decode(text, len, &back), 0);
        assert_string_equal(back.name, names[i]);
        assert_string_equal(back.id, "X-1");
        assert_int_equal(back.n_nationalities, 0);
        assert_string_equal(back.cv_lang, "");
        char *again = rs_profile_encode(&back, &len2);
        assert_int_equal(len2, len);
        assert_memory_equal(again, text, len);
        assert_null(memchr(text + strlen("roster-profile 1\nid X-1\nname "), '\n',
                           len - strlen("roster-profile 1\nid X-1\nname ") - 1));
        free(text);
        free(again);
        rs_expert_free(&back);
    }
}

static void expect_malformed(const char *text)
{
    rs_expert e;
    e.id = (char *)"garbage"; /* decode must initialise *out even on failure */
    assert_int_equal(rs_profile_decode(text, strlen(text), &e), -1);
    assert_null(e.id);
    assert_null(e.name);
    assert_null(e.fields);
}

#define HEAD "roster-profile 1\nid E\nname N\n"

static void test_decode_rejects_malformed(void **state)
{
    (void)state;
    /* Accepted baseline, so each case below differs by one thing. */
    rs_expert e;
    const char *ok = HEAD "nat ES\nlang fr:B2\nmission ES 1 2 3 0\nunavail -5 7\n";
    assert_int_equal(rs_profile_decode(ok, strlen(ok), &e), 0);
    assert_int_equal(e.unavailable[0].from, -5);
    rs_expert_free(&e);

    expect_malformed("");
    expect_malformed("roster-profile 2\nid E\nname N\n");
    expect_malformed("roster-profile 1");
    expect_malformed("roster-profile 1\n");                   /* no id, no name */
    expect_malformed("roster-profile 1\nid E\n");             /* no name */
    expect_malformed("roster-profile 1\nname N\n");           /* no id */
    expect_malformed("roster-profile 1\nid E\nname N");       /* truncated: no final newline */
    expect_malformed("roster-profile 1\nid E F\nname N\n");
    expect_malformed("roster-profile 1\nid \nname N\n");
    expect_malformed("roster-profile 1\nid E\nname \n");
    expect_malformed("roster-profile 1\nid E\nname a\\tb\n"); /* unknown escape */
    expect_malformed("roster-profile 1\nid E\nname a\\\n");   /* escape at the end */
    expect_malformed("roster-profile 1\nid E\nname \xff\n");
    expect_malformed(HEAD "id F\n");                          /* twice */
    expect_malformed(HEAD "hobby chess\n");
    expect_malformed(HEAD "nat\n");
    expect_malformed(HEAD "nat \n");
    expect_malformed(HEAD "nat ES  FR\n");
    expect_malformed(HEAD "nat ES \n");
    expect_malformed(HEAD "nat XX\n");
    expect_malformed(HEAD "nat ES\nnat FR\n");
    expect_malformed(HEAD "res es\n");
    expect_malformed(HEAD "res ESP\n");
    expect_malformed(HEAD "gender Q\n");
    expect_malformed(HEAD "gender FF\n");
    expect_malformed(HEAD "status boss\n");
    expect_malformed(HEAD "status public x\n");
    expect_malformed(HEAD "lang fr\n");
    expect_malformed(HEAD "lang f\n");
    expect_malformed(HEAD "lang fr:\n");
    expect_malformed(HEAD "lang fr:D1\n");
    expect_malformed(HEAD "lang xx:B2\n");
    expect_malformed(HEAD "lang fr-B2\n");
    expect_malformed(HEAD "fields E.1\n");
    expect_malformed(HEAD "fields E.10 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"); /* 40 bytes */
    expect_malformed(HEAD "comp 10\n");
    expect_malformed(HEAD "cv fra\n");
    expect_malformed(HEAD "cv xx\n");
    expect_malformed(HEAD "mission ES 1 2 3\n");
    expect_malformed(HEAD "mission ES 1 2 3 0 9\n");
    expect_malformed(HEAD "mission XX 1 2 3 0\n");
    expect_malformed(HEAD "mission ES 1 2 3 2\n");
    expect_malformed(HEAD "mission ES 1 2 -3 0\n");
    expect_malformed(HEAD "mission ES 1x 2 3 0\n");
    expect_malformed(HEAD "mission ES - 2 3 0\n");
    expect_malformed(HEAD "mission ES 1 2147483648 3 0\n");
    expect_malformed(HEAD "mission ES 1 99999999999 3 0\n");
    expect_malformed(HEAD "unavail 1\n");
    expect_malformed(HEAD "unavail 1 2 3\n");
    expect_malformed(HEAD "unavail 1 +2\n");
    expect_malformed(HEAD "nat ES\n\n");
    expect_malformed(HEAD "mission ES 1 2 3 0\nunavail 1\n"); /* fails after allocating */

    const char nul[] = HEAD "nat ES\0\n";
    rs_expert x;
    assert_int_equal(rs_profile_decode(nul, sizeof nul - 1, &x), -1);
}

static void test_round_trip_from_reader(void **state)
{
    (void)state;
    /* Every expert of a small file survives encode/decode/encode. */
    const char text[] =
        "{\"id\":\"A\",\"name\":\"\xc3\x80na\",\"nationalities\":[\"PT\",\"BR\"],"
        "\"languages\":[{\"code\":\"pt\",\"level\":\"native\"}]}\n"
        "{\"id\":\"B\",\"name\":\"Bo\",\"nationalities\":[\"SE\"],\"gender\":\"X\","
        "\"status\":\"international_org\",\"unavailable\":[{\"from\":\"1900-01-01\",\"to\":\"2200-12-31\"}]}\n";
    FILE *f = fmemopen((void *)text, sizeof text - 1, "r");
    rs_reader *r = rs_reader_new(f, "t.jsonl", RS_FORMAT_JSONL);
    rs_diag d;
    rs_expert e, back;
    rs_diag_init(&d);
    int n = 0;
    while (rs_reader_next(r, &e, &d) == 1) {
        size_t len, len2;
        char *p = rs_profile_encode(&e, &len);
        assert_int_equal(rs_profile_decode(p, len, &back), 0);
        char *q = rs_profile_encode(&back, &len2);
        assert_int_equal(len, len2);
        assert_memory_equal(p, q, len);
        free(p);
        free(q);
        rs_expert_free(&back);
        rs_expert_free(&e);
        n++;
    }
    assert_int_equal(n, 2);
    assert_int_equal(d.n, 0);
    rs_reader_free(r);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encoding_text),
        cmocka_unit_test(test_round_trip_full),
        cmocka_unit_test(test_round_trip_minimal_and_odd_names),
        cmocka_unit_test(test_decode_rejects_malformed),
        cmocka_unit_test(test_round_trip_from_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

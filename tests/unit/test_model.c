/* The expert model: enumeration names and freeing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/model.h"

static void test_cefr(void **state)
{
    (void)state;
    static const char *const names[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native"};
    for (int i = 0; i < 7; i++) {
        assert_string_equal(rs_cefr_name((rs_cefr)(RS_CEFR_A1 + i)), names[i]);
        assert_int_equal(rs_cefr_parse(names[i]), RS_CEFR_A1 + i);
    }
    assert_true(RS_CEFR_NATIVE > RS_CEFR_C2);
    assert_int_equal(rs_cefr_parse("b2"), RS_CEFR_B2);
    assert_int_equal(rs_cefr_parse("NATIVE"), RS_CEFR_NATIVE);
    assert_int_equal(rs_cefr_parse("Native"), RS_CEFR_NATIVE);
    assert_int_equal(rs_cefr_parse("D1"), RS_CEFR_NONE);
    assert_int_equal(rs_cefr_parse("B"), RS_CEFR_NONE);
    assert_int_equal(rs_cefr_parse("B2 "), RS_CEFR_NONE);
    assert_int_equal(rs_cefr_parse(""), RS_CEFR_NONE);
    assert_int_equal(rs_cefr_parse(NULL), RS_CEFR_NONE);
    assert_string_equal(rs_cefr_name(RS_CEFR_NONE), "");
    assert_string_equal(rs_cefr_name((rs_cefr)99), "");
}

static void test_status(void **state)
{
    (void)state;
    static const char *const names[] = {"public", "retired_public", "mandated_body",
                                        "social_partner", "academic", "private",
                                        "international_org"};
    for (int i = 0; i < 7; i++) {
        assert_string_equal(rs_sector_name((rs_sector)(RS_SECTOR_PUBLIC + i)), names[i]);
        assert_int_equal(rs_sector_parse(names[i]), RS_SECTOR_PUBLIC + i);
    }
    assert_int_equal(rs_sector_parse("Public"), RS_SECTOR_NONE);
    assert_int_equal(rs_sector_parse("retired public"), RS_SECTOR_NONE);
    assert_int_equal(rs_sector_parse(""), RS_SECTOR_NONE);
    assert_int_equal(rs_sector_parse(NULL), RS_SECTOR_NONE);
    assert_string_equal(rs_sector_name(RS_SECTOR_NONE), "");
    assert_string_equal(rs_sector_name((rs_sector)42), "");
    /* In words for people: one phrase per status, used by every text. */
    assert_string_equal(rs_sector_phrase(RS_SECTOR_RETIRED_PUBLIC), "retired public servant");
    assert_string_equal(rs_sector_phrase(RS_SECTOR_INTERNATIONAL_ORG), "international organisation");
    assert_string_equal(rs_sector_phrase(RS_SECTOR_NONE), "");
    assert_string_equal(rs_sector_phrase((rs_sector)42), "");
}

static char **strings(size_t n, const char *s)
{
    char **v = calloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = strdup(s);
    return v;
}

/* Every member allocated; ASan reports a leak if rs_expert_free misses one. */
static void test_expert_free(void **state)
{
    (void)state;
    rs_expert e = {0};
    e.id = strdup("x1");
    e.name = strdup("Ana");
    e.nationalities = calloc(2, sizeof *e.nationalities);
    e.n_nationalities = 2;
    e.employer = strdup("Ministry");
    e.languages = calloc(1, sizeof *e.languages);
    e.n_languages = 1;
    e.fields = strings(2, "E.10");
    e.n_fields = 2;
    e.competences = strings(1, "2.1");
    e.n_competences = 1;
    e.summary = strdup("summary");
    e.experience = calloc(2, sizeof *e.experience);
    e.n_experience = 2;
    e.experience[0].employer = strdup("a");
    e.experience[0].role = strdup("b");
    e.experience[1].text = strdup("c");
    e.education = calloc(1, sizeof *e.education);
    e.n_education = 1;
    e.education[0].degree = strdup("MSc");
    e.education[0].field = strdup("Economics");
    e.education[0].institution = strdup("LSE");
    e.missions = calloc(1, sizeof *e.missions);
    e.n_missions = 1;
    e.missions[0].action = strdup("SN-2019-01");
    e.unavailable = calloc(1, sizeof *e.unavailable);
    e.n_unavailable = 1;
    e.record = strdup("{}");
    rs_expert_free(&e);
    assert_null(e.id);
    assert_int_equal(e.n_fields, 0);
    rs_expert_free(&e); /* zeroed: freeing again is harmless */
    rs_expert_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cefr),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_expert_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

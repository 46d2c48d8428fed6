/* Reference codes: countries, languages, field and competence code syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/codes.h"

static void assert_resolves(const char *input, const char *expected)
{
    char out[3] = "";
    if (rs_country_resolve(input, out) != 0)
        fail_msg("'%s' did not resolve (expected %s)", input, expected);
    if (strcmp(out, expected) != 0)
        fail_msg("'%s' resolved to %s, expected %s", input, out, expected);
}

static void assert_unresolved(const char *input)
{
    char out[3] = "--";
    if (rs_country_resolve(input, out) != -1)
        fail_msg("'%s' resolved to %s", input ? input : "(null)", out);
    assert_string_equal(out, "--"); /* untouched */
}

/* Count the valid codes among all two-letter strings of a case. */
static int count_codes(char base, int (*valid)(const char *))
{
    int n = 0;
    for (char a = base; a < base + 26; a++)
        for (char b = base; b < base + 26; b++) {
            char code[3] = {a, b, '\0'};
            n += valid(code) != 0;
        }
    return n;
}

static void test_language_lists(void **state)
{
    (void)state;
    assert_true(rs_language_list_valid("fr"));
    assert_true(rs_language_list_valid("ar,fr,en"));
    assert_false(rs_language_list_valid(""));
    assert_false(rs_language_list_valid("fr,"));
    assert_false(rs_language_list_valid(",fr"));
    assert_false(rs_language_list_valid("fr;en"));
    assert_false(rs_language_list_valid("fra"));
    assert_false(rs_language_list_valid("fr,xx"));
}

/* rs_code2_equal is strcmp(a, b) == 0 for a of at most two characters. */
static void test_code2_equal(void **state)
{
    (void)state;
    static const char *const a[] = {"", "F", "FR", "fr"};
    static const char *const b[] = {"", "F", "FR", "FRA", "FX", "fr", "R"};
    for (size_t i = 0; i < sizeof a / sizeof *a; i++)
        for (size_t k = 0; k < sizeof b / sizeof *b; k++)
            assert_int_equal(rs_code2_equal(a[i], b[k]), strcmp(a[i], b[k]) == 0);
}

static void test_country_table(void **state)
{
    (void)state;
    assert_int_equal(count_codes('A', rs_country_valid), 250); /* 249 + XK */
    assert_int_equal(count_codes('a', rs_country_valid), 0);
    assert_true(rs_country_valid("ES"));
    assert_true(rs_country_valid("XK"));
    assert_false(rs_country_valid("es"));
    assert_false(rs_country_valid("UK"));
    assert_false(rs_country_valid("ZZ"));
    assert_false(rs_country_valid("E"));
    assert_false(rs_country_valid("ESP"));
    assert_false(rs_country_valid(""));
    assert_false(rs_country_valid(NULL));
    assert_false(rs_country_valid("E\xC3"));
    assert_string_equal(rs_country_name("CI"), "Côte d'Ivoire");
    assert_string_equal(rs_country_name("KR"), "Korea, Republic of");
    assert_string_equal(rs_country_name("BO"), "Bolivia");
    assert_string_equal(rs_country_name("XK"), "Kosovo");
    assert_string_equal(rs_country_name("GB"), "United Kingdom");
    assert_null(rs_country_name("ZZ"));
    assert_null(rs_country_name(NULL));
}

static void test_country_resolve_codes(void **state)
{
    (void)state;
    assert_resolves("ES", "ES");
    assert_resolves("es", "ES");
    assert_resolves("eS", "ES");
    assert_resolves("  es\t\n", "ES");
    assert_resolves("xk", "XK");
    assert_resolves("US", "US");
    assert_resolves("uk", "GB"); /* not a code: the alias */
}

static void test_country_resolve_names(void **state)
{
    (void)state;
    assert_resolves("SPAIN", "ES");
    assert_resolves("spain", "ES");
    assert_resolves("Kosovo", "XK");
    assert_resolves("côte d’ivoire", "CI");
    assert_resolves("Cote d'Ivoire", "CI");
    assert_resolves("CÔTE D'IVOIRE", "CI");
    assert_resolves("Ivory Coast", "CI");
    assert_resolves("Korea, Republic of", "KR");
    assert_resolves("South Korea", "KR");
    assert_resolves("North Korea", "KP");
    assert_resolves("Bolivia", "BO");
    assert_resolves("Bolivia, Plurinational State of", "BO");
    assert_resolves("Iran", "IR");
    assert_resolves("Cape Verde", "CV");
    assert_resolves("Cabo Verde", "CV");
    assert_resolves("Czech Republic", "CZ");
    assert_resolves("Great Britain", "GB");
    assert_resolves("United Kingdom", "GB");
    assert_resolves("United States", "US");
    assert_resolves("USA", "US");
    assert_resolves("U.S.A.", "US");
    assert_resolves("Russia", "RU");
    assert_resolves("Russian Federation", "RU");
    assert_resolves("Vietnam", "VN");
    assert_resolves("Viet Nam", "VN");
    assert_resolves("Syria", "SY");
    assert_resolves("Laos", "LA");
    assert_resolves("Moldova", "MD");
    assert_resolves("Tanzania", "TZ");
    assert_resolves("Turkey", "TR");
    assert_resolves("Türkiye", "TR");
    assert_resolves("Turkiye", "TR");
    assert_resolves("Swaziland", "SZ");
    assert_resolves("Eswatini", "SZ");
    assert_resolves("Macedonia", "MK");
    assert_resolves("North Macedonia", "MK");
    assert_resolves("Burma", "MM");
    assert_resolves("Palestine", "PS");
    assert_resolves("Congo (DRC)", "CD");
    assert_resolves("Democratic Republic of the Congo", "CD");
    assert_resolves("Republic of the Congo", "CG");
    assert_resolves("Congo-Brazzaville", "CG");
    assert_resolves("Curacao", "CW");
    assert_resolves("Åland Islands", "AX");
    assert_resolves("Guinea-Bissau", "GW");
    assert_resolves("Guinea Bissau", "GW");
    assert_resolves("Trinidad & Tobago", "TT");
    assert_resolves("St. Lucia", "LC");
    assert_resolves("St Kitts & Nevis", "KN");
    assert_resolves("  the  gambia ", "GM");
    assert_resolves("ＳＰＡＩＮ", "ES"); /* full-width, folded by NFKC */
}

static void test_country_resolve_unknown(void **state)
{
    (void)state;
    assert_unresolved("Narnia");
    assert_unresolved("ZZ");
    assert_unresolved("Korea"); /* two countries: no guess */
    assert_unresolved("");
    assert_unresolved("   ");
    assert_unresolved("...");
    assert_unresolved(NULL);
    assert_unresolved("Sp\xC3" "ain"); /* invalid UTF-8 */
    assert_unresolved("Spain Spain");
}

/* The codes EU documents use: EL for Greece, UK for the United Kingdom. They
 * are accepted wherever a code is, and become the ISO code. */
static void test_country_eu_codes(void **state)
{
    (void)state;
    char out[3] = "";
    assert_int_equal(rs_country_code("EL", out), 0);
    assert_string_equal(out, "GR");
    assert_int_equal(rs_country_code("UK", out), 0);
    assert_string_equal(out, "GB");
    assert_int_equal(rs_country_code("ES", out), 0);
    assert_string_equal(out, "ES");
    assert_int_equal(rs_country_code("XK", out), 0);
    assert_string_equal(out, "XK");
    memcpy(out, "--", 3);
    assert_int_equal(rs_country_code("el", out), -1); /* machine formats: upper case */
    assert_int_equal(rs_country_code("Spain", out), -1);
    assert_int_equal(rs_country_code("ZZ", out), -1);
    assert_int_equal(rs_country_code("", out), -1);
    assert_int_equal(rs_country_code(NULL, out), -1);
    assert_string_equal(out, "--");
    assert_false(rs_country_valid("EL")); /* never a stored code */
    assert_resolves("EL", "GR");
    assert_resolves("el", "GR");
    assert_resolves(" UK ", "GB");
    assert_resolves("Uk", "GB");
}

/* Names in French, Spanish and Portuguese, with their common alternatives;
 * case, accents and punctuation are ignored as for English. */
static void test_country_resolve_translated_names(void **state)
{
    (void)state;
    assert_resolves("Espagne", "ES");
    assert_resolves("España", "ES");
    assert_resolves("espana", "ES");
    assert_resolves("Espanha", "ES");
    assert_resolves("Royaume-Uni", "GB");
    assert_resolves("royaume uni", "GB");
    assert_resolves("Reino Unido", "GB");
    assert_resolves("Perú", "PE");
    assert_resolves("PERU", "PE");
    assert_resolves("Pérou", "PE");
    assert_resolves("Costa do Marfim", "CI");
    assert_resolves("Costa de Marfil", "CI");
    assert_resolves("Côte-d'Ivoire", "CI");
    assert_resolves("Grèce", "GR");
    assert_resolves("Grecia", "GR");
    assert_resolves("Grécia", "GR");
    assert_resolves("Allemagne", "DE");
    assert_resolves("Alemania", "DE");
    assert_resolves("Alemanha", "DE");
    assert_resolves("Sénégal", "SN");
    assert_resolves("États-Unis", "US");
    assert_resolves("EE. UU.", "US");
    assert_resolves("EUA", "US");
    assert_resolves("Pays-Bas", "NL");
    assert_resolves("Países Bajos", "NL");
    assert_resolves("Países Baixos", "NL");
    assert_resolves("République démocratique du Congo", "CD");
    assert_resolves("RDC", "CD");
    assert_resolves("Guinée équatoriale", "GQ");
    assert_resolves("Guiné-Bissau", "GW");
    assert_resolves("Guiné", "GN");
    assert_resolves("Cap-Vert", "CV");
    assert_resolves("Moçambique", "MZ");
    assert_resolves("Maroc", "MA");
    assert_resolves("Marrocos", "MA");
    assert_resolves("Túnez", "TN");
    assert_resolves("Brésil", "BR");
    assert_resolves("Brasil", "BR");
    assert_resolves("Tchéquie", "CZ");
    assert_resolves("República Checa", "CZ");
    assert_resolves("Sainte-Lucie", "LC");
    assert_resolves("Corée du Sud", "KR");
    assert_resolves("Coreia do Norte", "KP");
    assert_resolves("Timor oriental", "TL");
    assert_resolves("Kosovo", "XK");
    assert_resolves("Niger", "NE");
    assert_resolves("Níger", "NE");
    assert_resolves("Nigéria", "NG");
    assert_resolves("Dominique", "DM");
    assert_resolves("République dominicaine", "DO");
    assert_resolves("Granada", "GD");
    assert_resolves("Suiza", "CH");
    assert_resolves("Suécia", "SE");
}

/* A name that means more than one country is refused with the countries
 * it may mean; it suggests none of them. */
static void test_country_ambiguous_names(void **state)
{
    (void)state;
    char buf[160];
    const char *names[] = {"Korea", "Corée", "Corea", "Coreia", "Virgin Islands",
                           "Îles Vierges", "islas virgenes", "Ilhas Virgens", "Congo"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_unresolved(names[i]);
        assert_int_equal(rs_country_ambiguous(names[i], buf, sizeof buf), 1);
        assert_null(rs_country_suggest(names[i]));
    }
    assert_int_equal(rs_country_ambiguous("corée", buf, sizeof buf), 1);
    assert_string_equal(buf, "KR (Korea, Republic of) or KP (Korea, Democratic People's "
                             "Republic of)");
    assert_int_equal(rs_country_ambiguous("Congo", buf, sizeof buf), 1);
    assert_string_equal(buf, "CG (Congo, Republic of the) or CD (Congo, The Democratic "
                             "Republic of the)");
    assert_int_equal(rs_country_ambiguous("Corée du Sud", buf, sizeof buf), 0);
    assert_int_equal(rs_country_ambiguous("Spain", buf, sizeof buf), 0);
    assert_int_equal(rs_country_ambiguous("Narnia", buf, sizeof buf), 0);
    assert_int_equal(rs_country_ambiguous(NULL, buf, sizeof buf), 0);
    assert_int_equal(rs_country_ambiguous("Korea", buf, 8), 1); /* cut, terminated */
    assert_true(strlen(buf) < 8);
}

static void test_country_suggest(void **state)
{
    (void)state;
    assert_string_equal(rs_country_suggest("Spian"), "ES");
    assert_string_equal(rs_country_suggest("Phillipines"), "PH");
    assert_string_equal(rs_country_suggest("Germny"), "DE");
    assert_string_equal(rs_country_suggest("Cote d Ivoir"), "CI");
    assert_string_equal(rs_country_suggest("Senegall"), "SN");
    assert_null(rs_country_suggest("zz"));
    assert_null(rs_country_suggest("Narnia"));
    assert_null(rs_country_suggest("xyzxyzxyz"));
    assert_null(rs_country_suggest(""));
    assert_null(rs_country_suggest("--"));
    assert_null(rs_country_suggest(NULL));
    assert_null(rs_country_suggest("Sp\xFF" "in"));
}

static void test_languages(void **state)
{
    (void)state;
    assert_int_equal(count_codes('a', rs_language_valid), 184);
    assert_int_equal(count_codes('A', rs_language_valid), 0);
    assert_true(rs_language_valid("fr"));
    assert_true(rs_language_valid("zu"));
    assert_false(rs_language_valid("FR"));
    assert_false(rs_language_valid("xx"));
    assert_false(rs_language_valid("f"));
    assert_false(rs_language_valid("fra"));
    assert_false(rs_language_valid(NULL));
    assert_string_equal(rs_language_name("fr"), "French");
    assert_string_equal(rs_language_name("es"), "Spanish");
    assert_string_equal(rs_language_name("el"), "Greek");
    assert_null(rs_language_name("xx"));
    assert_null(rs_language_name(NULL));
    /* Every language is named in the four languages of the roster. */
    static const char *const in[] = {"en", "fr", "es", "pt"};
    for (size_t i = 0; i < rs_n_languages(); i++)
        for (size_t k = 0; k < 4; k++) {
            const char *name = rs_language_name_in(rs_language_at(i), in[k]);
            assert_non_null(name);
            assert_true(name[0] != '\0');
        }
    assert_string_equal(rs_language_name_in("de", "fr"), "Allemand");
    assert_string_equal(rs_language_name_in("de", "es"), "Alemán");
    assert_string_equal(rs_language_name_in("de", "pt"), "Alemão");
    assert_string_equal(rs_language_name_in("de", "en"), "German");
    assert_null(rs_language_name_in("de", "it"));
    assert_null(rs_language_name_in("xx", "fr"));
}

static void test_field_codes(void **state)
{
    (void)state;
    static const char *const good[] = {"E", "E.10", "E.10.01", "A.00", "Z.99.99"};
    static const char *const bad[] = {"e", "E.1", "E.10.1", "E.10.01.02", "E10", "E.",
                                      "E.ab", "", "AB", "E.10.", "1", "E 10", "É"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!rs_field_code_valid(good[i]))
            fail_msg("rejected '%s'", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (rs_field_code_valid(bad[i]))
            fail_msg("accepted '%s'", bad[i]);
    assert_false(rs_field_code_valid(NULL));
}

static void test_competence_codes(void **state)
{
    (void)state;
    static const char *const good[] = {"1", "9", "X", "2.1", "3.6", "3.10"};
    static const char *const bad[] = {"0", "10", "x", "2.", "2.0", "2.01", "2.100", "2.1.1",
                                      "", "Y", "X.1", ".1", "2,1", "2.a"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!rs_competence_code_valid(good[i]))
            fail_msg("rejected '%s'", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (rs_competence_code_valid(bad[i]))
            fail_msg("accepted '%s'", bad[i]);
    assert_false(rs_competence_code_valid(NULL));
}

static void test_code_depth_and_prefix(void **state)
{
    (void)state;
    assert_int_equal(rs_code_depth("E"), 1);
    assert_int_equal(rs_code_depth("E.10"), 2);
    assert_int_equal(rs_code_depth("E.10.01"), 3);
    assert_int_equal(rs_code_depth("2.1"), 2);
    assert_int_equal(rs_code_depth(""), 0);
    assert_int_equal(rs_code_depth(NULL), 0);

    char out[8];
    assert_int_equal(rs_code_prefix("E.10.01", 1, out, sizeof out), 0);
    assert_string_equal(out, "E");
    assert_int_equal(rs_code_prefix("E.10.01", 2, out, sizeof out), 0);
    assert_string_equal(out, "E.10");
    assert_int_equal(rs_code_prefix("E.10.01", 3, out, sizeof out), 0);
    assert_string_equal(out, "E.10.01");
    assert_int_equal(rs_code_prefix("2.1", 1, out, sizeof out), 0);
    assert_string_equal(out, "2");
    strcpy(out, "keep");
    assert_int_equal(rs_code_prefix("E.10.01", 4, out, sizeof out), -1);
    assert_int_equal(rs_code_prefix("E.10.01", 0, out, sizeof out), -1);
    assert_int_equal(rs_code_prefix("", 1, out, sizeof out), -1);
    assert_int_equal(rs_code_prefix(NULL, 1, out, sizeof out), -1);
    assert_int_equal(rs_code_prefix("E.10.01", 3, out, 7), -1); /* no room for NUL */
    assert_string_equal(out, "keep");
    assert_int_equal(rs_code_prefix("E.10.01", 2, out, 5), 0);
    assert_string_equal(out, "E.10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code2_equal),
        cmocka_unit_test(test_country_table),
        cmocka_unit_test(test_country_resolve_codes),
        cmocka_unit_test(test_country_resolve_names),
        cmocka_unit_test(test_country_resolve_unknown),
        cmocka_unit_test(test_country_suggest),
        cmocka_unit_test(test_country_eu_codes),
        cmocka_unit_test(test_country_resolve_translated_names),
        cmocka_unit_test(test_country_ambiguous_names),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_field_codes),
        cmocka_unit_test(test_competence_codes),
        cmocka_unit_test(test_code_depth_and_prefix),
        cmocka_unit_test(test_language_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Text normalisation: UTF-8 checks, NFC, folding, words, edit distance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/text.h"

#define MAX_WORDS 32

typedef struct {
    char words[MAX_WORDS][RS_WORD_MAX + 1];
    unsigned pos[MAX_WORDS];
    size_t n;
    size_t stop_after; /* 0: never stop */
} collected;

static int collect(const char *word, size_t wlen, unsigned pos, void *ctx)
{
    collected *c = ctx;
    assert_true(c->n < MAX_WORDS);
    assert_int_equal(strlen(word), wlen); /* NUL-terminated at wlen */
    memcpy(c->words[c->n], word, wlen + 1);
    c->pos[c->n] = pos;
    c->n++;
    return c->stop_after && c->n == c->stop_after;
}

/* Words of s joined by '|', e.g. "assurance|invalidite". */
static char *words_of(const char *s)
{
    static char joined[1024];
    collected c = {.n = 0};
    long n = rs_text_words(s, strlen(s), collect, &c);
    assert_true(n >= 0);
    joined[0] = '\0';
    for (size_t i = 0; i < c.n; i++) {
        if (i)
            strcat(joined, "|");
        strcat(joined, c.words[i]);
    }
    return joined;
}

static void assert_folds(const char *in, const char *expected)
{
    char *out = rs_text_fold(in, strlen(in));
    assert_non_null(out);
    assert_string_equal(out, expected);
    free(out);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(rs_utf8_valid("", 0));
    assert_true(rs_utf8_valid("plain ascii", 11));
    assert_true(rs_utf8_valid("S\xC3\xA9" "curit\xC3\xA9", 10));
    assert_true(rs_utf8_valid("\xE2\x80\x99", 3));     /* U+2019 */
    assert_true(rs_utf8_valid("\xF0\x9F\x98\x80", 4)); /* U+1F600 */
    assert_false(rs_utf8_valid("\xC3", 1));             /* truncated */
    assert_false(rs_utf8_valid("S\xC3\xA9", 2));        /* cut by len */
    assert_false(rs_utf8_valid("\xC0\x80", 2));         /* overlong NUL */
    assert_false(rs_utf8_valid("\xE0\x80\xAF", 3));     /* overlong '/' */
    assert_false(rs_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(rs_utf8_valid("\xF4\x90\x80\x80", 4)); /* past U+10FFFF */
    assert_false(rs_utf8_valid("\xFF", 1));
    assert_false(rs_utf8_valid("\x80", 1));             /* lone continuation */
    assert_false(rs_utf8_valid("a\0b", 3));             /* NUL inside */
}

static void test_nfc(void **state)
{
    (void)state;
    char *out = rs_text_nfc("Se\xCC\x81" "curite\xCC\x81", 12); /* combining acutes */
    assert_non_null(out);
    assert_string_equal(out, "S\xC3\xA9" "curit\xC3\xA9");
    free(out);
    out = rs_text_nfc("ﬁne", strlen("ﬁne")); /* NFC keeps compatibility forms */
    assert_string_equal(out, "ﬁne");
    free(out);
    out = rs_text_nfc("", 0);
    assert_non_null(out);
    assert_string_equal(out, "");
    free(out);
    assert_null(rs_text_nfc("\xC3", 1));
    assert_null(rs_text_nfc(NULL, 0));
}

static void test_fold(void **state)
{
    (void)state;
    assert_folds("Sécurité Sociale", "securite sociale");
    assert_folds("Se\xCC\x81" "curite\xCC\x81", "securite");
    assert_folds("Straße", "strasse");
    assert_folds("ﬁnance", "finance");
    assert_folds("ＡＢＣ", "abc");
    assert_folds("emp\xC2\xAD" "loi", "emploi"); /* soft hyphen ignored */
    assert_folds("ÇA VA", "ca va");
    assert_folds("Ελλάδα", "ελλαδα");
    assert_folds("", "");
    assert_null(rs_text_fold("ab\xFF", 3));
    assert_null(rs_text_fold(NULL, 0));
}

static void test_words_example(void **state)
{
    (void)state;
    const char *s = "Assurance d'invalidité, E.10.01 et l’emploi";
    collected c = {.n = 0};
    assert_int_equal(rs_text_words(s, strlen(s), collect, &c), 5);
    assert_int_equal(c.n, 5);
    static const char *const expected[] = {"assurance", "invalidite", "e.10.01", "et", "emploi"};
    for (unsigned i = 0; i < 5; i++) {
        assert_string_equal(c.words[i], expected[i]);
        assert_int_equal(c.pos[i], i);
    }
}

static void test_words_apostrophes(void **state)
{
    (void)state;
    assert_string_equal(words_of("qu'il"), "il");
    assert_string_equal(words_of("l'emploi"), "emploi");
    assert_string_equal(words_of("L’EMPLOI"), "emploi");
    assert_string_equal(words_of("d\xCA\xBC" "abord"), "abord"); /* U+02BC */
    assert_string_equal(words_of("jusqu'à lorsqu'on"), "a|on");
    assert_string_equal(words_of("dell'occupazione un'altra all'interno"),
                        "occupazione|altra|interno");
    assert_string_equal(words_of("O'Brien"), "o|brien");
    assert_string_equal(words_of("workers' rights"), "workers|rights");
    assert_string_equal(words_of("l' 2"), "l|2"); /* no word to elide into */
    assert_string_equal(words_of("'quoted'"), "quoted");
}

static void test_words_dots_and_hyphens(void **state)
{
    (void)state;
    assert_string_equal(words_of("E.10.01."), "e.10.01");
    assert_string_equal(words_of("(E.10)"), "e.10");
    assert_string_equal(words_of("competence 2.1, 3.10"), "competence|2.1|3.10");
    assert_string_equal(words_of("1.000.000"), "1.000.000");
    assert_string_equal(words_of("etc.2"), "etc|2");
    assert_string_equal(words_of("E10.01"), "e10|01");
    assert_string_equal(words_of("end. Next"), "end|next");
    assert_string_equal(words_of("a.b"), "a|b");
    assert_string_equal(words_of("Guinea-Bissau"), "guinea|bissau");
    assert_string_equal(words_of("E-10"), "e|10");
    assert_string_equal(words_of("1,000 €"), "1|000");
    assert_string_equal(words_of("Σύνταξη και Пенсия"), "συνταξη|και|пенсия");
}

static void test_words_long_and_positions(void **state)
{
    (void)state;
    char s[200];
    memset(s, 'x', sizeof s);
    s[0] = 'a';
    s[1] = ' ';
    memset(s + 2, 'y', RS_WORD_MAX + 1); /* one byte too long */
    strcpy(s + 2 + RS_WORD_MAX + 1, " b");
    collected c = {.n = 0};
    assert_int_equal(rs_text_words(s, strlen(s), collect, &c), 3);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.words[0], "a");
    assert_int_equal(c.pos[0], 0);
    assert_string_equal(c.words[1], "b");
    assert_int_equal(c.pos[1], 2); /* the skipped word kept position 1 */

    memset(s, 'z', RS_WORD_MAX); /* exactly the limit: kept */
    s[RS_WORD_MAX] = '\0';
    c.n = 0;
    assert_int_equal(rs_text_words(s, strlen(s), collect, &c), 1);
    assert_int_equal(strlen(c.words[0]), RS_WORD_MAX);
}

static void test_words_stop_empty_invalid(void **state)
{
    (void)state;
    collected c = {.n = 0, .stop_after = 2};
    const char *s = "one two three four";
    assert_int_equal(rs_text_words(s, strlen(s), collect, &c), 2);
    assert_int_equal(c.n, 2);

    c = (collected){.n = 0};
    assert_int_equal(rs_text_words("", 0, collect, &c), 0);
    assert_int_equal(rs_text_words(" ,;- ", 5, collect, &c), 0);
    assert_int_equal(rs_text_words("ok \xFF", 4, collect, &c), -1);
    assert_int_equal(rs_text_words("a\0b", 3, collect, &c), -1);
    assert_int_equal(c.n, 0); /* nothing passed on before the rejection */
}

static void test_utf8_length(void **state)
{
    (void)state;
    assert_int_equal(rs_utf8_length("", 0), 0);
    assert_int_equal(rs_utf8_length("abc", 3), 3);
    assert_int_equal(rs_utf8_length("Sécurité", strlen("Sécurité")), 8);
    assert_int_equal(rs_utf8_length("\xF0\x9F\x98\x80", 4), 1);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(rs_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(rs_edit_distance("field", "feild"), 1); /* a swap is one edit */
    assert_int_equal(rs_edit_distance("spain", "spain"), 0);
    assert_int_equal(rs_edit_distance("", "abc"), 3);
    assert_int_equal(rs_edit_distance("abc", ""), 3);
    assert_int_equal(rs_edit_distance(NULL, "ab"), 2);
    assert_int_equal(rs_edit_distance("ab", NULL), 2);
    char a[201], b[201]; /* longer than the stack rows */
    memset(a, 'a', 200);
    a[200] = '\0';
    memcpy(b, a, sizeof a);
    b[100] = 'b';
    assert_int_equal(rs_edit_distance(a, b), 1);
    assert_int_equal(rs_edit_distance(a, "aaa"), 197);
}

static void test_edit_distance_swaps(void **state)
{
    (void)state;
    assert_int_equal(rs_edit_distance("langauges", "languages"), 1);
    assert_int_equal(rs_edit_distance("ab", "ba"), 1);
    assert_int_equal(rs_edit_distance("ca", "abc"), 3); /* no edit twice on one place */
}

static void test_key_misspelt(void **state)
{
    (void)state;
    static const char *const keys[] = {"id", "name", "languages", "fields", "team_size",
                                       "cv_lang"};
    const size_t n = sizeof keys / sizeof *keys;
    assert_null(rs_key_misspelt("languages", keys, n));
    assert_string_equal(rs_key_misspelt("langauges", keys, n), "languages");
    assert_string_equal(rs_key_misspelt("lnguags", keys, n), "languages");
    assert_string_equal(rs_key_misspelt("feilds", keys, n), "fields");
    assert_string_equal(rs_key_misspelt("teamsize", keys, n), "team_size");
    assert_string_equal(rs_key_misspelt("Team Size", keys, n), "team_size");
    assert_string_equal(rs_key_misspelt("teamSize", keys, n), "team_size");
    assert_string_equal(rs_key_misspelt("team-size", keys, n), "team_size");
    assert_string_equal(rs_key_misspelt("ID", keys, n), "id");
    assert_string_equal(rs_key_misspelt("nmae", keys, n), "name");
    assert_null(rs_key_misspelt("age", keys, n));      /* two edits from a short key */
    assert_null(rs_key_misspelt("notes", keys, n));
    assert_null(rs_key_misspelt("lngugs", keys, n));   /* three edits */
    char long_key[200];
    memset(long_key, 'a', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    assert_null(rs_key_misspelt(long_key, keys, n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_words_example),
        cmocka_unit_test(test_words_apostrophes),
        cmocka_unit_test(test_words_dots_and_hyphens),
        cmocka_unit_test(test_words_long_and_positions),
        cmocka_unit_test(test_words_stop_empty_invalid),
        cmocka_unit_test(test_utf8_length),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_edit_distance_swaps),
        cmocka_unit_test(test_key_misspelt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The working languages a request document states (intake/statedlang.h):
 * under a label or near a word that requires them, in the four languages;
 * an asset kept apart; a level kept; a language's name in another sense
 * ("the Spanish ministry", "French Guiana") not read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "intake/statedlang.h"

/* The languages the text states, as "fr B2, en asset": the code, then the
 * level written ("-" when none), then "asset" for an asset. */
static const char *stated(const char *text)
{
    static char out[256];
    rs_words ws;
    assert_int_equal(rs_words_cut(text, strlen(text), &ws), 0);
    rs_stated_languages s;
    rs_stated_languages_read(&ws, &s);
    rs_words_free(&ws);
    out[0] = '\0';
    for (size_t i = 0; i < s.n; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s %s%s", i ? ", " : "", s.l[i].code,
                 s.l[i].level ? rs_cefr_name(s.l[i].level) : "-", s.l[i].asset ? " asset" : "");
        assert_true(s.l[i].begin < s.l[i].end && s.l[i].end <= strlen(text));
    }
    return out;
}

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(stated("El idioma de trabajo es el español."), "es -");
    assert_string_equal(stated("Langue de travail : français"), "fr -");
    /* a word of another sense past the sentence's end does not count */
    assert_string_equal(stated("El idioma de trabajo es el español. Ministerio de Trabajo."),
                        "es -");
    assert_string_equal(stated("Working language: English"), "en -");
    assert_string_equal(stated("Língua de trabalho: português"), "pt -");
    assert_string_equal(stated("Langue(s) de travail : français, anglais"), "fr -, en -");
    assert_string_equal(stated("Idiomas: castellano e inglés"), "es -, en -");
    assert_string_equal(stated("The working languages of the mission will be French and "
                               "Portuguese."),
                        "fr -, pt -");
}

static void test_required(void **state)
{
    (void)state;
    assert_string_equal(stated("Les experts devront maîtriser le français et l'espagnol."),
                        "fr -, es -");
    assert_string_equal(stated("fluent English required"), "en -");
    assert_string_equal(stated("Se requiere dominio del inglés."), "en -");
    assert_string_equal(stated("Os peritos devem ter fluência em português."), "pt -");
    assert_string_equal(stated("La maîtrise de la langue française est exigée."), "fr -");
    assert_string_equal(stated("Conocimiento de la lengua española requerido."), "es -");
}

static void test_asset(void **state)
{
    (void)state;
    assert_string_equal(stated("Langue de travail : français. L'anglais serait un atout."),
                        "fr -, en - asset");
    assert_string_equal(stated("Les experts devront maîtriser le français, l'anglais serait "
                               "un atout."),
                        "fr -, en - asset");
    assert_string_equal(stated("El conocimiento del inglés sería una ventaja."), "en - asset");
    assert_string_equal(stated("Knowledge of French would be an asset."), "fr - asset");
    assert_string_equal(stated("O domínio do inglês seria uma vantagem."), "en - asset");
    assert_string_equal(stated("Fluent Spanish required; Portuguese desirable."),
                        "es -, pt - asset");
    assert_string_equal(stated("Connaissance de l'espagnol souhaitable."), "es - asset");
    assert_string_equal(stated("Inglés deseable. Portugués desejável."),
                        "en - asset, pt - asset");
    /* required over asset, whichever comes first */
    assert_string_equal(stated("English would be an asset. Working language: English."),
                        "en -");
}

static void test_level(void **state)
{
    (void)state;
    assert_string_equal(stated("Working language: English (C1)"), "en C1");
    assert_string_equal(stated("Langue de travail : français niveau B2, anglais C1 souhaitable"),
                        "fr B2, en C1 asset");
    assert_string_equal(stated("Dominio del español, nivel C2."), "es C2");
    assert_string_equal(stated("C1 English required."), "en C1");
}

/* A language's name with no label or requirement near it, or in another
 * sense, is no working language. */
static void test_other_senses(void **state)
{
    (void)state;
    assert_string_equal(stated("The Spanish ministry asks for support."), "");
    assert_string_equal(stated("The mission goes to French Guiana; experts required."), "");
    assert_string_equal(stated("English version attached."), "");
    assert_string_equal(stated("The English version is required by the ministry."), "");
    assert_string_equal(stated("La version anglaise est exigée."), "");
    assert_string_equal(stated("Two French experts are required."), "");
    assert_string_equal(stated("Experts from Spanish public institutions are required."), "");
    assert_string_equal(stated("Un expert de la coopération française est requis."), "");
    assert_string_equal(stated("Le ministère souhaite un appui. Le texte est en français."),
                        "");
    /* a sentence's end parts the cue from the name */
    assert_string_equal(stated("Two experts are required. The report will be in English."),
                        "");
    /* a code is no name: "et" is Estonian */
    assert_string_equal(stated("Maîtrise des outils et des méthodes requise."), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),   cmocka_unit_test(test_required),
        cmocka_unit_test(test_asset),    cmocka_unit_test(test_level),
        cmocka_unit_test(test_other_senses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

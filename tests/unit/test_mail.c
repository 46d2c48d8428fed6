/* The lines of a forwarded mail in a request's text (intake/mail.h): its
 * headers, greetings, closings, signatures and contact lines blanked, in
 * the four languages, and the request's own lines kept as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "intake/mail.h"

/* The text blanked, its runs of spaces and line breaks made one space,
 * trimmed: what a reader of the words sees. */
static const char *kept(const char *text)
{
    static char out[4096];
    char buf[4096];
    size_t len = strlen(text), n = 0;
    assert_true(len < sizeof buf);
    memcpy(buf, text, len + 1);
    assert_int_equal(rs_mail_blank(buf, len), 0);
    assert_int_equal(strlen(buf), len); /* offsets kept */
    for (size_t i = 0; i < len; i++) {
        int space = buf[i] == ' ' || buf[i] == '\n';
        if (space && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = space ? ' ' : buf[i];
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return out;
}

static void test_forwarded_mail(void **state)
{
    (void)state;
    assert_string_equal(
        kept("RE: TR: Solicitud de asistencia técnica\n\nBuenos días,\n\n"
             "Les reenvío la solicitud del Ministerio.\n\nSaludos,\nMaría González\n"
             "Directora General de Cooperación\nTel. +595 21 30 30 30\n\n"
             "De: Juan Pérez <jperez@mtess.gov.py>\nEnviado el: lunes, 30 de noviembre de 2026\n"
             "Para: María González\nCc: Pedro Ruiz\nAsunto: TR: Solicitud\n\nEstimada María:\n\n"
             "El Ministerio solicita dos expertos en inspección.\n\nAtentamente,\n\nJuan Pérez\n"
             "Director General, Inspección del Trabajo\n"),
        "RE: TR: Solicitud de asistencia técnica Les reenvío la solicitud del Ministerio. "
        "El Ministerio solicita dos expertos en inspección.");
}

/* The text's first subject, the newest message's, is kept. */
static void test_four_languages(void **state)
{
    (void)state;
    assert_string_equal(kept("From: Jane Doe\nSent: Monday\nTo: John\nSubject: Support\n\n"
                             "Dear colleagues,\nWe ask for support on pensions.\n\n"
                             "Best regards,\nJane Doe\nHead of Unit\n"),
                        "Subject: Support We ask for support on pensions.");
    assert_string_equal(kept("De : Jean Dupont\nEnvoyé : lundi\nÀ : Marie\nObjet : Appui\n\n"
                             "Madame, Monsieur,\nLe ministère demande un appui.\n\n"
                             "Cordialement,\nJean Dupont\nDirecteur adjoint\n"),
                        "Objet : Appui Le ministère demande un appui.");
    assert_string_equal(kept("Prezado Senhor,\nO ministério pede apoio.\n\nAtenciosamente,\n"
                             "João Silva\n+238 260 00 00\n"),
                        "O ministério pede apoio.");
    /* a quoted message's introduction, and a signature after "--" */
    assert_string_equal(kept("Le lun. 30 nov. 2026 à 10:15, Jean Dupont a écrit :\n"
                             "Texte de la demande.\n-- \nJean Dupont\nDGT\n"),
                        "Texte de la demande.");
    assert_string_equal(kept("-----Original Message-----\nText.\nEl lun, Juan escribió:\n"),
                        "Text.");
}

/* A long line that starts with a greeting loses the greeting only. */
static void test_long_greeting(void **state)
{
    (void)state;
    assert_string_equal(kept("Bonjour Madame, je vous transmets la demande du ministère sur les "
                             "retraites.\n"),
                        "je vous transmets la demande du ministère sur les retraites.");
}

/* What is not a mail's is kept: a letter's single "Objet :", a sentence
 * that starts with "Merci", a long paragraph after a closing word. */
static void test_request_kept(void **state)
{
    (void)state;
    assert_string_equal(kept("Objet : Appui à l'inspection du travail\n\nLe ministère."),
                        "Objet : Appui à l'inspection du travail Le ministère.");
    assert_string_equal(kept("Merci de bien vouloir nous envoyer deux experts en inspection.\n"),
                        "Merci de bien vouloir nous envoyer deux experts en inspection.");
    assert_string_equal(kept("De la part du ministère : deux experts.\nPara el ministerio.\n"),
                        "De la part du ministère : deux experts. Para el ministerio.");
    assert_string_equal(kept(""), "");
}

static void test_invalid(void **state)
{
    (void)state;
    char bad[] = "De: x\nTo: y\n\xff";
    assert_int_equal(rs_mail_blank(bad, strlen(bad)), -1);
    assert_int_equal(memcmp(bad, "De: x", 5), 0); /* unchanged */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forwarded_mail),
        cmocka_unit_test(test_four_languages),
        cmocka_unit_test(test_long_greeting),
        cmocka_unit_test(test_request_kept),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

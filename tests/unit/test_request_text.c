/* What a request document's text says of itself: countries mentioned
 * (core/mentions.h), the partner country they vote for, and the title,
 * action, institution, team size and window (intake/request.h), in the
 * four languages, with the traps a real text sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/mentions.h"
#include "intake/request.h"

/* ---- mentions ---- */

typedef struct {
    char seen[512]; /* "CI:name CI:place PE:demonym ?CG;CD:demonym" */
} seen;

static int note(const rs_mention *m, void *ctx)
{
    static const char *const kinds[] = {"name", "demonym", "place"};
    seen *s = ctx;
    char one[64];
    snprintf(one, sizeof one, "%s%s%s:%s", *s->seen ? " " : "", m->code[0] ? "" : "?",
             m->code[0] ? m->code : m->countries, kinds[m->kind]);
    strncat(s->seen, one, sizeof s->seen - strlen(s->seen) - 1);
    return 0;
}

static const char *mentions(const char *text)
{
    static seen s;
    memset(&s, 0, sizeof s);
    assert_int_equal(rs_country_mentions(text, strlen(text), note, &s), 0);
    return s.seen;
}

static void test_names_in_four_languages(void **state)
{
    (void)state;
    assert_string_equal(mentions("Ministère du Travail de Côte d’Ivoire"), "CI:name");
    assert_string_equal(mentions("el Ministerio de Trabajo del Perú"), "PE:name");
    assert_string_equal(mentions("o Ministério do Trabalho de Cabo Verde"), "CV:name");
    assert_string_equal(mentions("the Ministry of Labour of Ghana"), "GH:name");
    assert_string_equal(mentions("la República Democrática del Congo"), "CD:name");
}

static void test_longest_name_wins(void **state)
{
    (void)state;
    assert_string_equal(mentions("la Guinée-Bissau et la Guinée"), "GW:name GN:name");
    assert_string_equal(mentions("Niger and Nigeria"), "NE:name NG:name");
}

static void test_case_tells_names_from_words(void **state)
{
    (void)state;
    /* "gana" is a Spanish verb, "us" an English pronoun */
    assert_string_equal(mentions("quien gana más"), "");
    assert_string_equal(mentions("Gana y Togo"), "GH:name TG:name");
    assert_string_equal(mentions("let us go"), "");
    assert_string_equal(mentions("the US and the UAE"), "US:name AE:name");
    assert_string_equal(mentions("the Uae"), "");
}

static void test_demonyms_and_places(void **state)
{
    (void)state;
    assert_string_equal(mentions("des experts péruviens"), "PE:demonym");
    assert_string_equal(mentions("los trabajadores peruanos"), "PE:demonym");
    assert_string_equal(mentions("the Colombian public employment service"), "CO:demonym");
    assert_string_equal(mentions("a mission à Abidjan"), "CI:place");
    assert_string_equal(mentions("Gobierno Regional de Loreto"), "PE:place");
    assert_string_equal(mentions("Division provinciale de la Santé, Nord-Kivu"), "CD:place");
    /* a demonym of several countries names none */
    assert_string_equal(mentions("les travailleurs congolais"), "?CG;CD:demonym");
}

static void test_bad_text(void **state)
{
    (void)state;
    seen s = {{0}};
    assert_int_equal(rs_country_mentions("\xff\xfe", 2, note, &s), -1);
    assert_int_equal(rs_country_mentions("", 0, note, &s), 0);
    assert_string_equal(s.seen, "");
}

/* ---- the partner country ---- */

static const char *country_of(const char *text)
{
    static rs_request_country c;
    assert_int_equal(rs_request_country_read(text, strlen(text), NULL, 0, &c), 0);
    return c.code;
}

static void test_partner_country(void **state)
{
    (void)state;
    /* Member states say where the experts come from, not who asks. */
    assert_string_equal(country_of("Experts from France and Spain, and a German expert, will "
                                   "support the Ministry of Labour of Senegal."),
                        "SN");
    assert_string_equal(country_of("Le ministère sénégalais du Travail demande l'appui de la "
                                   "France, de la Belgique et de l'Espagne."),
                        "SN");
    assert_string_equal(country_of("Apoyo al servicio público de empleo en Bogotá"), "CO");
    /* countries named as the experts' origin are not the partner */
    assert_string_equal(country_of("Ministerio del Trabajo. Solicitamos dos expertos de Chile y de "
                                   "Uruguay para una misión en Colombia."), "CO");
    assert_string_equal(country_of("Ministry of Labour, Senegal. We would like an expert from "
                                   "Morocco and one from Tunisia."), "SN");
    assert_string_equal(country_of("Des experts du Ministère du Travail du Sénégal."), "SN");
    /* a text that names only member states names no partner */
    assert_string_equal(country_of("Experts from Portugal and Spain will train the staff."), "");
    assert_string_equal(country_of("No country here at all."), "");
    rs_request_country c;
    const char *text = "REPUBLIQUE TOGOLAISE\nMinistère de la Fonction publique du Togo";
    assert_int_equal(rs_request_country_read(text, strlen(text), NULL, 0, &c), 0);
    assert_string_equal(c.code, "TG");
    assert_true(c.said.found);
    assert_true(c.said.confidence > 0.5 && c.said.confidence <= 1.0);
    assert_int_equal(rs_request_country_read("\xc3", 1, NULL, 0, &c), -1);
}

static const char *why_country(const char *text)
{
    static char why[256];
    rs_request_country c;
    assert_int_equal(rs_request_country_read(text, strlen(text), NULL, 0, &c), 0);
    rs_request_country_why(&c, text, why, sizeof why);
    return why;
}

/* The evidence of a country says why its words tell it. */
static void test_why_a_country(void **state)
{
    (void)state;
    assert_string_equal(why_country("La Caisse Nationale de Prévoyance Sociale du Cameroun"),
                        "Cameroun: names Cameroon");
    assert_string_equal(why_country("La CNPS à Douala demande un appui."),
                        "Douala: a city or region of Cameroon");
    assert_string_equal(why_country("Solicitud del SENCE."), "SENCE: a public institution of Chile");
    assert_string_equal(why_country("des travailleurs péruviens"),
                        "péruviens: said of the people of Peru");
}

static void test_known_institutions(void **state)
{
    (void)state;
    const rs_known_institution known[] = {
        {"Ministerio de Trabajo y Promoción del Empleo (MTPE)", "PE"},
        {"Office National de l'Emploi (ONE)", "GA"},
        {"Ministry of Labour", "GH"}, /* too short a name to tell a country */
    };
    rs_request_country c;
    const char *text = "El Ministerio de Trabajo y Promoción del Empleo solicita apoyo.";
    assert_int_equal(rs_request_country_read(text, strlen(text), known, 3, &c), 0);
    assert_string_equal(c.code, "PE");
    text = "Le MTPE et ses partenaires.";
    assert_int_equal(rs_request_country_read(text, strlen(text), known, 3, &c), 0);
    assert_string_equal(c.code, "PE");
    /* an acronym counts in capitals only: "one" is a word */
    text = "The one request of the Ministry of Labour.";
    assert_int_equal(rs_request_country_read(text, strlen(text), known, 3, &c), 0);
    assert_string_equal(c.code, "");
    /* a name every country's institutions could bear tells none */
    const rs_known_institution generic[] = {{"Ministry of Labour and Social Affairs", "CM"}};
    text = "The Ministry of Labour and Social Affairs asks for two experts.";
    assert_int_equal(rs_request_country_read(text, strlen(text), generic, 1, &c), 0);
    assert_string_equal(c.code, "");
    /* nor does an acronym two countries' institutions share */
    const rs_known_institution shared[] = {{"Agence Nationale pour l'Emploi (ANPE)", "BJ"},
                                           {"Agence Nationale de l'Emploi (ANPE)", "TG"}};
    text = "L'ANPE demande un appui.";
    assert_int_equal(rs_request_country_read(text, strlen(text), shared, 2, &c), 0);
    assert_string_equal(c.code, "");
    /* a name in the text outvotes a record */
    text = "L'ONE du Gabon, avec le Sénégal. Au Sénégal, à Dakar.";
    assert_int_equal(rs_request_country_read(text, strlen(text), known, 3, &c), 0);
    assert_string_equal(c.code, "SN");
}

static const char *country_known(const char *text, const rs_known_institution *known,
                                 size_t n_known)
{
    static rs_request_country c;
    assert_int_equal(rs_request_country_read(text, strlen(text), known, n_known, &c), 0);
    return c.code;
}

/* The built-in table (corpus/reference/institutions.tsv) votes as the
 * records' institutions do, with no request on record. */
static void test_institutions_table(void **state)
{
    (void)state;
    /* a name of one country's institution, in any case but its capitals */
    assert_string_equal(country_of("El Servicio Nacional de Capacitación y Empleo solicita "
                                   "apoyo técnico."), "CL");
    assert_string_equal(country_of("INSTITUTO DE SEGURIDAD Y SERVICIOS SOCIALES DE LOS "
                                   "TRABAJADORES DEL ESTADO"), "MX");
    assert_string_equal(country_of("Workers Compensation Fund (WCF)"), "TZ");
    /* its acronym, as written or in capitals */
    assert_string_equal(country_of("Appui à la CNaPS pour le recouvrement."), "MG");
    assert_string_equal(country_of("Appui à la CNAPS pour le recouvrement."), "MG");
    assert_string_equal(country_of("Apoyo al SENCE en la certificación."), "CL");
    assert_string_equal(country_of("Apoyo al Sence en la certificación."), "");
    /* a name or an acronym of several countries' institutions, none */
    assert_string_equal(country_of("The National Social Security Fund (NSSF) asks for an "
                                   "actuary."), "");
    assert_string_equal(country_of("La Caisse nationale de sécurité sociale (CNSS) sollicite "
                                   "un appui."), "");
    /* ... read whole: not Niger's "Agence nationale pour la promotion de
     * l'emploi" and two words */
    assert_string_equal(country_of("L'Agence nationale pour la promotion de l'emploi des "
                                   "jeunes demande un appui."), "");
    /* a short name only where it is a proper noun */
    assert_string_equal(country_of("Solicitud de Prosperidad Social"), "CO");
    assert_string_equal(country_of("para la prosperidad social del país"), "");
    assert_string_equal(country_of("Appui à l'Entraide nationale"), "MA");
    assert_string_equal(country_of("un esprit d'entraide nationale"), "");
    /* an acronym the text also uses as a word is that word */
    assert_string_equal(country_of("Support to DOLE inspectors."), "PH");
    assert_string_equal(country_of("DOLE AND WORK: workers on the dole."), "");
}

static void test_institutions_with_records(void **state)
{
    (void)state;
    /* a record's institution still votes, by its name and its acronym */
    const rs_known_institution known[] = {
        {"Fondo para la Formación Dual de los Jóvenes (FOFODJ)", "PY"}};
    assert_string_equal(country_known("El Fondo para la Formación Dual de los Jóvenes "
                                      "solicita.", known, 1), "PY");
    assert_string_equal(country_known("El FOFODJ solicita.", known, 1), "PY");
    assert_string_equal(country_known("El FOFODJ solicita.", NULL, 0), "");
    /* one that another country's institution of the table bears tells
     * neither country */
    const rs_known_institution elsewhere[] = {
        {"Servicio Nacional de Capacitación y Empleo (SENCE)", "PE"}};
    assert_string_equal(country_known("El Servicio Nacional de Capacitación y Empleo "
                                      "solicita.", elsewhere, 1), "");
    assert_string_equal(country_known("El SENCE solicita.", elsewhere, 1), "");
    /* an acronym of two letters is too many things */
    const rs_known_institution short_acronym[] = {
        {"Consejo de Normalización de la Formación Dual (CN)", "PY"}};
    assert_string_equal(country_known("El CN solicita.", short_acronym, 1), "");
}

/* Words of two countries vote for neither. */
static void test_shared_words(void **state)
{
    (void)state;
    /* "Congo" alone is either Congo; its provinces tell */
    assert_string_equal(mentions("le Congo"), "?CG;CD:name");
    assert_string_equal(mentions("la République du Congo et la RDC"), "CG:name CD:name");
    assert_string_equal(country_of("Gouvernement provincial du Kongo Central. Support to the "
                                   "provincial labour inspection in Central Congo; the "
                                   "inspectors of Central Congo."), "CD");
    /* a region of two countries, as listed for both */
    assert_string_equal(mentions("Punjab"), "?IN;PK:place");
    assert_string_equal(mentions("Santa Cruz y Amazonas"), "?AR;BO:place ?BR;CO;PE;VE:place");
    assert_string_equal(country_of("Labour Department, Government of the Punjab"), "");
}

/* ---- title, action, institution, team, window ---- */

static rs_request_facts facts;

static void read_facts(const char *text)
{
    rs_request_facts_free(&facts);
    assert_int_equal(rs_request_facts_read(text, strlen(text), &facts), 0);
}

static void test_title(void **state)
{
    (void)state;
    read_facts("TERMES DE RÉFÉRENCE\n\nObjet : Appui à l'inspection du travail\n\nTexte.");
    assert_true(facts.title.found);
    assert_string_equal(facts.title_text, "Appui à l'inspection du travail");
    assert_true(facts.title.confidence >= 0.9);
    read_facts("Terms of Reference\nSupport to the national pension reform in Togo\n"
               "The Ministry asks for support.");
    assert_string_equal(facts.title_text, "Support to the national pension reform in Togo");
    assert_true(facts.title.confidence < 0.9);
    /* a sentence is no title */
    read_facts("El ministerio solicita apoyo. Fechas por definir en breve.");
    assert_false(facts.title.found);
    assert_null(facts.title_text);
}

/* A request that came as a mail: its subject is the title, without the
 * prefixes mail clients add when replying and forwarding, in the four
 * languages, however many, with or without a space (or a no-break space)
 * before the colon. */
static void test_title_of_a_mail(void **state)
{
    (void)state;
    read_facts("Objet : TR: RE : Appui à l'inspection du travail\n\nTexte.");
    assert_string_equal(facts.title_text, "Appui à l'inspection du travail");
    assert_true(facts.title.confidence >= 0.9);
    read_facts("Subject: Fwd: FW: Re: Support to the pension reform\n\nText.");
    assert_string_equal(facts.title_text, "Support to the pension reform");
    read_facts("Asunto: RV: Enc: Apoyo a la inspección del trabajo\n");
    assert_string_equal(facts.title_text, "Apoyo a la inspección del trabajo");
    read_facts("Assunto: RES:ENC:  Apoio à proteção social\n");
    assert_string_equal(facts.title_text, "Apoio à proteção social");
    read_facts("Objet : Re\xc2\xa0: Tr\xe2\x80\xaf: Appui au ministère\n");
    assert_string_equal(facts.title_text, "Appui au ministère");
    /* from the shape of the text too, and the evidence starts past them */
    read_facts("RE: TR: Appui à la réforme des retraites du Togo\nLe ministère demande.");
    assert_string_equal(facts.title_text, "Appui à la réforme des retraites du Togo");
    assert_int_equal(facts.title.begin, 8);
    /* words that only start like one are kept, and a subject of prefixes
     * alone is no title */
    read_facts("Objet : Refonte : le code du travail\n");
    assert_string_equal(facts.title_text, "Refonte : le code du travail");
    read_facts("Title: Re-thinking the labour inspection\n");
    assert_string_equal(facts.title_text, "Re-thinking the labour inspection");
    read_facts("Objet : RE: TR:\n\nLe ministère demande un appui.");
    assert_false(facts.title.found);
    /* a forwarded mail: the first subject, the newest message's, not the
     * quoted older one's under its label */
    read_facts("RE: TR: Solicitud de asistencia técnica - inspección laboral\n\nBuenos días,\n"
               "Les reenvío la solicitud.\n\nDe: Juan Pérez\nEnviado el: lunes\n"
               "Asunto: TR: Solicitud\n\nEl Ministerio solicita dos expertos.");
    assert_string_equal(facts.title_text, "Solicitud de asistencia técnica - inspección laboral");
    assert_true(facts.title.confidence >= 0.9);
    read_facts("Objet : TR: Appui à l'inspection\n\nDe : A\nObjet : Appui\n");
    assert_string_equal(facts.title_text, "Appui à l'inspection");
}

static void test_action(void **state)
{
    (void)state;
    read_facts("Demande d'assistance technique n° 2027-04\nObjet : x y z w");
    assert_true(facts.action.found);
    assert_string_equal(facts.action_code, "2027-04");
    /* a month written as an ISO date is no action */
    read_facts("Report of 2027-04, no reference given.");
    assert_false(facts.action.found);
}

static void test_institution(void **state)
{
    (void)state;
    read_facts("Institución solicitante:\nMinisterio de Trabajo y Promoción del Empleo (MTPE)\n");
    assert_true(facts.institution.found);
    assert_string_equal(facts.institution_text,
                        "Ministerio de Trabajo y Promoción del Empleo (MTPE)");
    assert_true(facts.institution.confidence >= 0.9);
    read_facts("RÉPUBLIQUE DE CÔTE D'IVOIRE\nUnion – Discipline – Travail\n\n"
               "Le Ministère de l'Emploi et de la Protection Sociale (MEPS) demande un appui.");
    assert_string_equal(facts.institution_text,
                        "Ministère de l'Emploi et de la Protection Sociale (MEPS)");
    assert_true(facts.institution.confidence < 0.9);
    /* a letterhead's name goes on past its commas; a sentence's stops */
    read_facts("Termos de referência\nMinistério da Família, Inclusão e Desenvolvimento Social\n"
               "República de Cabo Verde\n");
    assert_string_equal(facts.institution_text,
                        "Ministério da Família, Inclusão e Desenvolvimento Social");
    read_facts("Experts will visit the Ministry of Labour Relations, Accra and Kumasi.");
    assert_string_equal(facts.institution_text, "Ministry of Labour Relations");
    /* names in lower case after their first word */
    read_facts("La Caisse nationale de sécurité sociale (CNSS) demande un appui.");
    assert_string_equal(facts.institution_text, "Caisse nationale de sécurité sociale (CNSS)");
    read_facts("Le projet du Ministère de la Fonction publique et du Travail, à Lomé.");
    assert_string_equal(facts.institution_text, "Ministère de la Fonction publique et du Travail");
    read_facts("no institution is named in this text");
    assert_false(facts.institution.found);
}

static int team_of(const char *text)
{
    read_facts(text);
    return facts.team.found ? facts.team_size : 0;
}

static void test_team_size(void **state)
{
    (void)state;
    assert_int_equal(team_of("l'appui de deux experts européens"), 2);
    assert_int_equal(team_of("un equipo de tres especialistas"), 3);
    assert_int_equal(team_of("a team of 3 experts"), 3);
    assert_int_equal(team_of("trois (3) experts seront mobilisés"), 3);
    assert_int_equal(team_of("dois peritos portugueses"), 2);
    assert_int_equal(team_of("duas especialistas"), 2);
    /* counts joined by "and" are one team */
    assert_int_equal(team_of("un expert principal et deux experts juniors"), 3);
    assert_int_equal(team_of("one senior expert and two junior experts"), 3);
    /* the count asked for, not a past one; else the largest */
    assert_int_equal(team_of("It worked with 5 experts in 2024. It now asks for 2 experts."), 2);
    assert_int_equal(team_of("2 experts in 2023, then 3 experts in 2024"), 3);
    assert_int_equal(team_of("The ministry requests an expert in pensions."), 1);
    assert_int_equal(team_of("une équipe composée de quatre experts; un expert senior"), 4);
    assert_int_equal(team_of("the experts will travel"), 0);
    assert_int_equal(team_of("seven experts"), 0);
}

static void assert_window(const char *text, const char *from, const char *to)
{
    read_facts(text);
    assert_true(facts.window.found);
    char a[11], b[11];
    rs_date_format(facts.from, a);
    rs_date_format(facts.to, b);
    assert_string_equal(a, from);
    assert_string_equal(b, to);
}

static void test_window(void **state)
{
    (void)state;
    assert_window("La mission se déroulera du 8 au 26 février 2027.", "2027-02-08", "2027-02-26");
    assert_window("from 28 February to 12 March 2027", "2027-02-28", "2027-03-12");
    assert_window("del 3 al 14 de mayo de 2027", "2027-05-03", "2027-05-14");
    assert_window("de 8 a 26 de fevereiro de 2027", "2027-02-08", "2027-02-26");
    assert_window("Mission dates: 2027-03-01 to 2027-03-12", "2027-03-01", "2027-03-12");
    assert_window("du 01/03/2027 au 12/03/2027", "2027-03-01", "2027-03-12");
    assert_window("between March 8, 2027 and March 19, 2027", "2027-03-08", "2027-03-19");
    assert_window("8-26 février 2027", "2027-02-08", "2027-02-26");
    assert_window("du lundi 8 mars au vendredi 19 mars 2027", "2027-03-08", "2027-03-19");
    assert_window("Monday 8 March to Friday 19 March 2027", "2027-03-08", "2027-03-19");
    assert_window("The mission: March 3-14, 2027.", "2027-03-03", "2027-03-14");
    assert_window("The mission: March 3 to 14, 2027.", "2027-03-03", "2027-03-14");
    assert_window("du 20 décembre au 10 janvier 2028", "2027-12-20", "2028-01-10");
    /* the range a word announces wins over a deadline's */
    assert_window("Deadline from 1 to 5 January 2027. The mission will take place from "
                  "8 to 19 March 2027.", "2027-03-08", "2027-03-19");
    /* a month alone, announced: that month, with a low confidence */
    assert_window("La mission aura lieu en mars 2027.", "2027-03-01", "2027-03-31");
    assert_true(facts.window.confidence < 0.5);
    /* a month alone unannounced too, less surely; a range still wins */
    assert_window("Senegal, 2 experts, April 2027.", "2027-04-01", "2027-04-30");
    double alone = facts.window.confidence;
    assert_true(alone > 0 && alone < 0.3);
    assert_window("Two experts are requested for April 2027.", "2027-04-01", "2027-04-30");
    assert_window("Dos expertos en abril de 2027.", "2027-04-01", "2027-04-30");
    assert_window("Two experts are requested by the Ministry for April 2027.", "2027-04-01",
                  "2027-04-30");
    assert_window("Report of January 2027. Experts from 8 to 19 March 2027.", "2027-03-08",
                  "2027-03-19");
}

static void test_no_window(void **state)
{
    (void)state;
    read_facts("du 8 au 26 février");  /* no year */
    assert_false(facts.window.found);
    read_facts("from 26 to 8 February 2027"); /* backwards */
    assert_false(facts.window.found);
    read_facts("You may come in 2027.");   /* "may" is no month */
    assert_false(facts.window.found);
    read_facts("from 1 January 2027 to 31 December 2028"); /* longer than a year */
    assert_false(facts.window.found);
    /* a month that is a deadline is not the mission's */
    read_facts("Send the CVs before April 2027.");
    assert_false(facts.window.found);
    read_facts("Deadline: April 2027.");
    assert_false(facts.window.found);
    read_facts("Réponse attendue au plus tard en avril 2027.");
    assert_false(facts.window.found);
    read_facts("Plazo: abril de 2027.");
    assert_false(facts.window.found);
}

static void test_invalid_text(void **state)
{
    (void)state;
    rs_request_facts f;
    assert_int_equal(rs_request_facts_read("abc\xff", 4, &f), -1);
    rs_request_facts_free(&f);
    assert_int_equal(rs_request_facts_read("", 0, &f), 0);
    assert_false(f.title.found || f.team.found || f.window.found || f.action.found);
    rs_request_facts_free(&f);
}

static int teardown(void **state)
{
    (void)state;
    rs_request_facts_free(&facts);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_in_four_languages),
        cmocka_unit_test(test_longest_name_wins),
        cmocka_unit_test(test_case_tells_names_from_words),
        cmocka_unit_test(test_demonyms_and_places),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_partner_country),
        cmocka_unit_test(test_why_a_country),
        cmocka_unit_test(test_known_institutions),
        cmocka_unit_test(test_institutions_table),
        cmocka_unit_test(test_institutions_with_records),
        cmocka_unit_test(test_shared_words),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_title_of_a_mail),
        cmocka_unit_test(test_action),
        cmocka_unit_test(test_institution),
        cmocka_unit_test(test_team_size),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_no_window),
        cmocka_unit_test(test_invalid_text),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}

/* Labels of the taxonomy in four languages (core/labels.h): the compiled-in
 * table, lookups, the visitor, inference of field codes from a text, and the
 * checks that refuse a malformed table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/data.h"
#include "core/labels.h"
#include "core/taxonomy.h"

/* ---- first use from several threads at once ---- */

static void *first_use(void *arg)
{
    (void)arg;
    const char *codes[3];
    const char *fr = rs_label("N.10.01", "fr");
    if (!fr || strcmp(fr, "Inspection du travail") != 0)
        return (void *)1;
    if (rs_labels_infer("pension reform", 14, codes, NULL, 3) != 1 ||
        strcmp(codes[0], "E.10.07") != 0)
        return (void *)1;
    return NULL;
}

static void test_concurrent_first_use(void **state)
{
    (void)state;
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, first_use, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *result;
        assert_int_equal(pthread_join(threads[i], &result), 0);
        assert_null(result);
    }
}

/* ---- every code, four languages ---- */

typedef struct {
    int n;
    char langs[16];
    const char *labels[4];
    const char *keywords[4];
    int stop_at; /* -1: never */
} visit;

static int collect(const char *lang, const char *label, const char *keywords, void *ctx)
{
    visit *v = ctx;
    if (v->n < 4) {
        strcat(v->langs, lang);
        strcat(v->langs, " ");
        v->labels[v->n] = label;
        v->keywords[v->n] = keywords;
    }
    v->n++;
    return v->n - 1 == v->stop_at ? 7 : 0;
}

static void assert_four_languages(const rs_code_entry *e)
{
    visit v = {.stop_at = -1};
    assert_int_equal(rs_labels_each(e->code, collect, &v), 0);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.langs, "en fr es pt ");
    assert_string_equal(v.labels[0], e->label);
    for (int i = 0; i < 4; i++) {
        assert_true(*v.labels[i]);
        assert_true(strchr(v.keywords[i], ';') != NULL);
        assert_ptr_equal(rs_label(e->code, rs_label_languages[i]), v.labels[i]);
    }
}

static void test_every_code_has_four_languages(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    assert_int_equal(rs_taxonomy_n_fields(t), 68);
    for (size_t i = 0; i < rs_taxonomy_n_fields(t); i++)
        assert_four_languages(rs_taxonomy_field_at(t, i));
    assert_int_equal(rs_taxonomy_n_competences(t), 30);
    for (size_t i = 0; i < rs_taxonomy_n_competences(t); i++)
        assert_four_languages(rs_taxonomy_competence_at(t, i));

    assert_string_equal(rs_label_languages[0], "en");
    assert_string_equal(rs_label_languages[3], "pt");
    assert_null(rs_label_languages[4]);
}

/* ---- lookups ---- */

static void test_lookups(void **state)
{
    (void)state;
    assert_string_equal(rs_label("E.10.01", "en"), "Disability Benefits");
    assert_string_equal(rs_label("E.10.01", "fr"), "Prestations d'invalidité");
    assert_string_equal(rs_label("E.10.01", "es"), "Prestaciones por invalidez");
    assert_string_equal(rs_label("E.10.01", "pt"), "Prestações por invalidez");
    assert_string_equal(rs_label("N.10.01", "en"), "Labour inspection");
    assert_string_equal(rs_label("N.10.01", "fr"), "Inspection du travail");
    assert_string_equal(rs_label("N.10.01", "es"), "Inspección del trabajo");
    assert_string_equal(rs_label("N.10.01", "pt"), "Inspeção do trabalho");
    assert_string_equal(rs_label("A.35", "fr"), "Services de l'emploi");
    assert_string_equal(rs_label("A.35", "es"), "Servicios de empleo");
    assert_string_equal(rs_label("A.35", "pt"), "Serviços de emprego");
    assert_string_equal(rs_label("A", "fr"), "Travail");
    assert_string_equal(rs_label("V", "pt"), "Investigação");
    /* competences */
    assert_string_equal(rs_label("1", "en"), "Policy & strategy");
    assert_string_equal(rs_label("2.1", "en"), "Legislation & regulation making and development");
    assert_string_equal(rs_label("4.3", "fr"), "Passation des marchés");
    assert_string_equal(rs_label("X", "es"), "Otro");
    /* unknown codes and languages */
    assert_null(rs_label("O.30", "en")); /* a parent the sources never name */
    assert_null(rs_label("Z", "en"));
    assert_null(rs_label("6", "en"));
    assert_null(rs_label("e.10.01", "en"));
    assert_null(rs_label("E.10.01 ", "en"));
    assert_null(rs_label("", "en"));
    assert_null(rs_label(NULL, "en"));
    assert_null(rs_label("E.10.01", "de"));
    assert_null(rs_label("E.10.01", "FR"));
    assert_null(rs_label("E.10.01", ""));
    assert_null(rs_label("E.10.01", NULL));
}

/* ---- the visitor ---- */

static void test_each(void **state)
{
    (void)state;
    visit v = {.stop_at = -1};
    assert_int_equal(rs_labels_each("E.10.07", collect, &v), 0);
    assert_string_equal(v.labels[1], "Régimes de retraite");
    assert_string_equal(v.keywords[0], "pensions;old-age pension;retirement;pension reform;pension funds");
    assert_non_null(strstr(v.keywords[1], "retraite"));
    assert_non_null(strstr(v.keywords[2], "jubilación"));
    assert_non_null(strstr(v.keywords[3], "aposentadoria"));

    visit comp = {.stop_at = -1};
    assert_int_equal(rs_labels_each("3.5", collect, &comp), 0);
    assert_string_equal(comp.labels[0], "Programme/Project management");
    assert_string_equal(comp.labels[2], "Gestión de programas y proyectos");

    /* A parent the sources never name is a code of the taxonomy, without
     * labels: a ToR asking it adds no label words, and no callback runs. */
    visit unnamed = {.stop_at = -1};
    assert_int_equal(rs_labels_each("O.30", collect, &unnamed), -1);
    assert_int_equal(unnamed.n, 0);

    /* The callback's non-zero value stops the visit and is returned. */
    visit stopped = {.stop_at = 2};
    assert_int_equal(rs_labels_each("A.35", collect, &stopped), 7);
    assert_int_equal(stopped.n, 3);
    assert_string_equal(stopped.langs, "en fr es ");

    visit none = {.stop_at = -1};
    assert_int_equal(rs_labels_each("Z.99", collect, &none), -1);
    assert_int_equal(rs_labels_each("", collect, &none), -1);
    assert_int_equal(rs_labels_each(NULL, collect, &none), -1);
    assert_int_equal(rs_labels_each("A.35", NULL, &none), -1);
    assert_int_equal(none.n, 0);
}

/* ---- inference ---- */

/* `code` must be among the first three codes inferred from `text`. */
static void assert_inferred(const char *text, const char *code)
{
    const char *codes[3];
    double scores[3];
    size_t n = rs_labels_infer(text, strlen(text), codes, scores, 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(scores[i] >= 0.5 && scores[i] <= 1.0);
        if (i > 0)
            assert_true(scores[i] <= scores[i - 1]);
        if (strcmp(codes[i], code) == 0)
            return;
    }
    fail_msg("%s not in the top %zu for: %s", code, n, text);
}

static void test_infer_disability_benefits(void **state)
{
    (void)state;
    assert_inferred("The ministry asks for support to reform its disability benefits, from the "
                    "assessment of disability to the level of invalidity pensions.", "E.10.01");
    assert_inferred("Le ministère souhaite revoir les prestations d'invalidité et la procédure "
                    "d'évaluation du handicap des assurés.", "E.10.01");
    assert_inferred("El instituto quiere mejorar las prestaciones por invalidez y la "
                    "calificación de la invalidez.", "E.10.01");
    assert_inferred("O instituto pretende rever as prestações por invalidez e a avaliação da "
                    "deficiência dos beneficiários.", "E.10.01");
}

static void test_infer_labour_inspection(void **state)
{
    (void)state;
    assert_inferred("Capacity building for the labour inspectorate: training of labour "
                    "inspectors and planning of workplace inspections.", "N.10.01");
    assert_inferred("Renforcement de l'inspection du travail : formation des inspecteurs du "
                    "travail et planification des visites d'inspection.", "N.10.01");
    assert_inferred("Fortalecimiento de la inspección del trabajo mediante la capacitación de "
                    "los inspectores de trabajo.", "N.10.01");
    assert_inferred("Reforço da inspeção do trabalho e formação dos inspetores do trabalho.",
                    "N.10.01");
}

static void test_infer_employment_services(void **state)
{
    (void)state;
    assert_inferred("Modernisation of the public employment services: job placement and "
                    "counselling of jobseekers.", "A.35");
    assert_inferred("Modernisation du service public de l'emploi : placement et "
                    "accompagnement des demandeurs d'emploi.", "A.35");
    assert_inferred("Modernización del servicio público de empleo y de la intermediación "
                    "laboral.", "A.35");
    assert_inferred("Modernização dos serviços públicos de emprego e da intermediação laboral.",
                    "A.35");
}

static void test_infer_vocational_training(void **state)
{
    (void)state;
    assert_inferred("Review of the vocational training system and of TVET curricula.",
                    "F.15.05");
    assert_inferred("Révision du système de formation professionnelle et des programmes "
                    "d'enseignement technique et professionnel.", "F.15.05");
    assert_inferred("Revisión del sistema de formación profesional y de la educación técnica "
                    "y profesional.", "F.15.05");
    assert_inferred("Revisão do sistema de formação profissional e do ensino "
                    "técnico-profissional.", "F.15.05");
}

static void test_infer_pensions(void **state)
{
    (void)state;
    assert_inferred("Pension reform: sustainability of old-age pensions and the retirement age.",
                    "E.10.07");
    assert_inferred("Réforme des retraites : viabilité des pensions de vieillesse et âge de "
                    "départ à la retraite.", "E.10.07");
    assert_inferred("Reforma de pensiones: sostenibilidad de las pensiones de vejez y edad de "
                    "jubilación.", "E.10.07");
    assert_inferred("Reforma do sistema de pensões: sustentabilidade das pensões de velhice e "
                    "idade de aposentadoria.", "E.10.07");
}

static void test_infer_statistics(void **state)
{
    (void)state;
    assert_inferred("Improving labour statistics: the labour force survey and labour market "
                    "indicators.", "U.05");
    assert_inferred("Amélioration des statistiques du travail : enquête sur la population "
                    "active et indicateurs du marché du travail.", "U.05");
    assert_inferred("Mejora de las estadísticas laborales: encuesta de población activa e "
                    "indicadores del mercado laboral.", "U.05");
    assert_inferred("Melhoria das estatísticas do trabalho: inquérito ao emprego e indicadores "
                    "do mercado de trabalho.", "U.05");
    assert_inferred("Estatísticas da segurança social e registos administrativos.", "U.10");
}

/* The exact list for short texts: scores, order and its tie-breaks. */
static void assert_infer_list(const char *text, const char *expected)
{
    const char *codes[8];
    double scores[8];
    size_t n = rs_labels_infer(text, strlen(text), codes, scores, 8);
    char got[256] = "";
    for (size_t i = 0; i < n; i++) {
        char item[32];
        snprintf(item, sizeof item, "%s%s:%.2f", i ? " " : "", codes[i], scores[i]);
        strcat(got, item);
    }
    assert_string_equal(got, expected);
}

static void test_infer_scores_and_order(void **state)
{
    (void)state;
    /* Full phrases score 1; "Social Security Financing" and the like have
     * two of their three words: 0.67, deeper codes first. */
    assert_infer_list("social security", "E.10:1.00 E.10.08:0.67 E.10.09:0.67 E.10.10:0.67 "
                                         "N.15:0.67 U.10:0.67");
    /* One word of a two-word phrase is no evidence. */
    assert_infer_list("social", "");
    assert_infer_list("security", "");
    /* Same score: more words of the text found first (N.10.01 has "labour",
     * "inspection", "inspectors"; A has "labour" alone). */
    assert_infer_list("labour inspection by labour inspectors", "N.10.01:1.00 A:1.00");
    /* Same score and words: the deeper code first (both are "Access to
     * health"), then the smaller code. */
    assert_infer_list("access to health", "E.15.01:1.00 Q:1.00");
    assert_infer_list("PME OIT", "A.15:1.00 H.35:1.00");
    assert_infer_list("OIT PME", "A.15:1.00 H.35:1.00");
    /* Stopwords never count: "the other" is in no phrase's words. */
    assert_infer_list("the other and of", "");
}

/* Plurals, feminines, accents, case, ligatures and US spelling fold. */
static void test_infer_word_forms(void **state)
{
    (void)state;
    assert_infer_list("PENSÕES", "E.10.07:1.00");       /* pensões -> pensão */
    assert_infer_list("pensão", "E.10.07:1.00");
    assert_infer_list("pension", "E.10.07:1.00");        /* the keyword says "pensions" */
    assert_infer_list("Proteções sociais", "E:1.00 U.10:0.67"); /* proteção social */
    assert_infer_list("personnes handicapées", "P.20.09:1.00 A.75.03:0.67 L.40:0.67");
    assert_infer_list("handicap", "P.20.09:1.00");
    assert_infer_list("main d'oeuvre", "A.75:1.00");     /* main-d'œuvre */
    assert_infer_list("main-d’œuvre", "A.75:1.00");
    assert_infer_list("labor inspection", "N.10.01:1.00 A:1.00"); /* A: "labour" */
    assert_infer_list("formalization", "A.20.02:1.00");  /* formalisation */
    assert_infer_list("social security policies",
                      "E.10.10:1.00 E.10:1.00 E.10.08:0.67 E.10.09:0.67 A.50:0.67 N.15:0.67 "
                      "U.10:0.67");
    /* "employees" is not "emploi": only the -y after a consonant folds. */
    assert_infer_list("employees", "A.75:1.00");
}

static void test_infer_nothing(void **state)
{
    (void)state;
    const char *codes[3] = {NULL, NULL, NULL};
    double scores[3] = {-1, -1, -1};
    const char *mild = "the weather in spring is mild";
    assert_int_equal(rs_labels_infer(mild, strlen(mild), codes, scores, 3), 0);
    assert_null(codes[0]);
    assert_true(scores[0] == -1);
    assert_int_equal(rs_labels_infer("", 0, codes, scores, 3), 0);
    assert_int_equal(rs_labels_infer(NULL, 0, codes, scores, 3), 0);
    assert_int_equal(rs_labels_infer("pension", 7, NULL, scores, 3), 0);
    assert_int_equal(rs_labels_infer("pension", 7, codes, scores, 0), 0);
    assert_null(codes[0]);
    /* invalid UTF-8 and a NUL byte inside */
    assert_int_equal(rs_labels_infer("pension \xff", 9, codes, scores, 3), 0);
    assert_int_equal(rs_labels_infer("pension\0x", 9, codes, scores, 3), 0);
    /* len, not the NUL, ends the text */
    assert_int_equal(rs_labels_infer("pensionx", 7, codes, scores, 3), 1);
    assert_string_equal(codes[0], "E.10.07");
}

static void test_infer_max_and_no_scores(void **state)
{
    (void)state;
    const char *text = "labour inspection by labour inspectors";
    const char *codes[2] = {NULL, NULL};
    assert_int_equal(rs_labels_infer(text, strlen(text), codes, NULL, 1), 1);
    assert_string_equal(codes[0], "N.10.01");
    assert_null(codes[1]);
}

/* ---- checking a table ---- */

static void test_check_builtin(void **state)
{
    (void)state;
    rs_labels_check(rs_data_labels); /* returns: the table is good */
}

/* The built-in table with the first occurrence of `from` replaced by `to`. */
static char *edited(const char *from, const char *to)
{
    const char *at = strstr(rs_data_labels, from);
    assert_non_null(at);
    size_t head = (size_t)(at - rs_data_labels), from_len = strlen(from);
    size_t total = strlen(rs_data_labels) - from_len + strlen(to);
    char *s = malloc(total + 1);
    assert_non_null(s);
    memcpy(s, rs_data_labels, head);
    strcpy(s + head, to);
    strcat(s, at + from_len);
    return s;
}

/* The built-in table without the lines that start with `prefix`. */
static char *without_lines(const char *prefix)
{
    size_t len = strlen(rs_data_labels), prefix_len = strlen(prefix);
    char *s = malloc(len + 1), *out = s;
    assert_non_null(s);
    for (const char *line = rs_data_labels; *line;) {
        size_t n = strcspn(line, "\n");
        n += line[n] == '\n';
        if (strncmp(line, prefix, prefix_len) != 0) {
            memcpy(out, line, n);
            out += n;
        }
        line += n;
    }
    *out = '\0';
    return s;
}

/* Check `text` (freed here) in a child process: it must abort with
 * `message` on stderr. */
static void assert_check_aborts(char *text, const char *message)
{
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        rs_labels_check(text);
        _exit(0);
    }
    close(pipefd[1]);
    free(text);
    char buf[1024] = "";
    size_t len = 0;
    ssize_t got;
    while ((got = read(pipefd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(pipefd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
        fail_msg("no abort, expected '%s'; stderr: %s", message, buf);
    if (!strstr(buf, message))
        fail_msg("expected '%s' in: %s", message, buf);
}

#define DISABILITY_FR "E.10.01\tfield\tfr\tPrestations d'invalidité\t"

static void test_check_rows(void **state)
{
    (void)state;
    assert_check_aborts(edited("code\tkind", "code\ttype"),
                        "built-in table labels.tsv, line 1: header is not");
    assert_check_aborts(edited("E.10.01\tfield\tfr", "E.10.01\tdomain\tfr"),
                        "labels.tsv, line 99: kind 'domain' is neither 'field' nor 'competence'");
    assert_check_aborts(edited("E.10.01\tfield\tfr", "E.10.03\tfield\tfr"),
                        "line 99: field code 'E.10.03' is not in fields.tsv");
    assert_check_aborts(edited("E.10.01\tfield\tfr", "E.10.01\tcompetence\tfr"),
                        "line 99: competence code 'E.10.01' is not in competences.tsv");
    assert_check_aborts(edited("E.10.01\tfield\tfr", "E.10.01\tfield\tde"),
                        "line 99: language 'de' is not en, fr, es or pt");
    assert_check_aborts(edited(DISABILITY_FR, "E.10.01\tfield\tfr\t\t"),
                        "line 99: empty label");
    assert_check_aborts(edited(DISABILITY_FR, "E.10.01\tfield\tfr\tPrestations \xc3\t"),
                        "line 99: label or keywords not valid UTF-8");
    assert_check_aborts(edited("pension d'invalidité;", "pension d'invalidit\xe9;"),
                        "line 99: label or keywords not valid UTF-8");
    assert_check_aborts(edited("\tDisability Benefits\t", "\tDisability benefits\t"),
                        "line 98: English label 'Disability benefits' is not "
                        "'Disability Benefits' as in fields.tsv");
    assert_check_aborts(edited("\tOther\t", "\tOthers\t"),
                        "English label 'Others' is not 'Other' as in competences.tsv");
    assert_check_aborts(edited("pension d'invalidité;", "pension d'invalidité; ;"),
                        "line 99: empty keyword in 'pension d'invalidité; ;");
    assert_check_aborts(edited("prestations de handicap\n", "prestations de handicap;\n"),
                        "line 99: empty keyword in");
    assert_check_aborts(edited(DISABILITY_FR "pension d'invalidité;allocation d'invalidité;"
                                             "évaluation du handicap;incapacité de travail;",
                               DISABILITY_FR),
                        "line 99: 1 keywords, expected 2 to 6");
    assert_check_aborts(edited("prestations de handicap\n", "prestations de handicap;a;b\n"),
                        "line 99: 7 keywords, expected 2 to 6");
    assert_check_aborts(edited("pension d'invalidité;", "pension d'invalidité;de la;"),
                        "line 99: 'de la' has only stopwords: it would match nothing");
    assert_check_aborts(edited("Prestations d'invalidité\t", "L'autre\t"),
                        "line 99: 'L'autre' has only stopwords");
}

static void test_check_codes(void **state)
{
    (void)state;
    /* a second French row for E.10.01 */
    assert_check_aborts(edited("E.10.01\tfield\tes", "E.10.01\tfield\tfr"),
                        "line 100: second 'fr' label of E.10.01");
    /* no French row: the gap is in the middle */
    assert_check_aborts(without_lines("E.10.01\tfield\tfr\t"),
                        "line 98: E.10.01 has no 'fr' label");
    /* no Portuguese row: the gap is at the end */
    assert_check_aborts(without_lines("E.10.01\tfield\tpt\t"),
                        "line 98: E.10.01 has no 'pt' label");
    assert_check_aborts(without_lines("V\t"), "line 390: field V of fields.tsv has no labels");
    assert_check_aborts(without_lines("X\t"),
                        "line 390: competence X of competences.tsv has no labels");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_first_use),
        cmocka_unit_test(test_every_code_has_four_languages),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_each),
        cmocka_unit_test(test_infer_disability_benefits),
        cmocka_unit_test(test_infer_labour_inspection),
        cmocka_unit_test(test_infer_employment_services),
        cmocka_unit_test(test_infer_vocational_training),
        cmocka_unit_test(test_infer_pensions),
        cmocka_unit_test(test_infer_statistics),
        cmocka_unit_test(test_infer_scores_and_order),
        cmocka_unit_test(test_infer_word_forms),
        cmocka_unit_test(test_infer_nothing),
        cmocka_unit_test(test_infer_max_and_no_scores),
        cmocka_unit_test(test_check_builtin),
        cmocka_unit_test(test_check_rows),
        cmocka_unit_test(test_check_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

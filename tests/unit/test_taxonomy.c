/* Taxonomies compiled in from corpus/taxonomy, the EU list, and the table
 * splitter that loads them (including its refusal of malformed tables). */
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

#include "core/codes.h"
#include "core/taxonomy.h"
#include "core/tsv.h"

/* ---- first use from several threads at once ---- */

static void *first_use(void *arg)
{
    (void)arg;
    const rs_taxonomy *t = rs_taxonomy_get();
    char out[3];
    if (rs_taxonomy_n_fields(t) != 68 || rs_country_resolve("Senegal", out) != 0)
        return (void *)1;
    return t == rs_taxonomy_get() ? NULL : (void *)1;
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

/* ---- fields ---- */

static void test_fields(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    assert_int_equal(rs_taxonomy_n_fields(t), 68);
    assert_string_equal(rs_taxonomy_field_at(t, 0)->code, "A");
    assert_string_equal(rs_taxonomy_field_at(t, 0)->label, "Work");
    assert_string_equal(rs_taxonomy_field_at(t, 67)->code, "V");
    assert_null(rs_taxonomy_field_at(t, 68));

    const rs_code_entry *e = rs_taxonomy_field(t, "E.10.01");
    assert_non_null(e);
    assert_string_equal(e->label, "Disability Benefits");
    assert_string_equal(e->parent, "E.10");
    assert_string_equal(rs_taxonomy_field(t, "E")->parent, "");
    assert_string_equal(rs_taxonomy_field(t, "O.30.01")->parent, "O.30");
    assert_null(rs_taxonomy_field(t, "O.3"));
    assert_null(rs_taxonomy_field(t, "Z"));
    assert_null(rs_taxonomy_field(t, "e.10.01"));
    assert_null(rs_taxonomy_field(t, ""));
    assert_null(rs_taxonomy_field(t, NULL));

    assert_string_equal(rs_taxonomy_letter_label(t, 'E'), "Social Protection");
    assert_string_equal(rs_taxonomy_letter_label(t, 'A'), "Work");
    assert_string_equal(rs_taxonomy_letter_label(t, 'O'), "(unnamed: O.30.01 Vulnerable Groups)");
    assert_null(rs_taxonomy_letter_label(t, 'e'));
    assert_null(rs_taxonomy_letter_label(t, '\0'));
}

/* Every parent is a known code: in the table, or one of the ancestors the
 * sources never name, which are known codes labelled by what is under them. */
static void test_field_parents(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    for (size_t i = 0; i < rs_taxonomy_n_fields(t); i++) {
        const rs_code_entry *e = rs_taxonomy_field_at(t, i);
        assert_true(rs_field_code_valid(e->code));
        assert_false(e->unnamed);
        assert_true(!*e->parent || rs_taxonomy_field(t, e->parent));
    }
    char unnamed[64] = "";
    for (size_t i = 0; i < rs_taxonomy_n_unnamed_fields(t); i++) {
        const rs_code_entry *e = rs_taxonomy_unnamed_field_at(t, i);
        assert_ptr_equal(rs_taxonomy_field(t, e->code), e);
        assert_true(e->unnamed);
        assert_true(!*e->parent || rs_taxonomy_field(t, e->parent));
        strcat(unnamed, e->code);
        strcat(unnamed, " ");
    }
    assert_null(rs_taxonomy_unnamed_field_at(t, rs_taxonomy_n_unnamed_fields(t)));
    assert_string_equal(unnamed, "G.25 O O.30 P P.20 ");
    const rs_code_entry *o30 = rs_taxonomy_field(t, "O.30");
    assert_string_equal(o30->parent, "O");
    assert_string_equal(o30->label, "(unnamed: O.30.01 Vulnerable Groups)");
    assert_string_equal(rs_taxonomy_field(t, "O")->parent, "");
    assert_string_equal(rs_taxonomy_field(t, "P")->label,
                        "(unnamed: P.20.09 People living with disabilities (PwD))");
    assert_string_equal(rs_taxonomy_field(t, "G.25")->label,
                        "(unnamed: G.25.02 Public-Private Partnerships)");
    assert_string_equal(rs_taxonomy_field(t, "G.25")->parent, "G");
}

static void test_competences(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    assert_int_equal(rs_taxonomy_n_competences(t), 30);
    assert_string_equal(rs_taxonomy_competence_at(t, 0)->code, "1");
    assert_string_equal(rs_taxonomy_competence_at(t, 29)->code, "X");
    assert_null(rs_taxonomy_competence_at(t, 30));
    const rs_code_entry *e = rs_taxonomy_competence(t, "2.1");
    assert_non_null(e);
    assert_string_equal(e->parent, "2");
    assert_string_equal(e->label, "Legislation & regulation making and development");
    assert_string_equal(rs_taxonomy_competence(t, "X")->label, "Other");
    assert_null(rs_taxonomy_competence(t, "6"));
    assert_null(rs_taxonomy_competence(t, NULL));
}

static void test_assistance(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    const rs_code_entry *e = rs_taxonomy_assistance(t, "A.02.01");
    assert_non_null(e);
    assert_string_equal(e->parent, "A.02");
    assert_string_equal(e->label, "Legislative & regulatory framework development");
    assert_string_equal(rs_taxonomy_assistance(t, "A.01")->parent, "A.00");
    assert_string_equal(rs_taxonomy_assistance(t, "B.00")->parent, "");
    assert_string_equal(rs_taxonomy_assistance(t, "D.03")->label, "Knowledge development");
    assert_null(rs_taxonomy_assistance(t, "C.00"));
    assert_null(rs_taxonomy_assistance(t, "E.10")); /* a field, not a type */
    assert_null(rs_taxonomy_assistance(t, NULL));
}

static void test_partners(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    assert_int_equal(rs_taxonomy_n_partners(t), 158);
    assert_string_equal(rs_taxonomy_partner_at(t, 0)->iso2, "AR");
    assert_string_equal(rs_taxonomy_partner_at(t, 157)->iso2, "XK");
    assert_null(rs_taxonomy_partner_at(t, 158));

    const rs_partner_country *p = rs_taxonomy_partner(t, "SN");
    assert_non_null(p);
    assert_string_equal(p->name, "Senegal");
    assert_string_equal(p->region, "Africa");
    assert_string_equal(p->languages, "fr");
    assert_string_equal(rs_taxonomy_partner(t, "KH")->languages, "km,en,fr");
    assert_string_equal(rs_taxonomy_partner(t, "UA")->region, "Neighbourhood East");
    assert_string_equal(rs_taxonomy_partner(t, "BQ")->name, "Bonaire"); /* first of three */
    assert_string_equal(rs_taxonomy_partner(t, "AR")->name, "Argentina");
    assert_string_equal(rs_taxonomy_partner(t, "ZW")->name, "Zimbabwe");
    assert_null(rs_taxonomy_partner(t, "FR"));
    assert_null(rs_taxonomy_partner(t, "sn"));
    assert_null(rs_taxonomy_partner(t, "A"));
    assert_null(rs_taxonomy_partner(t, "ZZZ"));
    assert_null(rs_taxonomy_partner(t, NULL));
}

/* The partner list spells names its own way ("Cape Verde", "Swaziland",
 * "Turks et Caicos"): each must resolve through the country table. */
static void test_partner_names_resolve(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    for (size_t i = 0; i < rs_taxonomy_n_partners(t); i++) {
        const rs_partner_country *p = rs_taxonomy_partner_at(t, i);
        char out[3] = "";
        if (rs_country_resolve(p->name, out) != 0 || strcmp(out, p->iso2) != 0)
            fail_msg("partner '%s' resolves to '%s', expected %s", p->name, out, p->iso2);
    }
}

static void test_eu(void **state)
{
    (void)state;
    int n = 0;
    for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++) {
            char code[3] = {a, b, '\0'};
            if (rs_country_is_eu(code)) {
                assert_true(rs_country_valid(code));
                n++;
            }
        }
    assert_int_equal(n, 27);
    assert_true(rs_country_is_eu("FR"));
    assert_true(rs_country_is_eu("GR"));
    assert_true(rs_country_is_eu("HR"));
    assert_false(rs_country_is_eu("GB"));
    assert_false(rs_country_is_eu("CH"));
    assert_false(rs_country_is_eu("NO"));
    assert_false(rs_country_is_eu("XK"));
    assert_false(rs_country_is_eu("EL"));
    assert_false(rs_country_is_eu("fr"));
    assert_false(rs_country_is_eu(""));
    assert_false(rs_country_is_eu(NULL));
}

/* ---- the table splitter ---- */

static void test_tsv_load(void **state)
{
    (void)state;
    rs_tsv t;
    rs_tsv_load(&t, "demo", "code\tlabel\nA\tFirst\nB\t\n", "code\tlabel");
    assert_int_equal(t.n_rows, 2);
    assert_int_equal(t.n_cols, 2);
    assert_string_equal(rs_tsv_cell(&t, 0, 0), "A");
    assert_string_equal(rs_tsv_cell(&t, 0, 1), "First");
    assert_string_equal(rs_tsv_cell(&t, 1, 1), "");
    free(t.cells);
    free(t.buf);

    rs_tsv_load(&t, "demo", "code\tlabel\nA\tno final newline", "code\tlabel");
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(rs_tsv_cell(&t, 0, 1), "no final newline");
    free(t.cells);
    free(t.buf);

    rs_tsv_load(&t, "demo", "code\tlabel", "code\tlabel");
    assert_int_equal(t.n_rows, 0);
    free(t.cells);
    free(t.buf);
}

/* Run a load in a child process; it must abort with `message` on stderr. */
static void assert_load_aborts(const char *text, const char *message)
{
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        rs_tsv t;
        rs_tsv_load(&t, "demo", text, "code\tlabel");
        if (t.n_rows == 1)
            rs_tsv_fail(&t, 0, "bad code '%s'", rs_tsv_cell(&t, 0, 0));
        _exit(0);
    }
    close(pipefd[1]);
    char buf[512] = "";
    size_t len = 0;
    ssize_t got;
    while ((got = read(pipefd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(pipefd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
    if (!strstr(buf, message))
        fail_msg("expected '%s' in: %s", message, buf);
}

static void test_tsv_malformed(void **state)
{
    (void)state;
    assert_load_aborts("code\tname\nA\tx\n",
                       "roster: built-in table demo.tsv, line 1: header is not 'code\tlabel'");
    assert_load_aborts("code\tlabel\nA\tx\tmore\n", "demo.tsv, line 2: more than 2 columns");
    assert_load_aborts("code\tlabel\nA\tx\nB\n", "demo.tsv, line 3: 1 columns, expected 2");
    assert_load_aborts("code\tlabel\nA\tx\n\nB\ty\n", "demo.tsv, line 3: empty line");
    assert_load_aborts("code\tlabel\n9\tx\n",
                       "demo.tsv, line 2: bad code '9' (the binary was built from bad data)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_first_use),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_field_parents),
        cmocka_unit_test(test_competences),
        cmocka_unit_test(test_assistance),
        cmocka_unit_test(test_partners),
        cmocka_unit_test(test_partner_names_resolve),
        cmocka_unit_test(test_eu),
        cmocka_unit_test(test_tsv_load),
        cmocka_unit_test(test_tsv_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

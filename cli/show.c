/* roster show ID... [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/term.h"

static void print_period(rs_period p)
{
    char a[11], b[11];
    rs_date_format(p.from, a);
    if (p.to == RS_DATE_OPEN) printf("%s..", a);
    else rs_date_format(p.to, b), printf("%s..%s", a, b);
}

/* Stored text, escaped: a CV must not drive the terminal (core/term.h).
 * Paragraphs keep their line breaks, indented under the label. */
#define TEXT_INDENT "                 "

/* "  name:" padded so that values start under TEXT_INDENT. */
static void label(const char *name)
{
    printf("  %s:%*s", name, (int)(sizeof TEXT_INDENT - 1 - 3 - strlen(name)), "");
}

static void text(const char *s)
{
    rs_term_write(stdout, s ? s : "", NULL);
}

static void paragraphs(const char *s)
{
    rs_term_write(stdout, s, TEXT_INDENT);
}

/* Fields without a value are left out, as the gender of one who gave none. */
static void print_expert(const rs_expert *e)
{
    text(e->id);
    printf("  ");
    text(e->name);
    printf("\n");
    if (e->n_nationalities) {
        label(e->n_nationalities == 1 ? "nationality" : "nationalities");
        for (size_t i = 0; i < e->n_nationalities; i++)
            printf("%s%s (%s)", i ? " " : "", e->nationalities[i],
                   rs_country_name(e->nationalities[i]));
        printf("\n");
    }
    if (e->gender) label("gender"), printf("%c\n", e->gender);
    if (e->status) label("status"), printf("%s\n", rs_sector_name(e->status));
    if (e->employer) label("employer"), text(e->employer), printf("\n");
    if (e->residence[0]) label("residence"), printf("%s\n", e->residence);
    if (e->n_languages) {
        label("languages");
        for (size_t i = 0; i < e->n_languages; i++)
            printf("%s%s:%s", i ? " " : "", e->languages[i].code,
                   rs_cefr_name(e->languages[i].level));
        printf("\n");
    }
    if (e->n_fields) {
        label("fields");
        for (size_t i = 0; i < e->n_fields; i++) printf("%s%s", i ? " " : "", e->fields[i]);
        printf("\n");
    }
    if (e->n_competences) {
        label("competences");
        for (size_t i = 0; i < e->n_competences; i++)
            printf("%s%s", i ? " " : "", e->competences[i]);
        printf("\n");
    }
    if (e->cv_lang[0]) label("cv language"), printf("%s\n", e->cv_lang);
    if (e->registered) {
        char day[11];
        rs_date_format(e->registered, day);
        label("registered"), printf("%s\n", day);
    }
    if (e->summary) label("summary"), paragraphs(e->summary), printf("\n");
    for (size_t i = 0; i < e->n_experience; i++) {
        const rs_experience *x = &e->experience[i];
        label("experience");
        print_period(x->when);
        printf(" ");
        text(x->role);
        printf("%s", x->employer ? ", " : "");
        text(x->employer);
        printf("%s%s\n", x->country[0] ? ", " : "", x->country);
        if (x->text) printf(TEXT_INDENT), paragraphs(x->text), printf("\n");
    }
    for (size_t i = 0; i < e->n_education; i++) {
        const rs_education *x = &e->education[i];
        label("education");
        printf("%d ", x->year);
        text(x->degree);
        printf(" ");
        text(x->field);
        printf(" ");
        text(x->institution);
        printf("\n");
    }
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        label("mission");
        text(m->action);
        printf(" %s ", m->country);
        print_period(m->when);
        printf(" %d days%s\n", m->days, m->lead ? ", lead" : "");
    }
    for (size_t i = 0; i < e->n_unavailable; i++) {
        label("unavailable");
        print_period(e->unavailable[i]);
        printf("\n");
    }
}

/* The stored ids for the ids given, each resolved by cli_find_id; all of
 * them or none (every problem printed), so nothing half-shown. */
static char **resolve_ids(rs_store *s, char **args, int n, int *status)
{
    char **ids = calloc((size_t)n, sizeof *ids);
    *status = ids ? EXIT_OK : EXIT_FAIL;
    if (!ids) fprintf(stderr, "roster show: out of memory\n");
    for (int i = 0; ids && i < n; i++) {
        char msg[1024];
        rs_status err = cli_find_id(s, args[i], &ids[i], msg, sizeof msg);
        if (!err) continue;
        fprintf(stderr, "roster show: %s\n", msg);
        if (*status != EXIT_FAIL) *status = cli_status(err);
    }
    if (ids && *status != EXIT_OK) {
        for (int i = 0; i < n; i++) free(ids[i]);
        free(ids);
        ids = NULL;
    }
    return ids;
}

/* The record as stored, once it reads back as a whole, valid expert: one
 * damaged in the store is an error, never partial output. Returns the exit
 * status, the error printed. */
static int record_json(rs_store *s, const char *id, json_t **out)
{
    rs_expert e;
    *out = NULL;
    rs_status err = rs_store_get(s, id, &e); /* validates the record, e.record its text */
    if (err) {
        fprintf(stderr, "roster show: %s\n", rs_store_error(s));
        return cli_status(err);
    }
    *out = e.record ? json_loads(e.record, 0, NULL) : NULL;
    rs_expert_free(&e);
    if (*out) return EXIT_OK;
    fprintf(stderr, "roster show: %s: the stored record is not valid JSON (run roster verify)\n", id);
    return EXIT_FAIL;
}

/* --json: one id gives its record, several an array of them in the order
 * asked; printed only when every record was read, so never half an array. */
static int show_json(rs_store *s, char **ids, int n)
{
    json_t *all = n > 1 ? json_array() : NULL, *one;
    for (int i = 0; i < n; i++) {
        int status = record_json(s, ids[i], &one);
        if (status != EXIT_OK) {
            json_decref(all);
            return status;
        }
        if (n == 1) return cli_print_json(one);
        if (!all || json_array_append_new(all, one) < 0) {
            json_decref(all);
            fprintf(stderr, "roster show: out of memory\n");
            return EXIT_FAIL;
        }
    }
    return cli_print_json(all);
}

/* Text: experts one after another, a blank line apart. */
static int show_text(rs_store *s, char **ids, int n)
{
    for (int i = 0; i < n; i++) {
        rs_expert e;
        rs_status err = rs_store_get(s, ids[i], &e);
        if (err) {
            fprintf(stderr, "roster show: %s\n", rs_store_error(s));
            return cli_status(err);
        }
        printf("%s", i ? "\n" : "");
        print_expert(&e);
        rs_expert_free(&e);
    }
    return EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("show", argc, argv, opts, args, &n, &status)) return status;
    if (n < 1) {
        fprintf(stderr, "roster show: give one or more expert ids\n");
        return EXIT_INPUT;
    }
    rs_data *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    char **ids = resolve_ids(rs_data_store(r), args, n, &status);
    if (ids)
        status = cli_flag(opts, "json") ? show_json(rs_data_store(r), ids, n)
                                        : show_text(rs_data_store(r), ids, n);
    for (int i = 0; ids && i < n; i++) free(ids[i]);
    free(ids);
    rs_data_close(r);
    return status;
}

/* roster show ID [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/codes.h"
#include "core/date.h"

static void print_period(rs_period p)
{
    char a[11], b[11];
    rs_date_format(p.from, a);
    if (p.to == RS_DATE_OPEN) printf("%s..", a);
    else rs_date_format(p.to, b), printf("%s..%s", a, b);
}

static void print_expert(const rs_expert *e)
{
    printf("%s  %s\n", e->id, e->name);
    printf("  nationality:");
    for (size_t i = 0; i < e->n_nationalities; i++)
        printf(" %s (%s)", e->nationalities[i], rs_country_name(e->nationalities[i]));
    printf("\n");
    if (e->gender) printf("  gender:      %c\n", e->gender);
    if (e->status) printf("  status:      %s\n", rs_status_name(e->status));
    if (e->employer) printf("  employer:    %s\n", e->employer);
    if (e->residence[0]) printf("  residence:   %s\n", e->residence);
    printf("  languages:  ");
    for (size_t i = 0; i < e->n_languages; i++)
        printf(" %s:%s", e->languages[i].code, rs_cefr_name(e->languages[i].level));
    printf("\n  fields:     ");
    for (size_t i = 0; i < e->n_fields; i++) printf(" %s", e->fields[i]);
    printf("\n  competences:");
    for (size_t i = 0; i < e->n_competences; i++) printf(" %s", e->competences[i]);
    printf("\n  cv language: %s\n", e->cv_lang);
    if (e->summary) printf("  summary:     %s\n", e->summary);
    for (size_t i = 0; i < e->n_experience; i++) {
        const rs_experience *x = &e->experience[i];
        printf("  experience:  ");
        print_period(x->when);
        printf(" %s%s%s%s%s\n", x->role ? x->role : "", x->employer ? ", " : "",
               x->employer ? x->employer : "", x->country[0] ? ", " : "", x->country);
        if (x->text) printf("               %s\n", x->text);
    }
    for (size_t i = 0; i < e->n_education; i++) {
        const rs_education *x = &e->education[i];
        printf("  education:   %d %s %s %s\n", x->year, x->degree ? x->degree : "",
               x->field ? x->field : "", x->institution ? x->institution : "");
    }
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        printf("  mission:     %s %s ", m->action ? m->action : "", m->country);
        print_period(m->when);
        printf(" %d days%s\n", m->days, m->lead ? ", lead" : "");
    }
    for (size_t i = 0; i < e->n_unavailable; i++) {
        printf("  unavailable: ");
        print_period(e->unavailable[i]);
        printf("\n");
    }
}

/* The record as stored, printed only when it is a whole, valid record: one
 * damaged in the store is an error (RS_ERR_CORRUPT), never partial output.
 * *status is EXIT_FAIL when stdout cannot be written. */
static rs_err print_record_json(rs_roster *r, const char *id, int *status)
{
    rs_expert e;
    char *record;
    rs_err err = rs_store_get(rs_roster_store(r), id, &e); /* validates the record */
    if (err) return err;
    rs_expert_free(&e);
    if ((err = rs_store_get_record(rs_roster_store(r), id, &record))) return err;
    json_t *o = json_loads(record, 0, NULL);
    free(record);
    *status = cli_print_json(o);
    return RS_OK;
}

int cmd_show(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("show", argc, argv, opts, args, &n, &status)) return status;
    if (n != 1) {
        fprintf(stderr, "roster show: give one expert id\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_err err;
    if (cli_flag(opts, "json")) {
        err = print_record_json(r, args[0], &status);
    } else {
        rs_expert e;
        err = rs_store_get(rs_roster_store(r), args[0], &e);
        if (!err) print_expert(&e), rs_expert_free(&e);
    }
    if (err == RS_ERR_NOT_FOUND) fprintf(stderr, "roster show: no expert with id '%s'\n", args[0]);
    else if (err) fprintf(stderr, "roster show: %s\n", rs_store_error(rs_roster_store(r)));
    rs_roster_close(r);
    return err ? cli_status(err) : status;
}

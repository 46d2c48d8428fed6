/* roster check TOR.json ID... [--json]: the verdict on a team, rule by rule. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/tor_context.h"
#include "core/profile.h"
#include "core/schema.h"
#include "core/term.h"
#include "matcher/check.h"

/* The expert's profile from the index; -1 when no such id. */
static int find_expert(xc_db *db, const char *id, rs_expert *out)
{
    char term[RS_TERM_MAX];
    xc_doc *doc;
    const char *data;
    size_t len;
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_ID, id);
    if (xc_db_find_doc(db, term, &doc) != XC_OK) return -1;
    int rc = xc_doc_get_data(doc, &data, &len) == XC_OK && rs_profile_decode(data, len, out) == 0
                 ? 0 : -1;
    xc_doc_free(doc);
    return rc;
}

/* The stored id of each id given, resolved as `show` does (any case, a
 * unique match); every problem printed, and an id named twice is bad input
 * rather than a phantom member. NULL with *status set on failure. */
static char **resolve_ids(tor_context *c, char **args, int n, int *status)
{
    char **ids = calloc((size_t)n, sizeof *ids);
    *status = ids ? EXIT_OK : EXIT_FAIL;
    if (!ids) fprintf(stderr, "roster check: out of memory\n");
    for (int i = 0; ids && i < n; i++) {
        char msg[1024];
        rs_status err = cli_find_id(rs_data_store(c->roster), args[i], &ids[i], msg, sizeof msg);
        if (err) {
            fprintf(stderr, "roster check: %s\n", msg);
            if (*status != EXIT_FAIL) *status = cli_status(err);
            continue;
        }
        for (int k = 0; k < i; k++)
            if (ids[k] && strcmp(ids[k], ids[i]) == 0) {
                fprintf(stderr, "roster check: %s named twice\n", ids[i]);
                if (*status != EXIT_FAIL) *status = EXIT_INPUT;
                break;
            }
    }
    if (ids && *status != EXIT_OK) {
        for (int i = 0; i < n; i++) free(ids[i]);
        free(ids);
        ids = NULL;
    }
    return ids;
}

/* The team as judged: id, name and every nationality held. */
static void print_members(const rs_expert *const *m, int n)
{
    printf("Team of %d\n", n);
    for (int i = 0; i < n; i++) {
        printf("  ");
        rs_term_write(stdout, m[i]->id, NULL);
        printf("  ");
        rs_term_write(stdout, m[i]->name, NULL);
        printf(" (");
        for (size_t k = 0; k < m[i]->n_nationalities; k++) {
            printf("%s", k ? "/" : "");
            rs_term_write(stdout, m[i]->nationalities[k], NULL);
        }
        printf(")\n");
    }
    printf("\n");
}

/* The last line: the outcome the exit status gives, in words. */
static void print_outcome(const rs_verdicts *v)
{
    size_t warn = 0, fail = 0;
    for (size_t i = 0; i < v->n; i++) {
        warn += v->items[i].status == RS_WARN;
        fail += v->items[i].status == RS_FAIL;
    }
    if (fail) {
        printf("\nhard rule%s failed:", fail == 1 ? "" : "s");
        for (size_t i = 0, shown = 0; i < v->n; i++)
            if (v->items[i].status == RS_FAIL)
                printf("%s %s", shown++ ? "," : "", v->items[i].rule);
        printf("\n");
    } else if (warn) {
        printf("\n%zu soft rule%s warn%s\n", warn, warn == 1 ? "" : "s", warn == 1 ? "s" : "");
    } else {
        printf("\nall rules pass\n");
    }
}

static int judge(tor_context *c, const rs_tor *t, char **args, int n, int json)
{
    int status;
    char **ids = resolve_ids(c, args, n, &status);
    if (!ids) return status;
    rs_expert *experts = calloc((size_t)n, sizeof *experts);
    const rs_expert **members = calloc((size_t)n, sizeof *members);
    int found = 0;
    for (int i = 0; experts && members && i < n; i++, found++) {
        if (find_expert(c->db, ids[i], &experts[i]) != 0) {
            fprintf(stderr, "roster check: no expert with id '%s' in the index "
                            "(run roster verify)\n", ids[i]);
            status = EXIT_FAIL;
            break;
        }
        members[i] = &experts[i];
    }
    rs_verdicts v = {0};
    if (!experts || !members) {
        status = EXIT_FAIL;
    } else if (status == EXIT_OK) {
        if (rs_check_team(t, members, (size_t)n, &c->portfolio, c->today, &v) != 0) {
            status = EXIT_FAIL;
        } else if (json) {
            status = cli_print_json(rs_verdicts_to_json(&v));
            if (status == EXIT_OK) status = rs_verdicts_exit_code(&v);
        } else {
            print_members(members, n);
            rs_verdicts_print(stdout, &v, "");
            print_outcome(&v);
            status = rs_verdicts_exit_code(&v);
        }
    }
    rs_verdicts_free(&v);
    for (int i = 0; experts && i < found; i++) rs_expert_free(&experts[i]);
    for (int i = 0; i < n; i++) free(ids[i]);
    free(ids);
    free(experts);
    free(members);
    return status;
}

int cmd_check(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("check", argc, argv, opts, args, &n, &status)) return status;
    if (n < 2) {
        fprintf(stderr, "roster check: give a ToR file and the team's expert ids\n");
        return EXIT_INPUT;
    }
    rs_tor t;
    if (tor_read(args[0], &t) != 0) return EXIT_INPUT;
    tor_context c;
    if (tor_context_open(opts, &c, &status) == 0) {
        status = judge(&c, &t, args + 1, n - 1, cli_flag(opts, "json"));
        tor_context_close(&c);
    }
    rs_tor_free(&t);
    return status;
}

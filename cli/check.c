/* roster check TOR.json ID... [--json]: the verdict on a team, rule by rule. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/tor_context.h"
#include "core/profile.h"
#include "core/schema.h"
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

static int judge(tor_context *c, const rs_tor *t, char **ids, int n, int json)
{
    rs_expert *experts = calloc((size_t)n, sizeof *experts);
    const rs_expert **members = calloc((size_t)n, sizeof *members);
    int status = EXIT_OK, found = 0;
    for (int i = 0; experts && members && i < n; i++, found++) {
        if (find_expert(c->db, ids[i], &experts[i]) != 0) {
            fprintf(stderr, "roster check: no expert with id '%s'\n", ids[i]);
            status = EXIT_INPUT;
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
            rs_verdicts_print(stdout, &v, "");
            status = rs_verdicts_exit_code(&v);
        }
    }
    rs_verdicts_free(&v);
    for (int i = 0; experts && i < found; i++) rs_expert_free(&experts[i]);
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

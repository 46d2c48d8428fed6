/*
 * rs_roster_check: the verdict on a team made by hand, rule by rule
 * (formats.md section 4). The ids are resolved as `show` resolves them (any
 * case, one expert), the members read from the index as a match of the
 * ToR reads them (the missions of its own action do not count against
 * it), and judged by rs_check_team with the portfolio a match would use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/term.h"
#include "indexer/document.h"
#include "lib/matching.h"
#include "matcher/admit.h"
#include "matcher/check.h"

/* What the text form prints besides the verdicts: the team judged. */
typedef struct {
    rs_expert *experts;
    size_t n;
    rs_verdicts v;
} check_run;

static void check_run_free(void *priv)
{
    check_run *c = priv;
    if (!c) return;
    for (size_t i = 0; c->experts && i < c->n; i++) rs_expert_free(&c->experts[i]);
    free(c->experts);
    rs_verdicts_free(&c->v);
    free(c);
}

/* Append one line to the handle's message (each problem of the ids on its
 * own line, as the command line prints them). */
static void note_line(rs_roster *r, const char *line)
{
    size_t len = strlen(r->message);
    snprintf(r->message + len, sizeof r->message - len, "%s%s", len ? "\n" : "", line);
}

/* The stored id of each id typed; every problem named, one a line: an
 * unknown id (RS_ERR_NOT_FOUND), an id named twice or ambiguous in case
 * (RS_ERR_INPUT), a store failure (kept over the others). NULL on failure. */
static char **resolve_ids(rs_roster *r, char *const *typed, size_t n, rs_status *st)
{
    char **ids = calloc(n, sizeof *ids);
    *st = ids ? RS_OK : rs_fail(r, RS_ERR_NOMEM, "out of memory");
    rs_store *s = rs_data_store(r->data);
    for (size_t i = 0; ids && i < n; i++) {
        char msg[1024];
        rs_status err = rs_lib_find_id(s, typed[i], &ids[i], msg, sizeof msg);
        if (err) {
            note_line(r, msg);
            int input = err == RS_ERR_NOT_FOUND || err == RS_ERR_INPUT;
            if (*st == RS_OK || (!input && (*st == RS_ERR_NOT_FOUND || *st == RS_ERR_INPUT)))
                *st = err;
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (ids[k] && strcmp(ids[k], ids[i]) == 0) {
                snprintf(msg, sizeof msg, "%s named twice", ids[i]);
                note_line(r, msg);
                if (*st == RS_OK || *st == RS_ERR_NOT_FOUND) *st = RS_ERR_INPUT;
                break;
            }
    }
    if (ids && *st != RS_OK) {
        for (size_t i = 0; i < n; i++) free(ids[i]);
        free(ids);
        ids = NULL;
    }
    return ids;
}

/* The members' profiles from the index, as retrieval reads them for t:
 * the missions of t's own action taken out (matcher/admit.h). */
static rs_status read_members(rs_roster *r, xc_db *db, const rs_tor *t, char **ids,
                              check_run *c)
{
    for (size_t i = 0; i < c->n; i++) {
        xc_doc *doc;
        rs_status st = RS_ERR_CORRUPT;
        if (rs_document_find(db, ids[i], &doc) == XC_OK) {
            st = rs_document_profile(doc, &c->experts[i]);
            xc_doc_free(doc);
        }
        if (st == RS_OK) rs_expert_drop_own(&c->experts[i], t);
        if (st != RS_OK)
            return rs_fail(r, RS_ERR_CORRUPT, "no expert with id '%s' in the index "
                                              "(run roster verify)", ids[i]);
    }
    return RS_OK;
}

/* The team as judged: id, name and every nationality held. */
static void print_members(FILE *f, const check_run *c)
{
    fprintf(f, "Team of %zu\n", c->n);
    for (size_t i = 0; i < c->n; i++) {
        const rs_expert *m = &c->experts[i];
        fprintf(f, "  ");
        rs_term_write(f, m->id, NULL);
        fprintf(f, "  ");
        rs_term_write(f, m->name, NULL);
        fprintf(f, " (");
        for (size_t k = 0; k < m->n_nationalities; k++) {
            fprintf(f, "%s", k ? "/" : "");
            rs_term_write(f, m->nationalities[k], NULL);
        }
        fprintf(f, ")\n");
    }
    fprintf(f, "\n");
}

/* The last line: the outcome in words. */
static void print_outcome(FILE *f, const rs_verdicts *v)
{
    size_t warn = 0, fail = 0;
    for (size_t i = 0; i < v->n; i++) {
        warn += v->items[i].status == RS_WARN;
        fail += v->items[i].status == RS_FAIL;
    }
    if (fail) {
        fprintf(f, "\nhard rule%s failed:", fail == 1 ? "" : "s");
        for (size_t i = 0, shown = 0; i < v->n; i++)
            if (v->items[i].status == RS_FAIL)
                fprintf(f, "%s %s", shown++ ? "," : "", v->items[i].rule);
        fprintf(f, "\n");
    } else if (warn) {
        fprintf(f, "\n%zu soft rule%s warn%s\n", warn, warn == 1 ? "" : "s",
                warn == 1 ? "s" : "");
    } else {
        fprintf(f, "\nall rules pass\n");
    }
}

static rs_status print_check(const rs_answer *a, FILE *f)
{
    const check_run *c = a->priv;
    print_members(f, c);
    rs_verdicts_print(f, &c->v, "");
    print_outcome(f, &c->v);
    return fflush(f) != 0 || ferror(f) ? RS_ERR_IO : RS_OK;
}

/* Judge the members of c (read) against t; the answer takes c. */
static rs_status judge(rs_roster *r, rs_match_context *ctx, const rs_tor *t, check_run *c,
                       rs_answer **out)
{
    const rs_expert **members = calloc(c->n, sizeof *members);
    if (!members) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++) members[i] = &c->experts[i];
    rs_portfolio own;
    const rs_portfolio *portfolio;
    rs_status st = rs_lib_portfolio_for(r, ctx, t, &own, &portfolio);
    if (st != RS_OK) {
        free(members);
        return st;
    }
    int rc = rs_check_team(t, members, c->n, portfolio, ctx->today, &c->v);
    rs_portfolio_free(&own);
    free(members);
    if (rc != 0) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    json_t *j = rs_verdicts_to_json(&c->v);
    if (!j) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    *out = rs_answer_new(j, rs_verdicts_outcome(&c->v), print_check, c, check_run_free);
    return *out ? RS_OK : rs_fail(r, RS_ERR_NOMEM, "out of memory");
}

rs_status rs_roster_check(rs_roster *r, const rs_text *tor, char *const *ids, size_t n,
                          rs_answer **out)
{
    *out = NULL;
    rs_begin(r);
    if (n == 0) return rs_fail(r, RS_ERR_INPUT, "give the team's expert ids");
    rs_tor t;
    rs_status st = rs_lib_read_tor(r, tor, &t);
    if (st != RS_OK) return st;
    rs_match_context *ctx;
    st = rs_match_context_get(r, &ctx);
    if (st == RS_OK) st = rs_lib_own_missions(r, &t);
    char **stored = st == RS_OK ? resolve_ids(r, ids, n, &st) : NULL;
    check_run *c = stored ? calloc(1, sizeof *c) : NULL;
    if (stored && c && (c->experts = calloc(n, sizeof *c->experts))) {
        c->n = n;
        st = read_members(r, ctx->db, &t, stored, c);
        if (st == RS_OK) st = judge(r, ctx, &t, c, out);
        if (st == RS_OK) c = NULL; /* the answer has it */
    } else if (stored) {
        st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    check_run_free(c);
    for (size_t i = 0; stored && i < n; i++) free(stored[i]);
    free(stored);
    rs_tor_free(&t);
    return st;
}

/* roster match TOR.json [--teams M] [--shortlist K] [--pool N] [--json]
 * roster match --batch TORS.jsonl [...]
 *
 * Candidates come from the index alone (matcher/retrieve.h); the store is
 * read once per run, for the portfolio of recent mission days.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/tor_context.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "matcher/match.h"
#include "matcher/retrieve.h"
#include "matcher/worklang.h"
#include "matcher/rule_fetch.h"

#define INFER_MAX 3

/* Experts and relevances of a retrieval, as rs_match takes them. */
typedef struct {
    rs_retrieval got;
    const rs_expert **experts;
    double *text;
} pool;

static void pool_free(pool *p)
{
    rs_retrieval_free(&p->got);
    free(p->experts);
    free(p->text);
}

static int pool_fetch(tor_context *c, const rs_tor *t, int filtered, pool *p, char *err,
                      size_t errsz)
{
    memset(p, 0, sizeof *p);
    int32_t ref = rs_tor_reference_day(t, c->today);
    if (rs_retrieve(c->db, c->stemmers, t, ref, filtered, RS_RETRIEVE_POOL, &p->got, err, errsz))
        return -1;
    p->experts = malloc((p->got.n + 1) * sizeof *p->experts);
    p->text = malloc((p->got.n + 1) * sizeof *p->text);
    if (!p->experts || !p->text) {
        pool_free(p);
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < p->got.n; i++) {
        p->experts[i] = &p->got.items[i].profile;
        p->text[i] = p->got.items[i].text;
    }
    return 0;
}

/* A ToR without field codes gets the likeliest codes of its words. */
static void infer_fields(rs_tor *t, json_t **inferred)
{
    *inferred = NULL;
    if (t->n_fields) return;
    char *codes[INFER_MAX];
    size_t n = rs_tor_infer_fields(t, codes, INFER_MAX);
    char **fields = n ? malloc(n * sizeof *fields) : NULL;
    if (!fields) {
        for (size_t i = 0; i < n; i++) free(codes[i]);
        return;
    }
    *inferred = json_array();
    for (size_t i = 0; i < n; i++) {
        fields[i] = codes[i];
        json_array_append_new(*inferred, json_string(codes[i]));
    }
    t->fields = fields;
    t->n_fields = n;
}

/* What the ToR did not give and was inferred, one shape for JSON and text:
 * {"fields": ["E.10"], "languages": [{"code", "level", "basis"}]}, each
 * list empty when nothing of that kind was inferred. NULL: out of memory. */
static json_t *inferred_json(const rs_tor *t, json_t *fields)
{
    json_t *langs = json_array();
    char basis[256];
    rs_tor_languages_basis_text(t, basis, sizeof basis);
    for (size_t l = 0; langs && basis[0] && l < t->n_languages; l++)
        if (json_array_append_new(langs, json_pack("{s:s, s:s, s:s}", "code",
                                                   t->languages[l].code, "level",
                                                   rs_cefr_name(t->languages[l].level),
                                                   "basis", basis)) < 0) {
            json_decref(langs);
            langs = NULL;
        }
    if (!langs)
        return NULL;
    return fields ? json_pack("{s:O, s:o}", "fields", fields, "languages", langs)
                  : json_pack("{s:[], s:o}", "fields", "languages", langs);
}

static void print_inferred(FILE *f, const rs_tor *t, json_t *fields)
{
    char basis[256];
    if (fields) {
        fprintf(f, "fields inferred from the text:");
        for (size_t i = 0; i < json_array_size(fields); i++)
            fprintf(f, " %s", json_string_value(json_array_get(fields, i)));
        fprintf(f, "\n");
    }
    rs_tor_languages_basis_text(t, basis, sizeof basis);
    if (!basis[0])
        return;
    fprintf(f, "languages inferred:");
    for (size_t l = 0; l < t->n_languages; l++)
        fprintf(f, " %s %s", t->languages[l].code, rs_cefr_name(t->languages[l].level));
    fprintf(f, "%s (%s)\n", t->n_languages ? "" : " none", basis);
}

/* The text answer, what was inferred under its title line. */
static int print_text(const rs_match_result *res, const rs_tor *t, json_t *inferred)
{
    char *notes = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&notes, &len);
    if (!m) {
        fprintf(stderr, "roster match: out of memory\n");
        return -1;
    }
    print_inferred(m, t, inferred);
    if (fclose(m) != 0) {
        free(notes);
        fprintf(stderr, "roster match: out of memory\n");
        return -1;
    }
    rs_match_print_noted(stdout, res, notes);
    free(notes);
    return 0;
}

typedef struct {
    long teams, shortlist, pool;
    int json;
} match_flags;

/* Print o when every part of it was built (see core/jsonbuild.h), else
 * nothing: a value with a member quietly missing is not an answer. */
static int print_whole(rs_json_build *b, json_t *o)
{
    if (!b->failed) return cli_print_json(o);
    json_decref(o);
    fprintf(stderr, "roster match: cannot build the JSON output (out of memory, or text that "
                    "is not UTF-8)\n");
    return EXIT_FAIL;
}

/* Match one ToR; prints its answer. Returns the exit status. */
static int match_one(tor_context *c, rs_tor *t, const match_flags *f)
{
    json_t *inferred;
    infer_fields(t, &inferred);
    rs_match_options o;
    rs_match_options_default(&o);
    o.teams = (size_t)f->teams;
    o.shortlist = (size_t)f->shortlist;
    o.pool = (size_t)f->pool;
    o.today = c->today;
    o.portfolio = &c->portfolio;

    char err[512];
    pool p;
    rs_match_result res;
    rs_rule_fetcher *rules = NULL;
    int status = EXIT_FAIL;
    if (pool_fetch(c, t, 1, &p, err, sizeof err) != 0) goto fail;
    /* The experts the hard rules need, from the whole roster, when the
     * pool gives no team (matcher/match.h). */
    rules = rs_rule_fetcher_new(c->db, c->stemmers, c->today, p.got.text_top);
    o.more = rs_rule_fetcher_more;
    o.more_ctx = rules;
    if (!rules || rs_match(t, p.experts, p.text, p.got.n, &o, &res) != 0) {
        pool_free(&p);
        snprintf(err, sizeof err, "%s",
                 rules && *rs_rule_fetcher_error(rules) ? rs_rule_fetcher_error(rules)
                                                        : "out of memory");
        goto fail;
    }
    if (rs_match_exit_code(&res) == EXIT_INFEASIBLE) {
        /* No team: look again without the index's filters, so the remedies
         * can find the experts that relaxing a rule would bring in. */
        pool wide;
        rs_match_result again;
        if (pool_fetch(c, t, 0, &wide, err, sizeof err) == 0) {
            if (rs_match(t, wide.experts, wide.text, wide.got.n, &o, &again) == 0) {
                rs_match_result_free(&res);
                pool_free(&p);
                res = again;
                p = wide;
            } else {
                pool_free(&wide);
            }
        }
    }
    status = rs_match_exit_code(&res);
    if (f->json) {
        rs_json_build b = {0};
        json_t *j = rs_json_take(&b, rs_match_to_json(&res));
        rs_json_set(&b, j, "inferred", inferred_json(t, inferred));
        if (print_whole(&b, j) != EXIT_OK) status = EXIT_FAIL;
    } else {
        if (print_text(&res, t, inferred) != 0) status = EXIT_FAIL;
    }
    rs_match_result_free(&res);
    pool_free(&p);
    rs_rule_fetcher_free(rules);
    json_decref(inferred);
    return status;
fail:
    rs_rule_fetcher_free(rules);
    json_decref(inferred);
    fprintf(stderr, "roster match: %s: %s\n", t->action, err);
    return status;
}

/* --batch: one JSON answer per line; a bad line answers with its problems. */
static int match_batch(tor_context *c, const char *path, match_flags *f)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "roster match: %s: cannot open\n", path);
        return EXIT_INPUT;
    }
    rs_tor_reader *rd = rs_tor_reader_new(in, path);
    int worst = EXIT_OK;
    f->json = 1;
    for (int more = rd != NULL; more;) {
        rs_tor t;
        rs_diag d;
        rs_diag_init(&d);
        int rc = rs_tor_reader_next(rd, &t, &d);
        if (rc > 0) {
            int s = match_one(c, &t, f);
            if (s == EXIT_FAIL || (s == EXIT_INFEASIBLE && worst == EXIT_OK)) worst = s;
            rs_tor_free(&t);
        } else if (rc < 0 || d.n_errors) {
            rs_diag_print(&d, stderr);
            rs_json_build b = {0};
            json_t *o = rs_json_take(&b, json_object()), *errors = rs_json_take(&b, json_array());
            rs_json_set(&b, o, "line", json_integer((json_int_t)(d.n ? d.items[0].line : 0)));
            for (size_t i = 0; i < d.n; i++)
                rs_json_append(&b, errors, json_sprintf("%s: %s", d.items[i].field,
                                                        d.items[i].message));
            rs_json_set(&b, o, "errors", errors);
            if (print_whole(&b, o) != EXIT_OK) worst = EXIT_FAIL;
            else if (worst != EXIT_FAIL) worst = EXIT_INPUT;
        }
        more = rc != 0;
        rs_diag_free(&d);
    }
    rs_tor_reader_free(rd);
    if (in != stdin) fclose(in);
    return rd ? worst : EXIT_FAIL;
}

int cmd_match(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"teams", 1, NULL}, {"shortlist", 1, NULL},
                      {"pool", 1, NULL}, {"batch", 1, NULL}, {"json", 0, NULL},
                      {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    match_flags f;
    if (cli_start("match", argc, argv, opts, args, &n, &status)) return status;
    const char *batch = cli_opt_value(opts, "batch");
    if ((batch && n) || (!batch && n != 1)) {
        fprintf(stderr, "roster match: give one ToR file, or --batch TORS.jsonl\n");
        return EXIT_INPUT;
    }
    if (cli_opt_long(opts, "teams", RS_TEAMS_DEFAULT, 1, 100, &f.teams) ||
        cli_opt_long(opts, "shortlist", RS_SHORTLIST_DEFAULT, 0, 1000, &f.shortlist) ||
        cli_opt_long(opts, "pool", RS_POOL_DEFAULT, 2, RS_RETRIEVE_POOL, &f.pool))
        return EXIT_INPUT;
    f.json = cli_flag(opts, "json");

    rs_tor t;
    if (!batch && tor_read(args[0], &t) != 0) return EXIT_INPUT;
    tor_context c;
    if (tor_context_open(opts, &c, &status) != 0) {
        if (!batch) rs_tor_free(&t);
        return status;
    }
    if (batch) {
        status = match_batch(&c, batch, &f);
    } else {
        status = match_one(&c, &t, &f);
        rs_tor_free(&t);
    }
    tor_context_close(&c);
    return status;
}

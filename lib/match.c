/*
 * rs_roster_match and rs_roster_match_batch: terms of reference to a
 * shortlist and teams, the one copy of the pipeline every front end uses.
 *
 *   1. read and validate the ToR; a ToR without field codes asks for the
 *      field its words are about, learned from the roster's CVs
 *      (matcher/infer.h), its working languages are inferred when it
 *      gives none (matcher/worklang.h);
 *   2. retrieve candidates from the index with the per-expert hard rules
 *      as filters (matcher/retrieve.h), each as the request sees it: the
 *      missions the store records for its action (the team already sent)
 *      do not count against it (rs_lib_own_missions);
 *   3. rs_match over them, fetching from the whole roster the experts the
 *      hard team rules need when the pool gives no team (rule_fetch.h);
 *   4. still no team: retrieve again without the filters and match again,
 *      so the remedies can find the experts relaxing a rule brings in;
 *   5. the answer: formats.md section 3, plus what was inferred.
 *
 * The portfolio of recent missions is read once per handle and day (see
 * rs_match_context_get), so a server answering many ToRs on one handle
 * reads the store once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/record.h"
#include "core/records.h"
#include "core/textlang.h"
#include "lib/matching.h"
#include "matcher/infer.h"
#include "matcher/jsonpos.h"
#include "matcher/match.h"
#include "matcher/retrieve.h"
#include "matcher/rule_fetch.h"
#include "matcher/worklang.h"

#define INFER_MAX RS_TOR_INFER_FIELDS_MAX /* the focus and its letter */
_Static_assert(INFER_MAX >= 2, "room for the focus and its letter");
/* The likeliest fields an answer names beside those asked for: as many as
 * `roster draft` shows. */
#define INFER_SHOWN 3
/* The public limits (lib/roster.h) are the matcher's. */
_Static_assert(RS_MATCH_SHORTLIST_DEFAULT == RS_SHORTLIST_DEFAULT, "shortlist default");
_Static_assert(RS_MATCH_TEAMS_DEFAULT == RS_TEAMS_DEFAULT, "teams default");
_Static_assert(RS_MATCH_POOL_DEFAULT == RS_POOL_DEFAULT, "pool default");
_Static_assert(RS_MATCH_POOL_MAX == RS_RETRIEVE_POOL, "pool bound");

/* ---- the context: portfolio as of today ---- */

void rs_match_context_free(rs_match_context *c)
{
    if (!c) return;
    rs_portfolio_free(&c->portfolio);
    free(c);
}

rs_status rs_match_context_get(rs_roster *r, rs_match_context **out)
{
    *out = NULL;
    if (!r->data) return rs_fail(r, RS_ERR_NOT_FOUND, "the roster could not be opened");
    if (!r->match && !(r->match = calloc(1, sizeof *r->match)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    rs_match_context *c = r->match;
    c->db = rs_data_index(r->data);
    if (!c->db) return rs_fail(r, RS_ERR_INDEX, "%s", rs_data_error(r->data));
    if (!(c->stemmers = rs_roster_stemmers(r))) return RS_ERR_NOMEM;
    rs_store *s = rs_data_store(r->data);
    int32_t today = rs_date_today();
    int64_t change = 0;
    if (rs_store_change(s, &change) != RS_OK)
        return rs_fail(r, RS_ERR_IO, "cannot read the roster: %s", rs_store_error(s));
    if (!c->loaded || c->today != today || c->change != change) {
        rs_portfolio_free(&c->portfolio);
        c->loaded = 0;
        rs_status st = rs_portfolio_load(s, today, &c->portfolio);
        if (st != RS_OK) return rs_fail(r, st, "cannot read the roster");
        c->today = today;
        c->change = change;
        c->loaded = 1;
    }
    *out = c;
    return RS_OK;
}

/* ---- the ids a ToR names ---- */

/* Drop the later copies of ids[i] in ids[i + 1..n). */
static void drop_copies(char **ids, size_t *n, size_t i)
{
    for (size_t k = *n; k-- > i + 1;)
        if (strcmp(ids[k], ids[i]) == 0) {
            free(ids[k]);
            memmove(&ids[k], &ids[k + 1], (*n - k - 1) * sizeof *ids);
            (*n)--;
        }
}

/* One list of expert ids (rules.KEY) as the roster stores them: an id typed
 * in another case is taken as the one stored id equal to it ignoring case,
 * as every command takes ids (an exclusion for a conflict of interest must
 * not be lost to a capital letter), with a warning; one the roster holds in
 * no case, or in several, stays as typed, with a warning. RS_OK, or the
 * store's failure. */
static rs_status resolve_list(rs_store *s, const char *key, char **ids, size_t *n,
                              const rs_json_lines *pos, const rs_text *text, rs_diag *d)
{
    const char *name = text->name ? text->name : "-";
    long first = text->line > 0 ? text->line : 1;
    for (size_t i = 0; i < *n; i++) {
        char field[64], msg[512], *stored = NULL;
        snprintf(field, sizeof field, "rules.%s[%zu]", key, i);
        long line = rs_json_lines_find(pos, field, first);
        rs_status st = rs_lib_find_id(s, ids[i], &stored, msg, sizeof msg);
        if (st == RS_OK && strcmp(stored, ids[i]) != 0) {
            rs_diag_add(d, RS_WARNING, name, line, field, "'%s' taken as %s, the roster's id",
                        ids[i], stored);
            free(ids[i]);
            ids[i] = stored;
            stored = NULL;
            drop_copies(ids, n, i);
        } else if (st == RS_ERR_NOT_FOUND || st == RS_ERR_INPUT) {
            rs_diag_add(d, RS_WARNING, name, line, field, "%s", msg);
        } else if (st != RS_OK) {
            return st;
        }
        free(stored);
    }
    return RS_OK;
}

/* rules.exclude and rules.require as the roster stores them (resolve_list);
 * an expert both exclude and require name once resolved is an error, as in
 * the ToR itself. RS_OK, RS_ERR_INPUT with the problem in d, or the
 * store's failure. */
static rs_status resolve_rule_ids(rs_roster *r, const rs_text *text, rs_tor *t, rs_diag *d)
{
    rs_rules *ru = &t->rules;
    if (!r->data || (!ru->n_exclude && !ru->n_require)) return RS_OK;
    rs_store *s = rs_data_store(r->data);
    long first = text->line > 0 ? text->line : 1;
    rs_json_lines *pos = rs_json_lines_new(text->data ? text->data : "", text->len, first);
    rs_status st = resolve_list(s, "exclude", ru->exclude, &ru->n_exclude, pos, text, d);
    if (st == RS_OK) st = resolve_list(s, "require", ru->require, &ru->n_require, pos, text, d);
    for (size_t i = 0; st == RS_OK && i < ru->n_require; i++)
        for (size_t k = 0; k < ru->n_exclude; k++)
            if (strcmp(ru->require[i], ru->exclude[k]) == 0) {
                char field[64];
                snprintf(field, sizeof field, "rules.require[%zu]", i);
                rs_diag_add(d, RS_ERROR, text->name ? text->name : "-",
                            rs_json_lines_find(pos, field, first), field,
                            "'%s' is also in rules.exclude", ru->require[i]);
                st = RS_ERR_INPUT;
            }
    rs_json_lines_free(pos);
    return st;
}

/* ---- reading the ToR ---- */

rs_status rs_lib_read_tor(rs_roster *r, const rs_text *text, rs_tor *out)
{
    memset(out, 0, sizeof *out);
    rs_diag d;
    rs_diag_init(&d);
    const char *name = text->name ? text->name : "-";
    int rc;
    if (text->len > RS_LINE_MAX) {
        rs_diag_add(&d, RS_ERROR, name, 0, "", "file too large for a ToR (over %u bytes)",
                    RS_LINE_MAX);
        rc = -1;
    } else {
        rc = rs_tor_from_json_text(text->data ? text->data : "", text->len, name,
                                   text->line > 0 ? text->line : 1, out, &d);
    }
    rs_status st = rc == 0 ? resolve_rule_ids(r, text, out, &d) : RS_ERR_INPUT;
    rs_keep_problems(r, &d);
    rs_diag_free(&d);
    if (st == RS_OK) return RS_OK;
    if (rc == 0) rs_tor_free(out);
    if (st != RS_ERR_INPUT)
        return rs_fail(r, st, "%s: cannot read the roster: %s", name,
                       rs_store_error(rs_data_store(r->data)));
    return rs_fail(r, RS_ERR_INPUT, "%s: " RS_TOR_PROBLEMS_MESSAGE, name);
}

/* ---- the team already sent ---- */

static rs_status add_own(const rs_assigned_row *row, void *arg)
{
    rs_period when = {row->from, row->to};
    return rs_tor_add_own(arg, row->expert_id, row->country, when, row->days) == 0
               ? RS_OK : RS_ERR_NOMEM;
}

rs_status rs_lib_own_missions(rs_roster *r, rs_tor *t)
{
    rs_store *s = rs_data_store(r->data);
    rs_status st = rs_records_each_assigned(s, t->action, NULL, add_own, t);
    if (st == RS_ERR_NOMEM) return rs_fail(r, st, "out of memory");
    return st == RS_OK ? RS_OK : rs_fail(r, st, "cannot read the roster: %s", rs_store_error(s));
}

rs_status rs_lib_portfolio_for(rs_roster *r, rs_match_context *c, const rs_tor *t,
                               rs_portfolio *own, const rs_portfolio **out)
{
    memset(own, 0, sizeof *own);
    *out = &c->portfolio;
    if (t->n_own == 0) return RS_OK;
    rs_status st = rs_portfolio_without(&c->portfolio, rs_data_store(r->data), t->action, own);
    if (st != RS_OK) return rs_fail(r, st, "cannot read the roster");
    *out = own;
    return RS_OK;
}

/* ---- one match ---- */

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
    memset(p, 0, sizeof *p);
}

static rs_status pool_fetch(rs_match_context *c, const rs_tor *t, int filtered,
                            double text_top, pool *p, char *err, size_t errsz)
{
    memset(p, 0, sizeof *p);
    int32_t ref = rs_tor_reference_day(t, c->today);
    unsigned how = filtered ? RS_RETRIEVE_FILTERED : 0;
    if (rs_retrieve(c->db, c->stemmers, t, ref, how, RS_RETRIEVE_POOL, text_top, &p->got, err,
                    errsz))
        return RS_ERR_INDEX;
    p->experts = malloc((p->got.n + 1) * sizeof *p->experts);
    p->text = malloc((p->got.n + 1) * sizeof *p->text);
    if (!p->experts || !p->text) {
        pool_free(p);
        snprintf(err, errsz, "out of memory");
        return RS_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->got.n; i++) {
        p->experts[i] = &p->got.items[i].profile;
        p->text[i] = p->got.items[i].text;
    }
    return RS_OK;
}

/* Everything a match answer borrows from, kept until the answer goes: the
 * result points into the ToR, the pool and the rule fetcher's experts. */
typedef struct {
    rs_tor tor;
    rs_inference inf;       /* what the ToR's words are about */
    int inferred;           /* its field was inferred: inf holds the why */
    pool p;
    rs_rule_fetcher *rules;
    rs_match_result res;
    int has_res;
    const rs_portfolio *portfolio; /* what it was matched with: the handle's or own */
    rs_portfolio own;              /* without the ToR's own team (rs_lib_portfolio_for) */
    int32_t today;
} match_run;

static void match_run_free(void *priv)
{
    match_run *m = priv;
    if (!m) return;
    if (m->has_res) rs_match_result_free(&m->res);
    pool_free(&m->p);
    rs_rule_fetcher_free(m->rules);
    rs_tor_free(&m->tor);
    rs_portfolio_free(&m->own);
    free(m);
}

/* The ToR's text (title and description) and, when its function words
 * tell, its language into lang ("" when not). NULL: out of memory. */
static char *tor_text(const rs_tor *t, char lang[3])
{
    const char *d = t->description ? t->description : "";
    size_t len = strlen(t->title) + strlen(d) + 2;
    char *s = malloc(len);
    if (!s) return NULL;
    snprintf(s, len, "%s\n%s", t->title, d);
    if (rs_text_language(s, strlen(s), lang) != 1) lang[0] = 0;
    return s;
}

/* A ToR without field codes asks for the focus of its words
 * (matcher/infer.h), the field its nearest CVs agree on, and for the
 * focus's letter when the focus is narrower: a narrow guess that is wrong
 * then still credits the experts of its letter, which is what a vague
 * request is about most often (tuned, make eval). The likeliest fields are
 * kept for the answer. An index that cannot be read or out of memory
 * leaves it without: the text still ranks. */
static void infer_fields(rs_match_context *c, rs_tor *t, rs_inference *inf, int *inferred)
{
    *inferred = 0;
    memset(inf, 0, sizeof *inf);
    if (t->n_fields) return;
    char lang[3], err[256];
    char *text = tor_text(t, lang);
    int rc = text ? rs_infer_codes(c->db, c->stemmers, text, lang[0] ? lang : NULL, INFER_SHOWN,
                                   inf, err, sizeof err)
                  : -1;
    free(text);
    const char *focus = inf->focus.code;
    if (rc != 0 || !focus[0] || !(t->fields = calloc(INFER_MAX, sizeof *t->fields)) ||
        !(t->fields[0] = strdup(focus)))
        return;
    t->n_fields = 1;
    *inferred = 1;
    char letter[16];
    if (rs_code_depth(focus) > 1 && rs_code_prefix(focus, 1, letter, sizeof letter) == 0 &&
        (t->fields[1] = strdup(letter)))
        t->n_fields = 2;
}

/* One inferred code: {"code", "score", "evidence": [words]}. */
static json_t *likely_json(const rs_inferred *c)
{
    json_t *words = json_array();
    for (int k = 0; words && k < RS_INFER_EVIDENCE && c->evidence[k][0]; k++)
        if (json_array_append_new(words, json_string(c->evidence[k])) < 0) {
            json_decref(words);
            words = NULL;
        }
    return words ? json_pack("{s:s, s:f, s:o}", "code", c->code, "score",
                             round(c->score * 1000) / 1000, "evidence", words)
                 : NULL;
}

/* What the ToR did not give and was inferred, one shape for JSON and text:
 * {"fields": ["E.10", "E"], "languages": [{"code", "level", "basis"}],
 * "likely_fields": [{"code", "score", "evidence"}]}, each list empty when
 * nothing of that kind was inferred. NULL: out of memory. */
static json_t *inferred_json(const rs_tor *t, const rs_inference *inf, int inferred)
{
    json_t *langs = json_array(), *fields = json_array(), *likely = json_array();
    char basis[256];
    rs_tor_languages_basis_text(t, basis, sizeof basis);
    int oom = !langs || !fields || !likely;
    for (size_t l = 0; !oom && basis[0] && l < t->n_languages; l++)
        oom = json_array_append_new(langs, json_pack("{s:s, s:s, s:s}", "code",
                                                     t->languages[l].code, "level",
                                                     rs_cefr_name(t->languages[l].level),
                                                     "basis", basis)) < 0;
    for (size_t i = 0; !oom && inferred && i < t->n_fields; i++)
        oom = json_array_append_new(fields, json_string(t->fields[i])) < 0;
    for (size_t i = 0; !oom && inferred && i < inf->n_fields; i++)
        oom = json_array_append_new(likely, likely_json(&inf->fields[i])) < 0;
    if (oom) {
        json_decref(langs);
        json_decref(fields);
        json_decref(likely);
        return NULL;
    }
    return json_pack("{s:o, s:o, s:o}", "fields", fields, "languages", langs, "likely_fields",
                     likely);
}

/* "fields inferred from the text: A.20 (youth, jobs; likely A 0.92, A.20
 * 0.61, E 0.20)": the field asked for, the words that weighed most for
 * it, and the likeliest fields with their scores. */
static void print_inferred_fields(FILE *f, const rs_tor *t, const rs_inference *inf)
{
    fprintf(f, "fields inferred from the text:");
    for (size_t i = 0; i < t->n_fields; i++) fprintf(f, " %s", t->fields[i]);
    fprintf(f, " (");
    for (int k = 0; k < RS_INFER_EVIDENCE && inf->focus.evidence[k][0]; k++)
        fprintf(f, "%s%s", k ? ", " : "", inf->focus.evidence[k]);
    fprintf(f, "%slikely", inf->focus.evidence[0][0] ? "; " : "");
    for (size_t i = 0; i < inf->n_fields; i++)
        fprintf(f, "%s %s %.2f", i ? "," : "", inf->fields[i].code, inf->fields[i].score);
    fprintf(f, ")\n");
}

static void print_inferred(FILE *f, const rs_tor *t, const rs_inference *inf, int inferred)
{
    char basis[256];
    if (inferred) print_inferred_fields(f, t, inf);
    rs_tor_languages_basis_text(t, basis, sizeof basis);
    if (!basis[0])
        return;
    fprintf(f, "languages inferred:");
    for (size_t l = 0; l < t->n_languages; l++)
        fprintf(f, " %s %s", t->languages[l].code, rs_cefr_name(t->languages[l].level));
    fprintf(f, "%s (%s)\n", t->n_languages ? "" : " none", basis);
}

/* The text form: the tables of rs_match_print, what was inferred under
 * the title line. */
static rs_status print_match(const rs_answer *a, FILE *f)
{
    const match_run *m = a->priv;
    char *notes = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&notes, &len);
    if (!mem) return RS_ERR_NOMEM;
    print_inferred(mem, &m->tor, &m->inf, m->inferred);
    if (fclose(mem) != 0) {
        free(notes);
        return RS_ERR_NOMEM;
    }
    rs_match_print_noted(f, &m->res, notes);
    free(notes);
    return fflush(f) != 0 || ferror(f) ? RS_ERR_IO : RS_OK;
}

/* The limits asked, defaults filled in, or RS_ERR_INPUT. */
static rs_status match_limits(rs_roster *r, const rs_match_limits *asked, rs_match_options *o)
{
    rs_match_options_default(o);
    if (!asked) return RS_OK;
    if (asked->teams > RS_MATCH_TEAMS_MAX)
        return rs_fail(r, RS_ERR_INPUT, "teams: expected a number from 1 to %d, got %zu",
                       RS_MATCH_TEAMS_MAX, asked->teams);
    if (asked->shortlist > RS_MATCH_SHORTLIST_MAX)
        return rs_fail(r, RS_ERR_INPUT, "shortlist: expected a number from 0 to %d, got %zu",
                       RS_MATCH_SHORTLIST_MAX, asked->shortlist);
    if (asked->pool && (asked->pool < RS_MATCH_POOL_MIN || asked->pool > RS_MATCH_POOL_MAX))
        return rs_fail(r, RS_ERR_INPUT, "pool: expected a number from %d to %d, got %zu",
                       RS_MATCH_POOL_MIN, RS_MATCH_POOL_MAX, asked->pool);
    o->shortlist = asked->shortlist;
    if (asked->teams) o->teams = asked->teams;
    if (asked->pool) o->pool = asked->pool;
    return RS_OK;
}

/* Match m->tor (already read) into m->res, as the pipeline at the top
 * says. RS_OK, or the message set ("ACTION: why"). */
static rs_status run_pipeline(rs_roster *r, rs_match_context *c, rs_match_options *o,
                              match_run *m)
{
    rs_tor *t = &m->tor;
    infer_fields(c, t, &m->inf, &m->inferred);
    o->today = m->today = c->today;
    rs_status st = rs_lib_portfolio_for(r, c, t, &m->own, &m->portfolio);
    if (st != RS_OK) return st;
    o->portfolio = m->portfolio;
    char err[512];
    st = pool_fetch(c, t, 1, 0, &m->p, err, sizeof err);
    if (st != RS_OK) return rs_fail(r, st, "%s: %s", t->action, err);
    /* The experts the hard rules need, from the whole roster, when the
     * pool gives no team (matcher/match.h). */
    m->rules = rs_rule_fetcher_new(c->db, c->stemmers, c->today, m->p.got.text_top);
    o->more = rs_rule_fetcher_more;
    o->more_ctx = m->rules;
    if (!m->rules || rs_match(t, m->p.experts, m->p.text, m->p.got.n, o, &m->res) != 0) {
        const char *why = m->rules ? rs_rule_fetcher_error(m->rules) : "";
        return rs_fail(r, *why ? RS_ERR_INDEX : RS_ERR_NOMEM, "%s: %s", t->action,
                       *why ? why : "out of memory");
    }
    m->has_res = 1;
    if (rs_match_outcome(&m->res) == RS_OUTCOME_NO_TEAM) {
        /* No team: look again without the index's filters, so the remedies
         * can find the experts that relaxing a rule would bring in, their
         * text weighed on the first look's scale (an expert the rules
         * rule out may match the text best: the experts both looks admit
         * keep their scores). A failure here keeps the first answer, which
         * is whole. */
        pool wide;
        rs_match_result again;
        if (pool_fetch(c, t, 0, m->p.got.text_top, &wide, err, sizeof err) == RS_OK) {
            if (rs_match(t, wide.experts, wide.text, wide.got.n, o, &again) == 0) {
                rs_match_result_free(&m->res);
                pool_free(&m->p);
                m->res = again;
                m->p = wide;
            } else {
                pool_free(&wide);
            }
        }
    }
    return RS_OK;
}

/* Match a ToR already read (taken over: freed here whatever happens). */
static rs_status match_tor(rs_roster *r, rs_tor *t, const rs_match_limits *limits,
                           rs_answer **out)
{
    *out = NULL;
    match_run *m = calloc(1, sizeof *m);
    if (!m) {
        rs_tor_free(t);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    m->tor = *t;
    memset(t, 0, sizeof *t);
    rs_match_options o;
    rs_match_context *c;
    rs_status st = match_limits(r, limits, &o);
    if (st == RS_OK) st = rs_match_context_get(r, &c);
    if (st == RS_OK) st = rs_lib_own_missions(r, &m->tor);
    if (st == RS_OK) st = run_pipeline(r, c, &o, m);
    if (st != RS_OK) {
        match_run_free(m);
        return st;
    }
    rs_json_build b = {0};
    json_t *j = rs_json_take(&b, rs_match_to_json(&m->res));
    rs_json_set(&b, j, "inferred", inferred_json(&m->tor, &m->inf, m->inferred));
    if (b.failed) {
        /* A value with a member quietly missing is not an answer. */
        json_decref(j);
        match_run_free(m);
        return rs_fail(r, RS_ERR_NOMEM, "cannot build the JSON output (out of memory, or text "
                                        "that is not UTF-8)");
    }
    *out = rs_answer_new(j, rs_match_outcome(&m->res), print_match, m, match_run_free);
    return *out ? RS_OK : rs_fail(r, RS_ERR_NOMEM, "out of memory");
}

const rs_match_result *rs_lib_match_result(const rs_answer *a, const rs_portfolio **portfolio,
                                           int32_t *today)
{
    const match_run *m = a->priv;
    *portfolio = m->portfolio;
    *today = m->today;
    return &m->res;
}

rs_status rs_roster_match(rs_roster *r, const rs_text *tor, const rs_match_limits *o,
                          rs_answer **out)
{
    *out = NULL;
    rs_begin(r);
    rs_tor t;
    rs_status st = rs_lib_read_tor(r, tor, &t);
    return st == RS_OK ? match_tor(r, &t, o, out) : st;
}

/* ---- batches ---- */

/* The answer to a bad line: {"line": N, "errors": ["field: problem", ...]},
 * from the problems kept on the handle. NULL when out of memory. */
static rs_answer *bad_line_answer(rs_roster *r)
{
    const rs_diag *d = &r->diag;
    rs_json_build b = {0};
    json_t *o = rs_json_take(&b, json_object()), *errors = rs_json_take(&b, json_array());
    rs_json_set(&b, o, "line", json_integer((json_int_t)(d->n ? d->items[0].line : 0)));
    for (size_t i = 0; i < d->n; i++)
        rs_json_append(&b, errors, json_sprintf("%s: %s", d->items[i].field,
                                                d->items[i].message));
    rs_json_set(&b, o, "errors", errors);
    if (b.failed) {
        json_decref(o);
        return NULL;
    }
    return rs_answer_new(o, RS_OUTCOME_DONE, NULL, NULL, NULL);
}

rs_status rs_roster_match_batch(rs_roster *r, FILE *in, const char *name,
                                const rs_match_limits *o, rs_batch_fn fn, void *ctx)
{
    rs_begin(r);
    rs_tor_reader *rd = rs_tor_reader_new(in, name);
    if (!rd) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    int stop = 0;
    for (int more = 1; more && !stop;) {
        rs_tor t;
        rs_diag d;
        rs_diag_init(&d);
        rs_begin(r);
        int rc = rs_tor_reader_next(rd, &t, &d);
        more = rc != 0;
        if (rc > 0) {
            rs_answer *a;
            rs_status st = match_tor(r, &t, o, &a);
            stop = fn(st, a, ctx);
        } else if (rc < 0 || d.n_errors) {
            rs_keep_problems(r, &d);
            rs_answer *a = bad_line_answer(r);
            rs_status st = a ? rs_fail(r, RS_ERR_INPUT, "%s: " RS_TOR_PROBLEMS_MESSAGE, name)
                             : rs_fail(r, RS_ERR_NOMEM, "cannot build the JSON output (out of "
                                                        "memory)");
            stop = fn(st, a, ctx);
        }
        rs_diag_free(&d);
    }
    rs_tor_reader_free(rd);
    rs_begin(r);
    return RS_OK;
}

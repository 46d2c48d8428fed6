/* Cached rule fetches for rs_match. See rule_fetch.h. */
#include "matcher/rule_fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher/retrieve.h"
#include "matcher/strbuf.h"

/* rs_retrieve_nationalities for one key: shared by every relaxation that
 * keeps the per-expert rules, team_size and the widely spoken languages. */
typedef struct {
    char *key;
    rs_retrieval got;
} nat_fetch;

#define NO_NATIONALITIES ((size_t)-2)
#define FAILED ((size_t)-1)

/* What rs_match gets for one ToR: its speakers and required ids, then the
 * holders of each nationality (nats[nat]) unless a language nobody admitted
 * speaks already rules every team out. */
typedef struct {
    char *key;
    rs_retrieval got;
    size_t nat;                 /* NO_NATIONALITIES: none needed */
    const rs_expert **experts;  /* into got and nats[nat].got */
    double *text;
    size_t n;
    int complete;
} fetch;

struct rs_rule_fetcher {
    xc_db *db;
    rs_stemmers *stemmers;
    rs_ranking ranking; /* built at the first fetch: every ToR here is one
                         * ToR relaxed, with its words and codes */
    int ranked;
    int32_t today;
    double text_top;
    fetch *fetches;
    size_t n, cap;
    nat_fetch *nats;
    size_t n_nats, cap_nats;
    char err[512];
};

rs_rule_fetcher *rs_rule_fetcher_new(xc_db *db, rs_stemmers *stemmers, int32_t today,
                                     double text_top)
{
    rs_rule_fetcher *f = calloc(1, sizeof *f);
    if (f) {
        f->db = db;
        f->stemmers = stemmers;
        f->today = today;
        f->text_top = text_top;
    }
    return f;
}

void rs_rule_fetcher_free(rs_rule_fetcher *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->fetches[i].key);
        rs_retrieval_free(&f->fetches[i].got);
        free(f->fetches[i].experts);
        free(f->fetches[i].text);
    }
    for (size_t i = 0; i < f->n_nats; i++) {
        free(f->nats[i].key);
        rs_retrieval_free(&f->nats[i].got);
    }
    free(f->fetches);
    free(f->nats);
    if (f->ranked)
        rs_ranking_free(&f->ranking);
    free(f);
}

const char *rs_rule_fetcher_error(const rs_rule_fetcher *f)
{
    return f->err;
}

static void *oom(rs_rule_fetcher *f)
{
    snprintf(f->err, sizeof f->err, "out of memory");
    return NULL;
}

/* Room for one more entry in each list. */
static int room(rs_rule_fetcher *f)
{
    if (f->n == f->cap) {
        fetch *p = realloc(f->fetches, (f->cap ? f->cap * 2 : 8) * sizeof *p);
        if (!p)
            return -1;
        f->fetches = p;
        f->cap = f->cap ? f->cap * 2 : 8;
    }
    if (f->n_nats == f->cap_nats) {
        nat_fetch *p = realloc(f->nats, (f->cap_nats ? f->cap_nats * 2 : 8) * sizeof *p);
        if (!p)
            return -1;
        f->nats = p;
        f->cap_nats = f->cap_nats ? f->cap_nats * 2 : 8;
    }
    return 0;
}

/* The per-expert rules and team_size: what every fetch reads. */
static void key_rules(rs_strbuf *b, const rs_tor *t, int32_t ref)
{
    const rs_rules *r = &t->rules;
    rs_strbuf_add(b, "%d %d %d %d %d %d %d %ld|", t->team_size, r->available, t->has_window,
                  (int)t->from, (int)t->to, r->max_load_days, r->min_eu_members > 0, (long)ref);
    for (size_t i = 0; i < r->n_exclude; i++)
        rs_strbuf_add(b, "%s ", r->exclude[i]);
    rs_strbuf_add(b, "|");
    for (size_t i = 0; i < r->n_exclude_nationalities; i++)
        rs_strbuf_add(b, "%s ", r->exclude_nationalities[i]);
    rs_strbuf_add(b, "|");
}

static void key_languages(rs_strbuf *b, const rs_language *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rs_strbuf_add(b, "%s:%d ", l[i].code, (int)l[i].level);
    rs_strbuf_add(b, "|");
}

/* Everything of t that rs_retrieve_speakers reads and a remedy may change
 * (the words and codes are the same for every relaxation of one ToR). */
static char *speakers_key(const rs_tor *t, int32_t ref)
{
    rs_strbuf b = {0};
    key_rules(&b, t, ref);
    rs_strbuf_add(&b, "%d ", t->rules.languages_covered);
    key_languages(&b, t->languages, t->n_languages);
    for (size_t i = 0; i < t->rules.n_require; i++)
        rs_strbuf_add(&b, "%s ", t->rules.require[i]);
    return rs_strbuf_take(&b);
}

static char *nationalities_key(const rs_tor *t, int32_t ref, const rs_wide_languages *wide)
{
    rs_strbuf b = {0};
    key_rules(&b, t, ref);
    key_languages(&b, wide->languages, wide->n);
    return rs_strbuf_take(&b);
}

/* The index in f->nats of the fetch for t with these wide languages, or
 * FAILED with f->err set. */
static size_t nationalities_for(rs_rule_fetcher *f, const rs_tor *t, int32_t ref,
                                const rs_wide_languages *wide)
{
    char *key = nationalities_key(t, ref, wide);
    if (!key) {
        oom(f);
        return FAILED;
    }
    for (size_t i = 0; i < f->n_nats; i++)
        if (strcmp(f->nats[i].key, key) == 0) {
            free(key);
            return i;
        }
    nat_fetch *x = &f->nats[f->n_nats];
    x->key = key;
    if (rs_retrieve_nationalities(f->db, &f->ranking, t, ref, wide, f->text_top, &x->got, f->err,
                                  sizeof f->err) != 0) {
        free(key);
        return FAILED;
    }
    return f->n_nats++;
}

/* Both parts of x side by side, as rs_match takes them. */
static int join(rs_rule_fetcher *f, fetch *x)
{
    static const rs_retrieval none;
    const rs_retrieval *a = &x->got, *b = x->nat == NO_NATIONALITIES ? &none : &f->nats[x->nat].got;
    x->n = a->n + b->n;
    x->experts = malloc((x->n + 1) * sizeof *x->experts);
    x->text = malloc((x->n + 1) * sizeof *x->text);
    if (!x->experts || !x->text)
        return -1;
    for (size_t i = 0; i < a->n; i++)
        x->experts[i] = &a->items[i].profile, x->text[i] = a->items[i].text;
    for (size_t i = 0; i < b->n; i++)
        x->experts[a->n + i] = &b->items[i].profile, x->text[a->n + i] = b->items[i].text;
    return 0;
}

/* A new fetch for t into x (key taken over). 0, or -1 with f->err set. */
static int fetch_new(rs_rule_fetcher *f, const rs_tor *t, int32_t ref, char *key, fetch *x)
{
    memset(x, 0, sizeof *x);
    rs_wide_languages wide;
    if (rs_retrieve_speakers(f->db, &f->ranking, t, ref, f->text_top, &x->got, &wide, f->err,
                             sizeof f->err) != 0) {
        free(key);
        return -1;
    }
    x->key = key;
    x->complete = wide.complete;
    x->nat = wide.unmet ? NO_NATIONALITIES : nationalities_for(f, t, ref, &wide);
    if (x->nat != FAILED && join(f, x) == 0)
        return 0;
    if (x->nat != FAILED)
        oom(f);
    free(x->key);
    rs_retrieval_free(&x->got);
    free(x->experts);
    free(x->text);
    return -1;
}

/* The fetch for t: a kept one with the same key, or a new one. */
static const fetch *fetch_for(rs_rule_fetcher *f, const rs_tor *t)
{
    int32_t ref = rs_tor_reference_day(t, f->today);
    if (!f->ranked && rs_ranking_init(&f->ranking, f->db, f->stemmers, t) == 0)
        f->ranked = 1;
    char *key = f->ranked ? speakers_key(t, ref) : NULL;
    if (!key || room(f) < 0) {
        free(key);
        return oom(f);
    }
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fetches[i].key, key) == 0) {
            free(key);
            return &f->fetches[i];
        }
    if (fetch_new(f, t, ref, key, &f->fetches[f->n]) != 0)
        return NULL;
    return &f->fetches[f->n++];
}

int rs_rule_fetcher_more(const rs_tor *t, void *ctx, const rs_expert *const **experts,
                         const double **text, size_t *n, int *complete)
{
    const fetch *x = fetch_for(ctx, t);
    if (!x)
        return -1;
    *experts = x->experts;
    *text = x->text;
    *n = x->n;
    *complete = x->complete;
    return 0;
}

/* Cached rule fetches for rs_match. See rule_fetch.h. */
#include "matcher/rule_fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher/retrieve.h"
#include "matcher/strbuf.h"

typedef struct {
    char *key;                  /* what the fetch depends on */
    rs_retrieval got;
    const rs_expert **experts;  /* into got */
    double *text;
    int complete;
} fetch;

struct rs_rule_fetcher {
    xc_db *db;
    rs_stemmers *stemmers;
    int32_t today;
    double text_top;
    fetch *fetches;
    size_t n, cap;
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

static void fetch_free(fetch *x)
{
    free(x->key);
    rs_retrieval_free(&x->got);
    free(x->experts);
    free(x->text);
}

void rs_rule_fetcher_free(rs_rule_fetcher *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        fetch_free(&f->fetches[i]);
    free(f->fetches);
    free(f);
}

const char *rs_rule_fetcher_error(const rs_rule_fetcher *f)
{
    return f->err;
}

/* The parts of t that rs_retrieve_for_rules reads and a remedy may change
 * (its words and codes are the same for every relaxation of one ToR). */
static char *fetch_key(const rs_tor *t, int32_t ref)
{
    const rs_rules *r = &t->rules;
    rs_strbuf b = {0};
    rs_strbuf_add(&b, "%d %d %d %d %d %d %d %ld|", t->team_size, r->languages_covered,
                  r->available, t->has_window, (int)t->from, (int)t->to, r->max_load_days,
                  (long)ref);
    for (size_t i = 0; i < t->n_languages; i++)
        rs_strbuf_add(&b, "%s:%d ", t->languages[i].code, (int)t->languages[i].level);
    rs_strbuf_add(&b, "|");
    for (size_t i = 0; i < r->n_require; i++)
        rs_strbuf_add(&b, "%s ", r->require[i]);
    rs_strbuf_add(&b, "|");
    for (size_t i = 0; i < r->n_exclude; i++)
        rs_strbuf_add(&b, "%s ", r->exclude[i]);
    rs_strbuf_add(&b, "|");
    for (size_t i = 0; i < r->n_exclude_nationalities; i++)
        rs_strbuf_add(&b, "%s ", r->exclude_nationalities[i]);
    return rs_strbuf_take(&b);
}

/* A new fetch for t into x (key taken over). 0, or -1 with f->err set. */
static int fetch_new(rs_rule_fetcher *f, const rs_tor *t, int32_t ref, char *key, fetch *x)
{
    memset(x, 0, sizeof *x);
    x->key = key;
    if (rs_retrieve_for_rules(f->db, f->stemmers, t, ref, f->text_top, &x->got, &x->complete,
                              f->err, sizeof f->err) != 0) {
        free(key);
        x->key = NULL;
        return -1;
    }
    x->experts = malloc((x->got.n + 1) * sizeof *x->experts);
    x->text = malloc((x->got.n + 1) * sizeof *x->text);
    if (!x->experts || !x->text) {
        fetch_free(x);
        snprintf(f->err, sizeof f->err, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < x->got.n; i++) {
        x->experts[i] = &x->got.items[i].profile;
        x->text[i] = x->got.items[i].text;
    }
    return 0;
}

/* The fetch for t: a kept one with the same key, or a new one. */
static const fetch *fetch_for(rs_rule_fetcher *f, const rs_tor *t)
{
    int32_t ref = rs_tor_reference_day(t, f->today);
    char *key = fetch_key(t, ref);
    if (!key) {
        snprintf(f->err, sizeof f->err, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fetches[i].key, key) == 0) {
            free(key);
            return &f->fetches[i];
        }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        fetch *grown = realloc(f->fetches, cap * sizeof *grown);
        if (!grown) {
            free(key);
            snprintf(f->err, sizeof f->err, "out of memory");
            return NULL;
        }
        f->fetches = grown;
        f->cap = cap;
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
    *n = x->got.n;
    *complete = x->complete;
    return 0;
}

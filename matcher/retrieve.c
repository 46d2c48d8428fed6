/* Retrieval of a ToR's candidates from the index. See retrieve.h. */
#include "matcher/retrieve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/qlist.h"
#include "core/schema.h"
#include "core/taxonomy.h"
#include "core/text.h"
#include "indexer/document.h"
#include "matcher/admit.h"
#include "matcher/score.h"
#include "query/query.h"

#define MAX_TOR_WORDS 120    /* distinct words taken from title and description */
#define MAX_LABEL_WORDS 160  /* distinct words taken from the codes' labels */
#define LABEL_SCALE 1.0      /* label words weigh as the ToR's own (tuned, make eval) */
#define PARENT_SCALE 0.5     /* the parent of an asked code weighs half */
/* Words held by more than this share of the roster say little about who
 * fits, and their long posting lists cost most of the query's time. */
#define COMMON_WORD_SHARE 0.20
#define COMMON_WORD_FLOOR 100 /* a small roster keeps all its words */
#define RETRIEVE_TRIES 4
/* What is left of a weight, as a share of it, once the codes' weight is
 * taken away, below which it is rounding: the text weighs nothing. */
#define SUBTRACTION_NOISE 1e-9

/* ---- terms and text ---- */

/* Every term comes from the field table (core/schema.h), as indexing makes
 * them: `name:value` as the search language reads it, the id term, the
 * load terms. The ToR's values were validated as the table's queries
 * validate them, so a NULL here is out of memory. */
static xc_query *field_query(const char *name, const char *value)
{
    const rs_field *f = rs_field_find(name, strlen(name));
    char err[160];
    return f && f->query ? f->query(value, err, sizeof err) : NULL;
}

typedef struct { char *p; size_t n, cap; int oom; } text;

static void text_add(text *b, const char *s)
{
    size_t len = strlen(s);
    if (b->oom) return;
    if (b->n + len + 2 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + len + 2) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p, b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n++] = ' ';
    b->p[b->n] = 0;
}

/* ---- the parts of the query ---- */

/* Asked codes of field `name` ("field", "comp"): the code (matching it and
 * every narrower code) at full weight, its parent at half unless the
 * parent is a whole letter. */
static void add_codes(rs_qlist *l, const char *name, char *const *codes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rs_qlist_add(l, field_query(name, codes[i]));
        int depth = rs_code_depth(codes[i]);
        char parent[16];
        /* A bare letter as parent ("E") would pull in a third of the roster. */
        if (depth > 2 && rs_code_prefix(codes[i], depth - 1, parent, sizeof parent) == 0) {
            xc_query *p = field_query(name, parent);
            rs_qlist_add(l, p ? xc_query_scale(p, PARENT_SCALE) : NULL);
            xc_query_free(p);
        }
    }
}

static int add_label(const char *lang, const char *label, const char *keywords, void *arg)
{
    (void)lang;
    text_add(arg, label);
    text_add(arg, keywords);
    return 0;
}

typedef struct { xc_db *db; uint32_t common; } word_filter;

/* Skip stopwords, single letters and words most experts' CVs hold. */
static int skip_word(const char *word, void *arg)
{
    const word_filter *f = arg;
    uint32_t freq = 0;
    if (word[1] == 0 || rs_stopword(word)) return 1;
    return xc_db_termfreq(f->db, word, &freq) == XC_OK && freq > f->common;
}

typedef struct { char **words; size_t n, cap; int oom; } word_list;

static int gather_word(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    word_list *l = arg;
    if (len < 2) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        char **more = realloc(l->words, cap * sizeof *more);
        if (!more) return l->oom = 1;
        l->words = more;
        l->cap = cap;
    }
    if (!(l->words[l->n] = strndup(word, len))) return l->oom = 1;
    if (rs_stopword(l->words[l->n])) free(l->words[l->n]);
    else l->n++;
    return 0;
}

/* Over remote shards skip_word's question is a round trip to every shard
 * for each word: ask all the texts' words at once instead. */
static void prefetch_words(xc_db *db, const char *const *texts, size_t n_texts)
{
    word_list l = {0};
    for (size_t i = 0; i < n_texts && !l.oom; i++)
        if (texts[i] && rs_text_words(texts[i], strlen(texts[i]), gather_word, &l) < 0) l.oom = 1;
    /* A failure here leaves skip_word to ask word by word. */
    if (!l.oom) xc_db_prefetch_termfreqs(db, (const char *const *)l.words, l.n);
    for (size_t i = 0; i < l.n; i++) free(l.words[i]);
    free(l.words);
}

/* The ToR's own words, and its codes' labels in every language. */
static xc_query *text_query(xc_db *db, rs_stemmers *stemmers, const rs_tor *t)
{
    uint32_t docs = 0;
    xc_db_doccount(db, &docs);
    word_filter filter = {db, (uint32_t)(docs * COMMON_WORD_SHARE)};
    if (filter.common < COMMON_WORD_FLOOR) filter.common = COMMON_WORD_FLOOR;
    text own = {0}, labels = {0};
    text_add(&own, t->title);
    if (t->description) text_add(&own, t->description);
    for (size_t i = 0; i < t->n_fields; i++) rs_labels_each(t->fields[i], add_label, &labels);
    for (size_t i = 0; i < t->n_competences; i++)
        rs_labels_each(t->competences[i], add_label, &labels);
    xc_query *result = NULL;
    if (!own.oom && !labels.oom) {
        if (xc_db_is_remote(db)) prefetch_words(db, (const char *[]){own.p, labels.p}, 2);
        xc_query *a = rs_text_query(stemmers, own.p, MAX_TOR_WORDS, skip_word, &filter);
        xc_query *b = rs_text_query(stemmers, labels.p ? labels.p : "", MAX_LABEL_WORDS,
                                    skip_word, &filter);
        xc_query *bs = b ? xc_query_scale(b, LABEL_SCALE) : NULL;
        if (a && bs) result = xc_query_combine(XC_OP_OR, (xc_query *[]){a, bs}, 2);
        xc_query_free(a);
        xc_query_free(b);
        xc_query_free(bs);
    }
    free(own.p);
    free(labels.p);
    return result;
}

/* The experts of `occupied` (combined by OR) but the ToR's own team: the
 * index's availability and load terms hold their mission of this very
 * action, so the index cannot tell whether anything else occupies them.
 * They are left in, and rs_admit_expert judges them on the rest (their
 * profiles without that mission, rs_expert_drop_own). NULL: out of memory. */
static xc_query *but_own_team(const rs_qlist *occupied, const rs_tor *t)
{
    xc_query *any = rs_qlist_combine(occupied, XC_OP_OR);
    if (!any || t->n_own == 0) return any;
    rs_qlist ids = {0};
    for (size_t i = 0; i < t->n_own; i++) rs_qlist_add(&ids, rs_id_query(t->own[i].expert_id));
    xc_query *team = rs_qlist_combine(&ids, XC_OP_OR), *out = NULL;
    if (team) out = xc_query_combine(XC_OP_AND_NOT, (xc_query *[]){any, team}, 2);
    xc_query_free(any);
    xc_query_free(team);
    rs_qlist_free(&ids);
    return out;
}

/* Everyone a per-expert hard rule rules out. */
static void add_ruled_out(xc_db *db, const rs_tor *t, int32_t ref_day, rs_qlist *busy)
{
    const rs_rules *r = &t->rules;
    for (size_t i = 0; i < r->n_exclude; i++) rs_qlist_add(busy, rs_id_query(r->exclude[i]));
    for (size_t i = 0; i < r->n_exclude_nationalities; i++)
        rs_qlist_add(busy, field_query("nat", r->exclude_nationalities[i]));
    rs_qlist occupied = {0};
    if (r->available && t->has_window)
        rs_qlist_add(&occupied, rs_unavailable_query(t->from, t->to));
    if (r->max_load_days >= 0 &&
        rs_overloaded_terms(db, ref_day, r->max_load_days, &occupied) != 0)
        occupied.oom = 1;
    if (occupied.n || occupied.oom) rs_qlist_add(busy, but_own_team(&occupied, t));
    rs_qlist_free(&occupied);
}

/* What ranks the candidates: the ToR's text query (copied; NULL: the
 * codes alone) and its codes. NULL when out of memory. */
static xc_query *ranking_query(const rs_tor *t, const xc_query *text)
{
    rs_qlist parts = {0};
    if (text) rs_qlist_add(&parts, xc_query_copy(text));
    add_codes(&parts, "field", t->fields, t->n_fields);
    add_codes(&parts, "comp", t->competences, t->n_competences);
    xc_query *wanted = rs_qlist_combine(&parts, XC_OP_OR);
    rs_qlist_free(&parts);
    return wanted;
}

xc_query *rs_retrieval_query(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, int32_t ref_day,
                             int filtered)
{
    rs_qlist busy = {0};
    if (filtered) add_ruled_out(db, t, ref_day, &busy);
    xc_query *text = text_query(db, stemmers, t);
    xc_query *wanted = text ? ranking_query(t, text) : NULL, *out = NULL;
    xc_query_free(text);
    if (wanted && busy.n) {
        xc_query *ruled_out = rs_qlist_combine(&busy, XC_OP_OR);
        if (ruled_out)
            out = xc_query_combine(XC_OP_AND_NOT, (xc_query *[]){wanted, ruled_out}, 2);
        xc_query_free(ruled_out);
        xc_query_free(wanted);
    } else if (!busy.oom) {
        out = wanted;
    } else {
        xc_query_free(wanted);
    }
    rs_qlist_free(&busy);
    return out;
}

/* ---- fetching ---- */

static int fail(char *err, size_t errsz, const char *what, const char *why)
{
    snprintf(err, errsz, "%s: %s", what, why && *why ? why : "failed");
    return -1;
}

/* Where candidates go: the candidates of out, as the ToR t sees them;
 * found: how many documents a fetch found. */
typedef struct { rs_retrieval *out; const rs_tor *t; uint32_t found; } take_ctx;

/* The document docid (doc, taken over) as the next candidate. */
static int add_candidate(take_ctx *c, uint32_t docid, xc_doc *doc)
{
    rs_retrieved *slot = &c->out->items[c->out->n];
    int rc = rs_document_profile(doc, &slot->profile) == RS_OK ? 0 : -1;
    xc_doc_free(doc);
    if (rc == 0) {
        rs_expert_drop_own(&slot->profile, c->t);
        slot->text = 0;
        slot->docid = docid;
        c->out->n++;
    }
    return rc;
}

/* Document i of mset as the next candidate. */
static int add_mset_candidate(take_ctx *c, xc_mset *mset, uint32_t i)
{
    xc_doc *doc;
    if (xc_mset_doc(mset, i, &doc) != XC_OK) return -1;
    return add_candidate(c, xc_mset_docid(mset, i), doc);
}

/* Run q and hand its mset (at most max documents) to fn. */
static int with_mset(xc_db *db, const xc_query *q, uint32_t max,
                     int (*fn)(xc_mset *mset, void *ctx), void *ctx)
{
    xc_enquire *enq;
    xc_mset *mset;
    if (xc_enquire_new(db, &enq) != XC_OK) return -1;
    xc_enquire_set_query(enq, q);
    int rc = -1;
    if (xc_enquire_get_mset(enq, 0, max, 0, &mset) == XC_OK) {
        rc = fn(mset, ctx);
        xc_mset_free(mset);
    }
    xc_enquire_free(enq);
    return rc;
}

static int take_pool(xc_mset *mset, void *arg)
{
    take_ctx *c = arg;
    for (uint32_t i = 0; i < xc_mset_size(mset); i++)
        if (add_mset_candidate(c, mset, i) != 0) return -1;
    return 0;
}

/* The best documents of a query, best first, with their weights. */
typedef struct { uint32_t *docids; double *weights; uint32_t n; } hits;

static void hits_free(hits *h)
{
    free(h->docids);
    free(h->weights);
}

static int copy_hits(xc_mset *mset, void *arg)
{
    hits *h = arg;
    for (h->n = 0; h->n < xc_mset_size(mset); h->n++) {
        h->docids[h->n] = xc_mset_docid(mset, h->n);
        h->weights[h->n] = xc_mset_weight(mset, h->n);
    }
    return 0;
}

/* The best max documents of q (kept): by xc_db_rank, or with `reference`
 * by Xapian's matcher, which xc_db_rank is tested against. 0 or -1; h is
 * to be freed either way. */
static int rank(xc_db *db, xc_query *q, uint32_t max, int reference, hits *h)
{
    memset(h, 0, sizeof *h);
    h->docids = malloc((max ? max : 1) * sizeof *h->docids);
    h->weights = malloc((max ? max : 1) * sizeof *h->weights);
    if (!q || !h->docids || !h->weights) return -1;
    if (reference) return with_mset(db, q, max, copy_hits, h);
    return xc_db_rank(db, q, max, h->docids, h->weights, &h->n) == XC_OK ? 0 : -1;
}

static int has_id(const rs_retrieval *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].profile.id, id) == 0) return 1;
    return 0;
}

/* The experts of c from `from` on, as a query (the OR of their ids). */
static xc_query *pool_query(const rs_retrieval *c, size_t from)
{
    rs_qlist ids = {0};
    for (size_t i = from; i < c->n; i++) rs_qlist_add(&ids, rs_id_query(c->items[i].profile.id));
    xc_query *q = rs_qlist_combine(&ids, XC_OP_OR);
    rs_qlist_free(&ids);
    return q;
}

/* The weights of q for the candidates of c from `from` on, into w (room
 * for them): by Xapian's matcher for the reference, restricted to their
 * ids; else by xc_db_weigh. 0 or -1. */
static int candidate_weights(xc_db *db, xc_query *q, const rs_retrieval *c, size_t from,
                             int reference, double *w)
{
    uint32_t n = (uint32_t)(c->n - from);
    if (!reference) {
        uint32_t *docids = malloc(n * sizeof *docids);
        for (uint32_t i = 0; docids && i < n; i++) docids[i] = c->items[from + i].docid;
        int rc = docids && xc_db_weigh(db, q, docids, n, w) == XC_OK ? 0 : -1;
        free(docids);
        return rc;
    }
    xc_query *pool = pool_query(c, from), *only = NULL;
    if (pool) only = xc_query_combine(XC_OP_FILTER, (xc_query *[]){q, pool}, 2);
    hits h;
    int rc = rank(db, only, n, 1, &h);
    for (uint32_t k = 0; k < n; k++) {
        w[k] = 0;
        for (uint32_t i = 0; rc == 0 && i < h.n; i++)
            if (h.docids[i] == c->items[from + k].docid) w[k] = h.weights[i];
    }
    hits_free(&h);
    xc_query_free(pool);
    xc_query_free(only);
    return rc;
}

/* Add to the text of the candidates of c from `from` on their weight for
 * q (taken over), times sign (-1: taken away, rounding to 0). */
static int add_weights(xc_db *db, xc_query *q, rs_retrieval *c, size_t from, double sign,
                       int reference)
{
    double *w = malloc((c->n - from) * sizeof *w);
    int rc = q && w ? candidate_weights(db, q, c, from, reference, w) : -1;
    for (size_t k = from; rc == 0 && k < c->n; k++) {
        double *text = &c->items[k].text;
        double left = *text + sign * w[k - from];
        *text = sign < 0 && left <= *text * SUBTRACTION_NOISE ? 0 : left;
    }
    free(w);
    xc_query_free(q);
    return rc;
}

/* The raw weights made relevances in [0,1]: relative to c->text_top when
 * it is set (another retrieval's scale: above it is 1), else to the best
 * of these. */
static void relative_weights(rs_retrieval *c)
{
    if (c->text_top <= 0)
        for (size_t k = 0; k < c->n; k++)
            if (c->items[k].text > c->text_top) c->text_top = c->items[k].text;
    double top = c->text_top;
    for (size_t k = 0; k < c->n; k++) {
        double w = c->items[k].text;
        c->items[k].text = top > 0 && w > 0 ? (w < top ? w / top : 1) : 0;
    }
}

/* Second pass: the weight of the text alone (text, taken over), for the
 * experts in the pool (their text 0 so far), relative to the best of them. */
static int text_weights(xc_db *db, xc_query *text, rs_retrieval *c)
{
    int rc = add_weights(db, text, c, 0, 1, 0);
    if (rc == 0) relative_weights(c);
    return rc;
}

/* The text relevances of a pool whose first `ranked` candidates hold the
 * weight of the ranking query that selected them: the text's and the
 * codes' weights summed. Their text weight is that less the weight of
 * their codes, a query of a few code terms over the pool, where weighing
 * the text again would read every one of its hundreds of words for each
 * candidate. The rest (required experts the ranking missed) are weighed
 * by the text. For the reference every candidate is weighed by the text,
 * by Xapian's matcher. */
static int pool_weights(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, rs_retrieval *c,
                        size_t ranked, int reference)
{
    if (reference)
        for (size_t k = 0; k < ranked; k++) c->items[k].text = 0;
    size_t from = reference ? 0 : ranked;
    int rc = 0;
    if (!reference && ranked)
        rc = add_weights(db, ranking_query(t, NULL), c, 0, -1, 0);
    if (rc == 0 && from < c->n)
        rc = add_weights(db, text_query(db, stemmers, t), c, from, 1, reference);
    if (rc == 0) relative_weights(c);
    return rc;
}

/* The pool q ranks first, each candidate's text holding its weight for q
 * until pool_weights. */
static int take_weighed_pool(xc_mset *mset, void *arg)
{
    take_ctx *c = arg;
    for (uint32_t i = 0; i < xc_mset_size(mset); i++) {
        if (add_mset_candidate(c, mset, i) != 0) return -1;
        c->out->items[c->out->n - 1].text = xc_mset_weight(mset, i);
    }
    return 0;
}

static int take_ranked_pool(xc_db *db, xc_query *q, size_t pool, int reference, take_ctx *c)
{
    /* The reference reads the documents from the mset, which over remote
     * shards asks for them all at once. */
    if (reference) return with_mset(db, q, (uint32_t)pool, take_weighed_pool, c);
    hits h;
    int rc = rank(db, q, (uint32_t)pool, 0, &h);
    for (uint32_t i = 0; rc == 0 && i < h.n; i++) {
        xc_doc *doc;
        rc = xc_db_get_doc(db, h.docids[i], &doc) == XC_OK ? add_candidate(c, h.docids[i], doc)
                                                           : -1;
        if (rc == 0) c->out->items[c->out->n - 1].text = h.weights[i];
    }
    hits_free(&h);
    return rc;
}

/* One attempt: 0, or -1 (the index failed; out is freed). */
static int retrieve_once(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, int32_t ref_day,
                         unsigned how, size_t pool, double text_top, rs_retrieval *out)
{
    /* Over remote shards the codes' weight cannot be taken from chosen documents
     * (xc_db_weigh would rank every match): the text is weighed as the
     * reference does, through the matcher, restricted to the pool's ids. */
    int reference = (how & RS_RETRIEVE_REFERENCE) != 0 || xc_db_is_remote(db);
    memset(out, 0, sizeof *out);
    out->cap = pool + t->rules.n_require + 1;
    out->text_top = text_top;
    out->items = calloc(out->cap, sizeof *out->items);
    xc_query *q = out->items
                      ? rs_retrieval_query(db, stemmers, t, ref_day, how & RS_RETRIEVE_FILTERED)
                      : NULL;
    take_ctx take = {out, t, 0};
    int rc = q ? take_ranked_pool(db, q, pool, reference, &take) : -1;
    xc_query_free(q);
    size_t ranked = out->n;
    /* Required experts join the pool wherever the index ranked them. */
    for (size_t i = 0; i < t->rules.n_require && rc == 0; i++) {
        if (has_id(out, t->rules.require[i])) continue;
        xc_query *one = rs_id_query(t->rules.require[i]);
        rc = one ? with_mset(db, one, 1, take_pool, &take) : -1;
        xc_query_free(one);
    }
    if (rc == 0 && out->n) rc = pool_weights(db, stemmers, t, out, ranked, reference);
    if (rc) rs_retrieval_free(out);
    return rc;
}

int rs_retrieve(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, int32_t ref_day,
                unsigned how, size_t pool, double text_top, rs_retrieval *out, char *err,
                size_t errsz)
{
    /* A writer committing while we read makes Xapian give up on the old
     * revision: reopen the index and start over, a few times. */
    for (int tries = 1;; tries++) {
        if (retrieve_once(db, stemmers, t, ref_day, how, pool, text_top, out) == 0) return 0;
        if (tries == RETRIEVE_TRIES || xc_db_reopen(db) != XC_OK)
            return fail(err, errsz, "index", xc_db_last_error(db));
    }
}

/* ---- the experts the hard rules need ----
 *
 * Why rs_retrieve_speakers and rs_retrieve_nationalities together fetch
 * enough to decide whether the whole roster holds a team. Take any team T
 * of admitted experts that meets the
 * hard team rules (team.h: the required ids, every language met, one
 * nationality counted per member within min_nationalities, every holder
 * of a nationality counted within max_same_nationality) and a member m of
 * T that was not fetched. m is not required (required ids are fetched) and
 * meets no language that is not widely spoken (all its speakers are
 * fetched). Say T counts m for nationality N, and W is the set of widely
 * spoken languages m meets. For the type (N, W), the fetched experts hold
 * every admitted holder of N meeting all of W (then m would be among them)
 * or team_size of them who hold N alone; T holds at most team_size - 1 of
 * these besides m, so one of them, m', is not in T. Swapping m for m'
 * keeps every rule: m' can be counted for N, holds no nationality m did
 * not (so no nationality gains a holder: m held N), meets every language m
 * met (W; no other), is admitted, and no required id leaves. Each swap
 * adds a fetched member, so after at most team_size
 * swaps the whole team is fetched: if the roster holds a team, the fetched
 * experts hold one. A rule on members with some property (such as holding
 * an EU nationality) is one more trait in the types, with its query and its
 * test, like a widely spoken language: min_eu_members is (add_eu_trait).
 * For a nationality outside the EU no one holding it alone has that trait,
 * so every holder of it who is also an EU national is fetched (there are
 * few), which keeps the argument whole for the dual nationals.
 */

/* A property the types of the proof distinguish, such as meeting a widely
 * spoken language at the ToR's level: a rule on members with some property
 * adds its trait in nationalities_once. */
typedef struct trait trait;
struct trait {
    xc_query *q;           /* the experts who have it */
    int (*has)(const trait *tr, const rs_expert *e);
    char code[3];          /* the language of a language trait */
    rs_cefr level;
};

static int meets_language(const trait *tr, const rs_expert *e)
{
    return rs_expert_level(e, tr->code) >= tr->level;
}

/* The trait of min_eu_members: holding any EU nationality. */
static int holds_eu(const trait *tr, const rs_expert *e)
{
    (void)tr;
    return rs_expert_eu_nationality(e) != NULL;
}

typedef struct {
    xc_db *db;
    const rs_tor *t;
    int32_t ref;
    const rs_ranking *ranking; /* wanted ranks the speakers of a language,
                                * codes the holders of a nationality (the
                                * words' long posting lists would cost a
                                * pass over every holder) */
    xc_query *ruled_out;   /* the per-expert rules; NULL: nobody */
    rs_retrieval *out;
    trait traits[RS_RULE_WIDE_MAX + 1]; /* the widely spoken languages, EU */
    size_t n_traits;
} rule_fetch;

static xc_query *speakers_query(const rs_language *l)
{
    char value[32];
    snprintf(value, sizeof value, "%s>=%s", l->code, rs_cefr_name(l->level));
    return field_query("lang", value);
}

static int reserve(rs_retrieval *c, size_t more)
{
    if (c->n + more < c->cap) return 0;
    size_t cap = c->cap ? c->cap : 64;
    while (cap <= c->n + more) cap *= 2;
    rs_retrieved *items = realloc(c->items, cap * sizeof *items);
    if (!items) return -1;
    c->items = items;
    c->cap = cap;
    return 0;
}

static int has_docid(const rs_retrieval *c, uint32_t docid)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].docid == docid) return 1;
    return 0;
}

/* The documents of mset not taken yet. */
static int take_new(xc_mset *mset, void *arg)
{
    take_ctx *c = arg;
    c->found = xc_mset_size(mset);
    if (reserve(c->out, c->found) != 0) return -1;
    for (uint32_t i = 0; i < c->found; i++)
        if (!has_docid(c->out, xc_mset_docid(mset, i)) && add_mset_candidate(c, mset, i) != 0)
            return -1;
    return 0;
}

/* Up to max admitted experts matching need (taken over), best first by
 * rank; *found: how many there were, up to max. 0 or -1. */
static int fetch_rule(rule_fetch *f, xc_query *need, xc_query *rank, uint32_t max,
                      uint32_t *found)
{
    xc_query *ranked = need ? xc_query_combine(XC_OP_AND_MAYBE, (xc_query *[]){need, rank}, 2)
                            : NULL;
    xc_query *q = ranked;
    if (ranked && f->ruled_out) {
        q = xc_query_combine(XC_OP_AND_NOT, (xc_query *[]){ranked, f->ruled_out}, 2);
        xc_query_free(ranked);
    }
    take_ctx c = {f->out, f->t, 0};
    int rc = q ? with_mset(f->db, q, max, take_new, &c) : -1;
    xc_query_free(q);
    xc_query_free(need);
    if (found) *found = c.found;
    return rc;
}

/* Required experts join wherever they rank, admitted or not (the matcher
 * says which rule a required expert breaks). */
static int fetch_required(rule_fetch *f)
{
    for (size_t i = 0; i < f->t->rules.n_require; i++) {
        xc_query *one = rs_id_query(f->t->rules.require[i]);
        take_ctx c = {f->out, f->t, 0};
        int rc = one ? with_mset(f->db, one, 1, take_new, &c) : -1;
        xc_query_free(one);
        if (rc) return -1;
    }
    return 0;
}

static int count_mset(xc_mset *mset, void *arg)
{
    *(uint32_t *)arg = xc_mset_size(mset);
    return 0;
}

/* Admitted experts matching need (taken over), counted up to max without
 * weights or profiles. 0 or -1. */
static int count_admitted(rule_fetch *f, xc_query *need, uint32_t max, uint32_t *found)
{
    xc_query *q = need;
    if (need && f->ruled_out) {
        q = xc_query_combine(XC_OP_AND_NOT, (xc_query *[]){need, f->ruled_out}, 2);
        xc_query_free(need);
    }
    *found = 0;
    int rc = q ? with_mset(f->db, q, max, count_mset, found) : -1;
    xc_query_free(q);
    return rc;
}

/* Count the admitted speakers of each asked language: a language with
 * more than RS_RULE_SPEAKERS_MAX goes into wide; one with none, or a
 * required id the per-expert rules turn away, makes every team impossible
 * (wide->unmet), which costs no more to settle. rare[i]: language i is to
 * be fetched whole. */
static int count_speakers(rule_fetch *f, rs_wide_languages *wide, unsigned char *rare)
{
    const rs_tor *t = f->t;
    for (size_t i = 0; t->rules.languages_covered && i < t->n_languages; i++) {
        uint32_t found;
        if (count_admitted(f, speakers_query(&t->languages[i]), RS_RULE_SPEAKERS_MAX + 1, &found))
            return -1;
        rare[i] = found <= RS_RULE_SPEAKERS_MAX;
        if (found == 0)
            wide->unmet = 1;
        else if (!rare[i] && wide->n == RS_RULE_WIDE_MAX)
            wide->complete = 0;
        else if (!rare[i])
            wide->languages[wide->n++] = t->languages[i];
    }
    for (size_t i = 0; i < t->rules.n_require; i++) {
        uint32_t found;
        if (count_admitted(f, rs_id_query(t->rules.require[i]), 1, &found)) return -1;
        if (found == 0) wide->unmet = 1;
    }
    if (wide->unmet) wide->complete = 1; /* no team, whatever the fetch would hold */
    return 0;
}

/* Every admitted speaker of each language that is not widely spoken. A
 * widely spoken one needs no fetch here: its speakers are among the
 * nationalities' types (rs_retrieve_nationalities). */
static int fetch_speakers(rule_fetch *f, const unsigned char *rare)
{
    const rs_tor *t = f->t;
    for (size_t i = 0; t->rules.languages_covered && i < t->n_languages; i++)
        if (rare[i] &&
            fetch_rule(f, speakers_query(&t->languages[i]), f->ranking->wanted,
                       RS_RULE_SPEAKERS_MAX, NULL))
            return -1;
    return 0;
}

static int add_language_traits(rule_fetch *f, const rs_wide_languages *wide)
{
    for (size_t i = 0; i < wide->n; i++) {
        trait *tr = &f->traits[f->n_traits];
        if (!(tr->q = speakers_query(&wide->languages[i]))) return -1;
        tr->has = meets_language;
        memcpy(tr->code, wide->languages[i].code, 3);
        tr->level = wide->languages[i].level;
        f->n_traits++;
    }
    return 0;
}

/* Admitted experts taken so far that hold nationality and no other (the
 * swap of the proof above must not add a holder to any nationality) and
 * have the traits of mask, counted up to team_size. */
static int witnesses(const rule_fetch *f, const char *nationality, unsigned mask)
{
    int n = 0;
    for (size_t i = 0; i < f->out->n && n < f->t->team_size; i++) {
        const rs_expert *e = &f->out->items[i].profile;
        int ok = e->n_nationalities == 1 && rs_expert_holds(e, nationality);
        for (size_t k = 0; ok && k < f->n_traits; k++)
            if (mask & (1u << k)) ok = f->traits[k].has(&f->traits[k], e);
        n += ok && rs_admit_expert(f->t, e, f->ref) == RS_ADMIT_OK;
    }
    return n;
}

/* For each combination of traits, team_size holders of nationality alone
 * with all of them (or every holder there is): the fetch grows while dual
 * nationals fill it and more holders are left. */
static int fetch_types(rule_fetch *f, const char *nationality)
{
    for (unsigned mask = (1u << f->n_traits); mask-- > 0;) {
        for (uint32_t asked = (uint32_t)f->t->team_size;; asked *= 2) {
            if (witnesses(f, nationality, mask) >= f->t->team_size) break;
            rs_qlist need = {0};
            rs_qlist_add(&need, field_query("nat", nationality));
            for (size_t k = 0; k < f->n_traits; k++)
                if (mask & (1u << k)) rs_qlist_add(&need, xc_query_copy(f->traits[k].q));
            xc_query *q = rs_qlist_combine(&need, XC_OP_AND);
            rs_qlist_free(&need);
            uint32_t found;
            if (fetch_rule(f, q, f->ranking->codes, asked, &found)) return -1;
            if (found < asked || asked > UINT32_MAX / 2) break; /* every holder taken */
        }
    }
    return 0;
}

/* The nationalities the index holds: the terms of the nationality field's
 * facet values (prefix + ISO code). */
typedef struct { const char *prefix; char (*codes)[3]; size_t n, cap; int oom; } code_list;

static int add_nationality(const char *t, uint32_t freq, void *arg)
{
    code_list *l = arg;
    size_t plen = strlen(l->prefix);
    if (freq == 0 || strlen(t) != plen + 2) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char (*codes)[3] = realloc(l->codes, cap * sizeof *codes);
        if (!codes) return l->oom = 1;
        l->codes = codes;
        l->cap = cap;
    }
    memcpy(l->codes[l->n++], t + plen, 3);
    return 0;
}

/* With min_eu_members, holding an EU nationality is one more trait: the
 * OR of the EU nationalities the index holds. */
static int add_eu_trait(rule_fetch *f, const code_list *l)
{
    if (f->t->rules.min_eu_members <= 0) return 0;
    rs_qlist eu = {0};
    for (size_t i = 0; i < l->n; i++)
        if (rs_country_is_eu(l->codes[i])) rs_qlist_add(&eu, field_query("nat", l->codes[i]));
    trait *tr = &f->traits[f->n_traits];
    tr->q = eu.n ? rs_qlist_combine(&eu, XC_OP_OR) : xc_query_match_nothing();
    int failed = eu.oom || !tr->q;
    rs_qlist_free(&eu);
    if (failed) return -1;
    tr->has = holds_eu;
    f->n_traits++;
    return 0;
}

static int fetch_nationalities(rule_fetch *f)
{
    const rs_field *nat = rs_field_find("nat", 3);
    code_list l = {.prefix = nat ? nat->facet_prefix : NULL};
    int rc = l.prefix && xc_db_each_term(f->db, l.prefix, add_nationality, &l) == XC_OK && !l.oom
                 ? 0 : -1;
    if (rc == 0) rc = add_eu_trait(f, &l);
    for (size_t i = 0; i < l.n && rc == 0; i++) rc = fetch_types(f, l.codes[i]);
    free(l.codes);
    return rc;
}

/* The queries of one fetch; 0 or -1 (out of memory, or the index). */
static int rule_fetch_init(rule_fetch *f, xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                           int32_t ref_day, rs_retrieval *out)
{
    memset(out, 0, sizeof *out);
    memset(f, 0, sizeof *f);
    f->db = db;
    f->t = t;
    f->ref = ref_day;
    f->out = out;
    f->ranking = ranking;
    /* ruled_out may let through members of the ToR's own team whom
     * something else occupies (but_own_team), never an admitted expert
     * less: a rare language's speakers are still all taken, and the
     * witnesses of a type are judged one by one (rs_admit_expert), so the
     * argument above holds. */
    rs_qlist busy = {0};
    add_ruled_out(db, t, ref_day, &busy);
    f->ruled_out = busy.n ? rs_qlist_combine(&busy, XC_OP_OR) : NULL;
    int failed = busy.oom || (busy.n && !f->ruled_out);
    rs_qlist_free(&busy);
    return failed ? -1 : 0;
}

/* Text relevances, then the queries go; on failure (rc) out is freed. */
static int rule_fetch_end(rule_fetch *f, double text_top, int rc)
{
    f->out->text_top = text_top;
    if (rc == 0 && f->out->n) rc = text_weights(f->db, xc_query_copy(f->ranking->text), f->out);
    for (size_t k = 0; k < f->n_traits; k++) xc_query_free(f->traits[k].q);
    xc_query_free(f->ruled_out);
    if (rc) rs_retrieval_free(f->out);
    return rc;
}

static int speakers_once(xc_db *db, const rs_ranking *ranking, const rs_tor *t, int32_t ref_day,
                         double text_top, rs_retrieval *out, rs_wide_languages *wide)
{
    rule_fetch f;
    unsigned char rare[RS_TOR_LANGUAGES_MAX] = {0};
    memset(wide, 0, sizeof *wide);
    wide->complete = 1;
    int rc = rule_fetch_init(&f, db, ranking, t, ref_day, out);
    if (rc == 0) rc = fetch_required(&f);
    if (rc == 0) rc = count_speakers(&f, wide, rare);
    if (rc == 0 && !wide->unmet) rc = fetch_speakers(&f, rare);
    return rule_fetch_end(&f, text_top, rc);
}

static int nationalities_once(xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                              int32_t ref_day, const rs_wide_languages *wide, double text_top,
                              rs_retrieval *out)
{
    rule_fetch f;
    int rc = rule_fetch_init(&f, db, ranking, t, ref_day, out);
    if (rc == 0) rc = add_language_traits(&f, wide);
    if (rc == 0) rc = fetch_nationalities(&f);
    return rule_fetch_end(&f, text_top, rc);
}

int rs_retrieve_speakers(xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                         int32_t ref_day, double text_top, rs_retrieval *out,
                         rs_wide_languages *wide, char *err, size_t errsz)
{
    for (int tries = 1;; tries++) {
        if (speakers_once(db, ranking, t, ref_day, text_top, out, wide) == 0) return 0;
        if (tries == RETRIEVE_TRIES || xc_db_reopen(db) != XC_OK)
            return fail(err, errsz, "index", xc_db_last_error(db));
    }
}

int rs_retrieve_nationalities(xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                              int32_t ref_day, const rs_wide_languages *wide, double text_top,
                              rs_retrieval *out, char *err, size_t errsz)
{
    for (int tries = 1;; tries++) {
        if (nationalities_once(db, ranking, t, ref_day, wide, text_top, out) == 0) return 0;
        if (tries == RETRIEVE_TRIES || xc_db_reopen(db) != XC_OK)
            return fail(err, errsz, "index", xc_db_last_error(db));
    }
}

int rs_ranking_init(rs_ranking *r, xc_db *db, rs_stemmers *stemmers, const rs_tor *t)
{
    r->text = text_query(db, stemmers, t);
    r->wanted = r->text ? ranking_query(t, r->text) : NULL;
    r->codes = ranking_query(t, NULL);
    if (r->wanted && r->codes && r->text) return 0;
    rs_ranking_free(r);
    return -1;
}

void rs_ranking_free(rs_ranking *r)
{
    xc_query_free(r->wanted);
    xc_query_free(r->codes);
    xc_query_free(r->text);
    memset(r, 0, sizeof *r);
}

void rs_retrieval_free(rs_retrieval *c)
{
    for (size_t i = 0; i < c->n; i++) rs_expert_free(&c->items[i].profile);
    free(c->items);
    memset(c, 0, sizeof *c);
}

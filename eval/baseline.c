/* Baseline rankings. See baseline.h. */
#include "eval/baseline.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/labels.h"
#include "core/text.h"

#define QUERY_WORDS 64     /* distinct words of a ToR put in the FTS5 query */
#define MIN_WORD 3         /* shorter words are mostly noise (articles, "ue") */
#define INFERRED_MAX RS_TOR_INFER_FIELDS_MAX /* as a match infers for a ToR without codes */

struct rs_fts {
    sqlite3 *db;
    sqlite3_stmt *query;
};

/* ---- a growing string ---- */

typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;

static void put(buf *b, const char *s, size_t len)
{
    if (b->oom || !s)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p, b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void puts_buf(buf *b, const char *s)
{
    if (s) {
        put(b, s, strlen(s));
        put(b, "\n", 1);
    }
}

/* ---- FTS5 ---- */

static int fts_fail(rs_fts *f, const char *what, char *err, size_t errsz)
{
    snprintf(err, errsz, "fts5: %s: %s", what, f->db ? sqlite3_errmsg(f->db) : "out of memory");
    return -1;
}

static int fts_load(rs_fts *f, const rs_expert *const *experts, size_t n, char *err,
                    size_t errsz)
{
    sqlite3_stmt *ins = NULL;
    if (sqlite3_exec(f->db,
                     "CREATE VIRTUAL TABLE cv USING fts5(body, tokenize='unicode61 "
                     "remove_diacritics 2'); BEGIN",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(f->db, "INSERT INTO cv(rowid, body) VALUES(?, ?)", -1, &ins, NULL) !=
            SQLITE_OK)
        return fts_fail(f, "create", err, errsz);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        buf b = {0};
        puts_buf(&b, experts[i]->summary);
        for (size_t j = 0; j < experts[i]->n_experience; j++) {
            puts_buf(&b, experts[i]->experience[j].role);
            puts_buf(&b, experts[i]->experience[j].text);
        }
        if (b.oom) {
            snprintf(err, errsz, "out of memory");
            rc = -1;
        } else {
            sqlite3_bind_int64(ins, 1, (sqlite3_int64)i + 1);
            sqlite3_bind_text(ins, 2, b.p ? b.p : "", -1, SQLITE_TRANSIENT);
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = fts_fail(f, "insert", err, errsz);
            sqlite3_reset(ins);
        }
        free(b.p);
    }
    sqlite3_finalize(ins);
    if (rc == 0 && sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = fts_fail(f, "commit", err, errsz);
    return rc;
}

rs_fts *rs_fts_new(const rs_expert *const *experts, size_t n, char *err, size_t errsz)
{
    rs_fts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    if (sqlite3_open(":memory:", &f->db) != SQLITE_OK) {
        fts_fail(f, "open", err, errsz);
        rs_fts_free(f);
        return NULL;
    }
    if (fts_load(f, experts, n, err, errsz) != 0 ||
        sqlite3_prepare_v2(f->db, "SELECT rowid FROM cv WHERE cv MATCH ? ORDER BY bm25(cv)", -1,
                           &f->query, NULL) != SQLITE_OK) {
        if (!f->query && !*err)
            fts_fail(f, "prepare", err, errsz);
        rs_fts_free(f);
        return NULL;
    }
    return f;
}

void rs_fts_free(rs_fts *f)
{
    if (!f)
        return;
    sqlite3_finalize(f->query);
    sqlite3_close(f->db);
    free(f);
}

typedef struct {
    buf q;
    char words[QUERY_WORDS][RS_WORD_MAX + 1];
    size_t n;
} fts_query;

/* Each distinct folded word, quoted, ORed: "pension" OR "invalidite". */
static int add_word(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    fts_query *q = arg;
    char w[RS_WORD_MAX + 1];
    if (len < MIN_WORD || len > RS_WORD_MAX || q->n == QUERY_WORDS)
        return 0;
    memcpy(w, word, len);
    w[len] = '\0';
    if (rs_stopword(w) || strchr(w, '"'))
        return 0;
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->words[i], w) == 0)
            return 0;
    memcpy(q->words[q->n++], w, len + 1);
    if (q->q.n)
        put(&q->q, " OR ", 4);
    put(&q->q, "\"", 1);
    put(&q->q, w, len);
    put(&q->q, "\"", 1);
    return 0;
}

long rs_fts_rank(rs_fts *f, const rs_tor *t, const unsigned char *ok, size_t *out, size_t max,
                 char *err, size_t errsz)
{
    fts_query q;
    memset(&q, 0, sizeof q);
    rs_text_words(t->title, strlen(t->title), add_word, &q);
    if (t->description)
        rs_text_words(t->description, strlen(t->description), add_word, &q);
    if (q.q.oom) {
        free(q.q.p);
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    if (!q.q.n)
        return 0; /* no word to look for */
    long got = 0;
    sqlite3_bind_text(f->query, 1, q.q.p, -1, SQLITE_TRANSIENT);
    int rc;
    while ((size_t)got < max && (rc = sqlite3_step(f->query)) == SQLITE_ROW) {
        size_t i = (size_t)sqlite3_column_int64(f->query, 0) - 1;
        if (ok[i])
            out[got++] = i;
    }
    if ((size_t)got < max && rc != SQLITE_DONE)
        got = fts_fail(f, "query", err, errsz);
    sqlite3_reset(f->query);
    free(q.q.p);
    return got;
}

/* ---- codes only ---- */

static int related(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na < nb)
        return strncmp(a, b, na) == 0 && b[na] == '.';
    return nb < na && strncmp(a, b, nb) == 0 && a[nb] == '.';
}

static double overlap(char *const *asked, size_t n_asked, char *const *held, size_t n_held)
{
    double sum = 0;
    for (size_t i = 0; i < n_asked; i++) {
        double best = 0;
        for (size_t j = 0; j < n_held; j++) {
            double v = strcmp(asked[i], held[j]) == 0 ? 1.0 : related(asked[i], held[j]) ? 0.5 : 0;
            best = v > best ? v : best;
        }
        sum += best;
    }
    return sum;
}

double rs_codes_score(char *const *fields, size_t n_fields, char *const *competences,
                      size_t n_competences, const rs_expert *e)
{
    return overlap(fields, n_fields, e->fields, e->n_fields) +
           0.5 * overlap(competences, n_competences, e->competences, e->n_competences);
}

uint64_t rs_shuffle_key(uint64_t seed, const char *action, size_t i)
{
    uint64_t h = 0xcbf29ce484222325u ^ seed;
    for (const char *s = action; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    h ^= (uint64_t)i * 0x9e3779b97f4a7c15u;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
    return h ^ (h >> 31);
}

typedef struct {
    size_t i;
    double score;
    uint64_t key;
} ranked;

static int by_score(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Sort the admitted experts by score (NULL: all 0), keep max; -1 when
 * out of memory. */
static long rank_by(const double *score, size_t n, const unsigned char *ok, uint64_t seed,
                    const char *action, size_t *out, size_t max)
{
    ranked *r = malloc((n + 1) * sizeof *r);
    size_t m = 0;
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (ok[i])
            r[m++] = (ranked){i, score ? score[i] : 0, rs_shuffle_key(seed, action, i)};
    qsort(r, m, sizeof *r, by_score);
    size_t kept = m < max ? m : max;
    for (size_t i = 0; i < kept; i++)
        out[i] = r[i].i;
    free(r);
    return (long)kept;
}

long rs_codes_rank(const rs_tor *t, const rs_expert *const *experts, size_t n,
                   const unsigned char *ok, uint64_t seed, size_t *out, size_t max)
{
    char *inferred[INFERRED_MAX];
    char *const *fields = t->fields;
    size_t n_fields = t->n_fields;
    if (n_fields == 0 && t->n_competences == 0) {
        const char *found[16];
        buf text = {0};
        puts_buf(&text, t->title);
        puts_buf(&text, t->description);
        size_t got = text.oom ? 0 : rs_labels_infer(text.p, text.n, found, NULL, 16);
        free(text.p);
        for (size_t i = 0; i < got && n_fields < INFERRED_MAX; i++)
            if (rs_code_depth(found[i]) > 1) /* a bare letter is too broad */
                inferred[n_fields++] = (char *)found[i];
        fields = inferred;
    }
    double *score = malloc((n + 1) * sizeof *score);
    if (!score)
        return -1;
    for (size_t i = 0; i < n; i++)
        score[i] = ok[i] ? rs_codes_score(fields, n_fields, t->competences, t->n_competences,
                                          experts[i])
                         : 0;
    long kept = rank_by(score, n, ok, seed, t->action, out, max);
    free(score);
    return kept;
}

long rs_random_rank(const rs_tor *t, size_t n, const unsigned char *ok, uint64_t seed,
                    size_t *out, size_t max)
{
    return rank_by(NULL, n, ok, seed, t->action, out, max);
}

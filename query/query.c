/* Parser of the search language. See query.h.
 *
 * Recursive descent over tokens, building xc_query values directly:
 *   or   := and ("OR" and)*
 *   and  := not (["AND"] not)*
 *   not  := ("NOT" | "-") not | atom      (-word: a minus sign directly before a term)
 *   atom := "(" or ")" | "phrase" | prefix:value | word
 */
#include "query/query.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model.h"
#include "core/schema.h"
#include "core/text.h"

/* A parsed piece of query. */
typedef struct {
    xc_query *q;
    const char *facet;   /* facet of every filter in it, else NULL */
    int boolean;         /* filters only: no relevance weight */
    int negated;         /* NOT x: q is x */
    const rs_field *field; /* prefix:value: its field, for merging repeats */
    int ands;            /* explicit ANDs before it in its AND list */
} part;

typedef struct {
    part *items;
    size_t n, cap;
} part_list;

struct rs_query {
    part *clauses;       /* ANDed at top level */
    size_t n_clauses;
    char **fields;       /* field: codes asked */
    size_t n_fields;
    char **warnings;     /* for the user, each once */
    size_t n_warnings;
};

typedef enum { T_END, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_PHRASE, T_WORD, T_PREFIX } tok_kind;

typedef struct {
    const char *src, *p;
    rs_stemmers *stemmers;
    rs_id_lookup lookup;
    void *lookup_ctx;
    tok_kind kind;
    tok_kind prev;       /* the token before this one (T_END at the start) */
    char *text;          /* T_WORD, T_PHRASE: the text; T_PREFIX: the value */
    const rs_field *field;
    int depth, terms;
    int negations;       /* NOTs around the current term: odd means excluded */
    char *err;
    size_t errsz;
    int failed;          /* 1: bad query; 2: the id lookup failed */
    rs_query *result;
} parser;

static void error(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void error(parser *ps, const char *fmt, ...)
{
    if (ps->failed) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err, ps->errsz, fmt, ap);
    va_end(ap);
    ps->failed = 1;
}

static void oom(parser *ps) { error(ps, "out of memory"); }

static void warning(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warning(parser *ps, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rs_query *r = ps->result;
    for (size_t i = 0; i < r->n_warnings; i++)
        if (strcmp(r->warnings[i], msg) == 0) return;
    char **w = realloc(r->warnings, (r->n_warnings + 1) * sizeof *w);
    if (!w) { oom(ps); return; }
    r->warnings = w;
    if (!(w[r->n_warnings] = strdup(msg))) { oom(ps); return; }
    r->n_warnings++;
}

static void part_free(part *p)
{
    xc_query_free(p->q);
    p->q = NULL;
}

/* The bytes of s to quote in a message: at most max, cut on a character. */
static int cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return (int)n;
    while (n > 0 && (n > max || ((unsigned char)s[n] & 0xC0) == 0x80)) n--;
    return (int)n;
}

/* ---- tokens ---- */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int ends_chunk(char c) { return !c || is_space(c) || c == '(' || c == ')' || c == '"'; }

static char *dup_range(parser *ps, const char *a, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) { oom(ps); return NULL; }
    memcpy(s, a, n);
    s[n] = 0;
    return s;
}

/* Read a quoted string at ps->p (which is at '"'); returns its content. */
static char *read_quoted(parser *ps)
{
    const char *start = ++ps->p, *end = strchr(start, '"');
    if (!end) {
        error(ps, "unterminated quote at column %d", (int)(start - ps->src));
        return NULL;
    }
    ps->p = end + 1;
    return dup_range(ps, start, (size_t)(end - start));
}

/* A chunk "name:..." with a letters-only name is a prefix, known or not. */
static int read_prefix(parser *ps, const char *chunk, size_t len)
{
    size_t k = 0;
    while (k < len && isalpha((unsigned char)chunk[k])) k++;
    if (k == 0 || k == len || chunk[k] != ':') return 0;
    const rs_field *f = rs_field_find(chunk, k);
    if (!f) {
        const rs_field *near = rs_field_nearest(chunk, k);
        if (near) error(ps, "unknown prefix '%.*s:' — did you mean '%s:'?", (int)k, chunk, near->name);
        else error(ps, "unknown prefix '%.*s:' (see roster search --help)", (int)k, chunk);
        return 1;
    }
    ps->kind = T_PREFIX;
    ps->field = f;
    if (k + 1 == len && *ps->p == '"') ps->text = read_quoted(ps);
    else if (k + 1 == len) error(ps, "'%s:' needs a value, e.g. %s", f->name, f->example);
    else ps->text = dup_range(ps, chunk + k + 1, len - k - 1);
    return 1;
}

/* A minus sign at the start of a chunk excludes what directly follows it,
 * as in web search, when that is a term: a letter, a digit, a quote or a
 * parenthesis. A dash alone ("pension - reform") or before punctuation
 * stays text, and a dash inside a word (socio-economic) is never seen
 * here. */
static int excludes(const char *after)
{
    unsigned char c = (unsigned char)*after;
    return isalnum(c) || c >= 0x80 || c == '"' || c == '(';
}

static void read_token(parser *ps)
{
    free(ps->text);
    ps->text = NULL;
    ps->field = NULL;
    while (is_space(*ps->p)) ps->p++;
    char c = *ps->p;
    if (ps->failed || !c) { ps->kind = T_END; return; }
    if (c == '(' || c == ')') {
        ps->kind = c == '(' ? T_LPAREN : T_RPAREN;
        ps->p++;
        return;
    }
    if (c == '"') {
        ps->kind = T_PHRASE;
        ps->text = read_quoted(ps);
        return;
    }
    if (c == '-' && excludes(ps->p + 1)) { /* -word, -nat:FR, -"a phrase", -(a OR b) */
        ps->kind = T_NOT;
        ps->p++;
        return;
    }
    const char *chunk = ps->p;
    while (!ends_chunk(*ps->p)) ps->p++;
    size_t len = (size_t)(ps->p - chunk);
    if (len == 3 && strncmp(chunk, "AND", 3) == 0) { ps->kind = T_AND; return; }
    if (len == 2 && strncmp(chunk, "OR", 2) == 0) { ps->kind = T_OR; return; }
    if (len == 3 && strncmp(chunk, "NOT", 3) == 0) { ps->kind = T_NOT; return; }
    if (read_prefix(ps, chunk, len)) return;
    ps->kind = T_WORD;
    ps->text = dup_range(ps, chunk, len);
}

/* Advance to the next token. After an error the rest is not read: the token
 * is T_END, so no caller sees a half-read token (a phrase without text). */
static void next(parser *ps)
{
    ps->prev = ps->kind;
    read_token(ps);
    if (ps->failed) ps->kind = T_END;
}

/* ---- building queries ---- */

static int count_term(parser *ps)
{
    if (++ps->terms > RS_QUERY_MAX_TERMS) {
        error(ps, "query has more than %d terms", RS_QUERY_MAX_TERMS);
        return -1;
    }
    return 0;
}

static xc_query *combine(parser *ps, xc_op op, xc_query **subs, size_t n)
{
    xc_query *q = xc_query_combine(op, subs, n);
    if (!q) oom(ps);
    return q;
}

static xc_query *word_query(parser *ps, const char *word, size_t len)
{
    xc_query *q = rs_word_query(ps->stemmers, word, len);
    if (!q) oom(ps);
    return q;
}

typedef struct { parser *ps; part_list words; } words_ctx;

static int collect_word(const char *w, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    words_ctx *c = arg;
    char *copy = dup_range(c->ps, w, len);
    if (!copy || count_term(c->ps)) { free(copy); return 1; }
    part_list *l = &c->words;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        part *p = realloc(l->items, cap * sizeof *p);
        if (!p) { free(copy); oom(c->ps); return 1; }
        l->items = p, l->cap = cap;
    }
    /* Stash the word text in the query slot until it is turned into a term. */
    l->items[l->n++] = (part){.q = (xc_query *)copy};
    return 0;
}

/* Words of a chunk or phrase: one word -> word query; several -> a phrase of
 * their exact forms (as "social-security" or "la sécurité sociale"). */
static part text_part(parser *ps, const char *text, int quoted)
{
    part out = {0};
    words_ctx c = {ps, {0}};
    if (rs_text_words(text, strlen(text), collect_word, &c) < 0 && !ps->failed)
        error(ps, "query is not valid UTF-8");
    size_t n = c.words.n;
    if (!ps->failed && n == 0 && quoted) {
        /* Nothing to match: an accident, not a wish for every expert. */
        if (text[strspn(text, " \t\r\n")] == 0)
            error(ps, "empty phrase \"%s\": a phrase needs words", text);
        else
            error(ps, "phrase \"%.*s\" has no words (only letters and digits are searched)",
                  cut(text, 40), text);
    }
    if (!ps->failed && n == 1 && !quoted) {
        char *w = (char *)c.words.items[0].q;
        out.q = word_query(ps, w, strlen(w));
    } else if (!ps->failed && n >= 1) {
        xc_query **terms = calloc(n, sizeof *terms);
        size_t made = 0;
        for (; terms && made < n; made++)
            if (!(terms[made] = xc_query_term((char *)c.words.items[made].q, 1))) break;
        if (terms && made == n)
            out.q = combine(ps, n == 1 ? XC_OP_AND : XC_OP_PHRASE, terms, n);
        else
            oom(ps);
        for (size_t i = 0; terms && i < made; i++) xc_query_free(terms[i]);
        free(terms);
    }
    for (size_t i = 0; i < n; i++) free(c.words.items[i].q);
    free(c.words.items);
    return out;
}

static void remember_field(parser *ps, const char *code)
{
    rs_query *r = ps->result;
    char **f = realloc(r->fields, (r->n_fields + 1) * sizeof *f);
    if (!f) { oom(ps); return; }
    r->fields = f;
    char *copy = strdup(code);
    if (!copy) { oom(ps); return; }
    for (char *c = copy; *c; c++) *c = (char)toupper((unsigned char)*c);
    r->fields[r->n_fields++] = copy;
}

/* id:VALUE as the roster spells it: the lookup finds the one id equal to
 * VALUE ignoring case. Returns the id to query (VALUE when no expert has it,
 * with a warning), or NULL after an error. */
static const char *roster_id(parser *ps, const char *value, char *buf, size_t bufsz)
{
    char msg[256];
    int rc = ps->lookup(value, buf, bufsz, msg, sizeof msg, ps->lookup_ctx);
    if (rc != 0) {
        error(ps, "id:%s: %s", value, msg);
        if (rc == -2) ps->failed = 2;
        return NULL;
    }
    if (*buf) return buf;
    warning(ps, "id:%s: no expert has this id", value);
    return value;
}

static part filter_part(parser *ps)
{
    part out = {0};
    char msg[256], id[RS_ID_MAX + 1];
    const rs_field *f = ps->field;
    if (count_term(ps)) return out;
    out.q = f->query(ps->text, msg, sizeof msg);
    if (!out.q) {
        error(ps, "%s:%s: %s", f->name, ps->text, msg);
        return out;
    }
    if (f->unknown && f->unknown(ps->text, msg, sizeof msg))
        warning(ps, "%s:%s: %s", f->name, ps->text, msg);
    if (strcmp(f->name, "id") == 0 && ps->lookup) {
        const char *as = roster_id(ps, ps->text, id, sizeof id);
        xc_query_free(out.q);
        out.q = as ? f->query(as, msg, sizeof msg) : NULL;
        if (as && !out.q) oom(ps);
    }
    /* Codes excluded (NOT field:U) are not what the user looks for in a hit. */
    if (strcmp(f->name, "field") == 0 && ps->negations % 2 == 0) remember_field(ps, ps->text);
    out.facet = ps->field->facet;
    out.boolean = 1;
    return out;
}

/* A part as a standalone query: NOT x becomes (everything AND_NOT x). */
static xc_query *positive(parser *ps, part *p)
{
    if (!p->negated) return xc_query_copy(p->q);
    xc_query *all = xc_query_match_all();
    xc_query *q = all ? combine(ps, XC_OP_AND_NOT, (xc_query *[]){all, p->q}, 2) : NULL;
    if (!all) oom(ps);
    xc_query_free(all);
    return q;
}

static const char *same_facet(const part *a, const part *b)
{
    return a->facet && b->facet && strcmp(a->facet, b->facet) == 0 ? a->facet : NULL;
}

static part parse_or(parser *ps);

static int ends_term(tok_kind k) { return k == T_WORD || k == T_PHRASE || k == T_PREFIX || k == T_RPAREN; }
static int starts_term(tok_kind k)
{
    return k == T_WORD || k == T_PHRASE || k == T_PREFIX || k == T_LPAREN || k == T_NOT;
}

/* The operator a word spells in the wrong case ("or" for OR), else NULL. */
static const char *operator_word(const char *w)
{
    static const char *const ops[] = {"AND", "OR", "NOT"};
    for (size_t i = 0; i < 3; i++)
        if (strcasecmp(w, ops[i]) == 0) return ops[i];
    return NULL;
}

/* A free word. "or", "and" or "not" written between terms (only before
 * one, for "not") is most likely a misspelt operator: it is still searched
 * as a word, as "or" in French text or "not" in English must be, but the
 * user is asked. */
static part word_part(parser *ps)
{
    const char *op = operator_word(ps->text);
    tok_kind before = ps->prev;
    char word[4];
    if (op) snprintf(word, sizeof word, "%s", ps->text);
    part out = text_part(ps, ps->text, 0);
    next(ps);
    if (op && !ps->failed && starts_term(ps->kind) && (op[0] == 'N' || ends_term(before)))
        warning(ps, "'%s' is searched as a word; did you mean %s? (operators are written "
                    "in capitals)", word, op);
    return out;
}

static part parse_atom(parser *ps)
{
    part out = {0};
    switch (ps->kind) {
    case T_LPAREN:
        if (++ps->depth > RS_QUERY_MAX_DEPTH) {
            error(ps, "query nests deeper than %d parentheses", RS_QUERY_MAX_DEPTH);
            return out;
        }
        next(ps);
        out = parse_or(ps);
        if (!ps->failed && ps->kind != T_RPAREN) error(ps, "missing ')'");
        ps->depth--;
        if (!ps->failed) next(ps);
        return out;
    case T_PHRASE:
        out = text_part(ps, ps->text, 1);
        next(ps);
        return out;
    case T_WORD:
        return word_part(ps);
    case T_PREFIX:
        out = filter_part(ps);
        next(ps);
        return out;
    case T_RPAREN: error(ps, "unexpected ')'"); return out;
    case T_END: error(ps, "query ends where a term was expected"); return out;
    default: error(ps, "operator where a term was expected"); return out;
    }
}

static part parse_not(parser *ps)
{
    if (ps->kind != T_NOT) return parse_atom(ps);
    if (++ps->depth > RS_QUERY_MAX_DEPTH) {
        error(ps, "query nests deeper than %d operators", RS_QUERY_MAX_DEPTH);
        return (part){0};
    }
    next(ps);
    ps->negations++;
    part inner = parse_not(ps);
    ps->negations--;
    ps->depth--;
    if (inner.negated) { /* NOT NOT x = x */
        inner.negated = 0;
        return inner;
    }
    inner.negated = 1;
    return inner;
}

static int list_add(parser *ps, part_list *l, part p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        part *items = realloc(l->items, cap * sizeof *items);
        if (!items) { oom(ps); part_free(&p); return -1; }
        l->items = items, l->cap = cap;
    }
    l->items[l->n++] = p;
    return 0;
}

static void list_free(part_list *l)
{
    for (size_t i = 0; i < l->n; i++) part_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* OR together the filters of one field written side by side (nat:ES nat:FR)
 * with no explicit AND between them: the later ones merge into the first. */
static void merge_same_prefix(parser *ps, part_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        part *a = &l->items[i];
        if (!a->field || a->negated) continue;
        for (size_t j = i + 1; j < l->n; j++) {
            part *b = &l->items[j];
            if (b->field != a->field || b->ands != a->ands || b->negated) continue;
            xc_query *q = combine(ps, XC_OP_OR, (xc_query *[]){a->q, b->q}, 2);
            if (!q) return;
            part_free(a);
            part_free(b);
            a->q = q;
            memmove(b, b + 1, (l->n - j - 1) * sizeof *l->items);
            l->n--;
            j--;
        }
    }
}

/* Combine ANDed parts into one query: weighted text ANDed, filters as a
 * boolean filter, negated parts subtracted. */
static xc_query *and_query(parser *ps, const part *items, size_t n, int *boolean)
{
    /* subs holds, in order: one slot for the base, the weighted parts, the
     * filters, the negated parts. */
    xc_query **subs = malloc((n + 1) * sizeof *subs);
    if (!subs) { oom(ps); return NULL; }
    xc_query **pos = subs + 1;
    size_t np = 0, nf = 0, nn = 0;
    for (size_t i = 0; i < n; i++)
        if (!items[i].negated && !items[i].boolean) pos[np++] = items[i].q;
    xc_query **filt = pos + np;
    for (size_t i = 0; i < n; i++)
        if (!items[i].negated && items[i].boolean) filt[nf++] = items[i].q;
    xc_query **neg = filt + nf;
    for (size_t i = 0; i < n; i++)
        if (items[i].negated) neg[nn++] = items[i].q;
    *boolean = np == 0;

    xc_query *base = NULL;
    if (np) {
        xc_query *text = combine(ps, XC_OP_AND, pos, np);
        subs[np] = text; /* just before the filters */
        base = text && nf ? combine(ps, XC_OP_FILTER, subs + np, nf + 1) : text;
        if (base != text) xc_query_free(text);
    } else if (nf) {
        xc_query *all = combine(ps, XC_OP_AND, filt, nf);
        base = all ? xc_query_scale(all, 0) : NULL; /* filters add no weight */
        if (all && !base) oom(ps);
        xc_query_free(all);
    } else if (!(base = xc_query_match_all())) {
        oom(ps);
    }
    xc_query *q = base;
    if (nn && base) {
        neg[-1] = base; /* just before the negated parts */
        q = combine(ps, XC_OP_AND_NOT, neg - 1, nn + 1);
        xc_query_free(base);
    }
    free(subs);
    return q;
}

/* and := not (["AND"] not)*; at top level the items become the clauses. */
static part parse_and(parser *ps, part_list *top)
{
    part_list l = {0};
    int ands = 0;
    for (;;) {
        const rs_field *f = ps->kind == T_PREFIX ? ps->field : NULL;
        part p = parse_not(ps);
        if (ps->failed) { part_free(&p); break; }
        p.field = f;
        p.ands = ands;
        if (p.q && list_add(ps, &l, p)) break; /* no q: punctuation only, nothing to match */
        if (ps->kind == T_AND) { ands++; next(ps); continue; }
        if (ps->kind == T_END || ps->kind == T_OR || ps->kind == T_RPAREN) break;
    }
    part out = {0};
    if (ps->failed) { list_free(&l); return out; }
    merge_same_prefix(ps, &l);
    if (top) { *top = l; return out; }
    if (l.n == 0) return out; /* "(,)": nothing to match, no query */
    if (l.n == 1) { out = l.items[0]; free(l.items); return out; }
    out.q = and_query(ps, l.items, l.n, &out.boolean);
    out.facet = l.items[0].facet;
    for (size_t i = 1; i < l.n; i++)
        if (!same_facet(&l.items[0], &l.items[i]) || l.items[i].negated) out.facet = NULL;
    if (l.items[0].negated) out.facet = NULL;
    list_free(&l);
    return out;
}

static part parse_or_list(parser *ps, part first)
{
    part acc = first;
    while (!ps->failed && ps->kind == T_OR) {
        next(ps);
        part b = parse_and(ps, NULL);
        if (ps->failed) { part_free(&b); break; }
        if (!b.q) continue;               /* "a OR ," is a */
        if (!acc.q) { acc = b; continue; } /* ", OR a" too */
        xc_query *qa = positive(ps, &acc), *qb = positive(ps, &b);
        xc_query *q = qa && qb ? combine(ps, XC_OP_OR, (xc_query *[]){qa, qb}, 2) : NULL;
        xc_query_free(qa);
        xc_query_free(qb);
        part merged = {.q = q, .facet = same_facet(&acc, &b), .boolean = acc.boolean && b.boolean};
        if (acc.negated || b.negated) merged.facet = NULL;
        part_free(&acc);
        part_free(&b);
        acc = merged;
        if (!q) break;
    }
    return acc;
}

static part parse_or(parser *ps)
{
    return parse_or_list(ps, parse_and(ps, NULL));
}

/* Top level: an AND list keeps its items as clauses; an OR is one clause. */
static void parse_top(parser *ps)
{
    part_list l = {0};
    parse_and(ps, &l);
    if (!ps->failed && ps->kind == T_OR) {
        int boolean = 1;
        part first = {.q = l.n ? and_query(ps, l.items, l.n, &boolean) : NULL};
        first.boolean = boolean;
        if (l.n == 1) first.facet = l.items[0].negated ? NULL : l.items[0].facet;
        list_free(&l);
        part all = parse_or_list(ps, first);
        if (!ps->failed && all.q) list_add(ps, &l, all);
        else part_free(&all);
    }
    /* An AND list ends only at the end, OR or ')', and the OR list took every OR. */
    if (!ps->failed && ps->kind == T_RPAREN) error(ps, "unexpected ')'");
    if (ps->failed) { list_free(&l); return; }
    ps->result->clauses = l.items;
    ps->result->n_clauses = l.n;
}

int rs_query_parse_ids(const char *text, rs_stemmers *stemmers, rs_id_lookup lookup,
                       void *lookup_ctx, rs_query **out, char *err, size_t errsz)
{
    *out = NULL;
    size_t len = strlen(text);
    if (len > RS_QUERY_MAX_BYTES) {
        snprintf(err, errsz, "query longer than %d bytes", RS_QUERY_MAX_BYTES);
        return -1;
    }
    if (!rs_utf8_valid(text, len)) {
        snprintf(err, errsz, "query is not valid UTF-8");
        return -1;
    }
    rs_query *q = calloc(1, sizeof *q);
    if (!q) { snprintf(err, errsz, "out of memory"); return -1; }
    parser ps = {.src = text, .p = text, .stemmers = stemmers, .lookup = lookup,
                 .lookup_ctx = lookup_ctx, .err = err, .errsz = errsz, .result = q};
    next(&ps);
    if (ps.kind != T_END) { /* an empty query matches everyone */
        parse_top(&ps);
        if (!ps.failed && q->n_clauses == 0)
            error(&ps, "nothing to search for in '%.*s' (only letters and digits are searched; "
                       "an empty query lists every expert)", cut(text, 40), text);
    }
    free(ps.text);
    if (ps.failed) {
        rs_query_free(q);
        return ps.failed == 2 ? -2 : -1;
    }
    *out = q;
    return 0;
}

int rs_query_parse(const char *text, rs_stemmers *stemmers, rs_query **out, char *err,
                   size_t errsz)
{
    return rs_query_parse_ids(text, stemmers, NULL, NULL, out, err, errsz);
}

void rs_query_free(rs_query *q)
{
    if (!q) return;
    for (size_t i = 0; i < q->n_clauses; i++) part_free(&q->clauses[i]);
    free(q->clauses);
    for (size_t i = 0; i < q->n_fields; i++) free(q->fields[i]);
    free(q->fields);
    for (size_t i = 0; i < q->n_warnings; i++) free(q->warnings[i]);
    free(q->warnings);
    free(q);
}

static int lifted(const part *p, const char *facet)
{
    return facet && p->facet && !p->negated && strcmp(p->facet, facet) == 0;
}

xc_query *rs_query_build(const rs_query *q, const char *lift_facet)
{
    part *kept = malloc((q->n_clauses + 1) * sizeof *kept);
    if (!kept) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < q->n_clauses; i++)
        if (!lifted(&q->clauses[i], lift_facet)) kept[n++] = q->clauses[i];
    char err[64];
    parser ps = {.err = err, .errsz = sizeof err};
    int boolean;
    xc_query *result = and_query(&ps, kept, n, &boolean);
    free(kept);
    return result;
}

int rs_query_filters_facet(const rs_query *q, const char *facet)
{
    for (size_t i = 0; i < q->n_clauses; i++)
        if (lifted(&q->clauses[i], facet)) return 1;
    return 0;
}

size_t rs_query_n_fields(const rs_query *q) { return q->n_fields; }
const char *rs_query_field_at(const rs_query *q, size_t i) { return q->fields[i]; }

size_t rs_query_n_warnings(const rs_query *q) { return q->n_warnings; }
const char *rs_query_warning_at(const rs_query *q, size_t i) { return q->warnings[i]; }

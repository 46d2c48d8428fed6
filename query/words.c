/* Free text as queries. See query.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/schema.h"
#include "core/text.h"
#include "query/query.h"

#define MAX_STEMS 8

xc_query *rs_word_query(rs_stemmers *stemmers, const char *word, size_t len)
{
    char term[RS_TERM_MAX], seen[MAX_STEMS][RS_TERM_MAX];
    xc_query *stems[MAX_STEMS];
    size_t n = 0;
    int oom = 0;
    snprintf(term, sizeof term, "%.*s", (int)len, word);
    for (size_t i = 0; rs_index_languages[i] && n < MAX_STEMS && !oom; i++) {
        xc_stem *st = rs_stemmers_get(stemmers, rs_index_languages[i]);
        const char *s = st ? xc_stem_word(st, term, strlen(term)) : NULL;
        if (!s || !*s) continue;
        snprintf(seen[n], sizeof seen[n], "%s%s", RS_PREFIX_STEM, s);
        size_t j = 0;
        while (j < n && strcmp(seen[j], seen[n]) != 0) j++;
        if (j < n) continue; /* the same stem in another language */
        if (!(stems[n] = xc_query_term(seen[n], 1))) oom = 1;
        else n++;
    }
    xc_query *result = NULL, *exact = oom ? NULL : xc_query_term(term, 1);
    xc_query *syn = exact ? xc_query_combine(XC_OP_SYNONYM, stems, n) : NULL;
    if (syn) result = xc_query_combine(XC_OP_OR, (xc_query *[]){exact, syn}, 2);
    xc_query_free(exact);
    xc_query_free(syn);
    for (size_t i = 0; i < n; i++) xc_query_free(stems[i]);
    return result;
}

typedef struct {
    rs_stemmers *stemmers;
    int (*skip)(const char *word, void *ctx);
    void *skip_ctx;
    size_t max;
    char **words;
    xc_query **queries;
    size_t n;
    int oom;
} text_ctx;

static int add_word(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    text_ctx *t = arg;
    if (t->n >= t->max) return 1;
    char buf[RS_WORD_MAX + 1];
    snprintf(buf, sizeof buf, "%.*s", (int)len, word);
    if (t->skip && t->skip(buf, t->skip_ctx)) return 0;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->words[i], buf) == 0) return 0;
    if (!(t->words[t->n] = strdup(buf))) return t->oom = 1;
    if (!(t->queries[t->n] = rs_word_query(t->stemmers, buf, len))) {
        free(t->words[t->n]);
        return t->oom = 1;
    }
    t->n++;
    return 0;
}

xc_query *rs_text_query(rs_stemmers *stemmers, const char *text, size_t max_words,
                        int (*skip)(const char *word, void *ctx), void *ctx)
{
    text_ctx t = {stemmers, skip, ctx, max_words, calloc(max_words + 1, sizeof(char *)),
                  calloc(max_words + 1, sizeof(xc_query *)), 0, 0};
    xc_query *result = NULL;
    if (t.words && t.queries && rs_text_words(text, strlen(text), add_word, &t) >= 0 && !t.oom)
        result = xc_query_combine(XC_OP_OR, t.queries, t.n);
    for (size_t i = 0; i < t.n; i++) {
        free(t.words[i]);
        xc_query_free(t.queries[i]);
    }
    free(t.words);
    free(t.queries);
    return result;
}

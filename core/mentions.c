/*
 * Countries mentioned in running text (core/mentions.h). The words of the
 * text are cut once, each with its key (rs_country_key), then looked up in
 * two sorted tables built once from the reference TSVs: whole names and
 * cities, tried longest first at every word, and demonym stems, tried on
 * the start of a word.
 */
#include "core/mentions.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/codes.h"
#include "core/data.h"
#include "core/text.h"
#include "core/tsv.h"

/* A stem shorter than this would start too many ordinary words. */
#define STEM_MIN 5
/* Longest run of words one lookup joins; longer keys are never read. */
#define JOINED_MAX 256

typedef struct {
    char *key;
    const char *code;      /* NULL when the key stands for several countries */
    const char *countries; /* then: "CG;CD" */
    rs_mention_kind kind;
    int capitals;          /* written in capitals in the table: "UAE" */
} entry;

typedef struct {
    entry *e;
    size_t n, cap;
    size_t max_words; /* words in the longest key */
} table;

static struct {
    rs_tsv demonyms, demonyms_ambiguous, places, regions;
    table whole;  /* names and cities */
    table stems;  /* demonyms */
} m;

static pthread_once_t mentions_once = PTHREAD_ONCE_INIT;

static size_t count_words(const char *key)
{
    size_t n = 1;
    for (const char *p = key; *p; p++)
        n += *p == ' ';
    return n;
}

static int all_capitals(const char *s, size_t len)
{
    int letters = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
        letters += s[i] >= 'A' && s[i] <= 'Z';
    }
    return letters > 0;
}

static void add(table *t, const rs_tsv *src, size_t row, const char *name, size_t len,
                const char *code, const char *countries, rs_mention_kind kind)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->e = realloc(t->e, t->cap * sizeof *t->e);
        if (!t->e)
            rs_tsv_fail(src, row, "out of memory");
    }
    char *key = rs_country_key(name, len);
    if (!key || !*key)
        rs_tsv_fail(src, row, "bad name '%.*s'", (int)len, name);
    if (kind == RS_MENTION_DEMONYM && strlen(key) < STEM_MIN)
        rs_tsv_fail(src, row, "stem '%s' is shorter than %d letters", key, STEM_MIN);
    t->e[t->n++] = (entry){key, code, countries, kind, all_capitals(name, len)};
    size_t words = count_words(key);
    if (words > t->max_words)
        t->max_words = words;
}

/* Each ';'-separated name of a cell. */
static void add_cell(table *t, const rs_tsv *src, size_t row, size_t col, const char *code,
                     const char *countries, rs_mention_kind kind)
{
    for (const char *c = rs_tsv_cell(src, row, col); *c;) {
        size_t len = strcspn(c, ";");
        if (len)
            add(t, src, row, c, len, code, countries, kind);
        c += len + (c[len] == ';');
    }
}

/* Every column from `first` of every row; column 0 is the country, or with
 * `several` the countries the words may stand for. */
static void check_countries(const rs_tsv *src, size_t row, const char *list, int several)
{
    size_t n = 0;
    for (const char *c = list; *c; n++) {
        size_t len = strcspn(c, ";");
        char code[3] = {c[0], len == 2 ? c[1] : '\0', '\0'};
        if (len != 2 || !rs_country_valid(code))
            rs_tsv_fail(src, row, "'%s' is not a list of country codes", list);
        c += len + (c[len] == ';');
    }
    if (several ? n < 2 : n != 1)
        rs_tsv_fail(src, row, "'%s': %s", list, several ? "needs two countries or more"
                                                       : "one country code expected");
}

static void add_table(table *t, const rs_tsv *src, size_t first, int several,
                      rs_mention_kind kind)
{
    for (size_t r = 0; r < src->n_rows; r++) {
        const char *c0 = rs_tsv_cell(src, r, several ? 1 : 0);
        check_countries(src, r, c0, several);
        for (size_t col = first; col < src->n_cols; col++)
            if (!several || col == 0)
                add_cell(t, src, r, col, several ? NULL : c0, several ? c0 : NULL, kind);
    }
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

/* The countries of e, "PK" or "IN;PK", added to the sorted list codes
 * of n codes (at most 8, more than any name is shared by). */
static size_t add_codes(char codes[8][3], size_t n, const entry *e)
{
    const char *c = e->code ? e->code : e->countries;
    for (; *c && n < 8; c += 2 + (c[2] == ';')) {
        size_t at = 0;
        while (at < n && memcmp(codes[at], c, 2) < 0)
            at++;
        if (at < n && memcmp(codes[at], c, 2) == 0)
            continue;
        memmove(codes[at + 1], codes[at], (n - at) * sizeof codes[0]);
        memcpy(codes[at], c, 2);
        codes[at][2] = '\0';
        n++;
    }
    return n;
}

/* A place or region named for two countries ("Punjab", in India and in
 * Pakistan) stands for both, as an ambiguous word does: prev becomes it.
 * Any other key given for two countries is an error of the tables. */
static void merge(entry *prev, const entry *e, const rs_tsv *src)
{
    const char *a = prev->code ? prev->code : prev->countries;
    const char *b = e->code ? e->code : e->countries;
    if (strcmp(a, b) == 0)
        return; /* the same country twice (a city named as it) */
    if (prev->kind != RS_MENTION_PLACE || e->kind != RS_MENTION_PLACE)
        rs_tsv_fail(src, 0, "'%s' stands for %s and for %s", e->key, a, b);
    char codes[8][3], *list = malloc(8 * 3);
    size_t n = add_codes(codes, add_codes(codes, 0, prev), e);
    if (!list)
        rs_tsv_fail(src, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        memcpy(list + 3 * i, codes[i], 2);
        list[3 * i + 2] = i + 1 < n ? ';' : '\0';
    }
    if (!prev->code)
        free((char *)prev->countries); /* an earlier merge's: places have no other lists */
    prev->code = NULL; /* the list lives as long as the table */
    prev->countries = list;
}

/* Sorted, each key once. */
static void seal(table *t, const rs_tsv *src)
{
    qsort(t->e, t->n, sizeof *t->e, entry_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (kept && strcmp(t->e[kept - 1].key, t->e[i].key) == 0) {
            merge(&t->e[kept - 1], &t->e[i], src);
            free(t->e[i].key);
            continue;
        }
        t->e[kept++] = t->e[i];
    }
    t->n = kept;
}

/* A country's name (core/codes.h, which checked its tables), into the
 * table of whole names; the places' table answers for its failures. */
static void add_name(const char *name, size_t len, const char *code, const char *countries,
                     void *ctx)
{
    add(ctx, &m.places, 0, name, len, code, countries, RS_MENTION_NAME);
}

static void load(void)
{
    rs_tsv_load(&m.places, "places", rs_data_places, "iso2\tplaces");
    rs_tsv_load(&m.regions, "regions", rs_data_regions, "iso2\tregions");
    rs_tsv_load(&m.demonyms, "demonyms", rs_data_demonyms, "iso2\ten\tfr\tes\tpt");
    rs_tsv_load(&m.demonyms_ambiguous, "demonyms_ambiguous", rs_data_demonyms_ambiguous,
                "stem\tcountries");
    rs_country_each_name(add_name, &m.whole);
    add_table(&m.whole, &m.places, 1, 0, RS_MENTION_PLACE);
    add_table(&m.whole, &m.regions, 1, 0, RS_MENTION_PLACE);
    seal(&m.whole, &m.places);
    add_table(&m.stems, &m.demonyms, 1, 0, RS_MENTION_DEMONYM);
    add_table(&m.stems, &m.demonyms_ambiguous, 0, 1, RS_MENTION_DEMONYM);
    seal(&m.stems, &m.demonyms);
}

static const entry *find(const table *t, const char *key)
{
    entry probe = {.key = (char *)key};
    return bsearch(&probe, t->e, t->n, sizeof *t->e, entry_cmp);
}

/* ---- the words of a text ---- */

typedef struct {
    size_t begin, end;
    char *key;
    int capital;  /* starts with a capital letter */
    int capitals; /* has no lower-case letter */
} word;

typedef struct {
    word *w;
    size_t n, cap;
    int oom;
} words;

static int is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* Characters that join their neighbours into one word when between two
 * word characters: apostrophes ("d'Ivoire") and dots ("U.S.A"). */
static int is_joiner(utf8proc_int32_t c)
{
    return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == '.';
}

static utf8proc_ssize_t next_char(const char *s, size_t len, size_t i, utf8proc_int32_t *c)
{
    return utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), c);
}

static void push_word(words *ws, const char *s, size_t begin, size_t end, int capital,
                      int capitals)
{
    if (ws->oom)
        return;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? 2 * ws->cap : 256;
        word *w = realloc(ws->w, cap * sizeof *w);
        if (!w) {
            ws->oom = 1;
            return;
        }
        ws->w = w, ws->cap = cap;
    }
    char *key = rs_country_key(s + begin, end - begin);
    if (!key) {
        ws->oom = 1;
        return;
    }
    ws->w[ws->n++] = (word){begin, end, key, capital, capitals};
}

/* The end of the word starting at i, and its case. */
static size_t word_end(const char *s, size_t len, size_t i, int *capital, int *capitals)
{
    utf8proc_int32_t c;
    utf8proc_category_t first = 0;
    *capitals = 1;
    while (i < len) {
        utf8proc_ssize_t step = next_char(s, len, i, &c);
        if (is_joiner(c)) {
            utf8proc_int32_t after;
            if (i + (size_t)step >= len || next_char(s, len, i + (size_t)step, &after) <= 0 ||
                !is_word_char(after))
                break;
        } else if (!is_word_char(c)) {
            break;
        } else {
            utf8proc_category_t cat = utf8proc_category(c);
            if (!first)
                first = cat;
            if (cat == UTF8PROC_CATEGORY_LL)
                *capitals = 0;
        }
        i += (size_t)step;
    }
    *capital = first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_LT;
    return i;
}

static int cut_words(const char *s, size_t len, words *ws)
{
    size_t i = 0;
    while (i < len && !ws->oom) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = next_char(s, len, i, &c);
        if (!is_word_char(c)) {
            i += (size_t)step;
            continue;
        }
        int capital, capitals;
        size_t end = word_end(s, len, i, &capital, &capitals);
        push_word(ws, s, i, end, capital, capitals);
        i = end;
    }
    return ws->oom ? -1 : 0;
}

static void free_words(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i].key);
    free(ws->w);
}

/* ---- lookups ---- */

/* The keys of words [i, i + k) joined by spaces into buf; 0 when too long. */
static size_t join(const words *ws, size_t i, size_t k, char buf[JOINED_MAX])
{
    size_t n = 0;
    for (size_t j = i; j < i + k; j++) {
        size_t l = strlen(ws->w[j].key);
        if (n + l + 2 > JOINED_MAX)
            return 0;
        if (j > i)
            buf[n++] = ' ';
        memcpy(buf + n, ws->w[j].key, l);
        n += l;
    }
    buf[n] = '\0';
    return n;
}

static int written_as_name(const words *ws, size_t i, size_t k, const entry *e)
{
    if (!ws->w[i].capital)
        return 0;
    for (size_t j = i; e->capitals && j < i + k; j++)
        if (!ws->w[j].capitals)
            return 0;
    return 1;
}

/* The longest name or city starting at word i: how many words, 0 if none. */
static size_t whole_at(const words *ws, size_t i, const entry **out)
{
    char buf[JOINED_MAX];
    size_t most = m.whole.max_words < ws->n - i ? m.whole.max_words : ws->n - i;
    for (size_t k = most; k >= 1; k--) {
        const entry *e = join(ws, i, k, buf) ? find(&m.whole, buf) : NULL;
        if (e && written_as_name(ws, i, k, e)) {
            *out = e;
            return k;
        }
    }
    return 0;
}

/* The longest demonym stem starting at word i and ending in its last word. */
static size_t stem_at(const words *ws, size_t i, const entry **out)
{
    char buf[JOINED_MAX];
    size_t most = m.stems.max_words < ws->n - i ? m.stems.max_words : ws->n - i;
    for (size_t k = most; k >= 1; k--) {
        size_t n = join(ws, i, k, buf);
        size_t last = strlen(ws->w[i + k - 1].key);
        for (size_t l = n; n && l > n - last && l >= STEM_MIN; l--) {
            buf[l] = '\0';
            const entry *e = find(&m.stems, buf);
            if (e) {
                *out = e;
                return k;
            }
        }
    }
    return 0;
}

static rs_mention mention_of(const entry *e, const words *ws, size_t i, size_t k)
{
    rs_mention mt = {.kind = e->kind, .countries = e->countries,
                     .begin = ws->w[i].begin, .end = ws->w[i + k - 1].end};
    if (e->code)
        memcpy(mt.code, e->code, 3);
    return mt;
}

int rs_country_mentions(const char *s, size_t len,
                        int (*fn)(const rs_mention *m, void *ctx), void *ctx)
{
    if (!rs_utf8_valid(s, len))
        return -1;
    pthread_once(&mentions_once, load);
    words ws = {0};
    int rc = cut_words(s, len, &ws);
    for (size_t i = 0; rc == 0 && i < ws.n;) {
        const entry *e = NULL;
        size_t k = whole_at(&ws, i, &e);
        if (!k)
            k = stem_at(&ws, i, &e);
        if (!k) {
            i++;
            continue;
        }
        rs_mention mt = mention_of(e, &ws, i, k);
        if (fn(&mt, ctx))
            break;
        i += k;
    }
    free_words(&ws);
    return rc;
}

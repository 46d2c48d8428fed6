/*
 * Reference codes. The country and language tables are compiled in
 * (core/data.h) and indexed once: codes by a 26x26 table, country names and
 * aliases (English, French, Spanish, Portuguese) and the names known to be
 * ambiguous by a sorted array of normalised keys. The names are indexed
 * apart, when a name is first looked up: folding their 1,400 keys takes
 * 0.8 ms, which a search, that shows codes and their names only, would pay
 * at every start (docs/measurements.md, "Start-up").
 */
#include "core/codes.h"

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/data.h"
#include "core/text.h"
#include "core/tsv.h"

enum { COUNTRY_CODE, COUNTRY_NAME, COUNTRY_ALIASES };
enum { NAMES_CODE, NAMES_FR, NAMES_ES, NAMES_PT, NAMES_COLUMNS };
enum { AMBIGUOUS_NAME, AMBIGUOUS_COUNTRIES };
enum { LANGUAGE_CODE, LANGUAGE_NAME, LANGUAGE_FR, LANGUAGE_ES, LANGUAGE_PT };

typedef struct {
    char *key;             /* normalised name or alias */
    const char *code;      /* its country code, in the table; NULL when ambiguous */
    const char *countries; /* when ambiguous: the codes it may stand for, "KR;KP" */
} name_key;

/* The codes EU documents use where ISO 3166-1 has another: the EU writes EL
 * for Greece and UK for the United Kingdom. Accepted as input, never stored. */
static const struct {
    char eu[3], iso[3];
} eu_codes[] = {{"EL", "GR"}, {"UK", "GB"}};

static struct {
    rs_tsv countries, names, ambiguous, languages;
    uint16_t country_row[26 * 26];  /* row + 1; 0 for none */
    uint16_t language_row[26 * 26];
    name_key *keys;                 /* sorted by key */
    size_t n_keys;
} codes;

static pthread_once_t codes_once = PTHREAD_ONCE_INIT, names_once = PTHREAD_ONCE_INIT;

/* Slot of a two-letter code in 'A'..'Z' (base 'A') or 'a'..'z' (base 'a'). */
static int code_slot(const char *code, char base)
{
    if (!code || code[0] < base || code[0] > base + 25 || code[1] < base ||
        code[1] > base + 25 || code[2] != '\0')
        return -1;
    return (code[0] - base) * 26 + (code[1] - base);
}

/* ---- country name keys ---- */

static int is_key_char(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO; /* L*, M*, N* */
}

/* Close the word that starts at key[begin]; "st" stands for "saint". */
static size_t end_key_word(char *key, size_t begin, size_t k)
{
    if (k - begin == 2 && memcmp(key + begin, "st", 2) == 0) {
        memcpy(key + begin, "saint", 5);
        return begin + 5;
    }
    return k;
}

/* core/codes.h says what the key is. */
char *rs_country_key(const char *s, size_t len)
{
    char *folded = rs_text_fold(s, len);
    if (!folded)
        return NULL;
    size_t n = strlen(folded);
    char *key = malloc(4 * n + 1); /* "&" -> " and", "st" -> " saint" */
    if (!key) {
        free(folded);
        return NULL;
    }
    size_t i = 0, k = 0, begin = 0;
    int in_word = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)folded + i,
                                                 (utf8proc_ssize_t)(n - i), &c);
        if (step <= 0)
            break; /* cannot happen: utf8proc wrote valid UTF-8 */
        if (c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == '.') {
            /* dropped: joins its neighbours */
        } else if (is_key_char(c)) {
            if (!in_word) {
                if (k)
                    key[k++] = ' ';
                begin = k;
                in_word = 1;
            }
            memcpy(key + k, folded + i, (size_t)step);
            k += (size_t)step;
        } else {
            if (in_word)
                k = end_key_word(key, begin, k);
            in_word = 0;
            if (c == '&') {
                if (k)
                    key[k++] = ' ';
                memcpy(key + k, "and", 3);
                k += 3;
            }
        }
        i += (size_t)step;
    }
    if (in_word)
        k = end_key_word(key, begin, k);
    key[k] = '\0';
    free(folded);
    return key;
}

static int name_key_cmp(const void *a, const void *b)
{
    return strcmp(((const name_key *)a)->key, ((const name_key *)b)->key);
}

/* Add the key of one name of row `row` of table t: a country's code, or the
 * codes an ambiguous name may stand for. */
static void add_key(const rs_tsv *t, size_t row, const char *name, size_t len,
                    const char *code, const char *countries)
{
    char *key = rs_country_key(name, len);
    if (!key)
        rs_tsv_fail(t, row, "bad UTF-8 or out of memory in '%.*s'", (int)len, name);
    if (!*key)
        rs_tsv_fail(t, row, "empty name or alias");
    codes.keys[codes.n_keys].key = key;
    codes.keys[codes.n_keys].code = code;
    codes.keys[codes.n_keys].countries = countries;
    codes.n_keys++;
}

/* Add each ';'-separated name of a cell; an empty cell adds none. */
static void add_keys(const rs_tsv *t, size_t row, const char *cell, const char *code)
{
    while (*cell) {
        size_t len = strcspn(cell, ";");
        add_key(t, row, cell, len, code, NULL);
        cell += len + (cell[len] == ';');
    }
}

/* Names a table can add: one per cell plus one per ';'. */
static size_t count_names(const rs_tsv *t)
{
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++)
            for (const char *s = rs_tsv_cell(t, r, c); ; s++) {
                n += *s == ';' || *s == '\0';
                if (!*s)
                    break;
            }
    return n;
}

/* The names of every country in the other three languages: each row of
 * country_names.tsv is a country of countries.tsv, and every country has a
 * name in each language. */
static void add_translated_names(void)
{
    const rs_tsv *t = &codes.names;
    size_t seen = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *code = rs_tsv_cell(t, r, NAMES_CODE);
        int slot = code_slot(code, 'A');
        if (slot < 0 || !codes.country_row[slot])
            rs_tsv_fail(t, r, "'%s' is not a country of countries.tsv", code);
        /* The code as stored in countries.tsv, which outlives this row's use. */
        code = rs_tsv_cell(&codes.countries, codes.country_row[slot] - 1u, COUNTRY_CODE);
        for (size_t c = NAMES_FR; c < NAMES_COLUMNS; c++) {
            if (!*rs_tsv_cell(t, r, c))
                rs_tsv_fail(t, r, "%s has no name in column %zu", code, c + 1);
            add_keys(t, r, rs_tsv_cell(t, r, c), code);
        }
        seen++;
    }
    if (seen != codes.countries.n_rows)
        rs_tsv_fail(t, 0, "%zu countries named, countries.tsv has %zu", seen,
                    codes.countries.n_rows);
}

/* Names that stand for more than one country ("Korea"): refused, with the
 * countries they may mean. */
static void add_ambiguous_names(void)
{
    const rs_tsv *t = &codes.ambiguous;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *name = rs_tsv_cell(t, r, AMBIGUOUS_NAME);
        const char *countries = rs_tsv_cell(t, r, AMBIGUOUS_COUNTRIES);
        size_t n = 0;
        for (const char *c = countries; *c; n++) {
            size_t len = strcspn(c, ";");
            int slot = len == 2 ? code_slot((char[3]){c[0], c[1], '\0'}, 'A') : -1;
            if (slot < 0 || !codes.country_row[slot])
                rs_tsv_fail(t, r, "'%s' is not a list of country codes", countries);
            c += len + (c[len] == ';');
        }
        if (n < 2)
            rs_tsv_fail(t, r, "an ambiguous name needs two countries or more");
        add_key(t, r, name, strlen(name), NULL, countries);
    }
}

/* Each name and ';'-separated alias of every row, in every language, sorted;
 * one key naming two countries would make resolution ambiguous, so the
 * tables are refused unless that key is listed as ambiguous and nowhere
 * else. */
static void index_country_names(void)
{
    const rs_tsv *t = &codes.countries;
    size_t max = count_names(t) + count_names(&codes.names) + count_names(&codes.ambiguous);
    codes.keys = calloc(max, sizeof *codes.keys);
    if (!codes.keys)
        rs_tsv_fail(t, 0, "out of memory");
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *code = rs_tsv_cell(t, r, COUNTRY_CODE);
        const char *name = rs_tsv_cell(t, r, COUNTRY_NAME);
        add_key(t, r, name, strlen(name), code, NULL);
        add_keys(t, r, rs_tsv_cell(t, r, COUNTRY_ALIASES), code);
    }
    add_translated_names();
    add_ambiguous_names();
    qsort(codes.keys, codes.n_keys, sizeof *codes.keys, name_key_cmp);
    for (size_t i = 1; i < codes.n_keys; i++) {
        const name_key *a = &codes.keys[i - 1], *b = &codes.keys[i];
        if (strcmp(a->key, b->key) != 0)
            continue;
        if (!a->code || !b->code)
            rs_tsv_fail(&codes.ambiguous, 0, "'%s' is listed as ambiguous and as a name",
                        a->key);
        if (strcmp(a->code, b->code) != 0)
            rs_tsv_fail(t, 0, "'%s' names both %s and %s", a->key, a->code, b->code);
    }
}

/* Index a table of two-letter codes (base 'A' or 'a') with non-empty names. */
static void index_codes(const rs_tsv *t, uint16_t *slots, char base, size_t name_col)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        int slot = code_slot(rs_tsv_cell(t, r, 0), base);
        if (slot < 0)
            rs_tsv_fail(t, r, "code '%s' is not two %s letters", rs_tsv_cell(t, r, 0),
                        base == 'A' ? "upper-case" : "lower-case");
        if (slots[slot])
            rs_tsv_fail(t, r, "code '%s' appears twice", rs_tsv_cell(t, r, 0));
        if (!*rs_tsv_cell(t, r, name_col))
            rs_tsv_fail(t, r, "empty name");
        slots[slot] = (uint16_t)(r + 1);
    }
}

static void codes_load(void)
{
    rs_tsv_load(&codes.countries, "countries", rs_data_countries, "iso2\tname\taliases");
    rs_tsv_load(&codes.names, "country_names", rs_data_country_names, "iso2\tfr\tes\tpt");
    rs_tsv_load(&codes.ambiguous, "country_ambiguous", rs_data_country_ambiguous,
                "name\tcountries");
    rs_tsv_load(&codes.languages, "languages", rs_data_languages, "code\tname\tfr\tes\tpt");
    index_codes(&codes.countries, codes.country_row, 'A', COUNTRY_NAME);
    index_codes(&codes.languages, codes.language_row, 'a', LANGUAGE_NAME);
}

static void codes_init(void)
{
    pthread_once(&codes_once, codes_load);
}

static void names_load(void)
{
    codes_init();
    index_country_names();
}

/* The tables, and the name keys too. */
static void names_init(void)
{
    pthread_once(&names_once, names_load);
}

/* ---- countries ---- */

int rs_country_valid(const char *code)
{
    return rs_country_name(code) != NULL;
}

const char *rs_country_name(const char *code)
{
    int slot = code_slot(code, 'A');
    if (slot < 0)
        return NULL;
    codes_init();
    uint16_t row = codes.country_row[slot];
    return row ? rs_tsv_cell(&codes.countries, row - 1u, COUNTRY_NAME) : NULL;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int rs_country_code(const char *code, char out[3])
{
    if (rs_country_valid(code)) {
        memcpy(out, code, 3);
        return 0;
    }
    for (size_t i = 0; code && i < sizeof eu_codes / sizeof eu_codes[0]; i++) {
        if (strcmp(code, eu_codes[i].eu) == 0) {
            memcpy(out, eu_codes[i].iso, 3);
            return 0;
        }
    }
    return -1;
}

/* s without its leading and trailing white space: its start, and its length
 * in *len. */
static const char *trimmed(const char *s, size_t *len)
{
    *len = strlen(s);
    while (*len && is_space(*s))
        s++, (*len)--;
    while (*len && is_space(s[*len - 1]))
        (*len)--;
    return s;
}

/* The name key that `s` (trimmed) folds to, or NULL. */
static const name_key *find_name(const char *s)
{
    size_t len;
    s = trimmed(s, &len);
    names_init();
    name_key probe = {rs_country_key(s, len), NULL, NULL};
    if (!probe.key)
        return NULL;
    const name_key *hit = *probe.key
        ? bsearch(&probe, codes.keys, codes.n_keys, sizeof *codes.keys, name_key_cmp)
        : NULL;
    free(probe.key);
    return hit;
}

/* Each ';'-separated name of a cell, to fn. */
static void each_in_cell(const char *cell, const char *code, const char *countries,
                         void (*fn)(const char *, size_t, const char *, const char *, void *),
                         void *ctx)
{
    while (*cell) {
        size_t len = strcspn(cell, ";");
        if (len)
            fn(cell, len, code, countries, ctx);
        cell += len + (cell[len] == ';');
    }
}

void rs_country_each_name(void (*fn)(const char *name, size_t len, const char *code,
                                     const char *countries, void *ctx),
                          void *ctx)
{
    codes_init();
    const rs_tsv *c = &codes.countries, *n = &codes.names, *a = &codes.ambiguous;
    for (size_t r = 0; r < c->n_rows; r++)
        for (size_t col = COUNTRY_NAME; col <= COUNTRY_ALIASES; col++)
            each_in_cell(rs_tsv_cell(c, r, col), rs_tsv_cell(c, r, COUNTRY_CODE), NULL, fn, ctx);
    for (size_t r = 0; r < n->n_rows; r++)
        for (size_t col = NAMES_FR; col < NAMES_COLUMNS; col++)
            each_in_cell(rs_tsv_cell(n, r, col), rs_tsv_cell(n, r, NAMES_CODE), NULL, fn, ctx);
    for (size_t r = 0; r < a->n_rows; r++)
        fn(rs_tsv_cell(a, r, AMBIGUOUS_NAME), strlen(rs_tsv_cell(a, r, AMBIGUOUS_NAME)), NULL,
           rs_tsv_cell(a, r, AMBIGUOUS_COUNTRIES), ctx);
}

int rs_country_resolve(const char *code_or_name, char out[3])
{
    if (!code_or_name)
        return -1;
    size_t len;
    const char *s = trimmed(code_or_name, &len);
    if (len == 2 && is_ascii_letter(s[0]) && is_ascii_letter(s[1])) {
        char code[3] = {(char)(s[0] & ~0x20), (char)(s[1] & ~0x20), '\0'};
        if (rs_country_code(code, out) == 0)
            return 0;
    }
    const name_key *hit = find_name(code_or_name);
    if (!hit || !hit->code)
        return -1;
    memcpy(out, hit->code, 3);
    return 0;
}

int rs_country_ambiguous(const char *name, char *buf, size_t bufsz)
{
    const name_key *hit = name ? find_name(name) : NULL;
    if (!hit || hit->code)
        return 0;
    size_t k = 0;
    if (bufsz)
        buf[0] = '\0';
    for (const char *c = hit->countries; *c && k < bufsz; c += 2 + (c[2] == ';')) {
        char code[3] = {c[0], c[1], '\0'};
        int n = snprintf(buf + k, bufsz - k, "%s%s (%s)", k ? " or " : "", code,
                         rs_country_name(code));
        k += n > 0 ? (size_t)n : 0;
    }
    return 1;
}

/* How far a misspelling may be from a name: one edit for short words, more
 * for long names ("Phillipines", "Azerbajan"). */
static int suggest_limit(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

const char *rs_country_suggest(const char *s)
{
    if (!s)
        return NULL;
    names_init();
    char *key = rs_country_key(s, strlen(s));
    if (!key)
        return NULL;
    const name_key *best = NULL;
    int best_d = suggest_limit(strlen(key)) + 1;
    if (*key) {
        for (size_t i = 0; i < codes.n_keys; i++) {
            int d = rs_edit_distance(key, codes.keys[i].key);
            if (d < best_d) {
                best_d = d;
                best = &codes.keys[i];
            }
        }
    }
    free(key);
    /* Nearest to an ambiguous name ("Korea"): no one country to suggest. */
    return best ? best->code : NULL;
}

const char *rs_country_name_in(const char *code, const char *lang)
{
    static const char *const langs[] = {"fr", "es", "pt"};
    if (lang && strcmp(lang, "en") == 0) return rs_country_name(code);
    int slot = code_slot(code, 'A');
    if (slot < 0 || !lang) return NULL;
    codes_init();
    if (!codes.country_row[slot]) return NULL;
    /* country_names.tsv names every country: find its row by code. */
    for (size_t c = 0; c < sizeof langs / sizeof langs[0]; c++) {
        if (strcmp(lang, langs[c]) != 0) continue;
        for (size_t r = 0; r < codes.names.n_rows; r++)
            if (strcmp(rs_tsv_cell(&codes.names, r, NAMES_CODE), code) == 0)
                return rs_tsv_cell(&codes.names, r, NAMES_FR + c);
    }
    return NULL;
}

size_t rs_n_countries(void)
{
    codes_init();
    return codes.countries.n_rows;
}

const char *rs_country_at(size_t i)
{
    codes_init();
    return i < codes.countries.n_rows ? rs_tsv_cell(&codes.countries, i, COUNTRY_CODE) : NULL;
}

/* ---- languages ---- */

int rs_language_valid(const char *code)
{
    return rs_language_name(code) != NULL;
}

int rs_language_list_valid(const char *list)
{
    const char *p = list;
    do {
        char code[3] = {0};
        size_t len = strcspn(p, ",");
        if (len == 2)
            memcpy(code, p, 2);
        if (!rs_language_valid(code))
            return 0;
        p += len;
    } while (*p++ == ',');
    return 1;
}

const char *rs_language_name(const char *code)
{
    int slot = code_slot(code, 'a');
    if (slot < 0)
        return NULL;
    codes_init();
    uint16_t row = codes.language_row[slot];
    return row ? rs_tsv_cell(&codes.languages, row - 1u, LANGUAGE_NAME) : NULL;
}

const char *rs_language_name_in(const char *code, const char *lang)
{
    static const char *const langs[] = {"en", "fr", "es", "pt"};
    int slot = code_slot(code, 'a');
    if (slot < 0 || !lang) return NULL;
    codes_init();
    uint16_t row = codes.language_row[slot];
    for (size_t c = 0; row && c < sizeof langs / sizeof langs[0]; c++)
        if (strcmp(lang, langs[c]) == 0)
            return rs_tsv_cell(&codes.languages, row - 1u, LANGUAGE_NAME + c);
    return NULL;
}

size_t rs_n_languages(void)
{
    codes_init();
    return codes.languages.n_rows;
}

const char *rs_language_at(size_t i)
{
    codes_init();
    return i < codes.languages.n_rows ? rs_tsv_cell(&codes.languages, i, LANGUAGE_CODE) : NULL;
}

/* Does a cell of names ("Kikuyu, Gikuyu": alternatives separated by ',' or
 * ';') hold one whose key is `key`? */
static int cell_has_name(const char *cell, const char *key)
{
    while (*cell) {
        size_t len = strcspn(cell, ",;");
        char *k = rs_country_key(cell, len);
        int hit = k && strcmp(k, key) == 0;
        free(k);
        if (hit)
            return 1;
        cell += len + (cell[len] != '\0');
    }
    return 0;
}

int rs_language_resolve(const char *code_or_name, char out[3])
{
    if (!code_or_name)
        return -1;
    size_t len;
    const char *s = trimmed(code_or_name, &len);
    if (len == 2 && is_ascii_letter(s[0]) && is_ascii_letter(s[1])) {
        char code[3] = {(char)(s[0] | 0x20), (char)(s[1] | 0x20), '\0'};
        if (rs_language_valid(code)) {
            memcpy(out, code, 3);
            return 0;
        }
    }
    /* Names are compared as country names are: folded, punctuation aside. */
    char *key = rs_country_key(s, len);
    if (!key)
        return -1;
    codes_init();
    int found = -1;
    for (size_t row = 0; found < 0 && *key && row < codes.languages.n_rows; row++) {
        for (size_t col = LANGUAGE_NAME; found < 0 && col <= LANGUAGE_PT; col++) {
            if (cell_has_name(rs_tsv_cell(&codes.languages, row, col), key)) {
                memcpy(out, rs_tsv_cell(&codes.languages, row, LANGUAGE_CODE), 3);
                found = 0;
            }
        }
    }
    free(key);
    return found;
}

/* The distance from key to the nearest of a cell's names (INT_MAX when none). */
static int cell_distance(const char *cell, const char *key)
{
    int best = INT_MAX;
    while (*cell) {
        size_t len = strcspn(cell, ",;");
        char *k = rs_country_key(cell, len);
        int d = k && *k ? rs_edit_distance(key, k) : INT_MAX;
        free(k);
        if (d < best) best = d;
        cell += len + (cell[len] != '\0');
    }
    return best;
}

const char *rs_language_suggest(const char *s)
{
    char *key = s ? rs_country_key(s, strlen(s)) : NULL;
    if (!key) return NULL;
    codes_init();
    const char *best = NULL;
    int best_d = suggest_limit(strlen(key)) + 1;
    for (size_t row = 0; *key && row < codes.languages.n_rows; row++)
        for (size_t col = LANGUAGE_NAME; col <= LANGUAGE_PT; col++) {
            int d = cell_distance(rs_tsv_cell(&codes.languages, row, col), key);
            if (d < best_d) {
                best_d = d;
                best = rs_tsv_cell(&codes.languages, row, LANGUAGE_CODE);
            }
        }
    free(key);
    return best;
}

/* ---- field and competence codes ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int rs_field_code_valid(const char *code)
{
    if (!code || code[0] < 'A' || code[0] > 'Z')
        return 0;
    const char *p = code + 1;
    for (int level = 2; level <= 3 && *p; level++) {
        if (p[0] != '.' || !is_digit(p[1]) || !is_digit(p[2]))
            return 0;
        p += 3;
    }
    return *p == '\0';
}

int rs_competence_code_valid(const char *code)
{
    if (!code)
        return 0;
    if (strcmp(code, "X") == 0)
        return 1;
    if (code[0] < '1' || code[0] > '9')
        return 0;
    if (code[1] == '\0')
        return 1;
    /* "N.M": M from 1, one or two digits */
    if (code[1] != '.' || code[2] < '1' || code[2] > '9')
        return 0;
    return code[3] == '\0' || (is_digit(code[3]) && code[4] == '\0');
}

int rs_code_depth(const char *code)
{
    if (!code || !*code)
        return 0;
    int depth = 1;
    for (; *code; code++)
        depth += *code == '.';
    return depth;
}

int rs_code_prefix(const char *code, int depth, char *out, size_t outsz)
{
    if (depth < 1 || depth > rs_code_depth(code))
        return -1;
    size_t len = 0;
    for (int dots = 0; code[len]; len++)
        if (code[len] == '.' && ++dots == depth)
            break;
    if (len + 1 > outsz)
        return -1;
    memcpy(out, code, len);
    out[len] = '\0';
    return 0;
}

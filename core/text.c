/*
 * Text normalisation with utf8proc. Index and query run the same code, so a
 * word is folded and cut the same way on both sides.
 */
#include "core/text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int rs_utf8_valid(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] >= 0x01 && p[i] < 0x80) { /* ASCII, the common case */
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0 || c == 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

static char *text_map(const char *s, size_t len, utf8proc_option_t options)
{
    if (!s || !rs_utf8_valid(s, len))
        return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &out, options);
    if (n < 0)
        return NULL;
    return (char *)out;
}

char *rs_text_nfc(const char *s, size_t len)
{
    return text_map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* utf8proc's NFKC_Casefold plus STRIPMARK. IGNORE drops default-ignorable
 * code points (soft hyphen, zero-width joiner) that PDF-extracted CVs carry
 * inside words. */
char *rs_text_fold(const char *s, size_t len)
{
    return text_map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
}

/* ---- words ---- */

enum char_kind { CHAR_WORD, CHAR_APOSTROPHE, CHAR_DOT, CHAR_OTHER };

static enum char_kind char_kind(utf8proc_int32_t c)
{
    switch (c) {
    case '\'': case 0x2018: case 0x2019: case 0x02BC: /* U+02BC is a letter to Unicode */
        return CHAR_APOSTROPHE;
    case '.':
        return CHAR_DOT;
    }
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return CHAR_WORD;
    default:
        return CHAR_OTHER;
    }
}

static int is_letter(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO && c != 0x02BC;
}

static int is_ascii_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Articles and particles that French and Italian elide before a vowel
 * ("l'emploi", "qu'il", "dell'occupazione", "un'altra"): dropped, so the
 * word after them is found as itself. Folded spellings. */
static const char *const elisions[] = {
    "all", "anch", "bell", "c", "coll", "com", "d", "dall", "dell", "dov", "j",
    "jusqu", "l", "lorsqu", "m", "n", "nell", "pell", "presqu", "puisqu", "qu",
    "quell", "quelqu", "quest", "quoiqu", "s", "sant", "sull", "t", "tutt", "un", "v",
};

static int is_elision(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof elisions / sizeof *elisions; i++)
        if (strlen(elisions[i]) == n && memcmp(elisions[i], w, n) == 0)
            return 1;
    return 0;
}

/* Is the word so far the start of a code that a dot continues: digits and
 * dots ("2", "2.1", "10.5") or one letter then dot-digit groups ("e",
 * "e.10")? The dot joins only when a digit follows it. */
static int is_code_prefix(const char *w, size_t n)
{
    size_t i = 0;
    if (n > 0 && w[0] >= 'a' && w[0] <= 'z') {
        if (n > 1 && w[1] != '.')
            return 0;
        i = 1;
    }
    for (; i < n; i++)
        if (!is_ascii_digit(w[i]) && w[i] != '.')
            return 0;
    return n > 0;
}

typedef struct {
    int (*fn)(const char *word, size_t wlen, unsigned pos, void *ctx);
    void *ctx;
    unsigned pos;
    int stopped;
} word_sink;

/* Hand one word to the callback, NUL-terminated. Over-long words take a
 * position but are not passed on. */
static void emit_word(word_sink *sink, const char *w, size_t n)
{
    unsigned pos = sink->pos++;
    if (n > RS_WORD_MAX)
        return;
    char buf[RS_WORD_MAX + 1];
    memcpy(buf, w, n);
    buf[n] = '\0';
    if (sink->fn(buf, n, pos, sink->ctx) != 0)
        sink->stopped = 1;
}

/* The code point at s[i] (valid UTF-8), or 0 at the end. */
static utf8proc_int32_t peek(const char *s, size_t i, size_t n)
{
    utf8proc_int32_t c = 0;
    if (i < n)
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
    return c;
}

long rs_text_words(const char *s, size_t len,
                   int (*fn)(const char *word, size_t wlen, unsigned pos, void *ctx),
                   void *ctx)
{
    char *text = rs_text_fold(s, len);
    if (!text)
        return -1;
    size_t n = strlen(text);
    word_sink sink = {fn, ctx, 0, 0};
    size_t i = 0, start = 0;
    int in_word = 0;
    while (i < n && !sink.stopped) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                                 (utf8proc_ssize_t)(n - i), &c);
        if (step <= 0) { /* cannot happen: utf8proc wrote valid UTF-8 */
            free(text);
            return -1;
        }
        enum char_kind kind = char_kind(c);
        size_t next = i + (size_t)step;
        if (kind == CHAR_WORD) {
            if (!in_word)
                start = i;
            in_word = 1;
        } else if (in_word) {
            utf8proc_int32_t after = peek(text, next, n);
            if (kind == CHAR_DOT && is_ascii_digit(after) &&
                is_code_prefix(text + start, i - start)) {
                /* "e.10.01", "2.1": the dot stays inside the word */
            } else if (kind == CHAR_APOSTROPHE && is_letter(after) &&
                       is_elision(text + start, i - start)) {
                in_word = 0; /* the elided article is not a word */
            } else {
                emit_word(&sink, text + start, i - start);
                in_word = 0;
            }
        }
        i = next;
    }
    if (in_word && !sink.stopped)
        emit_word(&sink, text + start, n - start);
    free(text);
    return (long)sink.pos;
}

size_t rs_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Optimal string alignment: Levenshtein plus the swap of two neighbours
 * ("langauges"), the commonest typing slip, counted as one edit. Three rows
 * of the table are kept: a swap looks two rows back. */
int rs_edit_distance(const char *a, const char *b)
{
    a = a ? a : "";
    b = b ? b : "";
    size_t la = strlen(a), lb = strlen(b);
    if (la > INT_MAX || lb > INT_MAX)
        return INT_MAX;
    int small[3][65];
    int *back = small[0], *prev = small[1], *cur = small[2], *heap = NULL;
    if (lb + 1 > 65) {
        heap = malloc(3 * (lb + 1) * sizeof *heap);
        if (!heap) /* the longer length bounds the distance: a safe answer */
            return (int)(la > lb ? la : lb);
        back = heap;
        prev = heap + lb + 1;
        cur = heap + 2 * (lb + 1);
    }
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            int d = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                back[j - 2] + 1 < d)
                d = back[j - 2] + 1;
            cur[j] = d;
        }
        int *t = back;
        back = prev;
        prev = cur;
        cur = t;
    }
    int d = prev[lb];
    free(heap);
    return d;
}

/* A key reduced to what a typist means: lower case, without '_', '-' and
 * spaces ("Team Size", "teamSize", "team-size" all become "teamsize").
 * 0, or -1 when the key does not fit in `size` bytes. */
static int key_canonical(const char *key, char *out, size_t size)
{
    size_t n = 0;
    for (; *key; key++) {
        unsigned char c = (unsigned char)*key;
        if (c == '_' || c == '-' || c == ' ')
            continue;
        if (n + 1 >= size)
            return -1;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[n] = '\0';
    return 0;
}

/* Edits allowed for a known key of n canonical characters: two edits
 * would turn a short key into unrelated words ("name" into "age"). */
static int key_edits_allowed(size_t n)
{
    return n <= 5 ? 1 : 2;
}

const char *rs_key_misspelt(const char *key, const char *const *known, size_t n_known)
{
    char k[RS_KEY_MAX + 1], c[RS_KEY_MAX + 1];
    if (key_canonical(key, k, sizeof k) != 0)
        return NULL;
    for (size_t i = 0; i < n_known; i++)
        if (strcmp(key, known[i]) == 0)
            return NULL; /* known as written */
    const char *best = NULL;
    int best_d = INT_MAX;
    for (size_t i = 0; i < n_known; i++) {
        if (key_canonical(known[i], c, sizeof c) != 0)
            continue;
        int d = rs_edit_distance(k, c);
        if (d <= key_edits_allowed(strlen(c)) && d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    return best;
}

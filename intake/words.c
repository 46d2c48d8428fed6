/* The words of a document's text (intake/words.h). */
#include "intake/words.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text.h"

static int is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

static utf8proc_ssize_t char_at(const char *s, size_t len, size_t i, utf8proc_int32_t *c)
{
    return utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), c);
}

/* "26" is 26; "1er", "8th", "2nd", "1º" are ordinals of a day; else -1. */
static long number_of(const char *folded)
{
    static const char *const suffixes[] = {"", "er", "st", "nd", "rd", "th", "o", "a", "e",
                                           NULL};
    size_t digits = strspn(folded, "0123456789");
    if (digits == 0 || digits > 6)
        return -1;
    for (const char *const *s = suffixes; *s; s++)
        if (strcmp(folded + digits, *s) == 0)
            return strtol(folded, NULL, 10);
    return -1;
}

static int push(rs_words *ws, size_t *cap, size_t begin, size_t end, int capital)
{
    if (ws->n == *cap) {
        size_t c = *cap ? 2 * *cap : 256;
        rs_word *w = realloc(ws->w, c * sizeof *w);
        if (!w)
            return -1;
        ws->w = w, *cap = c;
    }
    char *folded = rs_text_fold(ws->text + begin, end - begin);
    if (!folded)
        return -1;
    /* "1º": the ordinal sign folds to "o" */
    ws->w[ws->n++] = (rs_word){begin, end, folded, capital, number_of(folded)};
    return 0;
}

int rs_words_cut(const char *s, size_t len, rs_words *out)
{
    *out = (rs_words){.text = s};
    if (!rs_utf8_valid(s, len))
        return -1;
    size_t cap = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = char_at(s, len, i, &c);
        if (!is_word_char(c)) {
            i += (size_t)step;
            continue;
        }
        utf8proc_category_t first = utf8proc_category(c);
        size_t begin = i;
        while (i < len && (step = char_at(s, len, i, &c)) > 0 && is_word_char(c))
            i += (size_t)step;
        if (push(out, &cap, begin, i,
                 first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_LT) < 0)
            return -1;
    }
    return 0;
}

void rs_words_free(rs_words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i].folded);
    free(ws->w);
    ws->w = NULL;
    ws->n = 0;
}

int rs_word_in(const rs_words *ws, size_t i, const char *const *list)
{
    if (i >= ws->n)
        return 0;
    for (; *list; list++)
        if (strcmp(ws->w[i].folded, *list) == 0)
            return 1;
    return 0;
}

int rs_gap_has(const rs_words *ws, size_t i, const char *chars)
{
    size_t from = i ? ws->w[i - 1].end : 0, to = i < ws->n ? ws->w[i].begin : from;
    for (size_t k = from; k < to; k++)
        if (strchr(chars, ws->text[k]))
            return 1;
    return 0;
}

/*
 * Markdown's words without its markup: headings' '#', emphasis '*' and '_',
 * code's backticks, links' targets ("[text](url)" is "text"), tables' pipes
 * and separator rows, list bullets and numbers, quotes' '>', rules and code
 * fences are dropped, so a request written in Markdown reads as the same
 * request written in a word processor. A paragraph's lines join into one, as
 * Markdown shows them; headings, list items and table rows keep their own.
 */
#include <ctype.h>
#include <string.h>

#include "intake/tidy.h"

typedef struct {
    const char *s;
    size_t n;
} span;

static int word_byte(const span *l, size_t i)
{
    if (i >= l->n)
        return 0;
    unsigned char c = (unsigned char)l->s[i];
    return isalnum(c) || c >= 0x80;
}

/* The index of the first `c` in l from i, or l->n. */
static size_t find(const span *l, size_t i, char c)
{
    while (i < l->n && l->s[i] != c)
        i++;
    return i;
}

static void inline_text(const span *l, rs_tidy *t);

/* "[text](url)" or "[text][ref]" at l->s[i] == '[': the text, and the index
 * past the link; i itself when it is no link. */
static size_t link(const span *l, size_t i, rs_tidy *t)
{
    size_t close = find(l, i + 1, ']');
    if (close + 1 >= l->n)
        return i;
    char next = l->s[close + 1];
    size_t end = next == '(' ? find(l, close + 2, ')') : next == '[' ? find(l, close + 2, ']') : l->n;
    if (end >= l->n)
        return i;
    span inner = {l->s + i + 1, close - i - 1};
    inline_text(&inner, t);
    return end + 1;
}

/* An emphasis or strike-through run ('*', '_', '~') at a word's edge, where
 * it is markup; inside a word ("snake_case") it is a character. */
static int is_emphasis(const span *l, size_t i, size_t run)
{
    return !word_byte(l, i - 1) || !word_byte(l, i + run) || l->s[i] == '*';
}

/* The special character at l->s[i]: handled (words put in t), returns the
 * index past it; i when it is an ordinary character. */
static size_t markup(const span *l, size_t i, rs_tidy *t)
{
    char c = l->s[i];
    if (c == '\\' && i + 1 < l->n && ispunct((unsigned char)l->s[i + 1])) {
        rs_tidy_add(t, l->s + i + 1, 1);
        return i + 2;
    }
    if (c == '`')
        return i + 1;
    if (c == '|') {
        rs_tidy_space(t);
        return i + 1;
    }
    if (c == '!' && i + 1 < l->n && l->s[i + 1] == '[') {
        size_t past = link(l, i + 1, t);
        return past == i + 1 ? i : past;
    }
    if (c == '[')
        return link(l, i, t);
    if (c == '*' || c == '_' || c == '~') {
        size_t run = 1;
        while (i + run < l->n && l->s[i + run] == c)
            run++;
        if ((c != '~' || run >= 2) && is_emphasis(l, i, run))
            return i + run;
    }
    return i;
}

static void inline_text(const span *l, rs_tidy *t)
{
    size_t start = 0, i = 0;
    while (i < l->n) {
        if (!strchr("\\`|![*_~", l->s[i])) {
            i++;
            continue;
        }
        rs_tidy_add(t, l->s + start, i - start); /* the words before the markup */
        size_t past = markup(l, i, t);
        start = past;
        i = past == i ? i + 1 : past;
    }
    rs_tidy_add(t, l->s + start, l->n - start);
}

static size_t skip_spaces(const span *l, size_t i)
{
    while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

/* Whether the line is made only of characters of `set` and spaces, with at
 * least `min` of `need` (a rule "---", a table's "|---|:--:|"). */
static int only(const span *l, const char *set, char need, size_t min)
{
    size_t seen = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->s[i] == need)
            seen++;
        else if (!strchr(set, l->s[i]) && l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    }
    return seen >= min;
}

/* The length of a list item's marker at l->s[i] ("- ", "* ", "+ ", "12. ",
 * "3) ", with a task's "[ ] " after it), 0 when none. */
static size_t bullet(const span *l, size_t i)
{
    size_t j = i;
    if (j < l->n && strchr("-*+", l->s[j]))
        j++;
    else {
        while (j < l->n && j - i < 9 && isdigit((unsigned char)l->s[j]))
            j++;
        if (j == i || j >= l->n || (l->s[j] != '.' && l->s[j] != ')'))
            return 0;
        j++;
    }
    if (j < l->n && l->s[j] != ' ' && l->s[j] != '\t')
        return 0;
    j = skip_spaces(l, j);
    if (j + 3 <= l->n && l->s[j] == '[' && strchr(" xX", l->s[j + 1]) && l->s[j + 2] == ']')
        j = skip_spaces(l, j + 3);
    return j - i;
}

/* A heading "## Title ##": its title between paragraph breaks. */
static int heading(const span *l, size_t i, rs_tidy *t)
{
    size_t j = i;
    while (j < l->n && l->s[j] == '#' && j - i < 7)
        j++;
    if (j - i > 6 || (j < l->n && l->s[j] != ' ' && l->s[j] != '\t'))
        return 0;
    span title = {l->s + j, l->n - j};
    while (title.n && (title.s[title.n - 1] == '#' || title.s[title.n - 1] == ' '))
        title.n--;
    rs_tidy_paragraph(t);
    inline_text(&title, t);
    rs_tidy_paragraph(t);
    return 1;
}

/* One line of a paragraph, a list or a table, or a block's mark. */
static void line(span l, rs_tidy *t)
{
    size_t i = skip_spaces(&l, 0);
    while (i < l.n && l.s[i] == '>') /* quotes */
        i = skip_spaces(&l, i + 1);
    l = (span){l.s + i, l.n - i};
    if (l.n == 0 || only(&l, "", '-', 3) || only(&l, "", '*', 3) || only(&l, "", '_', 3) ||
        only(&l, "", '=', 1)) {
        rs_tidy_paragraph(t); /* a blank line, a rule, a heading's underline */
        return;
    }
    if (only(&l, "|:", '-', 1) && memchr(l.s, '|', l.n))
        return; /* a table's separator row */
    size_t close = find(&l, 0, ']');
    if (l.s[0] == '[' && close + 1 < l.n && l.s[close + 1] == ':')
        return; /* a link's reference: "[id]: url" */
    if (l.s[0] == '#' && heading(&l, 0, t))
        return;
    size_t b = bullet(&l, 0);
    int row = memchr(l.s, '|', l.n) != NULL;
    if (b || row)
        rs_tidy_line(t);
    l = (span){l.s + b, l.n - b};
    inline_text(&l, t);
    if (row)
        rs_tidy_line(t);
    else
        rs_tidy_space(t); /* Markdown joins a paragraph's lines */
}

static int fence(const span *l)
{
    size_t i = skip_spaces(l, 0);
    return i + 3 <= l->n && (!memcmp(l->s + i, "```", 3) || !memcmp(l->s + i, "~~~", 3));
}

rs_status rs_doc_markdown(const char *data, size_t len, rs_tidy *t, char **err)
{
    size_t i;
    rs_status st = rs_doc_utf8_check(data, len, &i, err);
    int in_code = 0;
    while (st == RS_OK && i < len && !rs_tidy_stop(t)) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        span l = {data + i, end - i};
        if (l.n && l.s[l.n - 1] == '\r')
            l.n--;
        if (fence(&l)) {
            in_code = !in_code;
            rs_tidy_paragraph(t);
        } else if (in_code) {
            rs_tidy_add(t, l.s, l.n); /* code keeps its lines and its characters */
            rs_tidy_line(t);
        } else
            line(l, t);
        i = end + 1;
    }
    return st;
}

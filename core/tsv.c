/* Splitting the compiled-in reference tables. */
#include "core/tsv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void tsv_abort(const char *name, size_t line, const char *fmt, va_list ap)
{
    fprintf(stderr, "roster: built-in table %s.tsv, line %zu: ", name, line);
    vfprintf(stderr, fmt, ap);
    fputs(" (the binary was built from bad data)\n", stderr);
    abort();
}

static _Noreturn void tsv_fail_line(const rs_tsv *t, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static _Noreturn void tsv_fail_line(const rs_tsv *t, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tsv_abort(t->name, line, fmt, ap);
}

void rs_tsv_fail(const rs_tsv *t, size_t row, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tsv_abort(t->name, row + 2, fmt, ap); /* line 1 is the header */
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

/* Cut one line (ending at '\n' or the end) into exactly n_cols cells. */
static void split_line(const rs_tsv *t, size_t line, char *s, char **cells)
{
    size_t col = 0;
    cells[col++] = s;
    for (; *s; s++) {
        if (*s != '\t')
            continue;
        if (col == t->n_cols)
            tsv_fail_line(t, line, "more than %zu columns", t->n_cols);
        *s = '\0';
        cells[col++] = s + 1;
    }
    if (col != t->n_cols)
        tsv_fail_line(t, line, "%zu columns, expected %zu", col, t->n_cols);
}

void rs_tsv_load(rs_tsv *t, const char *name, const char *text, const char *header)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->buf = strdup(text);
    if (!t->buf)
        tsv_fail_line(t, 0, "out of memory");
    t->n_cols = count_char(header, '\t') + 1;

    char *nl = strchr(t->buf, '\n');
    if (nl)
        *nl = '\0';
    if (strcmp(t->buf, header) != 0)
        tsv_fail_line(t, 1, "header is not '%s'", header);
    char *rest = nl ? nl + 1 : t->buf + strlen(t->buf);

    size_t lines = count_char(rest, '\n') + 1;
    t->cells = calloc(lines * t->n_cols, sizeof *t->cells);
    if (!t->cells)
        tsv_fail_line(t, 0, "out of memory");
    while (*rest) {
        nl = strchr(rest, '\n');
        if (nl)
            *nl = '\0';
        if (!*rest)
            tsv_fail_line(t, t->n_rows + 2, "empty line");
        split_line(t, t->n_rows + 2, rest, t->cells + t->n_rows * t->n_cols);
        t->n_rows++;
        rest = nl ? nl + 1 : rest + strlen(rest);
    }
}

const char *rs_tsv_cell(const rs_tsv *t, size_t row, size_t col)
{
    return t->cells[row * t->n_cols + col];
}

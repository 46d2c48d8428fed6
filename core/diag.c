/*
 * Diagnostics. Every problem owns copies of its strings, so callers may pass
 * temporaries. Allocation failure aborts: a lost diagnostic could let a bad
 * record pass silently, which is worse than stopping.
 */
#include "core/diag.h"
#include "core/term.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void diag_oom(void)
{
    fputs("roster: out of memory while recording a problem\n", stderr);
    abort();
}

static char *diag_strdup(const char *s)
{
    char *copy = strdup(s ? s : "");
    if (!copy)
        diag_oom();
    return copy;
}

static char *diag_vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) {
        va_end(again);
        return diag_strdup("(unprintable message)");
    }
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        diag_oom();
    vsnprintf(buf, (size_t)n + 1, fmt, again);
    va_end(again);
    return buf;
}

void rs_diag_init(rs_diag *d)
{
    memset(d, 0, sizeof *d);
}

static void problem_free(rs_problem *p)
{
    free(p->file);
    free(p->field);
    free(p->message);
}

void rs_diag_free(rs_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        problem_free(&d->items[i]);
    free(d->items);
    rs_diag_init(d);
}

void rs_diag_add(rs_diag *d, rs_severity sev, const char *file, long line,
                 const char *field, const char *fmt, ...)
{
    if (d->n >= RS_DIAG_KEEP) {
        if (sev == RS_ERROR)
            d->n_errors++, d->dropped_errors++;
        else
            d->n_warnings++, d->dropped_warnings++;
        return;
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        rs_problem *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            diag_oom();
        d->items = items;
        d->cap = cap;
    }
    rs_problem *p = &d->items[d->n];
    p->severity = sev;
    p->file = diag_strdup(file);
    p->line = line;
    p->field = diag_strdup(field);
    va_list ap;
    va_start(ap, fmt);
    p->message = diag_vformat(fmt, ap);
    va_end(ap);
    d->n++;
    if (sev == RS_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
}

/* "file:line: field: [warning: ]message"; parts that are absent (no file,
 * line 0, whole-record field) are left out with their separator. */
static void problem_print(const rs_problem *p, FILE *f)
{
    const char *file = strcmp(p->file, "-") == 0 ? "<stdin>" : p->file;
    if (*file) {
        fputs(file, f);
        if (p->line > 0)
            fprintf(f, ":%ld", p->line);
        fputs(": ", f);
    } else if (p->line > 0) {
        fprintf(f, "line %ld: ", p->line);
    }
    /* Fields and messages quote the input: escaped, so a hostile key or
     * value cannot act on the terminal that shows the problem. */
    if (*p->field) {
        rs_term_write(f, p->field, NULL);
        fputs(": ", f);
    }
    if (p->severity == RS_WARNING)
        fputs("warning: ", f);
    rs_term_write(f, p->message, NULL);
    fputc('\n', f);
}

void rs_diag_print(const rs_diag *d, FILE *f)
{
    for (size_t i = 0; i < d->n; i++)
        problem_print(&d->items[i], f);
    if (d->dropped_errors + d->dropped_warnings)
        fprintf(f, "... and %zu more error%s and %zu more warning%s, not shown\n",
                d->dropped_errors, d->dropped_errors == 1 ? "" : "s", d->dropped_warnings,
                d->dropped_warnings == 1 ? "" : "s");
}

void rs_diag_truncate(rs_diag *d, size_t from)
{
    /* Problems left out came after every kept one. */
    d->n_errors -= d->dropped_errors;
    d->n_warnings -= d->dropped_warnings;
    d->dropped_errors = d->dropped_warnings = 0;
    for (size_t i = from; i < d->n; i++) {
        if (d->items[i].severity == RS_ERROR)
            d->n_errors--;
        else
            d->n_warnings--;
        problem_free(&d->items[i]);
    }
    if (from < d->n)
        d->n = from;
}

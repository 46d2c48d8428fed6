/*
 * Diagnostics: problems found in input, each naming file, line and field,
 * printed as "file:line: field: problem".
 */
#ifndef RS_DIAG_H
#define RS_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { RS_ERROR, RS_WARNING } rs_severity;

typedef struct {
    rs_severity severity;
    char *file;    /* as given by the user, "-" shown as "<stdin>" */
    long line;     /* 1-based; 0 when not about a line */
    char *field;   /* e.g. "languages[1].level"; "" for the whole record */
    char *message;
} rs_problem;

/* Problems kept (and printed) at most: past this a hostile file could
 * make the diagnostics grow several times its size. Later problems are
 * still counted in n_errors and n_warnings, and the print says how many
 * were left out. */
#define RS_DIAG_KEEP 10000

typedef struct {
    rs_problem *items;
    size_t n, cap;
    size_t n_errors, n_warnings;    /* kept and left out */
    size_t dropped_errors, dropped_warnings; /* left out (beyond RS_DIAG_KEEP) */
} rs_diag;

void rs_diag_init(rs_diag *d);
void rs_diag_free(rs_diag *d);
/* Add a problem (printf-style message). Out of memory aborts: diagnostics must
 * never be silently lost. */
void rs_diag_add(rs_diag *d, rs_severity sev, const char *file, long line,
                 const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Print every problem to f, one per line: "file:line: field: message"
 * (warnings get "warning: " before the message), then how many were left
 * out, if any. */
void rs_diag_print(const rs_diag *d, FILE *f);
/* Drop problems from index `from` on (used to roll back one record's
 * problems), and every problem left out. */
void rs_diag_truncate(rs_diag *d, size_t from);

#endif

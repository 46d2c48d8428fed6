/*
 * The reference tables compiled in from corpus/ (core/data.h), split into
 * cells once. They are part of the binary, so a malformed table is a build
 * bug: loading aborts with a message naming the table and line.
 */
#ifndef RS_TSV_H
#define RS_TSV_H

#include <stddef.h>

typedef struct {
    const char *name;   /* "fields", for messages */
    char *buf;          /* private copy of the text, cut in place */
    char **cells;       /* n_rows * n_cols, row-major; the header is not a row */
    size_t n_rows, n_cols;
} rs_tsv;

/* Split `text`, whose first line must be exactly `header` (tab-separated
 * column names); every row must have as many columns as the header. The
 * table lives as long as the process. */
void rs_tsv_load(rs_tsv *t, const char *name, const char *text, const char *header);
const char *rs_tsv_cell(const rs_tsv *t, size_t row, size_t col);
/* Report a bad row (0-based, as for rs_tsv_cell) and abort. */
_Noreturn void rs_tsv_fail(const rs_tsv *t, size_t row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

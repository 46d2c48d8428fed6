/* TEMP shim */
#ifndef RS_MATCHER_INFER_H
#define RS_MATCHER_INFER_H
#include <stddef.h>
#include "core/stem.h"
#include "xapian-c/xapian-c.h"
typedef struct { const char *text; size_t len; const char *lang; } rs_infer_text;
typedef struct { char code[16]; double score; char *evidence; } rs_code_guess;
typedef enum { RS_INFER_FIELDS, RS_INFER_COMPETENCES } rs_infer_kind;
int rs_infer_codes(xc_db *db, rs_stemmers *st, const rs_infer_text *in, rs_infer_kind kind, rs_code_guess *out, size_t max, size_t *n);
const char *rs_infer_error(void);
#endif

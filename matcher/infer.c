/* TEMP shim */
#include "matcher/infer.h"
#include <string.h>
#include "core/labels.h"
#include "core/codes.h"
int rs_infer_codes(xc_db *db, rs_stemmers *st, const rs_infer_text *in, rs_infer_kind kind, rs_code_guess *out, size_t max, size_t *n)
{ (void)db; (void)st; *n=0; if (kind!=RS_INFER_FIELDS) return 0; const char *codes[16]; double sc[16]; size_t k=rs_labels_infer(in->text,in->len,codes,sc,16);
  for (size_t i=0;i<k && *n<max;i++) if (rs_code_depth(codes[i])>1) { strcpy(out[*n].code,codes[i]); out[*n].score=sc[i]>1?1:sc[i]; out[*n].evidence=NULL; (*n)++; }
  return 0; }
const char *rs_infer_error(void) { return "x"; }

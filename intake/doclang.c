/* TEMP shim */
#include "intake/doclang.h"
#include "core/textlang.h"
double rs_doc_language(const char *s, size_t len, char out[3]) { return rs_text_language(s,len,out) == 1 ? 0.9 : 0; }

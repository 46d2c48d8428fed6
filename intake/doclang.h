/* TEMP shim */
#ifndef RS_INTAKE_DOCLANG_H
#define RS_INTAKE_DOCLANG_H
#include <stddef.h>
double rs_doc_language(const char *s, size_t len, char out[3]);
#endif

/* TEMP shim */
#ifndef RS_INTAKE_DOCTEXT_H
#define RS_INTAKE_DOCTEXT_H
#include <stddef.h>
int rs_doc_text(const char *name, const char *data, size_t len, char **text, size_t *text_len, const char **format, char *err, size_t errsz);
#endif

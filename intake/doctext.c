/* TEMP shim */
#include "intake/doctext.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/text.h"
int rs_doc_text(const char *name, const char *data, size_t len, char **text, size_t *text_len, const char **format, char *err, size_t errsz)
{ (void)name; if (!rs_utf8_valid(data,len)) { snprintf(err,errsz,"not UTF-8"); return -1;} *text=malloc(len+1); memcpy(*text,data,len); (*text)[len]=0; *text_len=len; *format="text"; return 0; }

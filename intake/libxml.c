/* libxml2 loaded at the first XML read. See libxml.h. */
#include "intake/libxml.h"

#include <pthread.h>

/* The library's file name, its SONAME (lazylib.h). */
#ifndef RS_XML2_SONAME
#error "RS_XML2_SONAME: libxml2's SONAME, defined by the Makefile"
#endif
_Static_assert(sizeof RS_XML2_SONAME > 1, "RS_XML2_SONAME is empty: is libxml2 installed?");

struct rs_libxml xl;

#define SYMBOL(field, symbol) RS_LAZY_SYMBOL(struct rs_libxml, field, symbol)
static const rs_lazy_symbol symbols[] = {RS_LIBXML_FUNCTIONS(SYMBOL)};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512]; /* why libxml2 is not usable; "" once loaded */

static void load(void)
{
    if (rs_lazy_load(RS_XML2_SONAME, symbols, sizeof symbols / sizeof *symbols, &xl, load_error,
                     sizeof load_error) == 0)
        xl.InitParser();
}

const char *rs_libxml_load(void)
{
    pthread_once(&once, load);
    return load_error[0] ? load_error : NULL;
}

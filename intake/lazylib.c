/* Libraries loaded at their first use. See lazylib.h. */
#include "intake/lazylib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* dlsym's object pointer is copied into a function pointer's bytes, as
 * POSIX allows and ISO C has no conversion for. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers as wide as void *");

int rs_lazy_load(const char *soname, const rs_lazy_symbol *symbols, size_t n, void *table,
                 char *why, size_t size)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(why, size, "%s is not installed (%s)", soname, dlerror());
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        void *f = dlsym(lib, symbols[i].name);
        if (!f) {
            snprintf(why, size, "%s has no %s (%s)", soname, symbols[i].name, dlerror());
            return -1;
        }
        memcpy((char *)table + symbols[i].at, &f, sizeof f);
    }
    return 0;
}

/*
 * A library loaded at its first use (dlopen) rather than linked: what the
 * document readers share for libraries only some commands need (pdf.c:
 * poppler-glib, zip.c: libzip, libxml.c: libxml2). Linked, each made every
 * roster process, a search or a --help as much as a draft, load it and its
 * dependencies at start (docs/measurements.md, "Start-up").
 *
 * A reader lists the functions it calls once, as X(field, symbol), and
 * makes from that list a table of typed pointers and the symbols that fill
 * it; the library's headers give the types, so a call cannot disagree
 * with the library:
 *
 *   #define FUNCTIONS(X) X(fread, zip_fread) X(fclose, zip_fclose)
 *   static struct functions { FUNCTIONS(RS_LAZY_FIELD) } lz;
 *   #define SYMBOL(field, symbol) RS_LAZY_SYMBOL(struct functions, field, symbol)
 *   static const rs_lazy_symbol symbols[] = {FUNCTIONS(SYMBOL)};
 *
 * The library is named by its SONAME, which the Makefile reads from the
 * library compiled against: the name the dynamic linker would have
 * recorded had it been linked, so the same ABI is loaded, and present
 * without the -dev package.
 */
#ifndef RS_INTAKE_LAZYLIB_H
#define RS_INTAKE_LAZYLIB_H

#include <stddef.h>

typedef struct {
    const char *name;
    size_t at; /* offset of its pointer in the table */
} rs_lazy_symbol;

#define RS_LAZY_FIELD(field, symbol) __typeof__(symbol) *field;
#define RS_LAZY_SYMBOL(table, field, symbol) {#symbol, offsetof(table, field)},

/* Load `soname` and fill `table` with its n symbols; 0, or -1 with why in
 * why[size] ("libzip.so.4 is not installed (...)"). RTLD_NOW: a library
 * that lacks a symbol is refused here, with a message, rather than ending
 * the process at its first call. The library stays loaded for the
 * process's life, as a linked one would. Not thread-safe: callers load
 * under pthread_once. */
int rs_lazy_load(const char *soname, const rs_lazy_symbol *symbols, size_t n, void *table,
                 char *why, size_t size);

#endif

/*
 * DOCX and ODT are zip archives: this opens one from memory with libzip,
 * tells which of the two it is by its entries, and reads the one XML entry
 * that holds the text (word/document.xml, content.xml) for office.c.
 *
 * An archive is a small file that may inflate to a huge one, so every entry
 * read is bounded three times: by the size its header declares
 * (RS_DOC_ZIP_ENTRY_MAX), by the ratio of that size to its compressed size
 * (RS_DOC_ZIP_RATIO_MAX), and by the bytes really inflated, which must not
 * pass the declared size: a header can lie.
 *
 * libzip is loaded by the first archive read (lazylib.h), not linked: it
 * brings OpenSSL's libcrypto (for encrypted archives, which are not read
 * here), and the two made every roster process take some 1.5 ms more to
 * start (docs/measurements.md).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "intake/lazylib.h"
#include "intake/tidy.h"

/* The library's file name, its SONAME (lazylib.h). */
#ifndef RS_ZIP_SONAME
#error "RS_ZIP_SONAME: libzip's SONAME, defined by the Makefile"
#endif
_Static_assert(sizeof RS_ZIP_SONAME > 1, "RS_ZIP_SONAME is empty: is libzip installed?");

/* Every function used, as (field, symbol). */
#define FUNCTIONS(X)                                      \
    X(discard, zip_discard)                               \
    X(error_fini, zip_error_fini)                         \
    X(error_init, zip_error_init)                         \
    X(error_strerror, zip_error_strerror)                 \
    X(fclose, zip_fclose)                                 \
    X(file_strerror, zip_file_strerror)                   \
    X(fopen_index, zip_fopen_index)                       \
    X(fread, zip_fread)                                   \
    X(get_num_entries, zip_get_num_entries)               \
    X(name_locate, zip_name_locate)                       \
    X(open_from_source, zip_open_from_source)             \
    X(source_buffer_create, zip_source_buffer_create)     \
    X(source_free, zip_source_free)                       \
    X(stat_index, zip_stat_index)                         \
    X(stat_init, zip_stat_init)                           \
    X(strerror, zip_strerror)

static struct functions {
    FUNCTIONS(RS_LAZY_FIELD)
} lz;

#define SYMBOL(field, symbol) RS_LAZY_SYMBOL(struct functions, field, symbol)
static const rs_lazy_symbol symbols[] = {FUNCTIONS(SYMBOL)};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512]; /* why libzip is not usable; "" once loaded */

static void load(void)
{
    rs_lazy_load(RS_ZIP_SONAME, symbols, sizeof symbols / sizeof *symbols, &lz, load_error,
                 sizeof load_error);
}

#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"
#define RATIO_FROM (1u << 20) /* entries smaller than this may deflate any amount */
#define NEITHER_OFFICE "neither a DOCX (no word/document.xml) nor an ODT (no mimetype entry)"

static rs_status open_zip(const void *data, size_t len, zip_t **out, char **err)
{
    zip_error_t ze;
    lz.error_init(&ze);
    zip_source_t *src = lz.source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? lz.open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    rs_status st = RS_OK;
    if (!src)
        st = rs_doc_nomem(err);
    else if (!za) {
        lz.source_free(src);
        st = rs_doc_fail(err, "a damaged zip archive: %s", lz.error_strerror(&ze));
    }
    lz.error_fini(&ze);
    *out = za;
    return st;
}

/* The declared sizes of entry `name`, within bounds. */
static rs_status check_size(const zip_stat_t *s, const char *name, char **err)
{
    if (!(s->valid & ZIP_STAT_SIZE) || !(s->valid & ZIP_STAT_COMP_SIZE))
        return rs_doc_fail(err, "a damaged zip archive: no size for %s", name);
    if (s->size > RS_DOC_ZIP_ENTRY_MAX)
        return rs_doc_fail(err, "entry %s too large (%llu bytes uncompressed, limit %u)", name,
                           (unsigned long long)s->size, RS_DOC_ZIP_ENTRY_MAX);
    zip_uint64_t comp = s->comp_size ? s->comp_size : 1;
    if (s->size > RATIO_FROM && s->size / comp > RS_DOC_ZIP_RATIO_MAX)
        return rs_doc_fail(err, "entry %s inflates %llu times, more than %d (a zip bomb?)", name,
                           (unsigned long long)(s->size / comp), RS_DOC_ZIP_RATIO_MAX);
    return RS_OK;
}

/* Inflate the entry into buf, which holds size + 1 bytes: one byte more
 * than declared tells a lying header. */
static rs_status inflate(zip_file_t *zf, const char *name, char *buf, zip_uint64_t size,
                         char **err)
{
    zip_uint64_t have = 0;
    for (;;) {
        zip_int64_t got = lz.fread(zf, buf + have, size + 1 - have);
        if (got < 0)
            return rs_doc_fail(err, "entry %s cannot be read: %s", name, lz.file_strerror(zf));
        if (got == 0)
            break;
        have += (zip_uint64_t)got;
        if (have > size)
            return rs_doc_fail(err, "entry %s inflates past the %llu bytes its header declares "
                                    "(a damaged or hostile file)", name, (unsigned long long)size);
    }
    if (have < size)
        return rs_doc_fail(err, "entry %s is shorter than its header declares", name);
    return RS_OK;
}

/* Entry `name` into *out (malloc'd) and *len. RS_ERR_NOT_FOUND, with no
 * message, when the archive has no such entry. */
static rs_status read_entry(zip_t *za, const char *name, char **out, size_t *len, char **err)
{
    *out = NULL;
    zip_int64_t idx = lz.name_locate(za, name, 0);
    if (idx < 0)
        return RS_ERR_NOT_FOUND;
    zip_stat_t s;
    lz.stat_init(&s);
    if (lz.stat_index(za, (zip_uint64_t)idx, 0, &s) != 0)
        return rs_doc_fail(err, "a damaged zip archive: %s", lz.strerror(za));
    rs_status st = check_size(&s, name, err);
    if (st != RS_OK)
        return st;
    zip_file_t *zf = lz.fopen_index(za, (zip_uint64_t)idx, 0);
    if (!zf)
        return rs_doc_fail(err, "entry %s cannot be read: %s", name, lz.strerror(za));
    char *buf = malloc(s.size + 1);
    st = buf ? inflate(zf, name, buf, s.size, err) : rs_doc_nomem(err);
    lz.fclose(zf);
    if (st != RS_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    *len = s.size;
    return RS_OK;
}

/* What the document's name says it is (rs_doc_claim): its kind
 * (RS_DOC_PLAIN when none read) and its words (NULL when none). */
typedef struct {
    rs_doc_kind kind;
    const char *what;
} claim;

/* Office files in a zip archive that are not read, told by an entry. */
static const struct {
    const char *entry, *what;
} other_office[] = {
    {"xl/workbook.xml", "an Excel workbook (.xlsx)"},
    {"ppt/presentation.xml", "a PowerPoint presentation (.pptx)"},
};

/* What a zip archive is when it is neither a DOCX nor an ODT, or what it
 * lacks to be the one its name says. */
static rs_status not_office(zip_t *za, const claim *c, char **err)
{
    const char *not = c->what ? ", not " : "", *what = c->what ? c->what : "";
    for (size_t i = 0; i < sizeof other_office / sizeof *other_office; i++)
        if (lz.name_locate(za, other_office[i].entry, 0) >= 0)
            return rs_doc_fail(err, "this is %s%s%s: give the request as .docx, .odt, .pdf or "
                                    "text", other_office[i].what, not, what);
    if (c->kind == RS_DOC_DOCX)
        return rs_doc_fail(err, "not a DOCX: word/document.xml missing");
    if (c->kind == RS_DOC_ODT)
        return rs_doc_fail(err, "not an ODT: its mimetype entry is missing");
    if (c->what)
        return rs_doc_fail(err, "this is a zip archive, not %s: " NEITHER_OFFICE, c->what);
    return rs_doc_fail(err, "a zip archive that is " NEITHER_OFFICE);
}

/* An ODT: its mimetype entry says a text document, content.xml holds it. */
static rs_status read_odt(zip_t *za, const claim *c, rs_tidy *t, char **err)
{
    char *mime;
    size_t n;
    rs_status st = read_entry(za, "mimetype", &mime, &n, err);
    if (st == RS_ERR_NOT_FOUND)
        return not_office(za, c, err);
    if (st != RS_OK)
        return st;
    int text = n == strlen(ODT_MIMETYPE) && !memcmp(mime, ODT_MIMETYPE, n);
    int open_document = n > 28 && !memcmp(mime, "application/vnd.oasis.opendo", 28);
    free(mime);
    if (!text && open_document && c->kind != RS_DOC_DOCX)
        return rs_doc_fail(err, "an OpenDocument file that is not a text document (a "
                                "spreadsheet or a presentation?): save it as .odt");
    if (!text)
        return not_office(za, c, err);
    char *xml;
    st = read_entry(za, "content.xml", &xml, &n, err);
    if (st == RS_ERR_NOT_FOUND)
        return rs_doc_fail(err, "not an ODT: content.xml missing");
    if (st != RS_OK)
        return st;
    st = rs_doc_odt_xml(xml, n, t, err);
    free(xml);
    return st;
}

static rs_status read_office(zip_t *za, const claim *c, rs_doc_kind *kind, rs_tidy *t,
                             char **err)
{
    zip_int64_t n = lz.get_num_entries(za, 0);
    if (n > RS_DOC_ZIP_ENTRIES_MAX)
        return rs_doc_fail(err, "a zip archive of %lld entries, more than %d", (long long)n,
                           RS_DOC_ZIP_ENTRIES_MAX);
    char *xml;
    size_t len;
    rs_status st = read_entry(za, "word/document.xml", &xml, &len, err);
    if (st == RS_OK) {
        *kind = RS_DOC_DOCX;
        st = rs_doc_docx_xml(xml, len, t, err);
        free(xml);
        return st;
    }
    if (st != RS_ERR_NOT_FOUND)
        return st;
    *kind = RS_DOC_ODT;
    return read_odt(za, c, t, err);
}

/* A missing library is the installation's fault, not the document's:
 * RS_ERR_IO, as for poppler-glib (pdf.c). */
rs_status rs_doc_zip(const void *data, size_t len, const char *name, rs_doc_kind *kind,
                     rs_tidy *t, char **err)
{
    claim c = {RS_DOC_PLAIN, NULL};
    c.what = rs_doc_claim(name, &c.kind);
    pthread_once(&once, load);
    if (load_error[0]) {
        rs_doc_fail(err, "cannot read DOCX or ODT: %s", load_error);
        return *err ? RS_ERR_IO : RS_ERR_NOMEM;
    }
    zip_t *za;
    rs_status st = open_zip(data, len, &za, err);
    if (st != RS_OK)
        return st;
    st = read_office(za, &c, kind, t, err);
    lz.discard(za); /* read only: nothing to write back; frees the source */
    return st;
}

/*
 * A PDF's text through poppler-glib, page by page, each page its own
 * paragraph. A PDF's text layer is all there is to read: a scan has none,
 * and that is said rather than an empty request drafted, since no OCR is
 * done here. poppler and glib report damaged files on stderr through
 * glib's log; those messages are silenced, the failure itself is returned.
 *
 * poppler-glib is loaded by the first PDF read (dlopen), not linked: it
 * brings 43 more libraries (poppler, cairo, glib, gio, NSS, X11…), and
 * loading them made every roster process, a search or a --help as much as
 * a draft, take some 8 ms more, twice as long (docs/measurements.md). The
 * headers still give the types, and the functions' types too (the table
 * below takes them from the declarations), so a call cannot disagree with
 * the library. When the library is missing, reading a PDF fails saying so;
 * other formats do not need it.
 *
 * PDFs are read one at a time: poppler-glib makes its process-wide state
 * (GlobalParams) when a document is first opened, with no lock, so two
 * threads opening their first PDFs together would race.
 */
#include <glib.h>
#include <poppler.h>
#include <pthread.h>
#include <string.h>

#include "intake/lazylib.h"
#include "intake/tidy.h"

/* The library's file name, its SONAME (lazylib.h). */
#ifndef RS_POPPLER_SONAME
#error "RS_POPPLER_SONAME: poppler-glib's SONAME, defined by the Makefile"
#endif
_Static_assert(sizeof RS_POPPLER_SONAME > 1,
               "RS_POPPLER_SONAME is empty: is poppler-glib installed?");

/* Every function used, as (field, symbol); the fields are named apart
 * since glib makes macros of some of its functions' names (g_object_ref).
 * glib and gobject are poppler-glib's dependencies, and dlsym searches a
 * library's dependencies too: one handle finds all. */
#define FUNCTIONS(X)                                            \
    X(log_set_handler, g_log_set_handler)                       \
    X(error_matches, g_error_matches)                           \
    X(error_free, g_error_free)                                 \
    X(mem_free, g_free)                                         \
    X(bytes_new_static, g_bytes_new_static)                     \
    X(bytes_unref, g_bytes_unref)                               \
    X(object_unref, g_object_unref)                             \
    X(error_quark, poppler_error_quark)                         \
    X(document_new_from_bytes, poppler_document_new_from_bytes) \
    X(document_get_n_pages, poppler_document_get_n_pages)       \
    X(document_get_page, poppler_document_get_page)             \
    X(page_get_text, poppler_page_get_text)

static struct functions {
    FUNCTIONS(RS_LAZY_FIELD)
} pp;

#define SYMBOL(field, symbol) RS_LAZY_SYMBOL(struct functions, field, symbol)
static const rs_lazy_symbol symbols[] = {FUNCTIONS(SYMBOL)};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512]; /* why poppler-glib is not usable; "" once loaded */
static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message,
                  gpointer data)
{
    (void)domain, (void)level, (void)message, (void)data;
}

/* Fill the table, or say in load_error what is missing; glib's messages
 * about damaged files silenced. */
static void load(void)
{
    if (rs_lazy_load(RS_POPPLER_SONAME, symbols, sizeof symbols / sizeof *symbols, &pp,
                     load_error, sizeof load_error) == 0)
        pp.log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                           quiet, NULL);
}

/* The failure to open, in words: a password, or poppler's own reason. */
static rs_status open_failed(GError *gerr, char **err)
{
    rs_status st;
    if (gerr && pp.error_matches(gerr, pp.error_quark(), POPPLER_ERROR_ENCRYPTED))
        st = rs_doc_fail(err, "encrypted, a password is needed");
    else
        st = rs_doc_fail(err, "not a readable PDF: %s",
                         gerr && gerr->message ? gerr->message : "poppler gives no reason");
    if (gerr)
        pp.error_free(gerr);
    return st;
}

static void page_text(PopplerDocument *doc, int i, rs_tidy *t)
{
    PopplerPage *page = pp.document_get_page(doc, i);
    if (!page)
        return;
    char *s = pp.page_get_text(page);
    if (s) {
        rs_tidy_add(t, s, strlen(s));
        pp.mem_free(s);
    }
    pp.object_unref(page);
    rs_tidy_paragraph(t);
}

static rs_status read_pages(PopplerDocument *doc, rs_tidy *t, char **err)
{
    int n = pp.document_get_n_pages(doc);
    if (n <= 0)
        return rs_doc_fail(err, "the PDF has no pages");
    for (int i = 0; i < n && i < RS_DOC_PAGES_MAX && !rs_tidy_stop(t); i++)
        page_text(doc, i, t);
    if (t->len == 0 && !rs_tidy_stop(t))
        return rs_doc_fail(err, "the PDF has no text layer (a scanned image?): its text "
                                "cannot be read, as no OCR is done");
    return RS_OK;
}

static rs_status read_pdf(const void *data, size_t len, rs_tidy *t, char **err)
{
    GBytes *bytes = pp.bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = pp.document_new_from_bytes(bytes, NULL, &gerr);
    pp.bytes_unref(bytes); /* the document holds its own reference */
    if (!doc)
        return open_failed(gerr, err);
    rs_status st = read_pages(doc, t, err);
    pp.object_unref(doc);
    return st;
}

/* A missing library is the installation's fault, not the document's:
 * RS_ERR_IO, as for libexttextcat's missing fingerprints (doclang.c). */
rs_status rs_doc_pdf(const void *data, size_t len, rs_tidy *t, char **err)
{
    pthread_once(&once, load);
    if (load_error[0]) {
        rs_doc_fail(err, "cannot read PDF: %s", load_error);
        return *err ? RS_ERR_IO : RS_ERR_NOMEM;
    }
    pthread_mutex_lock(&one_at_a_time);
    rs_status st = read_pdf(data, len, t, err);
    pthread_mutex_unlock(&one_at_a_time);
    return st;
}

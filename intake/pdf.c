/*
 * A PDF's text through poppler-glib, page by page, each page its own
 * paragraph. A PDF's text layer is all there is to read: a scan has none,
 * and that is said rather than an empty request drafted, since no OCR is
 * done here. poppler and glib report damaged files on stderr through
 * glib's log; those messages are silenced, the failure itself is returned.
 *
 * PDFs are read one at a time: poppler-glib makes its process-wide state
 * (GlobalParams) when a document is first opened, with no lock, so two
 * threads opening their first PDFs together would race.
 */
#include <glib.h>
#include <poppler.h>
#include <pthread.h>
#include <string.h>

#include "intake/tidy.h"

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message,
                  gpointer data)
{
    (void)domain, (void)level, (void)message, (void)data;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;

static void silence(void)
{
    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                      quiet, NULL);
}

/* The failure to open, in words: a password, or poppler's own reason. */
static rs_status open_failed(GError *gerr, char **err)
{
    rs_status st;
    if (gerr && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        st = rs_doc_fail(err, "encrypted, a password is needed");
    else
        st = rs_doc_fail(err, "not a readable PDF: %s",
                         gerr && gerr->message ? gerr->message : "poppler gives no reason");
    if (gerr)
        g_error_free(gerr);
    return st;
}

static void page_text(PopplerDocument *doc, int i, rs_tidy *t)
{
    PopplerPage *page = poppler_document_get_page(doc, i);
    if (!page)
        return;
    char *s = poppler_page_get_text(page);
    if (s) {
        rs_tidy_add(t, s, strlen(s));
        g_free(s);
    }
    g_object_unref(page);
    rs_tidy_paragraph(t);
}

static rs_status read_pages(PopplerDocument *doc, rs_tidy *t, char **err)
{
    int n = poppler_document_get_n_pages(doc);
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
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes); /* the document holds its own reference */
    if (!doc)
        return open_failed(gerr, err);
    rs_status st = read_pages(doc, t, err);
    g_object_unref(doc);
    return st;
}

rs_status rs_doc_pdf(const void *data, size_t len, rs_tidy *t, char **err)
{
    pthread_once(&once, silence);
    pthread_mutex_lock(&one_at_a_time);
    rs_status st = read_pdf(data, len, t, err);
    pthread_mutex_unlock(&one_at_a_time);
    return st;
}

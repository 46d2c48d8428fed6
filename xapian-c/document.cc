/*
 * Documents: built by the indexer (terms, postings, values, data) or read
 * back from a database, where data and values are fetched lazily and so can
 * fail like any database read.
 */
#include <cstring>

#include "xapian-c/private.h"

#define STRINGIFY(x) #x
#define STRINGIFY_VALUE(x) STRINGIFY(x)
#define MAX_TERM_TEXT STRINGIFY_VALUE(XC_MAX_TERM_BYTES)

/* Refuse here what glass would refuse only at add_document time, where the
 * failure also discards every uncommitted change of the writer. The empty
 * term is left to Xapian, which refuses it at once. */
static bool term_too_long(xc_doc *doc, const char *term)
{
    if (std::strlen(term) <= XC_MAX_TERM_BYTES)
        return false;
    xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "term longer than " MAX_TERM_TEXT " bytes");
    return true;
}

xc_status xc_doc_new(xc_doc **out)
{
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    try {
        *out = new xc_doc;
        return XC_OK;
    } catch (...) {
        return xc_caught(NULL);
    }
}

void xc_doc_free(xc_doc *doc)
{
    delete doc;
}

const char *xc_doc_last_error(const xc_doc *doc)
{
    return doc ? doc->error.c_str() : "";
}

xc_status xc_doc_add_term(xc_doc *doc, const char *term, uint32_t wdf_inc)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!term)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_add_term: term is NULL");
    if (term_too_long(doc, term))
        return XC_ERR_INVALID_ARGUMENT;
    try {
        doc->doc.add_term(term, wdf_inc);
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!term)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_doc_add_boolean_term: term is NULL");
    if (term_too_long(doc, term))
        return XC_ERR_INVALID_ARGUMENT;
    try {
        doc->doc.add_boolean_term(term);
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_add_posting(xc_doc *doc, const char *term, uint32_t pos, uint32_t wdf_inc)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!term)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_add_posting: term is NULL");
    if (term_too_long(doc, term))
        return XC_ERR_INVALID_ARGUMENT;
    try {
        doc->doc.add_posting(term, pos, wdf_inc);
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_set_value(xc_doc *doc, unsigned slot, const char *value, size_t len)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!value && len > 0)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_set_value: value is NULL");
    try {
        /* An empty value removes the slot, as in Xapian. */
        doc->doc.add_value(slot, value ? std::string(value, len) : std::string());
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!data && len > 0)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_set_data: data is NULL");
    try {
        doc->doc.set_data(data ? std::string(data, len) : std::string());
        doc->data = NULL;
        doc->keep = NULL;
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_get_data(xc_doc *doc, const char **data, size_t *len)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!data || !len)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_get_data: data or len is NULL");
    try {
        if (!doc->data) {
            doc->data = std::make_shared<const std::string>(doc->doc.get_data());
            xc_doc_data *k = doc->keep.get();
            if (k && k->revision == doc->revision &&
                k->bytes + doc->data->size() <= XC_DOC_DATA_BYTES &&
                k->kept.emplace(doc->docid, doc->data).second)
                k->bytes += doc->data->size();
        }
        *data = doc->data->c_str();
        *len = doc->data->size();
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_get_value(xc_doc *doc, unsigned slot, const char **value, size_t *len)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!value || !len)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_doc_get_value: value or len is NULL");
    try {
        doc->value = doc->doc.get_value(slot);
        *value = doc->value.c_str();
        *len = doc->value.size();
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

xc_status xc_doc_each_term(xc_doc *doc, int (*fn)(const char *term, void *ctx), void *ctx)
{
    if (!doc)
        return XC_ERR_INVALID_ARGUMENT;
    if (!fn)
        return xc_fail(&doc->error, XC_ERR_INVALID_ARGUMENT, "xc_doc_each_term: callback is NULL");
    try {
        for (Xapian::TermIterator it = doc->doc.termlist_begin(); it != doc->doc.termlist_end();
             ++it) {
            const std::string term = *it;
            if (fn(term.c_str(), ctx) != 0)
                break;
        }
        return XC_OK;
    } catch (...) {
        return xc_caught(&doc->error);
    }
}

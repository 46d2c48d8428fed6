/*
 * Read-only database: open, counts, metadata, lookup by unique term and the
 * term walk used for facets and completion.
 */
#include <cstdlib>

#include "xapian-c/private.h"

xc_status xc_db_open(const char *path, xc_db **out, char **err)
{
    if (err)
        *err = NULL;
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    std::string msg;
    if (!path) {
        xc_status st = xc_fail(&msg, XC_ERR_INVALID_ARGUMENT, "xc_db_open: path is NULL");
        xc_give_error(err, msg);
        return st;
    }
    xc_db *db = NULL;
    try {
        db = new xc_db;
        db->db = Xapian::Database(path);
    } catch (...) {
        delete db;
        xc_status st = xc_caught(&msg);
        xc_give_error(err, msg);
        return st;
    }
    *out = db;
    return XC_OK;
}

void xc_db_free(xc_db *db)
{
    delete db;
}

const char *xc_db_last_error(const xc_db *db)
{
    return db ? db->error.c_str() : "";
}

xc_status xc_db_reopen(xc_db *db)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        db->db.reopen();
        return XC_OK;
    } catch (...) {
        return xc_caught(&db->error);
    }
}

xc_status xc_db_doccount(xc_db *db, uint32_t *out)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_doccount: out is NULL");
    try {
        *out = db->db.get_doccount();
        return XC_OK;
    } catch (...) {
        return xc_caught(&db->error);
    }
}

xc_status xc_db_termfreq(xc_db *db, const char *term, uint32_t *out)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_termfreq: out is NULL");
    /* Xapian reads the empty term as "every document": not a term at all. */
    if (!term || !*term)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_termfreq: empty term");
    try {
        *out = db->db.get_termfreq(term);
        return XC_OK;
    } catch (...) {
        return xc_caught(&db->error);
    }
}

xc_status xc_db_get_metadata(xc_db *db, const char *key, char **out)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_get_metadata: out is NULL");
    *out = NULL;
    if (!key)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_get_metadata: key is NULL");
    try {
        char *value = xc_strdup(db->db.get_metadata(key));
        if (!value)
            return xc_fail(&db->error, XC_ERR_NOMEM, "out of memory");
        *out = value;
        return XC_OK;
    } catch (...) {
        return xc_caught(&db->error);
    }
}

xc_status xc_db_find_doc(xc_db *db, const char *term, xc_doc **out)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_find_doc: out is NULL");
    *out = NULL;
    /* The empty term's posting list is every document: refuse it. */
    if (!term || !*term)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_find_doc: empty term");
    xc_doc *doc = NULL;
    try {
        Xapian::PostingIterator it = db->db.postlist_begin(term);
        if (it == db->db.postlist_end(term)) {
            db->error = std::string("no document indexed by term '") + term + "'";
            return XC_ERR_NOT_FOUND;
        }
        doc = new xc_doc;
        doc->doc = db->db.get_document(*it);
    } catch (...) {
        delete doc;
        return xc_caught(&db->error);
    }
    *out = doc;
    return XC_OK;
}

xc_status xc_db_each_term(xc_db *db, const char *prefix,
                          int (*fn)(const char *term, uint32_t termfreq, void *ctx),
                          void *ctx)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!prefix || !fn)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_db_each_term: prefix or callback is NULL");
    try {
        const std::string p(prefix);
        for (Xapian::TermIterator it = db->db.allterms_begin(p); it != db->db.allterms_end(p); ++it) {
            const std::string term = *it;
            if (fn(term.c_str(), it.get_termfreq(), ctx) != 0)
                break;
        }
        return XC_OK;
    } catch (...) {
        return xc_caught(&db->error);
    }
}

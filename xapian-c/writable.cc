/*
 * Writable database. Changes are made inside an unflushed Xapian transaction
 * that xc_wdb_commit ends (and reopens), so that freeing the handle cancels
 * whatever was not committed instead of Xapian's default of committing it.
 */
#include "xapian-c/private.h"

/* A failed commit leaves no transaction open; reopen one before any change so
 * that nothing reaches the disk before the next xc_wdb_commit (outside a
 * transaction Xapian commits by itself every 10,000 changes by default). An
 * unflushed begin_transaction writes nothing. */
static void ensure_transaction(xc_wdb *wdb)
{
    if (!wdb->in_transaction) {
        wdb->db.begin_transaction(false);
        wdb->in_transaction = true;
    }
}

/* null_path: the message for a NULL path, naming the caller. */
static xc_status open_with(const char *path, int flags, const char *null_path, xc_wdb **out,
                           char **err)
{
    if (err)
        *err = NULL;
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    std::string msg;
    if (!path) {
        xc_status st = xc_fail(&msg, XC_ERR_INVALID_ARGUMENT, null_path);
        xc_give_error(err, msg);
        return st;
    }
    xc_wdb *wdb = NULL;
    try {
        wdb = new xc_wdb;
        /* No DB_RETRY_LOCK: a lock held elsewhere fails at once. */
        wdb->db = Xapian::WritableDatabase(path, flags);
        ensure_transaction(wdb);
    } catch (...) {
        delete wdb;
        xc_status st = xc_caught(&msg);
        xc_give_error(err, msg);
        return st;
    }
    *out = wdb;
    return XC_OK;
}

xc_status xc_wdb_open(const char *path, xc_wdb **out, char **err)
{
    return open_with(path, Xapian::DB_CREATE_OR_OPEN, "xc_wdb_open: path is NULL", out, err);
}

/* DB_CREATE fails on an existing database; DB_NO_SYNC: a scratch database
 * is thrown away after a crash, so waiting for the disk buys nothing. */
xc_status xc_wdb_open_scratch(const char *path, xc_wdb **out, char **err)
{
    return open_with(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC,
                     "xc_wdb_open_scratch: path is NULL", out, err);
}

void xc_wdb_free(xc_wdb *wdb)
{
    if (!wdb)
        return;
    /* With a transaction open the destructor cancels pending changes. */
    try {
        ensure_transaction(wdb);
    } catch (...) {
    }
    delete wdb;
}

const char *xc_wdb_last_error(const xc_wdb *wdb)
{
    return wdb ? wdb->error.c_str() : "";
}

xc_status xc_wdb_add_doc(xc_wdb *wdb, const xc_doc *doc)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!doc)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT, "xc_wdb_add_doc: doc is NULL");
    try {
        ensure_transaction(wdb);
        wdb->db.add_document(doc->doc);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

xc_status xc_wdb_replace_doc(xc_wdb *wdb, const char *term, const xc_doc *doc)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!term || !doc)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_wdb_replace_doc: term or doc is NULL");
    try {
        ensure_transaction(wdb);
        wdb->db.replace_document(term, doc->doc);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

xc_status xc_wdb_delete_doc(xc_wdb *wdb, const char *term)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!term)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT, "xc_wdb_delete_doc: term is NULL");
    try {
        ensure_transaction(wdb);
        wdb->db.delete_document(term);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

xc_status xc_wdb_set_metadata(xc_wdb *wdb, const char *key, const char *value)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!key || !value)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_wdb_set_metadata: key or value is NULL");
    try {
        ensure_transaction(wdb);
        wdb->db.set_metadata(key, value);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

xc_status xc_wdb_commit(xc_wdb *wdb)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        /* An unflushed transaction ends without writing; commit() does. */
        if (wdb->in_transaction) {
            wdb->in_transaction = false;
            wdb->db.commit_transaction();
        }
        wdb->db.commit();
        ensure_transaction(wdb);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

/* A count read from the database into *out, for the function named what. */
template <class Read> static xc_status read_count(xc_wdb *wdb, uint32_t *out, const char *what,
                                                 Read read)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT,
                       (std::string(what) + ": out is NULL").c_str());
    try {
        *out = read(wdb->db);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

xc_status xc_wdb_doccount(xc_wdb *wdb, uint32_t *out)
{
    return read_count(wdb, out, "xc_wdb_doccount",
                      [](const Xapian::WritableDatabase &db) { return db.get_doccount(); });
}

xc_status xc_wdb_lastdocid(xc_wdb *wdb, uint32_t *out)
{
    return read_count(wdb, out, "xc_wdb_lastdocid",
                      [](const Xapian::WritableDatabase &db) { return db.get_lastdocid(); });
}

xc_status xc_wdb_termfreq(xc_wdb *wdb, const char *term, uint32_t *out)
{
    if (wdb && (!term || !*term))
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT, "xc_wdb_termfreq: empty term");
    return read_count(wdb, out, "xc_wdb_termfreq", [term](const Xapian::WritableDatabase &db) {
        return db.get_termfreq(term);
    });
}

xc_status xc_wdb_put_doc_at(xc_wdb *wdb, uint32_t docid, const xc_doc *doc)
{
    if (!wdb)
        return XC_ERR_INVALID_ARGUMENT;
    if (!doc || docid == 0)
        return xc_fail(&wdb->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_wdb_put_doc_at: doc is NULL or docid 0");
    try {
        ensure_transaction(wdb);
        wdb->db.replace_document(docid, doc->doc);
        return XC_OK;
    } catch (...) {
        return xc_caught(&wdb->error);
    }
}

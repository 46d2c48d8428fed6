/*
 * Read-only database: open, counts, metadata, lookup by unique term and the
 * term walk used for facets and completion.
 */
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include "xapian-c/private.h"

/* ---- stubs: one database over several shards ---- */

/* A stub database as Xapian reads one: a file, or a directory holding a
 * file named XAPIANDB. Its path, or "" when path is no stub. */
static std::string stub_file(const std::string &path)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return "";
    if (S_ISREG(st.st_mode))
        return path;
    std::string inside = path + "/XAPIANDB";
    return S_ISDIR(st.st_mode) && stat(inside.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? inside
                                                                                        : "";
}

/* How long naming a failed shard waits for each (xc_db_caught). */
#define XC_REMOTE_PROBE_MS 2000u

static std::string trimmed(const std::string &s)
{
    size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

/* Open one shard line of a stub ("remote HOST:PORT", "auto PATH" or
 * "glass PATH", a relative path read from the stub's directory). Throws
 * Xapian's errors; a line of another kind is an InvalidArgumentError. */
static xc_shard open_shard(const std::string &line, const std::string &dir, unsigned timeout_ms)
{
    size_t space = line.find_first_of(" \t");
    std::string kind = line.substr(0, space);
    std::string arg = space == std::string::npos ? "" : trimmed(line.substr(space));
    xc_shard shard;
    if (kind == "remote") {
        size_t colon = arg.rfind(':');
        if (colon == std::string::npos || colon == 0)
            throw Xapian::InvalidArgumentError("'" + line + "': roster reads a remote shard as "
                                               "'remote HOST:PORT'");
        char *end = NULL;
        unsigned long port = std::strtoul(arg.c_str() + colon + 1, &end, 10);
        if (port == 0 || port > 65535 || *end)
            throw Xapian::InvalidArgumentError("'" + line + "': the port is a number from 1 to "
                                               "65535 ('remote HOST:PORT')");
        shard.name = "remote " + arg;
        shard.host = arg.substr(0, colon);
        shard.port = static_cast<unsigned>(port);
        shard.db = Xapian::Remote::open(shard.host, shard.port, timeout_ms, timeout_ms);
        return shard;
    }
    if ((kind == "auto" || kind == "glass") && !arg.empty()) {
        shard.path = arg[0] == '/' ? arg : dir + "/" + arg;
        shard.name = shard.path;
        if (!stub_file(shard.path).empty())
            throw Xapian::InvalidArgumentError("'" + line + "': " + shard.path +
                                               " is a stub itself: name its shards");
        shard.db = Xapian::Database(shard.path);
        return shard;
    }
    throw Xapian::InvalidArgumentError("'" + line + "': a shard is 'remote HOST:PORT' or "
                                       "'auto PATH'");
}

/* The shards a stub names, opened, in its order. One that fails to open is
 * an error naming it, or with allow_partial is left out (db->missing).
 * XC_OK, or a status with its message in *msg. */
static xc_status open_stub(xc_db *db, const std::string &stub, unsigned timeout_ms,
                           bool allow_partial, std::string *msg)
{
    std::ifstream in(stub);
    if (!in)
        return xc_fail(msg, XC_ERR_OPENING, ("cannot read the stub " + stub).c_str());
    std::string dir = stub.find('/') == std::string::npos ? "." : stub.substr(0, stub.rfind('/'));
    std::string raw;
    std::vector<std::string> lines;
    while (std::getline(in, raw)) {
        std::string line = trimmed(raw);
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    }
    for (size_t i = 0; i < lines.size(); i++) {
        try {
            xc_shard shard = open_shard(lines[i], dir, timeout_ms);
            db->remote = db->remote || shard.path.empty();
            db->db.add_database(shard.db);
            db->shards.push_back(shard);
        } catch (...) {
            std::string why;
            xc_status st = xc_caught(&why);
            /* A line roster cannot read is the stub's fault, never left out. */
            if (!allow_partial || st == XC_ERR_INVALID_ARGUMENT)
                return xc_fail(msg, st,
                               ("shard " + std::to_string(i + 1) + " of " +
                                std::to_string(lines.size()) + " (" + lines[i] +
                                ") did not open: " + why).c_str());
            db->missing.push_back(lines[i]);
        }
    }
    if (db->shards.empty())
        return xc_fail(msg, XC_ERR_OPENING,
                       lines.empty() ? "the stub names no shard" : "no shard answered");
    return XC_OK;
}

xc_status xc_db_open_shards(const char *path, unsigned timeout_ms, int allow_partial, xc_db **out,
                            char **err)
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
    xc_status st = XC_OK;
    try {
        db = new xc_db;
        std::string stub = stub_file(path);
        if (stub.empty()) {
            xc_shard only;
            only.name = only.path = path;
            only.db = Xapian::Database(path);
            db->db = only.db;
            db->shards.push_back(only);
        } else {
            st = open_stub(db, stub, timeout_ms, allow_partial != 0, &msg);
        }
    } catch (...) {
        st = xc_caught(&msg);
    }
    if (st != XC_OK) {
        delete db;
        xc_give_error(err, msg);
        return st;
    }
    *out = db;
    return XC_OK;
}

xc_status xc_db_open(const char *path, xc_db **out, char **err)
{
    return xc_db_open_shards(path, XC_REMOTE_TIMEOUT_MS, 0, out, err);
}

size_t xc_db_shard_count(const xc_db *db)
{
    return db ? db->shards.size() : 0;
}

const char *xc_db_shard_name(const xc_db *db, size_t i)
{
    return db && i < db->shards.size() ? db->shards[i].name.c_str() : NULL;
}

const char *xc_db_shard_path(const xc_db *db, size_t i)
{
    return db && i < db->shards.size() && !db->shards[i].path.empty()
               ? db->shards[i].path.c_str()
               : NULL;
}

const char *xc_db_shard_missing(const xc_db *db, size_t i)
{
    return db && i < db->missing.size() ? db->missing[i].c_str() : NULL;
}

int xc_db_is_remote(const xc_db *db)
{
    return db && db->remote;
}

xc_status xc_db_shard_metadata(xc_db *db, size_t i, const char *key, char **out)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out || !key || i >= db->shards.size())
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_db_shard_metadata: no such shard, or key or out is NULL");
    *out = NULL;
    try {
        char *value = xc_strdup(db->shards[i].db.get_metadata(key));
        if (!value)
            return xc_fail(&db->error, XC_ERR_NOMEM, "out of memory");
        *out = value;
        return XC_OK;
    } catch (...) {
        return xc_db_caught(db);
    }
}

/* After a remote shard failed, the connections of the others may be out
 * of step too (a match cut short): each shard is asked afresh. */
xc_status xc_db_caught(xc_db *db) noexcept
{
    return xc_shards_caught(db->shards, &db->error);
}

xc_status xc_shards_caught(const std::vector<xc_shard> &shards, std::string *msg) noexcept
{
    xc_status st = xc_caught(msg);
    if (st != XC_ERR_NETWORK)
        return st;
    try {
        std::string silent;
        for (const xc_shard &shard : shards) {
            if (shard.path.empty()) {
                try {
                    Xapian::Remote::open(shard.host, shard.port, XC_REMOTE_PROBE_MS,
                                         XC_REMOTE_PROBE_MS);
                } catch (const Xapian::Error &) {
                    silent += (silent.empty() ? "" : ", ") + shard.name;
                }
            }
        }
        if (!silent.empty())
            *msg = "shard " + silent + " does not answer (" + *msg + ")";
    } catch (...) {
    }
    return st;
}

Xapian::rev xc_revision(const xc_db *db)
{
    if (db->remote)
        return 0;
    if (db->shards.size() == 1)
        return db->shards[0].db.get_revision();
    Xapian::rev mix = 0;
    for (const xc_shard &shard : db->shards)
        mix = mix * 1000003u + shard.db.get_revision() + 1;
    return mix;
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
        db->termfreqs.clear();
        db->db.reopen();
        return XC_OK;
    } catch (...) {
        return xc_db_caught(db);
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
        return xc_db_caught(db);
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
        if (!db->remote) {
            *out = db->db.get_termfreq(term);
            return XC_OK;
        }
        auto kept = db->termfreqs.find(term);
        if (kept == db->termfreqs.end())
            kept = db->termfreqs.emplace(term, db->db.get_termfreq(term)).first;
        *out = kept->second;
        return XC_OK;
    } catch (...) {
        return xc_db_caught(db);
    }
}

xc_status xc_db_prefetch_termfreqs(xc_db *db, const char *const *terms, size_t n)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (n && !terms)
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT, "xc_db_prefetch_termfreqs: terms is NULL");
    if (!db->remote)
        return XC_OK;
    try {
        std::vector<Xapian::Query> asked;
        for (size_t i = 0; i < n; i++)
            if (terms[i] && *terms[i] && !db->termfreqs.count(terms[i]))
                asked.emplace_back(terms[i]);
        if (asked.empty())
            return XC_OK;
        /* Xapian gathers every query term's frequency from every shard
         * before matching; a page of none matches nothing more. */
        Xapian::Enquire enquire(db->db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, asked.begin(), asked.end()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet stats = enquire.get_mset(0, 0);
        for (const Xapian::Query &q : asked) {
            const std::string term = *q.get_unique_terms_begin();
            db->termfreqs.emplace(term, stats.get_termfreq(term));
        }
        return XC_OK;
    } catch (...) {
        return xc_db_caught(db);
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
        return xc_db_caught(db);
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
        return xc_db_caught(db);
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
        return xc_db_caught(db);
    }
}

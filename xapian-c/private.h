/*
 * xapian-c internals: the structs behind the opaque handles and the helpers
 * that turn C++ exceptions into xc_status. Only xapian-c's .cc files include
 * this header.
 *
 * Every entry point follows one pattern: check the C arguments (a NULL
 * handle gives XC_ERR_INVALID_ARGUMENT with nowhere to keep a message), then
 * do the Xapian work inside try, and in catch (...) hand the exception to
 * xc_caught(), which names it and stores its message in the handle.
 */
#ifndef XAPIAN_C_PRIVATE_H
#define XAPIAN_C_PRIVATE_H

#include <string>
#include <xapian.h>

#include "xapian-c/xapian-c.h"

/* The C API carries ids and counts as uint32_t: refuse to build against a
 * libxapian configured with 64-bit document ids. */
static_assert(sizeof(Xapian::docid) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::docid");
static_assert(sizeof(Xapian::doccount) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::doccount");
static_assert(sizeof(Xapian::termcount) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::termcount");

struct xc_db {
    Xapian::Database db;
    std::string error;
};

struct xc_wdb {
    Xapian::WritableDatabase db;
    /* Xapian commits pending changes when a WritableDatabase is destroyed
     * unless a transaction is open, so the handle keeps one open between
     * commits: that is what makes xc_wdb_free discard them. */
    bool in_transaction = false;
    std::string error;
};

struct xc_doc {
    Xapian::Document doc;
    std::string data;  /* backs the pointer given by xc_doc_get_data */
    std::string value; /* backs the pointer given by xc_doc_get_value */
    std::string error;
};

struct xc_query {
    Xapian::Query query;
};

struct xc_enquire {
    explicit xc_enquire(const Xapian::Database &db)
        : enquire(db), sort_slot(0), sort_by_value(false), sort_reverse(false) {}
    Xapian::Enquire enquire;
    /* The void setters only record what they are given; get_mset applies it,
     * so any Xapian failure surfaces there as a status. */
    Xapian::Query query;
    Xapian::valueno sort_slot;
    bool sort_by_value;
    bool sort_reverse;
    std::string error;
};

struct xc_mset {
    Xapian::MSet mset;
    std::string error;
};

struct xc_spy {
    explicit xc_spy(Xapian::valueno slot) : spy(slot) {}
    Xapian::ValueCountMatchSpy spy;
};

struct xc_stem {
    explicit xc_stem(const std::string &language) : stem(language) {}
    Xapian::Stem stem;
    std::string word; /* backs the pointer given by xc_stem_word */
};

/* Call only inside a catch block: rethrows the exception in flight, maps it
 * to a status and stores its description in *msg (when msg is not NULL). */
xc_status xc_caught(std::string *msg) noexcept;

/* Store text in *msg (when msg is not NULL) and return status. */
xc_status xc_fail(std::string *msg, xc_status status, const char *text) noexcept;

/* Hand msg to the caller of a constructor: *err = malloc'd copy (NULL if the
 * copy fails), nothing when err is NULL. */
void xc_give_error(char **err, const std::string &msg) noexcept;

/* malloc'd copy of s with a terminating NUL; NULL when out of memory. */
char *xc_strdup(const std::string &s) noexcept;

#endif

/*
 * Status names, the exception-to-status translation every entry point relies
 * on, and the library version.
 */
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

#include "xapian-c/private.h"

const char *xc_status_to_string(xc_status status)
{
    switch (status) {
    case XC_OK: return "ok";
    case XC_ERR_NOMEM: return "out of memory";
    case XC_ERR_OPENING: return "database cannot be opened";
    case XC_ERR_LOCKED: return "database locked by another writer";
    case XC_ERR_CORRUPT: return "database corrupt";
    case XC_ERR_MODIFIED: return "database modified by a writer, reopen and retry";
    case XC_ERR_NOT_FOUND: return "no such document";
    case XC_ERR_INVALID_ARGUMENT: return "invalid argument";
    case XC_ERR_NOSPACE: return "no space left for the database";
    case XC_ERR_NETWORK: return "a remote shard did not answer";
    case XC_ERR_XAPIAN: return "Xapian error";
    case XC_ERR_UNKNOWN: return "unknown error";
    }
    return "unknown status";
}

/* Storing a message may itself run out of memory: then the message is
 * dropped (left empty) rather than letting bad_alloc escape. */
static void keep_message(std::string *msg, const char *text) noexcept
{
    if (!msg)
        return;
    try {
        msg->assign(text);
    } catch (...) {
        msg->clear();
    }
}

static void keep_description(std::string *msg, const Xapian::Error &e) noexcept
{
    if (!msg)
        return;
    try {
        *msg = e.get_description();
    } catch (...) {
        msg->clear();
    }
}

static xc_status xapian_status(std::string *msg, const Xapian::Error &e, xc_status status) noexcept
{
    keep_description(msg, e);
    return status;
}

/* Did a write fail for want of room? Xapian keeps the errno of a failed
 * write private and tells only its text, either as the error string or,
 * when a failed commit could not then go back to the old revision, inside
 * the message ("Modifications failed (... (No space left on device))"). */
static bool out_of_room(const Xapian::Error &e) noexcept
{
    const char *text = e.get_error_string();
    const std::string &msg = e.get_msg();
    for (int code : {ENOSPC, EDQUOT, EFBIG}) {
        const char *why = std::strerror(code);
        if ((text && std::strcmp(text, why) == 0) || msg.find(why) != std::string::npos)
            return true;
    }
    return false;
}

xc_status xc_caught(std::string *msg) noexcept
{
    /* Most derived classes first: DatabaseLockError is a
     * DatabaseOpeningError, and every Xapian::Error is caught last. */
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xapian_status(msg, e, XC_ERR_LOCKED);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xapian_status(msg, e, XC_ERR_OPENING);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xapian_status(msg, e, XC_ERR_CORRUPT);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xapian_status(msg, e, XC_ERR_MODIFIED);
    } catch (const Xapian::DocNotFoundError &e) {
        return xapian_status(msg, e, XC_ERR_NOT_FOUND);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xapian_status(msg, e, XC_ERR_INVALID_ARGUMENT);
    } catch (const Xapian::InvalidOperationError &e) {
        return xapian_status(msg, e, XC_ERR_INVALID_ARGUMENT);
    } catch (const Xapian::NetworkError &e) {
        return xapian_status(msg, e, XC_ERR_NETWORK);
    } catch (const Xapian::Error &e) {
        return xapian_status(msg, e, out_of_room(e) ? XC_ERR_NOSPACE : XC_ERR_XAPIAN);
    } catch (const std::bad_alloc &) {
        keep_message(msg, "out of memory");
        return XC_ERR_NOMEM;
    } catch (const std::exception &e) {
        keep_message(msg, e.what());
        return XC_ERR_UNKNOWN;
    } catch (...) {
        keep_message(msg, "unknown exception");
        return XC_ERR_UNKNOWN;
    }
}

xc_status xc_fail(std::string *msg, xc_status status, const char *text) noexcept
{
    keep_message(msg, text);
    return status;
}

char *xc_strdup(const std::string &s) noexcept
{
    char *copy = static_cast<char *>(std::malloc(s.size() + 1));
    if (!copy)
        return NULL;
    std::memcpy(copy, s.c_str(), s.size() + 1);
    return copy;
}

void xc_give_error(char **err, const std::string &msg) noexcept
{
    if (err)
        *err = xc_strdup(msg);
}

const char *xc_version(void)
{
    return Xapian::version_string();
}

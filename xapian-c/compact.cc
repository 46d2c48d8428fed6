/*
 * Compaction (what xapian-compact does) into a directory this call creates.
 *
 * Xapian writes over whatever database already sits at the destination, so
 * the directory is made here with mkdir: an existing path is refused rather
 * than overwritten, and a failed compaction removes what it left behind.
 */
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xapian-c/private.h"

#if defined(__SANITIZE_ADDRESS__)
/* libxapian 1.4.22's compactor leaks the tables it was writing when it
 * fails (a damaged source, a full disk: an exception from inside
 * Database::compact, not in this tree): a few hundred KB, once, in a
 * command that then exits. libxapian has no frame pointers, so the
 * allocation's stack ends inside it and the suppression can only name the
 * library: LeakSanitizer passes over blocks allocated within libxapian
 * itself. A handle this tree allocates and leaks is still reported. */
extern "C" const char *__lsan_default_suppressions(void);
extern "C" const char *__lsan_default_suppressions(void)
{
    return "leak:libxapian.so\n";
}
#endif

/* Remove the directory dst made by xc_compact and the files Xapian wrote
 * into it (glass writes plain files only, no subdirectories). Best effort:
 * the compaction error is what the caller needs to hear about. */
static void remove_partial_output(const char *dst) noexcept
{
    DIR *dir = opendir(dst);
    if (dir) {
        const struct dirent *entry;
        while ((entry = readdir(dir)) != NULL) {
            if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
                continue;
            unlinkat(dirfd(dir), entry->d_name, 0);
        }
        closedir(dir);
    }
    rmdir(dst);
}

xc_status xc_compact_many(const char *const *srcs, size_t n, const char *dst, unsigned flags,
                          char **err)
{
    if (err)
        *err = NULL;
    std::string msg;
    xc_status st;
    bool srcs_ok = srcs && n > 0;
    for (size_t i = 0; srcs_ok && i < n; i++)
        srcs_ok = srcs[i] != NULL;
    if (!srcs_ok || !dst) {
        st = xc_fail(&msg, XC_ERR_INVALID_ARGUMENT, "xc_compact: src or dst is NULL");
        xc_give_error(err, msg);
        return st;
    }
    if (mkdir(dst, 0777) != 0) {
        int mkdir_errno = errno;
        try {
            msg = std::string("cannot create compaction output ") + dst + ": " +
                  std::strerror(mkdir_errno);
        } catch (...) {
            msg.clear();
        }
        xc_give_error(err, msg);
        return XC_ERR_INVALID_ARGUMENT;
    }
    try {
        /* Renumbering gives the documents of srcs[0] the first ids, then
         * those of srcs[1], and so on. */
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(srcs[i]));
        all.compact(dst, flags & XC_COMPACT_KEEP_DOCIDS ? Xapian::DBCOMPACT_NO_RENUMBER : 0);
        return XC_OK;
    } catch (...) {
        st = xc_caught(&msg);
    }
    remove_partial_output(dst);
    xc_give_error(err, msg);
    return st;
}

xc_status xc_compact(const char *src, const char *dst, char **err)
{
    return xc_compact_many(&src, 1, dst, 0, err);
}

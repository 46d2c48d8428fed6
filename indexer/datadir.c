/* The data directory: store + derived index. See roster.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "indexer/datadir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/profile.h"
#include "core/record.h"
#include "core/records.h"
#include "core/schema.h"
#include "indexer/bulk.h"
#include "indexer/document.h"
#include "indexer/shards.h"
#include "intake/cv.h"

#define POINTER_FILE "index.current"
#define LOCK_FILE "write.lock"
#define LOCK_WAIT_MS 10000 /* a writer waits this long for another, then "busy" */
#define LOCK_WAIT_ENV "ROSTER_LOCK_WAIT_MS" /* overrides LOCK_WAIT_MS (tests, scripts) */
#define SHARD_TIMEOUT_ENV "ROSTER_SHARD_TIMEOUT_MS" /* a remote shard's timeout, ms */
#define META_CHANGE "store_change"
#define META_VERSION "index_version"
#define META_STORE_ID "store_id" /* the identity of the store it was built from, hex */
#define META_SHARD "shard"       /* "K/N": shard K (from 0) of N; none: "0/1" */
#define REBUILD_MIN RS_BULK_BATCH /* experts changed: fewer are replaced one by one */

struct rs_data {
    char *dir;
    rs_open_mode mode;
    int lock_fd;        /* write.lock, held (flock) in write mode */
    rs_store *store;
    xc_db *index;       /* reader, opened on demand */
    char index_path[4096];
    char error[1024];
    char notes[1024];   /* rs_data_notes */
    char warning[1280]; /* what a reader should know of the answers: see answer_behind */
    char **imported;    /* rs_data_imported_ids */
    char **imported_names; /* and their names */
    size_t n_imported, cap_imported;
    char *account;      /* who acts, for the audit lines of changes (NULL: unknown) */
    char *index_stub;   /* --index: readers read this stub, not the directory's own index */
    int allow_partial;  /* and leave out its shards that do not answer */
    rs_status stub_err; /* why it did not open (RS_ERR_INPUT: the stub is wrong) */
};

static rs_status fail(rs_data *r, rs_status err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static rs_status fail(rs_data *r, rs_status err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    return err;
}

static rs_status store_fail(rs_data *r, rs_status err)
{
    return fail(r, err, "%s", rs_store_error(r->store));
}

const char *rs_data_error(const rs_data *r) { return r->error; }

rs_status rs_data_set_account(rs_data *r, const char *account)
{
    char *copy = strdup(account);
    if (!copy) return RS_ERR_NOMEM;
    free(r->account);
    r->account = copy;
    return RS_OK;
}

/* Record a change in the audit trail inside its store transaction. */
static rs_status audit_change(rs_data *r, const char *action, char *const *ids, size_t n)
{
    rs_status err = rs_records_audit(r->store, r->account ? r->account : "", action, ids, n);
    return err ? store_fail(r, err) : RS_OK;
}
const char *rs_data_warning(const rs_data *r) { return r->warning; }
const char *rs_data_notes(const rs_data *r) { return r->notes; }

static void note(rs_data *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(rs_data *r, const char *fmt, ...)
{
    size_t n = strlen(r->notes);
    if (n && n + 1 < sizeof r->notes) r->notes[n++] = '\n';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->notes + n, sizeof r->notes - n, fmt, ap);
    va_end(ap);
}

/* Modes that take the write lock. */
static int writes(rs_open_mode mode)
{
    return mode == RS_OPEN_WRITE || mode == RS_OPEN_UPDATE || mode == RS_OPEN_REBUILD;
}

rs_store *rs_data_store(rs_data *r) { return r->store; }

static void path_in(const rs_data *r, const char *name, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/%s", r->dir, name);
}

/* ---- the write lock ---- */

/* A writer must have the lock file. A reader only needs it to repair the
 * index, which it cannot do without write access: in a directory it may not
 * write (read-only, another user's) it goes without (lock_fd -1). */
static rs_status lock_open(rs_data *r)
{
    char path[4096];
    path_in(r, LOCK_FILE, path, sizeof path);
    r->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (r->lock_fd < 0 && !writes(r->mode)) {
        r->lock_fd = open(path, O_RDONLY | O_CLOEXEC);
        return RS_OK;
    }
    if (r->lock_fd < 0) return fail(r, RS_ERR_IO, "%s: %s", path, strerror(errno));
    return RS_OK;
}

/* Take the write lock, waiting up to wait_ms. */
static rs_status lock_take(rs_data *r, int wait_ms)
{
    for (int waited = 0;; waited += 20) {
        if (flock(r->lock_fd, LOCK_EX | LOCK_NB) == 0) return RS_OK;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return fail(r, RS_ERR_IO, "%s: lock: %s", r->dir, strerror(errno));
        if (waited >= wait_ms)
            return fail(r, RS_ERR_BUSY, "%s: busy: another roster process is writing; try again",
                        r->dir);
        nanosleep(&(struct timespec){0, 20 * 1000000L}, NULL);
    }
}

static void lock_release(rs_data *r) { flock(r->lock_fd, LOCK_UN); }

/* May this process repair the index: the lock file, the store and the
 * directory all writable? */
static int can_write(rs_data *r)
{
    return r->lock_fd >= 0 && !rs_store_read_only(r->store) && access(r->dir, W_OK) == 0;
}

/* LOCK_WAIT_MS, or $ROSTER_LOCK_WAIT_MS when it is a number of milliseconds
 * from 0 to a day (anything else is ignored). */
static int lock_wait_ms(void)
{
    const char *env = getenv(LOCK_WAIT_ENV);
    char *end;
    long ms = env ? strtol(env, &end, 10) : -1;
    if (!env || end == env || *end || ms < 0 || ms > 24L * 3600 * 1000) return LOCK_WAIT_MS;
    return (int)ms;
}

/* ---- index.current ---- */

/* Is `name` one of ours: "index-N", N from 1 to 999999999 (so N + 1 never
 * overflows an int)? */
static int index_name_valid(const char *name)
{
    const char *n = name + 6;
    size_t digits = strspn(n, "0123456789");
    return strncmp(name, "index-", 6) == 0 && digits >= 1 && digits <= 9 && n[0] != '0' &&
           n[digits] == 0;
}

/* Name of the live index directory into name[64]; "" when there is none. */
static rs_status pointer_read(rs_data *r, char name[64])
{
    char path[4096];
    path_in(r, POINTER_FILE, path, sizeof path);
    name[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT ? RS_OK : fail(r, RS_ERR_IO, "%s: %s", path, strerror(errno));
    int ok = fgets(name, 64, f) != NULL;
    fclose(f);
    name[strcspn(name, "\n")] = 0;
    if (!ok || !index_name_valid(name))
        return fail(r, RS_ERR_CORRUPT, "%s: does not name an index directory", path);
    return RS_OK;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Point index.current at `name`, atomically and durably. */
static rs_status pointer_write(rs_data *r, const char *name)
{
    char path[4096], tmp[4200];
    path_in(r, POINTER_FILE, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) return fail(r, RS_ERR_IO, "%s: %s", tmp, strerror(errno));
    int bad = fprintf(f, "%s\n", name) < 0;
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return fail(r, RS_ERR_IO, "%s: %s", path, strerror(errno));
    }
    fsync_path(r->dir, O_RDONLY | O_DIRECTORY);
    return RS_OK;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The name of the first index directory into name[64]; "" when none. */
static void first_index(rs_data *r, char name[64])
{
    DIR *d = opendir(r->dir);
    struct dirent *ent;
    name[0] = 0;
    while (d && !name[0] && (ent = readdir(d)))
        if (index_name_valid(ent->d_name)) snprintf(name, 64, "%.15s", ent->d_name); /* index-N */
    if (d) closedir(d);
}

/* Index directories but `keep` (left by a crash, a switch or a damaged
 * index.current): how many, each removed when `remove` is set (the write
 * lock held). An old index still holds forgotten experts' text. */
static int stale_indexes(rs_data *r, const char *keep, int remove)
{
    DIR *d = opendir(r->dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (!index_name_valid(ent->d_name) || strcmp(ent->d_name, keep) == 0) continue;
        n++;
        if (!remove) continue;
        char path[4096];
        path_in(r, ent->d_name, path, sizeof path);
        remove_tree(path);
    }
    closedir(d);
    return n;
}

static void next_name(const char *current, char out[64])
{
    snprintf(out, 64, "index-%d", current[0] ? atoi(current + 6) + 1 : 1);
}

/* ---- open and close ---- */

static void close_reader(rs_data *r)
{
    xc_db_free(r->index);
    r->index = NULL;
}

/* Attempts at opening the live index while writers keep switching it. */
#define OPEN_TRIES 8

/* How long a remote shard may take to connect or to answer. */
static unsigned shard_timeout_ms(void)
{
    const char *env = getenv(SHARD_TIMEOUT_ENV);
    char *end;
    long ms = env ? strtol(env, &end, 10) : -1;
    if (!env || end == env || *end || ms < 1 || ms > 3600L * 1000) return XC_REMOTE_TIMEOUT_MS;
    return (unsigned)ms;
}

/* The index named by --index (a stub of shards, local or remote). */
static xc_db *open_stub_index(rs_data *r)
{
    char *msg = NULL;
    snprintf(r->index_path, sizeof r->index_path, "%s", r->index_stub);
    xc_status st = xc_db_open_shards(r->index_stub, shard_timeout_ms(), r->allow_partial, &r->index,
                                     &msg);
    if (st != XC_OK) {
        char pointer[4200];
        struct stat sb;
        snprintf(pointer, sizeof pointer, "%s/%s", r->index_stub, POINTER_FILE);
        const char *hint =
            stat(pointer, &sb) == 0 ? " (this is a data directory: give it as --db; --index "
                                      "names a stub of shards, docs/shards.md)"
            : msg && strstr(msg, "REMOTE:") ? " (a shard server could not open its shard: a "
                                              "forget or reindex moves the shards to a new "
                                              "directory, which roster stats --json lists "
                                              "without --index: serve those)"
                                            : "";
        r->stub_err = fail(r, st == XC_ERR_INVALID_ARGUMENT ? RS_ERR_INPUT : RS_ERR_INDEX,
                           "%s: %s%s", r->index_stub, msg ? msg : "cannot open", hint);
        close_reader(r);
    }
    free(msg);
    return r->index;
}

/* A writer may switch index.current and remove the old directory while a
 * reader opens it: the open fails, or succeeds on a half-removed directory
 * (Xapian takes a missing optional table for an empty one). So index.current
 * is read again once the open is done: if it still names the directory
 * opened, the switch, and so the removal, comes after the open, and every
 * file is held open (still readable once removed). Otherwise the reader
 * tries the new directory. */
xc_db *rs_data_index(rs_data *r)
{
    if (r->index) return r->index;
    if (r->index_stub) return open_stub_index(r);
    char name[64], again[64];
    if (pointer_read(r, name)) return NULL;
    for (int tries = 1;; tries++) {
        if (!name[0]) {
            fail(r, RS_ERR_INDEX, "%s: no index yet (import experts first)", r->dir);
            return NULL;
        }
        path_in(r, name, r->index_path, sizeof r->index_path);
        char *msg = NULL;
        xc_status st = xc_db_open(r->index_path, &r->index, &msg);
        if (pointer_read(r, again)) {
            free(msg);
            close_reader(r);
            return NULL;
        }
        if (strcmp(again, name) == 0 || tries == OPEN_TRIES) {
            if (st != XC_OK) {
                fail(r, RS_ERR_INDEX, "%s: %s", r->index_path, msg ? msg : "cannot open");
                close_reader(r);
            }
            free(msg);
            return r->index;
        }
        free(msg);
        close_reader(r);
        memcpy(name, again, sizeof name);
    }
}

const char *rs_data_index_path(rs_data *r)
{
    char name[64];
    if (r->index_stub) return r->index_stub;
    if (pointer_read(r, name) || !name[0]) return NULL;
    path_in(r, name, r->index_path, sizeof r->index_path);
    return r->index_path;
}

static int64_t tree_bytes;
static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path, (void)ftw;
    if (flag == FTW_F) tree_bytes += st->st_size;
    return 0;
}

/* The bytes of the index's local shards (a remote one's are not here). */
int64_t rs_data_index_bytes(rs_data *r)
{
    xc_db *db = rs_data_index(r);
    tree_bytes = 0;
    for (size_t k = 0; db && k < xc_db_shard_count(db); k++)
        if (xc_db_shard_path(db, k)) nftw(xc_db_shard_path(db, k), add_size, 16, FTW_PHYS);
    return tree_bytes;
}

/* The store change shard k of the index reflects, or -1 when unknown. */
static int64_t shard_change(xc_db *db, size_t k)
{
    char *version = NULL, *change = NULL;
    int64_t n = -1;
    if (xc_db_shard_metadata(db, k, META_VERSION, &version) == XC_OK &&
        xc_db_shard_metadata(db, k, META_CHANGE, &change) == XC_OK &&
        strcmp(version, RS_INDEX_VERSION) == 0 && change[0])
        n = strtoll(change, NULL, 10);
    free(version);
    free(change);
    return n;
}

/* The store change the index reflects: in shards, the one furthest behind
 * (a crash between their commits); -1 when it must be rebuilt. */
static int64_t index_change(xc_db *db)
{
    int64_t least = -1;
    for (size_t k = 0; k < xc_db_shard_count(db); k++) {
        int64_t n = shard_change(db, k);
        if (n < 0) return -1;
        if (k == 0 || n < least) least = n;
    }
    return least;
}

static rs_status count_id(const char *id, void *arg)
{
    (void)id;
    (*(long *)arg)++;
    return RS_OK;
}

/* Experts erased from the store whose forgetting is not finished: the index
 * may hold their text in freed blocks, the WAL in old frames, until the
 * compaction and checkpoint (cut short by a crash). -1 when unknown. */
static long erasures_pending(rs_data *r)
{
    long n = 0;
    return rs_store_each_erased(r->store, 0, count_id, &n) == RS_OK ? n : -1;
}

/* Forget the ids erased up to store change `upto`, with a checkpoint before
 * (their text leaves the store's main file and WAL) and after (the ids do:
 * another process holding the store open keeps SQLite from doing it at
 * close). */
static rs_status forget_erased_ids(rs_data *r, int64_t upto)
{
    if (rs_store_checkpoint(r->store) || rs_store_prune_erased(r->store, upto) ||
        rs_store_checkpoint(r->store))
        return store_fail(r, RS_ERR_IO);
    return RS_OK;
}

/* The identity of the store shard k was built from: 0 when it records
 * none (built before stores had one). */
static uint64_t shard_identity(xc_db *db, size_t k)
{
    char *id = NULL;
    uint64_t n = 0;
    if (xc_db_shard_metadata(db, k, META_STORE_ID, &id) == XC_OK && id[0])
        n = strtoull(id, NULL, 16);
    free(id);
    return n;
}

/* The identity of the store the index was built from: 0 when some shard
 * records none. */
static uint64_t index_identity(xc_db *db)
{
    uint64_t id = 0;
    for (size_t k = 0; k < xc_db_shard_count(db); k++) {
        uint64_t n = shard_identity(db, k);
        if (n == 0) return 0;
        if (k == 0) id = n;
    }
    return id;
}

/* A store and an index of different rosters (one of them copied in from
 * elsewhere) must not answer together: the index would give experts the
 * store does not hold, or miss some it does. Which one is wrong only the
 * user knows, so nothing is rebuilt; the message names both identities.
 * An index that records none is rebuilt by the next writer (it may well be
 * this store's, from before identities). */
static rs_status check_identity(rs_data *r)
{
    uint64_t store_id;
    if (rs_store_identity(r->store, &store_id)) return store_fail(r, RS_ERR_IO);
    xc_db *db = rs_data_index(r);
    size_t shards = db ? xc_db_shard_count(db) : 0;
    for (size_t k = 0; k < shards; k++) {
        uint64_t index_id = shard_identity(db, k);
        if (index_id == 0 || index_id == store_id) continue;
        char store[64];
        if (store_id) snprintf(store, sizeof store, "%016llx", (unsigned long long)store_id);
        else snprintf(store, sizeof store, "without one (made by an older roster)");
        if (r->index_stub)
            return fail(r, RS_ERR_CORRUPT,
                        "%s: %s was built from another roster's store (%016llx, this store is "
                        "%s): name the shards of this roster (roster stats --db %s --json "
                        "lists them)", r->index_stub, xc_db_shard_name(db, k),
                        (unsigned long long)index_id, store, r->dir);
        return fail(r, RS_ERR_CORRUPT,
                    "%s: the store and the index are of different rosters: store %s, index %s "
                    "built from store %016llx; `roster reindex` rebuilds the index from this "
                    "store (or put back the store the index was built from)",
                    r->dir, store, shards > 1 ? xc_db_shard_name(db, k) : r->index_path,
                    (unsigned long long)index_id);
    }
    return RS_OK;
}

/* Is the index behind the store (or missing, or not stamped with the
 * store's identity), a forget unfinished, or an index directory left over? */
static int index_stale(rs_data *r)
{
    int64_t store_change;
    char current[64];
    if (rs_store_change(r->store, &store_change) || pointer_read(r, current)) return 1;
    xc_db *db = rs_data_index(r);
    return !db || index_change(db) != store_change || !index_identity(db) ||
           erasures_pending(r) != 0 || stale_indexes(r, current, 0) > 0;
}

/* A reader whose repair of the index failed (the disk full, say) answers
 * from the last index committed, when that one still opens, rather than
 * not at all, and says in r->warning what its answers miss. Why the repair
 * failed is kept in the warning; the next command tries again. */
static rs_status answer_behind(rs_data *r, rs_status err)
{
    char why[sizeof r->error];
    int64_t store_change;
    memcpy(why, r->error, sizeof why);
    xc_db *db = err == RS_ERR_NOMEM ? NULL : rs_data_index(r);
    int64_t at = db ? index_change(db) : -1;
    if (at < 0 || rs_store_change(r->store, &store_change) || at > store_change) {
        memcpy(r->error, why, sizeof why);
        return err;
    }
    if (at == store_change)
        snprintf(r->warning, sizeof r->warning,
                 "the last forget is not finished (the index still has to be compacted): %s", why);
    else
        snprintf(r->warning, sizeof r->warning,
                 "the index is behind the store (it reflects change %lld, the store is at %lld), "
                 "so answers miss the latest changes: %s",
                 (long long)at, (long long)store_change, why);
    return RS_OK;
}

/* A reader that finds the index stale brings it forward when it may: write
 * access, and no writer at work (which brings it forward itself). Otherwise
 * it answers from the index as it is, and says so when it is behind. */
static rs_status reader_catch_up(rs_data *r)
{
    int writable = can_write(r);
    if (writable && lock_take(r, 0) == RS_OK) {
        rs_status err = rs_data_sync(r);
        lock_release(r);
        return err ? answer_behind(r, err) : RS_OK;
    }
    int64_t store_change;
    xc_db *db = rs_data_index(r);
    if (!db && !writable)
        note(r, "the index is missing or damaged, and this user may not write the data "
                "directory to rebuild it; the next command run by its owner does");
    int64_t at = db ? index_change(db) : -1;
    if (at < 0 || rs_store_change(r->store, &store_change) || at == store_change) return RS_OK;
    note(r, "the index reflects store change %lld, the store is at %lld: answers may miss the "
            "latest changes (%s)", (long long)at, (long long)store_change,
         writable ? "a writer is at work and brings the index up to date"
                  : "this user may not write the data directory; the next command run by its "
                    "owner brings the index up to date");
    return RS_OK;
}

/* Only an import makes a roster: any other command on a directory without a
 * store creates nothing. A store gone from beside its index is an error,
 * never an empty roster: rebuilding the index from it would delete the last
 * copy of the profiles. */
static rs_status find_store(rs_data *r)
{
    char path[4096], index[64] = "";
    struct stat st;
    path_in(r, RS_STORE_FILE, path, sizeof path);
    if (stat(path, &st) == 0) return RS_OK;
    if (errno != ENOENT && errno != ENOTDIR) return fail(r, RS_ERR_IO, "%s: %s", path, strerror(errno));
    path_in(r, POINTER_FILE, path, sizeof path);
    if (stat(path, &st) == 0) snprintf(index, sizeof index, "%s", POINTER_FILE);
    else first_index(r, index);
    if (index[0])
        return fail(r, RS_ERR_CORRUPT,
                    "%s: the store %s is missing but the index (%s) is there: restore %s from a "
                    "backup (the index alone cannot rebuild it); to start an empty roster "
                    "instead, move %s away and import again", r->dir, RS_STORE_FILE, index,
                    RS_STORE_FILE, r->dir);
    if (r->mode != RS_OPEN_WRITE) return fail(r, RS_ERR_NOT_FOUND, "no roster at %s", r->dir);
    if (mkdir(r->dir, 0700) != 0 && errno != EEXIST)
        return fail(r, RS_ERR_IO, "%s: %s", r->dir, strerror(errno));
    return RS_OK;
}

/* Whoever may write the data directory may swap the store or the index: a
 * directory others may write is made owner-only when it is ours, refused
 * when it is not (or when it is a shared one, sticky like /tmp). */
static rs_status check_dir_mode(rs_data *r)
{
    struct stat st;
    if (stat(r->dir, &st) != 0) return fail(r, RS_ERR_IO, "%s: %s", r->dir, strerror(errno));
    unsigned mode = (unsigned)st.st_mode & 07777;
    if (!(mode & (S_IWGRP | S_IWOTH))) return RS_OK;
    if (mode & S_ISVTX)
        return fail(r, RS_ERR_IO, "%s: a shared directory (mode %o): a roster needs a directory "
                                  "of its own", r->dir, mode);
    if (st.st_uid != geteuid())
        return fail(r, RS_ERR_IO, "%s: other users may write it (mode %o) and it is not yours: "
                                  "refusing to use it (its owner can run chmod 700 on it)",
                    r->dir, mode);
    if (chmod(r->dir, 0700) != 0)
        return fail(r, RS_ERR_IO, "%s: other users may write it (mode %o) and it cannot be made "
                                  "private: %s", r->dir, mode, strerror(errno));
    note(r, "%s: other users could write it (mode %o): now 700, owner only", r->dir, mode);
    return RS_OK;
}

/* A reader of a stub given by --index: it cannot write the shards (they
 * may be on other machines), so it answers from them as they are, after
 * the same identity check as the directory's own index, and says when they
 * are behind the store or when some did not answer. */
/* Which shard of how many shard k of db is, from its metadata ("K/N"). An
 * index made before shards records none: 1, and 0 of 1. 0 when recorded,
 * -1 when unreadable. */
static int shard_place(xc_db *db, size_t k, size_t *place, size_t *of)
{
    char *value = NULL;
    *place = 0, *of = 1;
    int rc = xc_db_shard_metadata(db, k, META_SHARD, &value) == XC_OK ? 0 : -1;
    if (rc == 0 && !value[0]) rc = 1;
    else if (rc == 0 && (sscanf(value, "%zu/%zu", place, of) != 2 || *place >= *of)) rc = -1;
    free(value);
    return rc;
}

/* A stub must name every shard of the index once: one left out or named
 * twice would change totals and rankings without a word. Shards that did
 * not answer (--allow-partial) count as named. */
static rs_status check_coverage(rs_data *r, xc_db *db)
{
    size_t n = xc_db_shard_count(db), missing = 0, of = 0;
    while (xc_db_shard_missing(db, missing)) missing++;
    const char *seen[RS_SHARDS_MAX] = {0};
    for (size_t k = 0; k < n; k++) {
        size_t place, total;
        const char *name = xc_db_shard_name(db, k);
        int recorded = shard_place(db, k, &place, &total);
        if (recorded < 0 || total > RS_SHARDS_MAX)
            return fail(r, RS_ERR_INDEX, "%s: %s: cannot tell which shard it is", r->index_stub,
                        name);
        /* Shards made before each recorded its place cannot be checked. */
        if (recorded > 0 && n + missing > 1)
            return fail(r, RS_ERR_INDEX, "%s: %s does not record which shard it is (made by an "
                                         "older roster): rebuild the shards with roster reindex",
                        r->index_stub, name);
        if (k > 0 && total != of)
            return fail(r, RS_ERR_INPUT, "%s: %s is one of %zu shards, %s one of %zu: name the "
                                         "shards of one index", r->index_stub, name, total,
                        xc_db_shard_name(db, 0), of);
        of = total;
        if (seen[place])
            return fail(r, RS_ERR_INPUT, "%s: shard %zu of %zu is named twice (%s and %s)",
                        r->index_stub, place + 1, of, seen[place], name);
        seen[place] = name;
    }
    if (n + missing == of) return RS_OK;
    char list[256] = "";
    size_t len = 0;
    for (size_t p = 0; p < of && len < sizeof list; p++)
        if (!seen[p])
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%zu", len ? ", " : "", p + 1);
    return fail(r, RS_ERR_INPUT, "%s: names %zu of the index's %zu shards%s%s: every shard must "
                                 "be named (roster stats --json lists them)", r->index_stub,
                n + missing, of, missing ? "" : "; missing: ", missing ? "" : list);
}

/* Shards of another index version hold other terms and values: their
 * answers would be wrong, not merely behind. Asked only when index_change
 * found no change it could read (it reads each shard's version too). */
static rs_status check_versions(rs_data *r, xc_db *db)
{
    for (size_t k = 0; k < xc_db_shard_count(db); k++) {
        char *version = NULL;
        if (xc_db_shard_metadata(db, k, META_VERSION, &version) != XC_OK)
            return fail(r, RS_ERR_INDEX, "%s: %s: %s", r->index_stub, xc_db_shard_name(db, k),
                        xc_db_last_error(db));
        int same = strcmp(version, RS_INDEX_VERSION) == 0;
        if (!same)
            fail(r, RS_ERR_INDEX, "%s: %s was built by another version of roster (index version "
                                  "%s, this one reads %s): rebuild the shards with roster "
                                  "reindex and serve the new ones", r->index_stub,
                 xc_db_shard_name(db, k), version[0] ? version : "none", RS_INDEX_VERSION);
        free(version);
        if (!same) return RS_ERR_INDEX;
    }
    return RS_OK;
}

static rs_status stub_reader(rs_data *r)
{
    xc_db *db = rs_data_index(r);
    if (!db) return r->stub_err;
    rs_status err = check_coverage(r, db);
    if (err) return err;
    int64_t store_change, at = index_change(db);
    if (at < 0 && (err = check_versions(r, db)) != RS_OK) return err;
    if (rs_store_change(r->store, &store_change)) return store_fail(r, RS_ERR_IO);
    if (at != store_change)
        note(r, "the index %s reflects store change %lld, the store is at %lld: answers may "
                "miss the latest changes, and still show experts forgotten since, until its "
                "shards catch up", r->index_stub, (long long)at, (long long)store_change);
    size_t missing = 0, n = xc_db_shard_count(db), len = 0;
    while (xc_db_shard_missing(db, missing)) missing++;
    if (!missing) return RS_OK;
    /* "partial answers from 2 of 3 shards: A, C answered; B did not" */
    char *w = r->warning;
    size_t room = sizeof r->warning;
    len = (size_t)snprintf(w, room, "partial answers from %zu of %zu shards: ", n, n + missing);
    for (size_t k = 0; k < n + missing && len < room; k++)
        len += (size_t)snprintf(w + len, room - len, "%s%s%s", k == n ? " answered; " : k ? ", " : "",
                                k < n ? xc_db_shard_name(db, k) : xc_db_shard_missing(db, k - n),
                                k == n + missing - 1 ? " did not" : "");
    return RS_OK;
}

rs_status rs_data_open(const char *dir, rs_open_mode mode, rs_data **out, char **errmsg)
{
    return rs_data_open_index(dir, mode, NULL, out, errmsg);
}

rs_status rs_data_open_index(const char *dir, rs_open_mode mode, const rs_index_choice *choice,
                             rs_data **out, char **errmsg)
{
    *out = NULL;
    rs_data *r = calloc(1, sizeof *r);
    if (!r || !(r->dir = strdup(dir)) ||
        (choice && choice->index && !(r->index_stub = strdup(choice->index)))) {
        if (r) free(r->dir);
        free(r);
        return RS_ERR_NOMEM;
    }
    r->allow_partial = choice && choice->allow_partial;
    r->mode = mode;
    r->lock_fd = -1;
    rs_status err = find_store(r);
    if (!err && r->index_stub && !r->index_stub[0])
        err = fail(r, RS_ERR_INPUT, "--index: empty: name a stub file of shards");
    if (!err && r->index_stub && writes(mode))
        err = fail(r, RS_ERR_INPUT, "--index %s: an index named by --index is only read; "
                                    "changes go to the data directory's own index",
                   r->index_stub);
    if (!err) err = check_dir_mode(r);
    if (!err && writes(mode) && access(dir, W_OK) != 0)
        err = fail(r, RS_ERR_IO, "%s: this user may not write it (a read-only directory, or "
                                 "another user's): changes need write access; searches and "
                                 "verify still answer", dir);
    if (!err) err = lock_open(r);
    if (!err && writes(mode)) err = lock_take(r, lock_wait_ms());
    if (!err) {
        char *msg = NULL;
        err = mode == RS_OPEN_WRITE ? rs_store_open(dir, &r->store, &msg)
                                    : rs_store_open_existing(dir, &r->store, &msg);
        if (err) fail(r, err, "%s", msg ? msg : rs_status_to_string(err));
        free(msg);
    }
    if (!err && mode != RS_OPEN_REBUILD) err = check_identity(r);
    if (!err && r->index_stub)
        err = stub_reader(r);
    else if (!err && (mode == RS_OPEN_WRITE || mode == RS_OPEN_UPDATE))
        err = rs_data_sync(r);
    else if (!err && mode == RS_OPEN_READ && index_stale(r))
        err = reader_catch_up(r);
    if (err) {
        if (errmsg) *errmsg = strdup(r->error);
        rs_data_close(r);
        return err;
    }
    *out = r;
    return RS_OK;
}

static void imported_clear(rs_data *r)
{
    for (size_t i = 0; i < r->n_imported; i++) {
        free(r->imported[i]);
        free(r->imported_names[i]);
    }
    free(r->imported);
    free(r->imported_names);
    r->imported = r->imported_names = NULL;
    r->n_imported = r->cap_imported = 0;
}

/* Remember an id the import stored (its transaction may still roll back). */
static rs_status imported_add(rs_data *r, const char *id, const char *name)
{
    if (r->n_imported == r->cap_imported) {
        size_t cap = r->cap_imported ? 2 * r->cap_imported : 64;
        char **ids = realloc(r->imported, cap * sizeof *ids);
        if (ids) r->imported = ids;
        char **names = ids ? realloc(r->imported_names, cap * sizeof *names) : NULL;
        if (!names) return RS_ERR_NOMEM;
        r->imported_names = names;
        r->cap_imported = cap;
    }
    char *id_copy = strdup(id), *name_copy = strdup(name);
    if (!id_copy || !name_copy) {
        free(id_copy);
        free(name_copy);
        return RS_ERR_NOMEM;
    }
    r->imported[r->n_imported] = id_copy;
    r->imported_names[r->n_imported++] = name_copy;
    return RS_OK;
}

char *const *rs_data_imported_ids(const rs_data *r, size_t *n)
{
    *n = r->n_imported;
    return r->imported;
}

char *const *rs_data_imported_names(const rs_data *r)
{
    return r->imported_names;
}

void rs_data_close(rs_data *r)
{
    if (!r) return;
    close_reader(r);
    rs_store_close(r->store);
    if (r->lock_fd >= 0) close(r->lock_fd); /* releases the lock */
    imported_clear(r);
    free(r->dir);
    free(r->account);
    free(r->index_stub);
    free(r);
}

/* ---- writing the index ---- */

/* Writers on every shard of an index (one: the index itself). */
typedef struct {
    rs_data *r;
    xc_wdb *wdbs[RS_SHARDS_MAX];
    size_t shards;
    uint32_t next_docid; /* in shards: the docid of the next expert new to the index */
    rs_stemmers *stemmers;
    int fresh;        /* index known empty: add instead of replace */
} writer;

/* A failure of Xapian as an rs_status: a disk (or file size limit) found full
 * is told apart from damage, which a rebuild repairs. */
static rs_status index_err(xc_status st)
{
    return st == XC_ERR_NOSPACE ? RS_ERR_NOSPACE : RS_ERR_INDEX;
}

static rs_status xapian_fail(rs_data *r, xc_wdb *wdb, xc_status st, const char *what)
{
    return fail(r, index_err(st), "%s: %s: %s", r->dir, what, xc_wdb_last_error(wdb));
}

static rs_status write_expert(rs_expert *e, void *arg)
{
    writer *w = arg;
    xc_doc *doc;
    rs_status err = rs_document_build(e, w->stemmers, &doc);
    if (err) return fail(w->r, err, "%s: cannot index expert '%s'", w->r->dir, e->id);
    xc_wdb *wdb = w->wdbs[rs_shard_of(e->id, w->shards)];
    xc_status st = w->shards > 1 ? rs_document_put(wdb, e->id, doc, &w->next_docid)
                   : w->fresh    ? xc_wdb_add_doc(wdb, doc)
                                 : rs_document_replace(wdb, e->id, doc);
    xc_doc_free(doc);
    return st == XC_OK ? RS_OK : xapian_fail(w->r, wdb, st, "write document");
}

static rs_status delete_expert(const char *id, void *arg)
{
    writer *w = arg;
    xc_wdb *wdb = w->wdbs[rs_shard_of(id, w->shards)];
    xc_status st = rs_document_delete(wdb, id);
    return st == XC_OK ? RS_OK : xapian_fail(w->r, wdb, st, "delete document");
}

/* Record store change `change` in every shard and commit them, one after
 * another: a crash between two leaves shards at different changes, and the
 * next command brings the ones behind forward (index_change). */
static rs_status commit_at(writer *w, int64_t change)
{
    char buf[32], id[32];
    uint64_t store_id;
    if (rs_store_identity(w->r->store, &store_id)) return store_fail(w->r, RS_ERR_IO);
    snprintf(buf, sizeof buf, "%lld", (long long)change);
    snprintf(id, sizeof id, "%016llx", (unsigned long long)store_id);
    for (size_t k = 0; k < w->shards; k++) {
        xc_wdb *wdb = w->wdbs[k];
        char shard[48];
        snprintf(shard, sizeof shard, "%zu/%zu", k, w->shards);
        xc_status st = xc_wdb_set_metadata(wdb, META_VERSION, RS_INDEX_VERSION);
        if (st == XC_OK) st = xc_wdb_set_metadata(wdb, META_SHARD, shard);
        if (st == XC_OK) st = xc_wdb_set_metadata(wdb, META_CHANGE, buf);
        if (st == XC_OK) st = xc_wdb_set_metadata(wdb, META_STORE_ID, store_id ? id : "");
        if (st == XC_OK) st = xc_wdb_commit(wdb);
        if (st != XC_OK) return xapian_fail(w->r, wdb, st, "commit");
    }
    return RS_OK;
}

static void close_writer(writer *w)
{
    for (size_t k = 0; k < w->shards; k++) xc_wdb_free(w->wdbs[k]);
    rs_stemmers_free(w->stemmers);
    memset(w->wdbs, 0, sizeof w->wdbs);
    w->stemmers = NULL;
}

/* The path of shard k of index directory `name` (the directory itself when
 * the index is one). */
static void shard_path_in(rs_data *r, const char *name, size_t shards, size_t k, char *out,
                          size_t outsz)
{
    char dir[4096];
    path_in(r, name, dir, sizeof dir);
    if (shards > 1) rs_shard_path(dir, k, out, outsz);
    else snprintf(out, outsz, "%s", dir);
}

static size_t shards_of(rs_data *r, const char *name)
{
    char dir[4096];
    path_in(r, name, dir, sizeof dir);
    return rs_shards_count(dir);
}

static rs_status open_writer(rs_data *r, const char *name, writer *w)
{
    char path[4096], *msg = NULL;
    memset(w, 0, sizeof *w);
    w->r = r;
    w->shards = shards_of(r, name);
    w->next_docid = 1;
    if (!(w->stemmers = rs_stemmers_new())) return fail(r, RS_ERR_NOMEM, "out of memory");
    uint32_t count = 0;
    for (size_t k = 0; k < w->shards; k++) {
        shard_path_in(r, name, w->shards, k, path, sizeof path);
        xc_status st = xc_wdb_open(path, &w->wdbs[k], &msg);
        if (st != XC_OK) {
            rs_status err = fail(r, st == XC_ERR_LOCKED ? RS_ERR_BUSY : index_err(st), "%s: %s",
                                 path, msg ? msg : xc_status_to_string(st));
            free(msg);
            close_writer(w);
            return err;
        }
        chmod(path, 0700);
        uint32_t docs = 1, last = 0;
        xc_wdb_doccount(w->wdbs[k], &docs);
        xc_wdb_lastdocid(w->wdbs[k], &last);
        count += docs;
        if (last >= w->next_docid) w->next_docid = last + 1;
    }
    w->fresh = count == 0;
    return RS_OK;
}

/* Make `name` the live index and remove every other index directory. */
static rs_status switch_to(rs_data *r, const char *name)
{
    close_reader(r);
    rs_status err = pointer_write(r, name);
    if (!err) stale_indexes(r, name, 1);
    return err;
}

/* Start building a whole new index on every core (indexer/bulk.h): the
 * index in the directory after `current`, its batches in the one after. */
static rs_status bulk_begin(rs_data *r, const char *current, size_t shards, char name[64],
                            rs_bulk **b)
{
    char scratch[64], scratch_path[4096], path[4096], msg[512];
    next_name(current, name);
    next_name(name, scratch);
    path_in(r, scratch, scratch_path, sizeof scratch_path);
    path_in(r, name, path, sizeof path);
    remove_tree(scratch_path); /* left by an interrupted build */
    remove_tree(path);
    rs_status err = rs_bulk_start(path, scratch_path, RS_BULK_BATCH, shards, b, msg, sizeof msg);
    return err ? fail(r, err, "%s: %s", r->dir, msg) : RS_OK;
}

static rs_status bulk_fail(rs_data *r, rs_bulk *b, rs_status err)
{
    return fail(r, err, "%s: %s", r->dir, rs_bulk_error(b));
}

/* Merge what b built, record store change `change` in it and switch to it. */
static rs_status bulk_end(rs_data *r, rs_bulk *b, const char *name, int64_t change)
{
    char path[4096];
    path_in(r, name, path, sizeof path);
    writer w = {.r = r, .shards = rs_bulk_shards(b)};
    rs_status err = rs_bulk_finish(b, w.wdbs);
    if (err) bulk_fail(r, b, err);
    else err = commit_at(&w, change);
    close_writer(&w);
    rs_bulk_free(b);
    if (err) {
        remove_tree(path);
        return err;
    }
    chmod(path, 0700);
    err = switch_to(r, name);
    /* The new index never held erased experts and the old ones are gone;
     * the store may still hold their text. */
    if (!err && erasures_pending(r) != 0) err = forget_erased_ids(r, change);
    return err;
}

static rs_status bulk_expert(rs_expert *e, void *arg)
{
    return rs_bulk_add(arg, e);
}

rs_status rs_data_reindex(rs_data *r)
{
    return rs_data_reindex_shards(r, 0);
}

rs_status rs_data_reindex_shards(rs_data *r, size_t shards)
{
    char current[64], name[64];
    int64_t change;
    rs_status err = pointer_read(r, current);
    if (err) current[0] = 0; /* a damaged pointer is replaced by the rebuild */
    if (shards == 0) shards = current[0] ? shards_of(r, current) : 1;
    /* The new index records the store's identity: a store made before
     * identities gets one now. */
    if ((err = rs_store_assign_identity(r->store))) return store_fail(r, err);
    if (rs_store_change(r->store, &change)) return store_fail(r, RS_ERR_IO);
    rs_bulk *b;
    if ((err = bulk_begin(r, current, shards, name, &b))) return err;
    err = rs_store_each(r->store, 0, bulk_expert, b);
    if (err) {
        if (rs_bulk_error(b)[0]) bulk_fail(r, b, err);
        else store_fail(r, err);
        rs_bulk_free(b);
        return err;
    }
    return bulk_end(r, b, name, change);
}

/* Copy the live index into a new compacted directory and switch to it:
 * freed blocks, which still hold erased text, are not copied. Shards keep
 * their docids (indexer/shards.h). */
static rs_status compact(rs_data *r, const char *current)
{
    char src[4096], dst[4096], name[64], *msg = NULL;
    size_t shards = shards_of(r, current);
    next_name(current, name);
    path_in(r, name, dst, sizeof dst);
    remove_tree(dst);
    rs_status err = shards > 1 && mkdir(dst, 0700) != 0
                        ? fail(r, RS_ERR_IO, "%s: %s", dst, strerror(errno))
                        : RS_OK;
    for (size_t k = 0; k < shards && !err; k++) {
        char to[4096];
        shard_path_in(r, current, shards, k, src, sizeof src);
        shard_path_in(r, name, shards, k, to, sizeof to);
        const char *from = src;
        xc_status st = shards > 1 ? xc_compact_many(&from, 1, to, XC_COMPACT_KEEP_DOCIDS, &msg)
                                  : xc_compact(from, to, &msg);
        if (st != XC_OK) err = fail(r, index_err(st), "%s: compact: %s", src, msg ? msg : "failed");
        free(msg);
        msg = NULL;
    }
    if (!err && shards > 1 && rs_shards_write_stub(dst, shards) != 0)
        err = fail(r, RS_ERR_IO, "%s: %s", dst, strerror(errno));
    if (err) {
        remove_tree(dst);
        return err;
    }
    chmod(dst, 0700);
    return switch_to(r, name);
}

/* Finish erasing experts up to store change `upto` once the index no longer
 * has their documents: leave no copy of their text in the store or in the
 * index's freed blocks (compaction), then forget their ids. Run again by the
 * next command when a crash cuts it short. */
static rs_status purge_erased(rs_data *r, const char *current, int64_t upto)
{
    rs_status err = compact(r, current);
    return err ? err : forget_erased_ids(r, upto);
}

/* An index that fails to take a change or to be compacted is damaged (a
 * table cut short, a bad block): the store holds everything, so the index
 * is rebuilt from it, and nothing is read from the damaged one. Not when
 * the failure is a full disk, memory or another writer: a rebuild would
 * fail the same way, after reading the whole roster. */
static rs_status rebuild_if_damaged(rs_data *r, rs_status err)
{
    return err == RS_ERR_INDEX ? rs_data_reindex(r) : err;
}

rs_status rs_data_sync(rs_data *r)
{
    char current[64];
    int64_t store_change;
    rs_status err = rs_store_assign_identity(r->store);
    if (err) return store_fail(r, err);
    if ((err = check_identity(r))) return err;
    if (pointer_read(r, current) || !current[0]) return rs_data_reindex(r);
    if (rs_store_change(r->store, &store_change)) return store_fail(r, RS_ERR_IO);
    /* Directories left by a crash mid-rebuild or mid-switch; the write lock
     * is held, so no other writer is filling one. */
    stale_indexes(r, current, 1);

    xc_db *db = rs_data_index(r);
    int64_t at = db ? index_change(db) : -1;
    /* Missing, damaged, ahead of a store put back from a backup, or not
     * stamped with the store's identity. */
    if (at < 0 || at > store_change || !index_identity(db)) return rs_data_reindex(r);
    if (at == store_change)
        return erasures_pending(r) > 0
                   ? rebuild_if_damaged(r, purge_erased(r, current, store_change))
                   : RS_OK;
    /* Most of the roster changed (a big import into a small roster, or one a
     * crash cut short): a rebuild on every core beats replacing documents
     * one by one. */
    int64_t changed, count;
    if (rs_store_count_changed(r->store, at, &changed) || rs_store_count(r->store, &count))
        return store_fail(r, RS_ERR_IO);
    if (changed >= REBUILD_MIN && changed * 2 >= count) return rs_data_reindex(r);

    writer w;
    close_reader(r);
    err = open_writer(r, current, &w);
    if (err == RS_ERR_BUSY) return err;
    if (err) return rs_data_reindex(r);
    err = rs_store_each(r->store, at, write_expert, &w);
    if (err == RS_ERR_CORRUPT || err == RS_ERR_IO) fail(r, err, "%s", rs_store_error(r->store));
    if (!err) err = rs_store_each_erased(r->store, at, delete_expert, &w);
    if (!err) err = commit_at(&w, store_change);
    close_writer(&w);
    /* The experts just deleted, and any whose purge a crash cut short. */
    if (!err && erasures_pending(r) != 0) err = purge_erased(r, current, store_change);
    return rebuild_if_damaged(r, err);
}

/* ---- import ---- */

/* An import into an empty roster builds the new index on every core from
 * the records as they are read, rather than reading them back from the
 * store once it has committed (rs_data_sync). */
static rs_status import_bulk_begin(rs_data *r, rs_bulk **bulk, char name[64])
{
    char current[64];
    int64_t count;
    *bulk = NULL;
    if (rs_store_count(r->store, &count)) return store_fail(r, RS_ERR_IO);
    if (count > 0) return RS_OK;
    if (pointer_read(r, current)) current[0] = 0;
    /* A roster in shards stays in shards: its next sync rebuilds it so. */
    if (current[0] && shards_of(r, current) > 1) return RS_OK;
    return bulk_begin(r, current, 1, name, bulk);
}

typedef struct {
    rs_data *r;
    int found; /* the record being read updates a stored expert */
} stored_ctx;

/* The stored record an imported record updates (rs_reader_set_stored): read
 * inside the import's transaction, so an id given twice in one import
 * updates what the first gave. */
static int stored_record(const char *id, char **out, void *ctx)
{
    stored_ctx *c = ctx;
    rs_status err = rs_store_get_record(c->r->store, id, out);
    if (err == RS_ERR_NOT_FOUND) *out = NULL;
    c->found = *out != NULL;
    return err && err != RS_ERR_NOT_FOUND ? -1 : 0;
}

/* Extensions of spreadsheets: their users are told how to get a CSV. */
static int is_spreadsheet(const char *path)
{
    static const char *const ext[] = {".xlsx", ".xls", ".xlsm", ".ods", ".numbers"};
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot, ext[i]) == 0) return 1;
    return 0;
}

/* What one import reads: a file named by its path ("-" = stdin), or text
 * in memory (data, len) in format fmt, named `name` in problems; id, when
 * given, is the expert a CV stands for (else its file's name says). */
typedef struct {
    const char *name;
    const char *data; /* NULL: name is a path */
    size_t len;
    rs_format fmt;
    const char *id;
} source;

/* Open text in memory as a stream (fmemopen refuses an empty buffer; an
 * empty text reads as an empty file). NULL when out of memory. */
static FILE *open_memory(const source *src)
{
    if (src->len == 0) return fopen("/dev/null", "rb");
    return fmemopen((void *)src->data, src->len, "rb");
}

/* Open one input file, or report why it cannot be read as a whole (line 0:
 * the problem is the file's, not a record's). NULL when reported. */
static FILE *open_input(const char *path, rs_format *fmt, rs_diag *d)
{
    if (rs_format_of(path, fmt) != 0) {
        rs_diag_add(d, RS_ERROR, path, 0, "",
                    "not a file roster reads (.jsonl, .ndjson, .json, .csv, .xml)%s",
                    is_spreadsheet(path) ? ": save the sheet as \"CSV UTF-8\"" : "");
        return NULL;
    }
    if (strcmp(path, "-") == 0) return stdin;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rs_diag_add(d, RS_ERROR, path, 0, "", "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        rs_diag_add(d, RS_ERROR, path, 0, "", "cannot open: %s", strerror(EISDIR));
        fclose(f);
        return NULL;
    }
    return f;
}

/* Up to max + 1 bytes of f, malloc'd (so a longer file shows in *len);
 * NULL on a read error or out of memory. */
static char *read_whole(FILE *f, size_t max, size_t *len)
{
    size_t cap = 64 * 1024;
    char *buf = malloc(cap);
    *len = 0;
    while (buf && *len <= max) {
        if (*len == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) break;
            buf = p;
        }
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0) return ferror(f) ? (free(buf), NULL) : buf;
    }
    if (*len > max) return buf;
    free(buf);
    return NULL;
}

/* A .json file that is one JSON Resume (intake/cv.h) rather than JSON
 * Lines: its text (the caller's), else NULL with f back at its start. Only
 * a regular file no larger than a CV is looked at. */
static char *json_resume_text(FILE *f, const char *path, size_t *len)
{
    struct stat sb;
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/') || strcasecmp(dot, ".json") != 0 || f == stdin ||
        fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > (off_t)RS_CV_MAX)
        return NULL;
    char *text = read_whole(f, RS_CV_MAX, len);
    if (text && *len <= RS_CV_MAX && rs_cv_is_json_resume(text, *len)) return text;
    free(text);
    rewind(f);
    return NULL;
}

/* A CV whose expert bears the name of another id's: most likely the same
 * person's CV saved under another file name, which makes a second expert
 * unless imported with the stored id. Said, not refused: two people may
 * share a name. Not for records of JSON Lines or CSV, whose ids are the
 * facility's own, given on purpose, and where a scan per record (the store
 * has no index on names) would make a bulk import quadratic. */
static rs_status warn_same_name(rs_data *r, const rs_expert *e, const char *cv, rs_diag *d)
{
    char *other;
    rs_status err = rs_store_same_name(r->store, e->name, e->id, &other);
    if (!err && other)
        rs_diag_add(d, RS_WARNING, cv, 0, "", "%s already holds the name %s: the same person? "
                    "import with --id %s to update that record", other, e->name, other);
    free(other);
    return err;
}

/* Read a reader's records into the store, and into `bulk` when an empty
 * roster's index is being built from the records as they are read. f, when
 * not NULL, is the stream read (for progress). cv names the CV file the
 * reader's one record comes from, NULL for JSON Lines and CSV. */
static rs_status read_records(rs_data *r, rs_reader *rd, FILE *f, long long size, int skip_bad,
                              rs_diag *d, rs_import_stats *st, rs_progress_fn progress,
                              void *pctx, rs_bulk *bulk, const char *cv)
{
    stored_ctx sc = {.r = r};
    rs_reader_set_stored(rd, stored_record, &sc);
    rs_status err = RS_OK;
    for (;;) {
        rs_expert e;
        sc.found = 0;
        int rc = rs_reader_next(rd, &e, d);
        if (rc == 0) break;
        st->read++;
        if (rc < 0) {
            st->rejected++;
            continue;
        }
        /* After a rejected record without --skip-bad nothing will be kept:
         * only validate the rest, to report every problem at once. */
        if (skip_bad || st->rejected == 0) {
            /* The reader asked for the stored record only when it needed it
             * (CSV, JSON Lines without missions); an update all the same. */
            if (!sc.found && (err = rs_store_has(r->store, e.id, &sc.found))) store_fail(r, err);
            else if (cv && (err = warn_same_name(r, &e, cv, d))) store_fail(r, err);
            /* The id is noted before rs_bulk_add, which takes the expert. */
            else if ((err = rs_store_put(r->store, &e))) store_fail(r, err);
            else if ((err = imported_add(r, e.id, e.name))) fail(r, err, "out of memory");
            else if (bulk && (err = rs_bulk_add(bulk, &e))) bulk_fail(r, bulk, err);
        }
        rs_expert_free(&e);
        if (err) break;
        st->imported++;
        st->updated += sc.found;
        st->cvs += cv != NULL;
        if (f && progress && st->read % 4096 == 0) progress(st->read, ftell(f), size, pctx);
    }
    /* A bad CSV header, a read error: the file is not read as a whole, so
     * no part of it goes in, not even with skip_bad. */
    if (rs_reader_failed(rd)) st->files_rejected++;
    rs_reader_free(rd);
    return err;
}

/* One CV (text, len), read into an expert record that then goes the way of
 * a JSON Lines record. A CV that is not one roster reads (or whose file's
 * name is no id) is a file rejected whole; one that gives no valid record
 * is a rejected record, which --skip-bad skips. */
static rs_status import_cv(rs_data *r, const source *src, const char *text, size_t len,
                           int skip_bad, rs_diag *d, rs_import_stats *st, rs_bulk *bulk)
{
    char id[RS_ID_MAX + 1];
    json_t *obj;
    if (!src->id && rs_cv_id_from_name(src->name, id, d) != 0) {
        st->files_rejected++;
        return RS_OK;
    }
    rs_cv_result res = rs_cv_read(text, len, src->name, src->id ? src->id : id, &obj, d);
    if (res != RS_CV_RECORD) {
        if (res == RS_CV_UNREADABLE) st->files_rejected++;
        else st->read++, st->rejected++;
        return RS_OK;
    }
    rs_reader *rd = rs_reader_new_object(obj, src->name, 1);
    if (!rd) return fail(r, RS_ERR_NOMEM, "out of memory");
    return read_records(r, rd, NULL, -1, skip_bad, d, st, NULL, NULL, bulk, src->name);
}

/* A CV from a file read whole (at most RS_CV_MAX bytes), or from memory. */
static rs_status import_cv_source(rs_data *r, const source *src, FILE *f, int skip_bad,
                                  rs_diag *d, rs_import_stats *st, rs_bulk *bulk)
{
    if (src->data) return import_cv(r, src, src->data, src->len, skip_bad, d, st, bulk);
    size_t len;
    char *text = read_whole(f, RS_CV_MAX, &len);
    rs_status err = RS_OK;
    if (!text) {
        rs_diag_add(d, RS_ERROR, src->name, 0, "", "cannot read: %s",
                    ferror(f) ? strerror(errno) : "out of memory");
        st->files_rejected++;
    } else if (len > RS_CV_MAX) {
        rs_diag_add(d, RS_ERROR, src->name, 0, "", "larger than %u MiB: not read as a CV",
                    RS_CV_MAX >> 20);
        st->files_rejected++;
    } else {
        err = import_cv(r, src, text, len, skip_bad, d, st, bulk);
    }
    free(text);
    return err;
}

/* Read one source into the store (and bulk, see read_records). */
static rs_status import_file(rs_data *r, const source *src, int skip_bad, rs_diag *d,
                          rs_import_stats *st, rs_progress_fn progress, void *pctx,
                          rs_bulk *bulk)
{
    rs_format fmt = src->fmt;
    const char *path = src->name;
    rs_status err;
    if (src->data && fmt == RS_FORMAT_CV)
        return import_cv_source(r, src, NULL, skip_bad, d, st, bulk);
    FILE *f = src->data ? open_memory(src) : open_input(path, &fmt, d);
    if (!f && src->data) return fail(r, RS_ERR_NOMEM, "out of memory");
    if (!f) {
        st->files_rejected++;
        return RS_OK;
    }
    size_t resume_len;
    char *resume = src->data ? NULL : json_resume_text(f, path, &resume_len);
    if (resume) {
        err = import_cv(r, src, resume, resume_len, skip_bad, d, st, bulk);
        free(resume);
    } else if (fmt == RS_FORMAT_CV) {
        err = import_cv_source(r, src, f, skip_bad, d, st, bulk);
    } else if (src->id) {
        /* An id names the expert of one CV; a file of records has its own. */
        rs_diag_add(d, RS_ERROR, path, 0, "", "an id is given for a CV (Europass XML or a JSON "
                    "Resume), and this file is %s", fmt == RS_FORMAT_CSV ? "CSV" : "JSON Lines");
        st->files_rejected++;
        err = RS_OK;
    } else {
        struct stat sb;
        long long size =
            fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : -1;
        rs_reader *rd = rs_reader_new(f, path, fmt);
        err = rd ? read_records(r, rd, f, size, skip_bad, d, st, progress, pctx, bulk, NULL)
                 : fail(r, RS_ERR_NOMEM, "out of memory");
    }
    if (f != stdin) fclose(f);
    return err;
}

static rs_status import_sources(rs_data *r, const source *src, size_t n, int skip_bad,
                                rs_diag *d, rs_import_stats *st, rs_progress_fn progress,
                                void *pctx)
{
    memset(st, 0, sizeof *st);
    imported_clear(r);
    rs_status err = rs_store_begin(r->store);
    if (err) return store_fail(r, err);
    rs_bulk *bulk = NULL;
    char name[64];
    if ((err = import_bulk_begin(r, &bulk, name))) {
        rs_store_rollback(r->store);
        return err;
    }
    for (size_t i = 0; i < n && !err; i++)
        err = import_file(r, &src[i], skip_bad, d, st, progress, pctx, bulk);
    st->warnings = (long)d->n_warnings;
    /* The facts only: what to do about them (an option, a query argument)
     * is each front end's to say. */
    if (!err && st->files_rejected) {
        st->imported = st->updated = st->cvs = 0;
        err = RS_ERR_INPUT;
        if (st->files_rejected == 1)
            fail(r, err, "nothing imported: a file is rejected whole");
        else
            fail(r, err, "nothing imported: %ld files are rejected whole", st->files_rejected);
    } else if (!err && st->rejected && !skip_bad) {
        st->imported = st->updated = st->cvs = 0;
        err = RS_ERR_INPUT;
        fail(r, err, "nothing imported: %ld of %ld record%s rejected", st->rejected, st->read,
             st->read == 1 ? "" : "s");
    }
    if (err || st->imported == 0) {
        rs_store_rollback(r->store);
        rs_bulk_free(bulk);
        imported_clear(r);
        return err;
    }
    /* The import and its audit line commit together. */
    if ((err = audit_change(r, "import", r->imported, r->n_imported)) == RS_OK &&
        (err = rs_store_commit(r->store)))
        store_fail(r, err);
    if (err) {
        rs_store_rollback(r->store);
        rs_bulk_free(bulk);
        imported_clear(r);
        return err;
    }
    if (bulk) {
        int64_t change;
        if (rs_store_change(r->store, &change) != RS_OK) rs_bulk_free(bulk);
        else if ((err = bulk_end(r, bulk, name, change)) == RS_OK) return RS_OK;
        else if (err == RS_ERR_NOSPACE) return RS_ERR_BEHIND; /* a rebuild needs as much room */
    }
    /* Without a bulk build, or when it failed after the store's commit: the
     * index catches up from the store, as after a crash. */
    return rs_data_sync(r) ? RS_ERR_BEHIND : RS_OK;
}

/* The files of paths[0..n), each a CV of expert `id` when id is given. */
static rs_status import_paths(rs_data *r, char *const *paths, size_t n, const char *id,
                              int skip_bad, rs_diag *d, rs_import_stats *st,
                              rs_progress_fn progress, void *pctx)
{
    source *src = calloc(n ? n : 1, sizeof *src);
    if (!src) {
        memset(st, 0, sizeof *st);
        return fail(r, RS_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) src[i] = (source){.name = paths[i], .id = id};
    rs_status err = import_sources(r, src, n, skip_bad, d, st, progress, pctx);
    free(src);
    return err;
}

rs_status rs_data_import(rs_data *r, char *const *paths, size_t n, int skip_bad, rs_diag *d,
                        rs_import_stats *st, rs_progress_fn progress, void *pctx)
{
    return import_paths(r, paths, n, NULL, skip_bad, d, st, progress, pctx);
}

rs_status rs_data_import_as(rs_data *r, const char *path, const char *id, int skip_bad,
                            rs_diag *d, rs_import_stats *st)
{
    char *paths[] = {(char *)path};
    return import_paths(r, paths, 1, id, skip_bad, d, st, NULL, NULL);
}

rs_status rs_data_import_data(rs_data *r, const char *name, const char *data, size_t len,
                              rs_format fmt, const char *id, int skip_bad, rs_diag *d,
                              rs_import_stats *st)
{
    /* A NULL data would make the source a path: empty text is "". */
    source src = {name, data ? data : "", data ? len : 0, fmt, id};
    return import_sources(r, &src, 1, skip_bad, d, st, NULL, NULL);
}

/* ---- forget ---- */

/* The index of the first of ids[0..i) equal to ids[i], or i. */
static size_t first_same(char *const *ids, size_t i)
{
    size_t j = 0;
    while (j < i && strcmp(ids[j], ids[i]) != 0) j++;
    return j;
}

rs_status rs_data_forget(rs_data *r, char *const *ids, size_t n, int *missing)
{
    rs_status err = rs_store_begin(r->store);
    if (err) return store_fail(r, err);
    size_t unknown = 0;
    for (size_t i = 0; i < n && !err; i++) {
        /* An id given twice is erased once: the second time it is gone. */
        size_t j = first_same(ids, i);
        int found = 0;
        if (j < i) found = !missing[j];
        else err = rs_store_erase(r->store, ids[i], &found);
        missing[i] = !found;
        unknown += !found;
    }
    if (err || unknown) {
        rs_store_rollback(r->store);
        if (err) return store_fail(r, err);
        return fail(r, RS_ERR_NOT_FOUND, "%zu of %zu ids not in the roster: nothing erased",
                    unknown, n);
    }
    if ((err = audit_change(r, "forget", ids, n))) {
        rs_store_rollback(r->store);
        return err;
    }
    if ((err = rs_store_commit(r->store))) return store_fail(r, err);
    return rs_data_sync(r) ? RS_ERR_BEHIND : RS_OK;
}

/* ---- verify ---- */

void rs_problems_free(rs_problems *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->lines[i]);
    free(p->lines);
    p->lines = NULL;
    p->n = 0;
}

static void problem(rs_problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(rs_problems *p, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **lines = realloc(p->lines, (p->n + 1) * sizeof *lines);
    if (!lines) return;
    p->lines = lines;
    if ((p->lines[p->n] = strdup(buf))) p->n++;
}

typedef struct { xc_db *db; rs_problems *out; long checked; } verify_ctx;

static rs_status verify_expert(rs_expert *e, void *arg)
{
    verify_ctx *v = arg;
    xc_doc *doc;
    v->checked++;
    if (rs_document_find(v->db, e->id, &doc) != XC_OK) {
        problem(v->out, "expert '%s' is in the store but not in the index", e->id);
        return RS_OK;
    }
    size_t want_len, len;
    const char *data;
    char *want = rs_profile_encode(e, &want_len);
    if (!want) {
        xc_doc_free(doc);
        return RS_ERR_NOMEM;
    }
    if (xc_doc_get_data(doc, &data, &len) != XC_OK || len != want_len ||
        memcmp(data, want, len) != 0)
        problem(v->out, "expert '%s' has a different profile in the index", e->id);
    free(want);
    xc_doc_free(doc);
    return RS_OK;
}

static int check_id_term(const char *term, uint32_t freq, void *arg)
{
    verify_ctx *v = arg;
    if (freq != 1)
        problem(v->out, "id '%s' is on %u documents of the index", term + strlen(RS_PREFIX_ID),
                freq);
    return 0;
}

rs_status rs_data_verify(rs_data *r, rs_problems *out)
{
    memset(out, 0, sizeof *out);
    int64_t store_change, count;
    if (rs_store_change(r->store, &store_change) || rs_store_count(r->store, &count))
        return store_fail(r, RS_ERR_IO);
    xc_db *db = rs_data_index(r);
    if (!db) {
        if (count > 0) problem(out, "%s", r->error);
        return RS_OK;
    }
    out->tables_unchecked = !can_write(r);
    for (size_t k = 0; k < xc_db_shard_count(db) && !out->tables_unchecked; k++) {
        /* A remote shard's tables are read where it is served (xapian-check). */
        const char *path = xc_db_shard_path(db, k);
        char *damage = NULL;
        if (!path) out->tables_unchecked = out->remote_shards = 1;
        else if (xc_db_check(path, &damage) != XC_OK)
            problem(out, "the index is damaged: %s: %s (run roster reindex)", path,
                    damage ? damage : "check failed");
        free(damage);
    }
    int64_t at = index_change(db);
    if (at < 0)
        problem(out, "index version is not %s", RS_INDEX_VERSION);
    else if (at != store_change)
        problem(out, "index reflects store change %lld, the store is at %lld", (long long)at,
                (long long)store_change);
    if (at >= 0 && !index_identity(db))
        problem(out, "the index records no store identity (built by an older roster): the next "
                     "command rebuilds it");
    long pending = erasures_pending(r);
    if (pending > 0)
        problem(out, "%ld forgotten expert%s not yet purged from the index and the store's "
                     "free space (the next command finishes it)", pending, pending == 1 ? "" : "s");
    verify_ctx v = {db, out, 0};
    rs_status err = rs_store_each(r->store, 0, verify_expert, &v);
    if (err) return err == RS_ERR_NOMEM ? fail(r, err, "out of memory") : store_fail(r, err);
    uint32_t docs = 0;
    if (xc_db_doccount(db, &docs) != XC_OK) return fail(r, RS_ERR_INDEX, "%s", xc_db_last_error(db));
    xc_db_each_term(db, RS_PREFIX_ID, check_id_term, &v);
    if ((int64_t)docs != count)
        problem(out, "the index holds %u expert%s, the store %lld", docs, docs == 1 ? "" : "s",
                (long long)count);
    return RS_OK;
}

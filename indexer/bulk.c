/* Building a whole index on every core. See bulk.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "indexer/bulk.h"

#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/schema.h"
#include "core/stem.h"
#include "indexer/document.h"
#include "indexer/shards.h"

#define MAX_WORKERS 8 /* threads at most: past a few, the reading thread sets the pace */
/* Documents between commits of a scratch database. Xapian keeps the
 * postings of uncommitted documents in std::maps (10,000 documents' worth
 * by default) whose lookups miss the caches as they grow: committing often
 * costs less than it saves (measured: every 256 against every 2,048 saves
 * about a fifth of the indexing time). */
#define FLUSH_EVERY 256
/* Open files a merged database keeps (its tables, with room to spare). */
#define FILES_PER_SOURCE 8

typedef struct {
    rs_expert *experts;
    uint32_t *docids; /* in shards: each expert's docid (its place in the order given) */
    size_t n;
    size_t number; /* its databases are scratch/<number>, or scratch/s<K>-<number> a shard */
} batch;

/* Ids given so far, by open addressing. later[i]: where b->later holds the
 * record that replaces the first one given for ids[i], or NO_LATER. */
#define NO_LATER SIZE_MAX
typedef struct {
    char **ids;
    size_t *later;
    size_t n, cap;
} id_set;

struct rs_bulk {
    char *path, *scratch;
    size_t shards; /* 1: one index at path; more: path/shard-K (indexer/shards.h) */
    int made_scratch;
    size_t batch_size;
    size_t fan_in; /* databases merged at once */
    pthread_mutex_t lock;
    pthread_cond_t queued, taken; /* a batch was queued; one was taken */
    batch *queue[MAX_WORKERS];    /* full batches, oldest first (a ring) */
    size_t head, n_queued;        /* at most n_workers queued */
    pthread_t workers[MAX_WORKERS];
    int n_workers;
    int closed;                   /* no batch will come any more */
    rs_status failed;                /* the first failure, RS_OK while none */
    atomic_int stop;              /* workers drop what they are doing */
    char error[512];
    /* The caller's side, touched by its thread only. */
    batch *filling;
    size_t n_batches;
    uint32_t given; /* experts given, each id once: the last docid */
    id_set ids;
    rs_expert *later; /* the last record of each id given twice */
    size_t n_later, cap_later;
    int finished;
};

const char *rs_bulk_error(const rs_bulk *b) { return b->error; }

/* Record the first failure (any thread); the workers stop. */
static rs_status fail(rs_bulk *b, rs_status err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static rs_status fail(rs_bulk *b, rs_status err, const char *fmt, ...)
{
    pthread_mutex_lock(&b->lock);
    if (!b->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(b->error, sizeof b->error, fmt, ap);
        va_end(ap);
        b->failed = err;
    }
    atomic_store(&b->stop, 1);
    pthread_cond_broadcast(&b->queued);
    pthread_cond_broadcast(&b->taken);
    pthread_mutex_unlock(&b->lock);
    return err;
}

static void batch_free(batch *bt)
{
    if (!bt) return;
    for (size_t i = 0; i < bt->n; i++) rs_expert_free(&bt->experts[i]);
    free(bt->experts);
    free(bt->docids);
    free(bt);
}

/* ---- ids given twice ---- */

static int id_set_grow(id_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    char **ids = calloc(cap, sizeof *ids);
    size_t *later = malloc(cap * sizeof *later);
    if (!ids || !later) {
        free(ids);
        free(later);
        return -1;
    }
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->ids[i]) continue;
        size_t j = (size_t)rs_id_hash(set->ids[i]) & (cap - 1);
        while (ids[j]) j = (j + 1) & (cap - 1);
        ids[j] = set->ids[i];
        later[j] = set->later[i];
    }
    free(set->ids);
    free(set->later);
    set->ids = ids, set->later = later, set->cap = cap;
    return 0;
}

/* Add id; *slot points at its `later` entry (valid until the next add),
 * *seen says whether it was there already. -1 when out of memory. */
static int id_set_add(id_set *set, const char *id, size_t **slot, int *seen)
{
    if ((set->n + 1) * 2 > set->cap && id_set_grow(set) != 0) return -1;
    size_t j = (size_t)rs_id_hash(id) & (set->cap - 1);
    while (set->ids[j] && strcmp(set->ids[j], id) != 0) j = (j + 1) & (set->cap - 1);
    *seen = set->ids[j] != NULL;
    if (!*seen) {
        if (!(set->ids[j] = strdup(id))) return -1;
        set->later[j] = NO_LATER;
        set->n++;
    }
    *slot = &set->later[j];
    return 0;
}

static void id_set_free(id_set *set)
{
    for (size_t i = 0; i < set->cap; i++) free(set->ids[i]);
    free(set->ids);
    free(set->later);
}

/* ---- the workers ---- */

/* The scratch database k of `level` (0: the batches') for shard `shard`. */
static void level_path(const rs_bulk *b, size_t shard, int level, size_t k, char *out,
                       size_t outsz)
{
    char in[32] = "";
    if (b->shards > 1) snprintf(in, sizeof in, "s%zu-", shard);
    if (level == 0) snprintf(out, outsz, "%s/%s%zu", b->scratch, in, k);
    else snprintf(out, outsz, "%s/%s%d.%zu", b->scratch, in, level, k);
}

/* Where shard k of the new index goes: the index itself when it is one. */
static void result_path(const rs_bulk *b, size_t k, char *out, size_t outsz)
{
    if (b->shards > 1) rs_shard_path(b->path, k, out, outsz);
    else snprintf(out, outsz, "%s", b->path);
}

/* The next full batch, or NULL once there is none to come (or a failure). */
static batch *take(rs_bulk *b)
{
    pthread_mutex_lock(&b->lock);
    while (!b->n_queued && !b->closed && !b->failed) pthread_cond_wait(&b->queued, &b->lock);
    batch *bt = NULL;
    if (b->n_queued && !b->failed) {
        bt = b->queue[b->head];
        b->head = (b->head + 1) % MAX_WORKERS;
        b->n_queued--;
        pthread_cond_signal(&b->taken);
    }
    pthread_mutex_unlock(&b->lock);
    return bt;
}

/* A failure of Xapian as an rs_status: a disk (or file size limit) found full
 * is told apart, so that nobody tries a rebuild that needs more room. */
static rs_status index_err(xc_status st)
{
    return st == XC_ERR_NOSPACE ? RS_ERR_NOSPACE : RS_ERR_INDEX;
}

/* Commit every scratch database of a batch. */
static void commit_all(rs_bulk *b, xc_wdb **wdbs)
{
    for (size_t k = 0; k < b->shards; k++) {
        xc_status st = xc_wdb_commit(wdbs[k]);
        if (st != XC_OK)
            fail(b, index_err(st), "%s: commit: %s", b->scratch, xc_wdb_last_error(wdbs[k]));
    }
}

/* Write the batch's documents into its own scratch databases, one a shard:
 * in shards each at its docid, else one after another. */
static void build_batch(rs_bulk *b, batch *bt, rs_stemmers *stemmers)
{
    char path[4096], *msg = NULL;
    xc_wdb *wdbs[RS_SHARDS_MAX] = {0};
    xc_status st = XC_OK;
    for (size_t k = 0; k < b->shards && st == XC_OK; k++) {
        level_path(b, k, 0, bt->number, path, sizeof path);
        if ((st = xc_wdb_open_scratch(path, &wdbs[k], &msg)) != XC_OK) {
            fail(b, index_err(st), "%s: %s", path, msg ? msg : "cannot create");
            free(msg);
        }
    }
    for (size_t i = 0; i < bt->n && st == XC_OK && !atomic_load(&b->stop); i++) {
        rs_expert *e = &bt->experts[i];
        xc_doc *doc;
        rs_status err = rs_document_build(e, stemmers, &doc);
        if (err) {
            fail(b, err, "cannot index expert '%s'", e->id);
            break;
        }
        xc_wdb *wdb = wdbs[rs_shard_of(e->id, b->shards)];
        if ((st = b->shards > 1 ? xc_wdb_put_doc_at(wdb, bt->docids[i], doc)
                                : xc_wdb_add_doc(wdb, doc)) != XC_OK)
            fail(b, index_err(st), "%s: write document: %s", b->scratch, xc_wdb_last_error(wdb));
        xc_doc_free(doc);
        rs_expert_free(e); /* its memory is not needed any more */
        if ((i + 1) % FLUSH_EVERY == 0) commit_all(b, wdbs);
    }
    if (st == XC_OK && !atomic_load(&b->stop)) commit_all(b, wdbs);
    for (size_t k = 0; k < b->shards; k++) xc_wdb_free(wdbs[k]);
}

static void *work(void *arg)
{
    rs_bulk *b = arg;
    rs_stemmers *stemmers = rs_stemmers_new(); /* per thread, as the Xapian stemmers are */
    if (!stemmers) fail(b, RS_ERR_NOMEM, "out of memory");
    batch *bt;
    while ((bt = take(b))) {
        build_batch(b, bt, stemmers);
        batch_free(bt);
    }
    rs_stemmers_free(stemmers);
    return NULL;
}

/* Close the queue and wait for the workers; with `abort`, they stop at
 * once, leaving their batch half written. */
static void stop_workers(rs_bulk *b, int abort)
{
    pthread_mutex_lock(&b->lock);
    b->closed = 1;
    if (abort) atomic_store(&b->stop, 1);
    pthread_cond_broadcast(&b->queued);
    pthread_cond_broadcast(&b->taken);
    pthread_mutex_unlock(&b->lock);
    for (int i = 0; i < b->n_workers; i++) pthread_join(b->workers[i], NULL);
    b->n_workers = 0;
}

/* ---- the caller's side ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* As many databases as the open-file limit lets a merge hold open. */
static size_t merge_fan_in(void)
{
    struct rlimit rl;
    rlim_t files = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_cur : 1024;
    if (files == RLIM_INFINITY || files > 8192) files = 8192;
    size_t n = files > 64 ? (size_t)(files - 64) / FILES_PER_SOURCE : 0;
    return n < 2 ? 2 : n;
}

rs_status rs_bulk_start(const char *path, const char *scratch, size_t batch_size, size_t shards,
                        rs_bulk **out, char *err, size_t errsz)
{
    *out = NULL;
    if (shards < 1 || shards > RS_SHARDS_MAX) {
        snprintf(err, errsz, "shards: expected 1 to %d, got %zu", RS_SHARDS_MAX, shards);
        return RS_ERR_INPUT;
    }
    rs_bulk *b = calloc(1, sizeof *b);
    if (!b || !(b->path = strdup(path)) || !(b->scratch = strdup(scratch))) {
        if (b) free(b->path);
        free(b);
        snprintf(err, errsz, "out of memory");
        return RS_ERR_NOMEM;
    }
    b->batch_size = batch_size ? batch_size : RS_BULK_BATCH;
    b->shards = shards;
    b->fan_in = merge_fan_in();
    atomic_init(&b->stop, 0);
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->queued, NULL);
    pthread_cond_init(&b->taken, NULL);
    rs_status rc = RS_OK;
    if (mkdir(scratch, 0700) != 0) {
        snprintf(err, errsz, "%s: %s", scratch, strerror(errno));
        rc = RS_ERR_IO;
    } else if (shards > 1 && mkdir(path, 0700) != 0) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        rmdir(scratch);
        rc = RS_ERR_IO;
    }
    b->made_scratch = rc == RS_OK;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int want = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : (int)cpus;
    for (int i = 0; i < want && !rc; i++)
        if (pthread_create(&b->workers[b->n_workers], NULL, work, b) == 0) b->n_workers++;
    if (!rc && b->n_workers == 0) {
        snprintf(err, errsz, "cannot start a thread to build the index");
        rc = RS_ERR_NOMEM;
    }
    if (rc) {
        rs_bulk_free(b);
        return rc;
    }
    *out = b;
    return RS_OK;
}

/* Queue a full batch for the workers, waiting for room. */
static rs_status push(rs_bulk *b, batch *bt)
{
    pthread_mutex_lock(&b->lock);
    while (b->n_queued == (size_t)b->n_workers && !b->failed)
        pthread_cond_wait(&b->taken, &b->lock);
    rs_status err = b->failed;
    if (!err) {
        b->queue[(b->head + b->n_queued) % MAX_WORKERS] = bt;
        b->n_queued++;
        pthread_cond_signal(&b->queued);
    }
    pthread_mutex_unlock(&b->lock);
    if (err) batch_free(bt);
    return err;
}

/* A later record of an id given before: it replaces the earlier one once
 * the batches are merged (which then still hold the first). */
static rs_status keep_later(rs_bulk *b, size_t *slot, rs_expert *e)
{
    if (*slot != NO_LATER) {
        rs_expert_free(&b->later[*slot]);
    } else {
        if (b->n_later == b->cap_later) {
            size_t cap = b->cap_later ? b->cap_later * 2 : 16;
            rs_expert *later = realloc(b->later, cap * sizeof *later);
            if (!later) return fail(b, RS_ERR_NOMEM, "out of memory");
            b->later = later, b->cap_later = cap;
        }
        *slot = b->n_later++;
    }
    b->later[*slot] = *e;
    memset(e, 0, sizeof *e);
    return RS_OK;
}

rs_status rs_bulk_add(rs_bulk *b, rs_expert *e)
{
    size_t *slot;
    int seen;
    if (id_set_add(&b->ids, e->id, &slot, &seen) != 0) return fail(b, RS_ERR_NOMEM, "out of memory");
    free(e->record); /* the record as imported is not indexed */
    e->record = NULL;
    if (seen) return keep_later(b, slot, e);
    if (!b->filling) {
        batch *bt = calloc(1, sizeof *bt);
        if (bt && (!(bt->experts = calloc(b->batch_size, sizeof *bt->experts)) ||
                   !(bt->docids = calloc(b->batch_size, sizeof *bt->docids)))) {
            batch_free(bt);
            bt = NULL;
        }
        if (!bt) return fail(b, RS_ERR_NOMEM, "out of memory");
        bt->number = b->n_batches++;
        b->filling = bt;
    }
    b->filling->docids[b->filling->n] = ++b->given;
    b->filling->experts[b->filling->n++] = *e;
    memset(e, 0, sizeof *e);
    if (b->filling->n < b->batch_size) return RS_OK;
    batch *full = b->filling;
    b->filling = NULL;
    return push(b, full);
}

/* Merge databases first..first+n-1 of `level` of a shard into dst, then
 * remove them. */
static rs_status merge_into(rs_bulk *b, size_t shard, int level, size_t first, size_t n,
                            const char *dst)
{
    size_t len = strlen(b->scratch) + 48;
    char *buf = malloc(n * len);
    const char **srcs = calloc(n, sizeof *srcs);
    if (!buf || !srcs) {
        free(buf);
        free(srcs);
        return fail(b, RS_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        level_path(b, shard, level, first + i, buf + i * len, len);
        srcs[i] = buf + i * len;
    }
    char *msg = NULL;
    rs_status err = RS_OK;
    xc_status st = xc_compact_many(srcs, n, dst, b->shards > 1 ? XC_COMPACT_KEEP_DOCIDS : 0, &msg);
    if (st != XC_OK) err = fail(b, index_err(st), "%s: merge: %s", dst, msg ? msg : "failed");
    free(msg);
    for (size_t i = 0; i < n; i++) remove_tree(srcs[i]);
    free(buf);
    free(srcs);
    return err;
}

/* Merge the batches' databases of a shard in order into it, fan_in at a
 * time, level by level when there are more (each level copies everything
 * again: 98 batches merged at once took 3.8 s, in two levels 5.4 s). */
static rs_status merge(rs_bulk *b, size_t shard)
{
    size_t n = b->n_batches;
    int level = 0;
    rs_status err = RS_OK;
    while (n > b->fan_in && !err) {
        size_t groups = (n + b->fan_in - 1) / b->fan_in;
        for (size_t g = 0; g < groups && !err; g++) {
            char dst[4096];
            size_t first = g * b->fan_in, count = n - first;
            if (count > b->fan_in) count = b->fan_in;
            level_path(b, shard, level + 1, g, dst, sizeof dst);
            err = merge_into(b, shard, level, first, count, dst);
        }
        n = groups;
        level++;
    }
    char dst[4096];
    result_path(b, shard, dst, sizeof dst);
    return err || n == 0 ? err : merge_into(b, shard, level, 0, n, dst);
}

/* Writers on the merged shards (out[k] for shard k), with the later records
 * of ids given twice in place of their first ones. */
static rs_status open_result(rs_bulk *b, xc_wdb **out)
{
    char path[4096], *msg = NULL;
    rs_status err = RS_OK;
    for (size_t k = 0; k < b->shards && !err; k++) {
        result_path(b, k, path, sizeof path);
        xc_status st = xc_wdb_open(path, &out[k], &msg);
        if (st != XC_OK) err = fail(b, index_err(st), "%s: %s", path, msg ? msg : "cannot open");
        free(msg);
        msg = NULL;
    }
    rs_stemmers *stemmers = b->n_later && !err ? rs_stemmers_new() : NULL;
    if (b->n_later && !err && !stemmers) err = fail(b, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < b->n_later && !err; i++) {
        const rs_expert *e = &b->later[i];
        xc_wdb *wdb = out[rs_shard_of(e->id, b->shards)];
        xc_doc *doc;
        if ((err = rs_document_build(e, stemmers, &doc))) {
            fail(b, err, "cannot index expert '%s'", e->id);
            break;
        }
        xc_status st = rs_document_replace(wdb, e->id, doc);
        if (st != XC_OK)
            err = fail(b, index_err(st), "%s: write document: %s", b->path,
                       xc_wdb_last_error(wdb));
        xc_doc_free(doc);
    }
    rs_stemmers_free(stemmers);
    if (!err && b->shards > 1 && rs_shards_write_stub(b->path, b->shards) != 0)
        err = fail(b, RS_ERR_IO, "%s: %s: %s", b->path, RS_SHARD_STUB, strerror(errno));
    for (size_t k = 0; err && k < b->shards; k++) {
        xc_wdb_free(out[k]);
        out[k] = NULL;
    }
    return err;
}

size_t rs_bulk_shards(const rs_bulk *b) { return b->shards; }

rs_status rs_bulk_finish(rs_bulk *b, xc_wdb **out)
{
    for (size_t k = 0; k < b->shards; k++) out[k] = NULL;
    if (b->finished) return fail(b, RS_ERR_INDEX, "the index build is already finished");
    rs_status err = RS_OK;
    if (b->filling) {
        batch *last = b->filling;
        b->filling = NULL;
        err = push(b, last);
    }
    stop_workers(b, 0);
    b->finished = 1;
    pthread_mutex_lock(&b->lock);
    if (!err) err = b->failed;
    pthread_mutex_unlock(&b->lock);
    for (size_t k = 0; k < b->shards && !err; k++) err = merge(b, k);
    return err ? err : open_result(b, out);
}

void rs_bulk_free(rs_bulk *b)
{
    if (!b) return;
    if (!b->finished) stop_workers(b, 1);
    for (; b->n_queued; b->n_queued--, b->head = (b->head + 1) % MAX_WORKERS)
        batch_free(b->queue[b->head]);
    batch_free(b->filling);
    for (size_t i = 0; i < b->n_later; i++) rs_expert_free(&b->later[i]);
    free(b->later);
    id_set_free(&b->ids);
    if (b->made_scratch) remove_tree(b->scratch);
    pthread_cond_destroy(&b->queued);
    pthread_cond_destroy(&b->taken);
    pthread_mutex_destroy(&b->lock);
    free(b->path);
    free(b->scratch);
    free(b);
}

/*
 * Building a whole index at once, on every core.
 *
 * The caller hands over experts one by one (from an import or from the
 * store). They are cut into batches; worker threads, one per core, each take
 * a batch, build its documents and write them into a scratch database of
 * their own (Xapian objects are never shared between threads). The scratch
 * databases are then merged in batch order into the new index, so its
 * documents come in the order they were given whatever the number of
 * threads. An id given twice keeps its last record, as the store does.
 *
 * In shards (indexer/shards.h), each batch writes one scratch database a
 * shard, each expert at its docid, and each shard merges its own in order.
 *
 * The new index is read by no one until the caller switches to it, so
 * nothing here waits for the disk but the final commit.
 */
#ifndef RS_BULK_H
#define RS_BULK_H

#include <stddef.h>
#include "core/model.h"
#include "core/store.h"
#include "xapian-c/xapian-c.h"

#define RS_BULK_BATCH 2048 /* experts per scratch database */

typedef struct rs_bulk rs_bulk;

/* Start building the index at `path` (which must not exist), with the new
 * directory `scratch` for the batches' databases, `batch` experts each
 * (RS_BULK_BATCH; tests use fewer), as one index (shards 1) or in 2 to
 * RS_SHARDS_MAX shards. On failure, a message in err. */
rs_status rs_bulk_start(const char *path, const char *scratch, size_t batch, size_t shards,
                        rs_bulk **out, char *err, size_t errsz);
size_t rs_bulk_shards(const rs_bulk *b);
/* Take e into the build: its members move to the builder and *e is left
 * zeroed. RS_ERR_INDEX or RS_ERR_NOMEM once a worker has failed. */
rs_status rs_bulk_add(rs_bulk *b, rs_expert *e);
/* Wait for the workers and merge: out[k] (room for rs_bulk_shards) is a
 * writer on shard k of the new index (out[0] the index itself when one),
 * which holds every expert given, its last change not yet committed (the
 * caller adds its metadata and commits each). Call once. */
rs_status rs_bulk_finish(rs_bulk *b, xc_wdb **out);
/* Stop the workers when not finished, remove the scratch directory. */
void rs_bulk_free(rs_bulk *b);
/* What failed, for a message. */
const char *rs_bulk_error(const rs_bulk *b);

#endif

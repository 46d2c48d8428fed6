/*
 * An index in shards: how a sharded index directory is laid out and which
 * shard holds an expert.
 *
 *   index-N/XAPIANDB     a Xapian stub: "auto shard-0", "auto shard-1", ...
 *   index-N/shard-K/     shard K, a plain Xapian database (what xapian-tcpsrv serves)
 *
 * Xapian (and xc_db_open) opens index-N as one database over the shards.
 * An expert lives in shard rs_shard_of(id, n), a stable hash of the id. Its
 * docid in that shard is its place in the roster's order (the docid a single
 * index would give it), so the interleaved docids of the shards combined
 * keep that order, and documents of equal weight rank as they do in one
 * index: one index and its shards give the same answers.
 */
#ifndef RS_SHARDS_H
#define RS_SHARDS_H

#include <stddef.h>
#include "lib/roster.h" /* RS_SHARDS_MAX */

#define RS_SHARD_STUB "XAPIANDB"

/* The shard of expert `id` among n (FNV-1a of the id's bytes, mod n). */
size_t rs_shard_of(const char *id, size_t n);
/* dir/shard-K into out. */
void rs_shard_path(const char *dir, size_t k, char *out, size_t outsz);
/* Write dir/XAPIANDB naming shards 0..n-1 (fsync'd). 0, or -1 with errno. */
int rs_shards_write_stub(const char *dir, size_t n);
/* The number of shards of the index directory dir: the lines of its stub,
 * or 1 without one (a single index). */
size_t rs_shards_count(const char *dir);

#endif

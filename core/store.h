/*
 * The store of record: one SQLite file (roster.sqlite) in the data directory.
 *
 * Each expert row keeps the record as imported (canonical JSON) and a few
 * normalised columns. Every write transaction takes the next change number
 * and stamps the rows it writes (and the ids it erases) with it, so the
 * derived index can catch up with exactly what changed. Erasing uses
 * secure_delete and a truncating WAL checkpoint so no trace of the text
 * stays on disk.
 */
#ifndef RS_STORE_H
#define RS_STORE_H

#include <stdint.h>
#include "core/model.h"
#include "lib/roster.h"

/* 4: experts.record is packed (core/pack.h: deflated, a BLOB); records
 *    written before stay TEXT and are read as they are. A store of 3 is
 *    read as is; rs_store_assign_identity brings it to 4 before a write.
 * 3: meta holds the store's identity ('id', a random number drawn when the
 *    store is made), recorded in the index it derives.
 * 2: experts a rowid table; missions carry the nationality. Still read;
 *    rs_store_assign_identity brings it to 3. */
#define RS_STORE_SCHEMA_VERSION 4
#define RS_STORE_SCHEMA_OLDEST 2 /* the oldest version this roster reads */
#define RS_STORE_FILE "roster.sqlite"

/* rs_status, the one status of every call, is public (lib/roster.h). */

typedef struct rs_store rs_store;

/* Open (creating when absent) DIR/roster.sqlite. On failure *err gets a
 * malloc'd message. */
rs_status rs_store_open(const char *dir, rs_store **out, char **err);
/* Open DIR/roster.sqlite only when it exists (RS_ERR_NOT_FOUND otherwise),
 * creating no file. When DIR is not writable (another user's, a read-only
 * mount) and no writer's log (roster.sqlite-wal) is there, the store is
 * opened read-only without locks: SQLite could not make its shared-memory
 * file. */
rs_status rs_store_open_existing(const char *dir, rs_store **out, char **err);
void rs_store_close(rs_store *s);
/* Message of the last failure on s. */
const char *rs_store_error(const rs_store *s);

/* Whether the store was opened read-only (no write access). */
int rs_store_read_only(const rs_store *s);
/* The schema version of the open store (RS_STORE_SCHEMA_OLDEST to
 * RS_STORE_SCHEMA_VERSION). */
int rs_store_version(const rs_store *s);
/* The store's identity: a random non-zero number drawn when it was made;
 * 0 for a store of schema 2, which has none until rs_store_assign_identity. */
rs_status rs_store_identity(rs_store *s, uint64_t *out);
/* Give a store of schema 2 its identity and bring it to the current schema,
 * and a store made before the facility's records their tables (writers
 * only); nothing to do for a store that has both. */
rs_status rs_store_assign_identity(rs_store *s);

/* The last committed change number (0 for a new store). */
rs_status rs_store_change(rs_store *s, int64_t *out);
rs_status rs_store_count(rs_store *s, int64_t *out);

/* A write transaction: begin takes the write lock (RS_ERR_BUSY after a
 * few seconds of waiting) and the next change number. */
rs_status rs_store_begin(rs_store *s);
rs_status rs_store_put(rs_store *s, const rs_expert *e);
/* *found is set to whether an expert has this id (in the open transaction
 * too: an id put earlier in it is found). */
rs_status rs_store_has(rs_store *s, const char *id, int *found);
/* *other is set to the smallest id, other than `id`, of an expert whose
 * name folded (case and accents) is that of `name`, malloc'd; NULL when
 * there is none. Sees the open transaction. A scan of the store (there is
 * no index on names): for a CV imported now and then, not per record of a
 * bulk import. */
rs_status rs_store_same_name(rs_store *s, const char *name, const char *id, char **other);
/* *found is set to whether the id existed. */
rs_status rs_store_erase(rs_store *s, const char *id, int *found);
rs_status rs_store_commit(rs_store *s);
void rs_store_rollback(rs_store *s);

/* Read one expert (parsed back from its record), the missions the facility
 * assigned (core/records.h) among its missions and their windows among its
 * unavailable periods. RS_ERR_NOT_FOUND when absent. */
rs_status rs_store_get(rs_store *s, const char *id, rs_expert *out);
/* The stored record text (malloc'd). */
rs_status rs_store_get_record(rs_store *s, const char *id, char **out);
/* The ids an id typed by a user names: the id itself when an expert has
 * it, else every id equal to it ignoring ASCII case (ids are ASCII), in id
 * order, at most max of them. *out is a malloc'd array of malloc'd
 * strings (free with rs_store_ids_free); *n may be 0. */
rs_status rs_store_ids_named(rs_store *s, const char *id, size_t max, char ***out, size_t *n);
void rs_store_ids_free(char **ids, size_t n);

/* Visit experts written after change `since` (0 = all), in id order, each
 * as rs_store_get gives it.
 * A callback's error stops the walk and is returned. The callback may take
 * e's members (leaving e zeroed): what is left in e is freed after it. */
rs_status rs_store_each(rs_store *s, int64_t since,
                     rs_status (*fn)(rs_expert *e, void *ctx), void *ctx);
/* Number of experts written after change `since`. */
rs_status rs_store_count_changed(rs_store *s, int64_t since, int64_t *out);
/* Visit ids erased after change `since`. */
rs_status rs_store_each_erased(rs_store *s, int64_t since,
                            rs_status (*fn)(const char *id, void *ctx), void *ctx);
/* Mission days by the expert's first nationality, for missions starting
 * in [from, to] (day numbers): the portfolio of recent work. The missions
 * the facility assigned count from `from` on, whatever `to` says: a team
 * sent next spring weighs on the portfolio from the day it is chosen, while
 * a CV's missions are history as the expert told it. Those assigned to
 * `except_action` (NULL: none) are left out: a request's own team does not
 * weigh against that request. */
rs_status rs_store_mission_days(rs_store *s, int32_t from, int32_t to, const char *except_action,
                             rs_status (*fn)(const char *nationality, double days, void *ctx),
                             void *ctx);
/* The roster's experts counted by first nationality (the first code of
 * their nationalities when it has at most two letters, else ""), each
 * nationality once, in no set order: from the counts the store keeps, or
 * counted from the experts in a store made before them. A callback's error
 * stops the walk and is returned. */
rs_status rs_store_each_share(rs_store *s,
                              rs_status (*fn)(const char *nationality, long experts, void *ctx),
                              void *ctx);
/* One expert's normalised columns, read without parsing the record (for
 * reports over the whole roster). The strings are borrowed for the call. */
typedef struct {
    const char *id;
    char gender;               /* 'F', 'M', 'X', or 0 when not given */
    const char *status;        /* "public", ...; "" when not given */
    const char *nationalities; /* space-separated ISO2, in the record's order */
    const char *languages;     /* 'fr:C1 en:B2' */
} rs_store_summary;
/* Visit every expert's summary, in id order. A callback's error stops the
 * walk and is returned. */
rs_status rs_store_each_summary(rs_store *s,
                             rs_status (*fn)(const rs_store_summary *row, void *ctx), void *ctx);
/* Visit missions starting in [from, to] (day numbers), by expert id then
 * start; with them the missions assigned by the facility (core/records.h)
 * starting from `from` on, as rs_store_mission_days counts them. country
 * is "" when not given; days is never below 1. */
rs_status rs_store_each_mission(rs_store *s, int32_t from, int32_t to,
                             rs_status (*fn)(const char *expert_id, const char *country,
                                          int32_t start, int days, void *ctx),
                             void *ctx);
/* Forget erased ids up to change `upto` (once the index has caught up). */
rs_status rs_store_prune_erased(rs_store *s, int64_t upto);
/* Checkpoint the WAL into the main file and truncate it, so erased pages
 * (already zeroed by secure_delete) leave no copy behind. */
rs_status rs_store_checkpoint(rs_store *s);
/* Size of the store's files in bytes. */
int64_t rs_store_bytes(rs_store *s);

/* For the store's other tables (core/records.c), which share its file and
 * transactions: the SQLite handle, the change number of the open write
 * transaction (0 when none), whether the records' tables are there (a store
 * made before them gets them from its next writer), and failing with
 * SQLite's message or one's own (rs_store_error then says it). */
struct sqlite3 *rs_store_sqlite(rs_store *s);
int64_t rs_store_open_change(const rs_store *s);
int rs_store_has_records(const rs_store *s);
rs_status rs_store_sql_fail(rs_store *s, int rc, const char *what);
rs_status rs_store_fail(rs_store *s, rs_status err, const char *message);

#endif

/*
 * The data directory: the store of record and the index derived from it.
 *
 *   DIR/roster.sqlite    the store (core/store.h)
 *   DIR/index.current    names the live index directory, e.g. "index-3"
 *   DIR/index-N/         the Xapian index
 *   DIR/write.lock       held by the one process that writes
 *
 * The index records in its metadata the store change number it reflects and
 * the identity of the store it was built from. Opening the roster compares
 * the two and brings the index forward (or rebuilds it), so a crash between
 * a store commit and the index commit is repaired by the next command; a
 * store and an index of different rosters are refused. A rebuild or compaction writes a new index
 * directory and switches index.current atomically (rename), so readers see
 * either the old index or the new one.
 */
#ifndef RS_DATADIR_H
#define RS_DATADIR_H

#include <stdint.h>
#include "core/diag.h"
#include "core/store.h"
#include "xapian-c/xapian-c.h"

#define RS_INDEX_VERSION "4" /* 4: each facet's tokens in a slot of their own too (core/schema.h) */

typedef struct rs_data rs_data;

/* rs_open_mode, rs_import_stats and rs_progress_fn are public (lib/roster.h). */

/* Open DIR. Only RS_OPEN_WRITE makes a roster (the directory, owner-only,
 * and the store); every other mode on a directory without a store fails
 * with RS_ERR_NOT_FOUND ("no roster at DIR") and creates nothing. A store
 * missing beside an index is RS_ERR_CORRUPT in every mode: the index alone
 * cannot rebuild the store. A directory others may write is tightened to
 * owner-only when it is ours (with a note), refused otherwise. */
rs_status rs_data_open(const char *dir, rs_open_mode mode, rs_data **out, char **err);
/* The same, with readers reading the index `choice` names (a stub of
 * shards, formats.md section 10) instead of the directory's own: it is
 * checked (the identity of its store, the change it reflects) but never
 * written; a writer given one fails with RS_ERR_INPUT. NULL: as
 * rs_data_open. */
rs_status rs_data_open_index(const char *dir, rs_open_mode mode, const rs_index_choice *choice,
                             rs_data **out, char **err);
void rs_data_close(rs_data *r);
const char *rs_data_error(const rs_data *r);
/* What opening the roster has to tell besides success, one note a line
 * ("" when none): a directory tightened, an index left behind the store. */
const char *rs_data_notes(const rs_data *r);
/* "" or, for a reader, what its answers miss: the index could not be
 * brought up to the store (why is said), so it answers from the last index
 * committed. */
const char *rs_data_warning(const rs_data *r);

rs_store *rs_data_store(rs_data *r);
/* The index for reading (opened on first use). NULL on failure. */
xc_db *rs_data_index(rs_data *r);
/* Path of the live index directory. */
const char *rs_data_index_path(rs_data *r);
/* Bytes used by the index directory. */
int64_t rs_data_index_bytes(rs_data *r);

/* Who acts (an account, or the OS user): recorded with the changes the
 * store commits (import, forget) in their own transaction (core/records.h). */
rs_status rs_data_set_account(rs_data *r, const char *account);

/* Bring the index up to the store's change number (write mode). */
rs_status rs_data_sync(rs_data *r);
/* Rebuild the index from the store into a new directory and switch to it,
 * in as many shards as it has. */
rs_status rs_data_reindex(rs_data *r);
/* The same in `shards` shards (1: one index; indexer/shards.h). */
rs_status rs_data_reindex_shards(rs_data *r, size_t shards);


/* Import files (paths; "-" = stdin) in one transaction. Problems go to d.
 * A file is JSON Lines, CSV, or a CV (.xml, or a .json that is a JSON
 * Resume: intake/cv.h), whose expert's id is its file's name without the
 * extension.
 * Without skip_bad, any invalid record leaves the store unchanged and
 * returns RS_ERR_INPUT; a file that cannot be read as a whole (files_rejected)
 * does so even with skip_bad. RS_ERR_BEHIND: the store committed the import but
 * the index could not follow (rs_data_error says why); readers answer
 * from the previous index and the next command brings it up to date. */
rs_status rs_data_import(rs_data *r, char *const *paths, size_t n, int skip_bad, rs_diag *d,
                        rs_import_stats *stats, rs_progress_fn progress, void *progress_ctx);
/* The same for one file, a CV, stored as the expert `id` whatever its name
 * (a file of records is refused whole). */
rs_status rs_data_import_as(rs_data *r, const char *path, const char *id, int skip_bad,
                            rs_diag *d, rs_import_stats *stats);

/* The same from text in memory (an upload) in format fmt, named `name` in
 * problems: the same checks, problems and all-or-nothing rule as a file.
 * A CV (RS_FORMAT_CV) is the expert `id`. */
rs_status rs_data_import_data(rs_data *r, const char *name, const char *data, size_t len,
                              rs_format fmt, const char *id, int skip_bad, rs_diag *d,
                              rs_import_stats *st);
/* The ids the last import stored (RS_OK or RS_ERR_BEHIND; none after a
 * failure), in the order read; borrowed until the next import or close. */
char *const *rs_data_imported_ids(const rs_data *r, size_t *n);
/* Their names, in the same order. */
char *const *rs_data_imported_names(const rs_data *r);

/* Erase experts from store and index, leaving no trace of them on disk.
 * All or nothing: missing[i] is set for ids that are not in the roster, and
 * when any is, nothing is erased and the result is RS_ERR_NOT_FOUND.
 * RS_ERR_BEHIND: the store erased them but the index could not follow
 * (rs_data_error says why); their text stays in the index until the next
 * command finishes the forget. */
rs_status rs_data_forget(rs_data *r, char *const *ids, size_t n, int *missing);

/* Problems found by rs_data_verify, one line each. tables_unchecked:
 * the index's tables were not read through, since Xapian's check opens them
 * for writing and this user may not write the data directory. */
typedef struct {
    char **lines;
    size_t n;
    int tables_unchecked;
    int remote_shards; /* some shard is remote: its tables are checked where it is served */
} rs_problems;
void rs_problems_free(rs_problems *p);
/* Check schema versions, every table of the index (xc_db_check), and that
 * store and index hold the same experts with the same profiles. */
rs_status rs_data_verify(rs_data *r, rs_problems *out);

#endif

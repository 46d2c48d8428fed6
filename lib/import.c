/* Importing experts: from files (rs_roster_import, and rs_roster_import_as
 * for a CV given its expert's id) or from text in memory, an upload
 * (rs_roster_import_data, rs_roster_import_cv). All read through one path of the
 * data directory (indexer/datadir.h), so the problems and the all-or-nothing
 * rule are the same; the imported ids go to the audit trail in the import's
 * own transaction (indexer/datadir.c). */
#include "lib/private.h"

/* After the data directory's import: problems kept on the handle, the
 * message set. The audit line committed with the import: a full disk cannot
 * leave an import stored but unrecorded, nor make a stored one look failed. */
static rs_status imported(rs_roster *r, rs_status err, rs_diag *d)
{
    rs_keep_problems(r, d);
    if (err) rs_fail(r, err, "%s", rs_data_error(r->data));
    return err;
}

/* Start an import: its counts zeroed (into *ignored when the caller wants
 * none), the roster open. */
static rs_status begin_import(rs_roster *r, rs_import_stats **stats, rs_import_stats *ignored)
{
    if (!*stats) *stats = ignored;
    **stats = (rs_import_stats){0};
    return rs_begin_open(r);
}

rs_status rs_roster_import(rs_roster *r, char *const *paths, size_t n, int skip_bad,
                           rs_import_stats *stats, rs_progress_fn progress, void *ctx)
{
    rs_import_stats ignored;
    rs_status err = begin_import(r, &stats, &ignored);
    if (err) return err;
    rs_diag d;
    rs_diag_init(&d);
    err = rs_data_import(r->data, paths, n, skip_bad, &d, stats, progress, ctx);
    return imported(r, err, &d);
}

size_t rs_roster_imported(const rs_roster *r, char *const **ids, char *const **names)
{
    size_t n = 0;
    char *const *got_ids = r->data ? rs_data_imported_ids(r->data, &n) : NULL;
    if (ids) *ids = got_ids;
    if (names) *names = r->data ? rs_data_imported_names(r->data) : NULL;
    return n;
}

rs_status rs_roster_import_as(rs_roster *r, const char *path, const char *id, int skip_bad,
                              rs_import_stats *stats)
{
    rs_import_stats ignored;
    rs_status err = begin_import(r, &stats, &ignored);
    if (err) return err;
    rs_diag d;
    rs_diag_init(&d);
    err = rs_data_import_as(r->data, path, id, skip_bad, &d, stats);
    return imported(r, err, &d);
}

rs_status rs_roster_import_data(rs_roster *r, const char *name, const char *data, size_t len,
                                rs_format format, int skip_bad, rs_import_stats *stats)
{
    rs_import_stats ignored;
    rs_status err = begin_import(r, &stats, &ignored);
    if (err) return err;
    if (format != RS_FORMAT_JSONL && format != RS_FORMAT_CSV && format != RS_FORMAT_CV)
        return rs_fail(r, RS_ERR_INPUT, "%s: unknown format %d", name, (int)format);
    rs_diag d;
    rs_diag_init(&d);
    err = rs_data_import_data(r->data, name, data, len, format, NULL, skip_bad, &d, stats);
    return imported(r, err, &d);
}

rs_status rs_roster_import_cv(rs_roster *r, const char *name, const char *data, size_t len,
                              const char *id, int skip_bad, rs_import_stats *stats)
{
    rs_import_stats ignored;
    rs_status err = begin_import(r, &stats, &ignored);
    if (err) return err;
    rs_diag d;
    rs_diag_init(&d);
    err = rs_data_import_data(r->data, name, data, len, RS_FORMAT_CV, id, skip_bad, &d, stats);
    return imported(r, err, &d);
}

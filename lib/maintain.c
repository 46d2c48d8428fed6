/* The roster as a whole: counts and versions (rs_roster_stats), the check
 * that store and index agree (rs_roster_verify), and the rebuild of the
 * index from the store (rs_roster_reindex). */
#include <stdio.h>
#include <stdlib.h>

#include "lib/private.h"

/* ---- stats ---- */

static json_int_t member_int(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *member_str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static rs_status print_stats(const rs_answer *a, FILE *f)
{
    const json_t *o = a->json;
    const char *store_id = member_str(o, "store_id");
    fprintf(f, "experts:        %lld\n", (long long)member_int(o, "experts"));
    fprintf(f, "indexed:        %lld\n", (long long)member_int(o, "indexed"));
    fprintf(f, "store change:   %lld\n", (long long)member_int(o, "change"));
    fprintf(f, "store size:     %.1f MB\n", (double)member_int(o, "store_bytes") / 1e6);
    fprintf(f, "index size:     %.1f MB\n", (double)member_int(o, "index_bytes") / 1e6);
    fprintf(f, "schema version: %lld (index %s, Xapian %s)\n",
            (long long)member_int(o, "schema_version"), member_str(o, "index_version"),
            member_str(o, "xapian"));
    fprintf(f, "store id:       %s\n",
            *store_id ? store_id : "none yet (the next write gives one)");
    const json_t *shards = json_object_get(o, "shards");
    if (json_array_size(shards) > 1) {
        fprintf(f, "shards:         %zu\n", json_array_size(shards));
        for (size_t k = 0; k < json_array_size(shards); k++)
            fprintf(f, "  %s\n", json_string_value(json_array_get(shards, k)));
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* The index's shards: the absolute path of each local one (the index's
 * own directory when it is one), "remote HOST:PORT" for a remote one. */
static json_t *shard_list(const xc_db *db)
{
    json_t *list = json_array();
    for (size_t k = 0; list && db && k < xc_db_shard_count(db); k++) {
        const char *path = xc_db_shard_path(db, k);
        char *full = path ? realpath(path, NULL) : NULL;
        json_array_append_new(list, json_string(full ? full : xc_db_shard_name(db, k)));
        free(full);
    }
    return list;
}

rs_status rs_roster_stats(rs_roster *r, rs_answer **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    rs_store *s = rs_data_store(r->data);
    int64_t experts = 0, change = 0;
    uint64_t id = 0;
    uint32_t docs = 0;
    xc_db *db = rs_data_index(r->data);
    if ((err = rs_store_count(s, &experts)) || (err = rs_store_change(s, &change)) ||
        (err = rs_store_identity(s, &id)))
        return rs_fail(r, err, "%s", rs_store_error(s));
    if (db && xc_db_doccount(db, &docs) != XC_OK)
        return rs_fail(r, RS_ERR_INDEX, "%s", xc_db_last_error(db));
    char store_id[24] = ""; /* none before schema 3 */
    if (id) snprintf(store_id, sizeof store_id, "%016llx", (unsigned long long)id);
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:i, s:s, s:s, s:s}", "experts",
                          (json_int_t)experts, "indexed", (json_int_t)docs, "change",
                          (json_int_t)change, "store_bytes", (json_int_t)rs_store_bytes(s),
                          "index_bytes", (json_int_t)rs_data_index_bytes(r->data),
                          "schema_version", rs_store_version(s), "index_version",
                          RS_INDEX_VERSION, "xapian", xc_version(), "store_id", store_id);
    if (o && json_object_set_new(o, "shards", shard_list(db)) != 0) {
        json_decref(o);
        o = NULL;
    }
    if (!(*out = rs_answer_new(o, RS_OUTCOME_DONE, print_stats, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* ---- verify ---- */

static rs_status print_verify(const rs_answer *a, FILE *f)
{
    const json_t *problems = json_object_get(a->json, "problems");
    size_t n = json_array_size(problems);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "problem: %s\n", json_string_value(json_array_get(problems, i)));
    if (n) {
        fprintf(f, "%zu problem%s\n", n, n == 1 ? "" : "s");
    } else {
        fprintf(f, "ok: store and index agree\n");
        if (json_is_true(json_object_get(a->json, "remote_shards")))
            fprintf(f, "note: the tables of remote shards are not read from here: run "
                       "xapian-check on each where it is served\n");
        else if (json_is_true(json_object_get(a->json, "tables_unchecked")))
            fprintf(f, "note: the index's tables were not read through (the check opens them "
                       "for writing, which this user may not): run roster verify as the "
                       "roster's owner\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* {"problems": ["...", ...], "tables_unchecked": false, "remote_shards": false}
 * (docs/library.md). */
static json_t *verify_json(const rs_problems *p)
{
    json_t *lines = json_array();
    for (size_t i = 0; lines && i < p->n; i++)
        if (json_array_append_new(lines, json_string(p->lines[i])) != 0) {
            json_decref(lines);
            return NULL;
        }
    return lines ? json_pack("{s:o, s:b, s:b}", "problems", lines, "tables_unchecked",
                             p->tables_unchecked, "remote_shards", p->remote_shards)
                 : NULL;
}

rs_status rs_roster_verify(rs_roster *r, rs_answer **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    rs_problems p;
    if ((err = rs_data_verify(r->data, &p))) {
        rs_problems_free(&p);
        return rs_fail(r, err, "%s", rs_data_error(r->data));
    }
    /* Requests and assigned missions (lib/records.c). */
    if ((err = rs_records_verify(r, &p))) {
        rs_problems_free(&p);
        return err;
    }
    json_t *o = verify_json(&p);
    rs_outcome outcome = p.n ? RS_OUTCOME_FAILED : RS_OUTCOME_DONE;
    rs_problems_free(&p);
    if (!(*out = rs_answer_new(o, outcome, print_verify, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* ---- reindex ---- */

rs_status rs_roster_reindex(rs_roster *r, size_t shards)
{
    rs_status err = rs_begin_open(r);
    if (err) return err;
    if (shards > RS_SHARDS_MAX)
        return rs_fail(r, RS_ERR_INPUT, "shards: expected 1 to %d, got %zu", RS_SHARDS_MAX, shards);
    if ((err = rs_data_reindex_shards(r->data, shards))) return rs_fail(r, err, "%s", rs_data_error(r->data));
    return RS_OK;
}

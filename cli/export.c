/* roster export ID: everything the roster holds about one expert, as JSON
 * (a subject access request): the record as stored, the rows of the
 * missions table, and the index document: its profile and its terms. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/schema.h"

typedef struct { const char *id; json_t *rows; int oom; } missions_ctx;

static rs_status add_mission(const char *expert_id, const char *country, int32_t start, int days,
                          void *arg)
{
    missions_ctx *m = arg;
    if (strcmp(expert_id, m->id) != 0) return RS_OK;
    char from[11];
    rs_date_format(start, from);
    json_t *row = json_pack("{s:s?, s:s, s:i}", "country", *country ? country : NULL, "from",
                            from, "days", days);
    if (!row || json_array_append_new(m->rows, row) != 0) m->oom = 1;
    return m->oom ? RS_ERR_NOMEM : RS_OK;
}

/* Rows of the missions table for the expert (every start date). */
static json_t *missions_of(rs_store *s, const char *id, rs_status *err)
{
    missions_ctx m = {id, json_array(), 0};
    if (!m.rows) {
        *err = RS_ERR_NOMEM;
        return NULL;
    }
    *err = rs_store_each_mission(s, INT32_MIN, INT32_MAX, add_mission, &m);
    if (*err) {
        json_decref(m.rows);
        return NULL;
    }
    return m.rows;
}

typedef struct { json_t *terms; int oom; } terms_ctx;

static int add_term(const char *term, void *arg)
{
    terms_ctx *t = arg;
    t->oom = json_array_append_new(t->terms, json_string(term)) != 0;
    return t->oom;
}

/* The expert's index document: {"directory", "profile", "terms"}; JSON null
 * when the index has no document for the id; NULL on failure (message in
 * why). */
static json_t *index_document(rs_data *r, const char *id, char *why, size_t whysz)
{
    xc_db *db = rs_data_index(r);
    if (!db) {
        snprintf(why, whysz, "%s", rs_data_error(r));
        return NULL;
    }
    char term[RS_TERM_MAX];
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_ID, id);
    xc_doc *doc;
    xc_status st = xc_db_find_doc(db, term, &doc);
    if (st == XC_ERR_NOT_FOUND) return json_null();
    if (st != XC_OK) {
        snprintf(why, whysz, "%s", xc_db_last_error(db));
        return NULL;
    }
    const char *data;
    size_t len;
    terms_ctx t = {json_array(), 0};
    json_t *out = NULL;
    if (xc_doc_get_data(doc, &data, &len) != XC_OK ||
        xc_doc_each_term(doc, add_term, &t) != XC_OK) {
        snprintf(why, whysz, "%s", xc_doc_last_error(doc));
    } else if (t.terms && !t.oom) {
        const char *path = rs_data_index_path(r);
        const char *slash = path ? strrchr(path, '/') : NULL;
        out = json_pack("{s:s?, s:s%, s:O}", "directory", slash ? slash + 1 : path, "profile",
                        data, len, "terms", t.terms);
    }
    json_decref(t.terms);
    xc_doc_free(doc);
    return out;
}

/* The whole export of one expert, or NULL with the exit status in *status. */
static json_t *export_expert(rs_data *r, const char *id, int *status)
{
    rs_store *s = rs_data_store(r);
    char *record;
    rs_status err = rs_store_get_record(s, id, &record);
    if (err == RS_ERR_NOT_FOUND) {
        fprintf(stderr, "roster export: no expert with id '%s'\n", id);
        *status = EXIT_INPUT;
        return NULL;
    }
    json_t *rec = NULL, *missions = NULL, *index = NULL, *out = NULL;
    char why[512] = "out of memory";
    if (!err) {
        json_error_t jerr;
        rec = json_loads(record, 0, &jerr);
        free(record);
        if (!rec) snprintf(why, sizeof why, "stored record is not valid JSON (run roster verify)");
    } else {
        snprintf(why, sizeof why, "%s", rs_store_error(s));
    }
    if (rec && !(missions = missions_of(s, id, &err)) && err != RS_ERR_NOMEM)
        snprintf(why, sizeof why, "%s", rs_store_error(s));
    if (missions) index = index_document(r, id, why, sizeof why);
    if (index)
        out = json_pack("{s:s, s:O, s:O, s:O}", "id", id, "record", rec, "missions", missions,
                        "index", index);
    json_decref(rec);
    json_decref(missions);
    json_decref(index);
    if (!out) {
        fprintf(stderr, "roster export: %s: %s\n", id, why);
        *status = EXIT_FAIL;
    }
    return out;
}

int cmd_export(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("export", argc, argv, opts, args, &n, &status)) return status;
    if (n != 1) {
        fprintf(stderr, "roster export: give one expert id\n");
        return EXIT_INPUT;
    }
    rs_data *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    json_t *out = export_expert(r, args[0], &status);
    if (out) {
        char *text = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (text && printf("%s\n", text) >= 0 && fflush(stdout) == 0) {
            status = EXIT_OK;
        } else {
            fprintf(stderr, "roster export: cannot write the export\n");
            status = EXIT_FAIL;
        }
        free(text);
        json_decref(out);
    }
    rs_data_close(r);
    return status;
}

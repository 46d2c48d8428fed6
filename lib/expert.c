/* One expert: as `roster show` gives it (rs_roster_expert), everything held
 * about them (rs_roster_export, a subject access request), and erasing
 * experts everywhere (rs_roster_forget). Reads of one person's data and
 * every erasure are recorded in the audit trail. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/records.h"
#include "core/term.h"
#include "indexer/document.h"
#include "lib/private.h"

/* ---- show: the text form ---- */

static void print_period(FILE *f, rs_period p)
{
    char a[11], b[11];
    rs_date_format(p.from, a);
    if (p.to == RS_DATE_OPEN) fprintf(f, "%s..", a);
    else rs_date_format(p.to, b), fprintf(f, "%s..%s", a, b);
}

/* Stored text, escaped: a CV must not drive the terminal (core/term.h).
 * Paragraphs keep their line breaks, indented under the label. */
#define TEXT_INDENT "                 "

/* "  name:" padded so that values start under TEXT_INDENT. */
static void label(FILE *f, const char *name)
{
    fprintf(f, "  %s:%*s", name, (int)(sizeof TEXT_INDENT - 1 - 3 - strlen(name)), "");
}

static void text(FILE *f, const char *s) { rs_term_write(f, s ? s : "", NULL); }
static void paragraphs(FILE *f, const char *s) { rs_term_write(f, s, TEXT_INDENT); }

static void print_codes(FILE *f, const char *name, char *const *codes, size_t n)
{
    if (!n) return;
    label(f, name);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? " " : "", codes[i]);
    fprintf(f, "\n");
}

/* Who the expert is: the lines before the CV's text. */
static void print_identity(FILE *f, const rs_expert *e)
{
    text(f, e->id);
    fprintf(f, "  ");
    text(f, e->name);
    fprintf(f, "\n");
    if (e->n_nationalities) {
        label(f, e->n_nationalities == 1 ? "nationality" : "nationalities");
        for (size_t i = 0; i < e->n_nationalities; i++)
            fprintf(f, "%s%s (%s)", i ? " " : "", e->nationalities[i],
                    rs_country_name(e->nationalities[i]));
        fprintf(f, "\n");
    }
    if (e->gender) label(f, "gender"), fprintf(f, "%c\n", e->gender);
    /* In words, as facets and match reasons say it; --json keeps the value. */
    if (e->status) label(f, "status"), fprintf(f, "%s\n", rs_sector_phrase(e->status));
    if (e->employer) label(f, "employer"), text(f, e->employer), fprintf(f, "\n");
    if (e->residence[0]) label(f, "residence"), fprintf(f, "%s\n", e->residence);
    if (e->n_languages) {
        label(f, "languages");
        for (size_t i = 0; i < e->n_languages; i++)
            fprintf(f, "%s%s:%s", i ? " " : "", e->languages[i].code,
                    rs_cefr_name(e->languages[i].level));
        fprintf(f, "\n");
    }
    print_codes(f, "fields", e->fields, e->n_fields);
    print_codes(f, "competences", e->competences, e->n_competences);
    if (e->cv_lang[0]) label(f, "cv language"), fprintf(f, "%s\n", e->cv_lang);
    if (e->registered) {
        char day[11];
        rs_date_format(e->registered, day);
        label(f, "registered"), fprintf(f, "%s\n", day);
    }
}

/* The CV and the roster's own records: experience, education, missions,
 * unavailability. */
static void print_history(FILE *f, const rs_expert *e)
{
    if (e->summary) label(f, "summary"), paragraphs(f, e->summary), fprintf(f, "\n");
    for (size_t i = 0; i < e->n_experience; i++) {
        const rs_experience *x = &e->experience[i];
        label(f, "experience");
        print_period(f, x->when);
        fprintf(f, " ");
        text(f, x->role);
        fprintf(f, "%s", x->employer ? ", " : "");
        text(f, x->employer);
        fprintf(f, "%s%s\n", x->country[0] ? ", " : "", x->country);
        if (x->text) fprintf(f, TEXT_INDENT), paragraphs(f, x->text), fprintf(f, "\n");
    }
    for (size_t i = 0; i < e->n_education; i++) {
        const rs_education *x = &e->education[i];
        label(f, "education");
        fprintf(f, "%d ", x->year);
        text(f, x->degree);
        fprintf(f, " ");
        text(f, x->field);
        fprintf(f, " ");
        text(f, x->institution);
        fprintf(f, "\n");
    }
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        label(f, "mission");
        text(f, m->action);
        fprintf(f, " %s ", m->country);
        print_period(f, m->when);
        fprintf(f, " %d days%s\n", m->days, m->lead ? ", lead" : "");
    }
    for (size_t i = 0; i < e->n_unavailable; i++) {
        label(f, "unavailable");
        print_period(f, e->unavailable[i]);
        fprintf(f, "\n");
    }
}

/* Fields without a value are left out, as the gender of one who gave none. */
static rs_status print_expert(const rs_answer *a, FILE *f)
{
    print_identity(f, a->priv);
    print_history(f, a->priv);
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static void expert_free(void *priv)
{
    rs_expert_free(priv);
    free(priv);
}

/* ---- the missions the facility assigned ---- */

typedef struct { json_t *rows; int oom; } assigned_ctx;

static rs_status add_assigned(const rs_assigned_row *row, void *arg)
{
    assigned_ctx *a = arg;
    char from[11], to[11];
    rs_date_format(row->from, from);
    rs_date_format(row->to, to);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i}", "action", row->action, "country",
                          row->country, "from", from, "to", to, "days", row->days);
    if (!o || json_array_append_new(a->rows, o) != 0) a->oom = 1;
    return a->oom ? RS_ERR_NOMEM : RS_OK;
}

/* The missions `roster assign` recorded for the expert, as JSON
 * [{"action","country","from","to","days"}] (empty when none); NULL with
 * the message set (*err its status) on failure. They are the facility's
 * record, kept apart from the CV (docs/records.md): show and export give
 * them under their own key, which an import of the record ignores. */
static json_t *assigned_of(rs_roster *r, rs_store *s, const char *id, rs_status *err)
{
    assigned_ctx a = {json_array(), 0};
    *err = a.rows ? rs_records_each_assigned(s, NULL, id, add_assigned, &a) : RS_ERR_NOMEM;
    if (*err == RS_OK) return a.rows;
    json_decref(a.rows);
    if (*err == RS_ERR_NOMEM) rs_fail(r, *err, "%s: out of memory", id);
    else rs_fail(r, *err, "%s: %s", id, rs_store_error(s));
    return NULL;
}

/* ---- show ---- */

rs_status rs_roster_expert(rs_roster *r, const char *typed, rs_answer **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    rs_store *s = rs_data_store(r->data);
    char *id;
    if ((err = rs_lib_find_id(s, typed, &id, r->message, sizeof r->message))) return err;
    rs_expert *e = calloc(1, sizeof *e);
    if (!e) {
        free(id);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    /* The record as stored, once it reads back as a whole, valid expert
     * (rs_store_get validates it, e->record its text): one damaged in the
     * store is an error, never partial output. */
    if ((err = rs_store_get(s, id, e))) {
        rs_fail(r, err, "%s", rs_store_error(s));
        free(e);
        free(id);
        return err;
    }
    json_t *json = e->record ? json_loads(e->record, 0, NULL) : NULL, *assigned = NULL;
    if (!json)
        err = rs_fail(r, RS_ERR_CORRUPT,
                      "%s: the stored record is not valid JSON (run roster verify)", id);
    else if ((assigned = assigned_of(r, s, id, &err)) && json_array_size(assigned) &&
             json_object_set(json, "assigned", assigned) != 0)
        err = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    json_decref(assigned);
    if (!err) err = rs_audit_note(r, "show", &id, 1);
    free(id);
    if (err) {
        json_decref(json);
        expert_free(e);
        return err;
    }
    /* The answer owns json and e from here, also when it cannot be made. */
    if (!(*out = rs_answer_new(json, RS_OUTCOME_DONE, print_expert, e, expert_free)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* ---- export ---- */

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

/* Rows of the missions table for the expert (every start date); NULL
 * with the message set (*err its status) on failure. */
static json_t *missions_of(rs_roster *r, rs_store *s, const char *id, rs_status *err)
{
    missions_ctx m = {id, json_array(), 0};
    *err = RS_ERR_NOMEM;
    if (!m.rows) return rs_fail(r, *err, "%s: out of memory", id), NULL;
    *err = rs_store_each_mission(s, INT32_MIN, INT32_MAX, add_mission, &m);
    if (*err) {
        json_decref(m.rows);
        if (*err == RS_ERR_NOMEM) rs_fail(r, *err, "%s: out of memory", id);
        else rs_fail(r, *err, "%s: %s", id, rs_store_error(s));
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
 * when the index has no document for the id; NULL on failure (message
 * set, *err its status). */
static json_t *index_document(rs_roster *r, const char *id, rs_status *err)
{
    xc_db *db = rs_data_index(r->data);
    *err = RS_ERR_INDEX;
    if (!db) return rs_fail(r, *err, "%s: %s", id, rs_data_error(r->data)), NULL;
    xc_doc *doc;
    xc_status st = rs_document_find(db, id, &doc);
    if (st == XC_ERR_NOT_FOUND) return json_null();
    if (st != XC_OK) return rs_fail(r, *err, "%s: %s", id, xc_db_last_error(db)), NULL;
    const char *data;
    size_t len;
    terms_ctx t = {json_array(), 0};
    json_t *out = NULL;
    if (xc_doc_get_data(doc, &data, &len) != XC_OK ||
        xc_doc_each_term(doc, add_term, &t) != XC_OK) {
        rs_fail(r, *err, "%s: %s", id, xc_doc_last_error(doc));
    } else if (t.terms && !t.oom) {
        const char *path = rs_data_index_path(r->data);
        const char *slash = path ? strrchr(path, '/') : NULL;
        out = json_pack("{s:s?, s:s%, s:O}", "directory", slash ? slash + 1 : path, "profile",
                        data, len, "terms", t.terms);
    }
    if (!out && !r->message[0]) rs_fail(r, *err = RS_ERR_NOMEM, "%s: out of memory", id);
    json_decref(t.terms);
    xc_doc_free(doc);
    return out;
}

/* The record as stored, parsed; NULL with the message set on failure. */
static json_t *stored_record(rs_roster *r, rs_store *s, const char *id, rs_status *err)
{
    char *record;
    *err = rs_store_get_record(s, id, &record);
    if (*err == RS_ERR_NOT_FOUND) return rs_fail(r, *err, "no expert with id '%s'", id), NULL;
    if (*err) return rs_fail(r, *err, "%s: %s", id, rs_store_error(s)), NULL;
    json_t *rec = json_loads(record, 0, NULL);
    free(record);
    if (!rec)
        rs_fail(r, *err = RS_ERR_CORRUPT,
                "%s: stored record is not valid JSON (run roster verify)", id);
    return rec;
}

/* The export's text form: the JSON indented, as a person reads it. */
static rs_status print_indented(const rs_answer *a, FILE *f)
{
    char *text = json_dumps(a->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    int bad = !text || fprintf(f, "%s\n", text) < 0;
    free(text);
    return bad ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_export(rs_roster *r, const char *id, rs_answer **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    rs_store *s = rs_data_store(r->data);
    json_t *rec = stored_record(r, s, id, &err), *missions = NULL, *assigned = NULL;
    json_t *index = NULL, *all = NULL;
    if (rec) missions = missions_of(r, s, id, &err);
    if (missions) assigned = assigned_of(r, s, id, &err);
    if (assigned) index = index_document(r, id, &err);
    if (index) {
        all = json_pack("{s:s, s:O, s:O, s:O, s:O}", "id", id, "record", rec, "missions",
                        missions, "assigned", assigned, "index", index);
        if (!all) err = rs_fail(r, RS_ERR_NOMEM, "%s: out of memory", id);
    }
    json_decref(rec);
    json_decref(missions);
    json_decref(assigned);
    json_decref(index);
    if (!all) return err;
    char *ids[] = {(char *)id};
    if ((err = rs_audit_note(r, "export", ids, 1))) {
        json_decref(all);
        return err;
    }
    if (!(*out = rs_answer_new(all, RS_OUTCOME_DONE, print_indented, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* ---- forget ---- */

/* One line of the message (after sep) for an id not in the roster, naming
 * the one stored id equal to it ignoring case: forget never erases on such
 * a guess, but says what to type. */
static size_t say_missing(rs_store *s, const char *id, const char *sep, char *msg,
                          size_t size)
{
    char *stored = NULL, ignored[256];
    int n;
    if (rs_lib_find_id(s, id, &stored, ignored, sizeof ignored) == RS_OK &&
        strcmp(stored, id) != 0)
        n = snprintf(msg, size, "%sno expert with id '%s' (did you mean '%s'? forget takes "
                                "ids exactly as stored)", sep, id, stored);
    else
        n = snprintf(msg, size, "%sno expert with id '%s'", sep, id);
    free(stored);
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

rs_status rs_roster_forget(rs_roster *r, char *const *ids, size_t n)
{
    rs_status err = rs_begin_open(r);
    if (err) return err;
    int *missing = calloc(n ? n : 1, sizeof *missing);
    if (!missing) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    err = rs_data_forget(r->data, ids, n, missing);
    if (err == RS_ERR_NOT_FOUND) {
        /* All or nothing, like an import: a mistyped id erases no one. One
         * line per unknown id; the verdict is the front end's to word. */
        size_t len = 0;
        for (size_t i = 0; i < n; i++)
            if (missing[i])
                len += say_missing(rs_data_store(r->data), ids[i], len ? "\n" : "",
                                   r->message + len, sizeof r->message - len);
    } else if (err && err != RS_ERR_BEHIND) {
        rs_fail(r, err, "%s", rs_data_error(r->data));
    } else {
        /* Erased from the store (the index may follow later: RS_ERR_BEHIND),
         * the audit line with it, in one transaction (indexer/datadir.c). */
        if (err) rs_fail(r, err, "%s", rs_data_error(r->data));
    }
    free(missing);
    return err;
}

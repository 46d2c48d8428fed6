/* Bodies of the white-box fuzz targets: records (JSON Lines, CSV, CVs) and
 * terms of reference. See fuzz.h for why these reach below lib/roster.h. */
#include "fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/record.h"
#include "core/stem.h"
#include "core/text.h"
#include "indexer/document.h"
#include "intake/cv.h"
#include "matcher/tor.h"

/* Stemmers are costly to make: one set for the whole run. */
static rs_stemmers *stemmers(void)
{
    static rs_stemmers *s;
    if (!s) PROPERTY((s = rs_stemmers_new()) != NULL);
    return s;
}

/* ---- records ---- */

/* The canonical record is accepted again and is a fixed point. */
static void check_canonical(const rs_expert *e)
{
    rs_diag d;
    rs_expert again;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(e->record, strlen(e->record), "store", 1, &again, &d);
    if (rc != 0) rs_diag_print(&d, stderr);
    PROPERTY(rc == 0);
    PROPERTY(strcmp(again.record, e->record) == 0);
    rs_expert_free(&again);
    rs_diag_free(&d);
}

/* The profile the index stores decodes to an expert that encodes the same. */
static void check_profile(const rs_expert *e)
{
    size_t len, len2;
    char *text = rs_profile_encode(e, &len);
    PROPERTY(text != NULL);
    rs_expert back;
    PROPERTY(rs_profile_decode(text, len, &back) == 0);
    char *text2 = rs_profile_encode(&back, &len2);
    PROPERTY(text2 != NULL);
    PROPERTY(len == len2 && memcmp(text, text2, len) == 0);
    free(text);
    free(text2);
    rs_expert_free(&back);
}

/* A record the store accepts must be indexable, or the index could never
 * catch up with the store. */
static void check_document(const rs_expert *e)
{
    xc_doc *doc = NULL;
    PROPERTY(rs_document_build(e, stemmers(), &doc) == RS_OK);
    xc_doc_free(doc);
}

static int read_records(const uint8_t *data, size_t size, rs_format fmt)
{
    if (size == 0) return 0; /* fmemopen refuses an empty buffer */
    FILE *f = fmemopen((void *)data, size, "rb");
    PROPERTY(f != NULL);
    rs_reader *r = rs_reader_new(f, "fuzz", fmt);
    PROPERTY(r != NULL);
    rs_diag d;
    rs_diag_init(&d);
    /* Every record takes at least one byte: more calls than bytes is a loop. */
    size_t calls = 0;
    for (;;) {
        rs_expert e;
        size_t errors = d.n_errors;
        int rc = rs_reader_next(r, &e, &d);
        PROPERTY(++calls <= size + 1);
        if (rc == 0) break;
        if (rc < 0) {
            PROPERTY(d.n_errors > errors);
            PROPERTY(e.id == NULL);
            continue;
        }
        PROPERTY(e.id && e.name && e.record && e.n_nationalities > 0);
        check_canonical(&e);
        check_profile(&e);
        check_document(&e);
        rs_expert_free(&e);
    }
    if (rs_reader_failed(r)) PROPERTY(d.n_errors > 0);
    rs_diag_free(&d);
    rs_reader_free(r);
    fclose(f);
    return 0;
}

int rs_fuzz_jsonl(const uint8_t *data, size_t size)
{
    return read_records(data, size, RS_FORMAT_JSONL);
}

int rs_fuzz_csv(const uint8_t *data, size_t size)
{
    return read_records(data, size, RS_FORMAT_CSV);
}

/* ---- CVs ---- */

/* Every problem said is valid UTF-8, field and message. */
static void check_problems_text(const rs_diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        PROPERTY(rs_utf8_valid(d->items[i].field, strlen(d->items[i].field)));
        PROPERTY(rs_utf8_valid(d->items[i].message, strlen(d->items[i].message)));
    }
}

/* A CV gives a record with the required keys and no error, or errors and
 * no record, never both; a record goes the JSON Lines way: the validator
 * accepts it (then as any accepted record) or says why. */
int rs_fuzz_europass(const uint8_t *data, size_t size)
{
    rs_diag d;
    json_t *rec;
    rs_diag_init(&d);
    rs_cv_result res = rs_cv_read((const char *)data, size, "fuzz.xml", "fuzz-1", &rec, &d);
    check_problems_text(&d);
    if (res != RS_CV_RECORD) {
        PROPERTY(rec == NULL && d.n_errors > 0);
        rs_diag_free(&d);
        return 0;
    }
    PROPERTY(json_is_object(rec) && d.n_errors == 0);
    PROPERTY(json_is_string(json_object_get(rec, "id")));
    PROPERTY(json_is_string(json_object_get(rec, "name")));
    PROPERTY(json_array_size(json_object_get(rec, "nationalities")) > 0);
    rs_reader *r = rs_reader_new_object(rec, "fuzz.xml", 1);
    PROPERTY(r != NULL);
    rs_expert e;
    int rc = rs_reader_next(r, &e, &d);
    if (rc < 0) {
        PROPERTY(d.n_errors > 0 && e.id == NULL);
    } else {
        PROPERTY(rc == 1 && e.id && e.name && e.record && e.n_nationalities > 0);
        check_canonical(&e);
        check_profile(&e);
        check_document(&e);
        rs_expert_free(&e);
    }
    PROPERTY(rs_reader_next(r, &e, &d) == 0);
    check_problems_text(&d);
    rs_reader_free(r);
    rs_diag_free(&d);
    return 0;
}

/* ---- terms of reference ---- */

int rs_fuzz_tor(const uint8_t *data, size_t size)
{
    rs_diag d;
    rs_tor t;
    rs_diag_init(&d);
    int rc = rs_tor_from_json_text((const char *)data, size, "fuzz.json", 1, &t, &d);
    if (rc != 0) {
        PROPERTY(rc == -1 && d.n_errors > 0);
        PROPERTY(t.action == NULL && t.title == NULL);
    } else {
        PROPERTY(t.action && t.title && t.country[0]);
        PROPERTY(t.team_size >= 1 && t.team_size <= RS_TEAM_MAX);
        PROPERTY(t.n_languages <= RS_TOR_LANGUAGES_MAX);
        PROPERTY(t.n_fields <= RS_TOR_CODES_MAX && t.n_competences <= RS_TOR_CODES_MAX);
        PROPERTY(t.rules.n_require <= (size_t)t.team_size);
        PROPERTY(!t.has_window || t.from <= t.to);
        rs_tor_free(&t);
    }
    rs_diag_free(&d);
    return 0;
}

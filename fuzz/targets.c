/* Bodies of the fuzz targets. See fuzz.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz/fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/profile.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/stem.h"
#include "indexer/document.h"
#include "indexer/datadir.h"
#include "matcher/tor.h"
#include "query/query.h"
#include "query/search.h"

/* A broken property is a finding: say which and abort, so libFuzzer keeps
 * the input and the replay test fails. */
#define PROPERTY(cond)                                                              \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "fuzz: property failed: %s (%s:%d)\n", #cond, __FILE__, \
                    __LINE__);                                                      \
            abort();                                                                \
        }                                                                           \
    } while (0)

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

/* ---- queries ---- */

/* A few experts to run queries against, covering every facet. */
static const char SEED_EXPERTS[] =
    "{\"id\":\"F-1\",\"name\":\"Ana Lopes\",\"gender\":\"F\",\"nationalities\":[\"PT\",\"BR\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"E.10.01\"],\"competences\":[\"2.1\"],"
    "\"summary\":\"Pensions d'invalidité et sécurité sociale\",\"cv_lang\":\"fr\","
    "\"missions\":[{\"country\":\"SN\",\"from\":\"2021-03-01\",\"to\":\"2021-03-10\"}],"
    "\"unavailable\":[{\"from\":\"2027-03-01\",\"to\":\"2027-04-15\"}]}\n"
    "{\"id\":\"F-2\",\"name\":\"Jan Kowalski\",\"gender\":\"M\",\"nationalities\":[\"PL\"],"
    "\"status\":\"retired_public\",\"languages\":[{\"code\":\"en\",\"level\":\"B2\"}],"
    "\"fields\":[\"A.20\"],\"summary\":\"Labour inspection and employment services\"}\n"
    "{\"id\":\"F-3\",\"name\":\"Lucía Gómez\",\"gender\":\"X\",\"nationalities\":[\"ES\"],"
    "\"status\":\"academic\",\"languages\":[{\"code\":\"es\",\"level\":\"C2\"}],"
    "\"fields\":[\"N.15\"],\"summary\":\"Protección social y pensiones\",\"cv_lang\":\"es\"}\n";

static char index_dir[64];
static rs_data *index_roster;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_index(void)
{
    rs_data_close(index_roster);
    index_roster = NULL;
    nftw(index_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The index of SEED_EXPERTS in a temporary directory, made once and removed
 * at exit. */
static xc_db *seed_index(void)
{
    if (index_roster) return rs_data_index(index_roster);
    const char *tmp = getenv("TMPDIR");
    snprintf(index_dir, sizeof index_dir, "%s/roster-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    PROPERTY(mkdtemp(index_dir) != NULL);
    atexit(remove_index);
    char path[128];
    snprintf(path, sizeof path, "%s/seed.jsonl", index_dir);
    FILE *f = fopen(path, "w");
    PROPERTY(f && fputs(SEED_EXPERTS, f) >= 0 && fclose(f) == 0);
    char *msg = NULL;
    PROPERTY(rs_data_open(index_dir, RS_OPEN_WRITE, &index_roster, &msg) == RS_OK);
    rs_diag d;
    rs_import_stats st;
    char *paths[] = {path};
    rs_diag_init(&d);
    PROPERTY(rs_data_import(index_roster, paths, 1, 0, &d, &st, NULL, NULL) == RS_OK);
    PROPERTY(st.imported == 3);
    rs_diag_free(&d);
    xc_db *db = rs_data_index(index_roster);
    PROPERTY(db != NULL);
    return db;
}

int rs_fuzz_query(const uint8_t *data, size_t size)
{
    xc_db *db = seed_index();
    char *text = malloc(size + 1);
    PROPERTY(text != NULL);
    memcpy(text, data, size);
    text[size] = 0;
    rs_query *q;
    char err[256] = "";
    if (rs_query_parse(text, stemmers(), &q, err, sizeof err) != 0) {
        PROPERTY(err[0] != 0);
        free(text);
        return 0;
    }
    for (size_t i = 0; i < rs_n_fields; i++) {
        if (!rs_fields[i].facet) continue;
        xc_query *built = rs_query_build(q, rs_fields[i].facet);
        PROPERTY(built != NULL);
        xc_query_free(built);
    }
    rs_results res;
    int rc = rs_search(db, q, 10, 1, &res, err, sizeof err);
    if (rc != 0) fprintf(stderr, "fuzz: search failed: %s\n", err);
    PROPERTY(rc == 0);
    PROPERTY(res.n_hits <= res.total && res.total <= 3);
    rs_results_free(&res);
    rs_query_free(q);
    free(text);
    return 0;
}

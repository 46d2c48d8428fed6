/* Bodies of the face-level fuzz targets: what lib/roster.h offers a front
 * end, driven as one would. See fuzz.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz/fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/roster.h"

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

static char seed_dir[64];
static rs_roster *seeded;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_seeded(void)
{
    rs_roster_close(seeded);
    seeded = NULL;
    nftw(seed_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A roster of SEED_EXPERTS in a temporary directory, made once (an import
 * per input would be far too slow) and removed at exit. */
static rs_roster *seed_roster(void)
{
    if (seeded) return seeded;
    const char *tmp = getenv("TMPDIR");
    snprintf(seed_dir, sizeof seed_dir, "%s/roster-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    PROPERTY(mkdtemp(seed_dir) != NULL);
    atexit(remove_seeded);
    PROPERTY(rs_roster_open(seed_dir, RS_OPEN_WRITE, "fuzz", &seeded) == RS_OK);
    rs_import_stats st;
    PROPERTY(rs_roster_import_data(seeded, "seed.jsonl", SEED_EXPERTS, sizeof SEED_EXPERTS - 1,
                                   RS_FORMAT_JSONL, 0, &st) == RS_OK);
    PROPERTY(st.imported == 3);
    return seeded;
}

/* An answer's JSON has the search's shape and its text form prints. */
static void check_answer(const rs_answer *a)
{
    const json_t *j = rs_answer_json(a);
    json_int_t total = json_integer_value(json_object_get(j, "total"));
    PROPERTY(total >= 0 && total <= 3);
    PROPERTY(json_array_size(json_object_get(j, "results")) <= (size_t)total);
    PROPERTY(json_object_size(json_object_get(j, "facets")) > 0);
    FILE *null = fopen("/dev/null", "w");
    PROPERTY(null != NULL);
    PROPERTY(rs_answer_print(a, null) == RS_OK);
    fclose(null);
}

int rs_fuzz_query(const uint8_t *data, size_t size)
{
    rs_roster *r = seed_roster();
    char *text = malloc(size + 1);
    PROPERTY(text != NULL);
    memcpy(text, data, size);
    text[size] = 0;
    rs_answer *a = NULL;
    rs_status st = rs_roster_search(r, text, 0, 10, 1, &a);
    if (st != RS_OK && st != RS_ERR_INPUT)
        fprintf(stderr, "fuzz: search failed: %s\n", rs_roster_message(r));
    PROPERTY(st == RS_OK || st == RS_ERR_INPUT);
    if (st == RS_ERR_INPUT) {
        /* A refused query says why, and gives nothing else. */
        PROPERTY(rs_roster_message(r)[0] != 0);
        PROPERTY(a == NULL);
    } else {
        check_answer(a);
        rs_answer_free(a);
    }
    free(text);
    return 0;
}

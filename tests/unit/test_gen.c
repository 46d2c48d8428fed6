/*
 * The sample roster generator (corpus/gen): determinism, independence of
 * expert k from the run's size, validity of every record against the
 * importer and the taxonomy, calibrated shares, and the integrity of its
 * reference tables (codes, names, phrases, templates).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/diag.h"
#include "core/model.h"
#include "core/record.h"
#include "core/taxonomy.h"
#include "core/text.h"
#include "corpus/gen/gen.h"
#include "corpus/gen/gen_tables.h"

#define SAMPLE 2000

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    assert_non_null(s);
    return s;
}

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(rs_date_parse(s, 0, &d), 0);
    return d;
}

/* ---- API contract ---- */

static void test_bad_calls(void **state)
{
    (void)state;
    rs_gen *g = rs_gen_new(1);
    assert_non_null(g);
    json_t *o = (json_t *)1;
    assert_int_equal(rs_gen_expert(g, 0, &o), -1);
    assert_null(o);
    assert_int_equal(rs_gen_expert(NULL, 1, &o), -1);
    assert_null(o);
    assert_null(rs_gen_expert_text(g, 0));
    rs_gen_free(g);
    rs_gen_free(NULL);
}

static void test_ids(void **state)
{
    (void)state;
    rs_gen *g = rs_gen_new(3);
    json_t *o;
    assert_int_equal(rs_gen_expert(g, 1, &o), 0);
    assert_string_equal(str(o, "id"), "EXP-00001");
    json_decref(o);
    assert_int_equal(rs_gen_expert(g, 123456, &o), 0);
    assert_string_equal(str(o, "id"), "EXP-123456");
    json_decref(o);
    rs_gen_free(g);
}

/* ---- determinism ---- */

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    rs_gen *a = rs_gen_new(42), *b = rs_gen_new(42), *c = rs_gen_new(43);
    int differ = 0;
    for (unsigned long k = 1; k <= 300; k++) {
        char *x = rs_gen_expert_text(a, k), *y = rs_gen_expert_text(b, k);
        char *z = rs_gen_expert_text(c, k);
        assert_string_equal(x, y);
        differ += strcmp(x, z) != 0;
        free(x), free(y), free(z);
    }
    assert_int_equal(differ, 300);
    rs_gen_free(a), rs_gen_free(b), rs_gen_free(c);
}

/* Expert k is the same whatever was drawn before it: backwards equals
 * forwards, so a run of N is the prefix of any longer run. */
static void test_independent_of_order(void **state)
{
    (void)state;
    rs_gen *g = rs_gen_new(7);
    enum { N = 200 };
    char *forward[N + 1];
    for (unsigned long k = 1; k <= N; k++)
        forward[k] = rs_gen_expert_text(g, k);
    for (unsigned long k = N; k >= 1; k--) {
        char *again = rs_gen_expert_text(g, k);
        assert_string_equal(again, forward[k]);
        free(again);
        free(forward[k]);
    }
    rs_gen_free(g);
}

/* The bytes of a run are fixed: the same on every machine and build. If
 * the generator or its tables change on purpose, update this value: the
 * FNV-1a hash of `roster-gen --experts 100 --seed 1`. */
#define GOLDEN_HASH 0x48058dde9c3a3f02u

static void test_golden_bytes(void **state)
{
    (void)state;
    rs_gen *g = rs_gen_new(1);
    uint64_t h = 0xcbf29ce484222325u;
    for (unsigned long k = 1; k <= 100; k++) {
        char *s = rs_gen_expert_text(g, k);
        h = fnv1a(h, s);
        h = fnv1a(h, "\n");
        free(s);
    }
    rs_gen_free(g);
    assert_int_equal(h, GOLDEN_HASH);
}

/* ---- every record is valid ---- */

static void check_languages(json_t *o, const char *cv_lang)
{
    json_t *langs = json_object_get(o, "languages"), *l;
    size_t i;
    int native = 0, cv_level_ok = 0;
    assert_true(json_array_size(langs) >= 1);
    json_array_foreach(langs, i, l) {
        const char *code = str(l, "code");
        rs_cefr level = rs_cefr_parse(str(l, "level"));
        assert_true(rs_language_valid(code));
        assert_int_not_equal(level, RS_CEFR_NONE);
        native += level == RS_CEFR_NATIVE;
        if (strcmp(code, cv_lang) == 0)
            cv_level_ok = strcmp(code, "en") == 0 ? level >= RS_CEFR_B2 : level >= RS_CEFR_C1;
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(code, str(json_array_get(langs, j), "code"));
    }
    assert_true(native >= 1);
    assert_true(cv_level_ok);
}

static void check_codes(const rs_taxonomy *t, json_t *o)
{
    json_t *v;
    size_t i, n = json_array_size(json_object_get(o, "fields"));
    assert_true(n >= 1 && n <= 5);
    json_array_foreach(json_object_get(o, "fields"), i, v) {
        assert_true(rs_field_code_valid(json_string_value(v)));
        assert_non_null(rs_taxonomy_field(t, json_string_value(v)));
    }
    n = json_array_size(json_object_get(o, "competences"));
    assert_true(n >= 1 && n <= 4);
    json_array_foreach(json_object_get(o, "competences"), i, v) {
        assert_true(rs_competence_code_valid(json_string_value(v)));
        assert_non_null(rs_taxonomy_competence(t, json_string_value(v)));
    }
}

static void check_dates(const rs_taxonomy *t, json_t *o)
{
    json_t *m, *nats = json_object_get(o, "nationalities");
    size_t i, j;
    int32_t registered = day(str(o, "registered")), last = 0;
    assert_true(json_array_size(json_object_get(o, "missions")) <= 8);
    json_array_foreach(json_object_get(o, "missions"), i, m) {
        int32_t from = day(str(m, "from")), to = day(str(m, "to"));
        int days = (int)json_integer_value(json_object_get(m, "days"));
        assert_true(from >= day("2016-01-01") && to <= day("2026-12-31"));
        assert_true(from > last && from <= to && registered < from);
        assert_true(days >= 5 && days <= 15 && to - from + 1 >= days);
        assert_true(strcmp(str(m, "role"), "lead") == 0 || strcmp(str(m, "role"), "expert") == 0);
        assert_non_null(rs_taxonomy_partner(t, str(m, "country")));
        assert_int_equal(strncmp(str(m, "action"), str(m, "from"), 4), 0);
        for (j = 0; j < json_array_size(nats); j++)
            assert_string_not_equal(str(m, "country"), json_string_value(json_array_get(nats, j)));
        last = to;
    }
    assert_true(json_array_size(json_object_get(o, "unavailable")) <= 3);
    last = 0;
    json_array_foreach(json_object_get(o, "unavailable"), i, m) {
        int32_t from = day(str(m, "from")), to = day(str(m, "to"));
        assert_true(from >= day("2026-01-01") && to <= day("2028-12-31"));
        assert_true(from > last && from <= to);
        last = to;
    }
    size_t n = json_array_size(json_object_get(o, "experience"));
    assert_true(n >= 1 && n <= 4);
    json_array_foreach(json_object_get(o, "experience"), i, m) {
        int32_t from, to;
        assert_int_equal(rs_date_parse(str(m, "from"), 0, &from), 0);
        json_t *end = json_object_get(m, "to");
        assert_true(i > 0 || end || strcmp(str(o, "status"), "retired_public") != 0);
        if (end) {
            assert_int_equal(rs_date_parse(json_string_value(end), 1, &to), 0);
            assert_true(from < to);
        }
        assert_true(rs_country_valid(str(m, "country")));
        assert_true(strlen(str(m, "text")) > 20);
    }
    n = json_array_size(json_object_get(o, "education"));
    assert_true(n >= 1 && n <= 2);
}

static void check_text(json_t *o)
{
    const char *cv = str(o, "cv_lang"), *summary = str(o, "summary");
    assert_true(strlen(summary) > 150);
    assert_true(rs_utf8_valid(summary, strlen(summary)));
    assert_null(strstr(summary, "{"));
    assert_null(strstr(summary, ".."));
    if (strcmp(cv, "fr") == 0) {
        /* "de" is elided before a vowel. */
        static const char *const unelided[] = {" de a", " de e", " de i", " de o", " de u",
                                               " de é", " de à", NULL};
        for (size_t i = 0; unelided[i]; i++)
            assert_null(strstr(summary, unelided[i]));
    }
    if (strcmp(cv, "es") == 0)
        assert_null(strstr(summary, " y i"));
}

static void test_records_valid(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    rs_gen *g = rs_gen_new(2024);
    size_t bytes = 0;
    for (unsigned long k = 1; k <= SAMPLE; k++) {
        char *s = rs_gen_expert_text(g, k);
        assert_non_null(s);
        size_t len = strlen(s);
        bytes += len;
        assert_true(len > 700 && len < 4000);

        /* The importer takes it without a single problem. */
        rs_diag d;
        rs_expert e;
        rs_diag_init(&d);
        memset(&e, 0, sizeof e);
        assert_int_equal(rs_expert_from_json_text(s, len, "gen", (long)k, &e, &d), 0);
        assert_int_equal(d.n, 0);
        rs_expert_free(&e);
        rs_diag_free(&d);

        json_t *o = json_loads(s, 0, NULL);
        assert_non_null(o);
        const char *gender = str(o, "gender");
        assert_true(strcmp(gender, "F") == 0 || strcmp(gender, "M") == 0 ||
                    strcmp(gender, "X") == 0);
        json_t *nats = json_object_get(o, "nationalities");
        assert_true(json_array_size(nats) == 1 || json_array_size(nats) == 2);
        for (size_t i = 0; i < json_array_size(nats); i++)
            assert_true(rs_country_valid(json_string_value(json_array_get(nats, i))));
        if (json_array_size(nats) == 2)
            assert_string_not_equal(json_string_value(json_array_get(nats, 0)),
                                    json_string_value(json_array_get(nats, 1)));
        assert_true(rs_country_valid(str(o, "residence")));
        assert_int_not_equal(rs_sector_parse(str(o, "status")), RS_SECTOR_NONE);
        char *nfc = rs_text_nfc(str(o, "name"), strlen(str(o, "name")));
        assert_string_equal(nfc, str(o, "name"));
        free(nfc);
        check_languages(o, str(o, "cv_lang"));
        check_codes(t, o);
        check_dates(t, o);
        check_text(o);
        json_decref(o);
        free(s);
    }
    /* About 1.5-2 KB of JSON per expert. */
    assert_true(bytes / SAMPLE >= 1300 && bytes / SAMPLE <= 2100);
    rs_gen_free(g);
}

/* ---- calibration on the real roster ---- */

typedef struct {
    int eu, fr_es, partner_only, dual, women, x, public_sector, en_b2;
    int cv[RS_GEN_NLANG], letter[26], with_missions;
    char eu_seen[32][3];
    int n_eu_seen;
} shares;

static void count(shares *s, json_t *o)
{
    json_t *nats = json_object_get(o, "nationalities"), *v;
    size_t i;
    int eu = 0, fr_es = 0;
    json_array_foreach(nats, i, v) {
        const char *c = json_string_value(v);
        if (rs_country_is_eu(c)) {
            eu = 1;
            int seen = 0;
            for (int j = 0; j < s->n_eu_seen; j++)
                seen |= strcmp(s->eu_seen[j], c) == 0;
            if (!seen && s->n_eu_seen < 32)
                memcpy(s->eu_seen[s->n_eu_seen++], c, 3);
        }
        fr_es |= strcmp(c, "FR") == 0 || strcmp(c, "ES") == 0;
    }
    s->eu += eu, s->fr_es += fr_es, s->partner_only += !eu;
    s->dual += json_array_size(nats) > 1;
    s->women += strcmp(str(o, "gender"), "F") == 0;
    s->x += strcmp(str(o, "gender"), "X") == 0;
    rs_sector st = rs_sector_parse(str(o, "status"));
    s->public_sector += st == RS_SECTOR_PUBLIC || st == RS_SECTOR_RETIRED_PUBLIC ||
                        st == RS_SECTOR_MANDATED_BODY;
    json_array_foreach(json_object_get(o, "languages"), i, v)
        s->en_b2 += strcmp(str(v, "code"), "en") == 0 &&
                    rs_cefr_parse(str(v, "level")) >= RS_CEFR_B2;
    for (int l = 0; l < RS_GEN_NLANG; l++)
        s->cv[l] += strcmp(str(o, "cv_lang"), rs_gen_cv_langs[l]) == 0;
    s->letter[json_string_value(json_array_get(json_object_get(o, "fields"), 0))[0] - 'A']++;
    s->with_missions += json_array_size(json_object_get(o, "missions")) > 0;
}

/* Per mille of the sample within [lo, hi]. */
#define assert_share(n, lo, hi) assert_in_range((n) * 1000 / SAMPLE, (lo), (hi))

static void test_calibrated_shares(void **state)
{
    (void)state;
    shares s;
    memset(&s, 0, sizeof s);
    rs_gen *g = rs_gen_new(1);
    for (unsigned long k = 1; k <= SAMPLE; k++) {
        json_t *o;
        assert_int_equal(rs_gen_expert(g, k, &o), 0);
        count(&s, o);
        json_decref(o);
    }
    rs_gen_free(g);
    assert_share(s.eu, 770, 850);            /* real roster: 81% EU */
    assert_share(s.fr_es, 470, 550);         /* French and Spanish: 51% */
    assert_int_equal(s.partner_only, SAMPLE - s.eu);
    assert_in_range(s.n_eu_seen, 25, 27);    /* 26 EU nationalities */
    assert_share(s.dual, 35, 80);            /* about 5% dual nationals */
    assert_share(s.women, 350, 430);         /* 39% women */
    assert_share(s.x, 3, 30);                /* a few not stated */
    assert_share(s.public_sector, 530, 630); /* 58% public sector */
    assert_share(s.en_b2, 750, 900);
    assert_share(s.cv[RS_GEN_EN], 450, 650); /* CVs mostly in English */
    assert_share(s.cv[RS_GEN_FR], 140, 270);
    assert_share(s.cv[RS_GEN_ES], 140, 270);
    assert_share(s.cv[RS_GEN_PT], 15, 70);
    assert_share(s.with_missions, 220, 400);
    /* A, E, N, F and U are the most common main fields. */
    int top[5], used[26] = {0};
    for (int r = 0; r < 5; r++) {
        top[r] = -1;
        for (int l = 0; l < 26; l++)
            if (!used[l] && (top[r] < 0 || s.letter[l] > s.letter[top[r]]))
                top[r] = l;
        used[top[r]] = 1;
    }
    for (const char *l = "AENFU"; *l; l++)
        assert_true(used[*l - 'A']);
}

/* ---- the hidden truth and the noise of the record ---- */

static int in_array(json_t *a, const char *s)
{
    json_t *v;
    size_t i;
    json_array_foreach(a, i, v)
        if (strcmp(json_string_value(v), s) == 0)
            return 1;
    return 0;
}

/* Shares are 1..100 percent summing to 100, largest first. */
static void check_shares(json_t *o)
{
    const char *code;
    json_t *v;
    int sum = 0, last = 101;
    assert_true(json_object_size(o) >= 1);
    json_object_foreach(o, code, v) {
        int share = (int)json_integer_value(v);
        assert_in_range(share, 1, 100);
        assert_true(share <= last);
        last = share;
        sum += share;
    }
    assert_int_equal(sum, 100);
}

typedef struct {
    int forgotten, broader, spurious, overstated, understated;
} noise;

/* Each declared code is a true one, the parent of one, or one spurious
 * code; each true one is declared, broader, or forgotten. */
static void check_declared(json_t *declared, json_t *truth, noise *n)
{
    json_t *v;
    size_t i;
    int spurious = 0;
    json_array_foreach(declared, i, v) {
        const char *d = json_string_value(v), *code;
        json_t *share;
        int found = json_object_get(truth, d) != NULL;
        json_object_foreach(truth, code, share) {
            size_t len = strlen(d);
            if (!found && strncmp(code, d, len) == 0 && code[len] == '.' &&
                !strchr(code + len + 1, '.'))
                found = 1, n->broader++;
        }
        spurious += !found;
    }
    assert_true(spurious <= 1);
    n->spurious += spurious;
    const char *code;
    json_object_foreach(truth, code, v) {
        int kept = in_array(declared, code);
        for (size_t j = 0; !kept && j < json_array_size(declared); j++) {
            const char *d = json_string_value(json_array_get(declared, j));
            kept = strncmp(code, d, strlen(d)) == 0 && code[strlen(d)] == '.';
        }
        n->forgotten += !kept;
    }
}

static void check_truth_languages(json_t *rec, json_t *truth, noise *n)
{
    json_t *langs = json_object_get(rec, "languages"), *l;
    size_t i;
    assert_int_equal(json_array_size(langs), json_object_size(truth));
    json_array_foreach(langs, i, l) {
        rs_cefr said = rs_cefr_parse(str(l, "level"));
        json_t *t = json_object_get(truth, str(l, "code"));
        assert_non_null(t);
        rs_cefr real = rs_cefr_parse(json_string_value(t));
        int gap = (int)said - (int)real;
        assert_true(gap >= -1 && gap <= 1);
        assert_true((said == RS_CEFR_NATIVE) == (real == RS_CEFR_NATIVE));
        n->overstated += said > real;
        n->understated += said < real;
        if (strcmp(str(l, "code"), str(rec, "cv_lang")) == 0)
            assert_true(said >= real);
    }
}

static void test_truth(void **state)
{
    (void)state;
    rs_gen *g = rs_gen_new(9);
    noise n = {0};
    json_t *o = (json_t *)1, *t = (json_t *)1;
    assert_int_equal(rs_gen_expert_truth(g, 0, &o, &t), -1);
    assert_null(o);
    assert_null(t);
    assert_int_equal(rs_gen_expert_truth(NULL, 1, &o, NULL), -1);
    for (unsigned long k = 1; k <= SAMPLE; k++) {
        assert_int_equal(rs_gen_expert_truth(g, k, &o, &t), 0);
        char *a = json_dumps(o, RS_GEN_JSON_FLAGS), *b = rs_gen_expert_text(g, k);
        assert_string_equal(a, b); /* asking for the truth changes nothing */
        free(a), free(b);
        assert_string_equal(str(t, "id"), str(o, "id"));
        assert_int_equal(json_object_size(t), 4);
        check_shares(json_object_get(t, "fields"));
        check_shares(json_object_get(t, "competences"));
        check_declared(json_object_get(o, "fields"), json_object_get(t, "fields"), &n);
        check_declared(json_object_get(o, "competences"), json_object_get(t, "competences"), &n);
        check_truth_languages(o, json_object_get(t, "languages"), &n);
        json_decref(o), json_decref(t);
    }
    rs_gen_free(g);
    /* Each kind of noise is there and none dominates: events per thousand
     * experts (gen.c's rates over about 2.7 fields, 2.4 competences and
     * 2.5 languages each). */
    assert_share(n.forgotten, 350, 650);
    assert_share(n.broader, 450, 800);
    assert_share(n.spurious, 200, 400);
    assert_share(n.overstated, 120, 250);
    assert_share(n.understated, 30, 120);
}

/* ---- the reference tables ---- */

static void check_phrase(const rs_gen_phrase *p)
{
    assert_non_null(p);
    for (int l = 0; l < RS_GEN_NLANG; l++) {
        assert_non_null(p->text[l]);
        assert_true(strlen(p->text[l]) > 0);
        assert_true(rs_utf8_valid(p->text[l], strlen(p->text[l])));
    }
}

static void test_phrases_cover_taxonomy(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    for (size_t i = 0; i < rs_taxonomy_n_fields(t); i++) {
        const char *code = rs_taxonomy_field_at(t, i)->code;
        check_phrase(rs_gen_field_phrase(code));
    }
    for (size_t i = 0; i < rs_gen_n_field_phrases; i++)
        assert_non_null(rs_taxonomy_field(t, rs_gen_field_phrases[i].key));
    for (size_t i = 0; i < rs_taxonomy_n_competences(t); i++)
        check_phrase(rs_gen_competence_phrase(rs_taxonomy_competence_at(t, i)->code));
    for (size_t i = 0; i < rs_gen_n_competence_phrases; i++)
        assert_non_null(rs_taxonomy_competence(t, rs_gen_competence_phrases[i].key));
    const rs_gen_phrase *elsewhere = rs_gen_region_phrase(NULL);
    check_phrase(elsewhere);
    for (size_t i = 0; i < rs_taxonomy_n_partners(t); i++) {
        const rs_gen_phrase *p = rs_gen_region_phrase(rs_taxonomy_partner_at(t, i)->region);
        check_phrase(p);
        assert_ptr_not_equal(p, elsewhere);
    }
    assert_null(rs_gen_field_phrase("Z.99"));
    assert_ptr_equal(rs_gen_field_phrase("E.10.99"), rs_gen_field_phrase("E.10"));
    for (int l = 0; l < RS_GEN_NLANG; l++) {
        assert_non_null(rs_gen_language_name(rs_gen_cv_langs[l], l));
        assert_null(rs_gen_language_name("de", l));
    }
    for (int r = 0; r < RS_ROLE_COUNT; r++) {
        check_phrase(&rs_gen_roles[r]);
        for (int l = 0; l < RS_GEN_NLANG; l++)
            assert_in_range(rs_gen_roles[r].text[l][0], 'a', 'z'); /* capitalised as ASCII */
    }
    for (size_t i = 0; i < rs_gen_n_degrees; i++)
        check_phrase(&rs_gen_degrees[i]);
    for (size_t i = 0; i < rs_gen_n_disciplines; i++)
        check_phrase(&rs_gen_disciplines[i]);
    assert_true(rs_gen_n_fallback_topics >= 3 && rs_gen_n_fallback_skills >= 2);
}

/* Every placeholder of every template is one the expander knows. */
static void check_templates(const char *const *list)
{
    static const char *const keys[] = {"R", "r", "E", "Y", "Z", "T1", "T2", "T3", "C1", "C2",
                                       "N", "G", "L", "n", NULL};
    assert_true(rs_gen_list_len(list) >= 1);
    for (size_t i = 0; list[i]; i++) {
        assert_true(rs_utf8_valid(list[i], strlen(list[i])));
        for (const char *p = strchr(list[i], '{'); p; p = strchr(p + 1, '{')) {
            const char *close = strchr(p, '}');
            assert_non_null(close);
            char key[256];
            size_t n = (size_t)(close - p - 1);
            assert_true(n > 0 && n < sizeof key);
            memcpy(key, p + 1, n);
            key[n] = '\0';
            int known = strchr(key, '|') != NULL;
            for (size_t k = 0; keys[k] && !known; k++)
                known = strcmp(keys[k], key) == 0;
            if (!known)
                fail_msg("unknown placeholder {%s} in \"%s\"", key, list[i]);
        }
    }
}

static void test_templates(void **state)
{
    (void)state;
    for (int l = 0; l < RS_GEN_NLANG; l++) {
        const rs_gen_templates *t = &rs_gen_templates_by_lang[l];
        check_templates(t->serving);
        check_templates(t->retired);
        check_templates(t->academic);
        check_templates(t->middle);
        assert_true(rs_gen_list_len(t->middle) >= 2); /* two distinct per summary */
        check_templates(t->missions_one);
        check_templates(t->missions_many);
        check_templates(t->missions_none);
        check_templates(t->languages);
        check_templates(t->experience);
        assert_non_null(t->and_word);
    }
}

static void check_names(const rs_gen_name_pool *p)
{
    assert_non_null(p);
    const char *const *lists[] = {p->female, p->male, p->surnames};
    for (size_t l = 0; l < 3; l++) {
        assert_true(rs_gen_list_len(lists[l]) >= 3);
        for (size_t i = 0; lists[l][i]; i++) {
            const char *s = lists[l][i];
            char *nfc = rs_text_nfc(s, strlen(s));
            assert_non_null(nfc);
            assert_string_equal(nfc, s); /* stored as NFC, as the importer keeps them */
            free(nfc);
        }
    }
    assert_in_range(p->two_surnames_pct, 0, 100);
}

/* "en:90,ca:12@native,fr:100@C2": known languages, percent, level. */
static void check_language_spec(const char *spec)
{
    for (const char *p = spec; p && *p;) {
        char code[3] = {p[0], p[1], '\0'};
        assert_true(rs_language_valid(code));
        assert_int_equal(p[2], ':');
        char *end;
        long pct = strtol(p + 3, &end, 10);
        assert_in_range(pct, 1, 100);
        if (*end == '@') {
            char level[8] = "";
            size_t n = strcspn(end + 1, ",");
            assert_true(n < sizeof level);
            memcpy(level, end + 1, n);
            assert_int_not_equal(rs_cefr_parse(level), RS_CEFR_NONE);
            end += 1 + n;
        }
        assert_true(*end == ',' || *end == '\0');
        p = *end ? end + 1 : NULL;
    }
}

static void check_nation(const rs_gen_nation *n)
{
    assert_true(rs_language_valid(n->native));
    check_language_spec(n->languages);
    assert_true(rs_gen_list_len(n->public_bodies) >= 1);
    assert_true(rs_gen_list_len(n->universities) >= 1);
    if (n->cv_lang)
        assert_in_range(n->cv_lang_pct, 1, 100);
}

static void test_nations(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    int total = 0, distinct = 0;
    for (size_t i = 0; i < rs_gen_n_eu_nations; i++) {
        const rs_gen_nation *n = &rs_gen_eu_nations[i];
        assert_true(rs_country_is_eu(n->iso2));
        check_nation(n);
        check_names(rs_gen_names_named(n->names));
        assert_true(rs_gen_list_len(n->mandated_bodies) >= 1);
        assert_true(rs_gen_list_len(n->social_partners) >= 1);
        assert_true(n->weight > 0);
        total += n->weight;
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= strcmp(rs_gen_eu_nations[j].iso2, n->iso2) != 0;
        distinct += first;
    }
    assert_int_equal(distinct, 26);
    assert_in_range(total, 7500, 8500);
    for (size_t i = 0; i < rs_taxonomy_n_partners(t); i++) {
        const rs_partner_country *p = rs_taxonomy_partner_at(t, i);
        check_names(rs_gen_names_for(p->iso2, p->region, p->languages));
        const rs_gen_nation *n = rs_gen_partner_nation(p->iso2);
        if (n)
            check_nation(n);
        assert_true(rs_gen_partner_weight(p->iso2, p->region) >= 0);
        const char *const *links = rs_gen_dual_links(p->iso2);
        for (size_t j = 0; links && links[j]; j++)
            assert_true(rs_country_valid(links[j]));
    }
    const char *linguas[] = {"fr", "es", "pt", "en", "ar", NULL};
    for (size_t i = 0; linguas[i]; i++) {
        const rs_gen_nation *n = rs_gen_generic_nation(linguas[i]);
        check_language_spec(n->languages);
        assert_true(rs_gen_list_len(n->social_partners) >= 1);
    }
    assert_ptr_equal(rs_gen_generic_nation("ar"), rs_gen_generic_nation("en"));
    assert_null(rs_gen_partner_nation("FR"));
    assert_null(rs_gen_names_named("no such pool"));
    assert_true(rs_gen_list_len(rs_gen_international_orgs) >= 3);
    assert_true(rs_gen_list_len(rs_gen_private_firms) >= 3);
    assert_int_equal(rs_gen_list_len(NULL), 0);
    assert_true(rs_gen_code_in("ar,fr,en", "fr"));
    assert_true(rs_gen_code_in("ar,fr,en", "en"));
    assert_false(rs_gen_code_in("ar,fr,en", "f"));
    assert_false(rs_gen_code_in("ar,fra", "fr"));
    assert_false(rs_gen_code_in(NULL, "fr"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_calls),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_independent_of_order),
        cmocka_unit_test(test_golden_bytes),
        cmocka_unit_test(test_records_valid),
        cmocka_unit_test(test_calibrated_shares),
        cmocka_unit_test(test_truth),
        cmocka_unit_test(test_phrases_cover_taxonomy),
        cmocka_unit_test(test_templates),
        cmocka_unit_test(test_nations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

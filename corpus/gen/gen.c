/*
 * Drawing one synthetic expert.
 *
 * Every expert has its own random stream, seeded from (seed, k), so expert
 * k is the same whether 10 or 1,000,000 are drawn, and shards of a roster
 * can be drawn apart. The stream is xoshiro256** seeded by splitmix64;
 * every draw is integer arithmetic, and the output holds no floating-point
 * number, so the bytes are the same on every machine.
 *
 * An expert is drawn in the order a person is: gender and nationality,
 * then languages (from the nationality), sector, fields of expertise and
 * competences, then a career that fits them, and last the CV text, written
 * in the CV language from the phrases of gen_tables.h.
 *
 * What is drawn first is the truth: the expertise a person really has
 * (field and competence codes, each with its share of the person's work)
 * and the languages they really speak. The record is what the person
 * declares of it, with the noise of real CVs: minor codes forgotten, codes
 * declared one level too broad, a code now and then that the person does
 * not practise, language levels a step too high (or low). The CV text is
 * written from the truth, with synonyms of the taxonomy's words, so it
 * says what the codes miss. The truth is never part of the record: the
 * evaluation (eval/) judges the engine's answers against it.
 */
#include "corpus/gen/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/model.h"
#include "core/taxonomy.h"
#include "corpus/gen/gen_tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The roster's "today": careers run up to June 2026, so nothing depends on
 * the clock. */
#define NOW_MONTH (2026 * 12 + 5)
#define MAX_LANGS 12
#define MAX_FIELDS 5
#define MAX_COMPETENCES 4
#define MAX_TOPICS 10
#define MAX_EXPERIENCE 4
#define MAX_MISSIONS 8
#define MAX_UNAVAILABLE 3
#define TEXT_MAX 4096
/* Partner countries kept (the taxonomy lists about 160). */
#define RS_GEN_MAX_PARTNERS 512

/* ---- random stream ---- */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void rng_init(rng *r, uint64_t seed, unsigned long k)
{
    uint64_t x = seed;
    x = splitmix64(&x) ^ ((uint64_t)k * 0xd1b54a32d192ed03u);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

/* Uniform in [0, n), n > 0, without modulo bias. */
static uint64_t below(rng *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, v;
    do
        v = rng_next(r);
    while (v >= limit);
    return v % n;
}

static int between(rng *r, int lo, int hi)
{
    return lo + (int)below(r, (uint64_t)(hi - lo + 1));
}

static int chance(rng *r, int percent)
{
    return (int)below(r, 100) < percent;
}

/* Index drawn with probability proportional to w[i]; the sum must be > 0. */
static size_t pick_weighted(rng *r, const int *w, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += (uint64_t)w[i];
    uint64_t x = below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < (uint64_t)w[i])
            return i;
        x -= (uint64_t)w[i];
    }
    return n - 1;
}

static const char *pick(rng *r, const char *const *list)
{
    return list[below(r, rs_gen_list_len(list))];
}

/* ---- the generator: views of the taxonomy ---- */

static const struct {
    char letter;
    int weight;
} main_letters[] = {
    {'E', 26}, {'A', 22}, {'N', 11}, {'F', 10}, {'U', 7}, {'Q', 5}, {'C', 4}, {'D', 3},
    {'L', 3}, {'B', 2}, {'G', 2}, {'H', 2}, {'S', 1}, {'T', 1}, {'V', 1}, {'O', 1}, {'P', 1},
};

/* Within a letter, the share of the letter itself, of its second-level and
 * third-level codes: CVs mix broad and narrow codes. */
static const int depth_weight[3] = {15, 45, 40};

struct rs_gen {
    uint64_t seed;
    const rs_taxonomy *tax;
    const rs_code_entry **fields;     /* grouped by letter, file order within */
    int *field_weight;                /* within its letter */
    size_t letter_start[26], letter_count[26];
    int letter_weight[26];
    const rs_partner_country **partners; /* one per country code */
    int *partner_weight;              /* as a nationality */
    int *mission_weight;              /* as a mission country */
    size_t n_partners;
    int eu_weights[64];
    int eu_total;                     /* per 10,000 experts */
    int32_t missions_from, missions_to, unavailable_from, unavailable_to;
    int32_t registered_from, registered_to;
};

/* The letter of a field code as 0..25, or -1 for a code the generator
 * cannot place (the taxonomy validates codes, so none is expected). */
static int letter_index(const char *code)
{
    int depth = rs_code_depth(code);
    return code[0] >= 'A' && code[0] <= 'Z' && depth >= 1 && depth <= 3 ? code[0] - 'A' : -1;
}

static int index_fields(rs_gen *g)
{
    size_t n = rs_taxonomy_n_fields(g->tax);
    g->fields = calloc(n ? n : 1, sizeof *g->fields);
    g->field_weight = calloc(n ? n : 1, sizeof *g->field_weight);
    if (!g->fields || !g->field_weight)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int l = letter_index(rs_taxonomy_field_at(g->tax, i)->code);
        if (l >= 0)
            g->letter_count[l]++;
    }
    size_t start = 0, fill[26];
    for (int l = 0; l < 26; l++) {
        g->letter_start[l] = fill[l] = start;
        start += g->letter_count[l];
    }
    for (size_t i = 0; i < n; i++) {
        const rs_code_entry *f = rs_taxonomy_field_at(g->tax, i);
        int l = letter_index(f->code);
        if (l >= 0)
            g->fields[fill[l]++] = f;
    }
    for (int l = 0; l < 26; l++) {
        size_t at_depth[3] = {0, 0, 0};
        const rs_code_entry **f = g->fields + g->letter_start[l];
        for (size_t i = 0; i < g->letter_count[l]; i++)
            at_depth[rs_code_depth(f[i]->code) - 1]++;
        for (size_t i = 0; i < g->letter_count[l]; i++) {
            int d = rs_code_depth(f[i]->code) - 1;
            g->field_weight[g->letter_start[l] + i] = depth_weight[d] * 1200 / (int)at_depth[d];
        }
    }
    for (size_t i = 0; i < COUNT(main_letters); i++) {
        int l = main_letters[i].letter - 'A';
        if (g->letter_count[l])
            g->letter_weight[l] = main_letters[i].weight;
    }
    return 0;
}

static int index_partners(rs_gen *g)
{
    size_t n = rs_taxonomy_n_partners(g->tax);
    g->partners = calloc(n ? n : 1, sizeof *g->partners);
    g->partner_weight = calloc(n ? n : 1, sizeof *g->partner_weight);
    g->mission_weight = calloc(n ? n : 1, sizeof *g->mission_weight);
    if (!g->partners || !g->partner_weight || !g->mission_weight)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const rs_partner_country *p = rs_taxonomy_partner_at(g->tax, i);
        int seen = !rs_country_valid(p->iso2);
        for (size_t j = 0; j < g->n_partners && !seen; j++)
            seen = strcmp(g->partners[j]->iso2, p->iso2) == 0;
        if (seen)
            continue; /* the same code for several territories (BQ) */
        if (g->n_partners == RS_GEN_MAX_PARTNERS)
            break;
        g->partners[g->n_partners] = p;
        g->partner_weight[g->n_partners] = rs_gen_partner_weight(p->iso2, p->region);
        g->mission_weight[g->n_partners] = g->partner_weight[g->n_partners] + 1;
        g->n_partners++;
    }
    return g->n_partners ? 0 : -1;
}

/* Day number of one of the constant dates below (which always parse). */
static int32_t day_of(const char *date)
{
    int32_t d = 0;
    rs_date_parse(date, 0, &d);
    return d;
}

rs_gen *rs_gen_new(uint64_t seed)
{
    rs_gen *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->seed = seed;
    g->tax = rs_taxonomy_get();
    if (index_fields(g) < 0 || index_partners(g) < 0 || rs_gen_n_eu_nations > COUNT(g->eu_weights)) {
        rs_gen_free(g);
        return NULL;
    }
    for (size_t i = 0; i < rs_gen_n_eu_nations; i++) {
        g->eu_weights[i] = rs_gen_eu_nations[i].weight;
        g->eu_total += g->eu_weights[i];
    }
    g->missions_from = day_of("2016-09-01"); /* the facility's start */
    g->missions_to = day_of("2026-12-31");
    g->unavailable_from = day_of("2026-01-01");
    g->unavailable_to = day_of("2028-12-31");
    g->registered_from = day_of("2016-06-01");
    g->registered_to = day_of("2026-06-30");
    return g;
}

void rs_gen_free(rs_gen *g)
{
    if (!g)
        return;
    free(g->fields);
    free(g->field_weight);
    free(g->partners);
    free(g->partner_weight);
    free(g->mission_weight);
    free(g);
}

/* ---- one expert, drawn into a draft ---- */

typedef struct {
    char code[3];
    rs_cefr level;                   /* true level */
    rs_cefr declared;                /* what the CV says */
} lang;

/* A code of the true profile and its share of the expert's work, in
 * percent; the shares of an expert's fields (or competences) sum to 100. */
typedef struct {
    const char *code;
    int weight;
} weighted;

/* The nationality an expert's profile follows (the first one). */
typedef struct {
    const char *iso2;
    char native[3];
    const char *official;            /* generic partners: the country's languages */
    const rs_gen_nation *profile;
    const rs_gen_nation *generic;    /* fills lists a partner profile lacks */
    const rs_gen_name_pool *names;
    const char *region;              /* NULL for EU nationalities */
} nation;

typedef struct {
    rs_gen_role role;
    const char *employer;
    char country[3];
    int from, to;                    /* months since year 0; to < 0: current */
} job;

typedef struct {
    char action[8];
    const rs_partner_country *country;
    int32_t from, to;
    int days, lead;
} mission;

typedef struct {
    rng r;
    char gender;
    int fem;                         /* feminine forms in the CV text */
    nation nat;
    const char *nationalities[2];
    int n_nationalities;
    char residence[3];
    rs_sector status;
    lang langs[MAX_LANGS];
    int n_langs;
    int cv;                          /* RS_GEN_EN ... */
    weighted true_fields[MAX_FIELDS];   /* the truth, main field first */
    int n_true_fields;
    weighted true_competences[MAX_COMPETENCES];
    int n_true_competences;
    const char *fields[MAX_FIELDS];     /* as declared */
    int n_fields;
    const char *competences[MAX_COMPETENCES];
    int n_competences;
    const rs_gen_phrase *topics[MAX_TOPICS];
    const char *topic_codes[MAX_TOPICS]; /* the code a topic names, or NULL */
    int n_topics;
    const rs_gen_phrase *skills[MAX_TOPICS];
    const char *skill_codes[MAX_TOPICS];
    int n_skills;
    const char *topic_text[MAX_TOPICS]; /* as the CV words them */
    const char *skill_text[MAX_TOPICS];
    char synonyms[2 * MAX_TOPICS][96];  /* keywords used instead of a phrase */
    char name[256];
    int years, years_in_post;
    job jobs[MAX_EXPERIENCE];
    int n_jobs;
    int career_start;                /* month */
    mission missions[MAX_MISSIONS];
    int n_missions;
    const char *mission_region;
    int32_t unavailable[MAX_UNAVAILABLE][2];
    int n_unavailable;
    int32_t registered;
} draft;


/* ---- nationality ---- */

typedef enum { BODY_PUBLIC, BODY_MANDATED, BODY_UNIVERSITY, BODY_SOCIAL } body_kind;

static const char *const *nation_list(const rs_gen_nation *n, body_kind k)
{
    switch (k) {
    case BODY_MANDATED:
        return n->mandated_bodies;
    case BODY_UNIVERSITY:
        return n->universities;
    case BODY_SOCIAL:
        return n->social_partners;
    case BODY_PUBLIC:
        break;
    }
    return n->public_bodies;
}

/* The nationality's own list of bodies of that kind, else the generic
 * profile's, else its public bodies (which every profile has). */
static const char *const *bodies(const draft *d, body_kind k)
{
    const char *const *l = nation_list(d->nat.profile, k);
    if (l && l[0])
        return l;
    l = d->nat.generic ? nation_list(d->nat.generic, k) : NULL;
    return l && l[0] ? l : d->nat.profile->public_bodies;
}

/* The language of a partner country's institutions: the first of its
 * languages that a CV may be written in, English by default. */
static const char *working_language(const char *languages)
{
    for (const char *p = languages; p && *p;) {
        for (int i = 0; i < RS_GEN_NLANG; i++)
            if (strncmp(p, rs_gen_cv_langs[i], 2) == 0 && (p[2] == ',' || p[2] == '\0'))
                return rs_gen_cv_langs[i];
        p = strchr(p, ',');
        p = p ? p + 1 : NULL;
    }
    return "en";
}

static void nation_eu(nation *n, const rs_gen_nation *e)
{
    memset(n, 0, sizeof *n);
    n->iso2 = e->iso2;
    snprintf(n->native, sizeof n->native, "%s", e->native);
    n->profile = e;
    n->names = rs_gen_names_named(e->names);
    if (!n->names)
        n->names = rs_gen_names_for(e->iso2, NULL, NULL);
}

static void nation_partner(nation *n, const rs_partner_country *p)
{
    memset(n, 0, sizeof *n);
    n->iso2 = p->iso2;
    n->region = p->region;
    n->generic = rs_gen_generic_nation(working_language(p->languages));
    const rs_gen_nation *own = rs_gen_partner_nation(p->iso2);
    n->profile = own ? own : n->generic;
    n->names = rs_gen_names_for(p->iso2, p->region, p->languages);
    if (own) {
        snprintf(n->native, sizeof n->native, "%s", own->native);
    } else {
        /* The country's first language is native, the others official. */
        snprintf(n->native, sizeof n->native, "%.2s", p->languages ? p->languages : "en");
        n->official = p->languages;
    }
}

static size_t draw_eu_nation(const rs_gen *g, rng *r)
{
    return pick_weighted(r, g->eu_weights, rs_gen_n_eu_nations);
}

static void draw_nationality(const rs_gen *g, draft *d)
{
    if ((int)below(&d->r, 10000) < g->eu_total)
        nation_eu(&d->nat, &rs_gen_eu_nations[draw_eu_nation(g, &d->r)]);
    else
        nation_partner(&d->nat, g->partners[pick_weighted(&d->r, g->partner_weight, g->n_partners)]);
    d->nationalities[0] = d->nat.iso2;
    d->n_nationalities = 1;
    if (!chance(&d->r, 6))
        return;
    /* Dual nationals: mostly along historical ties (FR-MA, ES-AR, PT-BR...). */
    const char *const *links = rs_gen_dual_links(d->nat.iso2);
    const char *second = links && chance(&d->r, 70)
                             ? pick(&d->r, links)
                             : rs_gen_eu_nations[draw_eu_nation(g, &d->r)].iso2;
    if (strcmp(second, d->nat.iso2) != 0)
        d->nationalities[d->n_nationalities++] = second;
}

static void draw_residence(draft *d)
{
    static const char *const duty_stations[] = {"CH", "BE", "FR", "IT", "US", "AT", NULL};
    static const char *const moves[] = {"BE", "LU", "FR", "ES", "DE", "PT", NULL};
    const char *where = d->nat.iso2;
    if (d->status == RS_SECTOR_INTERNATIONAL_ORG && chance(&d->r, 50))
        where = pick(&d->r, duty_stations);
    else if (chance(&d->r, 3))
        where = pick(&d->r, moves);
    snprintf(d->residence, sizeof d->residence, "%s", where);
}

/* ---- gender and sector ---- */

static void draw_gender(draft *d)
{
    static const int weights[3] = {390, 595, 15}; /* per mille: F, M, X */
    d->gender = "FMX"[pick_weighted(&d->r, weights, 3)];
    d->fem = d->gender == 'F';
}

static void draw_status(draft *d)
{
    static const rs_sector statuses[] = {
        RS_SECTOR_PUBLIC, RS_SECTOR_RETIRED_PUBLIC, RS_SECTOR_MANDATED_BODY,
        RS_SECTOR_SOCIAL_PARTNER, RS_SECTOR_ACADEMIC, RS_SECTOR_PRIVATE,
        RS_SECTOR_INTERNATIONAL_ORG};
    static const int weights[] = {33, 20, 5, 5, 13, 17, 7}; /* percent */
    d->status = statuses[pick_weighted(&d->r, weights, COUNT(weights))];
}

/* ---- languages ---- */

static rs_cefr level_of(const draft *d, const char *code)
{
    for (int i = 0; i < d->n_langs; i++)
        if (strcmp(d->langs[i].code, code) == 0)
            return d->langs[i].level;
    return RS_CEFR_NONE;
}

static void add_language(draft *d, const char *code, size_t len, rs_cefr level)
{
    if (len != 2)
        return;
    for (int i = 0; i < d->n_langs; i++)
        if (strncmp(d->langs[i].code, code, 2) == 0) {
            if (level > d->langs[i].level)
                d->langs[i].level = level;
            return;
        }
    if (d->n_langs == MAX_LANGS)
        return;
    memcpy(d->langs[d->n_langs].code, code, 2);
    d->langs[d->n_langs].code[2] = '\0';
    d->langs[d->n_langs++].level = level;
}

/* English is spoken well by most; other foreign languages vary more. */
static rs_cefr draw_level(rng *r, const char *code)
{
    static const rs_cefr english[] = {RS_CEFR_B1, RS_CEFR_B2, RS_CEFR_C1, RS_CEFR_C2};
    static const int english_w[] = {10, 35, 35, 20};
    static const rs_cefr other[] = {RS_CEFR_A2, RS_CEFR_B1, RS_CEFR_B2, RS_CEFR_C1, RS_CEFR_C2};
    static const int other_w[] = {10, 25, 30, 25, 10};
    if (strncmp(code, "en", 2) == 0)
        return english[pick_weighted(r, english_w, COUNT(english_w))];
    return other[pick_weighted(r, other_w, COUNT(other_w))];
}

/* Apply a profile's language habits: "en:90,ca:12@native,fr:100@C2". */
static void draw_spoken(draft *d, const char *spec)
{
    for (const char *p = spec; p && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', n);
        const char *at = memchr(p, '@', n);
        if (colon) {
            int percent = atoi(colon + 1);
            if (chance(&d->r, percent)) {
                char level[8] = "";
                if (at && (size_t)(p + n - at - 1) < sizeof level)
                    memcpy(level, at + 1, (size_t)(p + n - at - 1));
                rs_cefr fixed = rs_cefr_parse(level);
                add_language(d, p, (size_t)(colon - p), fixed ? fixed : draw_level(&d->r, p));
            }
        }
        p = end ? end + 1 : NULL;
    }
}

static void draw_languages(draft *d)
{
    add_language(d, d->nat.native, strlen(d->nat.native), RS_CEFR_NATIVE);
    /* A partner country's other official languages are spoken fluently. */
    for (const char *p = d->nat.official; p && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        add_language(d, p, n, chance(&d->r, 50) ? RS_CEFR_C1 : RS_CEFR_C2);
        p = end ? end + 1 : NULL;
    }
    draw_spoken(d, d->nat.profile->languages);
}

static int cv_index(const char *code)
{
    for (int i = 0; i < RS_GEN_NLANG; i++)
        if (strcmp(rs_gen_cv_langs[i], code) == 0)
            return i;
    return RS_GEN_EN;
}

/* Mostly English; French, Spanish and Portuguese experts often write in
 * their own language. A CV is only written in a language spoken at C1. */
static void draw_cv_language(draft *d)
{
    const rs_gen_nation *p = d->nat.profile;
    if (p->cv_lang && level_of(d, p->cv_lang) >= RS_CEFR_C1 && chance(&d->r, p->cv_lang_pct)) {
        d->cv = cv_index(p->cv_lang);
        return;
    }
    if (level_of(d, "en") >= RS_CEFR_B2) {
        d->cv = RS_GEN_EN;
        return;
    }
    for (int i = RS_GEN_FR; i < RS_GEN_NLANG; i++)
        if (level_of(d, rs_gen_cv_langs[i]) >= RS_CEFR_C1) {
            d->cv = i;
            return;
        }
    add_language(d, "en", 2, RS_CEFR_B2);
    d->cv = RS_GEN_EN;
}

/* ---- fields of expertise and competences ---- */

static int contains(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static const char *draw_field(const rs_gen *g, rng *r, int letter)
{
    size_t start = g->letter_start[letter];
    return g->fields[start + pick_weighted(r, g->field_weight + start, g->letter_count[letter])]
        ->code;
}

static int holds(const weighted *w, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(w[i].code, code) == 0)
            return 1;
    return 0;
}

/* Shares of the expert's work over n true codes, in percent summing to
 * 100, largest first: the first code drawn (the main one) weighs most. */
static void draw_weights(rng *r, weighted *w, int n)
{
    int total = 0, sum = 0;
    for (int i = 0; i < n; i++) {
        w[i].weight = i == 0 ? between(r, 40, 70) : between(r, 5, 35);
        total += w[i].weight;
    }
    for (int i = 0; i < n; i++) {
        w[i].weight = w[i].weight * 100 / total; /* at least 5 * 100 / 210 */
        sum += w[i].weight;
    }
    w[0].weight += 100 - sum;
    for (int i = 2; i < n; i++) /* insertion sort, stable; w[0] is already the largest */
        for (int j = i; j > 1 && w[j].weight > w[j - 1].weight; j--) {
            weighted t = w[j];
            w[j] = w[j - 1];
            w[j - 1] = t;
        }
}

/* The true fields: one to five codes, most in one main letter. */
static void draw_fields(const rs_gen *g, draft *d)
{
    static const int how_many[MAX_FIELDS] = {15, 30, 30, 15, 10};
    int main = (int)pick_weighted(&d->r, g->letter_weight, 26);
    int want = 1 + (int)pick_weighted(&d->r, how_many, MAX_FIELDS);
    for (int tries = 0; d->n_true_fields < want && tries < 20; tries++) {
        int letter = d->n_true_fields == 0 || chance(&d->r, 75)
                         ? main
                         : (int)pick_weighted(&d->r, g->letter_weight, 26);
        const char *code = draw_field(g, &d->r, letter);
        if (!holds(d->true_fields, d->n_true_fields, code))
            d->true_fields[d->n_true_fields++].code = code;
    }
    draw_weights(&d->r, d->true_fields, d->n_true_fields);
}

/* Competences that go with a main field letter. */
static const struct {
    char letter;
    const char *const *codes;
} affinities[] = {
    {'A', (const char *const[]){"1.2", "1.3", "3.6", NULL}},
    {'B', (const char *const[]){"2.2", "3.2", NULL}},
    {'C', (const char *const[]){"1.1", "2.1", NULL}},
    {'D', (const char *const[]){"2", "2.1", "2.2", NULL}},
    {'E', (const char *const[]){"1.2", "2.1", "4.1", NULL}},
    {'F', (const char *const[]){"8", "3.3", NULL}},
    {'G', (const char *const[]){"1", "1.2", NULL}},
    {'H', (const char *const[]){"4", "4.1", NULL}},
    {'L', (const char *const[]){"2.1", "1.1", NULL}},
    {'N', (const char *const[]){"3.1", "3.4", "2.2", NULL}},
    {'Q', (const char *const[]){"1.2", "2.2", NULL}},
    {'S', (const char *const[]){"5.3", "5.2", NULL}},
    {'T', (const char *const[]){"3.3", "3.4", NULL}},
    {'U', (const char *const[]){"5.4", "5", "9.1", NULL}},
    {'V', (const char *const[]){"9", "9.1", "9.2", NULL}},
};

static int has_affinity(char letter, const char *code)
{
    for (size_t i = 0; i < COUNT(affinities); i++)
        if (affinities[i].letter == letter)
            return contains(affinities[i].codes, (int)rs_gen_list_len(affinities[i].codes), code);
    return 0;
}

/* The true competences: one to four, those that go with the main field
 * more likely. */
static void draw_competences(const rs_gen *g, draft *d)
{
    static const int how_many[MAX_COMPETENCES] = {20, 35, 30, 15};
    int w[64];
    size_t n = rs_taxonomy_n_competences(g->tax);
    if (n > COUNT(w))
        n = COUNT(w);
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = rs_taxonomy_competence_at(g->tax, i)->code;
        w[i] = strcmp(code, "X") == 0 ? 1 : rs_code_depth(code) == 1 ? 2 : 3;
        if (d->n_true_fields && has_affinity(d->true_fields[0].code[0], code))
            w[i] += 12;
        total += w[i];
    }
    int want = 1 + (int)pick_weighted(&d->r, how_many, MAX_COMPETENCES);
    while (d->n_true_competences < want && total > 0) {
        size_t i = pick_weighted(&d->r, w, n);
        d->true_competences[d->n_true_competences++].code =
            rs_taxonomy_competence_at(g->tax, i)->code;
        total -= w[i];
        w[i] = 0;
    }
    draw_weights(&d->r, d->true_competences, d->n_true_competences);
}

/* ---- what the CV declares of the truth ---- */

/* Chances, in percent, of each kind of noise between truth and record. */
enum {
    FORGET_MINOR_PCT = 35,  /* a code under MINOR_SHARE percent of the work left out */
    FORGET_PCT = 8,         /* any other code left out */
    MINOR_SHARE = 15,
    BROADER_PCT = 20,       /* declared as its parent */
    SPURIOUS_PCT = 20,      /* one code added that the expert does not practise */
    OVERSTATED_PCT = 15,    /* a foreign language declared a level too high */
    UNDERSTATED_PCT = 5     /* ... or a level too low */
};

/* The parent of a code in the taxonomy, as its own entry's code, or the
 * code itself at the top or under a parent the facility's table lacks (an
 * expert declares codes of the facility's form, which has no O.30). */
static const char *parent_code(const rs_code_entry *(*find)(const rs_taxonomy *, const char *),
                               const rs_taxonomy *tax, const char *code)
{
    const rs_code_entry *e = find(tax, code);
    const rs_code_entry *p = e && e->parent[0] ? find(tax, e->parent) : NULL;
    return p && !p->unnamed ? p->code : code;
}

/* Declare `truth` into `out` (at most max codes): each true code kept,
 * forgotten or made broader; never nothing. */
static void declare(rng *r, const weighted *truth, int n_truth, const rs_taxonomy *tax,
                    const rs_code_entry *(*find)(const rs_taxonomy *, const char *),
                    const char **out, int *n_out)
{
    for (int i = 0; i < n_truth; i++) {
        if (chance(r, truth[i].weight < MINOR_SHARE ? FORGET_MINOR_PCT : FORGET_PCT))
            continue;
        const char *code = truth[i].code;
        if (rs_code_depth(code) > 1 && chance(r, BROADER_PCT))
            code = parent_code(find, tax, code);
        if (!contains(out, *n_out, code))
            out[(*n_out)++] = code;
    }
    if (*n_out == 0)
        out[(*n_out)++] = truth[0].code;
}

static void declare_fields(const rs_gen *g, draft *d)
{
    declare(&d->r, d->true_fields, d->n_true_fields, g->tax, rs_taxonomy_field, d->fields,
            &d->n_fields);
    if (d->n_fields < MAX_FIELDS && chance(&d->r, SPURIOUS_PCT)) {
        int letter = chance(&d->r, 50) ? d->true_fields[0].code[0] - 'A'
                                       : (int)pick_weighted(&d->r, g->letter_weight, 26);
        const char *code = draw_field(g, &d->r, letter);
        if (!contains(d->fields, d->n_fields, code) &&
            !holds(d->true_fields, d->n_true_fields, code))
            d->fields[d->n_fields++] = code;
    }
}

static void declare_competences(const rs_gen *g, draft *d)
{
    declare(&d->r, d->true_competences, d->n_true_competences, g->tax, rs_taxonomy_competence,
            d->competences, &d->n_competences);
    size_t n = rs_taxonomy_n_competences(g->tax);
    if (d->n_competences < MAX_COMPETENCES && n && chance(&d->r, SPURIOUS_PCT)) {
        const char *code = rs_taxonomy_competence_at(g->tax, below(&d->r, n))->code;
        if (!contains(d->competences, d->n_competences, code) &&
            !holds(d->true_competences, d->n_true_competences, code))
            d->competences[d->n_competences++] = code;
    }
}

/* Foreign languages are now and then declared a level off; the native
 * language and the level of the CV's own language never understated. */
static void declare_languages(draft *d)
{
    for (int i = 0; i < d->n_langs; i++) {
        lang *l = &d->langs[i];
        l->declared = l->level;
        if (l->level == RS_CEFR_NATIVE)
            continue;
        int x = (int)below(&d->r, 100);
        if (x < OVERSTATED_PCT && l->level < RS_CEFR_C2)
            l->declared = l->level + 1;
        else if (x < OVERSTATED_PCT + UNDERSTATED_PCT && l->level > RS_CEFR_A1 &&
                 strcmp(l->code, rs_gen_cv_langs[d->cv]) != 0)
            l->declared = l->level - 1;
    }
}

/* ---- the topics the CV text names ---- */

static void add_phrase(const rs_gen_phrase **list, const char **codes, int *n,
                       const rs_gen_phrase *p, const char *code)
{
    if (!p || *n == MAX_TOPICS)
        return;
    for (int i = 0; i < *n; i++)
        if (list[i] == p)
            return;
    codes[*n] = code;
    list[(*n)++] = p;
}

/* The phrases of the true codes (most practised first), then of their
 * ancestors, then general ones, so that a text naming three topics never
 * names one twice. codes[i] is the true code of phrase i, NULL for the
 * others. */
static void collect_phrases(const weighted *truth, int n_truth,
                            const rs_gen_phrase *(*lookup)(const char *),
                            const rs_gen_phrase *fallback, size_t n_fallback,
                            const rs_gen_phrase **out, const char **codes, int *n_out)
{
    for (int i = 0; i < n_truth; i++)
        add_phrase(out, codes, n_out, lookup(truth[i].code), truth[i].code);
    for (int i = 0; i < n_truth; i++) {
        char parent[16];
        for (int depth = rs_code_depth(truth[i].code) - 1; depth >= 1; depth--)
            if (rs_code_prefix(truth[i].code, depth, parent, sizeof parent) == 0)
                add_phrase(out, codes, n_out, lookup(parent), NULL);
    }
    for (size_t i = 0; i < n_fallback && *n_out < 3; i++)
        add_phrase(out, codes, n_out, &fallback[i], NULL);
}

typedef struct {
    const char *lang;
    char keywords[512];
} keywords_of;

static int take_keywords(const char *lang, const char *label, const char *keywords, void *arg)
{
    (void)label;
    keywords_of *k = arg;
    if (strcmp(lang, k->lang) != 0)
        return 0;
    snprintf(k->keywords, sizeof k->keywords, "%s", keywords ? keywords : "");
    return 1;
}

/* One of the taxonomy's keywords for `code` in the CV language ("pension
 * d'invalidité" for disability benefits) into buf, or NULL. */
static const char *synonym(draft *d, const char *code, char *buf, size_t size)
{
    keywords_of k = {rs_gen_cv_langs[d->cv], ""};
    if (!code || rs_labels_each(code, take_keywords, &k) <= 0 || !k.keywords[0])
        return NULL;
    size_t n = 1;
    for (const char *p = k.keywords; *p; p++)
        n += *p == ';';
    size_t want = below(&d->r, n);
    const char *p = k.keywords;
    for (size_t i = 0; i < want; i++)
        p = strchr(p, ';') + 1;
    size_t len = strcspn(p, ";");
    if (len == 0 || len >= size)
        return NULL;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* Word each topic and skill: the generator's own phrase, or as often as
 * SYNONYM_PCT one of the taxonomy's keywords for the same code. */
enum { SYNONYM_PCT = 35 };

static void word_topics(draft *d)
{
    int used = 0;
    for (int i = 0; i < d->n_topics; i++) {
        const char *s = chance(&d->r, SYNONYM_PCT) ? synonym(d, d->topic_codes[i],
                                                             d->synonyms[used], sizeof d->synonyms[0])
                                                   : NULL;
        used += s != NULL;
        d->topic_text[i] = s ? s : d->topics[i]->text[d->cv];
    }
    for (int i = 0; i < d->n_skills; i++) {
        const char *s = chance(&d->r, SYNONYM_PCT) ? synonym(d, d->skill_codes[i],
                                                             d->synonyms[used], sizeof d->synonyms[0])
                                                   : NULL;
        used += s != NULL;
        d->skill_text[i] = s ? s : d->skills[i]->text[d->cv];
    }
}

/* ---- names ---- */

/* The form of "masculine|feminine" (or of a word with one form). */
static const char *form(const char *s, int fem, size_t *len)
{
    const char *bar = strchr(s, '|');
    if (!bar) {
        *len = strlen(s);
        return s;
    }
    if (fem) {
        *len = strlen(bar + 1);
        return bar + 1;
    }
    *len = (size_t)(bar - s);
    return s;
}

typedef struct {
    char *buf;
    size_t cap, len;
    int failed; /* overflow or a template error */
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n >= t->cap) {
        t->failed = 1;
        return;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void puts_text(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void put_form(text *t, const char *s, int fem)
{
    size_t n;
    const char *f = form(s, fem, &n);
    put(t, f, n);
}

static void draw_name(draft *d)
{
    const rs_gen_name_pool *p = d->nat.names;
    int fem = d->gender == 'F' || (d->gender == 'X' && chance(&d->r, 50));
    const char *given = pick(&d->r, fem ? p->female : p->male);
    const char *surname = pick(&d->r, p->surnames);
    const char *second = chance(&d->r, p->two_surnames_pct) ? pick(&d->r, p->surnames) : NULL;
    if (second && strcmp(second, surname) == 0)
        second = NULL;
    text t = {d->name, sizeof d->name, 0, 0};
    if (p->family_first) {
        put_form(&t, surname, fem);
        puts_text(&t, " ");
        puts_text(&t, given);
        return;
    }
    puts_text(&t, given);
    puts_text(&t, " ");
    put_form(&t, surname, fem);
    if (second) {
        puts_text(&t, " ");
        put_form(&t, second, fem);
    }
}

/* ---- career ---- */

static const rs_gen_role public_roles[] = {
    RS_ROLE_HEAD_OF_UNIT, RS_ROLE_POLICY_OFFICER, RS_ROLE_DEPUTY_DIRECTOR, RS_ROLE_DIRECTOR,
    RS_ROLE_LEGAL_ADVISER, RS_ROLE_PROJECT_MANAGER, RS_ROLE_TRAINING_MANAGER,
    RS_ROLE_SENIOR_ADVISER, RS_ROLE_REGIONAL_DIRECTOR};
static const rs_gen_role academic_roles[] = {RS_ROLE_RESEARCHER, RS_ROLE_LECTURER};
static const rs_gen_role private_roles[] = {RS_ROLE_CONSULTANT, RS_ROLE_PROJECT_MANAGER,
                                            RS_ROLE_SENIOR_ADVISER};
static const rs_gen_role social_roles[] = {RS_ROLE_SENIOR_ADVISER, RS_ROLE_LEGAL_ADVISER,
                                           RS_ROLE_TRAINING_MANAGER, RS_ROLE_POLICY_OFFICER};
static const rs_gen_role international_roles[] = {RS_ROLE_PROGRAMME_OFFICER,
                                                  RS_ROLE_SENIOR_ADVISER, RS_ROLE_PROJECT_MANAGER};

/* Posts that follow from a field: a civil servant in labour inspection is
 * likely a labour inspector. The code matches itself and its descendants. */
static const struct {
    const char *code;
    rs_gen_role role;
} field_roles[] = {
    {"N.10.01", RS_ROLE_LABOUR_INSPECTOR}, {"Q.25", RS_ROLE_LABOUR_INSPECTOR},
    {"E.10.07", RS_ROLE_ACTUARY},         {"E.10.08", RS_ROLE_ACTUARY},
    {"U", RS_ROLE_STATISTICIAN},          {"A.35", RS_ROLE_EMPLOYMENT_COUNSELLOR},
    {"F.15.04", RS_ROLE_EMPLOYMENT_COUNSELLOR}, {"S", RS_ROLE_IT_MANAGER},
};

static int code_within(const char *code, const char *ancestor)
{
    size_t n = strlen(ancestor);
    return strncmp(code, ancestor, n) == 0 && (code[n] == '\0' || code[n] == '.');
}

static rs_gen_role draw_role(draft *d)
{
    rs_gen_role roles[COUNT(public_roles) + COUNT(field_roles)];
    int w[COUNT(roles)];
    const rs_gen_role *base = public_roles;
    size_t n = COUNT(public_roles);
    switch (d->status) {
    case RS_SECTOR_ACADEMIC:
        base = academic_roles, n = COUNT(academic_roles);
        break;
    case RS_SECTOR_PRIVATE:
        base = private_roles, n = COUNT(private_roles);
        break;
    case RS_SECTOR_SOCIAL_PARTNER:
        base = social_roles, n = COUNT(social_roles);
        break;
    case RS_SECTOR_INTERNATIONAL_ORG:
        base = international_roles, n = COUNT(international_roles);
        break;
    default:
        break;
    }
    for (size_t i = 0; i < n; i++)
        roles[i] = base[i], w[i] = 2;
    if (base == public_roles)
        for (size_t i = 0; i < COUNT(field_roles); i++)
            for (int f = 0; f < d->n_true_fields; f++)
                if (code_within(d->true_fields[f].code, field_roles[i].code)) {
                    roles[n] = field_roles[i].role, w[n++] = 5;
                    break;
                }
    return roles[pick_weighted(&d->r, w, n)];
}

static const char *draw_employer(draft *d)
{
    switch (d->status) {
    case RS_SECTOR_ACADEMIC:
        return pick(&d->r, bodies(d, BODY_UNIVERSITY));
    case RS_SECTOR_PRIVATE:
        return pick(&d->r, rs_gen_private_firms);
    case RS_SECTOR_SOCIAL_PARTNER:
        return pick(&d->r, bodies(d, BODY_SOCIAL));
    case RS_SECTOR_INTERNATIONAL_ORG:
        return pick(&d->r, rs_gen_international_orgs);
    case RS_SECTOR_MANDATED_BODY:
        return pick(&d->r, bodies(d, BODY_MANDATED));
    default:
        return pick(&d->r, bodies(d, BODY_PUBLIC));
    }
}

/* Earlier posts: most careers outside the civil service began in it. */
static const char *draw_earlier_employer(draft *d)
{
    switch (d->status) {
    case RS_SECTOR_ACADEMIC:
        return pick(&d->r, bodies(d, BODY_UNIVERSITY));
    case RS_SECTOR_PRIVATE:
        return chance(&d->r, 50) ? pick(&d->r, rs_gen_private_firms)
                                 : pick(&d->r, bodies(d, BODY_PUBLIC));
    case RS_SECTOR_SOCIAL_PARTNER:
        return pick(&d->r, bodies(d, chance(&d->r, 50) ? BODY_SOCIAL : BODY_PUBLIC));
    default:
        return pick(&d->r, bodies(d, chance(&d->r, 20) ? BODY_MANDATED : BODY_PUBLIC));
    }
}

static void draw_career(draft *d)
{
    static const int how_many[MAX_EXPERIENCE] = {20, 35, 30, 15};
    int retired = d->status == RS_SECTOR_RETIRED_PUBLIC;
    d->years = retired ? between(&d->r, 30, 42) : between(&d->r, 6, 35);
    d->years_in_post = between(&d->r, 2, d->years < 15 ? d->years : 15);
    int end = retired ? between(&d->r, 2016, 2025) * 12 + between(&d->r, 0, 11) : NOW_MONTH;
    d->career_start = end - d->years * 12;

    job *j = &d->jobs[0];
    j->role = draw_role(d);
    j->employer = draw_employer(d);
    /* International staff work where they live; others in their country. */
    snprintf(j->country, sizeof j->country, "%s",
             d->status == RS_SECTOR_INTERNATIONAL_ORG ? d->residence : d->nat.iso2);
    j->from = end - d->years_in_post * 12 - between(&d->r, 0, 11);
    if (j->from < d->career_start)
        j->from = d->career_start;
    j->to = retired ? end : -1;
    d->n_jobs = 1;

    int want = 1 + (int)pick_weighted(&d->r, how_many, MAX_EXPERIENCE);
    for (int cursor = j->from; d->n_jobs < want;) {
        int to = cursor - between(&d->r, 0, 2);
        int from = to - between(&d->r, 24, 120);
        if (from < d->career_start)
            from = d->career_start;
        if (to - from < 12)
            break;
        job *p = &d->jobs[d->n_jobs++];
        p->role = draw_role(d);
        p->employer = draw_earlier_employer(d);
        for (int tries = 0; tries < 3 && strcmp(p->employer, d->jobs[0].employer) == 0; tries++)
            p->employer = draw_earlier_employer(d);
        snprintf(p->country, sizeof p->country, "%s", d->nat.iso2);
        p->from = from;
        p->to = to;
        cursor = from;
    }
}

typedef struct {
    int year;
    size_t degree, discipline;
    const char *institution;
} degree;

static int draw_education(draft *d, degree out[2])
{
    int first = d->career_start / 12 - between(&d->r, 0, 2);
    out[0].year = first;
    out[0].degree = chance(&d->r, 55) ? 0 : 1; /* master's, bachelor's */
    out[0].discipline = below(&d->r, rs_gen_n_disciplines);
    out[0].institution = pick(&d->r, bodies(d, BODY_UNIVERSITY));
    if (!chance(&d->r, 40))
        return 1;
    out[1].year = first + between(&d->r, 2, 12);
    if (out[1].year > 2025)
        out[1].year = 2025;
    out[1].degree = out[0].degree == 0 ? (chance(&d->r, 50) ? 2 : 3) : (size_t)between(&d->r, 0, 3);
    if (out[1].degree == 1)
        out[1].degree = 0; /* no second bachelor's */
    out[1].discipline = below(&d->r, rs_gen_n_disciplines);
    out[1].institution = pick(&d->r, bodies(d, BODY_UNIVERSITY));
    return 2;
}

/* ---- missions and availability ---- */

/* How much an expert's languages draw them to a country: a shared French,
 * Spanish or Portuguese weighs most, a shared English less. */
static int language_pull(const draft *d, const char *languages)
{
    int pull = 1;
    for (int i = 0; i < d->n_langs; i++) {
        if (d->langs[i].level < RS_CEFR_B2 || !rs_gen_code_in(languages, d->langs[i].code))
            continue;
        if (strcmp(d->langs[i].code, "en") != 0)
            return 8;
        pull = 2;
    }
    return pull;
}

static int is_own_nationality(const draft *d, const char *iso2)
{
    for (int i = 0; i < d->n_nationalities; i++)
        if (strcmp(d->nationalities[i], iso2) == 0)
            return 1;
    return 0;
}

static int same_region(const rs_partner_country *a, const rs_partner_country *b)
{
    return a->region && b->region && strcmp(a->region, b->region) == 0;
}

/* Past missions of the facility, 2016-2026, spread over the years without
 * overlapping, in countries whose language the expert speaks, mostly. */
static void draw_missions(const rs_gen *g, draft *d)
{
    static const int how_many[MAX_MISSIONS + 1] = {680, 100, 70, 50, 35, 25, 15, 13, 12};
    int w[RS_GEN_MAX_PARTNERS];
    int n = (int)pick_weighted(&d->r, how_many, COUNT(how_many));
    if (n == 0)
        return;
    for (size_t i = 0; i < g->n_partners; i++) {
        const rs_partner_country *p = g->partners[i];
        w[i] = is_own_nationality(d, p->iso2) ? 0
               : g->mission_weight[i] * language_pull(d, p->languages);
    }
    /* The last mission ends before 2027: keep 20 days for it. */
    int32_t slot = (g->missions_to - 20 - g->missions_from) / n;
    int counts[MAX_MISSIONS] = {0};
    for (int k = 0; k < n; k++) {
        mission *m = &d->missions[d->n_missions++];
        size_t c = pick_weighted(&d->r, w, g->n_partners);
        m->country = g->partners[c];
        m->days = between(&d->r, 5, 15);
        int32_t span = m->days - 1 + 2 * ((m->days - 1) / 5); /* weekends */
        m->from = g->missions_from + k * slot + (int32_t)below(&d->r, (uint64_t)(slot - span - 1));
        m->to = m->from + span;
        m->lead = chance(&d->r, d->years >= 20 ? 35 : 20);
        char day[11];
        rs_date_format(m->from, day);
        snprintf(m->action, sizeof m->action, "%.4s-%02d", day, between(&d->r, 1, 45));
        for (int i = 0; i <= k; i++)
            if (same_region(d->missions[i].country, m->country)) {
                counts[i]++;
                break;
            }
    }
    int best = 0;
    for (int i = 1; i < n; i++)
        if (counts[i] > counts[best])
            best = i;
    d->mission_region = d->missions[best].country->region;
}

static void draw_unavailable(const rs_gen *g, draft *d)
{
    static const int how_many[MAX_UNAVAILABLE + 1] = {45, 30, 17, 8};
    int n = (int)pick_weighted(&d->r, how_many, COUNT(how_many));
    if (n == 0)
        return;
    int32_t slot = (g->unavailable_to - g->unavailable_from) / n;
    for (int k = 0; k < n; k++) {
        int32_t len = between(&d->r, 3, 45);
        int32_t from = g->unavailable_from + k * slot + (int32_t)below(&d->r, (uint64_t)(slot - len));
        d->unavailable[k][0] = from;
        d->unavailable[k][1] = from + len - 1;
    }
    d->n_unavailable = n;
}

/* Registered before the first mission. */
static void draw_registered(const rs_gen *g, draft *d)
{
    int32_t last = g->registered_to;
    if (d->n_missions && d->missions[0].from - 15 < last)
        last = d->missions[0].from - 15;
    d->registered = g->registered_from + (int32_t)below(&d->r, (uint64_t)(last - g->registered_from + 1));
}

/* Where an expert with no mission would like to go: where their languages
 * are spoken. */
static const char *preferred_region(draft *d)
{
    static const char *const anywhere[] = {"Africa", "Asia", "Neighbourhood East",
                                           "Western Balkans", "Caribbean", "Neighbourhood South",
                                           NULL};
    if (d->mission_region)
        return d->mission_region;
    if (level_of(d, "es") >= RS_CEFR_B2 && chance(&d->r, 70))
        return "Latin America";
    if ((level_of(d, "fr") >= RS_CEFR_B2 || level_of(d, "pt") >= RS_CEFR_B2) && chance(&d->r, 70))
        return "Africa";
    return pick(&d->r, anywhere);
}

/* ---- the CV text ---- */

typedef struct {
    int cv, fem;
    const char *t[3], *c[2];         /* topics and skills, worded */
    rs_gen_role role;
    const char *employer, *region, *languages;
    int years, years_in_post, missions, team;
} fill;

static void put_int(text *t, int v)
{
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%d", v);
    put(t, buf, (size_t)n);
}

static int ends_with(const text *t, const char *s)
{
    size_t n = strlen(s);
    return t->len >= n && memcmp(t->buf + t->len - n, s, n) == 0 &&
           (t->len == n || t->buf[t->len - n - 1] == ' ' || t->buf[t->len - n - 1] == '(');
}

static int starts_with_any(const char *s, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* Put a phrase after what the text already holds, as the CV language wants
 * it joined: French elides "de" before a vowel ("d'aide sociale"), Spanish
 * "y" becomes "e" before an i sound ("y e inspección" -> "e inspección"). */
static void put_phrase(text *t, int cv, const char *s)
{
    static const char *const fr_vowels[] = {"a", "e", "i", "o", "u", "à", "â", "é", "è", "ê",
                                            "î", "ô", "œ", "A", "E", "I", "O", "U", "É", NULL};
    static const char *const es_i[] = {"i", "hi", "I", "Hi", NULL};
    static const char *const es_diphthongs[] = {"hia", "hie", "hio", "hiu", NULL};
    if (cv == RS_GEN_FR && ends_with(t, "de ") && starts_with_any(s, fr_vowels)) {
        t->len -= 2;
        puts_text(t, "'");
    } else if (cv == RS_GEN_ES && ends_with(t, "y ") && starts_with_any(s, es_i) &&
               !starts_with_any(s, es_diphthongs)) {
        t->buf[t->len - 2] = 'e';
    }
    puts_text(t, s);
}

/* Write a template with its placeholders filled (see gen_tables.h). */
static void expand(text *t, const char *tmpl, const fill *f)
{
    for (const char *p = tmpl; *p && !t->failed;) {
        const char *open = strchr(p, '{');
        size_t n = open ? (size_t)(open - p) : strlen(p);
        /* "… I.P." then "." would print "I.P.." */
        if (n && p[0] == '.' && t->len && t->buf[t->len - 1] == '.')
            p++, n--;
        put(t, p, n);
        if (!open)
            return;
        const char *close = strchr(open, '}');
        if (!close) {
            t->failed = 1;
            return;
        }
        char key[256];
        n = (size_t)(close - open - 1);
        if (n >= sizeof key) {
            t->failed = 1;
            return;
        }
        memcpy(key, open + 1, n);
        key[n] = '\0';
        p = close + 1;
        size_t len;
        const char *s;
        if (strchr(key, '|')) {
            put_form(t, key, f->fem);
        } else if (strcmp(key, "R") == 0 || strcmp(key, "r") == 0) {
            s = form(rs_gen_roles[f->role].text[f->cv], f->fem, &len);
            if (key[0] == 'R' && len && s[0] >= 'a' && s[0] <= 'z') {
                char first = (char)(s[0] - 'a' + 'A');
                put(t, &first, 1);
                s++, len--;
            }
            put(t, s, len);
        } else if (strcmp(key, "E") == 0) {
            put_phrase(t, f->cv, f->employer);
        } else if (strcmp(key, "Y") == 0) {
            put_int(t, f->years);
        } else if (strcmp(key, "Z") == 0) {
            put_int(t, f->years_in_post);
        } else if (strcmp(key, "N") == 0) {
            put_int(t, f->missions);
        } else if (strcmp(key, "n") == 0) {
            put_int(t, f->team);
        } else if (key[0] == 'T' && key[1] >= '1' && key[1] <= '3' && !key[2]) {
            put_phrase(t, f->cv, f->t[key[1] - '1']);
        } else if (key[0] == 'C' && key[1] >= '1' && key[1] <= '2' && !key[2]) {
            put_phrase(t, f->cv, f->c[key[1] - '1']);
        } else if (strcmp(key, "G") == 0) {
            puts_text(t, rs_gen_region_phrase(f->region)->text[f->cv]);
        } else if (strcmp(key, "L") == 0) {
            puts_text(t, f->languages);
        } else {
            t->failed = 1;
        }
    }
}

/* "English, French and Spanish" in the CV language: the working languages
 * spoken at B2 or better, best first. Returns how many. */
static int working_languages(const draft *d, text *t)
{
    const lang *best[RS_GEN_NLANG];
    int n = 0;
    for (rs_cefr level = RS_CEFR_NATIVE; level >= RS_CEFR_B2; level--)
        for (int i = 0; i < RS_GEN_NLANG; i++)
            for (int j = 0; j < d->n_langs; j++)
                if (d->langs[j].declared == level &&
                    strcmp(d->langs[j].code, rs_gen_cv_langs[i]) == 0)
                    best[n++] = &d->langs[j];
    for (int i = 0; i < n; i++) {
        const char *name = rs_gen_language_name(best[i]->code, d->cv);
        if (i > 0 && i < n - 1) {
            puts_text(t, ", ");
        } else if (i > 0) {
            const char *and_word = rs_gen_templates_by_lang[d->cv].and_word;
            /* Spanish "y" becomes "e" before an i sound: "francés e inglés". */
            if (d->cv == RS_GEN_ES && (name[0] == 'i' || strncmp(name, "hi", 2) == 0))
                and_word = "e";
            puts_text(t, " ");
            puts_text(t, and_word);
            puts_text(t, " ");
        }
        puts_text(t, name);
    }
    return n;
}

static void base_fill(const draft *d, fill *f, int shift)
{
    memset(f, 0, sizeof *f);
    f->cv = d->cv;
    f->fem = d->fem;
    for (int i = 0; i < 3; i++)
        f->t[i] = d->topic_text[(shift + i) % d->n_topics];
    for (int i = 0; i < 2; i++)
        f->c[i] = d->skill_text[(shift + i) % d->n_skills];
    f->role = d->jobs[0].role;
    f->employer = d->jobs[0].employer;
    f->years = d->years;
    f->years_in_post = d->years_in_post;
    f->missions = d->n_missions;
}

static void sentence(text *t, const char *tmpl, const fill *f)
{
    if (t->len)
        puts_text(t, " ");
    expand(t, tmpl, f);
}

static void write_summary(draft *d, text *t)
{
    const rs_gen_templates *tp = &rs_gen_templates_by_lang[d->cv];
    fill f;
    base_fill(d, &f, 0);
    f.region = preferred_region(d);
    const char *const *openers = d->status == RS_SECTOR_RETIRED_PUBLIC ? tp->retired
                                 : d->status == RS_SECTOR_ACADEMIC     ? tp->academic
                                                                       : tp->serving;
    sentence(t, pick(&d->r, openers), &f);
    size_t n = rs_gen_list_len(tp->middle);
    size_t a = below(&d->r, n), b = (a + 1 + below(&d->r, n - 1)) % n;
    sentence(t, tp->middle[a], &f);
    sentence(t, tp->middle[b], &f);
    const char *const *closers = d->n_missions == 0   ? tp->missions_none
                                 : d->n_missions == 1 ? tp->missions_one
                                                      : tp->missions_many;
    sentence(t, pick(&d->r, closers), &f);
    char names[256];
    text langs = {names, sizeof names, 0, 0};
    names[0] = '\0';
    if (working_languages(d, &langs) >= 2 && chance(&d->r, 60)) {
        f.languages = names;
        sentence(t, pick(&d->r, tp->languages), &f);
    }
    if (langs.failed)
        t->failed = 1;
}

static void write_experience(draft *d, int i, text *t)
{
    fill f;
    base_fill(d, &f, i);
    f.team = between(&d->r, 3, 40);
    expand(t, pick(&d->r, rs_gen_templates_by_lang[d->cv].experience), &f);
}

/* ---- the JSON record ---- */

static json_t *date_string(int32_t day)
{
    char buf[11];
    rs_date_format(day, buf);
    return json_string(buf);
}

static json_t *month_string(int month)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
    return json_string(buf);
}

static json_t *string_array(const char *const *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_string(v[i])) < 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Set key to value (stolen), remembering a failure. */
static void set(json_t *o, const char *key, json_t *value, int *failed)
{
    if (json_object_set_new(o, key, value) < 0)
        *failed = 1;
}

static void append(json_t *a, json_t *value, int *failed)
{
    if (json_array_append_new(a, value) < 0)
        *failed = 1;
}

static json_t *languages_json(const draft *d, int *failed)
{
    json_t *a = json_array();
    for (int i = 0; a && i < d->n_langs; i++) {
        json_t *o = json_object();
        if (o) {
            set(o, "code", json_string(d->langs[i].code), failed);
            set(o, "level", json_string(rs_cefr_name(d->langs[i].declared)), failed);
        }
        append(a, o, failed);
    }
    return a;
}

static json_t *experience_json(draft *d, int *failed)
{
    json_t *a = json_array();
    for (int i = 0; a && i < d->n_jobs; i++) {
        const job *j = &d->jobs[i];
        char buf[1024];
        text t = {buf, sizeof buf, 0, 0};
        buf[0] = '\0';
        write_experience(d, i, &t);
        size_t len;
        const char *role = form(rs_gen_roles[j->role].text[d->cv], d->fem, &len);
        json_t *o = json_object();
        if (o) {
            set(o, "from", month_string(j->from), failed);
            if (j->to >= 0)
                set(o, "to", month_string(j->to), failed);
            set(o, "employer", json_string(j->employer), failed);
            set(o, "role", json_stringn(role, len), failed);
            set(o, "country", json_string(j->country), failed);
            set(o, "text", t.failed ? NULL : json_stringn(buf, t.len), failed);
        }
        append(a, o, failed);
    }
    return a;
}

static json_t *education_json(draft *d, int *failed)
{
    degree deg[2];
    int n = draw_education(d, deg);
    json_t *a = json_array();
    for (int i = 0; a && i < n; i++) {
        json_t *o = json_object();
        if (o) {
            set(o, "year", json_integer(deg[i].year), failed);
            set(o, "degree", json_string(rs_gen_degrees[deg[i].degree].text[d->cv]), failed);
            set(o, "field", json_string(rs_gen_disciplines[deg[i].discipline].text[d->cv]), failed);
            set(o, "institution", json_string(deg[i].institution), failed);
        }
        append(a, o, failed);
    }
    return a;
}

static json_t *missions_json(const draft *d, int *failed)
{
    json_t *a = json_array();
    for (int i = 0; a && i < d->n_missions; i++) {
        const mission *m = &d->missions[i];
        json_t *o = json_object();
        if (o) {
            set(o, "action", json_string(m->action), failed);
            set(o, "country", json_string(m->country->iso2), failed);
            set(o, "from", date_string(m->from), failed);
            set(o, "to", date_string(m->to), failed);
            set(o, "days", json_integer(m->days), failed);
            set(o, "role", json_string(m->lead ? "lead" : "expert"), failed);
        }
        append(a, o, failed);
    }
    return a;
}

static json_t *unavailable_json(const draft *d, int *failed)
{
    json_t *a = json_array();
    for (int i = 0; a && i < d->n_unavailable; i++) {
        json_t *o = json_object();
        if (o) {
            set(o, "from", date_string(d->unavailable[i][0]), failed);
            set(o, "to", date_string(d->unavailable[i][1]), failed);
        }
        append(a, o, failed);
    }
    return a;
}

static json_t *record(draft *d, unsigned long k)
{
    char id[32], summary[TEXT_MAX];
    text t = {summary, sizeof summary, 0, 0};
    summary[0] = '\0';
    write_summary(d, &t);
    snprintf(id, sizeof id, "EXP-%05lu", k);
    const char gender[2] = {d->gender, '\0'};
    int failed = t.failed;
    json_t *o = json_object();
    if (!o)
        return NULL;
    set(o, "id", json_string(id), &failed);
    set(o, "name", json_string(d->name), &failed);
    set(o, "gender", json_string(gender), &failed);
    set(o, "nationalities", string_array(d->nationalities, d->n_nationalities), &failed);
    set(o, "residence", json_string(d->residence), &failed);
    set(o, "status", json_string(rs_sector_name(d->status)), &failed);
    set(o, "employer", json_string(d->jobs[0].employer), &failed);
    set(o, "languages", languages_json(d, &failed), &failed);
    set(o, "fields", string_array(d->fields, d->n_fields), &failed);
    set(o, "competences", string_array(d->competences, d->n_competences), &failed);
    set(o, "cv_lang", json_string(rs_gen_cv_langs[d->cv]), &failed);
    set(o, "summary", json_stringn(summary, t.len), &failed);
    set(o, "experience", experience_json(d, &failed), &failed);
    set(o, "education", education_json(d, &failed), &failed);
    set(o, "missions", missions_json(d, &failed), &failed);
    set(o, "unavailable", unavailable_json(d, &failed), &failed);
    set(o, "registered", date_string(d->registered), &failed);
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* {"E.10.01": 60, "E.10": 40}: codes and their shares. */
static json_t *weights_json(const weighted *w, int n, int *failed)
{
    json_t *o = json_object();
    for (int i = 0; o && i < n; i++)
        set(o, w[i].code, json_integer(w[i].weight), failed);
    return o;
}

/* The hidden truth of an expert: {"id", "fields", "competences",
 * "languages"}, see gen.h. */
static json_t *truth(const draft *d, unsigned long k)
{
    char id[32];
    snprintf(id, sizeof id, "EXP-%05lu", k);
    int failed = 0;
    json_t *o = json_object(), *langs = json_object();
    if (!o || !langs) {
        json_decref(o);
        json_decref(langs);
        return NULL;
    }
    for (int i = 0; i < d->n_langs; i++)
        set(langs, d->langs[i].code, json_string(rs_cefr_name(d->langs[i].level)), &failed);
    set(o, "id", json_string(id), &failed);
    set(o, "fields", weights_json(d->true_fields, d->n_true_fields, &failed), &failed);
    set(o, "competences", weights_json(d->true_competences, d->n_true_competences, &failed),
        &failed);
    set(o, "languages", langs, &failed);
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int rs_gen_expert_truth(const rs_gen *g, unsigned long k, json_t **expert, json_t **truth_out)
{
    *expert = NULL;
    if (truth_out)
        *truth_out = NULL;
    if (!g || k == 0)
        return -1;
    draft d;
    memset(&d, 0, sizeof d);
    rng_init(&d.r, g->seed, k);
    /* Who the expert is, truly... */
    draw_gender(&d);
    draw_nationality(g, &d);
    draw_status(&d);
    draw_residence(&d);
    draw_languages(&d);
    draw_cv_language(&d);
    draw_fields(g, &d);
    draw_competences(g, &d);
    draw_name(&d);
    draw_career(&d);
    draw_missions(g, &d);
    draw_unavailable(g, &d);
    draw_registered(g, &d);
    /* ...and what the CV says of it. */
    declare_languages(&d);
    declare_fields(g, &d);
    declare_competences(g, &d);
    collect_phrases(d.true_fields, d.n_true_fields, rs_gen_field_phrase, rs_gen_fallback_topics,
                    rs_gen_n_fallback_topics, d.topics, d.topic_codes, &d.n_topics);
    collect_phrases(d.true_competences, d.n_true_competences, rs_gen_competence_phrase,
                    rs_gen_fallback_skills, rs_gen_n_fallback_skills, d.skills, d.skill_codes,
                    &d.n_skills);
    word_topics(&d);
    *expert = record(&d, k);
    if (*expert && truth_out && !(*truth_out = truth(&d, k))) {
        json_decref(*expert);
        *expert = NULL;
    }
    return *expert ? 0 : -1;
}

int rs_gen_expert(const rs_gen *g, unsigned long k, json_t **out)
{
    return rs_gen_expert_truth(g, k, out, NULL);
}

char *rs_gen_expert_text(const rs_gen *g, unsigned long k)
{
    json_t *o;
    if (rs_gen_expert(g, k, &o) < 0)
        return NULL;
    char *s = json_dumps(o, RS_GEN_JSON_FLAGS);
    json_decref(o);
    return s;
}

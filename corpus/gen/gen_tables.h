/*
 * The reference data behind roster-gen: names, institutions, language
 * habits per nationality, and the phrases CVs are written with in the four
 * CV languages. Internal to corpus/gen; every table is constant.
 *
 * Lists of strings end with NULL. A string "masculine|feminine" holds the
 * two grammatical forms of a word that agrees with the expert's gender
 * (surnames such as "Kowalski|Kowalska", roles such as "directeur|directrice").
 */
#ifndef RS_GEN_TABLES_H
#define RS_GEN_TABLES_H

#include <stddef.h>

/* The languages CVs are written in, in this order in every phrase table. */
enum { RS_GEN_EN, RS_GEN_FR, RS_GEN_ES, RS_GEN_PT, RS_GEN_NLANG };
extern const char *const rs_gen_cv_langs[RS_GEN_NLANG]; /* "en", "fr", "es", "pt" */

/* One phrase in each CV language. */
typedef struct {
    const char *text[RS_GEN_NLANG];
} rs_gen_phrase;

/* A phrase keyed by a taxonomy code (field, competence or partner region). */
typedef struct {
    const char *key;
    rs_gen_phrase phrase;
} rs_gen_keyed_phrase;

/* ---- names (names.c) ---- */

typedef struct {
    const char *key;                 /* "fr", "es", "west_africa_fr", ... */
    const char *const *female;       /* given names, compound ones included */
    const char *const *male;
    const char *const *surnames;     /* "Kowalski|Kowalska" where gendered */
    int two_surnames_pct;            /* share with two surnames (Spanish, Portuguese) */
    int family_first;                /* surname written first (Hungarian, Vietnamese) */
} rs_gen_name_pool;

/* The pool with this key, or NULL. */
const rs_gen_name_pool *rs_gen_names_named(const char *key);
/* The pool for a partner country: its own, else by its region and
 * languages ("ar,fr"); never NULL. */
const rs_gen_name_pool *rs_gen_names_for(const char *iso2, const char *region,
                                         const char *languages);

/* ---- nationalities (nations.c) ---- */

/* What the generator knows of one nationality. `languages` lists the
 * languages an expert may speak beyond the native one, each as
 * "code:percent" (level drawn), "code:percent@C2" (level fixed) or
 * "code:percent@native", separated by commas. */
typedef struct {
    const char *iso2;
    int weight;                      /* per 10,000 experts (EU nationalities only) */
    const char *native;              /* native language, ISO 639-1 */
    const char *languages;
    const char *names;               /* name pool key; NULL: by country and region */
    const char *const *public_bodies;   /* ministries, social security, PES, inspectorates */
    const char *const *mandated_bodies;
    const char *const *universities;
    const char *const *social_partners;
    const char *cv_lang;             /* fr/es/pt CVs are written in, or NULL (English only) */
    int cv_lang_pct;                 /* share of CVs in cv_lang rather than English */
} rs_gen_nation;

/* EU nationalities with their weights; Belgium appears twice (French- and
 * Dutch-speaking), so iso2 is not unique. */
extern const rs_gen_nation rs_gen_eu_nations[];
extern const size_t rs_gen_n_eu_nations;

/* A partner country's profile, or NULL when the generic one applies. */
const rs_gen_nation *rs_gen_partner_nation(const char *iso2);
/* Generic profile for a partner country whose working language is `lingua`
 * ("fr", "es", "pt"; anything else gets the English-speaking one). Its
 * native language is NULL: the country's first language applies. */
const rs_gen_nation *rs_gen_generic_nation(const char *lingua);

/* How often a partner country's nationals appear, relative to each other:
 * by region, boosted for the countries the facility works with most. */
int rs_gen_partner_weight(const char *iso2, const char *region);

/* Second nationality of a dual national whose first one is iso2: a country
 * with historical ties, or NULL to draw another EU nationality. */
const char *const *rs_gen_dual_links(const char *iso2);

extern const char *const rs_gen_international_orgs[];
extern const char *const rs_gen_private_firms[];

/* ---- phrases (phrases.c) ---- */

/* Topic phrase of a field code; NULL when neither the code nor an ancestor
 * has one. */
const rs_gen_phrase *rs_gen_field_phrase(const char *code);
/* Phrase of a horizontal competence code, with the same fallback. */
const rs_gen_phrase *rs_gen_competence_phrase(const char *code);
/* "in Latin America", "en Amérique latine"... for a partner region; never NULL. */
const rs_gen_phrase *rs_gen_region_phrase(const char *region);
/* Name of a working language (en/fr/es/pt) in a CV language; NULL otherwise. */
const char *rs_gen_language_name(const char *code, int cv_lang);

/* Job titles, the same index meaning the same role in every language. */
typedef enum {
    RS_ROLE_HEAD_OF_UNIT, RS_ROLE_POLICY_OFFICER, RS_ROLE_DEPUTY_DIRECTOR,
    RS_ROLE_DIRECTOR, RS_ROLE_LEGAL_ADVISER, RS_ROLE_LABOUR_INSPECTOR,
    RS_ROLE_ACTUARY, RS_ROLE_STATISTICIAN, RS_ROLE_PROJECT_MANAGER,
    RS_ROLE_TRAINING_MANAGER, RS_ROLE_SENIOR_ADVISER, RS_ROLE_REGIONAL_DIRECTOR,
    RS_ROLE_EMPLOYMENT_COUNSELLOR, RS_ROLE_RESEARCHER, RS_ROLE_LECTURER,
    RS_ROLE_CONSULTANT, RS_ROLE_PROGRAMME_OFFICER, RS_ROLE_IT_MANAGER,
    RS_ROLE_COUNT
} rs_gen_role;
extern const rs_gen_phrase rs_gen_roles[RS_ROLE_COUNT]; /* lower case, ASCII first letter */

/* Sentence templates. Placeholders: {R} role (capitalised), {r} role,
 * {E} employer, {Y} years of experience, {Z} years in the current post,
 * {T1} {T2} {T3} topics, {C1} {C2} competences, {N} number of missions,
 * {G} region, {L} working languages, {n} team size, {m|f} gendered word. */
typedef struct {
    const char *const *serving;      /* summary openers, by career situation */
    const char *const *retired;
    const char *const *academic;
    const char *const *middle;       /* skills */
    const char *const *missions_one; /* closers */
    const char *const *missions_many;
    const char *const *missions_none;
    const char *const *languages;    /* "Working languages: {L}." */
    const char *const *experience;   /* one experience entry's text */
    const char *and_word;            /* "and", "et", "y", "e" */
} rs_gen_templates;
extern const rs_gen_templates rs_gen_templates_by_lang[RS_GEN_NLANG];

/* General topics (3) and skills (2) for CVs with too few codes. */
extern const rs_gen_phrase rs_gen_fallback_topics[];
extern const size_t rs_gen_n_fallback_topics;
extern const rs_gen_phrase rs_gen_fallback_skills[];
extern const size_t rs_gen_n_fallback_skills;

/* Degrees and disciplines, index-aligned across languages. */
extern const rs_gen_phrase rs_gen_degrees[];
extern const size_t rs_gen_n_degrees;
extern const rs_gen_phrase rs_gen_disciplines[];
extern const size_t rs_gen_n_disciplines;

/* The phrase tables, exposed so tests can check every entry. */
extern const rs_gen_keyed_phrase rs_gen_field_phrases[];
extern const size_t rs_gen_n_field_phrases;
extern const rs_gen_keyed_phrase rs_gen_competence_phrases[];
extern const size_t rs_gen_n_competence_phrases;
extern const rs_gen_keyed_phrase rs_gen_region_phrases[];
extern const size_t rs_gen_n_region_phrases;

/* Number of strings in a NULL-terminated list. */
size_t rs_gen_list_len(const char *const *list);
/* Is `code` an item of a comma-separated list such as "ar,fr,en"? */
int rs_gen_code_in(const char *list, const char *code);

#endif

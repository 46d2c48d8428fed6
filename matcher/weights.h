/*
 * The matcher's numbers, in one table (matcher/weights.c), so that tuning
 * the ranking is an edit in one place and every other file stays free of
 * magic constants. matcher/README.md explains each value.
 */
#ifndef RS_WEIGHTS_H
#define RS_WEIGHTS_H

#include "core/model.h"

/* The parts of a candidate's score, each in [0,1]. */
typedef enum {
    RS_PART_FIELDS, RS_PART_COMPETENCES, RS_PART_TEXT, RS_PART_LANGUAGE,
    RS_PART_SECTOR, RS_PART_REGION, RS_PART_LOAD,
    RS_N_PARTS
} rs_part;

typedef struct {
    /* Weight of each part in the candidate's total; the total is the
     * weighted mean over the parts the ToR makes meaningful. */
    double part[RS_N_PARTS];

    /* Field codes: similarity of an asked code to a CV code. */
    double field_exact, field_one_level, field_two_levels, field_same_letter;
    /* Competence codes have two levels: exact or parent/child. */
    double competence_exact, competence_one_level;
    /* A field or competence counts as covered by a team from this similarity. */
    double cover_min;

    /* Language credit by how many CEFR steps the expert is below the ask. */
    double language_one_below, language_two_below;

    /* Sector credit by status (indexed by rs_sector). */
    double sector[RS_SECTOR_INTERNATIONAL_ORG + 1];

    /* Past missions: same country, same region, same language area. */
    double region_country, region_region, region_language;

    /* Load part = 1 / (1 + days / load_half_days): half credit at this load. */
    double load_half_days;

    /* Team bonuses, added to the sum of member scores. */
    double cover_fields, cover_competences, cover_languages;
    double gender_balance, prefer_public, triangular;
    /* Portfolio balance: a member of an over-represented nationality
     * (matcher/portfolio.h), whose share of recent mission days is `ratio`
     * times its share of the roster, costs portfolio * (1 - 1/ratio). */
    double portfolio;
} rs_weights;

extern const rs_weights rs_weights_table;
extern const char *const rs_part_names[RS_N_PARTS]; /* "fields", ... as in JSON */

#endif

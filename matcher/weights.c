/*
 * The weight table. Member scores stay in [0,1]; team bonuses are scaled so
 * that a full coverage bonus is worth about one strong member part and a
 * preference about a tenth of a member, i.e. they break near-ties rather
 * than outvote the members' own fit.
 *
 * The part weights and language credits are tuned on `make eval` (docs/measurements.md,
 * "Matching quality"), on its tuning split only: fit (fields, text,
 * language) carries the ranking; sector, region and load are kept as
 * small preferences that reorder near-equals, as the facility asks.
 */
#include "matcher/weights.h"

const char *const rs_part_names[RS_N_PARTS] = {
    "fields", "competences", "text", "language", "sector", "region", "load"};

const rs_weights rs_weights_table = {
    .part = {
        [RS_PART_FIELDS] = 0.38,      /* what the action is about */
        [RS_PART_COMPETENCES] = 0.11, /* how: policy, legislation, training... */
        [RS_PART_TEXT] = 0.23,        /* description against CV text (index) */
        [RS_PART_LANGUAGE] = 0.19,    /* working languages at the level asked */
        [RS_PART_SECTOR] = 0.04,      /* public expertise first */
        [RS_PART_REGION] = 0.04,      /* knows the country or region */
        [RS_PART_LOAD] = 0.01,        /* spread the work over the roster */
    },

    .field_exact = 1.0,
    .field_one_level = 0.7,   /* E.10 asked, CV E.10.01 (or the reverse) */
    .field_two_levels = 0.5,  /* E asked, CV E.10.01 (or the reverse) */
    .field_same_letter = 0.25, /* E.10 asked, CV E.20: same broad field */
    .competence_exact = 1.0,
    .competence_one_level = 0.7,
    .cover_min = 0.5,         /* a parent or child covers; a sibling does not */

    .language_one_below = 0.8, /* a B2 expert can work where C1 is asked */
    .language_two_below = 0.2,

    .sector = {
        [RS_SECTOR_NONE] = 0.0,
        [RS_SECTOR_PUBLIC] = 1.0,
        [RS_SECTOR_RETIRED_PUBLIC] = 1.0,
        [RS_SECTOR_MANDATED_BODY] = 0.9,
        [RS_SECTOR_SOCIAL_PARTNER] = 0.6,
        [RS_SECTOR_ACADEMIC] = 0.4,
        [RS_SECTOR_PRIVATE] = 0.2,
        [RS_SECTOR_INTERNATIONAL_ORG] = 0.4,
    },

    .region_country = 1.0,
    .region_region = 0.6,
    .region_language = 0.3,

    .load_half_days = 30.0,   /* about one activity's worth of days */

    .cover_fields = 0.30,
    .cover_competences = 0.10,
    .cover_languages = 0.15,
    .gender_balance = 0.10,
    .prefer_public = 0.05,
    .triangular = 0.10,
    .portfolio = 0.20,
};

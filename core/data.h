/* The reference tables compiled in from corpus/ (see corpus/embed.sh). */
#ifndef RS_DATA_H
#define RS_DATA_H

extern const char rs_data_fields[];             /* corpus/taxonomy/fields.tsv */
extern const char rs_data_competences[];        /* corpus/taxonomy/competences.tsv */
extern const char rs_data_eligible_countries[]; /* corpus/taxonomy/eligible_countries.tsv */
extern const char rs_data_assistance_types[];   /* corpus/taxonomy/assistance_types.tsv */
extern const char rs_data_cross_cutting[];      /* corpus/taxonomy/cross_cutting.tsv */
extern const char rs_data_labels[];             /* corpus/taxonomy/labels.tsv: en, fr, es, pt labels */
extern const char rs_data_countries[];          /* corpus/reference/countries.tsv: iso2, name, aliases */
extern const char rs_data_country_names[];      /* corpus/reference/country_names.tsv: iso2, fr, es, pt */
extern const char rs_data_country_ambiguous[];  /* corpus/reference/country_ambiguous.tsv: name, countries */
extern const char rs_data_languages[];          /* corpus/reference/languages.tsv: iso639_1, name, fr, es, pt */
extern const char rs_data_demonyms[];          /* corpus/reference/demonyms.tsv: iso2, en, fr, es, pt stems */
extern const char rs_data_demonyms_ambiguous[]; /* corpus/reference/demonyms_ambiguous.tsv: stem, countries */
extern const char rs_data_places[];             /* corpus/reference/places.tsv: iso2, places */
extern const char rs_data_regions[];            /* corpus/reference/regions.tsv: iso2, regions */
extern const char rs_data_institutions[];       /* corpus/reference/institutions.tsv: iso2, names, acronyms */
extern const char rs_data_official_languages[]; /* corpus/reference/official_languages.tsv: iso2, languages */

#endif

/*
 * The official languages of countries (corpus/reference/official_languages.tsv,
 * compiled in): every eligible partner country and every EU member state,
 * as ISO 639-1 codes, the main one first. Languages without a two-letter
 * code (Tamazight, Papiamento, Tetum...) are not listed. Where the
 * constitution keeps French as the language of administration beside the
 * national languages (Mali, Burkina Faso), French is listed.
 * Loaded once, read-only afterwards, shared by all threads.
 */
#ifndef RS_OFFICIALLANG_H
#define RS_OFFICIALLANG_H

/* "es,qu,ay" for "PE"; NULL when the country is not in the table (or NULL). */
const char *rs_official_languages(const char *iso2);

#endif

/*
 * What a request document says of itself, read from its text in English,
 * French, Spanish or Portuguese: its title, the facility's action number,
 * the partner institution, the size of the team, the mission window and
 * the working languages it states (intake/statedlang.h).
 * Each value comes with where the text says it (bytes, for the evidence a
 * person reviews) and a confidence in [0, 1] that tells a value given
 * under a label ("Titre :", "Institución solicitante:") from one guessed
 * from the shape of the text. The partner country and the codes are read
 * elsewhere (core/mentions.h, the index); this file needs no roster.
 */
#ifndef RS_INTAKE_REQUEST_H
#define RS_INTAKE_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "intake/statedlang.h"

typedef struct {
    int found;
    size_t begin, end; /* the bytes of the text that say it */
    double confidence;
} rs_said;

typedef struct {
    rs_said title;
    char *title_text;        /* malloc'd, NFC, one line */
    rs_said action;
    char action_code[8];     /* "2019-27" */
    rs_said institution;
    char *institution_text;  /* malloc'd */
    rs_said team;
    int team_size;           /* 1..6 */
    rs_said window;
    int32_t from, to;        /* day numbers (core/date.h), from <= to */
    rs_stated_languages languages; /* the working languages it states */
} rs_request_facts;

/* The partner country: the one the text names most, early mentions and
 * names counting more than cities and demonyms; member states of the EU
 * never (they are where the experts come from). code "" when none. */
typedef enum {
    RS_COUNTRY_BY_NAME,        /* "Côte d'Ivoire", "Cameroun" */
    RS_COUNTRY_BY_DEMONYM,     /* "péruviens" */
    RS_COUNTRY_BY_PLACE,       /* a city or region: "Lima", "Douala" */
    RS_COUNTRY_BY_INSTITUTION  /* one of its public institutions: "SENCE" */
} rs_country_by;

typedef struct {
    char code[3];
    rs_said said; /* its first mention */
    rs_country_by by; /* what that mention is */
} rs_request_country;

/* A partner institution of the facility's records and its country: the
 * text naming it (its name, or its acronym in brackets: "(MTPE)") votes
 * for that country as a demonym does, as do the institutions of the
 * built-in table (intake/institutions.h). `known` may be NULL. */
typedef struct {
    const char *name;
    char country[3];
} rs_known_institution;

int rs_request_country_read(const char *s, size_t len, const rs_known_institution *known,
                            size_t n_known, rs_request_country *out);

/* Why the first mention of c in the text s (the one it was read from)
 * tells c, for a person: "Lima: a city or region of Peru", "SENCE: a
 * public institution of Chile". */
void rs_request_country_why(const rs_request_country *c, const char *s, char *buf,
                            size_t size);

/* Read the facts of the UTF-8 text [s, s + len). Returns 0 (what is not
 * found has found == 0), or -1 on invalid UTF-8 or out of memory. Free
 * with rs_request_facts_free either way. */
int rs_request_facts_read(const char *s, size_t len, rs_request_facts *out);
void rs_request_facts_free(rs_request_facts *f);

#endif

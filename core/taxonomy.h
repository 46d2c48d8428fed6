/*
 * The facility's taxonomies (the TSV files of corpus/taxonomy, compiled in): fields of
 * expertise, horizontal competences, eligible partner countries and types of
 * assistance. Loaded once, read-only afterwards, shared by all threads.
 */
#ifndef RS_TAXONOMY_H
#define RS_TAXONOMY_H

#include <stddef.h>

typedef struct {
    const char *code;    /* "E.10.01" */
    const char *parent;  /* "E.10", "" for a top level */
    const char *label;   /* English label; see rs_taxonomy_unnamed_field_at */
    int unnamed;         /* not in the facility's table, only above codes that are */
} rs_code_entry;

typedef struct {
    const char *iso2, *name, *region, *languages; /* languages: "fr,en" */
} rs_partner_country;

typedef struct rs_taxonomy rs_taxonomy;

/* The compiled-in taxonomy; never NULL (aborts if the built-in data is broken). */
const rs_taxonomy *rs_taxonomy_get(void);

const rs_code_entry *rs_taxonomy_field(const rs_taxonomy *t, const char *code);
const rs_code_entry *rs_taxonomy_competence(const rs_taxonomy *t, const char *code);
const rs_code_entry *rs_taxonomy_assistance(const rs_taxonomy *t, const char *code);
const rs_partner_country *rs_taxonomy_partner(const rs_taxonomy *t, const char *iso2);

/* Iteration in file order (the codes of the table, without its unnamed
 * ancestors). */
size_t rs_taxonomy_n_fields(const rs_taxonomy *t);
const rs_code_entry *rs_taxonomy_field_at(const rs_taxonomy *t, size_t i);

/* The field codes the table lacks though it has codes under them (O and
 * O.30 above O.30.01), by code. rs_taxonomy_field finds them like any
 * other, so they are valid in queries, facets and ToRs; the sources give
 * them no label, so theirs says what is under them: "(unnamed: O.30.01
 * Vulnerable Groups)", codes and labels of the table joined by "; ". They
 * have no labels in labels.tsv (rs_label gives NULL). */
size_t rs_taxonomy_n_unnamed_fields(const rs_taxonomy *t);
const rs_code_entry *rs_taxonomy_unnamed_field_at(const rs_taxonomy *t, size_t i);
size_t rs_taxonomy_n_competences(const rs_taxonomy *t);
const rs_code_entry *rs_taxonomy_competence_at(const rs_taxonomy *t, size_t i);
size_t rs_taxonomy_n_partners(const rs_taxonomy *t);
const rs_partner_country *rs_taxonomy_partner_at(const rs_taxonomy *t, size_t i);

/* Label of the top-level field letter, e.g. 'E' -> "Social Protection",
 * 'O' -> "(unnamed: O.30.01 Vulnerable Groups)". */
const char *rs_taxonomy_letter_label(const rs_taxonomy *t, char letter);

/* EU member states (27): used for "EU nationality" and triangular cooperation. */
int rs_country_is_eu(const char *iso2);

#endif

/*
 * The facility's taxonomies, parsed once from the compiled-in TSVs and
 * checked: code syntax, parents consistent with codes, known country and
 * language codes. Lookups go through arrays sorted by code.
 */
#include "core/taxonomy.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/data.h"
#include "core/tsv.h"

typedef struct {
    rs_tsv tsv;
    rs_code_entry *entries;         /* file order */
    size_t n;
    rs_code_entry *unnamed;         /* ancestors the table lacks, by code */
    size_t n_unnamed;
    const rs_code_entry **by_code;  /* entries and unnamed, sorted by code */
    size_t n_by_code;
} code_list;

typedef struct {
    rs_tsv tsv;
    rs_partner_country *entries;
    const rs_partner_country **by_code; /* sorted by iso2, then file order */
    size_t n;
    /* The first row of each code, by its two letters: the score looks up
     * every mission's country of every expert it weighs. */
    const rs_partner_country *by_letters[26 * 26];
} partner_list;

struct rs_taxonomy {
    code_list fields, competences, assistance;
    partner_list partners;
};

static rs_taxonomy taxonomy;
static pthread_once_t taxonomy_once = PTHREAD_ONCE_INIT;

static void *table_alloc(const rs_tsv *t, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        rs_tsv_fail(t, 0, "out of memory");
    return p;
}

/* ---- code lists: fields, competences, assistance types ---- */

static int entry_cmp(const void *a, const void *b)
{
    const rs_code_entry *x = *(const rs_code_entry *const *)a;
    const rs_code_entry *y = *(const rs_code_entry *const *)b;
    return strcmp(x->code, y->code);
}

static const rs_code_entry *find_code(const code_list *l, const char *code)
{
    if (!code)
        return NULL;
    rs_code_entry probe = {code, "", "", 0};
    const rs_code_entry *key = &probe;
    const rs_code_entry **hit =
        bsearch(&key, l->by_code, l->n_by_code, sizeof *l->by_code, entry_cmp);
    return hit ? *hit : NULL;
}

/* How a code names its parent. Fields and competences: the code one level
 * up ("E.10" for "E.10.01"), which need not be in the table (the sources
 * omit some, e.g. O.30: name_ancestors makes those known). Assistance types: "A.00" heads letter A and "A.01"
 * hangs under it, so the parent is any code of the table, same letter. */
typedef enum { PARENT_IS_PREFIX, PARENT_IN_TABLE } parent_rule;

static void check_prefix_parent(const rs_tsv *t, size_t row, const rs_code_entry *e)
{
    int depth = rs_code_depth(e->code);
    char expected[16] = "";
    if (depth > 1)
        rs_code_prefix(e->code, depth - 1, expected, sizeof expected);
    if (strcmp(e->parent, expected) != 0)
        rs_tsv_fail(t, row, "parent of %s is '%s', expected '%s'", e->code, e->parent,
                    expected);
}

static void check_table_parents(const code_list *l)
{
    for (size_t r = 0; r < l->n; r++) {
        const rs_code_entry *e = &l->entries[r];
        if (*e->parent && (e->parent[0] != e->code[0] || !find_code(l, e->parent) ||
                           strcmp(e->parent, e->code) == 0))
            rs_tsv_fail(&l->tsv, r, "parent of %s is '%s', not another code of letter %c",
                        e->code, e->parent, e->code[0]);
    }
}

static void load_codes(code_list *l, const char *name, const char *text, const char *header,
                       int (*valid)(const char *), parent_rule rule)
{
    rs_tsv *t = &l->tsv;
    rs_tsv_load(t, name, text, header);
    l->n = l->n_by_code = t->n_rows;
    l->entries = table_alloc(t, l->n, sizeof *l->entries);
    l->by_code = table_alloc(t, l->n, sizeof *l->by_code);
    for (size_t r = 0; r < l->n; r++) {
        rs_code_entry *e = &l->entries[r];
        e->code = rs_tsv_cell(t, r, 0);
        e->parent = rs_tsv_cell(t, r, 1);
        e->label = rs_tsv_cell(t, r, 2);
        if (!valid(e->code))
            rs_tsv_fail(t, r, "bad code '%s'", e->code);
        if (!*e->label)
            rs_tsv_fail(t, r, "empty label");
        if (rule == PARENT_IS_PREFIX)
            check_prefix_parent(t, r, e);
        l->by_code[r] = e;
    }
    qsort(l->by_code, l->n, sizeof *l->by_code, entry_cmp);
    for (size_t i = 1; i < l->n; i++)
        if (strcmp(l->by_code[i - 1]->code, l->by_code[i]->code) == 0)
            rs_tsv_fail(t, (size_t)(l->by_code[i] - l->entries), "code %s appears twice",
                        l->by_code[i]->code);
    if (rule == PARENT_IN_TABLE)
        check_table_parents(l);
}

/* ---- ancestors the sources never name ---- */

static char *copy_text(const rs_tsv *t, const char *s)
{
    char *p = strdup(s);
    if (!p)
        rs_tsv_fail(t, 0, "out of memory");
    return p;
}

/* "(unnamed: O.30.01 Vulnerable Groups)": the codes of the table under
 * `code`, each with its label, in file order; "; " between them. A label of
 * our own would put words in the facility's mouth, so the ancestor is
 * described by what the sources do say of it. */
static int under(const char *code, const char *ancestor, size_t len)
{
    return strncmp(code, ancestor, len) == 0 && code[len] == '.';
}

static char *unnamed_label(const code_list *l, const char *code)
{
    size_t len = strlen(code), size = sizeof "(unnamed: )", used = 0;
    for (size_t i = 0; i < l->n; i++)
        if (under(l->entries[i].code, code, len))
            size += strlen("; ") + strlen(l->entries[i].code) + 1 + strlen(l->entries[i].label);
    char *out = malloc(size);
    if (!out)
        rs_tsv_fail(&l->tsv, 0, "out of memory");
    const char *sep = "(unnamed: ";
    for (size_t i = 0; i < l->n; i++)
        if (under(l->entries[i].code, code, len)) {
            used += (size_t)snprintf(out + used, size - used, "%s%s %s", sep,
                                     l->entries[i].code, l->entries[i].label);
            sep = "; ";
        }
    snprintf(out + used, size - used, ")");
    return out;
}

static int code_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Make the missing ancestors of the table's codes known codes (the
 * facility's table has O.30.01 but neither O.30 nor O): a query, a facet or
 * a ToR may name them, and they hold the experts of the codes below. */
static void name_ancestors(code_list *l)
{
    char (*missing)[16] = table_alloc(&l->tsv, l->n * 3, sizeof *missing);
    size_t n = 0;
    for (size_t r = 0; r < l->n; r++)
        for (int d = 1; d < rs_code_depth(l->entries[r].code); d++) {
            char up[16];
            rs_code_prefix(l->entries[r].code, d, up, sizeof up);
            int seen = find_code(l, up) != NULL;
            for (size_t i = 0; i < n && !seen; i++)
                seen = strcmp(missing[i], up) == 0;
            if (!seen)
                memcpy(missing[n++], up, sizeof up);
        }
    l->unnamed = table_alloc(&l->tsv, n, sizeof *l->unnamed);
    l->by_code = realloc(l->by_code, (l->n + n + 1) * sizeof *l->by_code);
    if (!l->by_code)
        rs_tsv_fail(&l->tsv, 0, "out of memory");
    qsort(missing, n, sizeof *missing, code_cmp);
    for (size_t i = 0; i < n; i++) {
        rs_code_entry *e = &l->unnamed[i];
        char parent[16] = "";
        int depth = rs_code_depth(missing[i]);
        if (depth > 1)
            rs_code_prefix(missing[i], depth - 1, parent, sizeof parent);
        e->code = copy_text(&l->tsv, missing[i]);
        e->parent = copy_text(&l->tsv, parent);
        e->label = unnamed_label(l, missing[i]);
        e->unnamed = 1;
        l->by_code[l->n + i] = e;
    }
    free(missing);
    l->n_unnamed = n;
    l->n_by_code = l->n + n;
    qsort(l->by_code, l->n_by_code, sizeof *l->by_code, entry_cmp);
}

/* ---- partner countries ---- */

enum { PARTNER_ISO2, PARTNER_NAME, PARTNER_REGION, PARTNER_INSTRUMENT, PARTNER_LANGUAGES };

/* By code, ties in file order: Bonaire, Saba and Sint Eustatius share BQ
 * and a lookup returns the first. */
static int partner_cmp(const void *a, const void *b)
{
    const rs_partner_country *x = *(const rs_partner_country *const *)a;
    const rs_partner_country *y = *(const rs_partner_country *const *)b;
    int c = strcmp(x->iso2, y->iso2);
    return c ? c : (x > y) - (x < y);
}

/* "fr,en": one or more known language codes. */
static void check_languages(const rs_tsv *t, size_t row, const char *list)
{
    if (!rs_language_list_valid(list))
        rs_tsv_fail(t, row, "bad language list '%s'", list);
}

static void load_partners(partner_list *l)
{
    rs_tsv *t = &l->tsv;
    rs_tsv_load(t, "eligible_countries", rs_data_eligible_countries,
                "iso2\tname\tregion\tinstrument\tlikely_languages\tsource");
    l->n = t->n_rows;
    l->entries = table_alloc(t, l->n, sizeof *l->entries);
    l->by_code = table_alloc(t, l->n, sizeof *l->by_code);
    for (size_t r = 0; r < l->n; r++) {
        rs_partner_country *p = &l->entries[r];
        p->iso2 = rs_tsv_cell(t, r, PARTNER_ISO2);
        p->name = rs_tsv_cell(t, r, PARTNER_NAME);
        p->region = rs_tsv_cell(t, r, PARTNER_REGION);
        p->languages = rs_tsv_cell(t, r, PARTNER_LANGUAGES);
        if (!rs_country_valid(p->iso2))
            rs_tsv_fail(t, r, "unknown country code '%s'", p->iso2);
        if (!*p->name || !*p->region)
            rs_tsv_fail(t, r, "empty name or region");
        check_languages(t, r, p->languages);
        l->by_code[r] = p;
    }
    qsort(l->by_code, l->n, sizeof *l->by_code, partner_cmp);
    for (size_t i = l->n; i-- > 0;) {
        const char *c = l->by_code[i]->iso2;
        if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && !c[2])
            l->by_letters[(c[0] - 'A') * 26 + (c[1] - 'A')] = l->by_code[i];
    }
}

static void taxonomy_load(void)
{
    load_codes(&taxonomy.fields, "fields", rs_data_fields, "code\tparent\tlabel\tsource",
               rs_field_code_valid, PARENT_IS_PREFIX);
    name_ancestors(&taxonomy.fields);
    load_codes(&taxonomy.competences, "competences", rs_data_competences,
               "code\tparent\tlabel", rs_competence_code_valid, PARENT_IS_PREFIX);
    /* Assistance types have the shape of field codes: "A.02.01". */
    load_codes(&taxonomy.assistance, "assistance_types", rs_data_assistance_types,
               "code\tparent\tlabel", rs_field_code_valid, PARENT_IN_TABLE);
    load_partners(&taxonomy.partners);
}

const rs_taxonomy *rs_taxonomy_get(void)
{
    pthread_once(&taxonomy_once, taxonomy_load);
    return &taxonomy;
}

const rs_code_entry *rs_taxonomy_field(const rs_taxonomy *t, const char *code)
{
    return find_code(&t->fields, code);
}

const rs_code_entry *rs_taxonomy_competence(const rs_taxonomy *t, const char *code)
{
    return find_code(&t->competences, code);
}

const rs_code_entry *rs_taxonomy_assistance(const rs_taxonomy *t, const char *code)
{
    return find_code(&t->assistance, code);
}

const rs_partner_country *rs_taxonomy_partner(const rs_taxonomy *t, const char *iso2)
{
    const partner_list *l = &t->partners;
    if (!iso2 || iso2[0] < 'A' || iso2[0] > 'Z' || iso2[1] < 'A' || iso2[1] > 'Z' || iso2[2])
        return NULL;
    return l->by_letters[(iso2[0] - 'A') * 26 + (iso2[1] - 'A')];
}

size_t rs_taxonomy_n_fields(const rs_taxonomy *t)
{
    return t->fields.n;
}

const rs_code_entry *rs_taxonomy_field_at(const rs_taxonomy *t, size_t i)
{
    return i < t->fields.n ? &t->fields.entries[i] : NULL;
}

size_t rs_taxonomy_n_unnamed_fields(const rs_taxonomy *t)
{
    return t->fields.n_unnamed;
}

const rs_code_entry *rs_taxonomy_unnamed_field_at(const rs_taxonomy *t, size_t i)
{
    return i < t->fields.n_unnamed ? &t->fields.unnamed[i] : NULL;
}

size_t rs_taxonomy_n_competences(const rs_taxonomy *t)
{
    return t->competences.n;
}

const rs_code_entry *rs_taxonomy_competence_at(const rs_taxonomy *t, size_t i)
{
    return i < t->competences.n ? &t->competences.entries[i] : NULL;
}

size_t rs_taxonomy_n_partners(const rs_taxonomy *t)
{
    return t->partners.n;
}

const rs_partner_country *rs_taxonomy_partner_at(const rs_taxonomy *t, size_t i)
{
    return i < t->partners.n ? &t->partners.entries[i] : NULL;
}

const char *rs_taxonomy_letter_label(const rs_taxonomy *t, char letter)
{
    char code[2] = {letter, '\0'};
    const rs_code_entry *e = find_code(&t->fields, code);
    return e ? e->label : NULL;
}

/* ---- EU ---- */

/* The 27 member states since 1 February 2020, in ISO codes (Greece is GR
 * here, though the EU itself writes EL). */
static const char eu_members[][3] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
};

int rs_country_is_eu(const char *iso2)
{
    if (!iso2)
        return 0;
    for (size_t i = 0; i < sizeof eu_members / sizeof *eu_members; i++)
        if (strcmp(eu_members[i], iso2) == 0)
            return 1;
    return 0;
}

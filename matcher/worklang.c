/* Inferred working languages; see worklang.h for the choice. */
#include "matcher/worklang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/officiallang.h"
#include "core/taxonomy.h"
#include "core/textlang.h"

#define COUNTRY_LANGUAGES_MAX 16

/* The facility's working languages (domain: the partner's working
 * language, French, Spanish, Portuguese, English, Arabic, Russian), in two
 * tiers: the facility works with a partner in English, French, Spanish or
 * Portuguese whenever the country uses one (French with the Maghreb,
 * English with Ukraine), in Arabic or Russian only when it uses none. */
static const char *const facility_first[] = {"en", "fr", "es", "pt", NULL};
static const char *const facility_then[] = {"ar", "ru", NULL};

typedef struct {
    char code[COUNTRY_LANGUAGES_MAX][3];
    size_t n;
} language_list;

/* Append the codes of a "fr,en" list that are not there yet. */
static void add_list(language_list *l, const char *list)
{
    for (const char *p = list; p && *p && l->n < COUNTRY_LANGUAGES_MAX;) {
        size_t len = strcspn(p, ",");
        int known = len != 2;
        for (size_t i = 0; i < l->n && !known; i++)
            known = memcmp(l->code[i], p, 2) == 0;
        if (!known) {
            memcpy(l->code[l->n], p, 2);
            l->code[l->n++][2] = '\0';
        }
        p += len + (p[len] == ',');
    }
}

static void country_languages(const char *iso2, language_list *l)
{
    l->n = 0;
    add_list(l, rs_official_languages(iso2));
    const rs_partner_country *p = rs_taxonomy_partner(rs_taxonomy_get(), iso2);
    if (p)
        add_list(l, p->languages);
}

static int listed(const language_list *l, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->code[i], code) == 0)
            return 1;
    return 0;
}

/* The first of the country's languages (in its order) that is in tier. */
static const char *first_in(const language_list *l, const char *const *tier)
{
    for (size_t i = 0; i < l->n; i++)
        for (const char *const *f = tier; *f; f++)
            if (strcmp(l->code[i], *f) == 0)
                return l->code[i];
    return NULL;
}

static const char *working_language(const language_list *l)
{
    const char *code = first_in(l, facility_first);
    if (!code)
        code = first_in(l, facility_then);
    return code ? code : l->n ? l->code[0] : NULL;
}

/* Is code one of the official languages of iso2? */
static int official(const char *iso2, const char *code)
{
    language_list l = {0};
    add_list(&l, rs_official_languages(iso2));
    return listed(&l, code);
}

/* The language of the title and description together; -1 when out of
 * memory (both are valid UTF-8: the JSON reader checked them). */
static int detect_text(rs_tor *t)
{
    size_t nt = t->title ? strlen(t->title) : 0, nd = t->description ? strlen(t->description) : 0;
    char *text = malloc(nt + nd + 2);
    if (!text)
        return -1;
    memcpy(text, t->title ? t->title : "", nt);
    text[nt] = '\n';
    memcpy(text + nt + 1, t->description ? t->description : "", nd);
    text[nt + 1 + nd] = '\0';
    int rc = rs_text_language(text, nt + 1 + nd, t->text_language);
    free(text);
    return rc < 0 ? -1 : 0;
}

int rs_tor_infer_languages(rs_tor *t, int given)
{
    if (detect_text(t) < 0)
        return -1;
    if (given)
        return 0;
    language_list country;
    country_languages(t->country, &country);
    const char *code = NULL;
    rs_languages_basis basis = RS_LANGUAGES_UNKNOWN;
    if (t->text_language[0] && listed(&country, t->text_language)) {
        code = t->text_language;
        basis = RS_LANGUAGES_FROM_TEXT;
    } else if (country.n) {
        code = working_language(&country);
        basis = RS_LANGUAGES_FROM_COUNTRY;
    } else if (t->text_language[0]) {
        code = t->text_language;
        basis = RS_LANGUAGES_TEXT_ONLY;
    }
    if (code) {
        rs_language *l = calloc(1, sizeof *l);
        if (!l)
            return -1;
        memcpy(l->code, code, 3);
        l->level = RS_CEFR_B2;
        free(t->languages);
        t->languages = l;
        t->n_languages = 1;
    }
    t->languages_basis = basis;
    return 0;
}

void rs_tor_languages_basis_text(const rs_tor *t, char *buf, size_t size)
{
    switch (t->languages_basis) {
    case RS_LANGUAGES_GIVEN:
        snprintf(buf, size, "%s", "");
        break;
    /* "a language of" only for an official language (Spanish in Peru);
     * one the facility uses with the partner besides (French in Morocco,
     * English in Ukraine) is a working language "with" the country. */
    case RS_LANGUAGES_FROM_TEXT:
        snprintf(buf, size, "the description is in %s, %s %s", t->text_language,
                 official(t->country, t->text_language) ? "a language of"
                                                        : "a working language with",
                 t->country);
        break;
    case RS_LANGUAGES_FROM_COUNTRY: {
        const char *how = t->n_languages && official(t->country, t->languages[0].code)
                              ? "of" : "with";
        if (t->text_language[0])
            snprintf(buf, size, "the working language %s %s; the description is in %s", how,
                     t->country, t->text_language);
        else
            snprintf(buf, size, "the working language %s %s", how, t->country);
        break;
    }
    /* A ToR drafted from a document may have no country yet. */
    case RS_LANGUAGES_TEXT_ONLY:
        if (t->country[0])
            snprintf(buf, size, "the description is in %s; no languages known for %s",
                     t->text_language, t->country);
        else
            snprintf(buf, size, "the description is in %s; no partner country found",
                     t->text_language);
        break;
    case RS_LANGUAGES_UNKNOWN:
        if (t->country[0])
            snprintf(buf, size, "no clear language in the description and none known for %s",
                     t->country);
        else
            snprintf(buf, size, "no clear language in the description and no partner country "
                                "found");
        break;
    }
}

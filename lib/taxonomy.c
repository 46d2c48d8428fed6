/* The codes a user picks from, with their labels: fields and competences
 * of the facility's taxonomy in the roster's four languages, countries
 * with their names, languages with theirs. The web app fills its lists
 * from this answer; docs/library.md gives its shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/jsonbuild.h"
#include "core/labels.h"
#include "core/taxonomy.h"
#include "lib/private.h"

/* {"en": ..., "fr": ..., "es": ..., "pt": ...} from label(code, lang). */
static json_t *in_languages(rs_json_build *b, const char *code,
                            const char *(*label)(const char *code, const char *lang))
{
    json_t *o = rs_json_take(b, json_object());
    for (size_t i = 0; rs_label_languages[i]; i++) {
        const char *text = label(code, rs_label_languages[i]);
        /* Every code has a label in each language (checked when loaded). */
        rs_json_set(b, o, rs_label_languages[i], text ? json_string(text) : json_null());
    }
    return o;
}

static json_t *codes_json(rs_json_build *b, const rs_taxonomy *t, size_t n,
                          const rs_code_entry *(*at)(const rs_taxonomy *, size_t))
{
    json_t *list = rs_json_take(b, json_array());
    for (size_t i = 0; i < n; i++) {
        const rs_code_entry *c = at(t, i);
        json_t *o = rs_json_take(b, json_object());
        rs_json_set(b, o, "code", json_string(c->code));
        rs_json_set(b, o, "parent", json_string(c->parent));
        rs_json_set(b, o, "labels", in_languages(b, c->code, rs_label));
        rs_json_append(b, list, o);
    }
    return list;
}

/* An unnamed ancestor's label in lang: as its English one (see
 * rs_taxonomy_unnamed_field_at), with the labels of the codes under it in
 * that language, "(unnamed: O.30.01 Groupes vulnérables)". */
static json_t *unnamed_label(const rs_taxonomy *t, const char *code, const char *lang)
{
    size_t len = strlen(code);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return NULL;
    const char *sep = "(unnamed: ";
    for (size_t i = 0; i < rs_taxonomy_n_fields(t); i++) {
        const char *below = rs_taxonomy_field_at(t, i)->code;
        if (strncmp(below, code, len) == 0 && below[len] == '.') {
            fprintf(f, "%s%s %s", sep, below, rs_label(below, lang));
            sep = "; ";
        }
    }
    fputc(')', f);
    json_t *s = fclose(f) == 0 ? json_string(text) : NULL;
    free(text);
    return s;
}

/* The ancestors the table lacks, marked "unnamed": true. */
static void append_unnamed(rs_json_build *b, json_t *list, const rs_taxonomy *t)
{
    for (size_t i = 0; i < rs_taxonomy_n_unnamed_fields(t); i++) {
        const rs_code_entry *c = rs_taxonomy_unnamed_field_at(t, i);
        json_t *o = rs_json_take(b, json_object());
        json_t *labels = rs_json_take(b, json_object());
        rs_json_set(b, o, "code", json_string(c->code));
        rs_json_set(b, o, "parent", json_string(c->parent));
        for (size_t l = 0; rs_label_languages[l]; l++)
            rs_json_set(b, labels, rs_label_languages[l],
                        unnamed_label(t, c->code, rs_label_languages[l]));
        rs_json_set(b, o, "labels", labels);
        rs_json_set(b, o, "unnamed", json_true());
        rs_json_append(b, list, o);
    }
}

static json_t *countries_json(rs_json_build *b, const rs_taxonomy *t)
{
    json_t *list = rs_json_take(b, json_array());
    for (size_t i = 0; i < rs_n_countries(); i++) {
        const char *code = rs_country_at(i);
        json_t *o = rs_json_take(b, json_object());
        rs_json_set(b, o, "code", json_string(code));
        rs_json_set(b, o, "names", in_languages(b, code, rs_country_name_in));
        rs_json_set(b, o, "eu", json_boolean(rs_country_is_eu(code)));
        rs_json_set(b, o, "partner", json_boolean(rs_taxonomy_partner(t, code) != NULL));
        rs_json_append(b, list, o);
    }
    return list;
}

static json_t *languages_json(rs_json_build *b)
{
    json_t *list = rs_json_take(b, json_array());
    for (size_t i = 0; i < rs_n_languages(); i++) {
        const char *code = rs_language_at(i);
        json_t *o = rs_json_take(b, json_object());
        rs_json_set(b, o, "code", json_string(code));
        rs_json_set(b, o, "names", in_languages(b, code, rs_language_name_in));
        rs_json_append(b, list, o);
    }
    return list;
}

rs_status rs_roster_taxonomy(rs_roster *r, rs_answer **out)
{
    *out = NULL;
    rs_begin(r); /* the taxonomy is compiled in: no roster needed */
    const rs_taxonomy *t = rs_taxonomy_get();
    rs_json_build b = {0};
    json_t *o = rs_json_take(&b, json_object());
    json_t *fields = codes_json(&b, t, rs_taxonomy_n_fields(t), rs_taxonomy_field_at);
    append_unnamed(&b, fields, t);
    rs_json_set(&b, o, "fields", fields);
    rs_json_set(&b, o, "competences",
                codes_json(&b, t, rs_taxonomy_n_competences(t), rs_taxonomy_competence_at));
    rs_json_set(&b, o, "countries", countries_json(&b, t));
    rs_json_set(&b, o, "languages", languages_json(&b));
    if (b.failed) {
        json_decref(o);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    if (!(*out = rs_answer_new(o, RS_OUTCOME_DONE, NULL, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

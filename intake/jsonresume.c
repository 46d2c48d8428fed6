/*
 * A JSON Resume (jsonresume.org schema) into an expert record.
 *
 * Mapped: basics (name; label and summary as the summary; location's
 * countryCode as residence), work (name or company, position, startDate,
 * endDate, summary and highlights as the text), education (institution,
 * area, studyType, the end year, else the start year) and languages.
 * The standard has no CEFR level and no nationality, so:
 *   - a language is its name ("French", "Français") or a code, and its
 *     fluency becomes a level only where that is unambiguous: "native",
 *     "mother tongue" (and the same words in French, Spanish, Portuguese)
 *     is native, a CEFR level written first ("C1", "B2 - upper
 *     intermediate") is itself; "Fluent" or "Professional working
 *     proficiency" name no level, and the language is left out with a
 *     warning rather than given an invented one;
 *   - a nationality comes from a non-standard basics.nationalities (a list)
 *     or basics.nationality (one), codes or names; without one the CV is
 *     refused, saying how to add it.
 * Everything else with a value (contacts, skills, projects, ...) is named
 * in a warning. A JSON Resume has no line numbers per item: problems are at
 * line 1, the item named in the field ("work[2]").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "intake/cvmap.h"

#define LINE 1

/* A string member, or NULL. */
static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* Does a member hold something (a non-empty string, array or object, or
 * any other value)? */
static int has_value(const json_t *v)
{
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    if (json_is_object(v))
        return json_object_size(v) > 0;
    return v && !json_is_null(v);
}

/* Warn, as "<prefix>.<key>: not kept", of each member with a value whose
 * key is not in `kept` (NULL-terminated). */
static void not_kept(rs_cv *cv, const json_t *obj, const char *prefix, const char *const *kept)
{
    const char *key;
    json_t *v;
    char shown[RS_CV_SHOW];
    json_object_foreach((json_t *)obj, key, v) {
        const char *const *k = kept;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (!*k && has_value(v))
            rs_cv_warn(cv, LINE, "", "%s%s%s: not kept", prefix, *prefix ? "." : "",
                       rs_cv_show(shown, key));
    }
}

static void nationalities(rs_cv *cv, const json_t *basics)
{
    const json_t *list = json_object_get(basics, "nationalities");
    size_t i;
    json_t *v;
    if (json_is_string(list))
        rs_cv_nationality(cv, LINE, "basics.nationalities", json_string_value(list));
    json_array_foreach(list, i, v) {
        if (json_is_string(v))
            rs_cv_nationality(cv, LINE, "basics.nationalities", json_string_value(v));
    }
    rs_cv_nationality(cv, LINE, "basics.nationality", str(basics, "nationality"));
}

static void basics(rs_cv *cv, const json_t *b)
{
    static const char *const kept[] = {"name", "label", "summary", "location", "nationalities",
                                       "nationality", NULL};
    static const char *const location_kept[] = {"countryCode", NULL};
    rs_cv_name(cv, str(b, "name"), NULL);
    nationalities(cv, b);
    const json_t *loc = json_object_get(b, "location");
    rs_cv_residence(cv, LINE, "basics.location.countryCode", str(loc, "countryCode"));
    rs_cv_summary(cv, str(b, "label"));
    rs_cv_summary(cv, str(b, "summary"));
    not_kept(cv, b, "basics", kept);
    if (json_is_object(loc))
        not_kept(cv, loc, "basics.location", location_kept);
}

/* A date member as the record writes it, into out ("" when none or bad). */
static void date_of(rs_cv *cv, const json_t *item, const char *key, int end, const char *field,
                    char out[11])
{
    char shown[RS_CV_SHOW];
    const char *s = str(item, key);
    if (s && *s && rs_cv_date(s, end, out) != 0)
        rs_cv_warn(cv, LINE, field, "%s '%s' is no date (YYYY, YYYY-MM or YYYY-MM-DD): not kept",
                   key, rs_cv_show(shown, s));
    if (!s || rs_cv_date(s, end, out) != 0)
        out[0] = '\0';
}

/* A job's text: its summary, then each highlight on a line of its own. */
static char *job_text(const json_t *w)
{
    size_t len = 0, i;
    json_t *h;
    const char *summary = str(w, "summary");
    const json_t *highlights = json_object_get(w, "highlights");
    len += summary ? strlen(summary) + 1 : 0;
    json_array_foreach(highlights, i, h) len += json_string_length(h) + 3;
    char *text = malloc(len + 1), *p = text;
    if (!text)
        return NULL;
    if (summary)
        p += sprintf(p, "%s\n", summary);
    json_array_foreach(highlights, i, h) {
        if (json_is_string(h))
            p += sprintf(p, "- %s\n", json_string_value(h));
    }
    *p = '\0';
    return text;
}

static void work(rs_cv *cv, const json_t *list)
{
    static const char *const kept[] = {"name", "company", "position", "startDate", "endDate",
                                       "summary", "highlights", NULL};
    size_t i;
    json_t *w;
    json_array_foreach(list, i, w) {
        char field[32], prefix[32], from[11], to[11];
        snprintf(field, sizeof field, "work[%zu]", i);
        if (!json_is_object(w))
            continue;
        date_of(cv, w, "startDate", 0, field, from);
        date_of(cv, w, "endDate", 1, field, to);
        char *text = job_text(w);
        if (!text)
            cv->nomem = 1;
        const char *employer = str(w, "name") ? str(w, "name") : str(w, "company");
        rs_cv_job job = {from, to, employer, str(w, "position"), NULL, text};
        rs_cv_experience(cv, LINE, field, &job);
        snprintf(prefix, sizeof prefix, "work[%zu]", i);
        not_kept(cv, w, prefix, kept);
        free(text);
    }
}

static void education(rs_cv *cv, const json_t *list)
{
    static const char *const kept[] = {"institution", "area", "studyType", "startDate",
                                       "endDate", NULL};
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        char field[32], end[11], start[11];
        snprintf(field, sizeof field, "education[%zu]", i);
        if (!json_is_object(e))
            continue;
        date_of(cv, e, "endDate", 1, field, end);
        date_of(cv, e, "startDate", 0, field, start);
        const char *year = end[0] ? end : start;
        rs_cv_education(cv, LINE, *year ? strtol(year, NULL, 10) : 0, str(e, "studyType"),
                        str(e, "area"), str(e, "institution"));
        not_kept(cv, e, field, kept);
    }
}

/* Is `word` in the folded text, as a whole word? */
static int has_word(const char *folded, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(folded, word); p; p = strstr(p + 1, word)) {
        int before = p == folded || p[-1] == ' ' || p[-1] == '-' || p[-1] == '(';
        int after = !p[n] || p[n] == ' ' || p[n] == ',' || p[n] == ')' || p[n] == '-' ||
                    p[n] == '.';
        if (before && after)
            return 1;
    }
    return 0;
}

/* A fluency's level, only where it is unambiguous; RS_CEFR_NONE else. */
static rs_cefr fluency_level(const char *fluency)
{
    static const char *const native[] = {"native", "mother tongue", "first language",
                                         "maternelle", "materna", "nativo", "nativa"};
    char *f = fluency ? rs_text_fold(fluency, strlen(fluency)) : NULL;
    rs_cefr level = RS_CEFR_NONE;
    if (!f)
        return level;
    char code[3] = {f[0], f[1], '\0'};
    char next = f[0] && f[1] ? f[2] : 'x';
    rs_cefr cefr = rs_cefr_parse(code);
    if (cefr != RS_CEFR_NONE && cefr != RS_CEFR_NATIVE &&
        (next == '\0' || next == ' ' || next == '-' || next == '(' || next == ','))
        level = cefr;
    /* "near native" and "non-native" are not native; "native or bilingual" is. */
    int qualified = has_word(f, "near") || has_word(f, "non");
    for (size_t i = 0; level == RS_CEFR_NONE && !qualified && i < sizeof native / sizeof native[0];
         i++)
        if (has_word(f, native[i]))
            level = RS_CEFR_NATIVE;
    free(f);
    return level;
}

static void languages(rs_cv *cv, const json_t *list)
{
    size_t i;
    json_t *l;
    char shown[RS_CV_SHOW], shown_fluency[RS_CV_SHOW];
    json_array_foreach(list, i, l) {
        char field[32];
        snprintf(field, sizeof field, "languages[%zu]", i);
        const char *name = str(l, "language");
        const char *fluency = str(l, "fluency");
        rs_cefr level = fluency_level(fluency);
        if (!name)
            continue;
        if (level == RS_CEFR_NONE)
            rs_cv_warn(cv, LINE, field, "'%s': fluency '%s' names no CEFR level (write one, "
                       "e.g. \"B2\", or \"native\"): not kept", rs_cv_show(shown, name),
                       rs_cv_show(shown_fluency, fluency ? fluency : ""));
        else
            rs_cv_language(cv, LINE, field, name, level);
    }
}

void rs_json_resume(rs_cv *cv, json_t *resume)
{
    static const char *const kept[] = {"basics", "work", "education", "languages", "$schema",
                                       "meta", NULL};
    basics(cv, json_object_get(resume, "basics"));
    work(cv, json_object_get(resume, "work"));
    education(cv, json_object_get(resume, "education"));
    languages(cv, json_object_get(resume, "languages"));
    not_kept(cv, resume, "", kept);
}

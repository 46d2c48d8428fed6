/*
 * Reading terms of reference. The validation follows the expert reader's
 * habits: every problem is collected (not just the first), unknown but
 * well-formed codes are warnings, and limits keep hostile input bounded.
 * Unknown top-level keys are warnings (a ToR may carry notes), but an
 * unknown key inside `rules` is an error: a misspelt hard rule silently
 * ignored would propose teams the officer believes were excluded. For the
 * same reason a key anywhere that looks like a slip for a known one
 * ("langauges", "teamSize") is an error naming the key meant.
 */
#include "matcher/tor.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/record.h"
#include "core/taxonomy.h"
#include "core/term.h"
#include "core/text.h"
#include "matcher/jsonpos.h"
#include "matcher/worklang.h"

#define TOR_LOAD_DAYS_MAX 366 /* days in 12 months */
#define TOR_QUOTE_MAX 40      /* bytes of user text quoted in a message */

typedef struct {
    const char *file;
    long line;              /* the line the ToR text starts on */
    rs_diag *d;
    rs_json_lines *pos;     /* NULL when out of memory: every problem on `line` */
    int failed;             /* an error was reported */
} tor_ctx;

static void tor_vproblem(tor_ctx *c, rs_severity sev, const char *field, const char *fmt,
                         va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    long line = rs_json_lines_find(c->pos, field, c->line);
    rs_diag_add(c->d, sev, c->file, line, field, "%s", msg);
    if (sev == RS_ERROR)
        c->failed = 1;
}

__attribute__((format(printf, 3, 4)))
static void tor_error(tor_ctx *c, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tor_vproblem(c, RS_ERROR, field, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 3, 4)))
static void tor_warning(tor_ctx *c, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tor_vproblem(c, RS_WARNING, field, fmt, ap);
    va_end(ap);
}

/* User text quoted in a message, cut on a UTF-8 boundary. */
static const char *quote(const char *s, char buf[TOR_QUOTE_MAX + 4])
{
    size_t n = strlen(s);
    if (n <= TOR_QUOTE_MAX)
        return s;
    n = TOR_QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

/* A field name into buf; a name cut short only blurs which line is shown. */
__attribute__((format(printf, 3, 4)))
static void field_format(char *buf, size_t sz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sz, fmt, ap);
    va_end(ap);
}

static void field_name(char *buf, size_t sz, const char *key, size_t index)
{
    field_format(buf, sz, "%s[%zu]", key, index);
}

static int id_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > RS_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

static void check_keys(tor_ctx *c, json_t *obj, const char *where, const char *const *known,
                       size_t n, rs_severity sev)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        int found = 0;
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(key, known[i]) == 0;
        if (found)
            continue;
        char field[128], q[TOR_QUOTE_MAX + 4];
        snprintf(field, sizeof field, "%s%s%s", where, *where ? "." : "", quote(key, q));
        const char *near = rs_key_misspelt(key, known, n);
        const char *what = sev == RS_ERROR ? "unknown rule" : "unknown key";
        if (near)
            tor_error(c, field, "%s (did you mean '%s'?)", what, near);
        else if (sev == RS_ERROR)
            tor_error(c, field, "%s", what);
        else
            tor_warning(c, field, "%s, ignored", what);
    }
}

/* The value of an optional key; NULL when absent or null. */
static json_t *member(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

/* A string value, NFC-normalised into *out. Control characters are refused
 * (escape sequences would act on the terminal that prints the ToR), and in
 * one-line values also line breaks and bidirectional controls. Returns 0,
 * or -1 after a problem. */
static int read_string_value(tor_ctx *c, json_t *v, const char *field, size_t max,
                             rs_text_kind kind, char **out)
{
    if (!json_is_string(v)) {
        tor_error(c, field, "must be a string");
        return -1;
    }
    /* jansson has checked the UTF-8 and refused NUL characters. */
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (len > max) {
        tor_error(c, field, "too long (%zu bytes, at most %zu)", len, max);
        return -1;
    }
    char msg[160];
    if (rs_text_unsafe(s, len, kind, msg, sizeof msg)) {
        tor_error(c, field, "%s", msg);
        return -1;
    }
    char *nfc = rs_text_nfc(s, len);
    if (!nfc) {
        tor_error(c, field, "out of memory");
        return -1;
    }
    *out = nfc;
    return 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

static void read_text(tor_ctx *c, json_t *obj, const char *key, int required, char **out)
{
    json_t *v = member(obj, key);
    if (!v) {
        if (required)
            tor_error(c, key, "required");
        return;
    }
    char *s = NULL;
    /* The description is free text; action, title and institution are one line. */
    rs_text_kind kind = strcmp(key, "description") == 0 ? RS_TEXT_MULTILINE : RS_TEXT_LINE;
    if (read_string_value(c, v, key, RS_TEXT_MAX, kind, &s) < 0)
        return;
    if (blank(s)) {
        free(s);
        if (required)
            tor_error(c, key, "must not be empty");
        return;
    }
    *out = s;
}

/* An array value with at most `max` items, or NULL after a problem. */
static json_t *read_array(tor_ctx *c, json_t *v, const char *field, size_t max)
{
    if (!json_is_array(v)) {
        tor_error(c, field, "must be an array");
        return NULL;
    }
    if (json_array_size(v) > max) {
        tor_error(c, field, "too many items (%zu, at most %zu)", json_array_size(v), max);
        return NULL;
    }
    return v;
}

static int in_list(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

typedef enum { CODE_FIELD, CODE_COMPETENCE } code_kind;

static int code_known(code_kind kind, const char *s)
{
    const rs_taxonomy *t = rs_taxonomy_get();
    return kind == CODE_FIELD ? rs_taxonomy_field(t, s) != NULL
                              : rs_taxonomy_competence(t, s) != NULL;
}

/* fields / competences: valid syntax (error), known code (warning),
 * duplicates dropped with a warning. */
static void read_codes(tor_ctx *c, json_t *obj, const char *key, code_kind kind,
                       char ***out, size_t *n_out)
{
    json_t *v = member(obj, key);
    if (!v || !read_array(c, v, key, RS_TOR_CODES_MAX))
        return;
    char **codes = calloc(json_array_size(v) + 1, sizeof *codes);
    if (!codes) {
        tor_error(c, key, "out of memory");
        return;
    }
    size_t n = 0, i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char field[128], q[TOR_QUOTE_MAX + 4];
        field_name(field, sizeof field, key, i);
        if (!json_is_string(item)) {
            tor_error(c, field, "must be a string");
            continue;
        }
        const char *s = json_string_value(item);
        int valid = kind == CODE_FIELD ? rs_field_code_valid(s) : rs_competence_code_valid(s);
        if (!valid) {
            tor_error(c, field, kind == CODE_FIELD
                                    ? "'%s' is not a field code (like E, E.10 or E.10.01)"
                                    : "'%s' is not a competence code (like 2, 2.1 or X)",
                      quote(s, q));
            continue;
        }
        if (!code_known(kind, s))
            tor_warning(c, field, "unknown %s code '%s' (not in the taxonomy)",
                        kind == CODE_FIELD ? "field" : "competence", s);
        if (in_list(codes, n, s)) {
            tor_warning(c, field, "'%s' is listed twice", s);
            continue;
        }
        if (!(codes[n] = strdup(s))) {
            tor_error(c, field, "out of memory");
            continue;
        }
        n++;
    }
    *out = codes;
    *n_out = n;
}

/* One working language: {"code": "fr", "level": "C1"} or just "fr". */
static const char *const language_keys[] = {"code", "level"};

static int read_language(tor_ctx *c, json_t *item, const char *field, rs_language *out)
{
    const char *const *keys = language_keys;
    char sub[160], q[TOR_QUOTE_MAX + 4];
    json_t *code = item, *level = NULL;
    if (json_is_object(item)) {
        check_keys(c, item, field, keys, 2, RS_WARNING);
        code = member(item, "code");
        level = member(item, "level");
        field_format(sub, sizeof sub, "%s.code", field);
        if (!code) {
            tor_error(c, sub, "required");
            return -1;
        }
    } else if (json_is_string(item)) {
        field_format(sub, sizeof sub, "%s", field);
    } else {
        tor_error(c, field, "must be an object {\"code\", \"level\"} or a language code");
        return -1;
    }
    int ok = 0;
    if (!json_is_string(code)) {
        tor_error(c, sub, "must be a string");
        ok = -1;
    } else if (!rs_language_valid(json_string_value(code))) {
        tor_error(c, sub, "'%s' is not an ISO 639-1 language code (two lower-case letters)",
                  quote(json_string_value(code), q));
        ok = -1;
    } else {
        memcpy(out->code, json_string_value(code), 3);
    }
    out->level = RS_CEFR_B2;
    if (level) {
        field_format(sub, sizeof sub, "%s.level", field);
        rs_cefr l = json_is_string(level) ? rs_cefr_parse(json_string_value(level))
                                          : RS_CEFR_NONE;
        if (l == RS_CEFR_NONE) {
            tor_error(c, sub, "must be a CEFR level A1, A2, B1, B2, C1, C2 or native");
            ok = -1;
        }
        out->level = l;
    }
    return ok;
}

static void read_languages(tor_ctx *c, json_t *obj, rs_tor *t)
{
    json_t *v = member(obj, "languages");
    if (!v || !read_array(c, v, "languages", RS_TOR_LANGUAGES_MAX))
        return;
    t->languages = calloc(json_array_size(v) + 1, sizeof *t->languages);
    if (!t->languages) {
        tor_error(c, "languages", "out of memory");
        return;
    }
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char field[128];
        field_name(field, sizeof field, "languages", i);
        rs_language l;
        if (read_language(c, item, field, &l) < 0)
            continue;
        int twice = 0;
        for (size_t k = 0; k < t->n_languages && !twice; k++)
            twice = strcmp(t->languages[k].code, l.code) == 0;
        if (twice) {
            tor_error(c, field, "language '%s' is listed twice", l.code);
            continue;
        }
        t->languages[t->n_languages++] = l;
    }
}

/* A country as a code (any case; EL and UK as EU documents write them) or a
 * name in English, French, Spanish or Portuguese, kept as its ISO code. */
static void read_country(tor_ctx *c, json_t *v, const char *field, char out[3])
{
    char q[TOR_QUOTE_MAX + 4], which[160];
    if (!json_is_string(v)) {
        tor_error(c, field, "must be a string");
        return;
    }
    const char *s = json_string_value(v);
    if (rs_country_resolve(s, out) == 0)
        return;
    const char *near = rs_country_suggest(s);
    if (rs_country_ambiguous(s, which, sizeof which))
        tor_error(c, field, "'%s' names more than one country: %s; give the code",
                  quote(s, q), which);
    else if (near)
        tor_error(c, field,
                  "'%s' is not an ISO 3166-1 alpha-2 code or a country name (did you mean "
                  "'%s', %s?)", quote(s, q), near, rs_country_name(near));
    else
        tor_error(c, field, "'%s' is not an ISO 3166-1 alpha-2 code or a country name",
                  quote(s, q));
}

static void read_assistance_type(tor_ctx *c, json_t *obj, rs_tor *t)
{
    json_t *v = member(obj, "assistance_type");
    char q[TOR_QUOTE_MAX + 4];
    if (!v)
        return;
    if (!json_is_string(v)) {
        tor_error(c, "assistance_type", "must be a string");
        return;
    }
    const char *s = json_string_value(v);
    /* Assistance types share the syntax of field codes (A.01, B.02.01). */
    if (!rs_field_code_valid(s) || rs_code_depth(s) < 2) {
        tor_error(c, "assistance_type", "'%s' is not an assistance type code (like A.01)",
                  quote(s, q));
        return;
    }
    if (!rs_taxonomy_assistance(rs_taxonomy_get(), s))
        tor_warning(c, "assistance_type", "unknown assistance type '%s' (not in the taxonomy)",
                    s);
    if (!(t->assistance_type = strdup(s)))
        tor_error(c, "assistance_type", "out of memory");
}

/* An integer in [min, max]; *out is left alone when absent. */
static void read_int(tor_ctx *c, json_t *obj, const char *key, const char *field, int min,
                     int max, int *out)
{
    json_t *v = member(obj, key);
    if (!v)
        return;
    if (!json_is_integer(v)) {
        tor_error(c, field, "must be an integer");
        return;
    }
    json_int_t n = json_integer_value(v);
    if (n < min || n > max) {
        tor_error(c, field, "must be between %d and %d, not %lld", min, max, (long long)n);
        return;
    }
    *out = (int)n;
}

static void read_bool(tor_ctx *c, json_t *obj, const char *key, const char *field, int *out)
{
    json_t *v = member(obj, key);
    if (!v)
        return;
    if (!json_is_boolean(v)) {
        tor_error(c, field, "must be true or false");
        return;
    }
    *out = json_is_true(v);
}

static int read_date(tor_ctx *c, json_t *v, const char *field, int end_of_month,
                     int32_t *out)
{
    char q[TOR_QUOTE_MAX + 4];
    if (!json_is_string(v)) {
        tor_error(c, field, "must be a date string (" RS_DATE_EXPECTED ")");
        return -1;
    }
    if (rs_date_parse(json_string_value(v), end_of_month, out) < 0) {
        tor_error(c, field, "'%s' is not a date (" RS_DATE_EXPECTED ")",
                  quote(json_string_value(v), q));
        return -1;
    }
    return 0;
}

static void read_window(tor_ctx *c, json_t *obj, rs_tor *t)
{
    json_t *from = member(obj, "from"), *to = member(obj, "to");
    if (!from && !to)
        return;
    if (!from || !to) {
        tor_error(c, from ? "to" : "from", "required with '%s': the window needs both ends",
                  from ? "from" : "to");
        return;
    }
    int32_t f, e;
    if (read_date(c, from, "from", 0, &f) < 0 || read_date(c, to, "to", 1, &e) < 0)
        return;
    if (e < f) {
        tor_error(c, "to", "ends before 'from'");
        return;
    }
    t->has_window = 1;
    t->from = f;
    t->to = e;
}

/* rules.exclude / rules.require: expert ids, duplicates dropped. */
static void read_ids(tor_ctx *c, json_t *rules, const char *key, char ***out, size_t *n_out)
{
    char field[128], q[TOR_QUOTE_MAX + 4];
    snprintf(field, sizeof field, "rules.%s", key);
    json_t *v = member(rules, key);
    if (!v || !read_array(c, v, field, RS_ARRAY_MAX))
        return;
    char **ids = calloc(json_array_size(v) + 1, sizeof *ids);
    if (!ids) {
        tor_error(c, field, "out of memory");
        return;
    }
    size_t n = 0, i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char f[128];
        field_name(f, sizeof f, field, i);
        if (!json_is_string(item) || !id_valid(json_string_value(item))) {
            tor_error(c, f, "'%s' is not an expert id (1-64 of A-Z a-z 0-9 . _ -)",
                      json_is_string(item) ? quote(json_string_value(item), q) : "?");
            continue;
        }
        const char *s = json_string_value(item);
        if (in_list(ids, n, s)) {
            tor_warning(c, f, "'%s' is listed twice", s);
            continue;
        }
        if (!(ids[n] = strdup(s))) {
            tor_error(c, f, "out of memory");
            continue;
        }
        n++;
    }
    *out = ids;
    *n_out = n;
}

static void read_exclude_nationalities(tor_ctx *c, json_t *rules, rs_rules *r)
{
    const char *field = "rules.exclude_nationalities";
    json_t *v = member(rules, "exclude_nationalities");
    if (!v || !read_array(c, v, field, RS_ARRAY_MAX))
        return;
    r->exclude_nationalities = calloc(json_array_size(v) + 1, 3);
    if (!r->exclude_nationalities) {
        tor_error(c, field, "out of memory");
        return;
    }
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char f[128], code[3] = "";
        field_name(f, sizeof f, field, i);
        read_country(c, item, f, code);
        if (!code[0])
            continue;
        int twice = 0;
        for (size_t k = 0; k < r->n_exclude_nationalities && !twice; k++)
            twice = strcmp(r->exclude_nationalities[k], code) == 0;
        if (twice)
            tor_warning(c, f, "'%s' is listed twice", code);
        else
            memcpy(r->exclude_nationalities[r->n_exclude_nationalities++], code, 3);
    }
}

static void rules_defaults(rs_rules *r)
{
    r->min_nationalities = 0; /* set from team_size once both are read */
    r->max_same_nationality = 1;
    r->languages_covered = 1;
    r->available = 1;
    r->prefer_public = 1;
    r->gender_balance = 1;
    r->triangular = 0;
    r->portfolio_balance = 1;
    r->max_load_days = -1;
    r->min_eu_members = 1;
}

static const char *const rule_keys[] = {
    "min_nationalities", "max_same_nationality", "languages_covered", "available",
    "exclude", "require", "exclude_nationalities", "prefer_public", "gender_balance",
    "triangular", "portfolio_balance", "max_load_days", "min_eu_members"};

static void read_rules(tor_ctx *c, json_t *obj, rs_tor *t)
{
    rs_rules *r = &t->rules;
    rules_defaults(r);
    json_t *rules = member(obj, "rules");
    if (!rules)
        return;
    if (!json_is_object(rules)) {
        tor_error(c, "rules", "must be an object");
        return;
    }
    check_keys(c, rules, "rules", rule_keys, sizeof rule_keys / sizeof *rule_keys, RS_ERROR);
    read_int(c, rules, "min_nationalities", "rules.min_nationalities", 1, RS_TEAM_MAX,
             &r->min_nationalities);
    read_int(c, rules, "max_same_nationality", "rules.max_same_nationality", 1, RS_TEAM_MAX,
             &r->max_same_nationality);
    read_bool(c, rules, "languages_covered", "rules.languages_covered", &r->languages_covered);
    read_bool(c, rules, "available", "rules.available", &r->available);
    read_ids(c, rules, "exclude", &r->exclude, &r->n_exclude);
    read_ids(c, rules, "require", &r->require, &r->n_require);
    read_exclude_nationalities(c, rules, r);
    read_bool(c, rules, "prefer_public", "rules.prefer_public", &r->prefer_public);
    read_bool(c, rules, "gender_balance", "rules.gender_balance", &r->gender_balance);
    read_bool(c, rules, "triangular", "rules.triangular", &r->triangular);
    read_bool(c, rules, "portfolio_balance", "rules.portfolio_balance", &r->portfolio_balance);
    read_int(c, rules, "min_eu_members", "rules.min_eu_members", 0, RS_TEAM_MAX,
             &r->min_eu_members);
    json_t *load = json_object_get(rules, "max_load_days");
    if (load && json_is_null(load))
        r->max_load_days = -1; /* null says "no limit" explicitly */
    else
        read_int(c, rules, "max_load_days", "rules.max_load_days", 0, TOR_LOAD_DAYS_MAX,
                 &r->max_load_days);
}

/* Rules that depend on team_size or on each other. */
static void check_rules(tor_ctx *c, rs_tor *t)
{
    rs_rules *r = &t->rules;
    if (r->min_nationalities == 0)
        r->min_nationalities = t->team_size >= 2 ? 2 : 1;
    else if (r->min_nationalities > t->team_size)
        tor_error(c, "rules.min_nationalities", "%d is more than team_size (%d)",
                  r->min_nationalities, t->team_size);
    if (r->min_eu_members > t->team_size)
        tor_error(c, "rules.min_eu_members", "%d is more than team_size (%d)",
                  r->min_eu_members, t->team_size);
    if (r->n_require > (size_t)t->team_size)
        tor_error(c, "rules.require", "%zu experts required but team_size is %d",
                  r->n_require, t->team_size);
    for (size_t i = 0; i < r->n_require; i++)
        if (in_list(r->exclude, r->n_exclude, r->require[i])) {
            char f[128];
            field_name(f, sizeof f, "rules.require", i);
            tor_error(c, f, "'%s' is also in rules.exclude", r->require[i]);
        }
}

/* A list given replaces the default (formats.md), so naming one other
 * nationality lets the partner country's own nationals in: say so, unless
 * the list is empty (the documented way to allow them). */
static void warn_partner_allowed(tor_ctx *c, const rs_tor *t)
{
    const rs_rules *r = &t->rules;
    if (r->n_exclude_nationalities == 0)
        return;
    for (size_t i = 0; i < r->n_exclude_nationalities; i++)
        if (strcmp(r->exclude_nationalities[i], t->country) == 0)
            return;
    tor_warning(c, "rules.exclude_nationalities",
                "%s (the partner country) is not in the list, so its nationals may be "
                "proposed; add \"%s\" to keep them out", t->country, t->country);
}

/* Without rules.exclude_nationalities, the partner country's own nationals
 * are excluded: they are the beneficiary, not the expertise. */
static void default_exclude_nationalities(tor_ctx *c, json_t *obj, rs_tor *t)
{
    json_t *rules = member(obj, "rules");
    if (!t->country[0])
        return;
    if (json_is_object(rules) && member(rules, "exclude_nationalities")) {
        warn_partner_allowed(c, t);
        return;
    }
    rs_rules *r = &t->rules;
    if (!(r->exclude_nationalities = calloc(1, sizeof *r->exclude_nationalities))) {
        tor_error(c, "rules.exclude_nationalities", "out of memory");
        return;
    }
    memcpy(r->exclude_nationalities[0], t->country, 3);
    r->n_exclude_nationalities = 1;
}

static const char *const tor_keys[] = {
    "action", "title", "country", "partner_institution", "assistance_type", "fields",
    "competences", "languages", "team_size", "from", "to", "description", "rules",
    RS_TOR_DRAFT_NOTES};

static const char *const draft_notes[] = {RS_TOR_DRAFT_NOTES};

/* Delete from obj the keys not among known[0..n). */
static void drop_keys(json_t *obj, const char *const *known, size_t n)
{
    const char *key;
    json_t *value;
    void *next;
    json_object_foreach_safe(obj, next, key, value) {
        int found = 0;
        for (size_t i = 0; i < n && !found; i++) found = strcmp(key, known[i]) == 0;
        if (!found) json_object_del(obj, key);
    }
}

void rs_tor_drop_unknown(json_t *obj)
{
    /* The draft's notes come last in tor_keys: read, never kept. */
    drop_keys(obj, tor_keys, sizeof tor_keys / sizeof *tor_keys -
                                 sizeof draft_notes / sizeof *draft_notes);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(obj, "languages"), i, item)
        if (json_is_object(item)) drop_keys(item, language_keys, 2);
}

static void read_tor(tor_ctx *c, json_t *obj, rs_tor *t)
{
    check_keys(c, obj, "", tor_keys, sizeof tor_keys / sizeof *tor_keys, RS_WARNING);
    read_text(c, obj, "action", 1, &t->action);
    read_text(c, obj, "title", 1, &t->title);
    json_t *country = member(obj, "country");
    if (!country)
        tor_error(c, "country", "required");
    else
        read_country(c, country, "country", t->country);
    read_text(c, obj, "partner_institution", 0, &t->partner_institution);
    read_assistance_type(c, obj, t);
    read_codes(c, obj, "fields", CODE_FIELD, &t->fields, &t->n_fields);
    read_codes(c, obj, "competences", CODE_COMPETENCE, &t->competences, &t->n_competences);
    read_languages(c, obj, t);
    t->team_size = 2;
    read_int(c, obj, "team_size", "team_size", 1, RS_TEAM_MAX, &t->team_size);
    read_window(c, obj, t);
    read_text(c, obj, "description", 0, &t->description);
    read_rules(c, obj, t);
    default_exclude_nationalities(c, obj, t);
    check_rules(c, t);
    if (!c->failed && rs_tor_infer_languages(t, member(obj, "languages") != NULL) < 0)
        tor_error(c, "languages", "out of memory");
}

int rs_tor_from_json_text(const char *text, size_t len, const char *file, long line,
                          rs_tor *out, rs_diag *d)
{
    memset(out, 0, sizeof *out);
    tor_ctx c = {.file = file, .line = line, .d = d};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3; /* a UTF-8 byte order mark, as editors on Windows write */
        len -= 3;
    }
    json_error_t err;
    json_t *obj = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!obj) {
        long at = err.line > 0 ? line + err.line - 1 : line;
        rs_diag_add(d, RS_ERROR, file, at, "", "not valid JSON: %s", rs_json_problem(&err));
        return -1;
    }
    if (!json_is_object(obj)) {
        rs_diag_add(d, RS_ERROR, file, line, "", "a ToR must be a JSON object");
        json_decref(obj);
        return -1;
    }
    c.pos = rs_json_lines_new(text, len, line);
    out->line = line;
    read_tor(&c, obj, out);
    rs_json_lines_free(c.pos);
    json_decref(obj);
    if (c.failed) {
        rs_tor_free(out);
        return -1;
    }
    return 0;
}

/* The whole file, at most RS_LINE_MAX bytes; NULL after a problem. */
static char *slurp(FILE *f, const char *name, size_t *len, rs_diag *d)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf && n <= RS_LINE_MAX) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (!buf) {
        rs_diag_add(d, RS_ERROR, name, 0, "", "out of memory reading the file");
        return NULL;
    }
    if (ferror(f))
        rs_diag_add(d, RS_ERROR, name, 0, "", "read error");
    else if (n > RS_LINE_MAX)
        rs_diag_add(d, RS_ERROR, name, 0, "", "file too large for a ToR (over %u bytes)",
                    RS_LINE_MAX);
    else {
        *len = n;
        return buf;
    }
    free(buf);
    return NULL;
}

int rs_tor_read_file(FILE *f, const char *name, rs_tor *out, rs_diag *d)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = slurp(f, name, &len, d);
    if (!text)
        return -1;
    int rc = rs_tor_from_json_text(text, len, name, 1, out, d);
    free(text);
    return rc;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void rs_tor_free(rs_tor *t)
{
    if (!t)
        return;
    free(t->action);
    free(t->title);
    free(t->partner_institution);
    free(t->assistance_type);
    free_strings(t->fields, t->n_fields);
    free_strings(t->competences, t->n_competences);
    free(t->languages);
    free(t->description);
    free_strings(t->rules.exclude, t->rules.n_exclude);
    free_strings(t->rules.require, t->rules.n_require);
    free(t->rules.exclude_nationalities);
    for (size_t i = 0; i < t->n_own; i++)
        free(t->own[i].expert_id);
    free(t->own);
    memset(t, 0, sizeof *t);
}

int rs_tor_add_own(rs_tor *t, const char *expert_id, const char *country, rs_period when,
                   int days)
{
    rs_own_mission *own = realloc(t->own, (t->n_own + 1) * sizeof *own);
    if (!own)
        return -1;
    t->own = own;
    rs_own_mission *m = &own[t->n_own];
    memset(m, 0, sizeof *m);
    if (!(m->expert_id = strdup(expert_id)))
        return -1;
    strncpy(m->country, country, 2);
    m->when = when;
    m->days = days;
    t->n_own++;
    return 0;
}

int32_t rs_tor_reference_day(const rs_tor *t, int32_t today)
{
    return t->has_window ? t->from : today;
}

/* ---- JSON Lines batch ---- */

struct rs_tor_reader {
    FILE *f;
    char *name;
    char *buf;
    size_t cap;
    long line;
    int done;
    int told_pretty; /* said once that a ToR takes one line */
};

/* The line opens a JSON object and holds nothing else: a ToR written over
 * several lines, as an editor pretty-prints it. */
static int opens_object_alone(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    if (*s++ != '{') return 0;
    return blank(s);
}

rs_tor_reader *rs_tor_reader_new(FILE *f, const char *name)
{
    rs_tor_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (!(r->name = strdup(name ? name : "-"))) {
        free(r);
        return NULL;
    }
    r->f = f;
    return r;
}

void rs_tor_reader_free(rs_tor_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->name);
    free(r);
}

int rs_tor_reader_next(rs_tor_reader *r, rs_tor *out, rs_diag *d)
{
    memset(out, 0, sizeof *out);
    while (!r->done) {
        ssize_t n = getline(&r->buf, &r->cap, r->f);
        if (n < 0) {
            if (ferror(r->f))
                rs_diag_add(d, RS_ERROR, r->name, r->line + 1, "", "read error");
            r->done = 1;
            break;
        }
        r->line++;
        if ((size_t)n > RS_LINE_MAX) {
            rs_diag_add(d, RS_ERROR, r->name, r->line, "", "line too long (over %u bytes)",
                        RS_LINE_MAX);
            return -1;
        }
        if (blank(r->buf) && strlen(r->buf) == (size_t)n)
            continue;
        /* Without its line end, so that JSON ending early is placed on this line. */
        while (n > 0 && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r')) r->buf[--n] = 0;
        if (rs_tor_from_json_text(r->buf, (size_t)n, r->name, r->line, out, d) == 0) return 1;
        if (!r->told_pretty && opens_object_alone(r->buf)) {
            r->told_pretty = 1;
            rs_diag_add(d, RS_ERROR, r->name, r->line, "",
                        "each line must hold a whole ToR (JSON Lines), and this one spreads a "
                        "ToR over lines: match a single ToR's file without --batch, or write "
                        "each ToR on one line");
        }
        return -1;
    }
    return 0;
}

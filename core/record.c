/*
 * Reading expert records from JSON Lines and CSV.
 *
 * Both formats become one JSON object per record, and one validator turns
 * that object into an rs_expert. The validator reports every problem of a
 * record, not only the first, each with the path of the offending member
 * ("languages[1].level"), so a user fixes a file in one pass.
 *
 * Input is read through a fixed buffer and lines are capped at RS_LINE_MAX:
 * an overlong line is skipped without being stored, so a hostile file cannot
 * make the reader allocate without bound.
 *
 * CSV conventions (RFC 4180 plus what spreadsheets produce): optional UTF-8
 * byte order mark; LF or CRLF; cells separated by ',' or, when the header
 * row says so, by ';' (see set_delimiter); quoted cells may hold the
 * delimiter, "" and line breaks (stored as LF); cells are trimmed of spaces
 * and tabs; an empty cell is an absent value; rows whose cells are all empty
 * are skipped. Column names are the JSONL keys (matched case-insensitively);
 * multi-valued cells are separated by ';' (by '|' in a semicolon file),
 * languages are written "fr:C2", unavailability
 * "2027-01-01..2027-01-15" (a single date or month stands for itself), and
 * countries may be given by name (English, French, Spanish or Portuguese).
 * experience, education and missions have no CSV form: they are JSONL only.
 *
 * A record read elsewhere, from a CV (intake/cv.h), comes in as an object
 * (rs_reader_new_object) and is validated as a JSON Lines record is.
 */
#include "core/record.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/taxonomy.h"
#include "core/term.h"
#include "core/text.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define MISSION_DAYS_MAX 366

/* ---- Showing user values in messages -------------------------------- */

/* Values are cut to SHOW_BYTES (on a character boundary) and ASCII control
 * characters replaced, so one message stays one short line (the printer of
 * problems escapes whatever else is not printable). */
#define SHOW_BYTES 60
#define SHOW_BUF (SHOW_BYTES + 4)

static const char *show(char buf[SHOW_BUF], const char *s)
{
    size_t n = 0;
    for (; s[n] && n < SHOW_BYTES; n++) {
        unsigned char c = (unsigned char)s[n];
        buf[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (!s[n]) {
        buf[n] = '\0';
        return buf;
    }
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues a character: drop that character */
    memcpy(buf + n, "...", 4);
    return buf;
}

/* ---- Checking one record -------------------------------------------- */

typedef struct {
    rs_diag *d;
    const char *file;
    long line;
    int csv;              /* country names accepted (and replaced by codes) */
    size_t errors_before; /* d->n_errors when the record started */
    int out_of_memory;    /* reported once per record */
} rs_check;

static void check_init(rs_check *ck, rs_diag *d, const char *file, long line, int csv)
{
    ck->d = d;
    ck->file = file;
    ck->line = line;
    ck->csv = csv;
    ck->errors_before = d->n_errors;
    ck->out_of_memory = 0;
}

static int check_failed(const rs_check *ck)
{
    return ck->d->n_errors > ck->errors_before;
}

static void report(rs_check *ck, rs_severity sev, const char *field, const char *fmt, va_list ap)
{
    char msg[320];
    vsnprintf(msg, sizeof msg, fmt, ap);
    rs_diag_add(ck->d, sev, ck->file, ck->line, field, "%s", msg);
}

static void fail(rs_check *ck, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(rs_check *ck, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(ck, RS_ERROR, field, fmt, ap);
    va_end(ap);
}

static void warn(rs_check *ck, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(rs_check *ck, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(ck, RS_WARNING, field, fmt, ap);
    va_end(ap);
}

static void no_memory(rs_check *ck)
{
    if (!ck->out_of_memory)
        fail(ck, "", "out of memory");
    ck->out_of_memory = 1;
}

static char *copy(rs_check *ck, const char *s, size_t n)
{
    char *c = strndup(s, n);
    if (!c)
        no_memory(ck);
    return c;
}

static void *alloc_items(rs_check *ck, size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        no_memory(ck);
    return p;
}

/* Member paths: "name", "languages[1]", "languages[1].level". An item path
 * (the base of a member path) is at most a key, brackets and 20 digits. */
#define ITEM_PATH_MAX 48
#define MEMBER_PATH_MAX 96

static const char *join(char buf[MEMBER_PATH_MAX], const char *base, const char *key)
{
    snprintf(buf, MEMBER_PATH_MAX, "%s%s%s", base, *base ? "." : "", key);
    return buf;
}

static const char *item_path(char buf[ITEM_PATH_MAX], const char *array, size_t i)
{
    snprintf(buf, ITEM_PATH_MAX, "%s[%zu]", array, i);
    return buf;
}

/* null is the same as absent: exports from other tools write it. */
static json_t *member(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_null(v) ? NULL : v;
}

/* A string member of at most RS_TEXT_MAX bytes. 1 present, 0 absent, -1 bad. */
static int text_member(rs_check *ck, json_t *obj, const char *base, const char *key,
                       const char **s, size_t *len)
{
    char path[MEMBER_PATH_MAX];
    json_t *v = member(obj, key);
    if (!v)
        return 0;
    if (!json_is_string(v)) {
        fail(ck, join(path, base, key), "must be a string");
        return -1;
    }
    *len = json_string_length(v);
    if (*len > RS_TEXT_MAX) {
        fail(ck, join(path, base, key), "longer than %u bytes", RS_TEXT_MAX);
        return -1;
    }
    *s = json_string_value(v);
    return 1;
}

/* Text that will be printed: control characters (escape sequences) are
 * refused, and in one-line fields also tabs, line breaks and bidirectional
 * controls. 0 ok, -1 reported. */
static int text_safe(rs_check *ck, const char *path, const char *s, size_t n, rs_text_kind kind)
{
    char msg[160];
    if (!rs_text_unsafe(s, n, kind, msg, sizeof msg))
        return 0;
    fail(ck, path, "%s", msg);
    return -1;
}

/* An optional free-text member; an empty string counts as absent. The CV
 * summary and an experience's text are paragraphs; every other text member
 * (employer, role, degree, ...) is one line. */
static void copy_text(rs_check *ck, json_t *obj, const char *base, const char *key, char **dst)
{
    char path[MEMBER_PATH_MAX];
    const char *s;
    size_t n;
    rs_text_kind kind = strcmp(key, "summary") == 0 || strcmp(key, "text") == 0
                            ? RS_TEXT_MULTILINE : RS_TEXT_LINE;
    if (text_member(ck, obj, base, key, &s, &n) == 1 && n > 0 &&
        text_safe(ck, join(path, base, key), s, n, kind) == 0)
        *dst = copy(ck, s, n);
}

/* An array member of at most RS_ARRAY_MAX items. 1 present, 0 absent, -1 bad. */
static int array_member(rs_check *ck, json_t *obj, const char *key, json_t **arr)
{
    *arr = member(obj, key);
    if (!*arr)
        return 0;
    if (!json_is_array(*arr)) {
        fail(ck, key, "must be an array");
        return -1;
    }
    if (json_array_size(*arr) > RS_ARRAY_MAX) {
        fail(ck, key, "more than %d items", RS_ARRAY_MAX);
        return -1;
    }
    return 1;
}

/* A date member; "YYYY-MM" means the month's last day when end_of_month. */
static int date_member(rs_check *ck, json_t *obj, const char *base, const char *key,
                       int end_of_month, int32_t *out)
{
    char path[MEMBER_PATH_MAX], shown[SHOW_BUF];
    const char *s;
    size_t n;
    int st = text_member(ck, obj, base, key, &s, &n);
    if (st <= 0)
        return st;
    if (rs_date_parse(s, end_of_month, out) != 0) {
        fail(ck, join(path, base, key), "bad date '%s' (" RS_DATE_EXPECTED ")", show(shown, s));
        return -1;
    }
    return 1;
}

/* An integer member within [lo, hi]. 1 present, 0 absent, -1 bad. */
static int int_member(rs_check *ck, json_t *obj, const char *base, const char *key,
                      long lo, long hi, const char *what, int *out)
{
    char path[MEMBER_PATH_MAX];
    json_t *v = member(obj, key);
    if (!v)
        return 0;
    json_int_t i = json_is_integer(v) ? json_integer_value(v) : lo - 1;
    if (i < lo || i > hi) {
        fail(ck, join(path, base, key), "must be %s from %ld to %ld", what, lo, hi);
        return -1;
    }
    *out = (int)i;
    return 1;
}

/* ---- Keys ----------------------------------------------------------- */

/* The keys of a record and of its nested objects. Unknown keys are kept,
 * but one that looks like a slip for a known key ("langauges") is an
 * error: read as unknown, the expert would silently have no languages. */
static const char *const record_keys[] = {
    "id", "name", "gender", "nationalities", "residence", "status", "employer", "languages",
    "fields", "competences", "summary", "cv_lang", "experience", "education", "missions",
    "unavailable", "registered"};
static const char *const language_keys[] = {"code", "level"};
static const char *const experience_keys[] = {"from", "to", "employer", "role", "country",
                                              "text"};
static const char *const education_keys[] = {"year", "degree", "field", "institution"};
static const char *const mission_keys[] = {"action", "country", "from", "to", "days", "role"};
static const char *const period_keys[] = {"from", "to"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void check_keys(rs_check *ck, json_t *obj, const char *base, const char *const *known,
                       size_t n)
{
    char path[MEMBER_PATH_MAX], shown[SHOW_BUF];
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        const char *near = rs_key_misspelt(key, known, n);
        if (near)
            fail(ck, join(path, base, show(shown, key)), "unknown key (did you mean '%s'?)",
                 near);
    }
}

/* ---- Codes ---------------------------------------------------------- */

static void upper2(const char *s, char out[3])
{
    out[0] = (char)toupper((unsigned char)s[0]);
    out[1] = (char)toupper((unsigned char)s[1]);
    out[2] = '\0';
}

/* Why a CSV cell names no country: unknown, misspelt or ambiguous. */
static void unknown_country(rs_check *ck, const char *path, const char *s)
{
    char shown[SHOW_BUF], which[160];
    const char *near = rs_country_suggest(s);
    const char *near_name = near ? rs_country_name(near) : NULL;
    if (rs_country_ambiguous(s, which, sizeof which))
        fail(ck, path, "'%s' names more than one country: %s; give the code", show(shown, s),
             which);
    else if (near_name)
        fail(ck, path, "unknown country '%s' (did you mean '%s'?)", show(shown, s), near_name);
    else
        fail(ck, path, "unknown country '%s'", show(shown, s));
}

/* A country given as an ISO code (or EL, UK as EU documents write them); in
 * CSV also as a name in English, French, Spanish or Portuguese. Whatever was
 * given is replaced by its ISO code in the record. 0 ok, -1 reported. */
static int country_value(rs_check *ck, json_t *v, const char *path, char out[3])
{
    char shown[SHOW_BUF], fixed[3];
    if (!json_is_string(v)) {
        fail(ck, path, "must be a string");
        return -1;
    }
    const char *s = json_string_value(v);
    if (rs_country_code(s, out) == 0 || (ck->csv && rs_country_resolve(s, out) == 0)) {
        if (strcmp(s, out) != 0 && json_string_set(v, out) != 0)
            no_memory(ck);
        return 0;
    }
    if (ck->csv) {
        unknown_country(ck, path, s);
        return -1;
    }
    if (strlen(s) == 2) {
        upper2(s, fixed);
        if (rs_country_code(fixed, out) == 0) {
            fail(ck, path, "unknown country code '%s' (codes are upper case: '%s')", s, fixed);
            return -1;
        }
    }
    /* JSON Lines takes codes only (the spec's ISO 3166-1): say which. */
    if (rs_country_resolve(s, fixed) == 0)
        fail(ck, path, "'%s' is a country name; JSON Lines takes its code '%s'", show(shown, s),
             fixed);
    else
        fail(ck, path, "unknown country code '%s'", show(shown, s));
    return -1;
}

static int language_value(rs_check *ck, const char *s, const char *path, char out[3])
{
    char shown[SHOW_BUF];
    if (rs_language_valid(s)) {
        memcpy(out, s, 3);
        return 0;
    }
    if (strlen(s) == 2) {
        char lower[3] = {(char)tolower((unsigned char)s[0]), (char)tolower((unsigned char)s[1]), '\0'};
        if (rs_language_valid(lower)) {
            fail(ck, path, "unknown language code '%s' (codes are lower case: '%s')", s, lower);
            return -1;
        }
    }
    fail(ck, path, "unknown language code '%s'", show(shown, s));
    return -1;
}

/* ---- The members of an expert record -------------------------------- */

/* Ids seen in one file, with the line of their first occurrence:
 * open addressing, kept at most half full. */
typedef struct {
    char *id;
    long line;
} rs_id_slot;

typedef struct {
    rs_id_slot *slots;
    size_t n, cap;
} rs_idset;

static rs_id_slot *idset_slot(rs_id_slot *slots, size_t cap, const char *id)
{
    size_t i = (size_t)rs_id_hash(id) & (cap - 1);
    while (slots[i].id && strcmp(slots[i].id, id) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int idset_grow(rs_idset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    rs_id_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].id)
            *idset_slot(slots, cap, set->slots[i].id) = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

/* Record id at line. Returns the line of an earlier occurrence, 0 when new,
 * -1 when out of memory. */
static long idset_add(rs_idset *set, const char *id, long line)
{
    if (2 * (set->n + 1) > set->cap && idset_grow(set) != 0)
        return -1;
    rs_id_slot *slot = idset_slot(set->slots, set->cap, id);
    if (slot->id)
        return slot->line;
    if (!(slot->id = strdup(id)))
        return -1;
    slot->line = line;
    set->n++;
    return 0;
}

static void idset_free(rs_idset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i].id);
    free(set->slots);
}

static void check_id(rs_check *ck, json_t *obj, rs_idset *ids, rs_expert *out)
{
    char shown[SHOW_BUF];
    const char *s;
    size_t n;
    int st = text_member(ck, obj, "", "id", &s, &n);
    if (st == 0)
        fail(ck, "id", "required");
    if (st != 1)
        return;
    if (!rs_id_syntax_ok(s, n)) {
        fail(ck, "id", "must be 1-%d characters of A-Z a-z 0-9 . _ -", RS_ID_MAX);
        return;
    }
    long first = ids ? idset_add(ids, s, ck->line) : 0;
    if (first > 0)
        fail(ck, "id", "duplicate id '%s' (first at line %ld)", show(shown, s), first);
    else if (first < 0)
        no_memory(ck);
    out->id = copy(ck, s, n);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Names are trimmed; inside, control characters (a tab, a line break) and
 * bidirectional controls are refused: a name is printed on one line
 * everywhere, and must read as what it is. */
static void check_name(rs_check *ck, json_t *obj, rs_expert *out)
{
    const char *s;
    size_t n;
    int st = text_member(ck, obj, "", "name", &s, &n);
    if (st == 0)
        fail(ck, "name", "required");
    if (st != 1)
        return;
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (n == 0) {
        fail(ck, "name", "must not be empty");
        return;
    }
    if (text_safe(ck, "name", s, n, RS_TEXT_LINE) == 0)
        out->name = copy(ck, s, n);
}

static void check_gender(rs_check *ck, json_t *obj, rs_expert *out)
{
    char shown[SHOW_BUF];
    const char *s;
    size_t n;
    if (text_member(ck, obj, "", "gender", &s, &n) != 1)
        return;
    if (n == 1 && strchr("FMX", s[0]))
        out->gender = s[0];
    else
        fail(ck, "gender", "must be F, M or X, not '%s'", show(shown, s));
}

static void check_nationalities(rs_check *ck, json_t *obj, rs_expert *out)
{
    char path[ITEM_PATH_MAX];
    json_t *arr;
    int st = array_member(ck, obj, "nationalities", &arr);
    if (st == 0)
        fail(ck, "nationalities", "required");
    if (st != 1)
        return;
    size_t n = json_array_size(arr);
    if (n == 0) {
        fail(ck, "nationalities", "at least one required");
        return;
    }
    if (!(out->nationalities = alloc_items(ck, n, sizeof *out->nationalities)))
        return;
    for (size_t i = 0; i < n; i++) {
        char code[3];
        item_path(path, "nationalities", i);
        if (country_value(ck, json_array_get(arr, i), path, code) != 0)
            continue;
        size_t j = 0;
        while (j < out->n_nationalities && strcmp(out->nationalities[j], code) != 0)
            j++;
        if (j < out->n_nationalities)
            fail(ck, path, "duplicate nationality '%s'", code);
        else
            memcpy(out->nationalities[out->n_nationalities++], code, 3);
    }
}

static void check_residence(rs_check *ck, json_t *obj, rs_expert *out)
{
    json_t *v = member(obj, "residence");
    if (v)
        country_value(ck, v, "residence", out->residence);
}

static void check_status(rs_check *ck, json_t *obj, rs_expert *out)
{
    char shown[SHOW_BUF];
    const char *s;
    size_t n;
    if (text_member(ck, obj, "", "status", &s, &n) != 1)
        return;
    out->status = rs_sector_parse(s);
    if (out->status == RS_SECTOR_NONE)
        fail(ck, "status",
             "unknown status '%s' (public, retired_public, mandated_body, social_partner, "
             "academic, private or international_org)",
             show(shown, s));
}

static void check_language_item(rs_check *ck, json_t *item, const char *base, rs_expert *out)
{
    char path[MEMBER_PATH_MAX], shown[SHOW_BUF];
    rs_language lang = {{0}, RS_CEFR_NONE};
    const char *s;
    size_t n;
    int code_ok = 0;
    check_keys(ck, item, base, language_keys, COUNT(language_keys));
    int st = text_member(ck, item, base, "code", &s, &n);
    if (st == 0)
        fail(ck, join(path, base, "code"), "required");
    else if (st == 1)
        code_ok = language_value(ck, s, join(path, base, "code"), lang.code) == 0;
    st = text_member(ck, item, base, "level", &s, &n);
    if (st == 0)
        fail(ck, join(path, base, "level"), "required");
    else if (st == 1 && (lang.level = rs_cefr_parse(s)) == RS_CEFR_NONE)
        fail(ck, join(path, base, "level"), "bad CEFR level '%s' (A1..C2 or native)", show(shown, s));
    if (!code_ok || lang.level == RS_CEFR_NONE)
        return;
    for (size_t j = 0; j < out->n_languages; j++) {
        if (strcmp(out->languages[j].code, lang.code) == 0) {
            fail(ck, base, "duplicate language '%s'", lang.code);
            return;
        }
    }
    out->languages[out->n_languages++] = lang;
}

static void check_languages(rs_check *ck, json_t *obj, rs_expert *out)
{
    char base[ITEM_PATH_MAX];
    json_t *arr;
    if (array_member(ck, obj, "languages", &arr) != 1 || json_array_size(arr) == 0)
        return;
    if (!(out->languages = alloc_items(ck, json_array_size(arr), sizeof *out->languages)))
        return;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *item = json_array_get(arr, i);
        item_path(base, "languages", i);
        if (json_is_object(item))
            check_language_item(ck, item, base, out);
        else
            fail(ck, base, "must be an object");
    }
}

/* Field codes and competence codes are checked alike: syntax is an error,
 * a code missing from the taxonomy only a warning (the published taxonomy is
 * partial, and CVs use codes it does not list). */
typedef struct {
    const char *key;  /* "fields" */
    const char *noun; /* "field code" */
    int (*syntax_ok)(const char *code);
    const rs_code_entry *(*lookup)(const rs_taxonomy *t, const char *code);
} rs_code_kind;

static const rs_code_kind field_codes = {"fields", "field code", rs_field_code_valid,
                                         rs_taxonomy_field};
static const rs_code_kind competence_codes = {"competences", "competence code",
                                              rs_competence_code_valid, rs_taxonomy_competence};

static void check_codes(rs_check *ck, json_t *obj, const rs_code_kind *kind, char ***codes,
                        size_t *n_codes)
{
    char path[ITEM_PATH_MAX], shown[SHOW_BUF];
    json_t *arr;
    if (array_member(ck, obj, kind->key, &arr) != 1 || json_array_size(arr) == 0)
        return;
    if (!(*codes = alloc_items(ck, json_array_size(arr), sizeof **codes)))
        return;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        item_path(path, kind->key, i);
        if (!json_is_string(v)) {
            fail(ck, path, "must be a string");
            continue;
        }
        const char *code = json_string_value(v);
        if (!kind->syntax_ok(code)) {
            fail(ck, path, "malformed %s '%s'", kind->noun, show(shown, code));
            continue;
        }
        size_t j = 0;
        while (j < *n_codes && strcmp((*codes)[j], code) != 0)
            j++;
        if (j < *n_codes) {
            fail(ck, path, "duplicate %s '%s'", kind->noun, code);
            continue;
        }
        if (!kind->lookup(rs_taxonomy_get(), code))
            warn(ck, path, "unknown %s '%s' (not in the taxonomy)", kind->noun, code);
        if (((*codes)[*n_codes] = copy(ck, code, strlen(code))))
            (*n_codes)++;
    }
}

static void check_cv_lang(rs_check *ck, json_t *obj, rs_expert *out)
{
    const char *s;
    size_t n;
    int st = text_member(ck, obj, "", "cv_lang", &s, &n);
    if (st == 0)
        memcpy(out->cv_lang, "en", 3);
    else if (st == 1)
        language_value(ck, s, "cv_lang", out->cv_lang);
}

/* from is required; an absent to is RS_DATE_OPEN unless to_required. */
static void check_period(rs_check *ck, json_t *item, const char *base, int to_required,
                         rs_period *p)
{
    char path[MEMBER_PATH_MAX];
    int from = date_member(ck, item, base, "from", 0, &p->from);
    if (from == 0)
        fail(ck, join(path, base, "from"), "required");
    int to = date_member(ck, item, base, "to", 1, &p->to);
    if (to == 0) {
        if (to_required)
            fail(ck, join(path, base, "to"), "required");
        p->to = RS_DATE_OPEN;
    }
    if (from == 1 && to == 1 && p->from > p->to)
        fail(ck, base, "from after to");
}

static void check_optional_country(rs_check *ck, json_t *item, const char *base, char out[3])
{
    char path[MEMBER_PATH_MAX];
    json_t *v = member(item, "country");
    if (v)
        country_value(ck, v, join(path, base, "country"), out);
}

static void experience_item(rs_check *ck, json_t *item, const char *base, void *slot)
{
    rs_experience *x = slot;
    check_keys(ck, item, base, experience_keys, COUNT(experience_keys));
    check_period(ck, item, base, 0, &x->when);
    copy_text(ck, item, base, "employer", &x->employer);
    copy_text(ck, item, base, "role", &x->role);
    copy_text(ck, item, base, "text", &x->text);
    check_optional_country(ck, item, base, x->country);
}

static void education_item(rs_check *ck, json_t *item, const char *base, void *slot)
{
    rs_education *x = slot;
    check_keys(ck, item, base, education_keys, COUNT(education_keys));
    int_member(ck, item, base, "year", YEAR_MIN, YEAR_MAX, "a year", &x->year);
    copy_text(ck, item, base, "degree", &x->degree);
    copy_text(ck, item, base, "field", &x->field);
    copy_text(ck, item, base, "institution", &x->institution);
}

static void mission_item(rs_check *ck, json_t *item, const char *base, void *slot)
{
    rs_mission *x = slot;
    char path[MEMBER_PATH_MAX], shown[SHOW_BUF];
    const char *s;
    size_t n;
    check_keys(ck, item, base, mission_keys, COUNT(mission_keys));
    copy_text(ck, item, base, "action", &x->action);
    check_optional_country(ck, item, base, x->country);
    check_period(ck, item, base, 0, &x->when);
    int_member(ck, item, base, "days", 0, MISSION_DAYS_MAX, "a whole number of days", &x->days);
    if (text_member(ck, item, base, "role", &s, &n) != 1)
        return;
    if (strcmp(s, "lead") == 0)
        x->lead = 1;
    else if (strcmp(s, "expert") != 0)
        fail(ck, join(path, base, "role"), "must be lead or expert, not '%s'", show(shown, s));
}

static void unavailable_item(rs_check *ck, json_t *item, const char *base, void *slot)
{
    rs_period *x = slot;
    check_keys(ck, item, base, period_keys, COUNT(period_keys));
    check_period(ck, item, base, 1, x);
}

typedef void (*rs_item_check)(rs_check *ck, json_t *item, const char *base, void *slot);

/* An array of objects: each item is checked into the next slot of a new
 * array of `size`-byte elements, which is returned (NULL when absent).
 * *n counts the slots used, so rs_expert_free stays correct. */
static void *check_objects(rs_check *ck, json_t *obj, const char *key, size_t size, size_t *n,
                           rs_item_check check_item)
{
    char base[ITEM_PATH_MAX];
    json_t *arr;
    if (array_member(ck, obj, key, &arr) != 1 || json_array_size(arr) == 0)
        return NULL;
    char *items = alloc_items(ck, json_array_size(arr), size);
    for (size_t i = 0; items && i < json_array_size(arr); i++) {
        json_t *item = json_array_get(arr, i);
        item_path(base, key, i);
        if (json_is_object(item))
            check_item(ck, item, base, items + (*n)++ * size);
        else
            fail(ck, base, "must be an object");
    }
    return items;
}

/* Replace every string of the record by its NFC form (ASCII is already NFC). */
static void normalise(rs_check *ck, json_t *v)
{
    const char *key;
    json_t *item;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_object_foreach(v, key, item)
            normalise(ck, item);
        break;
    case JSON_ARRAY:
        json_array_foreach(v, i, item)
            normalise(ck, item);
        break;
    case JSON_STRING: {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        size_t k = 0;
        while (k < n && (unsigned char)s[k] < 0x80)
            k++;
        if (k == n)
            break;
        char *nfc = rs_text_nfc(s, n);
        if (!nfc || (strcmp(nfc, s) != 0 && json_string_set(v, nfc) != 0))
            no_memory(ck);
        free(nfc);
        break;
    }
    default:
        break;
    }
}

/* "assigned" is what `show --json` adds of the facility's own missions
 * (roster assign); they are not the CV's to set, so a record shown and
 * imported again does not carry them into the store (docs/records.md). */
static void drop_assigned(rs_check *ck, json_t *obj)
{
    if (!json_object_get(obj, "assigned")) return;
    warn(ck, "assigned", "the missions the facility assigned (roster assign) are not part of "
                         "the record: ignored");
    json_object_del(obj, "assigned");
}

/* Validate obj into *out (which is always initialised). ids, when given,
 * catches ids repeated within one file. 0 ok, -1 with errors reported. */
static int expert_from_object(rs_check *ck, json_t *obj, rs_idset *ids, rs_expert *out)
{
    memset(out, 0, sizeof *out);
    normalise(ck, obj);
    check_keys(ck, obj, "", record_keys, COUNT(record_keys));
    drop_assigned(ck, obj);
    check_id(ck, obj, ids, out);
    check_name(ck, obj, out);
    check_gender(ck, obj, out);
    check_nationalities(ck, obj, out);
    check_residence(ck, obj, out);
    check_status(ck, obj, out);
    copy_text(ck, obj, "", "employer", &out->employer);
    check_languages(ck, obj, out);
    check_codes(ck, obj, &field_codes, &out->fields, &out->n_fields);
    check_codes(ck, obj, &competence_codes, &out->competences, &out->n_competences);
    copy_text(ck, obj, "", "summary", &out->summary);
    check_cv_lang(ck, obj, out);
    out->experience = check_objects(ck, obj, "experience", sizeof *out->experience,
                                    &out->n_experience, experience_item);
    out->education = check_objects(ck, obj, "education", sizeof *out->education,
                                   &out->n_education, education_item);
    out->missions = check_objects(ck, obj, "missions", sizeof *out->missions, &out->n_missions,
                                  mission_item);
    out->unavailable = check_objects(ck, obj, "unavailable", sizeof *out->unavailable,
                                     &out->n_unavailable, unavailable_item);
    date_member(ck, obj, "", "registered", 0, &out->registered);
    if (!check_failed(ck) && !(out->record = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        no_memory(ck);
    if (check_failed(ck)) {
        rs_expert_free(out);
        return -1;
    }
    return 0;
}

/* ---- JSON text ------------------------------------------------------ */

/* Offset of the first NUL byte or invalid UTF-8 sequence, or len. */
static size_t first_bad_byte(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            if (s[i] == '\0')
                return i;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

/* 1-based column, in characters, of byte offset `at` of valid text. */
static size_t column_of(const char *s, size_t at)
{
    size_t col = 1;
    for (size_t i = 0; i < at; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

/* NUL bytes and invalid UTF-8 are named with their column; 0 when clean. */
static int check_encoding(rs_check *ck, const char *s, size_t len)
{
    size_t bad = first_bad_byte(s, len);
    if (bad == len)
        return 0;
    fail(ck, "", "%s at column %zu", s[bad] == '\0' ? "NUL byte" : "invalid UTF-8",
         column_of(s, bad));
    return -1;
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_NULL: return "null";
    default: return "a boolean";
    }
}

/* `hint` (may be "") follows the message of a text that is not JSON. */
static json_t *parse_object(rs_check *ck, const char *text, size_t len, const char *hint)
{
    json_error_t err;
    if (check_encoding(ck, text, len) != 0)
        return NULL;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!v) {
        /* jansson leaves the text empty (and the code unset) when an
         * allocation fails before the parse starts: test the text first. */
        if (!err.text[0] || json_error_code(&err) == json_error_out_of_memory)
            no_memory(ck);
        else
            fail(ck, "", "invalid JSON at column %d: %s%s", err.column, rs_json_problem(&err),
                 hint);
        return NULL;
    }
    if (!json_is_object(v)) {
        fail(ck, "", "a record must be a JSON object, not %s", json_kind(v));
        json_decref(v);
        return NULL;
    }
    return v;
}

int rs_expert_from_json_text(const char *text, size_t len, const char *file, long line,
                             rs_expert *out, rs_diag *d)
{
    rs_check ck;
    check_init(&ck, d, file, line, 0);
    memset(out, 0, sizeof *out);
    json_t *obj = parse_object(&ck, text, len, "");
    if (!obj)
        return -1;
    int rc = expert_from_object(&ck, obj, NULL, out);
    json_decref(obj);
    return rc;
}

/* ---- The reader: input lines ---------------------------------------- */

#define INPUT_CHUNK (64 * 1024)

typedef enum { COL_TEXT, COL_LIST, COL_LANGUAGES, COL_PERIODS } rs_col_kind;

typedef struct {
    char *key;
    rs_col_kind kind;
} rs_column;

/* One CSV row: cells stored back to back, each NUL-terminated. */
typedef struct {
    char *buf;
    size_t len, cap;
    size_t *cells;   /* offsets into buf */
    size_t n_cells, cap_cells;
    size_t cell_start;
} rs_row;

struct rs_reader {
    FILE *f;
    char *name;
    rs_format fmt;
    unsigned char *in;     /* INPUT_CHUNK bytes read ahead */
    size_t in_pos, in_len;
    int in_eof;
    char *line;            /* current line, without its end of line */
    size_t line_len, line_cap;
    long line_no;          /* physical lines read */
    long record_line;      /* where the last record started */
    int failed;
    rs_idset ids;
    int jsonl_seen;        /* JSON Lines: a record line was read */
    int header_read;       /* CSV */
    char delim;            /* ',' or ';' (from the header row); 0 before it */
    char item_sep;         /* between the values of a multi-valued cell */
    rs_column *columns;
    size_t n_columns;
    rs_row row;
    rs_stored_fn stored;   /* where updates find the records they change */
    void *stored_ctx;
    int from_object;       /* the one record is `object` (rs_reader_new_object) */
    json_t *object;        /* NULL once read */
};

enum { LINE_END, LINE_OK, LINE_TOO_LONG };

static void reader_fatal(rs_reader *r, rs_diag *d, long line, const char *msg)
{
    rs_diag_add(d, RS_ERROR, r->name, line, "", "%s", msg);
    r->failed = 1;
}

static int refill(rs_reader *r, rs_diag *d)
{
    r->in_pos = 0;
    r->in_len = fread(r->in, 1, INPUT_CHUNK, r->f);
    if (r->in_len > 0)
        return 0;
    if (ferror(r->f)) {
        char msg[128];
        snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
        reader_fatal(r, d, r->line_no + 1, msg);
        return -1;
    }
    r->in_eof = 1;
    return 0;
}

static int line_reserve(rs_reader *r, size_t need)
{
    if (need <= r->line_cap)
        return 0;
    size_t cap = r->line_cap ? r->line_cap : 256;
    while (cap < need)
        cap *= 2;
    char *line = realloc(r->line, cap);
    if (!line)
        return -1;
    r->line = line;
    r->line_cap = cap;
    return 0;
}

/* Read the next physical line into r->line (NUL-terminated, without LF or
 * CRLF; a byte order mark on line 1 is dropped). A line over RS_LINE_MAX is
 * consumed but not stored. Returns LINE_OK, LINE_TOO_LONG, or LINE_END at the
 * end of input or after a fatal error (r->failed). */
static int next_line(rs_reader *r, rs_diag *d)
{
    size_t len = 0;
    int got = 0, too_long = 0;
    for (;;) {
        if (r->in_pos == r->in_len) {
            if (!r->in_eof && refill(r, d) != 0)
                break;
            if (r->in_eof)
                break;
        }
        got = 1;
        const unsigned char *p = r->in + r->in_pos;
        const unsigned char *nl = memchr(p, '\n', r->in_len - r->in_pos);
        size_t take = nl ? (size_t)(nl - p) : r->in_len - r->in_pos;
        if (!too_long && len + take > RS_LINE_MAX) {
            too_long = 1;
        } else if (!too_long) {
            if (line_reserve(r, len + take + 1) != 0) {
                reader_fatal(r, d, r->line_no + 1, "out of memory");
                return LINE_END;
            }
            memcpy(r->line + len, p, take);
            len += take;
        }
        r->in_pos += take + (nl != NULL);
        if (nl)
            break;
    }
    if (!got || r->failed)
        return LINE_END;
    r->line_no++;
    if (too_long)
        return LINE_TOO_LONG;
    if (line_reserve(r, len + 1) != 0) {
        reader_fatal(r, d, r->line_no, "out of memory");
        return LINE_END;
    }
    if (len > 0 && r->line[len - 1] == '\r')
        len--;
    r->line[len] = '\0';
    if (r->line_no == 1 && len >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
        memmove(r->line, r->line + 3, len - 2);
        len -= 3;
    }
    r->line_len = len;
    return LINE_OK;
}

static void line_too_long(rs_reader *r, rs_diag *d)
{
    rs_diag_add(d, RS_ERROR, r->name, r->line_no, "", "line longer than 1 MiB");
}

/* ---- The reader: updating stored records --------------------------- */

/* The stored record of obj's id, as an object: 1 found (*stored set), 0 when
 * the id is new or there is no store to ask, -1 reported. */
static int stored_object(rs_reader *r, rs_check *ck, json_t *obj, json_t **stored)
{
    char shown[SHOW_BUF];
    json_t *id = json_object_get(obj, "id");
    char *text = NULL;
    *stored = NULL;
    if (!r->stored || !json_is_string(id))
        return 0; /* without an id the validator reports it */
    if (r->stored(json_string_value(id), &text, r->stored_ctx) != 0) {
        fail(ck, "id", "cannot read the stored record of '%s'",
             show(shown, json_string_value(id)));
        return -1;
    }
    if (!text)
        return 0;
    json_error_t err;
    *stored = json_loads(text, 0, &err);
    free(text);
    if (!json_is_object(*stored)) {
        json_decref(*stored);
        *stored = NULL;
        fail(ck, "id", "the stored record of '%s' is damaged (run roster verify)",
             show(shown, json_string_value(id)));
        return -1;
    }
    return 1;
}

/* A CSV row for a stored id changes only the columns it gives a value: each
 * replaces that member of the stored record. What CSV cannot carry
 * (experience, education, missions), the columns it lacks and its empty
 * cells keep their stored value. Returns the object to validate (a new
 * reference), or NULL when reported. */
static json_t *csv_update(rs_reader *r, rs_check *ck, json_t *row)
{
    json_t *stored;
    int st = stored_object(r, ck, row, &stored);
    if (st <= 0)
        return st == 0 ? json_incref(row) : NULL;
    const char *key;
    json_t *v;
    json_object_foreach(row, key, v) {
        if (json_object_set(stored, key, v) != 0) {
            no_memory(ck);
            json_decref(stored);
            return NULL;
        }
    }
    return stored;
}

/* Copy into obj the stored record's value of each key obj lacks; with
 * same_person, warn when the stored expert has another name (a CV's id is
 * its file's name or --id: a slip there replaces someone else). 0, or -1
 * reported. */
static int keep_stored(rs_reader *r, rs_check *ck, json_t *obj, const char *const *keys,
                       int same_person)
{
    int lacks = same_person;
    for (const char *const *k = keys; *k && !lacks; k++)
        lacks = !member(obj, *k);
    if (!lacks)
        return 0;
    json_t *stored;
    int st = stored_object(r, ck, obj, &stored);
    if (st <= 0)
        return st;
    const char *was = json_string_value(json_object_get(stored, "name"));
    const char *now = json_string_value(json_object_get(obj, "name"));
    char shown_was[SHOW_BUF], shown_now[SHOW_BUF], shown_id[SHOW_BUF];
    if (same_person && was && now && strcmp(was, now) != 0)
        warn(ck, "id", "'%s' was %s and is now %s: check the id if this is not the same person",
             show(shown_id, json_string_value(json_object_get(obj, "id"))),
             show(shown_was, was), show(shown_now, now));
    int rc = 0;
    for (const char *const *k = keys; *k && rc == 0; k++) {
        json_t *v = json_object_get(stored, *k);
        if (v && !member(obj, *k) && json_object_set(obj, *k, v) != 0) {
            no_memory(ck);
            rc = -1;
        }
    }
    json_decref(stored);
    return rc;
}

/* A JSON Lines record replaces the stored one, except for missions: they are
 * the facility's own history, not part of a CV exported from elsewhere, so a
 * record without "missions" keeps the stored ones ("missions": [] clears
 * them). */
static const char *const jsonl_kept[] = {"missions", NULL};
/* A CV (Europass, JSON Resume) has no place for the facility's codes, the
 * expert's sector, unavailability or missions: a re-imported CV keeps what
 * the roster holds of them. */
static const char *const cv_kept[] = {"missions", "fields", "competences", "status",
                                      "unavailable", "registered", NULL};

/* ---- The reader: JSON Lines ----------------------------------------- */

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]))
            return 0;
    return 1;
}

static const char *trim(const char *s, const char *end, size_t *len);

/* A line such as `id,name,nationalities`: cells split at ',' or ';', one of
 * them "id" (any case, maybe quoted). */
static int csv_header_like(const char *line)
{
    size_t n = strcspn(line, ",;");
    if (!line[n])
        return 0;
    for (const char *p = line;; p += n + 1, n = strcspn(p, ",;")) {
        size_t len = n;
        const char *c = trim(p, p + n, &len);
        if (len >= 2 && c[0] == '"' && c[len - 1] == '"')
            c++, len -= 2;
        if (len == 2 && strncasecmp(c, "id", 2) == 0)
            return 1;
        if (!p[n])
            return 0;
    }
}

static int jsonl_next(rs_reader *r, rs_expert *out, rs_diag *d)
{
    for (;;) {
        int st = next_line(r, d);
        if (st == LINE_END)
            return 0;
        r->record_line = r->line_no;
        if (st == LINE_TOO_LONG) {
            line_too_long(r, d);
            return -1;
        }
        if (!blank(r->line, r->line_len))
            break;
    }
    rs_check ck;
    check_init(&ck, d, r->name, r->record_line, 0);
    /* Standard input is JSON Lines: a CSV piped there is told how to go in. */
    const char *hint = strcmp(r->name, "-") == 0 && !r->jsonl_seen && csv_header_like(r->line)
                           ? "; - reads JSON Lines; to import CSV give the file's name (FILE.csv)"
                           : "";
    r->jsonl_seen = 1;
    json_t *obj = parse_object(&ck, r->line, r->line_len, hint);
    if (!obj)
        return -1;
    int rc = keep_stored(r, &ck, obj, jsonl_kept, 0);
    if (rc == 0)
        rc = expert_from_object(&ck, obj, &r->ids, out);
    json_decref(obj);
    return rc == 0 ? 1 : -1;
}

/* ---- The reader: one record read elsewhere (a CV) ------------------ */

static int object_next(rs_reader *r, rs_expert *out, rs_diag *d)
{
    json_t *obj = r->object;
    if (!obj)
        return 0;
    r->object = NULL;
    rs_check ck;
    check_init(&ck, d, r->name, r->record_line, 0);
    int rc = keep_stored(r, &ck, obj, cv_kept, 1);
    if (rc == 0)
        rc = expert_from_object(&ck, obj, &r->ids, out);
    json_decref(obj);
    return rc == 0 ? 1 : -1;
}

/* ---- The reader: CSV ------------------------------------------------ */

static int row_put(rs_row *row, char c)
{
    if (row->len == row->cap) {
        size_t cap = row->cap ? row->cap * 2 : 1024;
        char *buf = realloc(row->buf, cap);
        if (!buf)
            return -1;
        row->buf = buf;
        row->cap = cap;
    }
    row->buf[row->len++] = c;
    return 0;
}

/* Close the current cell: trim it, terminate it, remember where it starts. */
static int row_end_cell(rs_row *row)
{
    size_t start = row->cell_start;
    while (start < row->len && (row->buf[start] == ' ' || row->buf[start] == '\t'))
        start++;
    while (row->len > start && (row->buf[row->len - 1] == ' ' || row->buf[row->len - 1] == '\t'))
        row->len--;
    if (row_put(row, '\0') != 0)
        return -1;
    if (row->n_cells == row->cap_cells) {
        size_t cap = row->cap_cells ? row->cap_cells * 2 : 32;
        size_t *cells = realloc(row->cells, cap * sizeof *cells);
        if (!cells)
            return -1;
        row->cells = cells;
        row->cap_cells = cap;
    }
    row->cells[row->n_cells++] = start;
    row->cell_start = row->len;
    return 0;
}

static const char *row_cell(const rs_row *row, size_t i)
{
    return row->buf + row->cells[i];
}

/* AFTER_QUOTE: only blanks since the closing quote; AFTER_JUNK: text came
 * after it (reported), ignored up to the next delimiter. */
typedef enum {
    CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTE, AFTER_JUNK
} rs_csv_state;

static const char *column_name(const rs_reader *r, size_t i)
{
    return i < r->n_columns ? r->columns[i].key : "";
}

/* Feed one physical line to the CSV state machine. 0, or -1 when the row
 * exceeds RS_LINE_MAX or memory runs out (reported). Text after a closing
 * quote is reported once per cell and sets *bad. */
static int csv_feed(rs_reader *r, rs_diag *d, rs_csv_state *s, int *bad)
{
    rs_row *row = &r->row;
    for (size_t i = 0; i < r->line_len; i++) {
        char c = r->line[i];
        int ok = 0;
        switch (*s) {
        case CELL_START:
            if (c == '"') {
                *s = QUOTED;
            } else if (c == r->delim) {
                ok = row_end_cell(row);
            } else if (c != ' ' && c != '\t') {
                ok = row_put(row, c);
                *s = UNQUOTED;
            }
            break;
        case UNQUOTED:
            if (c == r->delim) {
                ok = row_end_cell(row);
                *s = CELL_START;
            } else {
                ok = row_put(row, c);
            }
            break;
        case QUOTED:
            if (c == '"')
                *s = QUOTE_IN_QUOTED;
            else
                ok = row_put(row, c);
            break;
        case QUOTE_IN_QUOTED:
            if (c == '"') {
                ok = row_put(row, c); /* "" stands for " */
                *s = QUOTED;
                break;
            }
            /* fall through - the quote closed the cell */
        case AFTER_QUOTE:
            if (c == r->delim) {
                ok = row_end_cell(row);
                *s = CELL_START;
            } else if (c == ' ' || c == '\t') {
                *s = AFTER_QUOTE;
            } else {
                rs_diag_add(d, RS_ERROR, r->name, r->line_no, column_name(r, row->n_cells),
                            "text after the closing quote of a cell");
                *bad = 1;
                *s = AFTER_JUNK;
            }
            break;
        case AFTER_JUNK:
            if (c == r->delim) {
                ok = row_end_cell(row);
                *s = CELL_START;
            }
            break;
        }
        if (ok != 0) {
            reader_fatal(r, d, r->record_line, "out of memory");
            return -1;
        }
        if (row->len > RS_LINE_MAX) {
            rs_diag_add(d, RS_ERROR, r->name, r->record_line, "", "row longer than 1 MiB");
            return -1;
        }
    }
    return 0;
}

/* A spreadsheet saved with another encoding (Latin-1, Windows-1252) is
 * the usual cause of invalid UTF-8 in a CSV: said once per file. */
#define UTF8_HINT " (the file is not UTF-8: save it from the spreadsheet as \"CSV UTF-8\")"

/* Spreadsheets in locales that write decimals with a comma (French,
 * Spanish, ...) save CSV with ';' between cells. The header row decides:
 * more semicolons than commas outside quotes make a semicolon file, whose
 * multi-valued cells then use '|' (a country name may hold a comma). */
static void set_delimiter(rs_reader *r)
{
    size_t commas = 0, semicolons = 0;
    int quoted = 0;
    for (size_t i = 0; i < r->line_len; i++) {
        char c = r->line[i];
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            commas++;
        else if (c == ';' && !quoted)
            semicolons++;
    }
    r->delim = semicolons > commas ? ';' : ',';
    r->item_sep = semicolons > commas ? '|' : ';';
}

/* Read one row, which may span lines inside quotes. Returns 1, 0 at the end
 * of input, -1 when the row is malformed (reported; reading may go on). */
static int read_row(rs_reader *r, rs_diag *d)
{
    rs_row *row = &r->row;
    row->len = row->n_cells = row->cell_start = 0;
    int st;
    do
        st = next_line(r, d);
    while (st == LINE_OK && r->line_len == 0);
    if (st == LINE_END)
        return 0;
    r->record_line = r->line_no;
    if (!r->delim && st == LINE_OK)
        set_delimiter(r);
    rs_csv_state s = CELL_START;
    int bad = 0;
    for (;;) {
        if (st == LINE_TOO_LONG) {
            line_too_long(r, d);
            return -1;
        }
        size_t at = first_bad_byte(r->line, r->line_len);
        if (at < r->line_len) {
            int nul = r->line[at] == '\0';
            rs_diag_add(d, RS_ERROR, r->name, r->line_no, "", "%s at column %zu%s",
                        nul ? "NUL byte" : "invalid UTF-8", column_of(r->line, at),
                        nul ? "" : UTF8_HINT);
            bad = 1;
            /* A byte that is not UTF-8 says the file was saved in another
             * encoding: its other rows are as wrong where they hold an
             * accent, and right only by luck where they do not. The file
             * goes in whole or not at all, even when bad rows are skipped. */
            if (!nul) {
                r->failed = 1;
                return -1;
            }
        }
        if (csv_feed(r, d, &s, &bad) != 0)
            return -1;
        if (s != QUOTED)
            break;
        if (row_put(row, '\n') != 0) {
            reader_fatal(r, d, r->record_line, "out of memory");
            return -1;
        }
        st = next_line(r, d);
        if (st == LINE_END) {
            if (!r->failed)
                rs_diag_add(d, RS_ERROR, r->name, r->record_line, "",
                            "quoted cell not closed before the end of the file");
            return -1;
        }
    }
    if (row_end_cell(row) != 0) {
        reader_fatal(r, d, r->record_line, "out of memory");
        return -1;
    }
    return bad ? -1 : 1;
}

static const struct {
    const char *key;
    rs_col_kind kind;
} csv_known[] = {
    {"id", COL_TEXT},          {"name", COL_TEXT},        {"gender", COL_TEXT},
    {"nationalities", COL_LIST}, {"residence", COL_TEXT}, {"status", COL_TEXT},
    {"employer", COL_TEXT},    {"languages", COL_LANGUAGES}, {"fields", COL_LIST},
    {"competences", COL_LIST}, {"summary", COL_TEXT},     {"cv_lang", COL_TEXT},
    {"registered", COL_TEXT},  {"unavailable", COL_PERIODS},
};

static const char *const jsonl_only[] = {"experience", "education", "missions"};

/* Check one header cell and add it as a column. 0, or -1 when reported. */
static int add_column(rs_reader *r, rs_diag *d, const char *name, size_t i)
{
    char shown[SHOW_BUF];
    rs_column *col = &r->columns[r->n_columns];
    col->kind = COL_TEXT;
    if (!*name) {
        rs_diag_add(d, RS_ERROR, r->name, r->record_line, "", "CSV header: column %zu has no name",
                    i + 1);
        return -1;
    }
    for (size_t k = 0; k < COUNT(jsonl_only); k++) {
        if (strcasecmp(name, jsonl_only[k]) == 0) {
            rs_diag_add(d, RS_ERROR, r->name, r->record_line, "",
                        "CSV header: column '%s' is not supported in CSV (use JSON Lines)",
                        jsonl_only[k]);
            return -1;
        }
    }
    for (size_t k = 0; k < r->n_columns; k++) {
        if (strcasecmp(name, r->columns[k].key) == 0) {
            rs_diag_add(d, RS_ERROR, r->name, r->record_line, "",
                        "CSV header: duplicate column '%s'", show(shown, name));
            return -1;
        }
    }
    int known = 0;
    for (size_t k = 0; k < COUNT(csv_known); k++) {
        if (strcasecmp(name, csv_known[k].key) == 0) {
            name = csv_known[k].key;
            col->kind = csv_known[k].kind;
            known = 1;
        }
    }
    const char *near = known ? NULL : rs_key_misspelt(name, record_keys, COUNT(record_keys));
    if (near) {
        rs_diag_add(d, RS_ERROR, r->name, r->record_line, "",
                    "CSV header: unknown column '%s' (did you mean '%s'?)", show(shown, name),
                    near);
        return -1;
    }
    if (!(col->key = strdup(name))) {
        reader_fatal(r, d, r->record_line, "out of memory");
        return -1;
    }
    r->n_columns++;
    return 0;
}

static int has_column(const rs_reader *r, const char *key)
{
    for (size_t i = 0; i < r->n_columns; i++)
        if (strcmp(r->columns[i].key, key) == 0)
            return 1;
    return 0;
}

/* Read and check the header row. Any problem there is fatal for the file:
 * without the right columns no row can be understood. */
static void read_header(rs_reader *r, rs_diag *d)
{
    r->header_read = 1;
    int st = read_row(r, d);
    if (st <= 0) {
        r->failed = st < 0;
        return;
    }
    rs_row *row = &r->row;
    if (!(r->columns = calloc(row->n_cells, sizeof *r->columns))) {
        reader_fatal(r, d, r->record_line, "out of memory");
        return;
    }
    int bad = 0;
    for (size_t i = 0; i < row->n_cells && !r->failed; i++)
        bad |= add_column(r, d, row_cell(row, i), i) != 0;
    /* A row for a stored id may leave out the name (an update); the
     * validator asks a new expert for one. */
    static const char *const required[] = {"id"};
    for (size_t k = 0; k < COUNT(required) && !r->failed; k++) {
        if (!has_column(r, required[k])) {
            rs_diag_add(d, RS_ERROR, r->name, r->record_line, "",
                        "CSV header: missing column '%s'", required[k]);
            bad = 1;
        }
    }
    if (bad)
        r->failed = 1;
}

static const char *trim(const char *s, const char *end, size_t *len)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *len = (size_t)(end - s);
    return s;
}

static int set_string(json_t *obj, const char *key, const char *s, size_t n)
{
    return n == 0 ? 0 : json_object_set_new(obj, key, json_stringn(s, n));
}

/* One item of a multi-valued cell as JSON: a string, a language object
 * ("fr:C2") or a period ("from..to", or one date for itself). Parts left
 * empty are left out, so the validator reports them as required. */
static json_t *cell_item(rs_col_kind kind, const char *s, size_t n)
{
    if (kind == COL_LIST)
        return json_stringn(s, n);
    const char *sep = kind == COL_LANGUAGES ? memchr(s, ':', n) : NULL;
    size_t sep_len = 1;
    if (kind == COL_PERIODS) {
        for (size_t i = 0; i + 1 < n && !sep; i++)
            if (s[i] == '.' && s[i + 1] == '.')
                sep = s + i;
        sep_len = 2;
    }
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    const char *a_key = kind == COL_LANGUAGES ? "code" : "from";
    const char *b_key = kind == COL_LANGUAGES ? "level" : "to";
    size_t a_len, b_len;
    const char *a = trim(s, sep ? sep : s + n, &a_len);
    const char *b = sep ? trim(sep + sep_len, s + n, &b_len) : NULL;
    if (!sep && kind == COL_PERIODS)
        b = a, b_len = a_len; /* one date stands for itself */
    if (set_string(obj, a_key, a, a_len) != 0 || (b && set_string(obj, b_key, b, b_len) != 0)) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *cell_value(rs_col_kind kind, const char *cell, char sep)
{
    if (kind == COL_TEXT)
        return json_string(cell);
    json_t *arr = json_array();
    const char *s = cell;
    while (arr && *s) {
        const char *end = strchr(s, sep);
        if (!end)
            end = s + strlen(s);
        size_t n;
        const char *item = trim(s, end, &n);
        if (n > 0 && json_array_append_new(arr, cell_item(kind, item, n)) != 0) {
            json_decref(arr);
            arr = NULL;
        }
        s = *end ? end + 1 : end;
    }
    return arr;
}

static int row_is_empty(const rs_row *row)
{
    for (size_t i = 0; i < row->n_cells; i++)
        if (*row_cell(row, i))
            return 0;
    return 1;
}

static int csv_record(rs_reader *r, rs_expert *out, rs_diag *d)
{
    rs_row *row = &r->row;
    rs_check ck;
    check_init(&ck, d, r->name, r->record_line, 1);
    if (row->n_cells != r->n_columns) {
        fail(&ck, "", "row has %zu cell%s, the header has %zu", row->n_cells,
             row->n_cells == 1 ? "" : "s", r->n_columns);
        return -1;
    }
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < row->n_cells; i++) {
        const char *cell = row_cell(row, i);
        if (*cell && json_object_set_new(obj, r->columns[i].key,
                                         cell_value(r->columns[i].kind, cell, r->item_sep)) != 0) {
            json_decref(obj);
            obj = NULL;
        }
    }
    if (!obj) {
        no_memory(&ck);
        return -1;
    }
    json_t *record = csv_update(r, &ck, obj);
    json_decref(obj);
    if (!record)
        return -1;
    int rc = expert_from_object(&ck, record, &r->ids, out);
    json_decref(record);
    return rc == 0 ? 1 : -1;
}

static int csv_next(rs_reader *r, rs_expert *out, rs_diag *d)
{
    if (!r->header_read) {
        read_header(r, d);
        if (r->failed)
            return 0;
    }
    for (;;) {
        int st = read_row(r, d);
        if (st <= 0)
            return st;
        if (!row_is_empty(&r->row))
            return csv_record(r, out, d);
    }
}

/* ---- The reader: API ------------------------------------------------ */

int rs_format_of(const char *path, rs_format *out)
{
    if (strcmp(path, "-") == 0) {
        *out = RS_FORMAT_JSONL;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (!dot)
        return -1;
    if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0 ||
        strcasecmp(dot, ".json") == 0) {
        *out = RS_FORMAT_JSONL;
        return 0;
    }
    if (strcasecmp(dot, ".csv") == 0) {
        *out = RS_FORMAT_CSV;
        return 0;
    }
    if (strcasecmp(dot, ".xml") == 0) {
        *out = RS_FORMAT_CV;
        return 0;
    }
    return -1;
}

rs_reader *rs_reader_new(FILE *f, const char *name, rs_format fmt)
{
    rs_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->f = f;
    r->fmt = fmt;
    r->name = strdup(name);
    r->in = malloc(INPUT_CHUNK);
    if (!r->name || !r->in) {
        rs_reader_free(r);
        return NULL;
    }
    return r;
}

rs_reader *rs_reader_new_object(json_t *obj, const char *name, long line)
{
    rs_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name))) {
        free(r);
        json_decref(obj);
        return NULL;
    }
    r->fmt = RS_FORMAT_CV;
    r->from_object = 1;
    r->object = obj;
    r->record_line = line;
    return r;
}

void rs_reader_free(rs_reader *r)
{
    if (!r)
        return;
    json_decref(r->object);
    free(r->name);
    free(r->in);
    free(r->line);
    idset_free(&r->ids);
    for (size_t i = 0; i < r->n_columns; i++)
        free(r->columns[i].key);
    free(r->columns);
    free(r->row.buf);
    free(r->row.cells);
    free(r);
}

void rs_reader_set_stored(rs_reader *r, rs_stored_fn fn, void *ctx)
{
    r->stored = fn;
    r->stored_ctx = ctx;
}

int rs_reader_next(rs_reader *r, rs_expert *out, rs_diag *d)
{
    memset(out, 0, sizeof *out);
    if (r->failed)
        return 0;
    if (r->from_object)
        return object_next(r, out, d);
    return r->fmt == RS_FORMAT_CSV ? csv_next(r, out, d) : jsonl_next(r, out, d);
}

long rs_reader_line(const rs_reader *r)
{
    return r->record_line;
}

int rs_reader_failed(const rs_reader *r)
{
    return r->failed;
}

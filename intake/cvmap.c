/*
 * The rules every CV format maps through (intake/cvmap.h): one place turns
 * a CV's countries, languages, levels, dates and texts into what an expert
 * record holds, so a Europass file and a JSON Resume saying the same thing
 * give the same record, and what cannot be mapped is said the same way.
 */
#include "intake/cvmap.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/codes.h"

/* ---- problems ---- */

static void say(rs_cv *cv, rs_severity sev, long line, const char *field, const char *fmt,
                va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    rs_diag_add(cv->d, sev, cv->file, line, field, "%s", msg);
}

void rs_cv_warn(rs_cv *cv, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(cv, RS_WARNING, line, field, fmt, ap);
    va_end(ap);
}

void rs_cv_error(rs_cv *cv, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(cv, RS_ERROR, line, field, fmt, ap);
    va_end(ap);
    cv->errors++;
}

const char *rs_cv_show(char buf[RS_CV_SHOW], const char *s)
{
    size_t n = 0;
    while (s[n] && n < RS_CV_SHOW - 4)
        n++;
    if (s[n]) {
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* cut on a character's first byte */
        memcpy(buf, s, n);
        memcpy(buf + n, "...", 4);
        return buf;
    }
    memcpy(buf, s, n + 1);
    return buf;
}

/* ---- a growing text ---- */

typedef struct {
    char *s;
    size_t len, cap;
    int nomem;
} text_buf;

static void put(text_buf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->nomem = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* The text, or NULL when out of memory; an empty text is "". */
static char *take(text_buf *b)
{
    if (b->nomem) {
        free(b->s);
        return NULL;
    }
    if (!b->s)
        return strdup("");
    return b->s;
}

/* ---- text ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* One line: every run of blanks (line breaks too) one space, trimmed.
 * malloc'd; NULL when empty, absent or out of memory. */
static char *one_line(const char *s)
{
    if (!s)
        return NULL;
    text_buf b = {0};
    for (const char *p = s; *p; p++) {
        if (!is_blank(*p))
            put(&b, p, 1);
        else if (b.len && !is_blank(p[1]) && p[1])
            put(&b, " ", 1);
    }
    char *out = take(&b);
    if (out && !*out) {
        free(out);
        return NULL;
    }
    return out;
}

/* Free text tidied: each line's blank runs one space, at most one empty
 * line in a row, none at either end. malloc'd, or NULL. */
static char *tidy_lines(const char *s)
{
    text_buf b = {0};
    int pending_breaks = 0, space = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            pending_breaks += b.len > 0;
            space = 0;
        } else if (is_blank(*p)) {
            space = 1;
        } else {
            if (pending_breaks)
                put(&b, "\n\n", pending_breaks > 1 ? 2 : 1);
            else if (space && b.len)
                put(&b, " ", 1);
            pending_breaks = space = 0;
            put(&b, p, 1);
        }
    }
    return take(&b);
}

/* Does s hold a tag ("<p>", "</li>", "<br/>")? Then its line breaks are
 * HTML's blanks, and its tags make the lines. */
static int has_tag(const char *s)
{
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
        if (isalpha((unsigned char)p[1]) || (p[1] == '/' && isalpha((unsigned char)p[2])))
            return 1;
    return 0;
}

/* What a tag puts in the text: a list item starts a line with "- ", a
 * line break ends a line, a block (paragraph, list, heading) stands apart
 * by a blank line; other tags (b, i, span, a) put nothing. */
static const char *tag_text(const char *name, size_t n, int closing)
{
    static const char *const blocks[] = {"p", "div", "ul", "ol", "table", "tr", "h1", "h2",
                                         "h3", "h4", "h5", "h6", "blockquote"};
    if (n == 2 && strncasecmp(name, "li", 2) == 0)
        return closing ? "" : "\n- ";
    if (n == 2 && strncasecmp(name, "br", 2) == 0)
        return "\n";
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strlen(blocks[i]) == n && strncasecmp(name, blocks[i], n) == 0)
            return "\n\n";
    return "";
}

/* A tag at s ('<'): its length, once what it puts in the text is in b; 0
 * when it is not closed (the '<' then stands for itself). */
static size_t skip_tag(const char *s, text_buf *b)
{
    const char *end = strchr(s, '>');
    if (!end)
        return 0;
    int closing = s[1] == '/';
    const char *name = s + 1 + closing;
    size_t n = 0;
    while (isalnum((unsigned char)name[n]))
        n++;
    const char *text = tag_text(name, n, closing);
    put(b, text, strlen(text));
    return (size_t)(end - s) + 1;
}

/* An entity at s ('&'): its length once decoded into b, or 0 when it is no
 * entity read here (the '&' then stands for itself). */
static size_t decode_entity(const char *s, text_buf *b)
{
    static const struct { const char *name, *text; } named[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
    const char *semi = strchr(s, ';');
    if (!semi || semi - s > 10)
        return 0;
    size_t n = (size_t)(semi - s) - 1;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (strlen(named[i].name) == n && strncmp(s + 1, named[i].name, n) == 0) {
            put(b, named[i].text, strlen(named[i].text));
            return n + 2;
        }
    }
    if (s[1] != '#')
        return 0;
    char *endp;
    long cp = s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, &endp, 16) : strtol(s + 2, &endp, 10);
    utf8proc_uint8_t utf8[4];
    if (endp != semi || !utf8proc_codepoint_valid((utf8proc_int32_t)cp) || cp <= 0)
        return 0;
    put(b, (const char *)utf8, (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, utf8));
    return (size_t)(semi - s) + 1;
}

char *rs_cv_plain(const char *html)
{
    text_buf b = {0};
    int tags = has_tag(html);
    for (const char *p = html; *p;) {
        size_t used = 0;
        if (*p == '<' && tags)
            used = skip_tag(p, &b);
        else if (*p == '&')
            used = decode_entity(p, &b);
        if (used) {
            p += used;
            continue;
        }
        put(&b, tags && *p == '\n' ? " " : p, 1);
        p++;
    }
    char *raw = take(&b);
    if (!raw)
        return NULL;
    char *out = tidy_lines(raw);
    free(raw);
    return out;
}

/* ---- the record ---- */

void rs_cv_begin(rs_cv *cv, const char *file, const char *id, rs_diag *d)
{
    memset(cv, 0, sizeof *cv);
    cv->file = file;
    cv->d = d;
    cv->id = strdup(id);
    cv->nationalities = json_array();
    cv->languages = json_array();
    cv->experience = json_array();
    cv->education = json_array();
    if (!cv->id || !cv->nationalities || !cv->languages || !cv->experience || !cv->education)
        cv->nomem = 1;
}

/* Free what the builder holds. */
static void abandon(rs_cv *cv)
{
    free(cv->id);
    free(cv->name);
    free(cv->employer);
    free(cv->summary);
    json_decref(cv->nationalities);
    json_decref(cv->languages);
    json_decref(cv->experience);
    json_decref(cv->education);
    memset(cv, 0, sizeof *cv);
}

/* obj[key] = a new string of s; a failure (out of memory) is noted. */
static void set_string(rs_cv *cv, json_t *obj, const char *key, const char *s)
{
    if (s && json_object_set_new(obj, key, json_string(s)) != 0)
        cv->nomem = 1;
}

/* arr, in the record, when it has items. */
static void set_array(rs_cv *cv, json_t *obj, const char *key, json_t *arr)
{
    if (json_array_size(arr) && json_object_set(obj, key, arr) != 0)
        cv->nomem = 1;
}

/* The record in the order of the JSON Lines format's keys. */
static json_t *record(rs_cv *cv)
{
    json_t *rec = json_object();
    if (!rec) {
        cv->nomem = 1;
        return NULL;
    }
    set_string(cv, rec, "id", cv->id);
    set_string(cv, rec, "name", cv->name);
    set_string(cv, rec, "gender", cv->gender[0] ? cv->gender : NULL);
    set_array(cv, rec, "nationalities", cv->nationalities);
    set_string(cv, rec, "residence", cv->residence[0] ? cv->residence : NULL);
    set_string(cv, rec, "employer", cv->employer);
    set_array(cv, rec, "languages", cv->languages);
    set_string(cv, rec, "summary", cv->summary);
    set_string(cv, rec, "cv_lang", cv->cv_lang[0] ? cv->cv_lang : NULL);
    set_array(cv, rec, "experience", cv->experience);
    set_array(cv, rec, "education", cv->education);
    return rec;
}

rs_cv_result rs_cv_finish(rs_cv *cv, long line, const char *how_nationality, json_t **out)
{
    *out = NULL;
    /* Checked before it goes into JSON: an id given by hand may be any bytes. */
    if (cv->id && !rs_id_syntax_ok(cv->id, strlen(cv->id)))
        rs_cv_error(cv, line, "id", "the id given is not an expert id (1-%d characters of A-Z "
                    "a-z 0-9 . _ -)", RS_ID_MAX);
    if (!cv->name)
        rs_cv_error(cv, line, "name", "required: the CV gives no name");
    if (json_array_size(cv->nationalities) == 0)
        rs_cv_error(cv, line, "nationalities",
                    "required: the CV gives no nationality roster knows; %s", how_nationality);
    json_t *rec = cv->errors || cv->nomem ? NULL : record(cv);
    if (rec)
        rs_cv_warn(cv, line, "fields", "a CV gives no field or competence codes and no sector: "
                   "an expert already on the roster keeps theirs; a new one is found by words "
                   "alone until they are added (roster export ID, edit, import the JSON Lines)");
    if (cv->nomem && !cv->errors)
        rs_cv_error(cv, line, "", "out of memory");
    if (cv->errors) {
        json_decref(rec);
        rec = NULL;
    }
    abandon(cv);
    *out = rec;
    return rec ? RS_CV_RECORD : RS_CV_BAD;
}

void rs_cv_name(rs_cv *cv, const char *given, const char *family)
{
    text_buf b = {0};
    if (given)
        put(&b, given, strlen(given));
    if (given && family)
        put(&b, " ", 1);
    if (family)
        put(&b, family, strlen(family));
    char *joined = take(&b);
    if (!joined) {
        cv->nomem = 1;
        return;
    }
    free(cv->name);
    cv->name = one_line(joined);
    free(joined);
}

/* A country from a code or a name, into out; a warning when none. */
static int country(rs_cv *cv, long line, const char *field, const char *s, char out[3])
{
    char shown[RS_CV_SHOW], countries[256];
    if (rs_country_resolve(s, out) == 0)
        return 0;
    if (rs_country_ambiguous(s, countries, sizeof countries))
        rs_cv_warn(cv, line, field, "'%s' may be %s: not kept", rs_cv_show(shown, s), countries);
    else
        rs_cv_warn(cv, line, field, "'%s' is no country roster knows: not kept",
                   rs_cv_show(shown, s));
    return -1;
}

void rs_cv_nationality(rs_cv *cv, long line, const char *field, const char *code_or_name)
{
    char code[3];
    if (!code_or_name || country(cv, line, field, code_or_name, code) != 0)
        return;
    for (size_t i = 0; i < json_array_size(cv->nationalities); i++)
        if (strcmp(json_string_value(json_array_get(cv->nationalities, i)), code) == 0)
            return; /* "UK" and "GB" both written: one nationality */
    if (json_array_append_new(cv->nationalities, json_string(code)) != 0)
        cv->nomem = 1;
}

void rs_cv_residence(rs_cv *cv, long line, const char *field, const char *code_or_name)
{
    char code[3];
    if (!code_or_name || cv->residence[0] || country(cv, line, field, code_or_name, code) != 0)
        return;
    memcpy(cv->residence, code, 3);
}

void rs_cv_gender(rs_cv *cv, const char *code)
{
    if (code && (strcmp(code, "F") == 0 || strcmp(code, "M") == 0 || strcmp(code, "X") == 0))
        memcpy(cv->gender, code, 2);
}

void rs_cv_lang(rs_cv *cv, const char *code)
{
    char lang[3];
    if (code && strlen(code) == 2 && rs_language_resolve(code, lang) == 0)
        memcpy(cv->cv_lang, lang, 3);
}

void rs_cv_summary(rs_cv *cv, const char *text)
{
    char *para = text ? tidy_lines(text) : NULL;
    if (text && !para)
        cv->nomem = 1;
    if (!para || !*para) {
        free(para);
        return;
    }
    text_buf b = {0};
    if (cv->summary) {
        put(&b, cv->summary, strlen(cv->summary));
        put(&b, "\n\n", 2);
    }
    put(&b, para, strlen(para));
    free(para);
    char *joined = take(&b);
    if (!joined) {
        cv->nomem = 1;
        return;
    }
    free(cv->summary);
    cv->summary = joined;
}

/* ---- languages ---- */

/* ISO 639-2 three-letter codes (bibliographic and terminological) of the
 * languages CVs list, onto ISO 639-1: Europass writes some languages so. */
static const struct {
    char three[4], two[3];
} iso639_2[] = {
    {"afr", "af"}, {"alb", "sq"}, {"amh", "am"}, {"ara", "ar"}, {"arm", "hy"}, {"aze", "az"},
    {"baq", "eu"}, {"bel", "be"}, {"ben", "bn"}, {"bos", "bs"}, {"bre", "br"}, {"bul", "bg"},
    {"bur", "my"}, {"cat", "ca"}, {"ces", "cs"}, {"chi", "zh"}, {"cym", "cy"}, {"cze", "cs"},
    {"dan", "da"}, {"deu", "de"}, {"dut", "nl"}, {"ell", "el"}, {"eng", "en"}, {"epo", "eo"},
    {"est", "et"}, {"eus", "eu"}, {"fao", "fo"}, {"fas", "fa"}, {"fin", "fi"}, {"fra", "fr"},
    {"fre", "fr"}, {"fry", "fy"}, {"geo", "ka"}, {"ger", "de"}, {"gla", "gd"}, {"gle", "ga"},
    {"glg", "gl"}, {"gre", "el"}, {"guj", "gu"}, {"hat", "ht"}, {"hau", "ha"}, {"heb", "he"},
    {"hin", "hi"}, {"hrv", "hr"}, {"hun", "hu"}, {"hye", "hy"}, {"ibo", "ig"}, {"ice", "is"},
    {"ind", "id"}, {"isl", "is"}, {"ita", "it"}, {"jav", "jv"}, {"jpn", "ja"}, {"kat", "ka"},
    {"kaz", "kk"}, {"khm", "km"}, {"kin", "rw"}, {"kir", "ky"}, {"kor", "ko"}, {"kur", "ku"},
    {"lao", "lo"}, {"lat", "la"}, {"lav", "lv"}, {"lit", "lt"}, {"ltz", "lb"}, {"mac", "mk"},
    {"mal", "ml"}, {"mao", "mi"}, {"mar", "mr"}, {"may", "ms"}, {"mkd", "mk"}, {"mlg", "mg"},
    {"mlt", "mt"}, {"mon", "mn"}, {"mri", "mi"}, {"msa", "ms"}, {"mya", "my"}, {"nep", "ne"},
    {"nld", "nl"}, {"nno", "nn"}, {"nob", "nb"}, {"nor", "no"}, {"oci", "oc"}, {"pan", "pa"},
    {"per", "fa"}, {"pol", "pl"}, {"por", "pt"}, {"pus", "ps"}, {"que", "qu"}, {"roh", "rm"},
    {"ron", "ro"}, {"rum", "ro"}, {"rus", "ru"}, {"sin", "si"}, {"slk", "sk"}, {"slo", "sk"},
    {"slv", "sl"}, {"som", "so"}, {"spa", "es"}, {"sqi", "sq"}, {"srp", "sr"}, {"swa", "sw"},
    {"swe", "sv"}, {"tam", "ta"}, {"tel", "te"}, {"tgk", "tg"}, {"tgl", "tl"}, {"tha", "th"},
    {"tir", "ti"}, {"tuk", "tk"}, {"tur", "tr"}, {"ukr", "uk"}, {"urd", "ur"}, {"uzb", "uz"},
    {"vie", "vi"}, {"wel", "cy"}, {"wol", "wo"}, {"xho", "xh"}, {"yid", "yi"}, {"yor", "yo"},
    {"zho", "zh"}, {"zul", "zu"},
};

/* A language code from a two- or three-letter code (any case), the end of a
 * URI (".../language/FRA"), or a name. 0, or -1. */
static int language_code(const char *s, char out[3])
{
    const char *slash = strrchr(s, '/');
    const char *c = slash ? slash + 1 : s;
    if (strlen(c) == 3) {
        char three[4];
        for (size_t i = 0; i < 4; i++)
            three[i] = (char)tolower((unsigned char)c[i]);
        for (size_t i = 0; i < sizeof iso639_2 / sizeof iso639_2[0]; i++) {
            if (strcmp(three, iso639_2[i].three) == 0 && rs_language_valid(iso639_2[i].two)) {
                memcpy(out, iso639_2[i].two, 3);
                return 0;
            }
        }
    }
    return rs_language_resolve(c, out);
}

void rs_cv_language(rs_cv *cv, long line, const char *field, const char *code_or_name,
                    rs_cefr level)
{
    char code[3], shown[RS_CV_SHOW];
    if (!code_or_name)
        return;
    if (language_code(code_or_name, code) != 0) {
        rs_cv_warn(cv, line, field, "'%s' is no language roster knows (ISO 639-1): not kept",
                   rs_cv_show(shown, code_or_name));
        return;
    }
    for (size_t i = 0; i < json_array_size(cv->languages); i++) {
        json_t *item = json_array_get(cv->languages, i);
        if (strcmp(json_string_value(json_object_get(item, "code")), code) != 0)
            continue;
        rs_cefr had = rs_cefr_parse(json_string_value(json_object_get(item, "level")));
        if (level == RS_CEFR_NATIVE && had != RS_CEFR_NATIVE) {
            if (json_object_set_new(item, "level", json_string("native")) != 0)
                cv->nomem = 1;
        } else if (had != RS_CEFR_NATIVE && level != had) {
            rs_cv_warn(cv, line, field, "'%s' is given twice: the first level (%s) kept, not %s",
                       code, rs_cefr_name(had), rs_cefr_name(level));
        }
        return;
    }
    json_t *item = json_pack("{s:s, s:s}", "code", code, "level", rs_cefr_name(level));
    if (!item || json_array_append_new(cv->languages, item) != 0)
        cv->nomem = 1;
}

void rs_cv_levels_add(rs_cv *cv, rs_cv_levels *lv, long line, const char *field,
                      const char *level)
{
    char shown[RS_CV_SHOW];
    char *s = one_line(level);
    if (!s)
        return;
    rs_cefr l = rs_cefr_parse(s);
    if (l == RS_CEFR_NONE || l == RS_CEFR_NATIVE) {
        rs_cv_error(cv, line, field, "bad CEFR level '%s' (A1..C2)", rs_cv_show(shown, s));
        lv->bad = 1;
    } else if (lv->lowest == RS_CEFR_NONE || l < lv->lowest) {
        lv->lowest = l;
    }
    free(s);
}

/* ---- dates ---- */

/* Up to `max` digits at s, as a number; the count read in *n. */
static int digits(const char *s, int max, int *n)
{
    int v = 0;
    *n = 0;
    while (*n < max && isdigit((unsigned char)s[*n]))
        v = v * 10 + (s[(*n)++] - '0');
    return v;
}

static int write_date(int year, int month, int day, char out[11])
{
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 0 || day > 31)
        return -1;
    if (day)
        snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
    else
        snprintf(out, 11, "%04d-%02d", year, month);
    return 0;
}

int rs_cv_date(const char *s, int end, char out[11])
{
    int n, year, month = end ? 12 : 1, day = 0;
    if (!s)
        return -1;
    while (is_blank(*s))
        s++;
    year = digits(s, 4, &n);
    if (n != 4 || isdigit((unsigned char)s[4]))
        return -1;
    s += 4;
    if (*s == '-' && isdigit((unsigned char)s[1])) {
        month = digits(s + 1, 2, &n);
        s += 1 + n;
        if (*s == '-' && isdigit((unsigned char)s[1]))
            day = digits(s + 1, 2, &n);
    }
    return write_date(year, month, day, out);
}

/* A number written with leading dashes, as XML Schema's gMonth ("--03")
 * and gDay ("---10") are; 0 when absent or not a number. */
static int dashed(const char *s)
{
    int n;
    if (!s)
        return 0;
    while (*s == '-')
        s++;
    int v = digits(s, 2, &n);
    return n && !s[n] ? v : 0;
}

int rs_cv_date_parts(const char *year, const char *month, const char *day, int end,
                     char out[11])
{
    int n;
    int y = year ? digits(year, 4, &n) : 0;
    if (!year || n != 4 || year[4])
        return -1;
    int m = dashed(month);
    return write_date(y, m ? m : end ? 12 : 1, m ? dashed(day) : 0, out);
}

/* ---- experience, education ---- */

void rs_cv_experience(rs_cv *cv, long line, const char *field, const rs_cv_job *job)
{
    char *employer = one_line(job->employer), *role = one_line(job->role);
    if (!job->from || !*job->from) {
        rs_cv_warn(cv, line, field, "%s%s%s: no start date, so not kept", role ? role : "a job",
                   employer ? " at " : "", employer ? employer : "");
        free(employer);
        free(role);
        return;
    }
    json_t *item = json_object();
    if (!item || json_array_append_new(cv->experience, item) != 0)
        cv->nomem = 1;
    else {
        set_string(cv, item, "from", job->from);
        set_string(cv, item, "to", job->to && *job->to ? job->to : NULL);
        set_string(cv, item, "employer", employer);
        set_string(cv, item, "role", role);
        set_string(cv, item, "country", job->country && *job->country ? job->country : NULL);
        char *text = job->text ? tidy_lines(job->text) : NULL;
        if (job->text && !text)
            cv->nomem = 1;
        set_string(cv, item, "text", text && *text ? text : NULL);
        free(text);
    }
    /* The current employer is the first current job's. */
    if (employer && (!job->to || !*job->to) && !cv->employer)
        cv->employer = employer;
    else
        free(employer);
    free(role);
}

void rs_cv_education(rs_cv *cv, long line, long year, const char *degree, const char *field,
                     const char *institution)
{
    char *d = one_line(degree), *f = one_line(field), *i = one_line(institution);
    json_t *item = !d && !f && !i ? NULL : json_object();
    if (!d && !f && !i)
        rs_cv_warn(cv, line, "education",
                   "an entry with no degree, field or institution: not kept");
    else if (!item || json_array_append_new(cv->education, item) != 0)
        cv->nomem = 1;
    else {
        if (year && json_object_set_new(item, "year", json_integer(year)) != 0)
            cv->nomem = 1;
        set_string(cv, item, "degree", d);
        set_string(cv, item, "field", f);
        set_string(cv, item, "institution", i);
    }
    free(d);
    free(f);
    free(i);
}

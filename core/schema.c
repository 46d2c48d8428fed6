/* The field table (see schema.h): terms, queries and facet values per property. */
#include "core/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/qlist.h"
#include "core/taxonomy.h"
#include "core/text.h"

#define MAX_AVAIL_DAYS 732  /* longest avail: range (two years) */

/* prefix + value (without snprintf: indexing makes a couple of hundred
 * terms per expert). */
static int emit2(rs_term_fn emit, void *ctx, const char *prefix, const char *value)
{
    char term[RS_TERM_MAX];
    size_t p = strlen(prefix), v = strlen(value);
    if (p + v >= sizeof term) return 0; /* too long to be a real value */
    memcpy(term, prefix, p);
    memcpy(term + p, value, v + 1);
    return emit(term, ctx);
}

static xc_query *term_query(const char *prefix, const char *value)
{
    char term[RS_TERM_MAX];
    snprintf(term, sizeof term, "%s%s", prefix, value);
    return xc_query_term(term, 1);
}

static xc_query *bad(char *err, size_t errsz, const char *fmt, const char *value)
{
    snprintf(err, errsz, fmt, value);
    return NULL;
}

/* ---- id ---- */

static int id_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    return emit2(emit, ctx, RS_PREFIX_ID, e->id);
}

static xc_query *id_query(const char *v, char *err, size_t errsz)
{
    size_t n = strlen(v);
    if (n == 0 || n > RS_ID_MAX || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                             "0123456789._-") != n)
        return bad(err, errsz, "bad expert id '%s'", v);
    return rs_id_query(v);
}

static int keep_term(const char *term, void *ctx)
{
    snprintf(ctx, RS_TERM_MAX, "%s", term);
    return 0;
}

int rs_id_term(const char *id, char term[RS_TERM_MAX])
{
    rs_expert e = {.id = (char *)id};
    term[0] = 0;
    id_terms(&e, keep_term, term);
    return term[0] ? 0 : -1;
}

xc_query *rs_id_query(const char *id)
{
    char term[RS_TERM_MAX];
    return rs_id_term(id, term) == 0 ? xc_query_term(term, 1) : xc_query_match_nothing();
}

/* ---- hierarchical codes: fields and competences ---- */

static int code_terms(const char *prefix, char *const *codes, size_t n, rs_term_fn emit,
                      void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        int depth = rs_code_depth(codes[i]);
        for (int d = 1; d <= depth; d++) {
            char part[16];
            if (rs_code_prefix(codes[i], d, part, sizeof part) == 0 &&
                emit2(emit, ctx, prefix, part))
                return -1;
        }
    }
    return 0;
}

static int field_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    return code_terms(RS_PREFIX_FIELD, e->fields, e->n_fields, emit, ctx);
}

static int competence_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    return code_terms(RS_PREFIX_COMPETENCE, e->competences, e->n_competences, emit, ctx);
}

static void upper(const char *in, char *out, size_t outsz)
{
    size_t i = 0;
    for (; in[i] && i + 1 < outsz; i++) out[i] = (char)toupper((unsigned char)in[i]);
    out[i] = 0;
}

static xc_query *field_query(const char *v, char *err, size_t errsz)
{
    char code[16];
    if (strlen(v) >= sizeof code) return bad(err, errsz, "malformed field code '%.40s'", v);
    upper(v, code, sizeof code);
    if (!rs_field_code_valid(code))
        return bad(err, errsz, "malformed field code '%s' (e.g. E, E.10, E.10.01)", v);
    return term_query(RS_PREFIX_FIELD, code);
}

static xc_query *competence_query(const char *v, char *err, size_t errsz)
{
    char code[16];
    if (strlen(v) >= sizeof code) return bad(err, errsz, "malformed competence code '%.40s'", v);
    upper(v, code, sizeof code);
    if (!rs_competence_code_valid(code))
        return bad(err, errsz, "malformed competence code '%s' (e.g. 2, 2.1, X)", v);
    return term_query(RS_PREFIX_COMPETENCE, code);
}

/* Codes are well formed here (query accepted them); records may still hold
 * codes outside the taxonomy, so this warns and the search runs. */
static int code_unknown(const char *v, const char *noun,
                        const rs_code_entry *(*lookup)(const rs_taxonomy *, const char *),
                        char *msg, size_t msgsz)
{
    char code[16];
    upper(v, code, sizeof code);
    if (lookup(rs_taxonomy_get(), code)) return 0;
    snprintf(msg, msgsz, "unknown %s code '%s' (not in the taxonomy)", noun, code);
    return 1;
}

static int field_unknown(const char *v, char *msg, size_t msgsz)
{
    return code_unknown(v, "field", rs_taxonomy_field, msg, msgsz);
}

static int competence_unknown(const char *v, char *msg, size_t msgsz)
{
    return code_unknown(v, "competence", rs_taxonomy_competence, msg, msgsz);
}

static void field_facet(const rs_expert *e, char *buf, size_t bufsz)
{
    char letters[27] = {0};
    for (size_t i = 0; i < e->n_fields; i++) {
        char c = e->fields[i][0];
        if (c >= 'A' && c <= 'Z') letters[c - 'A'] = c;
    }
    size_t n = 0;
    for (int i = 0; i < 26 && n + 2 < bufsz; i++)
        if (letters[i]) {
            if (n) buf[n++] = ' ';
            buf[n++] = letters[i];
        }
    buf[n] = 0;
}

/* ---- languages ---- */

static int language_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    for (size_t i = 0; i < e->n_languages; i++) {
        const rs_language *l = &e->languages[i];
        if (emit2(emit, ctx, RS_PREFIX_LANGUAGE, l->code)) return -1;
        if (l->level == RS_CEFR_NONE) continue;
        char value[16];
        snprintf(value, sizeof value, "%s:%s", l->code, rs_cefr_name(l->level));
        if (emit2(emit, ctx, RS_PREFIX_LANGUAGE_LEVEL, value)) return -1;
    }
    return 0;
}

/* Why a lang: value names no language: a two-letter code outside ISO 639-1,
 * else the nearest name, as nat: says of a country. */
static xc_query *unknown_language(const char *name, char *err, size_t errsz)
{
    if (strlen(name) == 2) return bad(err, errsz, "unknown language code '%s'", name);
    const char *near = rs_language_suggest(name);
    if (near) {
        snprintf(err, errsz, "unknown language '%.40s' (did you mean %s, %s?)", name, near,
                 rs_language_name(near));
        return NULL;
    }
    return bad(err, errsz, "unknown language '%.40s' (ISO 639-1 code or name, e.g. fr, French "
                           "or français)", name);
}

/* "fr", "French" or "français>=C1" (names in the four languages, as nat:
 * takes countries): the level form is an OR of the level terms from C1 up
 * (an expert has one level term per language). */
static xc_query *language_query(const char *v, char *err, size_t errsz)
{
    char code[3], name[64];
    const char *level = strstr(v, ">=");
    size_t n = level ? (size_t)(level - v) : strlen(v);
    if (strcspn(v, "<>=") < n)
        return bad(err, errsz, "bad language '%.40s': a level is asked as at or above it, "
                               "with >= (e.g. fr>=C1)", v);
    if (n == 0 || n >= sizeof name)
        return bad(err, errsz, "bad language '%.40s' (ISO 639-1 code or name, e.g. fr, French "
                               "or fr>=C1)", v);
    memcpy(name, v, n);
    name[n] = 0;
    if (rs_language_resolve(name, code) != 0) return unknown_language(name, err, errsz);
    if (!level) return term_query(RS_PREFIX_LANGUAGE, code);
    rs_cefr lv = rs_cefr_parse(level + 2);
    if (lv == RS_CEFR_NONE)
        return bad(err, errsz, "bad CEFR level '%.20s' (A1..C2 or native)", level + 2);
    rs_qlist levels = {0};
    for (; lv <= RS_CEFR_NATIVE; lv++) {
        char value[16];
        snprintf(value, sizeof value, "%s:%s", code, rs_cefr_name(lv));
        rs_qlist_add(&levels, term_query(RS_PREFIX_LANGUAGE_LEVEL, value));
    }
    xc_query *any = rs_qlist_combine(&levels, XC_OP_OR);
    rs_qlist_free(&levels);
    return any;
}

/* Append `s` to a space-separated sorted set in buf, unless present. */
static void set_add(char *buf, size_t bufsz, const char *s)
{
    size_t len = strlen(s), n = strlen(buf);
    char *p = buf;
    while (*p) {
        int c = strncmp(p, s, len);
        if (c == 0 && (p[len] == ' ' || p[len] == 0)) return;
        if (c > 0) break;
        p = strchr(p, ' ');
        if (!p) { p = buf + n; break; }
        p++;
    }
    if (n + len + 2 > bufsz) return;
    size_t at = (size_t)(p - buf);
    if (at == n) {
        if (n) buf[n++] = ' ';
        memcpy(buf + n, s, len + 1);
    } else {
        memmove(buf + at + len + 1, buf + at, n - at + 1);
        memcpy(buf + at, s, len);
        buf[at + len] = ' ';
    }
}

static void language_facet(const rs_expert *e, char *buf, size_t bufsz)
{
    buf[0] = 0;
    for (size_t i = 0; i < e->n_languages; i++) set_add(buf, bufsz, e->languages[i].code);
}

/* ---- countries ---- */

static int nationality_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    for (size_t i = 0; i < e->n_nationalities; i++)
        if (emit2(emit, ctx, RS_PREFIX_NATIONALITY, e->nationalities[i])) return -1;
    return 0;
}

static xc_query *country_query(const char *prefix, const char *v, char *err, size_t errsz)
{
    char code[3], which[160];
    if (rs_country_resolve(v, code) != 0) {
        const char *near = rs_country_suggest(v);
        if (rs_country_ambiguous(v, which, sizeof which)) {
            snprintf(err, errsz, "'%.40s' names more than one country: %s; give the code", v,
                     which);
            return NULL;
        }
        if (near) {
            snprintf(err, errsz, "unknown country '%.40s' (did you mean %s, %s?)", v, near,
                     rs_country_name(near));
            return NULL;
        }
        return bad(err, errsz, "unknown country '%.40s'", v);
    }
    return term_query(prefix, code);
}

static xc_query *nationality_query(const char *v, char *err, size_t errsz)
{
    return country_query(RS_PREFIX_NATIONALITY, v, err, errsz);
}

static void nationality_facet(const rs_expert *e, char *buf, size_t bufsz)
{
    buf[0] = 0;
    for (size_t i = 0; i < e->n_nationalities; i++) set_add(buf, bufsz, e->nationalities[i]);
}

static int country_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    for (size_t i = 0; i < e->n_missions; i++)
        if (e->missions[i].country[0] &&
            emit2(emit, ctx, RS_PREFIX_COUNTRY, e->missions[i].country))
            return -1;
    for (size_t i = 0; i < e->n_experience; i++)
        if (e->experience[i].country[0] &&
            emit2(emit, ctx, RS_PREFIX_COUNTRY, e->experience[i].country))
            return -1;
    return 0;
}

static xc_query *mission_country_query(const char *v, char *err, size_t errsz)
{
    return country_query(RS_PREFIX_COUNTRY, v, err, errsz);
}

/* ---- sector and gender ---- */

static int sector_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    return e->status ? emit2(emit, ctx, RS_PREFIX_SECTOR, rs_sector_name(e->status)) : 0;
}

/* Any case (sector:Public), as gender:f and the other prefixes; records
 * keep the exact lower-case names. */
static xc_query *sector_query(const char *v, char *err, size_t errsz)
{
    char name[32];
    size_t i = 0;
    for (; v[i] && i + 1 < sizeof name; i++) name[i] = (char)tolower((unsigned char)v[i]);
    name[i] = 0;
    rs_sector s = v[i] ? RS_SECTOR_NONE : rs_sector_parse(name);
    if (s == RS_SECTOR_NONE)
        return bad(err, errsz,
                   "unknown sector '%.40s' (public, retired_public, mandated_body, "
                   "social_partner, academic, private, international_org)", v);
    return term_query(RS_PREFIX_SECTOR, rs_sector_name(s));
}

static void sector_facet(const rs_expert *e, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s", e->status ? rs_sector_name(e->status) : "");
}

static int gender_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    char g[2] = {e->gender, 0};
    return e->gender ? emit2(emit, ctx, RS_PREFIX_GENDER, g) : 0;
}

static xc_query *gender_query(const char *v, char *err, size_t errsz)
{
    char g[2] = {(char)toupper((unsigned char)v[0]), 0};
    if (strlen(v) != 1 || !strchr("FMX", g[0]))
        return bad(err, errsz, "bad gender '%.20s' (F, M or X)", v);
    return term_query(RS_PREFIX_GENDER, g);
}

static void gender_facet(const rs_expert *e, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%s", e->gender ? (char[2]){e->gender, 0} : "");
}

/* ---- availability ---- */

static void month_of(int32_t day, char out[8])
{
    char buf[11];
    rs_date_format(day, buf);
    memcpy(out, buf, 7);
    out[7] = 0;
}

/* First and last day of the month holding `day`. */
static void month_bounds(int32_t day, int32_t *first, int32_t *last)
{
    char month[8];
    month_of(day, month);
    rs_date_parse(month, 0, first);
    rs_date_parse(month, 1, last);
}

/* A month wholly inside a period gets an XUF term instead of a term per day,
 * so a period of years costs two terms a month and is indexed to its end. */
static int avail_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    for (size_t i = 0; i < e->n_unavailable; i++) {
        int32_t from = e->unavailable[i].from, to = e->unavailable[i].to;
        if (to == RS_DATE_OPEN) to = from + MAX_AVAIL_DAYS; /* records always give an end */
        for (int32_t d = from; d <= to;) {
            char month[8], day[11];
            int32_t first, last;
            month_of(d, month);
            month_bounds(d, &first, &last);
            if (emit2(emit, ctx, RS_PREFIX_UNAVAILABLE_MONTH, month)) return -1;
            if (first >= from && last <= to) {
                if (emit2(emit, ctx, RS_PREFIX_UNAVAILABLE_FULL_MONTH, month)) return -1;
                d = last + 1;
                continue;
            }
            for (; d <= to && d <= last; d++) {
                rs_date_format(d, day);
                if (emit2(emit, ctx, RS_PREFIX_UNAVAILABLE_DAY, day)) return -1;
            }
        }
    }
    return 0;
}

/* Experts with an unavailable day in [from, to]: an XUM term for a month
 * wholly inside the range; for a month the range covers in part, the
 * month's XUF term (unavailable all month) or an XUD term of a day in range. */
xc_query *rs_unavailable_query(int32_t from, int32_t to)
{
    rs_qlist busy = {0};
    for (int32_t d = from; d <= to && !busy.oom;) {
        char month[8], day[11];
        int32_t first, last;
        month_of(d, month);
        month_bounds(d, &first, &last);
        if (first >= from && last <= to) {
            rs_qlist_add(&busy, term_query(RS_PREFIX_UNAVAILABLE_MONTH, month));
            d = last + 1;
            continue;
        }
        rs_qlist_add(&busy, term_query(RS_PREFIX_UNAVAILABLE_FULL_MONTH, month));
        for (; d <= to && d <= last && !busy.oom; d++) {
            rs_date_format(d, day);
            rs_qlist_add(&busy, term_query(RS_PREFIX_UNAVAILABLE_DAY, day));
        }
    }
    xc_query *any = rs_qlist_combine(&busy, XC_OP_OR);
    rs_qlist_free(&busy);
    return any;
}

xc_query *rs_avail_query(int32_t from, int32_t to)
{
    xc_query *any = rs_unavailable_query(from, to), *all = xc_query_match_all(), *result = NULL;
    if (any && all) result = xc_query_combine(XC_OP_AND_NOT, (xc_query *[]){all, any}, 2);
    xc_query_free(any);
    xc_query_free(all);
    return result;
}

/* "FROM..TO", both dates. */
static xc_query *avail_query(const char *v, char *err, size_t errsz)
{
    const char *dots = strstr(v, "..");
    char from_s[16], to_s[16];
    int32_t from, to;
    if (!dots && strlen(v) < sizeof from_s) {
        /* One day, or a whole month: available on every day of it. */
        if (rs_date_parse(v, 0, &from) != 0 || rs_date_parse(v, 1, &to) != 0)
            return bad(err, errsz, "bad date '%s' (" RS_DATE_EXPECTED ", or FROM..TO)", v);
        return rs_avail_query(from, to);
    }
    if (!dots || (size_t)(dots - v) >= sizeof from_s || strlen(dots + 2) >= sizeof to_s)
        return bad(err, errsz, "bad range '%.40s' (FROM..TO, e.g. 2027-03-01..2027-03-20)", v);
    memcpy(from_s, v, (size_t)(dots - v));
    from_s[dots - v] = 0;
    strcpy(to_s, dots + 2);
    if (rs_date_parse(from_s, 0, &from) != 0)
        return bad(err, errsz, "bad date '%s' (" RS_DATE_EXPECTED ")", from_s);
    if (rs_date_parse(to_s, 1, &to) != 0)
        return bad(err, errsz, "bad date '%s' (" RS_DATE_EXPECTED ")", to_s);
    if (to < from) return bad(err, errsz, "range '%.40s' ends before it starts", v);
    if (to - from > MAX_AVAIL_DAYS)
        return bad(err, errsz, "range '%.40s' is longer than two years", v);
    return rs_avail_query(from, to);
}

/* ---- recent load (index only: read by the matcher's max_load_days) ---- */

/* Month index (year*12 + month-1) of a day. */
static int month_number(int32_t day)
{
    char buf[11];
    rs_date_format(day, buf);
    return atoi(buf) * 12 + atoi(buf + 5) - 1;
}

/* n as `width` decimal digits (n >= 0, fits). */
static char *put_digits(char *out, int n, int width)
{
    for (int i = width - 1; i >= 0; i--, n /= 10) out[i] = (char)('0' + n % 10);
    return out + width;
}

/* "YYYY-MM" of month index m. */
static void month_text(int m, char out[8])
{
    char *p = put_digits(out, m / 12, 4);
    *p++ = '-';
    *put_digits(p, m % 12 + 1, 2) = 0;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* XLD<M>:<days> holds rs_load_days as seen from the month after M, for
 * every month M whose count is not zero: a ToR starting in month M+1
 * filters on the terms of M. The count changes only at a month where a
 * mission starts or one leaves the RS_RECENT_MONTHS window, so rs_load_days is
 * asked once per stretch between such months rather than every month. */
static int load_terms(const rs_expert *e, rs_term_fn emit, void *ctx)
{
    size_t n = e->n_missions;
    if (n == 0) return 0;
    int *edges = malloc(2 * n * sizeof *edges);
    if (!edges) return -1;
    int lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        int m = month_number(e->missions[i].when.from);
        edges[2 * i] = m;
        edges[2 * i + 1] = m + RS_RECENT_MONTHS;
        if (i == 0 || m < lo) lo = m;
        if (i == 0 || m > hi) hi = m;
    }
    hi += RS_RECENT_MONTHS - 1;
    if (hi - lo > 12 * 40) lo = hi - 12 * 40; /* bound the work on absurd dates */
    qsort(edges, 2 * n, sizeof *edges, by_int);
    size_t next = 0;
    int days = 0, known = 0, rc = 0;
    for (int m = lo; m <= hi && !rc; m++) {
        for (; next < 2 * n && edges[next] <= m; next++) known = 0;
        char month[8], value[16];
        int32_t day;
        month_text(m + 1, month);
        if (rs_date_parse(month, 0, &day) != 0) continue;
        if (!known) days = rs_load_days(e, day), known = 1;
        if (days <= 0) continue;
        month_text(m, value);
        value[7] = ':';
        *put_digits(value + 8, days > 999 ? 999 : days, 3) = 0;
        rc = emit2(emit, ctx, RS_PREFIX_LOAD, value);
    }
    free(edges);
    return rc ? -1 : 0;
}

typedef struct { int max; size_t prefix_len; rs_qlist *out; } overloaded_ctx;

static int add_overloaded(const char *term, uint32_t freq, void *arg)
{
    (void)freq;
    overloaded_ctx *c = arg;
    if (atoi(term + c->prefix_len) > c->max) rs_qlist_add(c->out, xc_query_term(term, 1));
    return c->out->oom;
}

int rs_overloaded_terms(xc_db *db, int32_t day, int max, rs_qlist *out)
{
    /* load_terms writes month M's count for a day of month M+1: the terms
     * of the month before day's. */
    char month[8], prefix[RS_TERM_MAX];
    month_text(month_number(day) - 1, month);
    snprintf(prefix, sizeof prefix, "%s%s:", RS_PREFIX_LOAD, month);
    overloaded_ctx c = {max, strlen(prefix), out};
    return xc_db_each_term(db, prefix, add_overloaded, &c) == XC_OK && !out->oom ? 0 : -1;
}

/* ---- the table ---- */

const rs_field rs_fields[] = {
    {"field", "field", 'f', 1, RS_PREFIX_FIELD, 1,
     "field of expertise; a code finds its sub-codes", "field:E.10", 1,
     field_terms, field_query, field_facet, field_unknown},
    {"comp", NULL, 0, 0, NULL, 0, "horizontal competence; a code finds its sub-codes", "comp:2.1", 1,
     competence_terms, competence_query, NULL, competence_unknown},
    {"lang", "language", 'l', 2, RS_PREFIX_LANGUAGE, 0,
     "language: ISO code or name, as for nat:; optionally at or above a CEFR level "
     "(A1..C2, native)", "lang:fr>=C1", 0,
     language_terms, language_query, language_facet, NULL},
    {"nat", "nationality", 'n', 3, RS_PREFIX_NATIONALITY, 0,
     "nationality: ISO code (EL, UK too) or name in English, French, Spanish, Portuguese",
     "nat:ES", 0, nationality_terms, nationality_query, nationality_facet, NULL},
    {"country", NULL, 0, 0, NULL, 0, "country of past missions or work experience", "country:SN", 0,
     country_terms, mission_country_query, NULL, NULL},
    {"sector", "sector", 's', 4, RS_PREFIX_SECTOR, 0,
     "status: public, retired_public, mandated_body, social_partner, academic, private, "
     "international_org", "sector:public", 0, sector_terms, sector_query, sector_facet, NULL},
    {"gender", "gender", 'g', 5, RS_PREFIX_GENDER, 0, "gender: F, M or X", "gender:F", 0,
     gender_terms, gender_query, gender_facet, NULL},
    {"avail", NULL, 0, 0, NULL, 0, "available over a date range, a day or a month", "avail:2027-03-01..2027-03-20", 0,
     avail_terms, avail_query, NULL, NULL},
    {"id", NULL, 0, 0, NULL, 0, "expert id", "id:EXP-00042", 0, id_terms, id_query, NULL, NULL},
    {NULL, NULL, 0, 0, NULL, 0, "mission days in the last 12 months (for the matcher)", NULL, 0,
     load_terms, NULL, NULL, NULL},
};
const size_t rs_n_fields = sizeof rs_fields / sizeof rs_fields[0];

void rs_facet_tokens(const rs_expert *e, const rs_field *only, char *buf, size_t bufsz)
{
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < rs_n_fields; i++) {
        const rs_field *f = &rs_fields[i];
        if (!f->facet_value || (only && f != only)) continue;
        char values[1024];
        f->facet_value(e, values, sizeof values);
        for (char *v = values, *next; *v; v = next) {
            size_t len = strcspn(v, " ");
            next = v[len] ? v + len + 1 : v + len;
            if (n + len + 3 > bufsz) return; /* key, separator, NUL */
            if (n) buf[n++] = ' ';
            buf[n++] = f->facet_key;
            memcpy(buf + n, v, len);
            n += len;
            buf[n] = 0;
        }
    }
}

const rs_field *rs_field_find(const char *name, size_t len)
{
    for (size_t i = 0; i < rs_n_fields; i++)
        if (rs_fields[i].name && strlen(rs_fields[i].name) == len &&
            strncasecmp(rs_fields[i].name, name, len) == 0)
            return &rs_fields[i];
    return NULL;
}

const rs_field *rs_field_nearest(const char *name, size_t len)
{
    char buf[64];
    if (len >= sizeof buf) len = sizeof buf - 1;
    for (size_t i = 0; i < len; i++) buf[i] = (char)tolower((unsigned char)name[i]);
    buf[len] = 0;
    const rs_field *best = NULL;
    int best_d = 3; /* farther than two edits is no suggestion */
    for (size_t i = 0; i < rs_n_fields; i++) {
        if (!rs_fields[i].name) continue;
        int d = rs_edit_distance(buf, rs_fields[i].name);
        if (d < best_d) best_d = d, best = &rs_fields[i];
    }
    return best;
}

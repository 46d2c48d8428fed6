/*
 * The compact profile of an expert, as text lines "key value":
 *
 *   roster-profile 1
 *   id EXP-00042
 *   name Ana María Sousa                 (a backslash written \\, a line break \n)
 *   gender F
 *   nat ES PT
 *   res ES
 *   status retired_public
 *   lang es:native fr:C1
 *   fields E.10 E.10.01
 *   comp 2.1 X
 *   cv es
 *   mission SN 17959 17970 10 1         (country or "-", from, to, days, lead 0/1)
 *   unavail 20454 20468                 (from, to)
 *
 * id and name are always written (the decoder requires them); a name may
 * hold any UTF-8. Dates are day numbers, so decoding needs no calendar
 * arithmetic and every value, RS_DATE_OPEN included, survives exactly.
 * Absent members have no line; mission and unavail lines repeat, the others
 * appear at most once.
 * The decoder is strict (unknown keys, stray spaces, a missing final newline
 * are all malformed): a profile is only ever written by rs_profile_encode,
 * so anything else is damage to be detected, not input to be forgiven.
 */
#include "core/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/text.h"

#define PROFILE_VERSION "roster-profile 1"
#define TOKEN_MAX 32 /* longer than any code, status name or number we write */

/* ---- Encoding ------------------------------------------------------- */

static void put_name(FILE *f, const char *name)
{
    fputs("name ", f);
    for (const char *p = name; *p; p++) {
        if (*p == '\\')
            fputs("\\\\", f);
        else if (*p == '\n')
            fputs("\\n", f);
        else
            fputc(*p, f);
    }
    fputc('\n', f);
}

static void put_list(FILE *f, const char *key, char **items, size_t n)
{
    if (n == 0)
        return;
    fputs(key, f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, " %s", items[i]);
    fputc('\n', f);
}

static void put_members(FILE *f, const rs_expert *e)
{
    fprintf(f, "%s\nid %s\n", PROFILE_VERSION, e->id ? e->id : "");
    put_name(f, e->name ? e->name : "");
    if (e->gender)
        fprintf(f, "gender %c\n", e->gender);
    if (e->n_nationalities > 0) {
        fputs("nat", f);
        for (size_t i = 0; i < e->n_nationalities; i++)
            fprintf(f, " %s", e->nationalities[i]);
        fputc('\n', f);
    }
    if (e->residence[0])
        fprintf(f, "res %s\n", e->residence);
    if (e->status != RS_SECTOR_NONE)
        fprintf(f, "status %s\n", rs_sector_name(e->status));
    if (e->n_languages > 0) {
        fputs("lang", f);
        for (size_t i = 0; i < e->n_languages; i++)
            fprintf(f, " %s:%s", e->languages[i].code, rs_cefr_name(e->languages[i].level));
        fputc('\n', f);
    }
    put_list(f, "fields", e->fields, e->n_fields);
    put_list(f, "comp", e->competences, e->n_competences);
    if (e->cv_lang[0])
        fprintf(f, "cv %s\n", e->cv_lang);
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        fprintf(f, "mission %s %ld %ld %d %d\n", m->country[0] ? m->country : "-",
                (long)m->when.from, (long)m->when.to, m->days, m->lead ? 1 : 0);
    }
    for (size_t i = 0; i < e->n_unavailable; i++)
        fprintf(f, "unavail %ld %ld\n", (long)e->unavailable[i].from, (long)e->unavailable[i].to);
}

char *rs_profile_encode(const rs_expert *e, size_t *len)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return NULL;
    put_members(f, e);
    int write_failed = ferror(f);
    if (fclose(f) != 0 || write_failed) {
        free(text);
        return NULL;
    }
    *len = size;
    return text;
}

/* ---- Decoding ------------------------------------------------------- */

/* One value of a line, cut into tokens separated by single spaces. */
typedef struct {
    const char *p, *end;
} rs_tokens;

/* Next token, copied NUL-terminated into tok. 1 found, 0 at the end, -1 when
 * malformed (empty token from a stray space, or longer than TOKEN_MAX). */
static int next_token(rs_tokens *t, char tok[TOKEN_MAX + 1])
{
    if (t->p == NULL)
        return 0;
    const char *sp = memchr(t->p, ' ', (size_t)(t->end - t->p));
    const char *stop = sp ? sp : t->end;
    size_t n = (size_t)(stop - t->p);
    if (n == 0 || n > TOKEN_MAX)
        return -1;
    memcpy(tok, t->p, n);
    tok[n] = '\0';
    t->p = sp ? sp + 1 : NULL;
    return 1;
}

static size_t count_tokens(const char *v, size_t n)
{
    size_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += v[i] == ' ';
    return count;
}

/* A decimal integer in [lo, hi] (at most 10 digits, optionally negative),
 * nothing else. */
static int parse_int(const char *s, long lo, long hi, long *out)
{
    int neg = *s == '-';
    const char *p = s + neg;
    size_t digits = strlen(p);
    long long v = 0;
    if (digits == 0 || digits > 10)
        return -1;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    v = neg ? -v : v;
    if (v < lo || v > hi)
        return -1;
    *out = (long)v;
    return 0;
}

static int parse_date(const char *s, int32_t *out)
{
    long v;
    if (parse_int(s, INT32_MIN, INT32_MAX, &v) != 0)
        return -1;
    *out = (int32_t)v;
    return 0;
}

static int decode_id(rs_expert *e, const char *v, size_t n)
{
    if (!rs_id_syntax_ok(v, n))
        return -1;
    e->id = strndup(v, n);
    return e->id ? 0 : -1;
}

static int decode_name(rs_expert *e, const char *v, size_t n)
{
    char *name = malloc(n + 1);
    size_t len = 0;
    if (!name)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] != '\\') {
            name[len++] = v[i];
        } else if (i + 1 < n && (v[i + 1] == '\\' || v[i + 1] == 'n')) {
            name[len++] = v[++i] == 'n' ? '\n' : '\\';
        } else {
            free(name);
            return -1;
        }
    }
    name[len] = '\0';
    if (len == 0 || !rs_utf8_valid(name, len)) {
        free(name);
        return -1;
    }
    e->name = name;
    return 0;
}

static int decode_gender(rs_expert *e, const char *v, size_t n)
{
    if (n != 1 || !strchr("FMX", v[0]))
        return -1;
    e->gender = v[0];
    return 0;
}

static int decode_nationalities(rs_expert *e, const char *v, size_t n)
{
    rs_tokens t = {v, v + n};
    char tok[TOKEN_MAX + 1];
    int st;
    if (!(e->nationalities = calloc(count_tokens(v, n), sizeof *e->nationalities)))
        return -1;
    while ((st = next_token(&t, tok)) == 1) {
        if (!rs_country_valid(tok))
            return -1;
        memcpy(e->nationalities[e->n_nationalities++], tok, 3);
    }
    return st;
}

static int decode_residence(rs_expert *e, const char *v, size_t n)
{
    if (n != 2 || !rs_country_valid((char[3]){v[0], v[1], '\0'}))
        return -1;
    memcpy(e->residence, v, 2);
    return 0;
}

static int decode_status(rs_expert *e, const char *v, size_t n)
{
    char tok[TOKEN_MAX + 1];
    rs_tokens t = {v, v + n};
    if (next_token(&t, tok) != 1 || t.p != NULL)
        return -1;
    e->status = rs_sector_parse(tok);
    return e->status == RS_SECTOR_NONE ? -1 : 0;
}

static int decode_languages(rs_expert *e, const char *v, size_t n)
{
    rs_tokens t = {v, v + n};
    char tok[TOKEN_MAX + 1];
    int st;
    if (!(e->languages = calloc(count_tokens(v, n), sizeof *e->languages)))
        return -1;
    while ((st = next_token(&t, tok)) == 1) {
        rs_language *l = &e->languages[e->n_languages];
        if (strlen(tok) < 4 || tok[2] != ':')
            return -1;
        tok[2] = '\0';
        if (!rs_language_valid(tok) || (l->level = rs_cefr_parse(tok + 3)) == RS_CEFR_NONE)
            return -1;
        memcpy(l->code, tok, 3);
        e->n_languages++;
    }
    return st;
}

static int decode_codes(char ***codes, size_t *n_codes, int (*valid)(const char *),
                        const char *v, size_t n)
{
    rs_tokens t = {v, v + n};
    char tok[TOKEN_MAX + 1];
    int st;
    if (!(*codes = calloc(count_tokens(v, n), sizeof **codes)))
        return -1;
    while ((st = next_token(&t, tok)) == 1) {
        if (!valid(tok) || !((*codes)[*n_codes] = strdup(tok)))
            return -1;
        (*n_codes)++;
    }
    return st;
}

static int decode_fields(rs_expert *e, const char *v, size_t n)
{
    return decode_codes(&e->fields, &e->n_fields, rs_field_code_valid, v, n);
}

static int decode_competences(rs_expert *e, const char *v, size_t n)
{
    return decode_codes(&e->competences, &e->n_competences, rs_competence_code_valid, v, n);
}

static int decode_cv_lang(rs_expert *e, const char *v, size_t n)
{
    if (n != 2 || !rs_language_valid((char[3]){v[0], v[1], '\0'}))
        return -1;
    memcpy(e->cv_lang, v, 2);
    return 0;
}

/* Read exactly `count` tokens of a line into toks. */
static int read_tokens(const char *v, size_t n, char toks[][TOKEN_MAX + 1], size_t count)
{
    rs_tokens t = {v, v + n};
    for (size_t i = 0; i < count; i++)
        if (next_token(&t, toks[i]) != 1)
            return -1;
    return t.p == NULL ? 0 : -1;
}

/* Grow an array by one zeroed element. */
static void *grow(void *items, size_t n, size_t size)
{
    char *p = realloc(items, (n + 1) * size);
    if (p)
        memset(p + n * size, 0, size);
    return p;
}

static int decode_mission(rs_expert *e, const char *v, size_t n)
{
    char toks[5][TOKEN_MAX + 1];
    long days, lead;
    rs_mission m = {0};
    if (read_tokens(v, n, toks, 5) != 0)
        return -1;
    if (strcmp(toks[0], "-") != 0) {
        if (!rs_country_valid(toks[0]))
            return -1;
        memcpy(m.country, toks[0], 3);
    }
    if (parse_date(toks[1], &m.when.from) != 0 || parse_date(toks[2], &m.when.to) != 0 ||
        parse_int(toks[3], 0, 100000, &days) != 0 || parse_int(toks[4], 0, 1, &lead) != 0)
        return -1;
    m.days = (int)days;
    m.lead = (int)lead;
    rs_mission *missions = grow(e->missions, e->n_missions, sizeof *missions);
    if (!missions)
        return -1;
    e->missions = missions;
    e->missions[e->n_missions++] = m;
    return 0;
}

static int decode_unavailable(rs_expert *e, const char *v, size_t n)
{
    char toks[2][TOKEN_MAX + 1];
    rs_period p;
    if (read_tokens(v, n, toks, 2) != 0 || parse_date(toks[0], &p.from) != 0 ||
        parse_date(toks[1], &p.to) != 0)
        return -1;
    rs_period *periods = grow(e->unavailable, e->n_unavailable, sizeof *periods);
    if (!periods)
        return -1;
    e->unavailable = periods;
    e->unavailable[e->n_unavailable++] = p;
    return 0;
}

static const struct {
    const char *key;
    int repeats;
    int (*decode)(rs_expert *e, const char *v, size_t n);
} line_kinds[] = {
    {"id", 0, decode_id},
    {"name", 0, decode_name},
    {"gender", 0, decode_gender},
    {"nat", 0, decode_nationalities},
    {"res", 0, decode_residence},
    {"status", 0, decode_status},
    {"lang", 0, decode_languages},
    {"fields", 0, decode_fields},
    {"comp", 0, decode_competences},
    {"cv", 0, decode_cv_lang},
    {"mission", 1, decode_mission},
    {"unavail", 1, decode_unavailable},
};

#define N_KINDS (sizeof line_kinds / sizeof line_kinds[0])

/* One "key value" line, without its newline. */
static int decode_line(rs_expert *e, const char *line, size_t len, unsigned *seen)
{
    const char *sp = memchr(line, ' ', len);
    if (!sp)
        return -1;
    size_t key_len = (size_t)(sp - line);
    for (size_t k = 0; k < N_KINDS; k++) {
        if (strlen(line_kinds[k].key) != key_len || memcmp(line_kinds[k].key, line, key_len) != 0)
            continue;
        if (!line_kinds[k].repeats && (*seen & (1u << k)))
            return -1;
        *seen |= 1u << k;
        return line_kinds[k].decode(e, sp + 1, len - key_len - 1);
    }
    return -1;
}

int rs_profile_decode(const char *data, size_t len, rs_expert *out)
{
    const size_t vlen = strlen(PROFILE_VERSION);
    const char *p = data, *end = data + len;
    unsigned seen = 0;
    memset(out, 0, sizeof *out);
    if (len <= vlen || memcmp(data, PROFILE_VERSION "\n", vlen + 1) != 0 ||
        data[len - 1] != '\n' || memchr(data, '\0', len))
        return -1;
    for (p += vlen + 1; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (decode_line(out, p, (size_t)(nl - p), &seen) != 0)
            break;
        p = nl + 1;
    }
    /* id and name are the first two kinds, and every profile has them. */
    if (p < end || (seen & 3u) != 3u) {
        rs_expert_free(out);
        return -1;
    }
    return 0;
}

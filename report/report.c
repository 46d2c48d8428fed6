/*
 * The diversity report: tallies over the store's summary columns and
 * missions (no record is parsed, so it stays fast on a large roster), then
 * JSON, text and an SVG chart. See report.h.
 */
#include "report/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/model.h"
#include "core/term.h"
#include "core/text.h"

#define UNKNOWN "unknown"

/* ---- building the tables ---- */

/* One expert of the roster, by the rows the expert counts under. */
typedef struct {
    char *id;
    size_t nationality, gender, sector;
    size_t first_language, n_languages; /* slice of builder.languages */
    int mobilised;
} member;

typedef struct {
    rs_report *r;
    member *members;
    size_t n_members, cap_members;
    size_t *languages;  /* language row indexes of every member, end to end */
    size_t n_languages, cap_languages;
    char *err;
    size_t errsz;
} builder;

/* items with room for `need` elements of `size` bytes: the same block, a
 * larger one (then *cap grows), or NULL when out of memory (items is then
 * still valid). */
static void *grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t cap2 = *cap ? *cap * 2 : 64;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(items, cap2 * size);
    if (p)
        *cap = cap2;
    return p;
}

#define NO_ROW ((size_t)-1)

/* The row for key (len bytes), added when new; NO_ROW when out of memory.
 * Tables hold a few hundred rows at most (countries, languages), so a linear
 * search costs less than keeping an index. */
static size_t row_of(rs_report_table *t, size_t *cap, const char *key, size_t len)
{
    if (len == 0) {
        key = UNKNOWN;
        len = strlen(UNKNOWN);
    }
    if (len >= sizeof t->rows[0].key)
        len = sizeof t->rows[0].key - 1;
    for (size_t i = 0; i < t->n; i++)
        if (strncmp(t->rows[i].key, key, len) == 0 && t->rows[i].key[len] == 0)
            return i;
    rs_report_row *rows = grow(t->rows, cap, t->n + 1, sizeof *rows);
    if (!rows)
        return NO_ROW;
    t->rows = rows;
    rs_report_row *row = &t->rows[t->n];
    memset(row, 0, sizeof *row);
    memcpy(row->key, key, len);
    row->key[len] = 0;
    return t->n++;
}

typedef struct {
    size_t nationality, gender, sector, language;
} table_caps;

static rs_status oom(builder *b)
{
    snprintf(b->err, b->errsz, "out of memory");
    return RS_ERR_NOMEM;
}

/* Add the languages spoken at B2 or above in "fr:C1 en:B2" to member m,
 * each once. */
static rs_status add_languages(builder *b, table_caps *caps, member *m, const char *list)
{
    rs_cefr floor = rs_cefr_parse(RS_REPORT_LANGUAGE_LEVEL);
    m->first_language = b->n_languages;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, " ");
        const char *colon = memchr(p, ':', len);
        char level[8] = "";
        if (colon && (size_t)(p + len - colon - 1) < sizeof level)
            memcpy(level, colon + 1, (size_t)(p + len - colon - 1));
        if (colon && colon > p && rs_cefr_parse(level) >= floor) {
            size_t row = row_of(&b->r->language, &caps->language, p, (size_t)(colon - p));
            if (row == NO_ROW)
                return oom(b);
            int seen = 0;
            for (size_t i = m->first_language; i < b->n_languages; i++)
                seen |= b->languages[i] == row;
            if (!seen) {
                size_t *langs = grow(b->languages, &b->cap_languages, b->n_languages + 1,
                                     sizeof *langs);
                if (!langs)
                    return oom(b);
                b->languages = langs;
                b->languages[b->n_languages++] = row;
                b->r->language.rows[row].experts++;
            }
        }
        p += len;
        p += strspn(p, " ");
    }
    m->n_languages = b->n_languages - m->first_language;
    return RS_OK;
}

typedef struct {
    builder *b;
    table_caps caps;
} summary_ctx;

static rs_status on_summary(const rs_store_summary *row, void *ctx)
{
    summary_ctx *c = ctx;
    builder *b = c->b;
    rs_report *r = b->r;
    member *members = grow(b->members, &b->cap_members, b->n_members + 1, sizeof *members);
    if (!members)
        return oom(b);
    b->members = members;
    member *m = &b->members[b->n_members];
    memset(m, 0, sizeof *m);
    m->id = strdup(row->id);
    if (!m->id)
        return oom(b);
    b->n_members++;
    char gender[2] = {row->gender, 0};
    m->nationality = row_of(&r->nationality, &c->caps.nationality, row->nationalities,
                            strcspn(row->nationalities, " "));
    m->gender = row_of(&r->gender, &c->caps.gender, gender, strlen(gender));
    m->sector = row_of(&r->sector, &c->caps.sector, row->status, strlen(row->status));
    if (m->nationality == NO_ROW || m->gender == NO_ROW || m->sector == NO_ROW)
        return oom(b);
    r->nationality.rows[m->nationality].experts++;
    r->gender.rows[m->gender].experts++;
    r->sector.rows[m->sector].experts++;
    r->experts++;
    return add_languages(b, &c->caps, m, row->languages);
}

static int member_cmp(const void *key, const void *item)
{
    return strcmp(key, ((const member *)item)->id);
}

static void add_mission(rs_report_row *row, int days)
{
    row->missions++;
    row->days += days;
}

static rs_status on_mission(const char *expert_id, const char *country, int32_t start, int days,
                         void *ctx)
{
    (void)country, (void)start;
    builder *b = ctx;
    rs_report *r = b->r;
    /* The store visits experts in id order, which is strcmp order. */
    member *m = bsearch(expert_id, b->members, b->n_members, sizeof *b->members, member_cmp);
    if (!m) {
        snprintf(b->err, b->errsz, "store is damaged: a mission belongs to no expert ('%s')",
                 expert_id);
        return RS_ERR_CORRUPT;
    }
    m->mobilised = 1;
    r->missions++;
    r->days += days;
    add_mission(&r->nationality.rows[m->nationality], days);
    add_mission(&r->gender.rows[m->gender], days);
    add_mission(&r->sector.rows[m->sector], days);
    for (size_t i = 0; i < m->n_languages; i++)
        add_mission(&r->language.rows[b->languages[m->first_language + i]], days);
    return RS_OK;
}

static void count_mobilised(builder *b)
{
    rs_report *r = b->r;
    for (size_t i = 0; i < b->n_members; i++) {
        const member *m = &b->members[i];
        if (!m->mobilised)
            continue;
        r->mobilised++;
        r->nationality.rows[m->nationality].mobilised++;
        r->gender.rows[m->gender].mobilised++;
        r->sector.rows[m->sector].mobilised++;
        for (size_t j = 0; j < m->n_languages; j++)
            r->language.rows[b->languages[m->first_language + j]].mobilised++;
    }
}

static double share(long part, long whole)
{
    return whole > 0 ? (double)part / (double)whole : 0;
}

static int row_cmp(const void *pa, const void *pb)
{
    const rs_report_row *a = pa, *b = pb;
    if (a->days != b->days)
        return a->days > b->days ? -1 : 1;
    if (a->experts != b->experts)
        return a->experts > b->experts ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* Labels for people: static text, or NULL when the key is its own label. */
static const char *gender_label(const char *key)
{
    if (strcmp(key, "F") == 0)
        return "women";
    if (strcmp(key, "M") == 0)
        return "men";
    if (strcmp(key, "X") == 0)
        return "not stated";
    return strcmp(key, UNKNOWN) == 0 ? "not given" : NULL;
}

static const char *sector_label(const char *key)
{
    static const struct {
        rs_sector status;
        const char *label;
    } labels[] = {
        {RS_SECTOR_PUBLIC, "public administration"},
        {RS_SECTOR_RETIRED_PUBLIC, "retired public servants"},
        {RS_SECTOR_MANDATED_BODY, "mandated bodies"},
        {RS_SECTOR_SOCIAL_PARTNER, "social partners"},
        {RS_SECTOR_ACADEMIC, "academia"},
        {RS_SECTOR_PRIVATE, "private sector"},
        {RS_SECTOR_INTERNATIONAL_ORG, "international organisations"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(key, rs_sector_name(labels[i].status)) == 0)
            return labels[i].label;
    return strcmp(key, UNKNOWN) == 0 ? "not given" : NULL;
}

static const char *nationality_label(const char *key)
{
    const char *name = rs_country_name(key);
    return name ? name : strcmp(key, UNKNOWN) == 0 ? "not given" : NULL;
}

static const char *language_label(const char *key)
{
    return rs_language_name(key);
}

/* Shares and ratios of a complete table, then its order, then the labels
 * (a row without a label of its own shows its key: rows are not moved
 * after that). */
static void finish_table(const rs_report *r, rs_report_table *t, const char *(*label)(const char *))
{
    for (size_t i = 0; i < t->n; i++) {
        rs_report_row *row = &t->rows[i];
        row->experts_share = share(row->experts, r->experts);
        row->mobilised_share = share(row->mobilised, r->mobilised);
        row->days_share = share(row->days, r->days);
        row->ratio = rs_portfolio_ratio((double)row->days, (double)r->days,
                                        (double)row->experts, (double)r->experts);
    }
    if (t->n)
        qsort(t->rows, t->n, sizeof *t->rows, row_cmp);
    for (size_t i = 0; i < t->n; i++) {
        const char *l = label(t->rows[i].key);
        t->rows[i].label = l ? l : t->rows[i].key;
    }
}

/* Over-represented nationalities (portfolio.h), highest ratio first (ties
 * keep the table's order). Insertion sort: a few hundred rows at most. */
static rs_status find_over_represented(rs_report *r, builder *b)
{
    r->over_min_days = rs_portfolio_min_days((double)r->days);
    if (r->nationality.n == 0)
        return RS_OK;
    r->over = malloc(r->nationality.n * sizeof *r->over);
    if (!r->over)
        return oom(b);
    const rs_report_row *rows = r->nationality.rows;
    for (size_t i = 0; i < r->nationality.n; i++) {
        if (!rs_portfolio_is_over((double)rows[i].days, (double)r->days,
                                  (double)rows[i].experts, (double)r->experts))
            continue;
        size_t at = r->n_over++;
        for (; at > 0 && rows[r->over[at - 1]].ratio < rows[i].ratio; at--)
            r->over[at] = r->over[at - 1];
        r->over[at] = i;
    }
    return RS_OK;
}

static void concentration(rs_report *r)
{
    const rs_report_table *t = &r->nationality;
    for (size_t i = 0; i < t->n; i++) {
        r->hhi += t->rows[i].days_share * t->rows[i].days_share;
        if (i < 2)
            r->top2_share += t->rows[i].days_share;
    }
}

static rs_status finish(rs_report *r, builder *b)
{
    count_mobilised(b);
    finish_table(r, &r->nationality, nationality_label);
    finish_table(r, &r->gender, gender_label);
    finish_table(r, &r->sector, sector_label);
    finish_table(r, &r->language, language_label);
    concentration(r);
    return find_over_represented(r, b);
}

rs_status rs_report_compute(rs_store *s, int32_t since, rs_report *out, char *err, size_t errsz)
{
    return rs_report_compute_period(s, since, RS_REPORT_OPEN_END, out, err, errsz);
}

rs_status rs_report_compute_period(rs_store *s, int32_t since, int32_t until, rs_report *out,
                                char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    out->since = since;
    out->until = until;
    builder b = {.r = out, .err = err, .errsz = errsz};
    summary_ctx sc = {.b = &b};
    if (errsz)
        err[0] = 0;
    rs_status e = rs_store_each_summary(s, on_summary, &sc);
    if (!e)
        e = rs_store_each_mission(s, since, until, on_mission, &b);
    if (!e)
        e = finish(out, &b);
    /* A callback's own failure wrote err; the store's is in the store. */
    if (e && errsz && !err[0])
        snprintf(err, errsz, "%s", rs_store_error(s));
    for (size_t i = 0; i < b.n_members; i++)
        free(b.members[i].id);
    free(b.members);
    free(b.languages);
    return e;
}

void rs_report_free(rs_report *r)
{
    free(r->nationality.rows);
    free(r->gender.rows);
    free(r->sector.rows);
    free(r->language.rows);
    free(r->over);
    memset(r, 0, sizeof *r);
}

/* ---- JSON ---- */

static double round4(double x)
{
    return rs_round_shown(x, 4);
}


static json_t *row_json(rs_json_build *j, const rs_report_row *row, int with_ratio)
{
    json_t *o = rs_json_take(j, json_object());
    rs_json_set(j, o, "key", json_string(row->key));
    rs_json_set(j, o, "label", json_string(row->label));
    rs_json_set(j, o, "experts", json_integer(row->experts));
    rs_json_set(j, o, "experts_share", json_real(round4(row->experts_share)));
    rs_json_set(j, o, "mobilised", json_integer(row->mobilised));
    rs_json_set(j, o, "mobilised_share", json_real(round4(row->mobilised_share)));
    rs_json_set(j, o, "missions", json_integer(row->missions));
    rs_json_set(j, o, "days", json_integer(row->days));
    rs_json_set(j, o, "days_share", json_real(round4(row->days_share)));
    if (with_ratio)
        rs_json_set(j, o, "days_to_roster", json_real(round4(row->ratio)));
    return o;
}

static json_t *table_json(rs_json_build *j, const rs_report_table *t)
{
    json_t *a = rs_json_take(j, json_array());
    for (size_t i = 0; i < t->n; i++)
        rs_json_append(j, a, row_json(j, &t->rows[i], 1));
    return a;
}

static json_t *concentration_json(rs_json_build *j, const rs_report *r)
{
    json_t *o = rs_json_take(j, json_object()), *top = rs_json_take(j, json_array());
    for (size_t i = 0; i < r->nationality.n && i < 2; i++)
        if (r->nationality.rows[i].days > 0)
            rs_json_append(j, top, json_string(r->nationality.rows[i].key));
    rs_json_set(j, o, "top2", top);
    rs_json_set(j, o, "top2_share", json_real(round4(r->top2_share)));
    rs_json_set(j, o, "hhi", json_real(round4(r->hhi)));
    rs_json_set(j, o, "hhi_10000", json_integer((json_int_t)round(r->hhi * 10000)));
    return o;
}

static json_t *over_json(rs_json_build *j, const rs_report *r)
{
    json_t *o = rs_json_take(j, json_object()), *list = rs_json_take(j, json_array());
    rs_json_set(j, o, "ratio_above", json_real(RS_PORTFOLIO_OVER_RATIO));
    rs_json_set(j, o, "min_days", json_integer(r->over_min_days));
    for (size_t i = 0; i < r->n_over; i++) {
        const rs_report_row *row = &r->nationality.rows[r->over[i]];
        json_t *e = rs_json_take(j, json_object());
        rs_json_set(j, e, "key", json_string(row->key));
        rs_json_set(j, e, "label", json_string(row->label));
        rs_json_set(j, e, "days", json_integer(row->days));
        rs_json_set(j, e, "days_share", json_real(round4(row->days_share)));
        rs_json_set(j, e, "experts_share", json_real(round4(row->experts_share)));
        rs_json_set(j, e, "ratio", json_real(round4(row->ratio)));
        rs_json_append(j, list, e);
    }
    rs_json_set(j, o, "nationalities", list);
    return o;
}

static const char *const notes[] = {
    "An expert with several nationalities counts under the first one listed.",
    "Languages: experts speaking each at " RS_REPORT_LANGUAGE_LEVEL
    " or above; an expert counts under each, so the shares add up to more than 100%.",
    "Mobilised: experts with at least one mission starting in the period.",
    "Missions assigned (roster assign) count from the period's start on, planned ones too.",
};

json_t *rs_report_json(const rs_report *r)
{
    rs_json_build j = {0};
    json_t *o = rs_json_take(&j, json_object()), *period = rs_json_take(&j, json_object());
    char day[11];
    if (r->since != RS_REPORT_ALL_TIME) {
        rs_date_format(r->since, day);
        rs_json_set(&j, period, "since", json_string(day));
    } else {
        rs_json_set(&j, period, "since", json_null());
    }
    if (r->until != RS_REPORT_OPEN_END) {
        rs_date_format(r->until, day);
        rs_json_set(&j, period, "until", json_string(day));
    } else {
        rs_json_set(&j, period, "until", json_null());
    }
    rs_json_set(&j, o, "period", period);
    rs_json_set(&j, o, "experts", json_integer(r->experts));
    rs_json_set(&j, o, "mobilised", json_integer(r->mobilised));
    rs_json_set(&j, o, "missions", json_integer(r->missions));
    rs_json_set(&j, o, "days", json_integer(r->days));
    rs_json_set(&j, o, "nationality", table_json(&j, &r->nationality));
    rs_json_set(&j, o, "gender", table_json(&j, &r->gender));
    rs_json_set(&j, o, "sector", table_json(&j, &r->sector));
    rs_json_set(&j, o, "language", table_json(&j, &r->language));
    rs_json_set(&j, o, "concentration", concentration_json(&j, r));
    rs_json_set(&j, o, "over_represented", over_json(&j, r));
    json_t *n = rs_json_take(&j, json_array());
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        rs_json_append(&j, n, json_string(notes[i]));
    rs_json_append(&j, n, json_string("days_to_roster: share of days divided by share of the roster."));
    rs_json_set(&j, o, "notes", n);
    if (j.failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- text ---- */

/* n with thousands separators: 8119 -> "8,119". */
static const char *grouped(long n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
    char *p = buf;
    if (n < 0)
        *p++ = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            *p++ = ',';
        *p++ = digits[i];
    }
    *p = 0;
    return buf;
}

/* Copy at most `max` code points of UTF-8 s into buf (size bytes), ending
 * with an ellipsis when cut. */
static const char *clip(const char *s, size_t max, char *buf, size_t size)
{
    size_t points = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && points++ == max)
            break;
    }
    if (!s[i]) {
        snprintf(buf, size, "%s", s);
        return buf;
    }
    /* Cut one code point earlier to make room for the ellipsis. */
    size_t cut = i;
    do
        cut--;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80);
    snprintf(buf, size, "%.*s\u2026", (int)cut, s);
    return buf;
}

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

#define NAME_WIDTH 30

/* Labels come from the store: escaped like every printed text (core/term.h). */
static void pad(FILE *f, const char *text, int width)
{
    char *shown = rs_term_escape(text);
    text = shown ? shown : "?";
    int len = (int)rs_utf8_length(text, strlen(text));
    fprintf(f, "%s%*s", text, len < width ? width - len : 0, "");
    free(shown);
}

static void print_table(FILE *f, const char *title, const rs_report_table *t, int show_key)
{
    char buf[4][32];
    fprintf(f, "\n");
    pad(f, title, NAME_WIDTH);
    /* Three groups: the roster, the period's missions, their ratio. The
     * share of all mobilised experts is left to --json: beside "% days" it
     * read as a second, different share of the same thing. */
    fprintf(f, " %7s %8s | %9s %8s %9s %7s | %11s\n", "experts", "% roster", "mobilised",
            "missions", "days", "% days", "days/roster");
    for (size_t i = 0; i < t->n; i++) {
        const rs_report_row *row = &t->rows[i];
        char name[128], clipped[128];
        if (show_key)
            snprintf(name, sizeof name, "%-3s %s", row->key, row->label);
        else
            snprintf(name, sizeof name, "%s", row->label);
        pad(f, clip(name, NAME_WIDTH, clipped, sizeof clipped), NAME_WIDTH);
        fprintf(f, " %7s %7.1f%% | %9s %8s %9s %6.1f%% | %11.2f\n",
                grouped(row->experts, buf[0]), 100 * row->experts_share,
                grouped(row->mobilised, buf[1]), grouped(row->missions, buf[2]),
                grouped(row->days, buf[3]), 100 * row->days_share, row->ratio);
    }
}

static void print_concentration(FILE *f, const rs_report *r)
{
    const rs_report_table *t = &r->nationality;
    fprintf(f, "\nConcentration of days by nationality\n");
    if (r->days == 0) {
        fprintf(f, "  no mission days in the period\n");
        return;
    }
    fprintf(f, "  %-18s%.1f%% (", "top 2:", 100 * r->top2_share);
    for (size_t i = 0; i < t->n && i < 2 && t->rows[i].days > 0; i++)
        fprintf(f, "%s%s %.1f%%", i ? ", " : "", t->rows[i].key, 100 * t->rows[i].days_share);
    fprintf(f, ")\n");
    /* 1/HHI is the "equivalent number": how many equal shares would be
     * as concentrated, which people read more easily than the index. */
    char buf[32];
    fprintf(f, "  Herfindahl index: %.3f (%s of 10,000), as concentrated as %.1f nationalities "
               "with equal shares\n",
            r->hhi, grouped(lround(r->hhi * 10000), buf), 1 / r->hhi);
}

static void print_over(FILE *f, const rs_report *r)
{
    char buf[32];
    fprintf(f, "\nOver-represented nationalities (days/roster ratio, to 2 decimals, above "
               "%.2f; at least %s days)\n",
            RS_PORTFOLIO_OVER_RATIO, grouped(r->over_min_days, buf));
    if (r->n_over == 0)
        fprintf(f, "  none\n");
    for (size_t i = 0; i < r->n_over; i++) {
        const rs_report_row *row = &r->nationality.rows[r->over[i]];
        char name[128], clipped[128];
        snprintf(name, sizeof name, "%-3s %s", row->key, row->label);
        fprintf(f, "  ");
        pad(f, clip(name, NAME_WIDTH - 2, clipped, sizeof clipped), NAME_WIDTH - 2);
        fprintf(f, " %5.1f%% of days, %5.1f%% of roster: ratio %.2f\n", 100 * row->days_share,
                100 * row->experts_share, row->ratio);
    }
}

/* "- text", broken at spaces before column 80 (the notes are ASCII). */
static void print_note(FILE *f, const char *text)
{
    const int width = 76;
    const char *lead = "- ";
    while ((int)strlen(text) > width) {
        int cut = width;
        while (cut > 0 && text[cut] != ' ')
            cut--;
        if (cut == 0)
            break;
        fprintf(f, "%s%.*s\n", lead, cut, text);
        text += cut + 1;
        lead = "  ";
    }
    fprintf(f, "%s%s\n", lead, text);
}

const char *rs_report_period(const rs_report *r, char buf[RS_REPORT_PERIOD_SIZE])
{
    char since[11], until[11];
    rs_date_format(r->since, since);
    rs_date_format(r->until, until);
    if (r->since == RS_REPORT_ALL_TIME && r->until == RS_REPORT_OPEN_END)
        snprintf(buf, RS_REPORT_PERIOD_SIZE, "all on record");
    else if (r->until == RS_REPORT_OPEN_END)
        snprintf(buf, RS_REPORT_PERIOD_SIZE, "since %s", since);
    else if (r->since == RS_REPORT_ALL_TIME)
        snprintf(buf, RS_REPORT_PERIOD_SIZE, "until %s and assigned after", until);
    else
        snprintf(buf, RS_REPORT_PERIOD_SIZE, "from %s to %s and assigned after", since, until);
    return buf;
}

int rs_report_print(const rs_report *r, FILE *f)
{
    char buf[4][32];
    fprintf(f, "Roster: %s expert%s\n", grouped(r->experts, buf[0]), plural(r->experts));
    char period[RS_REPORT_PERIOD_SIZE];
    if (r->since == RS_REPORT_ALL_TIME && r->until == RS_REPORT_OPEN_END)
        fprintf(f, "Missions (all on record): ");
    else
        fprintf(f, "Missions %s: ", rs_report_period(r, period));
    fprintf(f, "%s mission%s, %s day%s, %s expert%s mobilised (%.1f%% of the roster)\n",
            grouped(r->missions, buf[1]), plural(r->missions), grouped(r->days, buf[2]),
            plural(r->days), grouped(r->mobilised, buf[3]), plural(r->mobilised),
            100 * share(r->mobilised, r->experts));
    print_table(f, "Nationality (first listed)", &r->nationality, 1);
    print_table(f, "Gender", &r->gender, 0);
    print_table(f, "Sector", &r->sector, 0);
    print_table(f, "Language (" RS_REPORT_LANGUAGE_LEVEL " or above)", &r->language, 1);
    print_concentration(f, r);
    print_over(f, r);
    fprintf(f, "\nNotes\n");
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        print_note(f, notes[i]);
    print_note(f, "Columns: experts and % roster = the roster's experts and their share of it; "
                  "mobilised = those with a mission in the period; missions = their missions "
                  "(as many as mobilised when each had one); days and % days = their mission "
                  "days and share of all days; days/roster = % days / % roster, the ratio "
                  "that marks over-representation.");
    return ferror(f) ? -1 : 0;
}

/* ---- SVG ---- */

/* Write s as SVG text or attribute content. */
static void svg_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* One bar: the top nationalities, then the rest summed as "other". */
typedef struct {
    char label[96];
    long days;
    double days_share, roster_share;
    int other;
} bar;

/* The bars of the chart into bars[RS_REPORT_SVG_BARS + 1]; returns how many. */
static size_t chart_bars(const rs_report *r, bar *bars)
{
    const rs_report_table *t = &r->nationality;
    size_t n = 0, i = 0;
    for (; i < t->n && n < RS_REPORT_SVG_BARS && t->rows[i].days > 0; i++, n++) {
        char name[128];
        snprintf(name, sizeof name, "%s (%s)", t->rows[i].label, t->rows[i].key);
        clip(name, 28, bars[n].label, sizeof bars[n].label);
        bars[n].days = t->rows[i].days;
        bars[n].days_share = t->rows[i].days_share;
        bars[n].roster_share = t->rows[i].experts_share;
        bars[n].other = 0;
    }
    if (i == t->n || n == 0)
        return n;
    bar *o = &bars[n];
    memset(o, 0, sizeof *o);
    snprintf(o->label, sizeof o->label, "other (%zu nationalit%s)", t->n - i,
             t->n - i == 1 ? "y" : "ies");
    for (; i < t->n; i++) {
        o->days += t->rows[i].days;
        o->roster_share += t->rows[i].experts_share;
    }
    o->days_share = share(o->days, r->days);
    o->other = 1;
    return n + 1;
}

/* A tick step (as a share) giving 4 to 8 ticks up to max. */
static double tick_step(double max)
{
    static const double steps[] = {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (max / steps[i] <= 8)
            return steps[i];
    return 0.25;
}

/* Chart geometry, in pixels. */
enum {
    SVG_WIDTH = 860,
    SVG_LABELS = 250,    /* left column for nationality names */
    SVG_PLOT = 430,      /* width of 100% of the axis */
    SVG_TOP = 104,       /* first bar's row */
    SVG_ROW = 28,
    SVG_BAR = 18,
};

#define SVG_FONT "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
#define SVG_BAR_COLOUR "#3b6ea8"
#define SVG_OTHER_COLOUR "#a3adb8"
#define SVG_MARK_COLOUR "#c0392b"

static void svg_header(FILE *f, const rs_report *r, const char *title, int height)
{
    char buf[4][32];
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"%s\" font-size=\"13\">\n",
            SVG_WIDTH, height, SVG_WIDTH, height, SVG_FONT);
    fprintf(f, "<title>");
    svg_escape(f, title);
    fprintf(f, "</title>\n");
    /* A white ground, so the chart reads the same on any page. */
    fprintf(f, "<path d=\"M0 0H%dV%dH0Z\" fill=\"#ffffff\"/>\n", SVG_WIDTH, height);
    fprintf(f, "<text x=\"20\" y=\"32\" font-size=\"19\" font-weight=\"bold\" fill=\"#1a1a1a\">");
    svg_escape(f, title);
    fprintf(f, "</text>\n");
    fprintf(f, "<text x=\"20\" y=\"56\" fill=\"#555555\">%s days of %s missions by %s experts; "
               "roster of %s experts",
            grouped(r->days, buf[0]), grouped(r->missions, buf[1]), grouped(r->mobilised, buf[2]),
            grouped(r->experts, buf[3]));
    if (r->days > 0)
        fprintf(f, "; top-2 share %.1f%%, Herfindahl index %.3f", 100 * r->top2_share, r->hhi);
    fprintf(f, "</text>\n");
}

static void svg_legend(FILE *f)
{
    int y = 80;
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"12\"/>\n",
            SVG_LABELS, y - 4, SVG_LABELS + 22, y - 4, SVG_BAR_COLOUR);
    fprintf(f, "<text x=\"%d\" y=\"%d\">share of mission days</text>\n", SVG_LABELS + 30, y);
    int x = SVG_LABELS + 200;
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n",
            x, y - 12, x, y + 3, SVG_MARK_COLOUR);
    fprintf(f, "<text x=\"%d\" y=\"%d\">share of the roster's experts</text>\n", x + 10, y);
}

static void svg_axis(FILE *f, double axis_max, double step, int bottom)
{
    int top = SVG_TOP - 6;
    for (int k = 0; k * step <= axis_max + 1e-9; k++) {
        double x = SVG_LABELS + k * step / axis_max * SVG_PLOT;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top,
                x, bottom + 5, k ? "#e3e3e3" : "#444444");
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333333\">%g%%</text>\n",
                x, bottom + 20, round(k * step * 1000) / 10);
    }
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444444\"/>\n", SVG_LABELS,
            bottom, SVG_LABELS + SVG_PLOT, bottom);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1a1a1a\">"
               "Share of mission days</text>\n",
            SVG_LABELS + SVG_PLOT / 2, bottom + 44);
    int middle = (top + bottom) / 2;
    fprintf(f, "<text x=\"22\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1a1a1a\" "
               "transform=\"rotate(-90 22 %d)\">Nationality (first listed)</text>\n",
            middle, middle);
}

static void svg_bar(FILE *f, const bar *b, int y, double axis_max)
{
    char buf[32];
    double w = b->days_share / axis_max * SVG_PLOT;
    double mark = SVG_LABELS + b->roster_share / axis_max * SVG_PLOT;
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1a1a1a\">", SVG_LABELS - 10,
            y + SVG_BAR - 5);
    svg_escape(f, b->label);
    fprintf(f, "</text>\n");
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", SVG_LABELS,
            y, w, SVG_BAR, b->other ? SVG_OTHER_COLOUR : SVG_BAR_COLOUR);
    fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
               "stroke-width=\"3\"/>\n",
            mark, y - 4, mark, y + SVG_BAR + 4, SVG_MARK_COLOUR);
    double end = SVG_LABELS + w > mark ? SVG_LABELS + w : mark;
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" fill=\"#1a1a1a\">%s days (%.1f%%)</text>\n", end + 8,
            y + SVG_BAR - 5, grouped(b->days, buf), 100 * b->days_share);
}

int rs_report_svg(const rs_report *r, const char *title, FILE *f)
{
    bar bars[RS_REPORT_SVG_BARS + 1];
    size_t n = chart_bars(r, bars);
    if (n == 0) {
        int height = 120;
        svg_header(f, r, title, height);
        fprintf(f, "<text x=\"20\" y=\"92\" font-size=\"15\" fill=\"#1a1a1a\">No mission days "
                   "in the period.</text>\n</svg>\n");
        return ferror(f) ? -1 : 0;
    }
    double max = 0;
    for (size_t i = 0; i < n; i++) {
        if (bars[i].days_share > max)
            max = bars[i].days_share;
        if (bars[i].roster_share > max)
            max = bars[i].roster_share;
    }
    double step = tick_step(max);
    double axis_max = ceil(max / step - 1e-9) * step;
    int bottom = SVG_TOP + (int)n * SVG_ROW;
    svg_header(f, r, title, bottom + 62);
    svg_legend(f);
    svg_axis(f, axis_max, step, bottom);
    for (size_t i = 0; i < n; i++)
        svg_bar(f, &bars[i], SVG_TOP + (int)i * SVG_ROW + (SVG_ROW - SVG_BAR) / 2 - 2, axis_max);
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}

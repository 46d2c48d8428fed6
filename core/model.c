/* The expert model: freeing, the names of its enumerations, mission load. */
#include "core/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int rs_id_syntax_ok(const char *s, size_t n)
{
    if (n < 1 || n > RS_ID_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

uint64_t rs_id_hash(const char *id)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = (h ^ *p) * 1099511628211u;
    return h;
}

void rs_expert_free(rs_expert *e)
{
    if (!e)
        return;
    free(e->id);
    free(e->name);
    free(e->nationalities);
    free(e->employer);
    free(e->languages);
    free_strings(e->fields, e->n_fields);
    free_strings(e->competences, e->n_competences);
    free(e->summary);
    for (size_t i = 0; i < e->n_experience; i++) {
        free(e->experience[i].employer);
        free(e->experience[i].role);
        free(e->experience[i].text);
    }
    free(e->experience);
    for (size_t i = 0; i < e->n_education; i++) {
        free(e->education[i].degree);
        free(e->education[i].field);
        free(e->education[i].institution);
    }
    free(e->education);
    for (size_t i = 0; i < e->n_missions; i++)
        free(e->missions[i].action);
    free(e->missions);
    free(e->unavailable);
    free(e->record);
    memset(e, 0, sizeof *e);
}

int rs_expert_holds(const rs_expert *e, const char *iso2)
{
    for (size_t i = 0; i < e->n_nationalities; i++)
        if (strcmp(e->nationalities[i], iso2) == 0) return 1;
    return 0;
}

/* Indexed by the enumerations; index 0 (none) is "". */
static const char *const cefr_names[] = {"", "A1", "A2", "B1", "B2", "C1", "C2", "native"};
static const char *const status_names[] = {
    "", "public", "retired_public", "mandated_body", "social_partner",
    "academic", "private", "international_org"};
static const char *const status_phrases[] = {
    "", "public sector", "retired public servant", "mandated body", "social partner",
    "academic", "private sector", "international organisation"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *rs_cefr_name(rs_cefr level)
{
    return (unsigned)level < COUNT(cefr_names) ? cefr_names[level] : "";
}

rs_cefr rs_cefr_parse(const char *s)
{
    if (!s)
        return RS_CEFR_NONE;
    for (size_t i = 1; i < COUNT(cefr_names); i++)
        if (strcasecmp(s, cefr_names[i]) == 0)
            return (rs_cefr)i;
    return RS_CEFR_NONE;
}

const char *rs_sector_name(rs_sector s)
{
    return (unsigned)s < COUNT(status_names) ? status_names[s] : "";
}

const char *rs_sector_phrase(rs_sector s)
{
    return (unsigned)s < COUNT(status_phrases) ? status_phrases[s] : "";
}

/* Exact match: the status is an enumeration of the interchange format,
 * spelled one way (unlike CEFR levels, which people write "b2" or "B2"). */
rs_sector rs_sector_parse(const char *s)
{
    if (!s)
        return RS_SECTOR_NONE;
    for (size_t i = 1; i < COUNT(status_names); i++)
        if (strcmp(s, status_names[i]) == 0)
            return (rs_sector)i;
    return RS_SECTOR_NONE;
}

int rs_mission_days(const rs_mission *m)
{
    if (m->days > 0) return m->days;
    if (m->when.to == RS_DATE_OPEN || m->when.to < m->when.from) return 1;
    int64_t n = (int64_t)m->when.to - m->when.from + 1;
    return n > INT32_MAX ? INT32_MAX : (int)n;
}

void rs_recent_window(int32_t day, int32_t *first, int32_t *last)
{
    *first = rs_date_month_start(day, -RS_RECENT_MONTHS);
    *last = rs_date_month_start(day, 0) - 1;
}

int rs_load_days(const rs_expert *e, int32_t day)
{
    int32_t first, last;
    rs_recent_window(day, &first, &last);
    int64_t total = 0;
    for (size_t i = 0; i < e->n_missions; i++) {
        int32_t start = e->missions[i].when.from;
        if (start >= first && start <= last) total += rs_mission_days(&e->missions[i]);
    }
    return total > INT32_MAX ? INT32_MAX : (int)total;
}

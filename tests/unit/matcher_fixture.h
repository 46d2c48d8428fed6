/*
 * Building experts and ToRs for the matcher's tests: experts are written
 * as short strings ("FR,ES", "fr:C1,en:B2") and live on the heap exactly
 * like decoded profiles, so rs_expert_free releases them.
 */
#ifndef MATCHER_FIXTURE_H
#define MATCHER_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/model.h"
#include "matcher/tor.h"

static inline char *fx_strdup(const char *s)
{
    char *c = strdup(s);
    if (!c)
        abort();
    return c;
}

static inline size_t fx_count(const char *list)
{
    if (!list || !*list)
        return 0;
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    return n;
}

/* The i-th comma-separated item of list into buf. */
static inline const char *fx_item(const char *list, size_t i, char *buf, size_t size)
{
    while (i-- > 0)
        list = strchr(list, ',') + 1;
    size_t n = strcspn(list, ",");
    if (n >= size)
        n = size - 1;
    memcpy(buf, list, n);
    buf[n] = '\0';
    return buf;
}

static inline int32_t fx_day(const char *date)
{
    int32_t d = 0;
    if (rs_date_parse(date, 0, &d) < 0)
        abort();
    return d;
}

/* nats "FR,ES"; langs "fr:C1,en:B2"; fields "E.10,A.20"; comps "2,2.1". */
static inline rs_expert fx_expert(const char *id, const char *nats, const char *langs, char gender,
                           rs_sector status, const char *fields, const char *comps)
{
    rs_expert e;
    memset(&e, 0, sizeof e);
    char buf[32];
    e.id = fx_strdup(id);
    e.name = fx_strdup(id);
    e.gender = gender;
    e.status = status;
    memcpy(e.cv_lang, "en", 3);
    e.n_nationalities = fx_count(nats);
    e.nationalities = calloc(e.n_nationalities + 1, 3);
    for (size_t i = 0; i < e.n_nationalities; i++)
        memcpy(e.nationalities[i], fx_item(nats, i, buf, sizeof buf), 3);
    e.n_languages = fx_count(langs);
    e.languages = calloc(e.n_languages + 1, sizeof *e.languages);
    for (size_t i = 0; i < e.n_languages; i++) {
        fx_item(langs, i, buf, sizeof buf);
        memcpy(e.languages[i].code, buf, 2);
        e.languages[i].level = rs_cefr_parse(buf + 3);
    }
    e.n_fields = fx_count(fields);
    e.fields = calloc(e.n_fields + 1, sizeof *e.fields);
    for (size_t i = 0; i < e.n_fields; i++)
        e.fields[i] = fx_strdup(fx_item(fields, i, buf, sizeof buf));
    e.n_competences = fx_count(comps);
    e.competences = calloc(e.n_competences + 1, sizeof *e.competences);
    for (size_t i = 0; i < e.n_competences; i++)
        e.competences[i] = fx_strdup(fx_item(comps, i, buf, sizeof buf));
    return e;
}

static inline void fx_mission(rs_expert *e, const char *country, const char *from, const char *to,
                       int days)
{
    e->missions = realloc(e->missions, (e->n_missions + 1) * sizeof *e->missions);
    rs_mission *m = &e->missions[e->n_missions++];
    memset(m, 0, sizeof *m);
    memcpy(m->country, country, 3);
    m->when.from = fx_day(from);
    m->when.to = fx_day(to);
    m->days = days;
}

static inline void fx_unavailable(rs_expert *e, const char *from, const char *to)
{
    e->unavailable = realloc(e->unavailable, (e->n_unavailable + 1) * sizeof *e->unavailable);
    e->unavailable[e->n_unavailable].from = fx_day(from);
    e->unavailable[e->n_unavailable].to = fx_day(to);
    e->n_unavailable++;
}

/* A ToR from JSON text that must be valid (aborts with the problems if not). */
static inline rs_tor fx_tor(const char *json)
{
    rs_tor t;
    rs_diag d;
    rs_diag_init(&d);
    if (rs_tor_from_json_text(json, strlen(json), "test.json", 1, &t, &d) < 0) {
        rs_diag_print(&d, stderr);
        abort();
    }
    rs_diag_free(&d);
    return t;
}

#endif

/*
 * The partner country of a request document (intake/request.h), from the
 * countries its text mentions (core/mentions.h). A request names its own
 * country in its letterhead, its institution's name and its context, and
 * names EU member states when it says where it wants experts from; so
 * every mention is a vote weighed by what it is and where it stands, and
 * a member state's vote counts a fifth. Words that stand for several
 * countries ("congolais") vote for none.
 */
#include "intake/request.h"

#include <string.h>

#include "core/codes.h"
#include "core/mentions.h"
#include "core/taxonomy.h"

#define EARLY_BYTES 1500 /* the letterhead, title and institution */
#define MAX_VOTED 64

typedef struct {
    char code[3];
    double votes;
    size_t begin, end; /* first mention */
} voted;

typedef struct {
    voted v[MAX_VOTED];
    size_t n;
    double total;
} tally;

static double weight(const rs_mention *m)
{
    double w = m->kind == RS_MENTION_NAME ? 1.0 : 0.7;
    if (m->begin < EARLY_BYTES)
        w *= 1.5;
    if (rs_country_is_eu(m->code))
        w *= 0.2;
    else if (!rs_taxonomy_partner(rs_taxonomy_get(), m->code))
        w *= 0.5; /* not a country the facility works with */
    return w;
}

static int vote(const rs_mention *m, void *ctx)
{
    tally *t = ctx;
    if (!m->code[0])
        return 0;
    double w = weight(m);
    t->total += w;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].code, m->code) == 0) {
            t->v[i].votes += w;
            return 0;
        }
    if (t->n < MAX_VOTED) {
        voted *v = &t->v[t->n++];
        memcpy(v->code, m->code, 3);
        v->votes = w;
        v->begin = m->begin, v->end = m->end;
    }
    return 0;
}

int rs_request_country_read(const char *s, size_t len, rs_request_country *out)
{
    *out = (rs_request_country){0};
    tally t = {0};
    if (rs_country_mentions(s, len, vote, &t) < 0)
        return -1;
    const voted *best = NULL;
    for (size_t i = 0; i < t.n; i++) /* ties: the first mentioned */
        if (!best || t.v[i].votes > best->votes)
            best = &t.v[i];
    if (!best)
        return 0;
    memcpy(out->code, best->code, 3);
    /* Its share of the votes, and no certainty from a single passing word. */
    double share = best->votes / t.total, strength = best->votes >= 2 ? 1.0 : 0.75;
    out->said = (rs_said){1, best->begin, best->end, share * strength};
    return 0;
}

/*
 * The partner country of a request document (intake/request.h), from the
 * countries its text mentions (core/mentions.h). A request names its own
 * country in its letterhead, its institution's name and its context, and
 * names EU member states when it says where it wants experts from; so
 * every mention is a vote weighed by what it is and where it stands, and
 * a member state, never a partner of the facility, has none; nor has a
 * country named as the experts' origin ("an expert from Morocco"). Words that stand for several
 * countries ("congolais") vote for none. The partner institutions the text
 * names vote too (intake/institutions.h: the partner countries' public
 * institutions in the facility's domain, and those of its records): the
 * Peruvian ministry's requests rarely say "Peru"; they say "MTPE".
 */
#include "intake/request.h"

#include <stdio.h>
#include <string.h>

#include "core/codes.h"
#include "core/mentions.h"
#include "core/taxonomy.h"
#include "intake/institutions.h"
#include "intake/words.h"

#define EARLY_BYTES 1500 /* the letterhead, title and institution */
#define MAX_VOTED 64

typedef struct {
    char code[3];
    double votes;
    size_t begin, end; /* first mention */
    rs_country_by by;  /* what it is */
} voted;

typedef struct {
    voted v[MAX_VOTED];
    size_t n;
    double total;
    const rs_words *words;       /* the text's */
    size_t origin_begin, origin_end; /* the last mention said to be the experts' origin */
} tally;

/* A vote for code by the words [begin, end): a name counts 1, other
 * words 0.7, half again early in the text; see the head of this file. */
static void add_vote(tally *t, const char *code, rs_country_by by, size_t begin, size_t end)
{
    double w = by == RS_COUNTRY_BY_NAME ? 1.0 : 0.7;
    if (begin < EARLY_BYTES)
        w *= 1.5;
    if (rs_country_is_eu(code))
        return; /* where the experts come from: never the partner */
    if (!rs_taxonomy_partner(rs_taxonomy_get(), code))
        w *= 0.5; /* not a country the facility works with */
    t->total += w;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].code, code) == 0) {
            t->v[i].votes += w;
            return;
        }
    if (t->n < MAX_VOTED) {
        voted *v = &t->v[t->n++];
        memcpy(v->code, code, 3);
        v->votes = w;
        v->begin = begin, v->end = end;
        v->by = by;
    }
}

/* ---- where the experts come from: "expertos de Chile y de Uruguay" ---- */

static const char *const origin_links[] = {
    "from", "of", "de", "d", "des", "du", "da", "do", "dos", "das", "desde", "and", "et", "y",
    "e", "or", "ou", "o", "one", "un", "une", "uno", "una", "um", "uma", "another", "other",
    "autre", "otro", "outro", NULL};
static const char *const expert_stems[] = {"expert", "especialist", "specialist", "perit",
                                           "consultant", "consultor", NULL};

static int expert_word(const char *folded)
{
    for (const char *const *e = expert_stems; *e; e++)
        if (strncmp(folded, *e, strlen(*e)) == 0)
            return 1;
    return 0;
}

/* The first word at or after byte `at`. */
static size_t word_at(const rs_words *ws, size_t at)
{
    size_t lo = 0, hi = ws->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ws->w[mid].begin < at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Does the mention at [begin, end) say where experts come from: an
 * expert word shortly before it, with only small words and the previous
 * such mention between ("an expert from Morocco and one from Tunisia")? */
static int experts_origin(tally *t, size_t begin, size_t end)
{
    const rs_words *ws = t->words;
    size_t k = word_at(ws, begin);
    for (size_t steps = 0; k > 0 && steps < 8; steps++) {
        const rs_word *w = &ws->w[--k];
        if (w->begin >= t->origin_begin && w->end <= t->origin_end && t->origin_end)
            continue;
        if (expert_word(w->folded)) {
            t->origin_begin = begin, t->origin_end = end;
            return 1;
        }
        if (!rs_word_in(ws, k, origin_links))
            return 0;
    }
    return 0;
}

static int vote(const rs_mention *m, void *ctx)
{
    tally *t = ctx;
    static const rs_country_by by[] = {[RS_MENTION_NAME] = RS_COUNTRY_BY_NAME,
                                        [RS_MENTION_DEMONYM] = RS_COUNTRY_BY_DEMONYM,
                                        [RS_MENTION_PLACE] = RS_COUNTRY_BY_PLACE};
    if (m->code[0] && !experts_origin(t, m->begin, m->end))
        add_vote(t, m->code, by[m->kind], m->begin, m->end);
    return 0;
}

/* ---- the partner institutions it names ---- */

static void vote_institution(const char *country, size_t begin, size_t end, void *ctx)
{
    add_vote(ctx, country, RS_COUNTRY_BY_INSTITUTION, begin, end);
}

int rs_request_country_read(const char *s, size_t len, const rs_known_institution *known,
                            size_t n_known, rs_request_country *out)
{
    *out = (rs_request_country){0};
    rs_words words;
    tally t = {.words = &words};
    int rc = rs_words_cut(s, len, &words);
    if (rc == 0)
        rc = rs_country_mentions(s, len, vote, &t);
    if (rc == 0)
        rc = rs_institutions_named(&words, known, n_known, vote_institution, &t);
    rs_words_free(&words);
    if (rc < 0)
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
    out->by = best->by;
    return 0;
}

void rs_request_country_why(const rs_request_country *c, const char *s, char *buf,
                            size_t size)
{
    static const char *const what[] = {
        [RS_COUNTRY_BY_NAME] = "names", [RS_COUNTRY_BY_DEMONYM] = "said of the people of",
        [RS_COUNTRY_BY_PLACE] = "a city or region of",
        [RS_COUNTRY_BY_INSTITUTION] = "a public institution of"};
    const char *name = rs_country_name(c->code);
    snprintf(buf, size, "%.*s: %s %s", (int)(c->said.end - c->said.begin), s + c->said.begin,
             what[c->by], name ? name : c->code);
}

/*
 * Retrieval: the candidates of a ToR, from the index alone.
 *
 * One Xapian query ORs the ToR's words (title, description), the words of
 * its field and competence labels in English, French, Spanish and
 * Portuguese (so a French ToR reaches a Spanish CV), and its code terms
 * (weighted: exact and narrower codes fully, the parent code at half).
 * The hard rules that concern one expert (availability in the window,
 * excluded ids and nationalities, max_load_days) are subtracted in the same
 * query, but for the ToR's own team (t->own), whose mission of this action
 * is in the availability and load terms: they stay in, to be judged. A
 * candidate's text relevance in [0,1] is its weight for the text alone:
 * the query's weight less that of its codes (a query of a few terms over
 * the pool). Candidates carry the profile from the document data, as the
 * ToR sees it (rs_expert_drop_own): no store access, so this works the
 * same over remote shards.
 */
#ifndef RS_RETRIEVE_H
#define RS_RETRIEVE_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "core/stem.h"
#include "matcher/tor.h"
#include "xapian-c/xapian-c.h"

#define RS_RETRIEVE_POOL 400 /* experts fetched from the index per ToR */

typedef struct {
    rs_expert profile;
    double text;       /* text relevance in [0,1] */
    uint32_t docid;    /* in the index it came from */
} rs_retrieved;

typedef struct {
    rs_retrieved *items;
    size_t n, cap;
    double text_top;   /* raw text weight that relevance 1 stands for */
} rs_retrieval;

/* The retrieval query. ref_day is rs_tor_reference_day(). With `filtered`,
 * experts the per-expert hard rules rule out are subtracted; without, they
 * stay in (to look for remedies when no team is possible). NULL when out
 * of memory. */
xc_query *rs_retrieval_query(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, int32_t ref_day,
                             int filtered);

/* How rs_retrieve works. RS_RETRIEVE_FILTERED: experts the per-expert
 * hard rules rule out are subtracted, as in rs_retrieval_query.
 * RS_RETRIEVE_REFERENCE: every ranking by Xapian's matcher, the text
 * relevances by a second pass of the text query over the pool: the
 * reference the default (xc_db_rank; the first pass's weight less the
 * codes') is tested against. */
#define RS_RETRIEVE_FILTERED 1u
#define RS_RETRIEVE_REFERENCE 2u

/* Fetch up to `pool` candidates, best first, plus every required id; text
 * relevances relative to text_top when it is above 0 (another retrieval's
 * rs_retrieval.text_top, so that both speak of one scale), else to the
 * best of them. Returns 0, or -1 with a message in err. */
int rs_retrieve(xc_db *db, rs_stemmers *stemmers, const rs_tor *t, int32_t ref_day,
                unsigned how, size_t pool, double text_top, rs_retrieval *out, char *err,
                size_t errsz);
void rs_retrieval_free(rs_retrieval *c);

/* The experts the hard team rules of t could need, wherever the index
 * ranks them, among those the per-expert rules admit, in two parts. With
 * both, a team exists in the whole roster iff one exists among them (the
 * argument is in retrieve.c), unless wide->complete is 0: more than
 * RS_RULE_WIDE_MAX languages are widely spoken. Best means by the ToR's
 * text and codes, as in rs_retrieve; text relevances are relative to
 * text_top (rs_retrieval.text_top of the pool; 0: to the best of these).
 * Each returns 0 (out filled, the caller frees it), or -1 with a message
 * in err. */
#define RS_RULE_SPEAKERS_MAX 200
#define RS_RULE_WIDE_MAX 4

typedef struct {
    rs_language languages[RS_RULE_WIDE_MAX]; /* asked, spoken by more than
                                                RS_RULE_SPEAKERS_MAX */
    size_t n;
    int complete;                            /* 0: more than fit here */
    int unmet;                               /* an asked language has no
                                                admitted speaker, or a
                                                required id is turned away:
                                                no team anywhere */
} rs_wide_languages;

/* What ranks a ToR's experts in the rule fetches below: its words and
 * codes (wanted), its codes alone, its words alone (their text
 * relevances). Every relaxation of one ToR has the same words and codes,
 * so a ToR's are built once and shared. */
typedef struct {
    xc_query *wanted, *codes, *text;
} rs_ranking;

/* 0, or -1 when out of memory (r then holds nothing). */
int rs_ranking_init(rs_ranking *r, xc_db *db, rs_stemmers *stemmers, const rs_tor *t);
void rs_ranking_free(rs_ranking *r);

/* Every required id, and every speaker of each asked language at its level
 * when there are at most RS_RULE_SPEAKERS_MAX; a language with more is
 * widely spoken: it goes into *wide, for rs_retrieve_nationalities. When
 * an asked language has no admitted speaker or the per-expert rules turn a
 * required id away, only the required ids (wide->unmet). */
int rs_retrieve_speakers(xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                         int32_t ref_day, double text_top, rs_retrieval *out,
                         rs_wide_languages *wide, char *err, size_t errsz);

/* For each nationality in the index and each combination of the widely
 * spoken languages, the best team_size holders that meet them all (by the
 * ToR's codes). Reads only the per-expert rules, team_size and wide of t,
 * so relaxations of the other rules can share it. */
int rs_retrieve_nationalities(xc_db *db, const rs_ranking *ranking, const rs_tor *t,
                              int32_t ref_day, const rs_wide_languages *wide, double text_top,
                              rs_retrieval *out, char *err, size_t errsz);

#endif

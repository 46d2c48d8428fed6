/*
 * What lib/match.c and lib/check.c share, and no front end sees: reading a
 * ToR from an rs_text, and the context every match and check reads (the
 * index, the stemmers, the portfolio of recent missions as of today).
 */
#ifndef RS_LIB_MATCHING_H
#define RS_LIB_MATCHING_H

#include <stdint.h>

#include "core/stem.h"
#include "lib/private.h"
#include "matcher/match.h"
#include "matcher/portfolio.h"
#include "matcher/tor.h"
#include "xapian-c/xapian-c.h"

struct rs_match_context {
    rs_portfolio portfolio; /* recent missions as of `today` */
    int32_t today;          /* the day the portfolio was read for */
    int64_t change;         /* the store's change number it was read at */
    int loaded;             /* portfolio, today and change are set */
    /* Set by rs_match_context_get for the call, borrowed from the handle. */
    xc_db *db;
    rs_stemmers *stemmers;
};

/* The context for a call made today. The portfolio is read again only when
 * the day or the store's change number moved since it was last read, so a
 * handle answering many matches reads the store once. RS_OK, or the
 * message set on the handle. */
rs_status rs_match_context_get(rs_roster *r, rs_match_context **out);

/* Read and validate a ToR from text (problems named by text->name and
 * text->line). Every problem, warnings too, is kept on the handle; errors
 * give RS_ERR_INPUT and leave *out zeroed. */
rs_status rs_lib_read_tor(rs_roster *r, const rs_text *text, rs_tor *out);

/* Add to t the missions the store records for its action (`roster
 * assign`): the team already sent, which a match or check of t does not
 * count against it (matcher/tor.h). The action is the request's identity,
 * so a ToR file of a stored request's action gets them too. RS_OK, or the
 * message set on the handle. */
rs_status rs_lib_own_missions(rs_roster *r, rs_tor *t);

/* The portfolio a match or check of t is judged with: the context's, or,
 * when t's action has a team assigned, one read without that team's days
 * into *own (rs_portfolio_free it; zeroed otherwise), so the team sent
 * does not make its own nationalities look over-represented. RS_OK, or
 * the message set on the handle. */
rs_status rs_lib_portfolio_for(rs_roster *r, rs_match_context *c, const rs_tor *t,
                               rs_portfolio *own, const rs_portfolio **out);

/* The insides of an answer of rs_roster_match, for studies of the team
 * search on its candidates (bench/picks.c): the result, and the portfolio
 * and day it was matched with (borrowed from the handle until its next
 * call). */
const rs_match_result *rs_lib_match_result(const rs_answer *a, const rs_portfolio **portfolio,
                                           int32_t *today);

/* The message of a call that failed on a ToR's problems (they say what). */
#define RS_TOR_PROBLEMS_MESSAGE "the terms of reference have errors"

#endif

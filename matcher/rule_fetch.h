/*
 * The experts a ToR's hard team rules need, fetched from an index for
 * rs_match (its rs_more_fn): once for the ToR, and once for each relaxed
 * ToR the remedies try whose fetch would differ. Every fetch is kept until
 * the fetcher is freed, because the match result borrows its experts.
 */
#ifndef RS_RULE_FETCH_H
#define RS_RULE_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "core/stem.h"
#include "matcher/tor.h"
#include "xapian-c/xapian-c.h"

typedef struct rs_rule_fetcher rs_rule_fetcher;

/* For the ToRs of one match over db (both borrowed until freed). `today`
 * as rs_match_options.today; text_top as rs_retrieve_for_rules takes it.
 * NULL when out of memory. */
rs_rule_fetcher *rs_rule_fetcher_new(xc_db *db, rs_stemmers *stemmers, int32_t today,
                                     double text_top);
void rs_rule_fetcher_free(rs_rule_fetcher *f);

/* rs_more_fn, with the fetcher as ctx. */
int rs_rule_fetcher_more(const rs_tor *t, void *ctx, const rs_expert *const **experts,
                         const double **text, size_t *n, int *complete);

/* Why the last fetch failed ("" when none did). */
const char *rs_rule_fetcher_error(const rs_rule_fetcher *f);

#endif

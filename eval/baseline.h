/*
 * The baselines the matcher is measured against, each ranking the experts
 * a per-expert hard rule does not rule out (rules.h), so that what is
 * compared is the ranking:
 *
 *   FTS5 BM25   SQLite full-text search over the CV text (summary,
 *               experience roles and texts; unicode61, accents removed),
 *               queried with the OR of the ToR's title and description
 *               words less stopwords;
 *   codes only  declared codes against the ToR's: per asked field 1 for
 *               the same code, 0.5 for an ancestor or descendant; half that
 *               for competences. A ToR without codes gets the codes its
 *               text names (core/labels.h), as the matcher does;
 *   random      a shuffle, fixed by the seed and the action.
 *
 * Ties are broken by the same seeded shuffle, never by id.
 */
#ifndef RS_EVAL_BASELINE_H
#define RS_EVAL_BASELINE_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "matcher/tor.h"

typedef struct rs_fts rs_fts;

/* An in-memory FTS5 table of the experts' CV text; NULL with a message in
 * err on failure. The experts are borrowed until rs_fts_free. */
rs_fts *rs_fts_new(const rs_expert *const *experts, size_t n, char *err, size_t errsz);
void rs_fts_free(rs_fts *f);

/* Experts (indexes) by BM25 of the ToR's words, best first, at most max
 * into out, skipping those `ok` rejects (ok[i] == 0). Returns how many, or
 * -1 with a message in err. */
long rs_fts_rank(rs_fts *f, const rs_tor *t, const unsigned char *ok, size_t *out, size_t max,
                 char *err, size_t errsz);

/* The codes-only score of e for the asked codes. */
double rs_codes_score(char *const *fields, size_t n_fields, char *const *competences,
                     size_t n_competences, const rs_expert *e);

/* A fixed pseudo-random key of expert i for a ToR: the order of the random
 * baseline and the tie-break of the others. */
uint64_t rs_shuffle_key(uint64_t seed, const char *action, size_t i);

/* Experts by codes-only score, best first (ties by shuffle key), at most
 * max into out, skipping ok[i] == 0. The ToR's codes are used, or else
 * up to three inferred from its text. Returns how many, -1 when out of
 * memory. */
long rs_codes_rank(const rs_tor *t, const rs_expert *const *experts, size_t n,
                   const unsigned char *ok, uint64_t seed, size_t *out, size_t max);

/* Experts in shuffle-key order, at most max, skipping ok[i] == 0; -1 when
 * out of memory. */
long rs_random_rank(const rs_tor *t, size_t n, const unsigned char *ok, uint64_t seed,
                    size_t *out, size_t max);

#endif

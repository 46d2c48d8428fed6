/*
 * The exact team search against two greedy picks, on the candidates of
 * one match (the match section of roster-bench, match.h). See picks.c.
 */
#ifndef RS_BENCH_PICKS_H
#define RS_BENCH_PICKS_H

#include <stdint.h>
#include "lib/roster.h"

typedef struct bench_picks bench_picks;

bench_picks *bench_picks_new(void); /* exits when out of memory */
void bench_picks_free(bench_picks *p);
/* Compare the picks on the candidates of a, an answer of rs_roster_match
 * just made on r (before r's next call). */
void bench_picks_add(bench_picks *p, const rs_answer *a);
/* The table, for a roster of `experts`. */
void bench_picks_print(const bench_picks *p, int64_t experts);
/* Exact teams that break a hard rule or whose score rs_team_evaluate does
 * not give again. */
int bench_picks_problems(const bench_picks *p);

#endif

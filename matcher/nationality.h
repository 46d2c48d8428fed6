/*
 * The nationality rules of a team, exactly, with dual nationals.
 *
 * An expert with several nationalities counts once, for whichever helps:
 * the team's nationalities are a choice of one per member. A team meets
 * min_nationalities and max_same_nationality iff some choice uses no
 * nationality more than max_same times and has at least min distinct
 * nationalities. rs_nationality_assign finds, among the choices that
 * respect max_same, one with the most distinct nationalities.
 */
#ifndef RS_NATIONALITY_H
#define RS_NATIONALITY_H

#include <stddef.h>
#include "core/model.h"

/* Returns the largest number of distinct nationalities over the choices
 * that use no nationality more than max_same times, or -1 when no choice
 * does (or a member has no nationality, or out of memory: -2). When
 * `assigned` is not NULL it receives that choice, member by member. */
int rs_nationality_assign(const rs_expert *const *members, size_t n, int max_same,
                          char (*assigned)[3]);

#endif

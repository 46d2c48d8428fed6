/*
 * The nationality rules of a team, exactly, with dual nationals.
 *
 * min_nationalities: an expert with several nationalities counts once, for
 * whichever helps: the team's nationalities are a choice of one per member,
 * and the team meets the rule iff some choice has at least min distinct
 * nationalities (rs_nationality_assign with max_same = n finds the most).
 *
 * max_same_nationality: members sharing one nationality are every member
 * who holds it, whatever else they hold (two French nationals share FR even
 * when one of them is also Algerian). No choice enters: the team meets the
 * rule iff no nationality has more than max_same holders
 * (rs_nationality_most_held).
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

/* The largest number of members holding one nationality; `code` (when
 * not NULL) receives that nationality, the first in member order on a tie,
 * or "" when no member holds any. */
int rs_nationality_most_held(const rs_expert *const *members, size_t n, char code[3]);

#endif

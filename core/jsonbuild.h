/*
 * Building JSON with jansson in straight-line code: every step notes a
 * failure (NULL value, out of memory) in the builder, checked once at the
 * end, so builders stay linear instead of testing each call. Also how a
 * parse error of jansson is told to a user.
 */
#ifndef RS_JSONBUILD_H
#define RS_JSONBUILD_H

#include <jansson.h>

typedef struct {
    int failed;
} rs_json_build;

/* v, noting a failure when it is NULL. */
json_t *rs_json_take(rs_json_build *b, json_t *v);
/* obj[key] = v (stolen); notes a failure when any is NULL or setting fails. */
void rs_json_set(rs_json_build *b, json_t *obj, const char *key, json_t *v);
/* arr += v (stolen); notes a failure likewise. */
void rs_json_append(rs_json_build *b, json_t *arr, json_t *v);

/* x rounded to `decimals` places (0..9) as JSON and text show it, never a
 * negative zero: a value that rounds to zero is +0, so a tiny negative sum
 * or a zero penalty shown with a minus prints "0.000", not "-0.000". */
double rs_round_shown(double x, int decimals);

/* What a failed parse tells a user: jansson's text, except where it speaks
 * of jansson itself (its NUL flag) rather than of the input. */
const char *rs_json_problem(const json_error_t *err);

#endif

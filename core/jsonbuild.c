/* Straight-line JSON building. See jsonbuild.h. */
#include "core/jsonbuild.h"

#include <math.h>

json_t *rs_json_take(rs_json_build *b, json_t *v)
{
    if (!v) b->failed = 1;
    return v;
}

void rs_json_set(rs_json_build *b, json_t *obj, const char *key, json_t *v)
{
    if (!obj || !v || json_object_set_new(obj, key, v) < 0) b->failed = 1;
}

void rs_json_append(rs_json_build *b, json_t *arr, json_t *v)
{
    if (!arr || !v || json_array_append_new(arr, v) < 0) b->failed = 1;
}

double rs_round_shown(double x, int decimals)
{
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    double k = scale[decimals < 0 ? 0 : decimals > 9 ? 9 : decimals];
    /* round() keeps the sign of -0.0001 as -0.0; adding +0.0 turns -0.0
     * into +0.0 and leaves every other value as it is. */
    return round(x * k) / k + 0.0;
}

const char *rs_json_problem(const json_error_t *err)
{
    switch (json_error_code(err)) {
    case json_error_null_character: return "NUL character (\\u0000) not allowed in text";
    case json_error_null_byte_in_key: return "NUL character (\\u0000) not allowed in a key";
    default: return err->text;
    }
}

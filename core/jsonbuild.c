/* Straight-line JSON building. See jsonbuild.h. */
#include "core/jsonbuild.h"

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

/* Answers: one JSON form and one text form of what a read produced. */
#include <stdlib.h>

#include "lib/private.h"

rs_answer *rs_answer_new(json_t *json, rs_outcome outcome, rs_print_fn print, void *priv,
                         void (*priv_free)(void *))
{
    rs_answer *a = json ? calloc(1, sizeof *a) : NULL;
    if (!a) {
        json_decref(json);
        if (priv && priv_free) priv_free(priv);
        return NULL;
    }
    a->json = json;
    a->outcome = outcome;
    a->print = print;
    a->priv = priv;
    a->priv_free = priv_free;
    return a;
}

const json_t *rs_answer_json(const rs_answer *a) { return a->json; }
rs_outcome rs_answer_outcome(const rs_answer *a) { return a->outcome; }

/* Without a text form of its own, an answer prints its JSON on one line. */
rs_status rs_answer_print(const rs_answer *a, FILE *f)
{
    if (a->print) return a->print(a, f);
    if (json_dumpf(a->json, f, JSON_COMPACT) != 0 || fputc('\n', f) == EOF) return RS_ERR_IO;
    return RS_OK;
}

void rs_answer_free(rs_answer *a)
{
    if (!a) return;
    json_decref(a->json);
    if (a->priv && a->priv_free) a->priv_free(a->priv);
    free(a);
}

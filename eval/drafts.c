/* How well `roster draft` reads real request documents (eval/drafts.h). */
#include "eval/drafts.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define TOP_FIELDS 3 /* a draft's fields a reviewer reads first */

static json_t *load_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "roster-eval: %s: cannot open\n", path);
        return NULL;
    }
    json_t *all = json_array();
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    while (all && getline(&line, &cap, f) > 0) {
        n++;
        json_error_t err;
        json_t *v = json_loads(line, 0, &err);
        if (!json_is_object(v)) {
            fprintf(stderr, "roster-eval: %s:%ld: not a JSON object: %s\n", path, n, err.text);
            json_decref(v);
            json_decref(all);
            all = NULL;
        } else {
            json_array_append_new(all, v);
        }
    }
    free(line);
    fclose(f);
    return all;
}

static const char *text_of(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    int ok = f && fputs(text, f) >= 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, "roster-eval: %s: cannot write\n", path);
    return ok ? 0 : -1;
}

static int write_request(const char *dir, size_t i, const json_t *req)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%03zu.txt", dir, i + 1);
    size_t n = strlen(text_of(req, "institution")) + strlen(text_of(req, "text")) + 3;
    char *doc = malloc(n);
    if (!doc)
        return -1;
    snprintf(doc, n, "%s\n\n%s", text_of(req, "institution"), text_of(req, "text"));
    int rc = write_file(path, doc);
    free(doc);
    json_t *tor = json_pack("{s:s, s:s, s:s, s:s}", "action", text_of(req, "action"), "title",
                            text_of(req, "title"), "country", text_of(req, "country"),
                            "partner_institution", text_of(req, "institution"));
    char *text = tor ? json_dumps(tor, JSON_COMPACT) : NULL;
    snprintf(path, sizeof path, "%s/%03zu.json", dir, i + 1);
    if (rc == 0)
        rc = text ? write_file(path, text) : -1;
    free(text);
    json_decref(tor);
    return rc;
}

long rs_eval_draft_documents(const char *requests, const char *dir)
{
    json_t *all = load_lines(requests);
    if (!all)
        return -1;
    long n = (long)json_array_size(all);
    for (size_t i = 0; i < json_array_size(all) && n >= 0; i++)
        if (write_request(dir, i, json_array_get(all, i)) < 0)
            n = -1;
    json_decref(all);
    return n;
}

/* Does one of the draft's first fields share its letter with a true one? */
static int letter_hit(const json_t *draft, const json_t *truth)
{
    const json_t *fields = json_object_get(draft, "fields");
    for (size_t i = 0; i < json_array_size(fields) && i < TOP_FIELDS; i++) {
        const char *code = json_string_value(json_array_get(fields, i));
        size_t k;
        const json_t *t;
        json_array_foreach(json_object_get(truth, "fields"), k, t) {
            const char *want = json_string_value(t);
            if (code && want && code[0] == want[0])
                return 1;
        }
    }
    return 0;
}

int rs_eval_draft_score(const char *requests, const char *drafts, const char *label, FILE *out)
{
    json_t *truth = load_lines(requests), *got = truth ? load_lines(drafts) : NULL;
    int rc = -1;
    if (got && json_array_size(got) != json_array_size(truth))
        fprintf(stderr, "roster-eval: %s: %zu drafts for %zu requests\n", drafts,
                json_array_size(got), json_array_size(truth));
    else if (got) {
        size_t n = json_array_size(truth), country = 0, letter = 0;
        for (size_t i = 0; i < n; i++) {
            const json_t *t = json_array_get(truth, i), *d = json_array_get(got, i);
            country += strcmp(text_of(t, "country"), text_of(d, "country")) == 0;
            letter += letter_hit(d, t);
        }
        double cn = n ? 100.0 * (double)country / (double)n : 0;
        double ln = n ? 100.0 * (double)letter / (double)n : 0;
        fprintf(out, "%-36s %4zu requests  country %5.1f%%  field letter in top %d %5.1f%%\n",
                label, n, cn, TOP_FIELDS, ln);
        rc = 0;
    }
    json_decref(truth);
    json_decref(got);
    return rc;
}

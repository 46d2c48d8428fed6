/* Graded relevance from the ground truth. See judge.h. */
#include "eval/judge.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/codes.h"
#include "eval/rules.h"

#define FULL_SHARE 25.0       /* percent of the work at which a code counts fully */
#define COMPETENCE_MIX 0.25   /* weight of competences beside fields */

/* Threshold of expertise for each grade from 1 up. */
static const double grade_from[] = {0.15, 0.40, 0.65};

/* ---- reading the truth ---- */

static int code_shares(json_t *o, const char *key, int (*valid)(const char *),
                       rs_truth_code *out, size_t *n, const char *file, long line, rs_diag *d)
{
    json_t *codes = json_object_get(o, key), *v;
    const char *code;
    if (!json_is_object(codes)) {
        rs_diag_add(d, RS_ERROR, file, line, key, "missing, or not an object of codes");
        return -1;
    }
    json_object_foreach(codes, code, v) {
        if (!valid(code) || strlen(code) >= sizeof out->code) {
            rs_diag_add(d, RS_ERROR, file, line, key, "bad code '%s'", code);
            return -1;
        }
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 100) {
            rs_diag_add(d, RS_ERROR, file, line, key, "share of %s is not 1..100", code);
            return -1;
        }
        if (*n == RS_TRUTH_CODES_MAX) {
            rs_diag_add(d, RS_ERROR, file, line, key, "more than %d codes",
                        RS_TRUTH_CODES_MAX);
            return -1;
        }
        snprintf(out[*n].code, sizeof out[*n].code, "%s", code);
        out[(*n)++].share = (int)json_integer_value(v);
    }
    return 0;
}

static int true_languages(json_t *o, rs_truth *out, const char *file, long line, rs_diag *d)
{
    json_t *langs = json_object_get(o, "languages"), *v;
    const char *code;
    if (!json_is_object(langs)) {
        rs_diag_add(d, RS_ERROR, file, line, "languages", "missing, or not an object");
        return -1;
    }
    json_object_foreach(langs, code, v) {
        rs_cefr level = rs_cefr_parse(json_is_string(v) ? json_string_value(v) : "");
        if (!rs_language_valid(code) || level == RS_CEFR_NONE) {
            rs_diag_add(d, RS_ERROR, file, line, "languages", "bad language or level for '%s'",
                        code);
            return -1;
        }
        if (out->n_languages == RS_TRUTH_LANGUAGES_MAX) {
            rs_diag_add(d, RS_ERROR, file, line, "languages", "more than %d languages",
                        RS_TRUTH_LANGUAGES_MAX);
            return -1;
        }
        rs_language *l = &out->languages[out->n_languages++];
        snprintf(l->code, sizeof l->code, "%s", code);
        l->level = level;
    }
    return 0;
}

int rs_truth_from_json_text(const char *text, size_t len, const char *file, long line,
                            rs_truth *out, rs_diag *d)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *o = json_loadb(text, len, 0, &jerr);
    if (!json_is_object(o)) {
        rs_diag_add(d, RS_ERROR, file, line, "", "not a JSON object: %s",
                    o ? "another value" : jerr.text);
        json_decref(o);
        return -1;
    }
    const char *id = json_string_value(json_object_get(o, "id"));
    int rc = -1;
    if (!id || !*id || strlen(id) > RS_ID_MAX)
        rs_diag_add(d, RS_ERROR, file, line, "id", "missing or longer than %d", RS_ID_MAX);
    else if (code_shares(o, "fields", rs_field_code_valid, out->fields, &out->n_fields, file,
                         line, d) == 0 &&
             code_shares(o, "competences", rs_competence_code_valid, out->competences,
                         &out->n_competences, file, line, d) == 0 &&
             true_languages(o, out, file, line, d) == 0) {
        snprintf(out->id, sizeof out->id, "%s", id);
        rc = 0;
    }
    json_decref(o);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ---- topics ---- */

static void copy_codes(char (*to)[16], size_t *n, char *const *from, size_t n_from)
{
    *n = 0;
    for (size_t i = 0; i < n_from && *n < RS_TOPIC_CODES_MAX; i++)
        if (strlen(from[i]) < 16)
            snprintf(to[(*n)++], 16, "%s", from[i]);
}

void rs_topic_of_tor(const rs_tor *t, rs_topic *out)
{
    copy_codes(out->fields, &out->n_fields, t->fields, t->n_fields);
    copy_codes(out->competences, &out->n_competences, t->competences, t->n_competences);
}

/* ---- similarity and grades ---- */

/* Is `a` an ancestor of `b` (a proper prefix ending at a level)? */
static int is_ancestor(const char *a, const char *b)
{
    size_t n = strlen(a);
    return strlen(b) > n && strncmp(a, b, n) == 0 && b[n] == '.';
}

double rs_judge_field_similarity(const char *asked, const char *held)
{
    if (strcmp(asked, held) == 0)
        return 1.0;
    if (is_ancestor(asked, held) || is_ancestor(held, asked)) {
        int gap = rs_code_depth(asked) - rs_code_depth(held);
        return gap == 1 || gap == -1 ? 0.7 : 0.5;
    }
    return asked[0] == held[0] ? 0.2 : 0.0;
}

double rs_judge_competence_similarity(const char *asked, const char *held)
{
    if (strcmp(asked, held) == 0)
        return 1.0;
    return is_ancestor(asked, held) || is_ancestor(held, asked) ? 0.7 : 0.0;
}

static double coverage(const char (*asked)[16], size_t n_asked, const rs_truth_code *held,
                       size_t n_held, double (*similarity)(const char *, const char *))
{
    double sum = 0;
    for (size_t i = 0; i < n_asked; i++) {
        double best = 0;
        for (size_t j = 0; j < n_held; j++) {
            double strength = held[j].share >= FULL_SHARE ? 1.0 : held[j].share / FULL_SHARE;
            double v = similarity(asked[i], held[j].code) * strength;
            if (v > best)
                best = v;
        }
        sum += best;
    }
    return n_asked ? sum / (double)n_asked : 0;
}

double rs_judge_expertise(const rs_topic *topic, const rs_truth *truth)
{
    double f = coverage((const char(*)[16])topic->fields, topic->n_fields, truth->fields,
                        truth->n_fields, rs_judge_field_similarity);
    double c = coverage((const char(*)[16])topic->competences, topic->n_competences,
                        truth->competences, truth->n_competences,
                        rs_judge_competence_similarity);
    if (topic->n_fields && topic->n_competences)
        return (1 - COMPETENCE_MIX) * f + COMPETENCE_MIX * c;
    return topic->n_fields ? f : c;
}

int rs_judge_speaks(const rs_tor *t, const rs_truth *truth)
{
    if (t->n_languages == 0)
        return 1;
    for (size_t i = 0; i < t->n_languages; i++)
        for (size_t j = 0; j < truth->n_languages; j++)
            if (strcmp(t->languages[i].code, truth->languages[j].code) == 0 &&
                truth->languages[j].level >= RS_CEFR_B2)
                return 1;
    return 0;
}

int rs_judge_grade(const rs_tor *t, const rs_topic *topic, const rs_truth *truth,
                   const rs_expert *e, int32_t today)
{
    if (rs_eval_ruled_out(t, e, today))
        return 0;
    double expertise = rs_judge_expertise(topic, truth);
    int grade = 0;
    while (grade < 3 && expertise >= grade_from[grade])
        grade++;
    if (grade > 1 && !rs_judge_speaks(t, truth))
        grade = 1;
    return grade;
}

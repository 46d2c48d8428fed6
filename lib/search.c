/* Search: a query of the query language run on the index, its answer as
 * JSON (what `roster search --json` prints and the HTTP API sends) and as
 * the command line's table, and the field table as `--help` shows it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/jsonbuild.h"
#include "core/schema.h"
#include "core/taxonomy.h"
#include "core/term.h"
#include "core/text.h"
#include "lib/private.h"
#include "query/query.h"
#include "query/search.h"

rs_status rs_search_help(FILE *f)
{
    fprintf(f, "\nFree words are matched in every CV language (stemmed, accents folded) and\n"
               "ANDed; \"quoted words\" form a phrase. Prefixes:\n");
    for (size_t i = 0; i < rs_n_fields; i++)
        if (rs_fields[i].name)
            fprintf(f, "  %-8s %s\n  %-8s   e.g. %s\n", rs_fields[i].name, rs_fields[i].help, "",
                    rs_fields[i].example);
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* ---- which of a hit's field codes answer the query ---- */

/* Is `code` the asked code or under it (E.10.01 under E.10)? */
static int under(const char *code, const char *asked)
{
    size_t n = strlen(asked);
    return strncmp(code, asked, n) == 0 && (code[n] == 0 || code[n] == '.');
}

/* How a hit's field code meets the query's field: codes: MATCH_UNDER at or
 * under one of them, MATCH_BROADER above one (E for field:E.10), else 0. */
enum { MATCH_BROADER = 1, MATCH_UNDER = 2 };

static int code_match(const rs_query *q, const char *code)
{
    int best = 0;
    for (size_t i = 0; i < rs_query_n_fields(q); i++) {
        const char *asked = rs_query_field_at(q, i);
        if (under(code, asked)) return MATCH_UNDER;
        if (under(asked, code)) best = MATCH_BROADER;
    }
    return best;
}

/* Which of the expert's codes answer the query's field: codes: those at or
 * under them; only when there are none, the broader ones the expert has
 * (the user asking E.10 of an expert filed under E alone sees E, broader). */
static int shown_match(const rs_query *q, const rs_expert *e)
{
    int best = 0;
    for (size_t i = 0; i < e->n_fields && best < MATCH_UNDER; i++) {
        int m = code_match(q, e->fields[i]);
        if (m > best) best = m;
    }
    return best;
}

/* ---- the JSON form ---- */

/* A string member, left out when value is NULL. */
static void set_string(rs_json_build *b, json_t *o, const char *key, const char *value)
{
    if (value) rs_json_set(b, o, key, json_string(value));
}

static json_t *hit_json(rs_json_build *b, const rs_query *q, const rs_hit *h)
{
    const rs_expert *e = &h->profile;
    json_t *o = rs_json_take(b, json_object()), *nat = rs_json_take(b, json_array()),
           *langs = rs_json_take(b, json_array()), *fields = rs_json_take(b, json_array()),
           *match = rs_json_take(b, json_array());
    for (size_t i = 0; i < e->n_nationalities; i++)
        rs_json_append(b, nat, json_string(e->nationalities[i]));
    for (size_t i = 0; i < e->n_languages; i++) {
        json_t *l = rs_json_take(b, json_object());
        set_string(b, l, "code", e->languages[i].code);
        set_string(b, l, "level", rs_cefr_name(e->languages[i].level));
        rs_json_append(b, langs, l);
    }
    int shown = shown_match(q, e);
    for (size_t i = 0; i < e->n_fields; i++) {
        rs_json_append(b, fields, json_string(e->fields[i]));
        if (shown && code_match(q, e->fields[i]) == shown)
            rs_json_append(b, match, json_string(e->fields[i]));
    }
    set_string(b, o, "id", e->id);
    /* json_string refuses text that is not UTF-8: a name damaged in the
     * index fails the whole answer rather than dropping the hit. */
    rs_json_set(b, o, "name", json_string(e->name));
    rs_json_set(b, o, "score", json_real(h->score));
    rs_json_set(b, o, "nationalities", nat);
    rs_json_set(b, o, "languages", langs);
    rs_json_set(b, o, "fields", fields);
    rs_json_set(b, o, "matching_fields", match);
    set_string(b, o, "sector", e->status ? rs_sector_name(e->status) : NULL);
    set_string(b, o, "gender", e->gender ? (char[2]){e->gender, 0} : NULL);
    return o;
}

static json_t *facets_json(rs_json_build *b, const rs_results *res)
{
    json_t *f = rs_json_take(b, json_object());
    for (size_t i = 0; i < res->n_facets; i++) {
        json_t *counts = rs_json_take(b, json_object());
        for (size_t j = 0; j < res->facets[i].n; j++)
            rs_json_set(b, counts, res->facets[i].counts[j].value,
                        json_integer(res->facets[i].counts[j].count));
        rs_json_set(b, f, res->facets[i].name, counts);
    }
    return f;
}

/* The results as one JSON value, or NULL unless every part of it was
 * built: never a value with hits or counts quietly missing. */
static json_t *results_json(const rs_query *q, const rs_results *res, int facets)
{
    rs_json_build b = {0};
    json_t *o = rs_json_take(&b, json_object()), *results = rs_json_take(&b, json_array());
    for (size_t i = 0; i < res->n_hits; i++)
        rs_json_append(&b, results, hit_json(&b, q, &res->hits[i]));
    rs_json_set(&b, o, "total", json_integer((json_int_t)res->total));
    rs_json_set(&b, o, "results", results);
    if (facets) rs_json_set(&b, o, "facets", facets_json(&b, res));
    if (rs_query_n_warnings(q)) {
        json_t *warnings = rs_json_take(&b, json_array());
        for (size_t i = 0; i < rs_query_n_warnings(q); i++)
            rs_json_append(&b, warnings, json_string(rs_query_warning_at(q, i)));
        rs_json_set(&b, o, "warnings", warnings);
    }
    if (!b.failed) return o;
    json_decref(o);
    return NULL;
}

/* ---- the text form: a table ---- */

#define NAME_COLS 28
#define NAT_COLS 11
#define LANG_COLS 28
#define ID_COLS 10 /* at least: wider when a shown id is longer */
#define SCORE_COLS 5

/* What the text form needs besides the JSON. */
typedef struct {
    rs_query *q;
    rs_results res;
    int facets;
    size_t offset; /* hits ranked before the first one held */
} search_answer;

static void search_answer_free(void *priv)
{
    search_answer *s = priv;
    rs_query_free(s->q);
    rs_results_free(&s->res);
    free(s);
}

/* Text left-aligned in `width` columns (code points, not bytes), cut with
 * an ellipsis when longer; what is not printable is escaped (core/term.h):
 * text from the roster must not drive the terminal. */
static void print_padded(FILE *f, const char *raw, int width)
{
    char *shown = rs_term_escape(raw);
    const char *text = shown ? shown : "?";
    size_t len = strlen(text);
    int cols = (int)rs_utf8_length(text, len);
    if (cols <= width) {
        fprintf(f, "%s%*s", text, width - cols, "");
    } else {
        /* Cut on a character boundary and mark the cut. */
        size_t keep = 0;
        for (int seen = 0; keep < len && seen < width - 1; seen++)
            do keep++; while (keep < len && ((unsigned char)text[keep] & 0xC0) == 0x80);
        fprintf(f, "%.*s…", (int)keep, text);
    }
    free(shown);
}

/* The table's column headings. The score column is there only when some
 * hit has a score: filters alone do not rank, they list in roster order.
 * With field: in the query the last column holds the codes that answer it
 * (hit_codes), not all the expert's: its heading says so. */
static void print_header(FILE *f, const rs_query *q, int id_cols, int scored)
{
    fprintf(f, "%3s  %-*s %-*s %-*s %-*s ", "#", id_cols, "id", NAME_COLS, "name", NAT_COLS,
            "nationality", LANG_COLS, "languages");
    if (scored) fprintf(f, "%*s  ", SCORE_COLS, "score");
    fprintf(f, "%s\n", rs_query_n_fields(q) > 0 ? "fields matched" : "fields");
}

/* The expert's field codes to show: every code, or with field: in the
 * query those that answer it (shown_match), broader ones marked so. */
static void hit_codes(const rs_query *q, const rs_expert *e, char *codes, size_t size)
{
    size_t n = 0;
    int asked = rs_query_n_fields(q) > 0, shown = asked ? shown_match(q, e) : 0;
    codes[0] = 0;
    for (size_t i = 0; i < e->n_fields && n < size; i++)
        if (!asked || (shown && code_match(q, e->fields[i]) == shown))
            n += (size_t)snprintf(codes + n, size - n, "%s%s%s", n ? " " : "", e->fields[i],
                                  shown == MATCH_BROADER ? " (broader)" : "");
}

/* One row of the table: long cells (name, nationalities, languages) are cut
 * with … so the columns stay aligned; ids are never cut, their column fits
 * the longest; the field codes end the row. */
static void print_hit(FILE *f, const rs_query *q, size_t rank, const rs_hit *h, int id_cols,
                      int scored)
{
    const rs_expert *e = &h->profile;
    char nat[32] = "", langs[128] = "", codes[256];
    size_t n = 0;
    for (size_t i = 0; i < e->n_nationalities; i++)
        n += (size_t)snprintf(nat + n, n < sizeof nat ? sizeof nat - n : 0, "%s%s", i ? "/" : "",
                              e->nationalities[i]);
    n = 0;
    for (size_t i = 0; i < e->n_languages && n < sizeof langs; i++)
        n += (size_t)snprintf(langs + n, sizeof langs - n, "%s%s:%s", i ? " " : "",
                              e->languages[i].code, rs_cefr_name(e->languages[i].level));
    hit_codes(q, e, codes, sizeof codes);
    fprintf(f, "%3zu  %-*s ", rank, id_cols, e->id);
    print_padded(f, e->name, NAME_COLS);
    fprintf(f, " ");
    print_padded(f, nat, NAT_COLS);
    fprintf(f, " ");
    print_padded(f, langs, LANG_COLS);
    fprintf(f, " ");
    if (scored) fprintf(f, "%*.2f  ", SCORE_COLS, h->score);
    fprintf(f, "%s\n", codes);
}

/* A facet value as a reader knows it: field letters and languages with
 * their English names, nationalities with the country's (the value first,
 * as typed in a query), sectors in the words show and match reasons use
 * (retired_public: retired public servant). */
static void print_facet_value(FILE *f, const char *facet, const char *value)
{
    const char *label = NULL;
    if (strcmp(facet, "field") == 0) label = rs_taxonomy_letter_label(rs_taxonomy_get(), value[0]);
    else if (strcmp(facet, "language") == 0) label = rs_language_name(value);
    else if (strcmp(facet, "nationality") == 0) label = rs_country_name(value);
    if (strcmp(facet, "sector") == 0)
        fputs(rs_sector_phrase(rs_sector_parse(value)), f);
    else
        fprintf(f, "%s%s%s", value, label ? " " : "", label ? label : "");
}

static rs_status print_results(const rs_answer *a, FILE *f)
{
    const search_answer *s = a->priv;
    const rs_results *res = &s->res;
    fprintf(f, "%u expert%s\n", res->total, res->total == 1 ? "" : "s");
    int id_cols = ID_COLS, scored = 0;
    for (size_t i = 0; i < res->n_hits; i++) {
        int len = (int)strlen(res->hits[i].profile.id);
        if (len > id_cols) id_cols = len;
        if (res->hits[i].score > 0) scored = 1;
    }
    if (res->n_hits) print_header(f, s->q, id_cols, scored);
    for (size_t i = 0; i < res->n_hits; i++)
        print_hit(f, s->q, s->offset + i + 1, &res->hits[i], id_cols, scored);
    if (s->facets) {
        for (size_t i = 0; i < res->n_facets; i++) {
            fprintf(f, "\n%-12s", res->facets[i].name);
            for (size_t j = 0; j < res->facets[i].n; j++) {
                fprintf(f, "%s", j ? ", " : " ");
                print_facet_value(f, res->facets[i].name, res->facets[i].counts[j].value);
                fprintf(f, " %u", res->facets[i].counts[j].count);
            }
        }
        fprintf(f, "\n");
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* ---- running a query ---- */

/* id: values are looked up in the store, which holds every id the index does. */
static int lookup_id(const char *asked, char *out, size_t outsz, char *err, size_t errsz,
                     void *ctx)
{
    char *id;
    rs_status e = rs_lib_find_id(ctx, asked, &id, err, errsz);
    *out = 0;
    if (e == RS_ERR_NOT_FOUND) return 0;
    if (e) return e == RS_ERR_INPUT ? -1 : -2;
    snprintf(out, outsz, "%s", id);
    free(id);
    return 0;
}

rs_status rs_search_check(const char *query, char **message)
{
    char err[512] = "";
    rs_query *q = NULL;
    rs_stemmers *stemmers = rs_stemmers_new();
    *message = NULL;
    if (!stemmers) return RS_ERR_NOMEM;
    int rc = rs_query_parse(query, stemmers, &q, err, sizeof err);
    rs_query_free(q);
    rs_stemmers_free(stemmers);
    if (rc == 0) return RS_OK;
    return (*message = strdup(err)) ? RS_ERR_INPUT : RS_ERR_NOMEM;
}

/* Parse the query, its id: values looked up in the store. */
static rs_status parse(rs_roster *r, const char *query, rs_query **q)
{
    rs_stemmers *stemmers = rs_roster_stemmers(r);
    if (!stemmers) return RS_ERR_NOMEM;
    int rc = rs_query_parse_ids(query, stemmers, lookup_id, rs_data_store(r->data), q,
                                r->message, sizeof r->message);
    /* -2: the lookup failed, not the query. */
    return rc == 0 ? RS_OK : rc == -2 ? RS_ERR_IO : RS_ERR_INPUT;
}

rs_status rs_roster_search(rs_roster *r, const char *query, size_t offset, size_t limit,
                           int facets, rs_answer **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    search_answer *s = calloc(1, sizeof *s);
    if (!s) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    s->facets = facets;
    s->offset = offset;
    if ((err = parse(r, query, &s->q))) {
        free(s);
        return err;
    }
    xc_db *db = rs_data_index(r->data);
    if (!db) {
        err = rs_fail(r, RS_ERR_INDEX, "%s", rs_data_error(r->data));
        goto no_results;
    }
    if (rs_search(db, s->q, offset, limit, facets, &s->res, r->message, sizeof r->message) != 0) {
        err = RS_ERR_INDEX; /* the message is set; rs_search freed what it had */
        goto no_results;
    }
    json_t *json = results_json(s->q, &s->res, facets);
    if (!json) {
        search_answer_free(s);
        return rs_fail(r, RS_ERR_NOMEM, "cannot build the JSON output (out of memory, or text "
                                        "in the index that is not UTF-8: run roster verify)");
    }
    /* The answer owns json and s from here, also when it cannot be made. */
    if (!(*out = rs_answer_new(json, RS_OUTCOME_DONE, print_results, s, search_answer_free)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
no_results:
    rs_query_free(s->q);
    free(s);
    return err;
}

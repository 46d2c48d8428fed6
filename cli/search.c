/* roster search 'QUERY' [--limit N] [--facets] [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/codes.h"
#include "core/jsonbuild.h"
#include "core/schema.h"
#include "core/taxonomy.h"
#include "query/query.h"
#include "query/search.h"

static void help(void)
{
    cli_usage("search");
    printf("\nFree words are matched in every CV language (stemmed, accents folded) and\n"
           "ANDed; \"quoted words\" form a phrase. Prefixes:\n");
    for (size_t i = 0; i < rs_n_fields; i++)
        if (rs_fields[i].name)
            printf("  %-8s %s\n  %-8s   e.g. %s\n", rs_fields[i].name, rs_fields[i].help, "",
                   rs_fields[i].example);
    printf("\nThe same prefix repeated means OR (nat:ES nat:FR); different prefixes AND.\n"
           "AND, OR, NOT and parentheses combine terms; -term excludes, as NOT term\n"
           "does (pension -reform; a query starting with - goes after --: roster search\n"
           "-- '-nat:FR'). --facets counts experts per nationality, language, field\n"
           "letter, sector and gender, each as if its own filter were lifted. The score\n"
           "column shows when the query has words: filters alone do not rank. Prefix\n"
           "values may be in any case; id:exp-00042 finds EXP-00042 when no other id\n"
           "differs from it only in case. Codes outside the taxonomy, unknown ids and\n"
           "lower-case and/or/not between terms get a warning (also in --json as\n"
           "\"warnings\"); a query with nothing to search for (\"\", -) is an error, the\n"
           "empty query '' lists every expert.\n");
}

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
     * index fails the whole output rather than dropping the hit. */
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

/* The results as one JSON value, printed only when every part of it was
 * built: never a value with hits or counts quietly missing. */
static int print_json(const rs_query *q, const rs_results *res, int facets)
{
    rs_json_build b = {0};
    json_t *o = rs_json_take(&b, json_object()), *results = rs_json_take(&b, json_array());
    for (size_t i = 0; i < res->n_hits; i++)
        rs_json_append(&b, results, hit_json(&b, q, &res->hits[i]));
    rs_json_set(&b, o, "total", json_integer((json_int_t)res->total));
    rs_json_set(&b, o, "results", results);
    if (facets) {
        json_t *f = rs_json_take(&b, json_object());
        for (size_t i = 0; i < res->n_facets; i++) {
            json_t *counts = rs_json_take(&b, json_object());
            for (size_t j = 0; j < res->facets[i].n; j++)
                rs_json_set(&b, counts, res->facets[i].counts[j].value,
                            json_integer(res->facets[i].counts[j].count));
            rs_json_set(&b, f, res->facets[i].name, counts);
        }
        rs_json_set(&b, o, "facets", f);
    }
    if (rs_query_n_warnings(q)) {
        json_t *warnings = rs_json_take(&b, json_array());
        for (size_t i = 0; i < rs_query_n_warnings(q); i++)
            rs_json_append(&b, warnings, json_string(rs_query_warning_at(q, i)));
        rs_json_set(&b, o, "warnings", warnings);
    }
    if (b.failed) {
        json_decref(o);
        fprintf(stderr, "roster search: cannot build the JSON output (out of memory, or text "
                        "in the index that is not UTF-8: run roster verify)\n");
        return EXIT_FAIL;
    }
    return cli_print_json(o);
}

#define NAME_COLS 28
#define NAT_COLS 11
#define LANG_COLS 28
#define ID_COLS 10 /* at least: wider when a shown id is longer */
#define SCORE_COLS 5

/* The table's column headings. The score column is there only when some
 * hit has a score: filters alone do not rank, they list in roster order. */
static void print_header(int id_cols, int scored)
{
    printf("%3s  %-*s %-*s %-*s %-*s ", "#", id_cols, "id", NAME_COLS, "name", NAT_COLS,
           "nationality", LANG_COLS, "languages");
    if (scored) printf("%*s  ", SCORE_COLS, "score");
    printf("fields\n");
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
 * with … (cli_print_padded) so the columns stay aligned; ids are never cut,
 * their column fits the longest; the field codes end the row. */
static void print_hit(const rs_query *q, size_t rank, const rs_hit *h, int id_cols, int scored)
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
    printf("%3zu  %-*s ", rank, id_cols, e->id);
    cli_print_padded(e->name, NAME_COLS);
    printf(" ");
    cli_print_padded(nat, NAT_COLS);
    printf(" ");
    cli_print_padded(langs, LANG_COLS);
    printf(" ");
    if (scored) printf("%*.2f  ", SCORE_COLS, h->score);
    printf("%s\n", codes);
}

/* A facet value as a reader knows it: field letters and languages with
 * their English names, nationalities with the country's, sectors in words
 * (retired_public: retired public); the value stays first, as typed in a
 * query. */
static void print_facet_value(const char *facet, const char *value)
{
    const char *label = NULL;
    if (strcmp(facet, "field") == 0) label = rs_taxonomy_letter_label(rs_taxonomy_get(), value[0]);
    else if (strcmp(facet, "language") == 0) label = rs_language_name(value);
    else if (strcmp(facet, "nationality") == 0) label = rs_country_name(value);
    if (strcmp(facet, "sector") == 0)
        for (const char *c = value; *c; c++) putchar(*c == '_' ? ' ' : *c);
    else
        printf("%s%s%s", value, label ? " " : "", label ? label : "");
}

static void print_text(const rs_query *q, const rs_results *res, int facets)
{
    printf("%u expert%s\n", res->total, res->total == 1 ? "" : "s");
    int id_cols = ID_COLS, scored = 0;
    for (size_t i = 0; i < res->n_hits; i++) {
        int len = (int)strlen(res->hits[i].profile.id);
        if (len > id_cols) id_cols = len;
        if (res->hits[i].score > 0) scored = 1;
    }
    if (res->n_hits) print_header(id_cols, scored);
    for (size_t i = 0; i < res->n_hits; i++) print_hit(q, i + 1, &res->hits[i], id_cols, scored);
    if (!facets) return;
    for (size_t i = 0; i < res->n_facets; i++) {
        printf("\n%-12s", res->facets[i].name);
        for (size_t j = 0; j < res->facets[i].n; j++) {
            printf("%s", j ? ", " : " ");
            print_facet_value(res->facets[i].name, res->facets[i].counts[j].value);
            printf(" %u", res->facets[i].counts[j].count);
        }
    }
    printf("\n");
}

/* id: values are looked up in the store, which holds every id the index does. */
static int lookup_id(const char *asked, char *out, size_t outsz, char *err, size_t errsz,
                     void *ctx)
{
    char *id;
    rs_status e = cli_find_id(ctx, asked, &id, err, errsz);
    *out = 0;
    if (e == RS_ERR_NOT_FOUND) return 0;
    if (e) return e == RS_ERR_INPUT ? -1 : -2;
    snprintf(out, outsz, "%s", id);
    free(id);
    return 0;
}

/* Parse the query (ids looked up in store unless it is NULL), printing its
 * error, or with store its warnings. Returns 0, or -1 with *status set. */
static int parse(const char *text, rs_stemmers *stemmers, rs_store *store, rs_query **q,
                 char *err, size_t errsz, int *status)
{
    int rc = rs_query_parse_ids(text, stemmers, store ? lookup_id : NULL, store, q, err, errsz);
    if (rc != 0) {
        fprintf(stderr, "roster search: %s\n", err);
        *status = rc == -2 ? EXIT_FAIL : EXIT_INPUT;
        return -1;
    }
    for (size_t i = 0; store && i < rs_query_n_warnings(*q); i++)
        fprintf(stderr, "roster search: warning: %s\n", rs_query_warning_at(*q, i));
    return 0;
}

int cmd_search(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"limit", 1, NULL}, {"facets", 0, NULL},
                      {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    long limit;
    if (cli_parse("search", argc, argv, opts, args, &n) != 0) return EXIT_INPUT;
    if (cli_flag(opts, "help")) {
        help();
        return EXIT_OK;
    }
    if (n != 1) {
        fprintf(stderr, "roster search: give one query (quote it: roster search 'field:E.10 lang:fr')\n");
        return EXIT_INPUT;
    }
    if (cli_opt_long(opts, "limit", 20, 0, 100000, &limit)) return EXIT_INPUT;
    rs_stemmers *stemmers = rs_stemmers_new();
    rs_query *q = NULL;
    char err[512];
    if (!stemmers) {
        fprintf(stderr, "roster search: out of memory\n");
        return EXIT_FAIL;
    }
    /* A bad query is refused before the data directory is touched; once the
     * roster is open the query is read again, its id: values looked up. */
    if (parse(args[0], stemmers, NULL, &q, err, sizeof err, &status) != 0) {
        rs_stemmers_free(stemmers);
        return status;
    }
    rs_query_free(q);
    q = NULL;
    rs_data *r = cli_open(opts, RS_OPEN_READ, &status);
    xc_db *db = NULL;
    if (r && parse(args[0], stemmers, rs_data_store(r), &q, err, sizeof err, &status) == 0 &&
        !(db = rs_data_index(r))) {
        fprintf(stderr, "roster search: %s\n", rs_data_error(r));
        status = EXIT_FAIL;
    }
    if (db) {
        rs_results res;
        int facets = cli_flag(opts, "facets");
        if (rs_search(db, q, (size_t)limit, facets, &res, err, sizeof err) != 0) {
            fprintf(stderr, "roster search: %s\n", err);
            status = EXIT_FAIL;
        } else {
            if (cli_flag(opts, "json")) status = print_json(q, &res, facets);
            else print_text(q, &res, facets);
            rs_results_free(&res);
        }
    }
    rs_data_close(r);
    rs_query_free(q);
    rs_stemmers_free(stemmers);
    return status;
}

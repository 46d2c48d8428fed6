/* The fixed query mix. See bench.h.
 *
 * Words come from the phrases roster-gen writes CVs with, in its four CV
 * languages, from rare (a field's own topic) to very common (words of every
 * summary), because common words are where ranking every match costs most.
 * Filters use codes and levels the generated roster holds in quantity.
 */
#include "bench/bench.h"

#include <stdio.h>
#include <string.h>

const char *const bench_kind_names[BENCH_KINDS] = {"text", "code+text", "filters", "facets"};

#define TEXT(w) {.kind = BENCH_TEXT, .words = (w)}
#define PHRASE(w) {.kind = BENCH_TEXT, .words = (w), .phrase = 1}
#define CODE(c, w) {.kind = BENCH_CODE, .field = (c), .words = (w)}

const bench_query bench_queries[] = {
    /* (a) free text */
    TEXT("pension"),
    TEXT("pensions retraite"),
    TEXT("social security"),
    TEXT("sécurité sociale"),
    TEXT("seguridad social"),
    TEXT("segurança social"),
    TEXT("formação profissional"),
    TEXT("formation professionnelle"),
    TEXT("labour inspection"),
    TEXT("inspection du travail"),
    TEXT("inspección de trabajo"),
    TEXT("health insurance"),
    TEXT("assurance maladie"),
    TEXT("employment services"),
    TEXT("servicios de empleo"),
    TEXT("emprego jovem"),
    TEXT("youth employment"),
    TEXT("diálogo social"),
    TEXT("dialogue social"),
    TEXT("cash transfers"),
    TEXT("actuarial"),
    TEXT("ministry"),
    PHRASE("social protection"),
    PHRASE("protection sociale"),

    /* (b) a field code with words */
    CODE("E.10", "pension"),
    CODE("A.35", "emploi"),
    CODE("E.10.07", "retraite"),
    CODE("F.15.05", "formación"),
    CODE("C.25", "dialogue"),
    CODE("E.05", "transfers"),
    CODE("E", "social"),
    CODE("A", "employment"),
    CODE("D", "labour law"),
    CODE("E.10.04", "assurance maladie"),
    CODE("A.20.10", "jovem"),
    CODE("F.15", "training"),
    CODE("E.10", "seguridad social"),
    CODE("A.45", "mercado"),
    CODE("B", "inspection"),
    CODE("E.15", "services"),
    CODE("A.25", "politique"),
    CODE("L", "rights"),
    CODE("E.10.01", "invalidité"),
    CODE("G", "development"),

    /* (c) filters only */
    {.kind = BENCH_FILTER, .lang = "fr", .level = "C1", .nat = "ES"},
    {.kind = BENCH_FILTER, .field = "E", .sector = "public", .gender = "F"},
    {.kind = BENCH_FILTER, .nat = "FR"},
    {.kind = BENCH_FILTER, .lang = "pt"},
    {.kind = BENCH_FILTER, .field = "A.35", .lang = "es", .level = "B2"},
    {.kind = BENCH_FILTER, .sector = "academic", .nat = "DE"},
    {.kind = BENCH_FILTER, .field = "E.10", .nat = "IT"},
    {.kind = BENCH_FILTER, .field = "F", .gender = "M"},
    {.kind = BENCH_FILTER, .lang = "en", .level = "C2", .sector = "retired_public"},
    {.kind = BENCH_FILTER, .field = "E.10.07", .lang = "fr", .level = "B2"},
    {.kind = BENCH_FILTER, .sector = "public"},
    {.kind = BENCH_FILTER, .gender = "F", .nat = "PT"},
    {.kind = BENCH_FILTER, .field = "C", .lang = "es", .level = "native"},
    {.kind = BENCH_FILTER, .field = "A", .sector = "mandated_body"},
    {.kind = BENCH_FILTER, .lang = "de", .level = "B1", .gender = "F"},
    {.kind = BENCH_FILTER, .field = "E.05", .nat = "BE"},
    {.kind = BENCH_FILTER, .field = "D", .lang = "fr", .level = "C1", .sector = "public"},
    {.kind = BENCH_FILTER, .nat = "ES", .sector = "social_partner"},
    {.kind = BENCH_FILTER, .field = "E.10.04", .gender = "M", .lang = "en", .level = "B2"},
    {.kind = BENCH_FILTER, .field = "A.20.10"},

    /* (d) facets: text and filter queries counted per facet */
    {.kind = BENCH_FACET, .words = "pension"},
    {.kind = BENCH_FACET, .words = "sécurité sociale"},
    {.kind = BENCH_FACET, .words = "formação profissional"},
    {.kind = BENCH_FACET, .words = "labour inspection", .nat = "FR"},
    {.kind = BENCH_FACET, .words = "seguridad social", .lang = "es", .level = "C1"},
    {.kind = BENCH_FACET, .words = "employment", .field = "A"},
    {.kind = BENCH_FACET, .words = "retraite", .sector = "public"},
    {.kind = BENCH_FACET, .words = "ministry"},
    {.kind = BENCH_FACET, .words = "dialogue social", .gender = "F"},
    {.kind = BENCH_FACET, .words = "health insurance", .field = "E.10"},
    {.kind = BENCH_FACET, .lang = "fr", .level = "C1", .nat = "ES"},
    {.kind = BENCH_FACET, .field = "E", .sector = "public", .gender = "F"},
    {.kind = BENCH_FACET, .nat = "FR"},
    {.kind = BENCH_FACET, .lang = "pt"},
    {.kind = BENCH_FACET, .field = "A.35", .lang = "es", .level = "B2"},
    {.kind = BENCH_FACET, .sector = "academic"},
    {.kind = BENCH_FACET, .field = "E.10"},
    {.kind = BENCH_FACET, .gender = "F", .nat = "PT"},
    {.kind = BENCH_FACET, .field = "F", .lang = "en", .level = "C2"},
    {.kind = BENCH_FACET, .field = "C", .nat = "IT", .sector = "social_partner"},
};

const size_t bench_n_queries = sizeof bench_queries / sizeof bench_queries[0];

void bench_query_text(const bench_query *q, char *buf, size_t bufsz)
{
    size_t n = 0;
    buf[0] = 0;
#define PUT(...)                                                                       \
    do {                                                                               \
        if (n < bufsz) n += (size_t)snprintf(buf + n, bufsz - n, __VA_ARGS__);         \
    } while (0)
    if (q->words) PUT(q->phrase ? "\"%s\"" : "%s", q->words);
    if (q->field) PUT("%sfield:%s", n ? " " : "", q->field);
    if (q->lang) PUT("%slang:%s%s%s", n ? " " : "", q->lang, q->level ? ">=" : "",
                     q->level ? q->level : "");
    if (q->nat) PUT("%snat:%s", n ? " " : "", q->nat);
    if (q->sector) PUT("%ssector:%s", n ? " " : "", q->sector);
    if (q->gender) PUT("%sgender:%s", n ? " " : "", q->gender);
#undef PUT
}

int bench_query_filters(const bench_query *q, const char *facet)
{
    if (strcmp(facet, "field") == 0) return q->field != NULL;
    if (strcmp(facet, "language") == 0) return q->lang != NULL;
    if (strcmp(facet, "nationality") == 0) return q->nat != NULL;
    if (strcmp(facet, "sector") == 0) return q->sector != NULL;
    if (strcmp(facet, "gender") == 0) return q->gender != NULL;
    return 0;
}

/*
 * The library's face (lib/roster.h) for matching, checking and the report:
 * each verb's answer, outcome and text form, and its error branches through
 * the public header alone, as a front end calls them. A bad ToR names
 * file:line: field; unknown and repeated ids in a check name themselves; a
 * batch answers a bad line with its errors and goes on; limits out of
 * bounds and a bad report period are bad input. Each test works in its own
 * mkdtemp directory.
 */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp, fmemopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/roster.h"
#include "tests/unit/scratch.h"

#define EXPERT(id, name, gender, nat, lang, field, extra)                                  \
    "{\"id\":\"" id "\",\"name\":\"" name "\",\"gender\":\"" gender "\","                   \
    "\"nationalities\":[\"" nat "\"],\"status\":\"public\",\"languages\":[{\"code\":\"" lang \
    "\",\"level\":\"native\"},{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"" field    \
    "\"],\"summary\":\"Pensions et sécurité sociale, réforme des retraites\"" extra "}\n"

static const char EXPERTS[] =
    EXPERT("F-1", "Ana Lopes", "F", "PT", "pt", "E.10.01",
           ",\"missions\":[{\"country\":\"SN\",\"from\":\"2026-03-02\",\"to\":\"2026-03-13\"}]")
    EXPERT("F-2", "Jan Kowalski", "M", "PL", "pl", "E.10", "")
    EXPERT("F-3", "Eva Schmidt", "F", "DE", "de", "E.10.02", "");

/* A ToR two of them can meet; its problems, if any, are on their own lines. */
static const char TOR[] = "{\n"
                          "  \"action\": \"2026-01\",\n"
                          "  \"title\": \"Réforme des pensions\",\n"
                          "  \"country\": \"SN\",\n"
                          "  \"fields\": [\"E.10\"],\n"
                          "  \"languages\": [{\"code\": \"fr\", \"level\": \"B2\"}],\n"
                          "  \"team_size\": 2\n"
                          "}\n";

typedef rs_test_roster fixture;

static int setup(void **state)
{
    fixture *f = rs_test_roster_new("roster-match");
    assert_non_null(f);
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->r, "up.jsonl", EXPERTS, strlen(EXPERTS),
                                           RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    assert_int_equal(st.imported, 3);
    /* Readers match: a handle of their own, as a server holds one. */
    rs_roster_close(f->r);
    assert_int_equal(rs_roster_open(f->data, RS_OPEN_READ, "tester", &f->r), RS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    rs_test_roster_free(*state);
    return 0;
}

static rs_text text(const char *name, const char *data)
{
    return (rs_text){.name = name, .line = 1, .data = data, .len = strlen(data)};
}

/* What an answer's text form prints, malloc'd. */
static char *text_of(const rs_answer *a)
{
    char *text = rs_test_answer_text(a);
    assert_non_null(text);
    return text;
}

/* What rs_roster_print_problems prints, malloc'd. */
static char *problems_of(const rs_roster *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    rs_roster_print_problems(r, m);
    fclose(m);
    return buf;
}

/* ---- match ---- */

static void test_match(void **state)
{
    fixture *f = *state;
    rs_text t = text("tor.json", TOR);
    rs_answer *a;
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_DONE);
    const json_t *j = rs_answer_json(a);
    assert_int_equal(json_array_size(json_object_get(j, "shortlist")), 3);
    const json_t *teams = json_object_get(j, "teams");
    assert_true(json_array_size(teams) >= 1);
    assert_int_equal(json_array_size(json_object_get(json_array_get(teams, 0), "members")), 2);
    assert_true(json_is_null(json_object_get(j, "infeasible")));
    /* Nothing was inferred: the ToR gives its codes and languages. */
    const json_t *inf = json_object_get(j, "inferred");
    assert_int_equal(json_array_size(json_object_get(inf, "fields")), 0);
    assert_int_equal(json_array_size(json_object_get(inf, "languages")), 0);
    char *out = text_of(a);
    assert_non_null(strstr(out, "2026-01: Réforme des pensions (SN), team of 2"));
    assert_non_null(strstr(out, "Shortlist"));
    assert_non_null(strstr(out, "Teams"));
    free(out);
    rs_answer_free(a);
    /* The same handle answers again, alike. */
    rs_answer *b;
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &b), RS_OK);
    char *x = json_dumps(rs_answer_json(b), JSON_COMPACT);
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
    char *y = json_dumps(rs_answer_json(a), JSON_COMPACT);
    assert_string_equal(x, y);
    free(x);
    free(y);
    rs_answer_free(a);
    rs_answer_free(b);
}

static void test_match_inferred_and_limits(void **state)
{
    fixture *f = *state;
    /* No codes and no languages: both are inferred and said. */
    rs_text t = text("bare.json", "{\"action\":\"2026-02\",\"title\":\"Réforme des pensions "
                                  "de retraite et sécurité sociale\",\"country\":\"SN\"}");
    rs_match_limits lim = {.shortlist = 0, .teams = 1, .pool = 0};
    rs_answer *a;
    assert_int_equal(rs_roster_match(f->r, &t, &lim, &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_int_equal(json_array_size(json_object_get(j, "shortlist")), 0);
    assert_true(json_array_size(json_object_get(j, "teams")) <= 1);
    const json_t *inf = json_object_get(j, "inferred");
    assert_true(json_array_size(json_object_get(inf, "fields")) >= 1);
    assert_true(json_array_size(json_object_get(inf, "fields")) <= 2); /* focus and letter */
    /* The likeliest fields beside, each a code with a score in [0,1] and the
     * words that weighed; the focus (the first asked) is one of them or
     * below one of them. */
    const json_t *likely = json_object_get(inf, "likely_fields");
    assert_true(json_array_size(likely) >= 1 && json_array_size(likely) <= 3);
    for (size_t i = 0; i < json_array_size(likely); i++) {
        const json_t *c = json_array_get(likely, i);
        double s = json_real_value(json_object_get(c, "score"));
        assert_non_null(json_string_value(json_object_get(c, "code")));
        assert_true(s > 0 && s <= 1);
        assert_true(json_is_array(json_object_get(c, "evidence")));
    }
    const char *focus = json_string_value(json_array_get(json_object_get(inf, "fields"), 0));
    const char *best = json_string_value(json_object_get(json_array_get(likely, 0), "code"));
    assert_int_equal(focus[0], best[0]);
    char *out = text_of(a);
    assert_non_null(strstr(out, "fields inferred from the text:"));
    assert_null(strstr(out, "Shortlist"));
    free(out);
    rs_answer_free(a);

    /* Limits out of bounds are bad input, named. */
    rs_match_limits bad[] = {{.teams = RS_MATCH_TEAMS_MAX + 1},
                             {.shortlist = RS_MATCH_SHORTLIST_MAX + 1},
                             {.pool = 1},
                             {.pool = RS_MATCH_POOL_MAX + 1}};
    const char *named[] = {"teams", "shortlist", "pool", "pool"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        a = (rs_answer *)1;
        assert_int_equal(rs_roster_match(f->r, &t, &bad[i], &a), RS_ERR_INPUT);
        assert_null(a);
        assert_non_null(strstr(rs_roster_message(f->r), named[i]));
    }
}

static void test_match_no_team(void **state)
{
    fixture *f = *state;
    /* Four members from a roster of three. */
    rs_text t = text("big.json", "{\"action\":\"2026-03\",\"title\":\"Pensions\","
                                 "\"country\":\"SN\",\"fields\":[\"E.10\"],\"team_size\":4}");
    rs_answer *a;
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_NO_TEAM);
    const json_t *j = rs_answer_json(a);
    assert_int_equal(json_array_size(json_object_get(j, "teams")), 0);
    assert_true(json_is_object(json_object_get(j, "infeasible")));
    char *out = text_of(a);
    assert_non_null(strstr(out, "No team"));
    free(out);
    rs_answer_free(a);
}

/* The experts of a shortlist: each one's id, score and parts. */
static json_t *shortlist_of(const rs_answer *a)
{
    json_t *out = json_array(), *e;
    size_t i;
    json_array_foreach(json_object_get(rs_answer_json(a), "shortlist"), i, e)
        json_array_append_new(out, json_pack("[OOO]", json_object_get(e, "id"),
                                             json_object_get(e, "score"),
                                             json_object_get(e, "parts")));
    return out;
}

/* A ToR no team can meet is looked at again without the index's filters;
 * an expert the rules rule out who matches its text best must not change
 * the scale the others' text is weighed on: the shortlist is the one of the
 * same ToR without the rule that no team can meet. */
static void test_no_team_same_scale(void **state)
{
    fixture *f = *state;
    rs_roster *w;
    assert_int_equal(rs_roster_open(f->data, RS_OPEN_WRITE, "tester", &w), RS_OK);
    static const char best[] =
        "{\"id\":\"X-1\",\"name\":\"Luc Peeters\",\"gender\":\"M\",\"nationalities\":[\"BE\"],"
        "\"status\":\"public\",\"fields\":[\"E.10\"],\"summary\":\"Pensions, pensions, pensions: "
        "retraites et sécurité sociale, retraites et pensions\"}\n";
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(w, "best.jsonl", best, strlen(best), RS_FORMAT_JSONL, 0,
                                           &st),
                     RS_OK);
    rs_roster_close(w);
    assert_int_equal(rs_roster_refresh(f->r), RS_OK);
#define SCALE_TOR(rules)                                                                     \
    "{\"action\":\"2026-05\",\"title\":\"Pensions et retraites\",\"country\":\"SN\","        \
    "\"description\":\"Pensions, retraites, sécurité sociale.\",\"team_size\":2,"              \
    "\"rules\":{\"exclude_nationalities\":[\"BE\"]" rules "}}"
    rs_text met = text("met.json", SCALE_TOR("")),
            unmet = text("unmet.json", SCALE_TOR(",\"require\":[\"F-9\"]"));
#undef SCALE_TOR
    rs_answer *a, *b;
    assert_int_equal(rs_roster_match(f->r, &met, NULL, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_DONE);
    assert_int_equal(rs_roster_match(f->r, &unmet, NULL, &b), RS_OK);
    assert_int_equal(rs_answer_outcome(b), RS_OUTCOME_NO_TEAM);
    json_t *sa = shortlist_of(a), *sb = shortlist_of(b);
    assert_int_equal(json_array_size(sa), 3); /* X-1 is ruled out */
    assert_true(json_equal(sa, sb));
    json_decref(sa);
    json_decref(sb);
    rs_answer_free(a);
    rs_answer_free(b);
}

/* Is `id` in the shortlist of a? */
static int in_shortlist(const rs_answer *a, const char *id)
{
    const json_t *e;
    size_t i;
    json_array_foreach(json_object_get(rs_answer_json(a), "shortlist"), i, e)
        if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0) return 1;
    return 0;
}

/* Expert ids in rules.exclude and rules.require are taken as the roster
 * stores them when typed in another case (warned of, on their line); one
 * the roster does not hold is warned of; one both lists name once taken so
 * is an error. */
static void test_rule_ids_resolved(void **state)
{
    fixture *f = *state;
    rs_text t = text("ids.json", "{\"action\":\"2026-06\",\"title\":\"Pensions\",\"country\":\"SN\",\n"
                                 "\"fields\":[\"E.10\"],\"rules\":{\"exclude\":[\"f-1\",\"F-1\"],\n"
                                 "\"require\":[\"nobody\"]}}");
    rs_answer *a;
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
    assert_false(in_shortlist(a, "F-1")); /* excluded, though typed f-1 */
    assert_true(in_shortlist(a, "F-2"));
    rs_answer_free(a);
    char *printed = problems_of(f->r);
    assert_non_null(strstr(printed, "ids.json:2: rules.exclude[0]: warning: 'f-1' taken as F-1, "
                                    "the roster's id"));
    assert_non_null(strstr(printed, "ids.json:3: rules.require[0]: warning: no expert with id "
                                    "'nobody'"));
    free(printed);

    rs_text both = text("both.json", "{\"action\":\"2026-06\",\"title\":\"Pensions\",\"country\":\"SN\","
                                     "\"rules\":{\"exclude\":[\"f-2\"],\"require\":[\"F-2\"]}}");
    a = (rs_answer *)1;
    assert_int_equal(rs_roster_match(f->r, &both, NULL, &a), RS_ERR_INPUT);
    assert_null(a);
    printed = problems_of(f->r);
    assert_non_null(strstr(printed, "both.json:1: rules.require[0]: 'F-2' is also in rules.exclude"));
    free(printed);
    char *ids[] = {"F-2", "F-3"};
    assert_int_equal(rs_roster_check(f->r, &both, ids, 2, &a), RS_ERR_INPUT);
    assert_null(a);
}

/* RFC 7386: patch merged into target (both borrowed; target changed). */
static void merge_patch(json_t *target, const json_t *patch)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)patch, key, v) {
        json_t *old = json_object_get(target, key);
        if (json_is_null(v))
            json_object_del(target, key);
        else if (json_is_object(v) && json_is_object(old))
            merge_patch(old, v);
        else
            json_object_set(target, key, v);
    }
}

/* Every remedy comes with the change of the ToR's JSON that makes it (a
 * merge patch): merged into the ToR, the match finds a team. */
static void test_remedy_changes(void **state)
{
    fixture *f = *state;
    const char *tors[] = {
        /* more members than the roster holds */
        "{\"action\":\"R-1\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"],"
        "\"team_size\":5}",
        /* a language nobody speaks */
        "{\"action\":\"R-2\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"],"
        "\"languages\":[{\"code\":\"fr\",\"level\":\"B2\"},{\"code\":\"sw\",\"level\":\"B2\"}]}",
        /* one nationality left, two needed; a required expert excluded */
        "{\"action\":\"R-3\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"],"
        "\"rules\":{\"exclude_nationalities\":[\"PT\",\"PL\",\"ES\"]}}",
        "{\"action\":\"R-4\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"],"
        "\"rules\":{\"require\":[\"F-1\"],\"exclude_nationalities\":[\"PT\"]}}",
        /* F-4 (below) cannot travel then, and all four are needed */
        "{\"action\":\"R-5\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"],"
        "\"team_size\":4,\"from\":\"2031-03-03\",\"to\":\"2031-03-14\"}",
    };
    /* A fourth expert, who cannot travel in March 2031. */
    static const char f4[] = "{\"id\":\"F-4\",\"name\":\"Ines Duarte\",\"gender\":\"M\","
                             "\"nationalities\":[\"ES\"],\"status\":\"public\",\"languages\":"
                             "[{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"E.10\"],"
                             "\"unavailable\":[{\"from\":\"2031-03-01\",\"to\":\"2031-03-31\"}]}\n";
    rs_roster *w;
    rs_import_stats st;
    assert_int_equal(rs_roster_open(f->data, RS_OPEN_UPDATE, "tester", &w), RS_OK);
    assert_int_equal(rs_roster_import_data(w, "f4.jsonl", f4, strlen(f4), RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    rs_roster_close(w);
    assert_int_equal(rs_roster_refresh(f->r), RS_OK);
    size_t tried = 0;
    for (size_t i = 0; i < sizeof tors / sizeof *tors; i++) {
        rs_text t = text("tor.json", tors[i]);
        rs_answer *a;
        assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
        if (rs_answer_outcome(a) != RS_OUTCOME_NO_TEAM)
            fail_msg("%s gives a team", tors[i]);
        const json_t *x = json_object_get(rs_answer_json(a), "infeasible");
        const json_t *remedies = json_object_get(x, "remedies");
        const json_t *changes = json_object_get(x, "changes");
        assert_true(json_array_size(remedies) >= 1);
        assert_int_equal(json_array_size(changes), json_array_size(remedies));
        for (size_t k = 0; k < json_array_size(changes); k++) {
            json_t *tor = json_loads(tors[i], 0, NULL);
            merge_patch(tor, json_array_get(changes, k));
            char *patched = json_dumps(tor, JSON_COMPACT);
            rs_text pt = text("patched.json", patched);
            rs_answer *b;
            assert_int_equal(rs_roster_match(f->r, &pt, NULL, &b), RS_OK);
            if (rs_answer_outcome(b) != RS_OUTCOME_DONE)
                fail_msg("remedy '%s' as %s gives no team", json_string_value(json_array_get(remedies, k)),
                         patched);
            rs_answer_free(b);
            free(patched);
            json_decref(tor);
            tried++;
        }
        rs_answer_free(a);
    }
    assert_true(tried >= 6);
}

static void test_match_bad_tor(void **state)
{
    fixture *f = *state;
    /* A bad value on line 3 is named by file, line and field. */
    rs_text t = text("tor.json", "{\n  \"action\": \"2026-04\", \"title\": \"t\",\n"
                                 "  \"country\": \"SN\", \"team_size\": 9\n}\n");
    rs_answer *a = (rs_answer *)1;
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_ERR_INPUT);
    assert_null(a);
    const json_t *p = rs_roster_problems(f->r);
    assert_true(json_array_size(p) >= 1);
    const json_t *first = json_array_get(p, 0);
    assert_string_equal(json_string_value(json_object_get(first, "file")), "tor.json");
    assert_int_equal(json_integer_value(json_object_get(first, "line")), 3);
    assert_string_equal(json_string_value(json_object_get(first, "field")), "team_size");
    assert_string_equal(json_string_value(json_object_get(first, "severity")), "error");
    char *printed = problems_of(f->r);
    assert_non_null(strstr(printed, "tor.json:3: team_size: "));
    free(printed);

    /* Not JSON: the line where the parser stopped. */
    t = text("broken.json", "{\n\"action\": \"x\",\n");
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_ERR_INPUT);
    first = json_array_get(rs_roster_problems(f->r), 0);
    assert_string_equal(json_string_value(json_object_get(first, "file")), "broken.json");
    assert_non_null(strstr(json_string_value(json_object_get(first, "problem")), "not valid JSON"));

    /* A ToR starting further down a file counts its lines from there. */
    rs_text later = {.name = "many.jsonl", .line = 7, .data = "{\"action\":\"a\"}", .len = 14};
    assert_int_equal(rs_roster_match(f->r, &later, NULL, &a), RS_ERR_INPUT);
    first = json_array_get(rs_roster_problems(f->r), 0);
    assert_int_equal(json_integer_value(json_object_get(first, "line")), 7);

    /* A success clears the problems of the call before. */
    t = text("tor.json", TOR);
    assert_int_equal(rs_roster_match(f->r, &t, NULL, &a), RS_OK);
    assert_int_equal(json_array_size(rs_roster_problems(f->r)), 0);
    assert_string_equal(rs_roster_message(f->r), "");
    rs_answer_free(a);
}

/* ---- batches ---- */

typedef struct {
    rs_status st[8];
    char *json[8];
    size_t n;
    rs_roster *r;
    char *problems;
} batch_log;

static int keep_line(rs_status st, rs_answer *a, void *ctx)
{
    batch_log *b = ctx;
    assert_true(b->n < 8);
    b->st[b->n] = st;
    b->json[b->n] = a ? json_dumps(rs_answer_json(a), JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (st == RS_ERR_INPUT) b->problems = problems_of(b->r);
    b->n++;
    rs_answer_free(a);
    return 0;
}

static void test_match_batch(void **state)
{
    fixture *f = *state;
    char lines[1024];
    snprintf(lines, sizeof lines,
             "{\"action\":\"b-1\",\"title\":\"Pensions\",\"country\":\"SN\",\"fields\":[\"E.10\"]}\n"
             "\n"
             "{\"action\":\"b-3\",\"title\":\"t\",\"country\":\"Narnia\"}\n"
             "{\"action\":\"b-4\",\"title\":\"Pensions\",\"country\":\"SN\",\"team_size\":4}\n");
    FILE *in = fmemopen(lines, strlen(lines), "r");
    assert_non_null(in);
    batch_log b = {.r = f->r};
    assert_int_equal(rs_roster_match_batch(f->r, in, "tors.jsonl", NULL, keep_line, &b), RS_OK);
    fclose(in);
    assert_int_equal(b.n, 3); /* the blank line is skipped */
    assert_int_equal(b.st[0], RS_OK);
    assert_non_null(strstr(b.json[0], "\"shortlist\""));
    /* The bad line answers with its line and errors, and the batch goes on. */
    assert_int_equal(b.st[1], RS_ERR_INPUT);
    assert_non_null(strstr(b.json[1], "{\"line\":3,\"errors\":[\"country: "));
    assert_non_null(strstr(b.problems, "tors.jsonl:3: country: "));
    assert_int_equal(b.st[2], RS_OK);
    assert_non_null(strstr(b.json[2], "\"infeasible\":{"));
    for (size_t i = 0; i < b.n; i++) free(b.json[i]);
    free(b.problems);
}

/* ---- check ---- */

static void test_check(void **state)
{
    fixture *f = *state;
    rs_text t = text("tor.json", TOR);
    char *team[] = {"F-2", "f-3"}; /* ids in any case, as show takes them */
    rs_answer *a;
    assert_int_equal(rs_roster_check(f->r, &t, team, 2, &a), RS_OK);
    assert_int_not_equal(rs_answer_outcome(a), RS_OUTCOME_FAILED);
    assert_int_not_equal(rs_answer_outcome(a), RS_OUTCOME_NO_TEAM);
    const json_t *rules = rs_answer_json(a);
    assert_true(json_is_array(rules));
    assert_string_equal(json_string_value(json_object_get(json_array_get(rules, 0), "rule")),
                        "team_size");
    char *out = text_of(a);
    assert_non_null(strstr(out, "Team of 2\n  F-2  Jan Kowalski (PL)\n  F-3  Eva Schmidt (DE)\n"));
    free(out);
    rs_answer_free(a);

    /* A Portuguese member where the ToR excludes Portuguese: a hard rule fails. */
    rs_text no_pt = text("no-pt.json", "{\"action\":\"2026-05\",\"title\":\"Pensions\","
                                       "\"country\":\"SN\",\"fields\":[\"E.10\"],"
                                       "\"rules\":{\"exclude_nationalities\":[\"PT\"]}}");
    char *with_pt[] = {"F-1", "F-2"};
    assert_int_equal(rs_roster_check(f->r, &no_pt, with_pt, 2, &a), RS_OK);
    assert_int_equal(rs_answer_outcome(a), RS_OUTCOME_FAILED);
    out = text_of(a);
    assert_non_null(strstr(out, "hard rule failed: exclude_nationalities"));
    free(out);
    rs_answer_free(a);
}

static void test_check_errors(void **state)
{
    fixture *f = *state;
    rs_text t = text("tor.json", TOR);
    rs_answer *a = (rs_answer *)1;
    /* Every unknown id is named, one a line. */
    char *unknown[] = {"NOPE-1", "F-1", "NOPE-2"};
    assert_int_equal(rs_roster_check(f->r, &t, unknown, 3, &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_string_equal(rs_roster_message(f->r),
                        "no expert with id 'NOPE-1'\nno expert with id 'NOPE-2'");
    /* The same expert twice is no team of two. */
    char *twice[] = {"F-1", "f-1"};
    assert_int_equal(rs_roster_check(f->r, &t, twice, 2, &a), RS_ERR_INPUT);
    assert_string_equal(rs_roster_message(f->r), "F-1 named twice");
    /* No ids at all. */
    assert_int_equal(rs_roster_check(f->r, &t, NULL, 0, &a), RS_ERR_INPUT);
    /* A bad ToR: its problems, before any id is looked at. */
    rs_text bad = text("bad.json", "{\"action\":\"x\",\"title\":\"t\",\"country\":\"SN\","
                                   "\"fields\":[\"nope\"]}");
    char *ok[] = {"F-1", "F-2"};
    assert_int_equal(rs_roster_check(f->r, &bad, ok, 2, &a), RS_ERR_INPUT);
    char *printed = problems_of(f->r);
    assert_non_null(strstr(printed, "bad.json:1: fields[0]: 'nope' is not a field code"));
    free(printed);
}

/* The detail of the portfolio balance verdict, from a check of F-1 and F-2. */
static const char *portfolio_verdict(rs_roster *r, rs_answer **a)
{
    rs_text t = text("tor.json", TOR);
    char *team[] = {"F-1", "F-2"};
    assert_int_equal(rs_roster_check(r, &t, team, 2, a), RS_OK);
    size_t i;
    const json_t *v;
    json_array_foreach(rs_answer_json(*a), i, v)
        if (strcmp(json_string_value(json_object_get(v, "rule")), "portfolio_balance") == 0)
            return json_string_value(json_object_get(v, "detail"));
    fail_msg("no portfolio_balance verdict");
    return NULL;
}

/* A handle kept open (a server's) reads the portfolio once, and again when
 * the store changes: missions recorded elsewhere count at the next call. */
static void test_portfolio_follows_store(void **state)
{
    fixture *f = *state;
    rs_answer *a;
    /* F-1's are the only recent mission days: PT is over-represented. */
    assert_non_null(strstr(portfolio_verdict(f->r, &a), "F-1: PT over-represented"));
    rs_answer_free(a);
    rs_roster *w;
    assert_int_equal(rs_roster_open(f->data, RS_OPEN_UPDATE, "tester", &w), RS_OK);
    static const char busy[] = EXPERT(
        "F-2", "Jan Kowalski", "M", "PL", "pl", "E.10",
        ",\"missions\":[{\"country\":\"SN\",\"from\":\"2026-04-06\",\"to\":\"2026-05-29\"}]");
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(w, "busy.jsonl", busy, strlen(busy), RS_FORMAT_JSONL,
                                           0, &st),
                     RS_OK);
    rs_roster_close(w);
    /* Now PL has most of the days and PT is under its share. */
    const char *now = portfolio_verdict(f->r, &a);
    assert_non_null(strstr(now, "F-2: PL over-represented"));
    assert_null(strstr(now, "PT"));
    rs_answer_free(a);
}

/* ---- report ---- */

static void test_report(void **state)
{
    fixture *f = *state;
    rs_answer *a;
    assert_int_equal(rs_roster_report(f->r, "all", &a), RS_OK);
    const json_t *j = rs_answer_json(a);
    assert_true(json_is_null(json_object_get(json_object_get(j, "period"), "since")));
    char *out = text_of(a);
    assert_true(strlen(out) > 0);
    free(out);
    rs_answer_free(a);

    assert_int_equal(rs_roster_report(f->r, "2026-01", &a), RS_OK);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(rs_answer_json(a), "period"), "since")),
        "2026-01-01");
    rs_answer_free(a);
    assert_int_equal(rs_roster_report(f->r, NULL, &a), RS_OK);
    rs_answer_free(a);

    a = (rs_answer *)1;
    assert_int_equal(rs_roster_report(f->r, "yesterday", &a), RS_ERR_INPUT);
    assert_null(a);
    assert_string_equal(rs_roster_message(f->r),
                        "since: expected a date YYYY-MM-DD or YYYY-MM, got 'yesterday'");

    char *svg = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&svg, &len);
    assert_non_null(m);
    assert_int_equal(rs_roster_report_svg(f->r, "all", NULL, m), RS_OK);
    fclose(m);
    assert_true(strncmp(svg, "<?xml", 5) == 0);
    assert_non_null(strstr(svg, "Mission days by nationality, all missions on record"));
    free(svg);
    assert_int_equal(rs_roster_report_svg(f->r, "nope", NULL, stdout), RS_ERR_INPUT);
}

static void test_unopened(void **state)
{
    (void)state;
    rs_roster *r;
    assert_int_equal(rs_roster_open("/nonexistent/roster-match", RS_OPEN_READ, NULL, &r),
                     RS_ERR_NOT_FOUND);
    rs_text t = text("tor.json", TOR);
    char *ids[] = {"F-1"};
    rs_answer *a = (rs_answer *)1;
    assert_int_equal(rs_roster_match(r, &t, NULL, &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_int_equal(rs_roster_check(r, &t, ids, 1, &a), RS_ERR_NOT_FOUND);
    assert_int_equal(rs_roster_report(r, NULL, &a), RS_ERR_NOT_FOUND);
    rs_roster_close(r);
}

int main(void)
{
    setenv("ROSTER_TODAY", "2026-11-25", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unopened),
        cmocka_unit_test_setup_teardown(test_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_inferred_and_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_no_team, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_team_same_scale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_ids_resolved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remedy_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_bad_tor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_portfolio_follows_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

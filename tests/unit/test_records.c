/*
 * The facility's records through lib/roster.h: requests stored, listed and
 * replaced (all or nothing across files), teams assigned as missions that
 * the index (availability, load), the portfolio and the audit trail see at
 * once, kept by a re-import, a reindex and the forgetting of others, erased
 * with their expert, and checked by verify. Each test works in its own
 * mkdtemp directory.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/model.h"
#include "core/store.h"
#include "lib/private.h"
#include "matcher/portfolio.h"
#include "tests/unit/scratch.h"

typedef rs_test_roster scratch;

static const char EXPERTS[] =
    "{\"id\":\"a\",\"name\":\"Amelia Quorrelby\",\"gender\":\"F\",\"nationalities\":[\"ES\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"es\",\"level\":\"native\"}],"
    "\"fields\":[\"E.10.01\"],\"summary\":\"Pension reform.\","
    "\"missions\":[{\"action\":\"2026-40\",\"country\":\"SN\",\"from\":\"2026-09-07\","
    "\"to\":\"2026-09-18\",\"days\":10}]}\n"
    "{\"id\":\"b\",\"name\":\"Bruno Vantablack\",\"gender\":\"M\",\"nationalities\":[\"FR\"],"
    "\"status\":\"academic\",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}],"
    "\"fields\":[\"E.20\"],\"summary\":\"Labour inspection.\"}\n"
    "{\"id\":\"c\",\"name\":\"Chiara Zimmerwald\",\"gender\":\"F\",\"nationalities\":[\"IT\"],"
    "\"status\":\"private\",\"languages\":[{\"code\":\"it\",\"level\":\"native\"}],"
    "\"fields\":[\"A.10\"],\"summary\":\"Employment services.\"}\n";

/* 2027-03-01 is a Monday: ten working days to 2027-03-12. */
static const char PERU[] =
    "{\"action\":\"2027-01\",\"title\":\"Pension reform\",\"country\":\"PE\",\n"
    " \"team_size\":2,\"from\":\"2027-03-01\",\"to\":\"2027-03-12\"}";
static const char NO_WINDOW[] =
    "{\"action\":\"2027-02\",\"title\":\"Labour inspection\",\"country\":\"Senegal\"}";

static int setup(void **state)
{
    setenv("ROSTER_TODAY", "2026-11-25", 1);
    scratch *s = rs_test_roster_new("rs-records");
    if (s && rs_roster_import_data(s->r, "experts.jsonl", EXPERTS, strlen(EXPERTS),
                                   RS_FORMAT_JSONL, 0, NULL) != RS_OK) {
        fprintf(stderr, "setup: %s\n", rs_roster_message(s->r));
        rs_test_roster_free(s);
        s = NULL;
    }
    return (*state = s) ? 0 : -1;
}

static int teardown(void **state)
{
    rs_test_roster_free(*state);
    return 0;
}

static rs_text text_of(const char *name, const char *data)
{
    return (rs_text){name, 1, data, strlen(data)};
}

static void add_request(scratch *s, const char *tor)
{
    rs_text t = text_of("tor.json", tor);
    rs_status st = rs_roster_request_add(s->r, &t, 1, NULL);
    if (st) rs_roster_print_problems(s->r, stderr);
    assert_int_equal(st, RS_OK);
}

/* Ids found by a query, space-separated in id order. */
static char *search_ids(scratch *s, const char *query)
{
    rs_answer *a;
    rs_status st = rs_roster_search(s->r, query, 0, 100, 0, &a);
    if (st) fprintf(stderr, "%s: %s\n", query, rs_roster_message(s->r));
    assert_int_equal(st, RS_OK);
    static char out[256];
    out[0] = 0;
    const json_t *hits = json_object_get(rs_answer_json(a), "results");
    /* Sorted by id: the three experts score alike. */
    const char *ids[8] = {0};
    size_t n = json_array_size(hits);
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++)
        ids[i] = json_string_value(json_object_get(json_array_get(hits, i), "id"));
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(ids[j], ids[i]) < 0) {
                const char *t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(out, " ");
        strcat(out, ids[i]);
    }
    rs_answer_free(a);
    return out;
}

/* One expert's recent load as the store reads it, seen from `day`. */
static int load_days(scratch *s, const char *id, const char *day)
{
    rs_expert e;
    int32_t d;
    assert_int_equal(rs_date_parse(day, 0, &d), 0);
    assert_int_equal(rs_store_get(rs_data_store(s->r->data), id, &e), RS_OK);
    int n = rs_load_days(&e, d);
    rs_expert_free(&e);
    return n;
}

static rs_status add_days(const char *nationality, double days, void *ctx)
{
    char *out = ctx;
    sprintf(out + strlen(out), "%s%s:%g", *out ? " " : "", nationality, days);
    return RS_OK;
}

/* Mission days by nationality over [from, to], as the portfolio counts. */
static char *portfolio_over(scratch *s, const char *first, const char *last)
{
    static char out[256];
    int32_t from, to;
    out[0] = 0;
    rs_date_parse(first, 0, &from);
    rs_date_parse(last, 0, &to);
    assert_int_equal(rs_store_mission_days(rs_data_store(s->r->data), from, to, NULL, add_days, out),
                     RS_OK);
    return out;
}

/* Mission days by nationality over 2026-2027. */
static char *portfolio(scratch *s) { return portfolio_over(s, "2026-01-01", "2027-12-31"); }

static const char *request_status(scratch *s, const char *action)
{
    static char status[16];
    rs_answer *a;
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    size_t i;
    json_t *req;
    status[0] = 0;
    json_array_foreach(rs_answer_json(a), i, req)
        if (strcmp(json_string_value(json_object_get(req, "action")), action) == 0)
            snprintf(status, sizeof status, "%s", json_string_value(json_object_get(req, "status")));
    rs_answer_free(a);
    return status;
}

static rs_status assign(scratch *s, const char *action, const char *ids, int days)
{
    char buf[128], *list[8];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", ids);
    for (char *t = strtok(buf, " "); t && n < 8; t = strtok(NULL, " ")) list[n++] = t;
    rs_answer *a = NULL;
    rs_status st = rs_roster_assign(s->r, action, list, n, days, &a);
    assert_true(st == RS_OK ? a != NULL : a == NULL);
    rs_answer_free(a);
    return st;
}

/* ---- requests ---- */

static void test_request_add_list(void **state)
{
    scratch *s = *state;
    rs_answer *a;
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 0);
    rs_answer_free(a);
    rs_text t[2] = {text_of("peru.json", PERU), text_of("senegal.json", NO_WINDOW)};
    assert_int_equal(rs_roster_request_add(s->r, t, 2, NULL), RS_OK);
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    char *j = json_dumps(rs_answer_json(a), JSON_COMPACT);
    assert_string_equal(j, "[{\"action\":\"2027-01\",\"country\":\"PE\",\"title\":\"Pension reform\","
                           "\"team_size\":2,\"from\":\"2027-03-01\",\"to\":\"2027-03-12\","
                           "\"status\":\"open\"},"
                           "{\"action\":\"2027-02\",\"country\":\"SN\",\"title\":\"Labour "
                           "inspection\",\"team_size\":2,\"from\":null,\"to\":null,"
                           "\"status\":\"open\"}]");
    free(j);
    char *text = NULL;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rs_answer_print(a, f), RS_OK);
    fclose(f);
    assert_non_null(strstr(text, "2027-01  PE  open      2  2027-03-01..2027-03-12  Pension reform\n"));
    free(text);
    rs_answer_free(a);
    /* Requests take no change number: the index stays current. */
    int64_t change = -1;
    rs_answer *v;
    assert_int_equal(rs_roster_verify(s->r, &v), RS_OK);
    assert_int_equal(json_array_size(json_object_get(rs_answer_json(v), "problems")), 0);
    rs_answer_free(v);
    (void)change;
}

static void test_request_all_or_nothing(void **state)
{
    scratch *s = *state;
    rs_text t[3] = {
        text_of("peru.json", PERU),
        text_of("big.json", "{\"action\":\"2027-03\",\"title\":\"T\",\"country\":\"PE\",\n"
                            " \"team_size\":9}"),
        text_of("broken.json", "{\"action\": "),
    };
    assert_int_equal(rs_roster_request_add(s->r, t, 3, NULL), RS_ERR_INPUT);
    assert_non_null(strstr(rs_roster_message(s->r), "2 of 3 requests not valid: nothing stored"));
    const json_t *p = rs_roster_problems(s->r);
    assert_true(json_array_size(p) >= 2);
    const json_t *first = json_array_get(p, 0);
    assert_string_equal(json_string_value(json_object_get(first, "file")), "big.json");
    assert_int_equal(json_integer_value(json_object_get(first, "line")), 2);
    assert_string_equal(json_string_value(json_object_get(first, "field")), "team_size");
    rs_answer *a;
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 0);
    rs_answer_free(a);
    /* A file far larger than a ToR is refused unread, as match refuses it. */
    size_t big = (1u << 20) + 1;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    rs_text h = {"huge.json", 1, huge, big};
    assert_int_equal(rs_roster_request_add(s->r, &h, 1, NULL), RS_ERR_INPUT);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rs_roster_problems(s->r), 0),
                                                          "problem")),
                        "file too large for a ToR (over 1048576 bytes)");
    free(huge);
    /* No ToR at all is no request either. */
    assert_int_equal(rs_roster_request_add(s->r, NULL, 0, NULL), RS_OK);
}

static void test_request_replace(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    assert_int_equal(assign(s, "2027-01", "b", 0), RS_OK);
    /* Stored again with another title: replaced (and said), still assigned;
     * its unknown keys warned of and not stored. */
    rs_text t[2] = {text_of("peru.json", "{\"action\":\"2027-01\",\"title\":\"Pension "
                                         "reform, phase 2\",\"country\":\"PE\",\"from\":"
                                         "\"2027-03-01\",\"to\":\"2027-03-12\",\"colour\":"
                                         "\"red\",\"languages\":[{\"code\":\"es\",\"x\":1}]}"),
                    text_of("new.json", NO_WINDOW)};
    rs_answer *a;
    assert_int_equal(rs_roster_request_add(s->r, t, 2, &a), RS_OK);
    char *said = json_dumps(rs_answer_json(a), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(said, "{\"replaced\":[\"2027-01\"],\"stored\":2}");
    free(said);
    rs_answer_free(a);
    assert_int_equal(json_array_size(rs_roster_problems(s->r)), 2);
    assert_int_equal(rs_roster_request(s->r, "2027-01", 0, &a), RS_OK);
    char *tor = json_dumps(json_object_get(rs_answer_json(a), "tor"), JSON_COMPACT);
    assert_string_equal(tor, "{\"action\":\"2027-01\",\"title\":\"Pension reform, phase 2\","
                             "\"country\":\"PE\",\"from\":\"2027-03-01\",\"to\":\"2027-03-12\","
                             "\"languages\":[{\"code\":\"es\"}]}");
    free(tor);
    rs_answer_free(a);
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 2);
    const json_t *req = json_array_get(rs_answer_json(a), 0);
    assert_string_equal(json_string_value(json_object_get(req, "title")), "Pension reform, phase 2");
    assert_string_equal(json_string_value(json_object_get(req, "status")), "assigned");
    rs_answer_free(a);
}

/* ---- assign ---- */

static void test_assign_at_once(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a b c");
    assert_int_equal(load_days(s, "b", "2027-04-01"), 0);
    assert_string_equal(portfolio(s), "ES:10");
    rs_answer *a;
    char *team[] = {"b", "C"}; /* any case, as show reads ids */
    assert_int_equal(rs_roster_assign(s->r, "2027-01", team, 2, 0, &a), RS_OK);
    char *j = json_dumps(rs_answer_json(a), JSON_COMPACT);
    assert_string_equal(j, "{\"action\":\"2027-01\",\"country\":\"PE\",\"from\":\"2027-03-01\","
                           "\"to\":\"2027-03-12\",\"days\":10,\"team\":[\"b\",\"c\"]}");
    free(j);
    char *text = NULL;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rs_answer_print(a, f), RS_OK);
    fclose(f);
    assert_string_equal(text, "assigned 2027-01 to b, c: PE, 2027-03-01..2027-03-12, 10 days each\n");
    free(text);
    rs_answer_free(a);
    /* The same handle, no reopening: index, load and portfolio see it. */
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a");
    assert_string_equal(search_ids(s, "avail:2027-03-15..2027-03-20"), "a b c");
    assert_string_equal(search_ids(s, "country:PE"), "b c");
    assert_int_equal(load_days(s, "b", "2027-04-01"), 10);
    assert_string_equal(portfolio(s), "ES:10 FR:10 IT:10");
    /* A window that ends before the mission still counts it: assigned,
     * it is planned work of the facility (the matcher's recent window). */
    assert_non_null(strstr(portfolio_over(s, "2025-11-01", "2026-10-31"), "FR:10 IT:10"));
    assert_null(strstr(portfolio_over(s, "2027-04-01", "2027-12-31"), "FR"));
    assert_string_equal(request_status(s, "2027-01"), "assigned");
    /* --days N counts N days for each. */
    assert_int_equal(assign(s, "2027-01", "b", 3), RS_OK);
    assert_int_equal(load_days(s, "b", "2027-04-01"), 3);
    assert_string_equal(portfolio(s), "ES:10 FR:3");
    /* A reader opened afterwards sees the same. */
    rs_roster *reader;
    assert_int_equal(rs_roster_open(s->data, RS_OPEN_READ, NULL, &reader), RS_OK);
    rs_answer *found;
    assert_int_equal(rs_roster_search(reader, "avail:2027-03-05", 0, 10, 0, &found), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(rs_answer_json(found), "total")), 2);
    rs_answer_free(found);
    rs_roster_close(reader);
    /* And the audit trail has it. */
    assert_int_equal(rs_roster_audit(s->r, NULL, &a), RS_OK);
    j = json_dumps(rs_answer_json(a), JSON_COMPACT);
    assert_non_null(strstr(j, "\"user\":\"tester\",\"action\":\"assign:2027-01\",\"ids\":[\"b\",\"c\"]"));
    free(j);
    rs_answer_free(a);
}

/* A request's own team taken out of the portfolio gives the portfolio of
 * before its assignment, entry by entry. */
static void test_portfolio_without_own_team(void **state)
{
    scratch *s = *state;
    rs_store *store = rs_data_store(s->r->data);
    int32_t today;
    assert_int_equal(rs_date_parse("2026-11-25", 0, &today), 0);
    add_request(s, PERU);
    rs_portfolio before, after, without;
    assert_int_equal(rs_portfolio_load(store, today, &before), RS_OK);
    assert_int_equal(assign(s, "2027-01", "b c", 0), RS_OK);
    assert_int_equal(rs_portfolio_load(store, today, &after), RS_OK);
    assert_true(after.total_days > before.total_days);
    assert_int_equal(rs_portfolio_without(&after, store, "2027-01", &without), RS_OK);
    assert_true(without.total_days == before.total_days);
    assert_int_equal(without.experts, before.experts);
    assert_int_equal(without.n, before.n);
    for (size_t i = 0; i < before.n; i++) {
        const rs_portfolio_entry *b = &before.items[i];
        const rs_portfolio_entry *w = rs_portfolio_find(&without, b->nationality);
        assert_non_null(w);
        assert_true(w->days == b->days);
        assert_int_equal(w->experts, b->experts);
        assert_true(w->ratio == b->ratio);
        assert_int_equal(w->over, b->over);
    }
    rs_portfolio_free(&before);
    rs_portfolio_free(&after);
    rs_portfolio_free(&without);
}

static void test_assign_refuses(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    add_request(s, NO_WINDOW);
    assert_int_equal(assign(s, "2027-01", "b nobody x9", 0), RS_ERR_NOT_FOUND);
    assert_string_equal(rs_roster_message(s->r),
                        "unknown expert ids 'nobody', 'x9': nothing assigned");
    assert_int_equal(assign(s, "1999-99", "b", 0), RS_ERR_NOT_FOUND);
    assert_non_null(strstr(rs_roster_message(s->r), "no request '1999-99'"));
    assert_int_equal(assign(s, "2027-02", "b", 0), RS_ERR_INPUT);
    assert_non_null(strstr(rs_roster_message(s->r), "has no window"));
    assert_int_equal(assign(s, "2027-01", "b", -1), RS_ERR_INPUT);
    assert_int_equal(assign(s, "2027-01", "b", 400), RS_ERR_INPUT);
    assert_int_equal(assign(s, "2027-01", "", 0), RS_ERR_INPUT);
    assert_int_equal(assign(s, "2027-01", "b B", 0), RS_ERR_INPUT);
    assert_non_null(strstr(rs_roster_message(s->r), "'b' is given twice"));
    /* Nothing of it was recorded. */
    assert_string_equal(request_status(s, "2027-01"), "open");
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a b c");
    assert_string_equal(portfolio(s), "ES:10");
}

static void test_assign_kept(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    assert_int_equal(assign(s, "2027-01", "b c", 0), RS_OK);
    /* b's CV imported again (without the mission): the mission stays. */
    const char *b = strstr(EXPERTS, "{\"id\":\"b\"");
    size_t blen = (size_t)(strstr(b, "\n") - b + 1);
    assert_int_equal(rs_roster_import_data(s->r, "b.jsonl", b, blen, RS_FORMAT_JSONL, 0, NULL),
                     RS_OK);
    assert_int_equal(load_days(s, "b", "2027-04-01"), 10);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a");
    /* A rebuilt index has them too; forgetting another keeps them. */
    assert_int_equal(rs_roster_reindex(s->r, 0), RS_OK);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a");
    char *a_id[] = {"a"};
    assert_int_equal(rs_roster_forget(s->r, a_id, 1), RS_OK);
    assert_string_equal(portfolio(s), "FR:10 IT:10");
    /* Forgetting c erases c's mission, not the request nor b's. */
    char *c_id[] = {"c"};
    assert_int_equal(rs_roster_forget(s->r, c_id, 1), RS_OK);
    assert_string_equal(portfolio(s), "FR:10");
    assert_string_equal(request_status(s, "2027-01"), "assigned");
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "");
    rs_answer *v;
    assert_int_equal(rs_roster_verify(s->r, &v), RS_OK);
    assert_int_equal(json_array_size(json_object_get(rs_answer_json(v), "problems")), 0);
    rs_answer_free(v);
    /* c imported anew comes back without the mission. */
    const char *c = strstr(EXPERTS, "{\"id\":\"c\"");
    assert_int_equal(rs_roster_import_data(s->r, "c.jsonl", c, strlen(c), RS_FORMAT_JSONL, 0, NULL),
                     RS_OK);
    assert_int_equal(load_days(s, "c", "2027-04-01"), 0);
}

static void test_reassign(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    assert_int_equal(assign(s, "2027-01", "b", 0), RS_OK);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a c");
    /* Another team for the same action replaces the first. */
    assert_int_equal(assign(s, "2027-01", "c", 0), RS_OK);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a b");
    assert_int_equal(load_days(s, "b", "2027-04-01"), 0);
    assert_string_equal(portfolio(s), "ES:10 IT:10");
}

/* Two requests over days in common: an expert sent to one is refused for
 * the other, naming the other request and the days, until unassigned. */
static const char OVERLAP[] =
    "{\"action\":\"2027-03\",\"title\":\"Social dialogue\",\"country\":\"SN\",\"team_size\":1,"
    "\"from\":\"2027-03-10\",\"to\":\"2027-03-19\"}";

static void test_assign_double_booking(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    add_request(s, OVERLAP);
    assert_int_equal(assign(s, "2027-01", "b c", 0), RS_OK);
    assert_int_equal(assign(s, "2027-03", "a C", 0), RS_ERR_INPUT);
    assert_string_equal(rs_roster_message(s->r),
                        "c is already assigned to request 2027-01 on 2027-03-10..2027-03-12: to "
                        "send them to 2027-03, unassign them from 2027-01 first; nothing "
                        "assigned");
    assert_string_equal(request_status(s, "2027-03"), "open");
    assert_int_equal(load_days(s, "a", "2027-04-01"), 10);
    /* The same team again, or fewer days, stays allowed: it replaces. */
    assert_int_equal(assign(s, "2027-01", "b c", 5), RS_OK);
    assert_string_equal(portfolio(s), "ES:10 FR:5 IT:5");
    /* Unassigned there, c may go. */
    char *c_id[] = {"c"}, *a_id[] = {"a"};
    rs_answer *a = NULL;
    assert_int_equal(rs_roster_unassign(s->r, "2027-03", c_id, 1, &a), RS_ERR_NOT_FOUND);
    assert_null(a);
    assert_int_equal(rs_roster_unassign(s->r, "2027-01", c_id, 1, &a), RS_OK);
    assert_string_equal(json_string_value(json_object_get(rs_answer_json(a), "status")),
                        "assigned");
    rs_answer_free(a);
    assert_int_equal(assign(s, "2027-03", "c", 0), RS_OK);
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a c");
    /* The last member gone, the request is open again; one not on it is refused. */
    char *b_id[] = {"b"};
    assert_int_equal(rs_roster_unassign(s->r, "2027-01", a_id, 1, &a), RS_ERR_NOT_FOUND);
    assert_int_equal(rs_roster_unassign(s->r, "2027-01", b_id, 1, &a), RS_OK);
    rs_answer_free(a);
    assert_string_equal(request_status(s, "2027-01"), "open");
    assert_string_equal(search_ids(s, "avail:2027-03-05"), "a b c");
}

/* The ids of a match's shortlist, space-separated in rank order. */
static char *shortlist(const json_t *match)
{
    static char out[256];
    out[0] = 0;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(match, "shortlist"), i, c)
        sprintf(out + strlen(out), "%s%s", i ? " " : "",
                json_string_value(json_object_get(c, "id")));
    return out;
}

/* a has 10 mission days in the 12 months before March 2027, the limit of
 * this request: admitted, until a mission of 5 days in January is assigned
 * to a; from that command on the matcher turns a away. */
static const char LOAD[] =
    "{\"action\":\"2027-10\",\"title\":\"Pension reform\",\"country\":\"PE\",\"team_size\":1,"
    "\"fields\":[\"E.10\"],\"from\":\"2027-03-01\",\"to\":\"2027-03-12\","
    "\"rules\":{\"max_load_days\":10,\"min_nationalities\":1}}";

static void test_assign_load_and_match(void **state)
{
    scratch *s = *state;
    add_request(s, LOAD);
    add_request(s, "{\"action\":\"2027-05\",\"title\":\"Social registry\",\"country\":\"BO\","
                   "\"from\":\"2027-01-11\",\"to\":\"2027-01-15\"}");
    rs_answer *m;
    assert_int_equal(rs_roster_match_request(s->r, "2027-10", NULL, &m), RS_OK);
    assert_non_null(strstr(shortlist(rs_answer_json(m)), "a"));
    rs_answer_free(m);
    assert_int_equal(assign(s, "2027-05", "a", 0), RS_OK);
    assert_int_equal(load_days(s, "a", "2027-03-01"), 15);
    assert_int_equal(rs_roster_match_request(s->r, "2027-10", NULL, &m), RS_OK);
    assert_null(strstr(shortlist(rs_answer_json(m)), "a"));
    rs_answer_free(m);
    /* The request with its current match, as the web page shows it. */
    rs_answer *req;
    assert_int_equal(rs_roster_request(s->r, "2027-05", 1, &req), RS_OK);
    const json_t *j = rs_answer_json(req);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "assigned");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "team"), 0), "id")), "a");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "team"), 0), "days")), 5);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "tor"), "country")), "BO");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "match"), "action")), "2027-05");
    char *text = NULL;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rs_answer_print(req, f), RS_OK);
    fclose(f);
    static const char head[] = "request 2027-05: Social registry\n"
                               "  status:        assigned, team: a (5 days)\n"
                               "  country:       BO (";
    assert_int_equal(strncmp(text, head, sizeof head - 1), 0);
    assert_non_null(strstr(text, "\n  window:        2027-01-11..2027-01-15\n"));
    assert_null(strchr(text, '{')); /* for people: no JSON */
    assert_non_null(strstr(text, "\n\n2027-05: Social registry (BO)")); /* then the match's own text */
    free(text);
    rs_answer_free(req);
    /* Without the match; and the errors. */
    assert_int_equal(rs_roster_request(s->r, "2027-10", 0, &req), RS_OK);
    assert_null(json_object_get(rs_answer_json(req), "match"));
    assert_int_equal(json_array_size(json_object_get(rs_answer_json(req), "team")), 0);
    rs_answer_free(req);
    assert_int_equal(rs_roster_request(s->r, "1999-01", 1, &req), RS_ERR_NOT_FOUND);
    assert_null(req);
    assert_int_equal(rs_roster_match_request(s->r, "1999-01", NULL, &m), RS_ERR_NOT_FOUND);
    assert_null(m);
}

/* A store made before the records: readers see none and change nothing;
 * its next writer adds the tables, with no new schema version. */
static void test_store_before_records(void **state)
{
    scratch *s = *state;
    rs_roster_close(s->r);
    char path[160];
    snprintf(path, sizeof path, "%s/roster.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE requests; DROP TABLE assigned; DROP TABLE audit;",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(rs_roster_open(s->data, RS_OPEN_READ, "tester", &s->r), RS_OK);
    rs_answer *a;
    assert_int_equal(rs_roster_requests(s->r, &a), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(a)), 0);
    rs_answer_free(a);
    assert_int_equal(rs_roster_audit(s->r, NULL, &a), RS_OK);
    rs_answer_free(a);
    assert_string_equal(portfolio(s), "ES:10");
    rs_text t = text_of("peru.json", PERU);
    assert_int_equal(rs_roster_request_add(s->r, &t, 1, NULL), RS_ERR_IO);
    assert_int_equal(rs_roster_request(s->r, "2027-01", 0, &a), RS_ERR_NOT_FOUND);
    rs_roster_close(s->r);
    assert_int_equal(rs_roster_open(s->data, RS_OPEN_UPDATE, "tester", &s->r), RS_OK);
    add_request(s, PERU);
    assert_int_equal(assign(s, "2027-01", "b", 0), RS_OK);
    assert_string_equal(portfolio(s), "ES:10 FR:10");
}

/* Plant damage in the records with SQLite; verify names each. */
static void test_verify_records(void **state)
{
    scratch *s = *state;
    add_request(s, PERU);
    add_request(s, NO_WINDOW);
    char path[160];
    snprintf(path, sizeof path, "%s/roster.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "UPDATE requests SET tor='{\"action\":' WHERE action='2027-02';"
        "INSERT INTO assigned VALUES('2027-01','ghost','PE',0,1,1);"
        "INSERT INTO assigned VALUES('1999-01','b','PE',0,1,1);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    rs_answer *v;
    assert_int_equal(rs_roster_verify(s->r, &v), RS_OK);
    char *j = json_dumps(json_object_get(rs_answer_json(v), "problems"), JSON_COMPACT);
    assert_non_null(strstr(j, "request '2027-02': its stored ToR no longer reads: not valid JSON"));
    assert_non_null(strstr(j, "mission of action '2027-01' names expert 'ghost', who is not in "
                              "the roster"));
    assert_non_null(strstr(j, "mission of expert 'b' is of action '1999-01', which is no stored "
                              "request"));
    free(j);
    assert_int_equal(rs_answer_outcome(v), RS_OUTCOME_FAILED);
    rs_answer_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_add_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_portfolio_without_own_team, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reassign, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_double_booking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assign_load_and_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_before_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_records, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the web service's request logic without sockets
 * (server/server.h): redirect targets, the same-origin rule, form and query
 * decoding, routing (404, 405 with Allow, 400 for a query argument given
 * twice), error bodies, the web app's files compiled in, and on a scratch
 * roster POST /api/draft (a viewer drafts; an empty body is refused) and
 * POST /api/requests/ACTION/unassign (editors only, all or nothing), and
 * the readers that threads of single requests park for the next. The
 * other endpoints are driven over HTTP by tests/e2e/test_serve*.sh. */
#define _GNU_SOURCE /* nftw, for the scratch roster */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"
#include "tests/unit/scratch.h"

static void test_local_path(void **state)
{
    (void)state;
    assert_string_equal(srv_local_path("/requests/2019-27"), "/requests/2019-27");
    assert_string_equal(srv_local_path("/search?q=a%20b"), "/search?q=a%20b");
    /* Anything that could lead off the service goes home. */
    assert_string_equal(srv_local_path(NULL), "/");
    assert_string_equal(srv_local_path(""), "/");
    assert_string_equal(srv_local_path("//evil.example/"), "/");
    assert_string_equal(srv_local_path("/\\evil.example"), "/");
    assert_string_equal(srv_local_path("https://evil.example/"), "/");
    assert_string_equal(srv_local_path("evil"), "/");
    assert_string_equal(srv_local_path("/a\r\nSet-Cookie: x=1"), "/");
    assert_string_equal(srv_local_path("/a\\b"), "/");
}

static int same_origin(const char *host, const char *origin, const char *referer)
{
    srv_pair h[3];
    size_t n = 0;
    if (host) h[n++] = (srv_pair){"host", host};
    if (origin) h[n++] = (srv_pair){"ORIGIN", origin};
    if (referer) h[n++] = (srv_pair){"Referer", referer};
    srv_request req = {.method = "POST", .path = "/", .headers = h, .n_headers = n};
    return srv_same_origin(&req);
}

static void test_same_origin(void **state)
{
    (void)state;
    assert_true(same_origin("127.0.0.1:8080", "http://127.0.0.1:8080", NULL));
    assert_true(same_origin("roster.example.org", "https://roster.example.org", NULL));
    assert_true(same_origin("Roster.Example.org", "https://roster.example.org", NULL));
    assert_true(same_origin("127.0.0.1:8080", NULL, "http://127.0.0.1:8080/experts/E-1?x"));
    assert_true(same_origin("127.0.0.1:8080", NULL, "http://127.0.0.1:8080"));
    /* Another host, another port, a longer name, "null", nothing at all. */
    assert_false(same_origin("127.0.0.1:8080", "http://evil.example", NULL));
    assert_false(same_origin("127.0.0.1:8080", "http://127.0.0.1:8081", NULL));
    assert_false(same_origin("roster.org", "http://roster.org.evil.example", NULL));
    assert_false(same_origin("127.0.0.1:8080", "null", NULL));
    assert_false(same_origin("127.0.0.1:8080", NULL, NULL));
    assert_false(same_origin(NULL, "http://127.0.0.1:8080", NULL));
    assert_false(same_origin("127.0.0.1:8080", NULL, "http://evil.example/http://127.0.0.1:8080/"));
    /* Origin decides when both are there. */
    assert_false(same_origin("a.org", "http://b.org", "http://a.org/"));
}

static void test_decode(void **state)
{
    (void)state;
    char *s = srv_decode("a+b%2Fc%zz%4", 12);
    assert_string_equal(s, "a b/c%zz%4");
    free(s);
    const char body[] = "next=%2Fsearch%3Fq%3Dx&token=abc+def&tok=no";
    s = srv_form_value(body, strlen(body), "token");
    assert_string_equal(s, "abc def");
    free(s);
    s = srv_form_value(body, strlen(body), "next");
    assert_string_equal(s, "/search?q=x");
    free(s);
    assert_null(srv_form_value(body, strlen(body), "to"));
    assert_null(srv_form_value(NULL, 0, "token"));
}

/* Handle METHOD PATH with no roster behind (what precedes opening one). */
/* The status of a request with query arguments args[0..n), on a roster
 * that is not there. */
static int handle_args(const char *method, const char *path, srv_pair *args, size_t n,
                       srv_response *res)
{
    srv_config cfg = {.db = "/nonexistent/roster-test", .max_body = 1024};
    srv_request req = {.method = method, .path = path, .args = args, .n_args = n};
    memset(res, 0, sizeof *res);
    srv_handle(&cfg, &req, res);
    return res->status;
}

static int handle(const char *method, const char *path, srv_response *res)
{
    return handle_args(method, path, NULL, 0, res);
}

static const char *response_header(const srv_response *res, const char *name)
{
    for (size_t i = 0; i < res->n_headers; i++)
        if (strcmp(res->header_name[i], name) == 0) return res->header_value[i];
    return NULL;
}

/* Every file of server/web/ is compiled in byte for byte (the embedding
 * escapes quotes, backslashes and '?'), and served with its type and ETag;
 * asked again with that ETag, 304 without a body. */
static void test_assets(void **state)
{
    (void)state;
    assert_true(srv_n_assets >= 3);
    for (size_t i = 0; i < srv_n_assets; i++) {
        const srv_asset *a = &srv_assets[i];
        char path[256];
        snprintf(path, sizeof path, "server/web/%s", a->name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        char *disk = malloc(a->len + 2);
        size_t n = fread(disk, 1, a->len + 1, f);
        fclose(f);
        assert_int_equal(n, a->len);
        assert_memory_equal(disk, a->data, a->len);
        free(disk);
        if (strcmp(a->name, "page.html") == 0) continue;
        char url[256];
        snprintf(url, sizeof url, "/assets/%s", a->name);
        srv_response res;
        assert_int_equal(handle("GET", url, &res), 200);
        assert_string_equal(res.type, a->type);
        assert_int_equal(res.len, a->len);
        assert_string_equal(response_header(&res, "ETag"), a->etag);
        srv_response_free(&res);
        srv_pair h = {"If-None-Match", a->etag};
        srv_config cfg = {.db = "/nonexistent/roster-test", .max_body = 1024};
        srv_request req = {.method = "GET", .path = url, .headers = &h, .n_headers = 1};
        memset(&res, 0, sizeof res);
        srv_handle(&cfg, &req, &res);
        assert_int_equal(res.status, 304);
        assert_int_equal(res.len, 0);
        srv_response_free(&res);
    }
    srv_response res;
    /* The page's template is filled in per account, never sent as it is. */
    assert_int_equal(handle("GET", "/assets/page.html", &res), 404);
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/assets/../Makefile", &res), 404);
    srv_response_free(&res);
}

static void test_routes(void **state)
{
    (void)state;
    srv_response res;
    assert_int_equal(handle("GET", "/", &res), 303);
    assert_string_equal(response_header(&res, "Location"), "/search");
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/nowhere", &res), 404);
    assert_string_equal(res.type, "text/html; charset=utf-8");
    assert_non_null(strstr(res.body, "No such page"));
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/api/nowhere", &res), 404);
    assert_string_equal(res.type, "application/json");
    assert_non_null(strstr(res.body, "\"error\":"));
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/api/experts/", &res), 404);
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/api/experts/A/B/C", &res), 404);
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/api//search", &res), 404);
    srv_response_free(&res);
    assert_int_equal(handle("PATCH", "/api/experts/E-1", &res), 405);
    assert_string_equal(response_header(&res, "Allow"), "GET, HEAD, DELETE");
    srv_response_free(&res);
    assert_int_equal(handle("GET", "/api/import", &res), 405);
    assert_string_equal(response_header(&res, "Allow"), "POST");
    srv_response_free(&res);
    assert_int_equal(handle("DELETE", "/login", &res), 405);
    assert_string_equal(response_header(&res, "Allow"), "GET, HEAD, POST");
    srv_response_free(&res);
    /* A roster that is not there: the service's failure, in JSON. */
    assert_int_equal(handle("GET", "/api/search", &res), 500);
    assert_non_null(strstr(res.body, "\"problems\":[]"));
    srv_response_free(&res);
}

/* A query argument given twice, or one the route does not take, is
 * refused (on pages open to all here: the API judges arguments after
 * sign-in, as tests/e2e/test_serve.sh checks); distinct known ones pass. */
static void test_repeated_args(void **state)
{
    (void)state;
    srv_response res;
    srv_pair twice[] = {{"next", "/a"}, {"once", "x"}, {"next", "/b"}};
    assert_int_equal(handle_args("GET", "/login", twice, 3, &res), 400);
    assert_non_null(strstr(res.body, "\"error\":\"next: "));
    srv_response_free(&res);
    srv_pair slip[] = {{"nxt", "/a"}};
    assert_int_equal(handle_args("GET", "/login", slip, 1, &res), 400);
    assert_non_null(strstr(res.body, "nxt: not a query argument here (did you mean 'next'?)"));
    srv_response_free(&res);
    srv_pair known[] = {{"next", "/report"}};
    assert_int_equal(handle_args("GET", "/login", known, 1, &res), 200);
    srv_response_free(&res);
    srv_pair any[] = {{"q", "a"}};
    assert_int_equal(handle_args("GET", "/", any, 1, &res), 400);
    assert_non_null(strstr(res.body, "q: not a query argument here\""));
    srv_response_free(&res);
    /* Without credentials the API says nothing of its arguments. */
    assert_int_not_equal(handle_args("GET", "/api/search", slip, 1, &res), 400);
    srv_response_free(&res);
    /* Text that is not UTF-8 in an argument's name is not echoed. */
    srv_pair bad[] = {{"\x8d\xdd_x", "1"}};
    assert_int_equal(handle_args("GET", "/", bad, 1, &res), 400);
    assert_non_null(strstr(res.body, "not UTF-8"));
    srv_response_free(&res);
}

static void test_failure_statuses(void **state)
{
    (void)state;
    assert_int_equal(srv_status_code(RS_ERR_NOT_FOUND), 404);
    assert_int_equal(srv_status_code(RS_ERR_DENIED), 403);
    assert_int_equal(srv_status_code(RS_ERR_BUSY), 503);
    assert_int_equal(srv_status_code(RS_ERR_INPUT), 422);
    assert_int_equal(srv_status_code(RS_ERR_CORRUPT), 500);
    srv_response res = {0};
    srv_reply_failure(&res, NULL, RS_ERR_BUSY, 422);
    assert_int_equal(res.status, 503);
    assert_non_null(response_header(&res, "Retry-After"));
    srv_response_free(&res);
}

/* A request as a partner might send it (fictional). */
static const char draft_document[] =
    "RÉPUBLIQUE DE CÔTE D'IVOIRE\n\n"
    "Demande d'assistance technique n° 2027-04\n\n"
    "Institution bénéficiaire : Ministère de l'Emploi et de la Protection Sociale, Abidjan\n\n"
    "Objet : Renforcement des capacités de l'Inspection du Travail\n\n"
    "Le Ministère souhaite accueillir deux experts européens pour former les inspecteurs "
    "à l'évaluation des risques professionnels. La mission se déroulera à Abidjan du 8 au "
    "26 février 2027.\n";

/* POST /api/draft as `token`'s account (none: NULL) with this body. */
static int draft(const char *db, const char *token, const char *body, size_t len,
                 srv_response *res)
{
    char bearer[128];
    snprintf(bearer, sizeof bearer, "Bearer %s", token ? token : "");
    srv_pair auth = {"Authorization", bearer};
    srv_pair name = {"name", "demande.txt"};
    srv_config cfg = {.db = db, .max_body = 1 << 20};
    srv_request req = {.method = "POST", .path = "/api/draft", .args = &name, .n_args = 1,
                       .headers = &auth, .n_headers = token ? 1 : 0, .body = body,
                       .body_len = len};
    memset(res, 0, sizeof *res);
    srv_handle(&cfg, &req, res);
    return res->status;
}

/* A viewer drafts a ToR from a text document: 200 with the keys the text
 * says, the document described, what was not found listed, nothing stored;
 * an empty body is 400; nobody signed in is 401. */
static void test_draft(void **state)
{
    (void)state;
    rs_test_roster *t = rs_test_roster_new("test-server");
    assert_non_null(t);
    char *token = NULL;
    assert_int_equal(rs_roster_user_add(t->r, "vera", RS_ROLE_VIEWER, &token), RS_OK);
    rs_roster_close(t->r);
    t->r = NULL;

    srv_response res;
    assert_int_equal(draft(t->data, token, draft_document, sizeof draft_document - 1, &res), 200);
    assert_string_equal(res.type, "application/json");
    json_t *d = json_loadb(res.body, res.len, 0, NULL);
    assert_non_null(d);
    assert_string_equal(json_string_value(json_object_get(d, "action")), "2027-04");
    assert_string_equal(json_string_value(json_object_get(d, "country")), "CI");
    assert_non_null(strstr(json_string_value(json_object_get(d, "title")), "Inspection du Travail"));
    assert_non_null(strstr(json_string_value(json_object_get(d, "partner_institution")),
                           "Ministère de l'Emploi"));
    assert_int_equal(json_integer_value(json_object_get(d, "team_size")), 2);
    assert_string_equal(json_string_value(json_object_get(d, "from")), "2027-02-08");
    assert_string_equal(json_string_value(json_object_get(d, "to")), "2027-02-26");
    /* the document's text, tidied: its last line break dropped */
    const char *description = json_string_value(json_object_get(d, "description"));
    assert_int_equal(strlen(description), strlen(draft_document) - 1);
    assert_memory_equal(description, draft_document, strlen(description));
    json_t *doc = json_object_get(d, "document");
    assert_string_equal(json_string_value(json_object_get(doc, "name")), "demande.txt");
    assert_string_equal(json_string_value(json_object_get(doc, "format")), "text");
    assert_string_equal(json_string_value(json_object_get(doc, "language")), "fr");
    assert_true(json_is_string(json_object_get(json_object_get(d, "evidence"), "country")));
    assert_true(json_real_value(json_object_get(json_object_get(d, "confidence"), "country")) > 0);
    /* What was not found is listed, and absent from the ToR part. */
    assert_true(json_is_array(json_object_get(d, "missing")));
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(d, "missing"), i, m) {
        assert_true(json_is_string(m));
        assert_null(json_object_get(d, json_string_value(m)));
    }
    json_decref(d);
    srv_response_free(&res);

    /* Nothing was stored: the roster still holds no request. */
    rs_roster *r = NULL;
    assert_int_equal(rs_roster_open(t->data, RS_OPEN_READ, "tester", &r), RS_OK);
    rs_answer *list = NULL;
    assert_int_equal(rs_roster_requests(r, &list), RS_OK);
    assert_int_equal(json_array_size(rs_answer_json(list)), 0);
    rs_answer_free(list);
    rs_roster_close(r);

    assert_int_equal(draft(t->data, token, "", 0, &res), 400);
    assert_non_null(strstr(res.body, "the body is empty"));
    srv_response_free(&res);
    assert_int_equal(draft(t->data, NULL, draft_document, sizeof draft_document - 1, &res), 401);
    srv_response_free(&res);

    /* The thread's reader was opened on this roster: closed before it goes. */
    srv_reader_release();
    free(token);
    rs_test_roster_free(t);
}

/* METHOD PATH as `token`'s account with a JSON body (NULL: none). */
static int call(const char *db, const char *token, const char *method, const char *path,
                const char *body, srv_response *res)
{
    char bearer[128];
    snprintf(bearer, sizeof bearer, "Bearer %s", token);
    srv_pair auth = {"Authorization", bearer};
    srv_config cfg = {.db = db, .max_body = 1 << 20};
    srv_request req = {.method = method, .path = path, .headers = &auth, .n_headers = 1,
                       .body = body, .body_len = body ? strlen(body) : 0};
    memset(res, 0, sizeof *res);
    srv_handle(&cfg, &req, res);
    return res->status;
}

/* The ids of the team of request `action`, space-separated, in `out`. */
static const char *team_of(const char *db, const char *token, const char *action, char *out,
                           size_t outsz)
{
    char path[64];
    snprintf(path, sizeof path, "/api/requests/%s", action);
    srv_response res;
    assert_int_equal(call(db, token, "GET", path, NULL, &res), 200);
    json_t *j = json_loadb(res.body, res.len, 0, NULL);
    assert_non_null(j);
    size_t i, used = 0;
    json_t *m;
    out[0] = '\0';
    json_array_foreach(json_object_get(j, "team"), i, m)
        used += (size_t)snprintf(out + used, outsz - used, "%s%s", i ? " " : "",
                                 json_string_value(json_object_get(m, "id")));
    json_decref(j);
    srv_response_free(&res);
    return out;
}

static const char unassign_experts[] =
    "{\"id\":\"a\",\"name\":\"Amelia Quorrelby\",\"nationalities\":[\"ES\"]}\n"
    "{\"id\":\"b\",\"name\":\"Bruno Vantablack\",\"nationalities\":[\"FR\"]}\n"
    "{\"id\":\"c\",\"name\":\"Chiara Zimmerwald\",\"nationalities\":[\"IT\"]}\n";
static const char unassign_request[] =
    "{\"action\":\"2027-01\",\"title\":\"Pension reform\",\"country\":\"PE\","
    "\"team_size\":2,\"from\":\"2027-03-01\",\"to\":\"2027-03-12\"}";
static const char unassign_overlap[] =
    "{\"action\":\"2027-03\",\"title\":\"Social dialogue\",\"country\":\"SN\","
    "\"team_size\":1,\"from\":\"2027-03-10\",\"to\":\"2027-03-19\"}";

/* POST /api/requests/ACTION/unassign: an editor takes a member off the
 * team (audited under the account); a viewer is 403, an unknown request
 * or expert and an expert not on the team 404, an unknown key 422, each
 * leaving the team as it was. The refusal of a double booking that leads
 * there names the other request without the command line's command. */
static void test_unassign(void **state)
{
    (void)state;
    rs_test_roster *t = rs_test_roster_new("test-server");
    assert_non_null(t);
    rs_text tors[] = {{"tor.json", 1, unassign_request, strlen(unassign_request)},
                      {"tor.json", 1, unassign_overlap, strlen(unassign_overlap)}};
    char *editor = NULL, *viewer = NULL, *team[] = {"a", "b"};
    rs_answer *a = NULL;
    assert_int_equal(rs_roster_import_data(t->r, "experts.jsonl", unassign_experts,
                                           strlen(unassign_experts), RS_FORMAT_JSONL, 0, NULL),
                     RS_OK);
    assert_int_equal(rs_roster_request_add(t->r, tors, 2, NULL), RS_OK);
    assert_int_equal(rs_roster_assign(t->r, "2027-01", team, 2, 0, &a), RS_OK);
    rs_answer_free(a);
    assert_int_equal(rs_roster_user_add(t->r, "edna", RS_ROLE_EDITOR, &editor), RS_OK);
    assert_int_equal(rs_roster_user_add(t->r, "vera", RS_ROLE_VIEWER, &viewer), RS_OK);
    rs_roster_close(t->r);
    t->r = NULL;

    const char *path = "/api/requests/2027-01/unassign", *db = t->data;
    char ids[64];
    srv_response res;
    assert_int_equal(call(db, viewer, "POST", path, "{\"team\":[\"b\"]}", &res), 403);
    assert_non_null(strstr(res.body, "\"error\":\"this needs an editor account\""));
    srv_response_free(&res);
    assert_int_equal(call(db, editor, "POST", "/api/requests/1999-99/unassign",
                          "{\"team\":[\"b\"]}", &res), 404);
    assert_non_null(strstr(res.body, "no request '1999-99' (store it with POST /api/requests)"));
    srv_response_free(&res);
    assert_int_equal(call(db, editor, "POST", path, "{\"team\":[\"nobody\"]}", &res), 404);
    assert_non_null(strstr(res.body, "unknown expert id 'nobody': nothing unassigned"));
    srv_response_free(&res);
    assert_int_equal(call(db, editor, "POST", path, "{\"team\":[\"b\",\"c\"]}", &res), 404);
    assert_non_null(strstr(res.body, "c is not on the team of request 2027-01"));
    assert_non_null(strstr(res.body, "\"problems\":[]"));
    srv_response_free(&res);
    assert_int_equal(call(db, editor, "POST", path, "{\"tema\":[\"b\"]}", &res), 422);
    assert_non_null(strstr(res.body, "did you mean 'team'?"));
    srv_response_free(&res);
    assert_string_equal(team_of(db, viewer, "2027-01", ids, sizeof ids), "a b");

    /* b is on 2027-01 over days of 2027-03: refused, told where to go. */
    assert_int_equal(call(db, editor, "POST", "/api/requests/2027-03/assign",
                          "{\"team\":[\"b\"]}", &res), 422);
    assert_non_null(strstr(res.body, "\"error\":\"b is already assigned to request 2027-01 on "
                                     "2027-03-10..2027-03-12: to send them to 2027-03, unassign "
                                     "them from 2027-01 first; nothing assigned\""));
    assert_null(strstr(res.body, "roster"));
    srv_response_free(&res);

    assert_int_equal(call(db, editor, "POST", path, "{\"team\":[\"B\"]}", &res), 200);
    json_t *j = json_loadb(res.body, res.len, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "action")), "2027-01");
    assert_string_equal(json_string_value(json_object_get(j, "status")), "assigned");
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "removed"), 0)), "b");
    assert_int_equal(json_array_size(json_object_get(j, "removed")), 1);
    json_decref(j);
    srv_response_free(&res);
    assert_string_equal(team_of(db, viewer, "2027-01", ids, sizeof ids), "a");
    assert_int_equal(call(db, editor, "POST", "/api/requests/2027-03/assign",
                          "{\"team\":[\"b\"]}", &res), 200);
    srv_response_free(&res);

    /* The audit trail names who took whom off which request. */
    assert_int_equal(call(db, editor, "GET", "/api/audit", NULL, &res), 200);
    j = json_loadb(res.body, res.len, 0, NULL);
    size_t i, found = 0;
    json_t *row;
    json_array_foreach(j, i, row) {
        if (strcmp(json_string_value(json_object_get(row, "action")), "unassign:2027-01") != 0)
            continue;
        found++;
        assert_string_equal(json_string_value(json_object_get(row, "user")), "edna");
        assert_string_equal(json_string_value(json_array_get(json_object_get(row, "ids"), 0)), "b");
    }
    assert_int_equal(found, 1);
    json_decref(j);
    srv_response_free(&res);

    srv_reader_release();
    free(editor);
    free(viewer);
    rs_test_roster_free(t);
}

/* ---- readers parked by the threads of single requests ---- */

typedef struct {
    const srv_config *cfg;
    rs_roster *got; /* the reader the thread was given */
    int64_t experts;
} reader_trial;

static int64_t experts_of(rs_roster *r)
{
    rs_answer *a = NULL;
    if (rs_roster_stats(r, &a) != RS_OK) return -1;
    int64_t n = json_integer_value(json_object_get(rs_answer_json(a), "experts"));
    rs_answer_free(a);
    return n;
}

/* As http.c's thread for one request: a reader, then parked. */
static void *one_request(void *arg)
{
    reader_trial *t = arg;
    srv_response res = {0};
    t->got = srv_reader(t->cfg, &res);
    t->experts = t->got ? experts_of(t->got) : -1;
    srv_response_free(&res);
    srv_reader_park(t->cfg);
    return NULL;
}

static reader_trial request_in_thread(const srv_config *cfg)
{
    reader_trial t = {.cfg = cfg};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, one_request, &t), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_non_null(t.got);
    return t;
}

/* The next thread takes up the reader a thread parked, for the roster it
 * reads only, brought up to what was committed since; the parked readers
 * go with srv_reader_release. */
static void test_reader_parked(void **state)
{
    (void)state;
    rs_test_roster *a = rs_test_roster_new("srv-park-a"), *b = rs_test_roster_new("srv-park-b");
    assert_non_null(a);
    assert_non_null(b);
    srv_config cfg_a = {.db = a->data, .max_body = 1024}, cfg_b = {.db = b->data, .max_body = 1024};
    reader_trial first = request_in_thread(&cfg_a);
    assert_int_equal(first.experts, 0);
    reader_trial other = request_in_thread(&cfg_b); /* another roster: a reader of its own */
    assert_ptr_not_equal(other.got, first.got);

    static const char one[] =
        "{\"id\":\"P-1\",\"name\":\"Ana Lopes\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
        "\"status\":\"public\",\"fields\":[\"E.10\"]}\n";
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(a->r, "one.jsonl", one, strlen(one), RS_FORMAT_JSONL, 0,
                                           &st),
                     RS_OK);
    reader_trial again = request_in_thread(&cfg_a);
    assert_ptr_equal(again.got, first.got); /* the parked one, warm */
    assert_int_equal(again.experts, 1);     /* and up to date */
    assert_ptr_equal(request_in_thread(&cfg_b).got, other.got);

    srv_reader_release();
    rs_test_roster_free(a);
    rs_test_roster_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_path),   cmocka_unit_test(test_same_origin),
        cmocka_unit_test(test_decode),       cmocka_unit_test(test_routes),
        cmocka_unit_test(test_assets),
        cmocka_unit_test(test_repeated_args), cmocka_unit_test(test_failure_statuses),
        cmocka_unit_test(test_draft),        cmocka_unit_test(test_unassign),
        cmocka_unit_test(test_reader_parked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

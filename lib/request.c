/*
 * One stored request (rs_roster_request): its ToR, its status and team,
 * and on demand its current match, with a text form a person reads (each
 * value on its labelled line, codes with their labels; docs/records.md);
 * matching a stored request by its action (rs_roster_match_request) goes
 * through the same pipeline as a ToR file.
 */
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/labels.h"
#include "core/records.h"
#include "core/taxonomy.h"
#include "core/term.h"
#include "lib/private.h"

/* What a request's answer is made of, read from the store. */
typedef struct {
    rs_json_build b;
    json_t *o;
    char *tor;      /* the stored ToR text (malloc'd) */
} request_ctx;

static rs_status grab_request(const rs_request_row *row, void *arg)
{
    request_ctx *c = arg;
    char from[11], to[11];
    if (row->has_window) {
        rs_date_format(row->from, from);
        rs_date_format(row->to, to);
    }
    rs_json_build *b = &c->b;
    c->o = rs_json_take(b, json_object());
    rs_json_set(b, c->o, "action", json_string(row->action));
    rs_json_set(b, c->o, "country", json_string(row->country));
    rs_json_set(b, c->o, "title", json_string(row->title));
    rs_json_set(b, c->o, "team_size", json_integer(row->team_size));
    rs_json_set(b, c->o, "from", row->has_window ? json_string(from) : json_null());
    rs_json_set(b, c->o, "to", row->has_window ? json_string(to) : json_null());
    rs_json_set(b, c->o, "status", json_string(row->status));
    rs_json_set(b, c->o, "tor", json_loads(row->tor, 0, NULL));
    rs_json_set(b, c->o, "team", json_array());
    if (!(c->tor = strdup(row->tor))) b->failed = 1;
    return RS_OK;
}

static rs_status grab_member(const rs_assigned_row *row, void *arg)
{
    request_ctx *c = arg;
    json_t *m = json_pack("{s:s, s:i}", "id", row->expert_id, "days", row->days);
    rs_json_append(&c->b, json_object_get(c->o, "team"), m);
    return RS_OK;
}

/* Read a stored request into c (c->o, c->tor). */
static rs_status read_request(rs_roster *r, const char *action, request_ctx *c)
{
    rs_store *s = rs_data_store(r->data);
    memset(c, 0, sizeof *c);
    rs_status st = rs_records_request(s, action, grab_request, c);
    if (st == RS_ERR_NOT_FOUND)
        return rs_fail(r, st, "no request '%.64s' is stored", action);
    if (!st && c->o) st = rs_records_each_assigned(s, action, NULL, grab_member, c);
    if (st) st = rs_fail(r, st, "%s", rs_store_error(s));
    else if (c->b.failed) st = rs_fail(r, RS_ERR_NOMEM, "out of memory, or a stored ToR that is "
                                                        "no longer JSON (roster verify)");
    if (st) {
        json_decref(c->o);
        free(c->tor);
        memset(c, 0, sizeof *c);
    }
    return st;
}

/* A stored ToR's name in problems: "request ACTION". */
#define STORED_NAME_MAX (RS_ID_MAX + 16)

/* The stored ToR as a text for the matcher, named after its action. */
static rs_text stored_text(const char *action, const char *tor, char name[STORED_NAME_MAX])
{
    snprintf(name, STORED_NAME_MAX, "request %.*s", RS_ID_MAX, action);
    return (rs_text){name, 1, tor, strlen(tor)};
}

static rs_status match_stored(rs_roster *r, const char *action, const char *tor,
                              const rs_match_limits *o, rs_answer **out)
{
    char name[STORED_NAME_MAX];
    rs_text t = stored_text(action, tor, name);
    return rs_roster_match(r, &t, o, out);
}

static void free_match(void *priv) { rs_answer_free(priv); }

/* ---- the text form: the request for a person (--json is for programs) ---- */

/* Values start under TEXT_INDENT, as `roster show` prints an expert. */
#define TEXT_INDENT "                 "

/* "  name:" padded so that the value starts under TEXT_INDENT. */
static void label(FILE *f, const char *name)
{
    fprintf(f, "  %s:%*s", name, (int)(sizeof TEXT_INDENT - 1 - 3 - strlen(name)), "");
}

/* A line of stored text, escaped (core/term.h); none without a value. */
static void text_line(FILE *f, const char *name, const json_t *v)
{
    if (!json_is_string(v) || !*json_string_value(v)) return;
    label(f, name);
    rs_term_write(f, json_string_value(v), NULL);
    fputc('\n', f);
}

/* The status, and the team sent with each member's mission days. */
static void status_line(FILE *f, const json_t *j)
{
    label(f, "status");
    fputs(json_string_value(json_object_get(j, "status")), f);
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(j, "team"), i, m) {
        fputs(i ? ", " : ", team: ", f);
        rs_term_write(f, json_string_value(json_object_get(m, "id")), NULL);
        fprintf(f, " (%d days)", (int)json_integer_value(json_object_get(m, "days")));
    }
    fputc('\n', f);
}

/* Field or competence codes, one a line, each with its English label
 * (the codes were checked when the request was stored); a field the
 * sources do not name (O) has the taxonomy's "(unnamed: ...)" instead. */
static void code_lines(FILE *f, const char *name, const json_t *list)
{
    size_t i;
    const json_t *c;
    json_array_foreach(list, i, c) {
        const char *code = json_string_value(c), *words = code ? rs_label(code, "en") : NULL;
        const rs_code_entry *unnamed = words ? NULL : rs_taxonomy_field(rs_taxonomy_get(), code);
        if (unnamed) words = unnamed->label;
        if (i == 0) label(f, name);
        else fputs(TEXT_INDENT, f);
        fprintf(f, "%-8s %s\n", code ? code : "?", words ? words : "(not in the taxonomy)");
    }
}

/* The working languages as the ToR gives them ("fr" or {"code", "level"}),
 * each with its level (B2 when not given) and its name. */
static void language_line(FILE *f, const json_t *list)
{
    size_t i;
    const json_t *l;
    json_array_foreach(list, i, l) {
        const json_t *c = json_is_object(l) ? json_object_get(l, "code") : l;
        const char *code = json_string_value(c);
        const char *level = json_string_value(json_object_get(l, "level"));
        const char *name = code ? rs_language_name(code) : NULL;
        if (i == 0) label(f, "languages");
        fprintf(f, "%s%s %s", i ? ", " : "", code ? code : "?", level ? level : "B2");
        if (name) fprintf(f, " (%s)", name);
    }
    if (json_array_size(list)) fputc('\n', f);
}

/* A rule's value: a list's items joined, a string as it is, else JSON. */
static void rule_value(FILE *f, const json_t *v)
{
    size_t i;
    const json_t *item;
    json_array_foreach(v, i, item) {
        fputs(i ? ", " : "", f);
        rs_term_write(f, json_is_string(item) ? json_string_value(item) : "?", NULL);
    }
    if (json_is_array(v) && !json_array_size(v)) fputs("none", f);
    if (json_is_string(v)) rs_term_write(f, json_string_value(v), NULL);
    char *other = json_is_array(v) || json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY);
    if (other) fputs(other, f);
    free(other);
}

/* The rules the ToR sets (those it leaves out keep their defaults), one
 * a line, "key: value". */
static void rule_lines(FILE *f, const json_t *rules)
{
    const char *key;
    json_t *v;
    int first = 1;
    json_object_foreach((json_t *)rules, key, v) {
        if (first) label(f, "rules");
        else fputs(TEXT_INDENT, f);
        first = 0;
        rs_term_write(f, key, NULL);
        fputs(": ", f);
        rule_value(f, v);
        fputc('\n', f);
    }
}

static void window_line(FILE *f, const json_t *j)
{
    const char *from = json_string_value(json_object_get(j, "from"));
    const char *to = json_string_value(json_object_get(j, "to"));
    if (!from || !to) return;
    label(f, "window");
    fprintf(f, "%s..%s\n", from, to);
}

/* The request as a person reads it: its title, what it asks for and of
 * whom, its window, its rules and its text, then the match's own text
 * form when it came with one. */
static rs_status print_request(const rs_answer *a, FILE *f)
{
    const json_t *j = a->json, *tor = json_object_get(j, "tor");
    const char *country = json_string_value(json_object_get(j, "country"));
    fputs("request ", f);
    rs_term_write(f, json_string_value(json_object_get(j, "action")), NULL);
    fputs(": ", f);
    rs_term_write(f, json_string_value(json_object_get(j, "title")), NULL);
    fputc('\n', f);
    status_line(f, j);
    label(f, "country");
    fprintf(f, "%s (%s)\n", country, rs_country_name(country) ? rs_country_name(country) : "?");
    text_line(f, "institution", json_object_get(tor, "partner_institution"));
    text_line(f, "assistance", json_object_get(tor, "assistance_type"));
    window_line(f, j);
    label(f, "team size");
    fprintf(f, "%d\n", (int)json_integer_value(json_object_get(j, "team_size")));
    language_line(f, json_object_get(tor, "languages"));
    code_lines(f, "fields", json_object_get(tor, "fields"));
    code_lines(f, "competences", json_object_get(tor, "competences"));
    rule_lines(f, json_object_get(tor, "rules"));
    const char *text = json_string_value(json_object_get(tor, "description"));
    if (text && *text) {
        label(f, "description");
        rs_term_write(f, text, TEXT_INDENT);
        fputc('\n', f);
    }
    if (a->priv) {
        fputc('\n', f);
        return rs_answer_print(a->priv, f);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_request(rs_roster *r, const char *action, int with_match, rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    request_ctx c;
    if ((st = read_request(r, action, &c))) return st;
    rs_answer *match = NULL;
    if (with_match && (st = match_stored(r, action, c.tor, NULL, &match))) {
        json_decref(c.o);
        free(c.tor);
        return st;
    }
    free(c.tor);
    if (match && json_object_set(c.o, "match", match->json) != 0) {
        rs_answer_free(match);
        json_decref(c.o);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    if (!(*out = rs_answer_new(c.o, match ? rs_answer_outcome(match) : RS_OUTCOME_DONE,
                               print_request, match, free_match)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* The stored ToR of `action` alone (*tor malloc'd). */
static rs_status read_tor(rs_roster *r, const char *action, char **tor)
{
    *tor = NULL;
    rs_status st = rs_begin_open(r);
    request_ctx c;
    if (!st) st = read_request(r, action, &c);
    if (st) return st;
    json_decref(c.o);
    *tor = c.tor;
    return RS_OK;
}

rs_status rs_roster_match_request(rs_roster *r, const char *action, const rs_match_limits *o,
                                  rs_answer **out)
{
    *out = NULL;
    char *tor;
    rs_status st = read_tor(r, action, &tor);
    if (st) return st;
    st = match_stored(r, action, tor, o, out);
    free(tor);
    return st;
}

rs_status rs_roster_check_request(rs_roster *r, const char *action, char *const *ids, size_t n,
                                  rs_answer **out)
{
    *out = NULL;
    char *tor;
    rs_status st = read_tor(r, action, &tor);
    if (st) return st;
    char name[STORED_NAME_MAX];
    rs_text t = stored_text(action, tor, name);
    st = rs_roster_check(r, &t, ids, n, out);
    free(tor);
    return st;
}

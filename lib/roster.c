/* The roster handle: opening a data directory as one account, the last
 * message and problems of a call. See roster.h. */
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "lib/access.h"
#include "lib/private.h"

const char *rs_status_to_string(rs_status err)
{
    switch (err) {
    case RS_OK: return "ok";
    case RS_ERR_NOMEM: return "out of memory";
    case RS_ERR_IO: return "input/output error";
    case RS_ERR_BUSY: return "busy: another process is writing to the roster";
    case RS_ERR_CORRUPT: return "data is corrupt";
    case RS_ERR_SCHEMA: return "store was made by another version of roster";
    case RS_ERR_NOT_FOUND: return "not found";
    case RS_ERR_INPUT: return "bad input";
    case RS_ERR_INDEX: return "search index error";
    case RS_ERR_NOSPACE: return "no space left on the device";
    case RS_ERR_BEHIND: return "stored, but the index is behind the store";
    case RS_ERR_DENIED: return "not allowed";
    }
    return "unknown error";
}

const char *rs_did_you_mean(const char *typed, const char *const *words, size_t n)
{
    const char *near = NULL;
    int best = INT_MAX, ties = 0;
    for (size_t i = 0; i < n; i++) {
        int d = rs_edit_distance(typed, words[i]);
        if (d < best) best = d, near = words[i], ties = 0;
        else if (d == best) ties++;
    }
    int most = strlen(typed) <= 4 ? 1 : 2;
    return best <= most && !ties ? near : NULL;
}

/* The operating-system user, as the command line acts. */
static char *os_account(void)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && *pw->pw_name) return strdup(pw->pw_name);
    char buf[32];
    snprintf(buf, sizeof buf, "uid %ld", (long)geteuid());
    return strdup(buf);
}

void rs_begin(rs_roster *r)
{
    r->message[0] = '\0';
    json_array_clear(r->problems);
    rs_diag_free(&r->diag);
    rs_diag_init(&r->diag);
}

rs_status rs_begin_open(rs_roster *r)
{
    rs_begin(r);
    return r->data ? RS_OK : rs_fail(r, RS_ERR_NOT_FOUND, "the roster could not be opened");
}

rs_status rs_fail(rs_roster *r, rs_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return st;
}

void rs_keep_problems(rs_roster *r, rs_diag *d)
{
    rs_diag_free(&r->diag);
    r->diag = *d;
    rs_diag_init(d);
    d = &r->diag;
    json_array_clear(r->problems);
    for (size_t i = 0; i < d->n; i++) {
        const rs_problem *p = &d->items[i];
        json_array_append_new(
            r->problems,
            json_pack("{s:s, s:I, s:s, s:s, s:s}", "file", p->file ? p->file : "", "line",
                      (json_int_t)p->line, "field", p->field ? p->field : "", "problem",
                      p->message ? p->message : "", "severity",
                      p->severity == RS_WARNING ? "warning" : "error"));
    }
}

rs_status rs_roster_open(const char *dir, rs_open_mode mode, const char *account,
                         rs_roster **out)
{
    return rs_roster_open_index(dir, mode, account, NULL, out);
}

rs_status rs_roster_open_index(const char *dir, rs_open_mode mode, const char *account,
                               const rs_index_choice *choice, rs_roster **out)
{
    rs_roster *r = calloc(1, sizeof *r);
    *out = r;
    if (!r) return RS_ERR_NOMEM;
    rs_diag_init(&r->diag);
    r->problems = json_array();
    r->account = account ? strdup(account) : os_account();
    r->dir = strdup(dir);
    if (choice && choice->index) {
        r->index.index = strdup(choice->index);
        r->index.allow_partial = choice->allow_partial;
    }
    if (!r->problems || !r->account || !r->dir || (choice && choice->index && !r->index.index))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    char *err = NULL;
    rs_status st = rs_data_open_index(dir, mode, &r->index, &r->data, &err);
    if (st != RS_OK) {
        rs_fail(r, st, "%s", err ? err : rs_status_to_string(st));
        free(err);
        r->data = NULL;
    } else if ((st = rs_data_set_account(r->data, r->account))) {
        rs_fail(r, st, "out of memory");
    }
    return st;
}

void rs_roster_close(rs_roster *r)
{
    if (!r) return;
    rs_data_close(r->data);
    rs_access_close(r);
    rs_stemmers_free(r->stemmers);
    rs_match_context_free(r->match);
    json_decref(r->problems);
    rs_diag_free(&r->diag);
    free(r->account);
    free(r->dir);
    free((char *)r->index.index);
    free(r);
}

rs_status rs_roster_set_account(rs_roster *r, const char *account)
{
    char *copy = strdup(account);
    if (!copy || (r->data && rs_data_set_account(r->data, copy))) {
        free(copy);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    free(r->account);
    r->account = copy;
    return RS_OK;
}

const char *rs_roster_message(const rs_roster *r) { return r ? r->message : "out of memory"; }
const json_t *rs_roster_problems(const rs_roster *r) { return r->problems; }
const char *rs_roster_notes(const rs_roster *r) { return r->data ? rs_data_notes(r->data) : ""; }
const char *rs_roster_warning(const rs_roster *r)
{
    return r->data ? rs_data_warning(r->data) : "";
}

void rs_roster_print_problems(const rs_roster *r, FILE *f) { rs_diag_print(&r->diag, f); }

rs_stemmers *rs_roster_stemmers(rs_roster *r)
{
    if (!r->stemmers && !(r->stemmers = rs_stemmers_new()))
        rs_fail(r, RS_ERR_NOMEM, "cannot make the stemmers");
    return r->stemmers;
}

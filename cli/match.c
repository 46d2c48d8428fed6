/* roster match TOR.json [--teams M] [--shortlist K] [--pool N] [--json]
 * roster match ACTION [...]  (a stored request: roster request add)
 * roster match --batch TORS.jsonl [...]
 *
 * The pipeline is the library's (rs_roster_match); this prints its answer
 * and turns its outcome into the exit status: 3 when no team is possible.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/tor_text.h"

/* The exit status of a match answered: 3 without a team. */
static int answered(const rs_answer *a, int json)
{
    if (cli_print_answer(a, json) != EXIT_OK) return EXIT_FAIL;
    return rs_answer_outcome(a) == RS_OUTCOME_NO_TEAM ? EXIT_INFEASIBLE : EXIT_OK;
}

/* The action of a ToR drafted from a document: its file's name without
 * the extension, in the characters an action may hold. */
static void action_of(const char *path, char out[65])
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strcspn(base, ".");
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++) {
        char c = base[i];
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
        out[k++] = ok ? c : '-';
    }
    if (k == 0) out[k++] = 'd';
    out[k] = '\0';
}

/* What a person should check before trusting a match on a document: the
 * values guessed with a low confidence, and those the document does not
 * give, on stderr. */
static void say_guesses(const json_t *draft)
{
    static const char *const keys[] = {"country", "title", "team_size", "from", "to",
                                       "languages"};
    const json_t *conf = json_object_get(draft, "confidence");
    int n = 0;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const json_t *c = json_object_get(conf, keys[i]), *v = json_object_get(draft, keys[i]);
        if (!json_is_number(c) || json_number_value(c) >= 0.5) continue;
        char *text = json_is_string(v) ? strdup(json_string_value(v))
                                       : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        fprintf(stderr, "%s %s %s (confidence %.2f)", n++ ? "," : "roster match: guessed:",
                keys[i], text ? text : "", json_number_value(c));
        free(text);
    }
    if (n) fputc('\n', stderr);
    /* what each missing value becomes in the match */
    static const struct { const char *key, *instead; } defaults[] = {
        {"action", "the file's name"}, {"title", "the file's name"},
        {"partner_institution", "none"}, {"fields", "none asked"}, {"competences", "none asked"},
        {"languages", "none asked"}, {"team_size", "2"}, {"from", "no window"},
        {"to", "no window"}};
    size_t i;
    const json_t *m;
    n = 0;
    json_array_foreach(json_object_get(draft, "missing"), i, m) {
        const char *key = json_string_value(m), *instead = "";
        for (size_t k = 0; k < sizeof defaults / sizeof *defaults; k++)
            if (strcmp(defaults[k].key, key) == 0) instead = defaults[k].instead;
        fprintf(stderr, "%s %s (%s)", n++ ? "," : "roster match: not in the document, so:", key,
                instead);
    }
    if (n) fputc('\n', stderr);
}

/* A document that names no partner country cannot be matched (a ToR
 * requires one), and no default stands in for it: say so once, with how
 * to go on, rather than the ToR reader's "country: required". 1 if so. */
static int no_country(const json_t *draft, const char *name)
{
    if (json_object_get(draft, "country")) return 0;
    fprintf(stderr,
            "roster match: %s names no partner country, and a match needs one: draft it "
            "(roster draft %s --json > tor.json), write the country in \"country\" "
            "(\"PE\"), then roster match tor.json\n",
            name, name);
    return 1;
}

/* A request document: drafted (said on stderr, with what to check), then
 * the draft's ToR matched as a file's would be. */
static int match_document(rs_roster *r, const rs_text *doc, const rs_match_limits *lim,
                          int json)
{
    rs_answer *d;
    rs_status st = rs_roster_draft(r, doc->name, doc->data, doc->len, &d);
    if (st) return cli_fail("match", r, st);
    char action[65], *text = NULL;
    action_of(doc->name, action);
    st = rs_draft_tor(d, action, &text);
    if (st) {
        rs_answer_free(d);
        return cli_fail("match", r, st);
    }
    if (no_country(rs_answer_json(d), doc->name)) {
        rs_answer_free(d);
        free(text);
        return EXIT_INPUT;
    }
    fprintf(stderr, "roster match: %s is a document: matching the ToR drafted from it "
                    "(roster draft %s shows it, with the words each value was read from)\n",
            doc->name, doc->name);
    say_guesses(rs_answer_json(d));
    rs_answer_free(d);
    rs_text tor = {.name = doc->name, .line = 1, .data = text, .len = strlen(text)};
    rs_answer *a;
    st = rs_roster_match(r, &tor, lim, &a);
    int status = cli_tor_problems("match", r, st);
    if (st == RS_OK) status = answered(a, json);
    rs_answer_free(a);
    free(text);
    return status;
}

/* Match a stored request (action) or a ToR read from a file. */
static int match_one(rs_roster *r, const char *action, const rs_text *tor,
                     const rs_match_limits *lim, int json)
{
    rs_answer *a;
    rs_status st = action ? rs_roster_match_request(r, action, lim, &a)
                          : rs_roster_match(r, tor, lim, &a);
    int status = cli_tor_problems("match", r, st);
    if (st == RS_OK) status = answered(a, json);
    rs_answer_free(a);
    return status;
}

typedef struct {
    rs_roster *r;
    int worst;
} batch_state;

/* One line's answer: a ToR matched, a bad line with its errors, or a
 * failure. The worst status wins: a failure, then bad input, then no team. */
static int batch_line(rs_status st, rs_answer *a, void *ctx)
{
    batch_state *b = ctx;
    if (st == RS_OK) {
        int s = answered(a, 1);
        if (s == EXIT_FAIL || (s == EXIT_INFEASIBLE && b->worst == EXIT_OK)) b->worst = s;
    } else if (st == RS_ERR_INPUT && a) {
        rs_roster_print_problems(b->r, stderr);
        if (cli_print_answer(a, 1) != EXIT_OK) b->worst = EXIT_FAIL;
        else if (b->worst != EXIT_FAIL) b->worst = EXIT_INPUT;
    } else {
        rs_roster_print_problems(b->r, stderr);
        cli_fail("match", b->r, st);
        b->worst = EXIT_FAIL;
    }
    rs_answer_free(a);
    /* The index failing (a shard gone) fails every line after: stop. */
    return st == RS_ERR_INDEX;
}

/* --batch: one JSON answer per line; a bad line answers with its problems. */
static int match_batch(rs_roster *r, FILE *in, const char *path, const rs_match_limits *lim)
{
    batch_state b = {r, EXIT_OK};
    rs_status st = rs_roster_match_batch(r, in, path, lim, batch_line, &b);
    if (st == RS_OK) return b.worst;
    cli_fail("match", r, st);
    return EXIT_FAIL;
}

int cmd_match(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"teams", 1, NULL}, {"shortlist", 1, NULL},
                      {"pool", 1, NULL}, {"batch", 1, NULL}, {"json", 0, NULL},
                      {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    long teams, shortlist, pool;
    if (cli_start("match", argc, argv, opts, args, &n, &status)) return status;
    const char *batch = cli_opt_value(opts, "batch");
    if ((batch && n) || (!batch && n != 1)) {
        fprintf(stderr, "roster match: give one ToR file or a stored request's action, or "
                        "--batch TORS.jsonl\n");
        return EXIT_INPUT;
    }
    if (cli_opt_long(opts, "teams", RS_MATCH_TEAMS_DEFAULT, 1, RS_MATCH_TEAMS_MAX, &teams) ||
        cli_opt_long(opts, "shortlist", RS_MATCH_SHORTLIST_DEFAULT, 0, RS_MATCH_SHORTLIST_MAX,
                     &shortlist) ||
        cli_opt_long(opts, "pool", RS_MATCH_POOL_DEFAULT, RS_MATCH_POOL_MIN, RS_MATCH_POOL_MAX,
                     &pool))
        return EXIT_INPUT;
    rs_match_limits lim = {(size_t)shortlist, (size_t)teams, (size_t)pool};

    /* The input first: a ToR that cannot be read needs no roster. */
    rs_text tor;
    char *buf = NULL;
    FILE *in = NULL;
    const char *action = NULL;
    if (batch) {
        in = strcmp(batch, "-") == 0 ? stdin : fopen(batch, "rb");
        if (!in) {
            fprintf(stderr, "roster match: %s: cannot open: %s\n", batch, strerror(errno));
            return EXIT_INPUT;
        }
        if (cli_directory("match", batch, in)) {
            if (in != stdin) fclose(in);
            return EXIT_INPUT;
        }
    } else if (cli_names_request(args[0])) {
        action = args[0];
    } else if (cli_tor_text("match", args[0], &tor, &buf) != 0) {
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (r && batch)
        status = match_batch(r, in, batch, &lim);
    else if (r && !action && rs_is_document(args[0]))
        status = match_document(r, &tor, &lim, cli_flag(opts, "json"));
    else if (r)
        status = match_one(r, action, &tor, &lim, cli_flag(opts, "json"));
    rs_roster_close(r);
    if (in && in != stdin) fclose(in);
    free(buf);
    return status;
}

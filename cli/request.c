/* roster request add TOR.json... | list [--json] | show ACTION [--json] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/tor_text.h"

static int request_add(const cli_opt *opts, char **files, int n)
{
    if (n == 0) {
        fprintf(stderr, "roster request add: no ToR file given\n");
        return EXIT_INPUT;
    }
    rs_text *texts = calloc((size_t)n, sizeof *texts);
    char **bufs = calloc((size_t)n, sizeof *bufs);
    int status = texts && bufs ? EXIT_OK : EXIT_FAIL;
    /* Every file read before the roster is opened: a missing one stores none. */
    for (int i = 0; i < n && status == EXIT_OK; i++)
        if (cli_tor_text("request add", files[i], &texts[i], &bufs[i]) != 0) status = EXIT_INPUT;
    rs_roster *r = status == EXIT_OK ? cli_roster(opts, RS_OPEN_UPDATE, &status) : NULL;
    if (r) {
        rs_answer *a;
        rs_status err = rs_roster_request_add(r, texts, (size_t)n, &a);
        rs_roster_print_problems(r, stderr); /* the errors, or warnings beside success */
        if (err) {
            status = cli_fail("request add", r, err);
        } else {
            status = cli_print_answer(a, 0);
            rs_answer_free(a);
        }
        rs_roster_close(r);
    }
    for (int i = 0; bufs && i < n; i++) free(bufs[i]);
    free(bufs);
    free(texts);
    return status;
}

static int request_list(const cli_opt *opts, int n)
{
    if (n) {
        fprintf(stderr, "roster request list: takes no arguments\n");
        return EXIT_INPUT;
    }
    int status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_requests(r, &a);
    if (err) {
        status = cli_fail("request list", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}

static int request_show(const cli_opt *opts, char **args, int n)
{
    if (n != 1) {
        fprintf(stderr, "roster request show: give one action\n");
        return EXIT_INPUT;
    }
    int status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_request(r, args[0], 0, &a);
    if (err) {
        status = cli_fail("request show", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}

int cmd_request(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("request", argc, argv, opts, args, &n, &status)) return status;
    const char *what = n ? args[0] : "";
    if (strcmp(what, "add") == 0) return request_add(opts, args + 1, n - 1);
    if (strcmp(what, "list") == 0) return request_list(opts, n - 1);
    if (strcmp(what, "show") == 0) return request_show(opts, args + 1, n - 1);
    static const char *const subcommands[] = {"add", "list", "show"};
    cli_unknown_subcommand("request", what, subcommands, 3);
    return EXIT_INPUT;
}

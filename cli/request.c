/* roster request add TOR.json... | list [--json] | show ACTION [--json] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define TOR_FILE_MAX (16 << 20) /* a ToR is a page of JSON; this bounds a wrong file */

/* The whole of a file ("-": stdin) in *data (malloc'd). 0, or -1 with the
 * error printed. */
static int read_all(const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "roster request add: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap >= TOR_FILE_MAX) break;
        char *more = realloc(buf, cap *= 2);
        if (!more) free(buf);
        buf = more;
    }
    int bad = ferror(f), big = n >= TOR_FILE_MAX;
    if (f != stdin) fclose(f);
    if (!buf || bad || big) {
        fprintf(stderr, "roster request add: %s: %s\n", path,
                !buf ? "out of memory" : bad ? "cannot be read" : "larger than a ToR can be");
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

static int request_add(const cli_opt *opts, char **files, int n)
{
    if (n == 0) {
        fprintf(stderr, "roster request add: no ToR file given\n");
        return EXIT_INPUT;
    }
    rs_text *texts = calloc((size_t)n, sizeof *texts);
    if (!texts) return EXIT_FAIL;
    int status = EXIT_OK;
    /* Every file read before the roster is opened: a missing one stores none. */
    for (int i = 0; i < n && status == EXIT_OK; i++) {
        texts[i].name = strcmp(files[i], "-") == 0 ? "<stdin>" : files[i];
        texts[i].line = 1;
        char *data;
        if (read_all(files[i], &data, &texts[i].len) != 0) status = EXIT_INPUT;
        else texts[i].data = data;
    }
    rs_roster *r = status == EXIT_OK ? cli_roster(opts, RS_OPEN_WRITE, &status) : NULL;
    if (r) {
        rs_status err = rs_roster_request_add(r, texts, (size_t)n);
        rs_roster_print_problems(r, stderr); /* the errors, or warnings beside success */
        if (err) status = cli_fail("request add", r, err);
        else printf("stored %d request%s\n", n, n == 1 ? "" : "s");
        rs_roster_close(r);
    }
    for (int i = 0; i < n; i++) free((char *)texts[i].data);
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
    fprintf(stderr, "roster request: say add, list or show\n");
    cli_usage("request");
    return EXIT_INPUT;
}

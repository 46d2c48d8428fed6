/* roster login-link NAME [--next PATH] [--base URL] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define DEFAULT_BASE "http://127.0.0.1:8080"

/* PATH as a query value: unreserved characters and '/' as they are, the
 * rest percent-encoded, so '&' or '#' in it cannot end the parameter. */
static void print_query_value(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            putchar(*p);
        else
            printf("%%%02X", *p);
    }
}

int cmd_login_link(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"next", 1, NULL}, {"base", 1, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("login-link", argc, argv, opts, args, &n, &status)) return status;
    if (n != 1) {
        fprintf(stderr, "roster login-link: give one account name\n");
        return EXIT_INPUT;
    }
    const char *base = cli_opt_value(opts, "base");
    if (!base) base = DEFAULT_BASE;
    size_t blen = strlen(base);
    while (blen && base[blen - 1] == '/') blen--;
    if (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0) {
        fprintf(stderr, "roster login-link: --base '%s': give the service's address, "
                        "http://HOST:PORT or https://...\n", base);
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    const char *next = cli_opt_value(opts, "next");
    char *code;
    rs_status err = rs_roster_login_link(r, args[0], next, &code);
    if (err) {
        status = cli_fail("login-link", r, err);
    } else {
        printf("%.*s/login?once=%s&next=", (int)blen, base, code);
        print_query_value(next ? next : "/");
        putchar('\n');
        long secs = rs_login_link_seconds();
        if (secs % 60 == 0)
            fprintf(stderr, "roster login-link: valid once, for %ld minute%s\n", secs / 60,
                    secs == 60 ? "" : "s");
        else
            fprintf(stderr, "roster login-link: valid once, for %ld second%s\n", secs,
                    secs == 1 ? "" : "s");
        free(code);
    }
    rs_roster_close(r);
    return status;
}

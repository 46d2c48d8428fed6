/* roster serve [--listen HOST:PORT]: the HTTP API over the data directory
 * (server/, docs/service.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "server/server.h"

/* HOST:PORT, [V6ADDR]:PORT or :PORT into host (in buf) and port. */
static int parse_listen(const char *s, char *buf, size_t bufsz, unsigned *port)
{
    const char *colon = strrchr(s, ':');
    if (!colon) return -1;
    const char *host = s;
    size_t len = (size_t)(colon - s);
    if (len >= 2 && s[0] == '[' && s[len - 1] == ']') host++, len -= 2;
    if (len >= bufsz) return -1;
    if (len == 0) {
        snprintf(buf, bufsz, "127.0.0.1");
    } else {
        memcpy(buf, host, len);
        buf[len] = '\0';
    }
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (end == colon + 1 || *end || p < 0 || p > 65535) return -1;
    *port = (unsigned)p;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"listen", 1, NULL}, {"max-body", 1, NULL},
                      {"timeout", 1, NULL}, {"quiet", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("serve", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster serve: takes no arguments\n");
        return EXIT_INPUT;
    }
    const char *listen = cli_opt_value(opts, "listen");
    char host[256];
    srv_options o = {.cfg.db = cli_db_dir(opts), .access_log = !cli_flag(opts, "quiet")};
    o.cfg.index = cli_index_choice(opts, RS_OPEN_READ);
    long max_mb, timeout;
    if (parse_listen(listen ? listen : "127.0.0.1:8080", host, sizeof host, &o.port) != 0) {
        fprintf(stderr, "roster serve: --listen: expected HOST:PORT (e.g. 127.0.0.1:8080), "
                        "got '%s'\n", listen);
        return EXIT_INPUT;
    }
    if (cli_opt_long(opts, "max-body", 64, 1, 4096, &max_mb) ||
        cli_opt_long(opts, "timeout", 30, 1, 3600, &timeout))
        return EXIT_INPUT;
    o.host = host;
    o.cfg.max_body = (size_t)max_mb << 20;
    o.timeout = (unsigned)timeout;

    /* The roster must be there: the service never makes an empty one. */
    rs_roster *r;
    rs_status st = rs_roster_open_index(o.cfg.db, RS_OPEN_READ, NULL, &o.cfg.index, &r);
    if (st != RS_OK) {
        fprintf(stderr, "roster serve: %s%s\n", rs_roster_message(r),
                st == RS_ERR_NOT_FOUND ? " — import experts or add a user first, or give "
                                         "--db / $ROSTER_DB" : "");
        rs_roster_close(r);
        return cli_status(st);
    }
    /* Without an account nobody can sign in: say how to make one. */
    rs_answer *users;
    if (rs_roster_users(r, &users) == RS_OK && json_array_size(rs_answer_json(users)) == 0)
        fprintf(stderr, "roster serve: note: no accounts yet, so nobody can sign in: roster "
                        "user add NAME --role editor|viewer\n");
    rs_answer_free(users);
    rs_roster_close(r);
    return srv_run(&o) == 0 ? EXIT_OK : EXIT_FAIL;
}

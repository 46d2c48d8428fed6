/* Shared set-up of match and check. See tor_context.h. */
#include "cli/tor_context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int tor_read(const char *path, rs_tor *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "roster: %s: cannot open\n", path);
        return -1;
    }
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_tor_read_file(f, path, out, &d);
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    if (f != stdin) fclose(f);
    return rc;
}

int tor_context_open(const cli_opt *opts, tor_context *c, int *status)
{
    memset(c, 0, sizeof *c);
    c->today = rs_date_today();
    if (!(c->roster = cli_open(opts, RS_OPEN_READ, status))) return -1;
    c->db = rs_data_index(c->roster);
    c->stemmers = rs_stemmers_new();
    if (!c->db || !c->stemmers ||
        rs_portfolio_load(rs_data_store(c->roster), c->today, &c->portfolio) != RS_OK) {
        fprintf(stderr, "roster: %s\n", c->db ? "cannot read the roster" : rs_data_error(c->roster));
        tor_context_close(c);
        *status = EXIT_FAIL;
        return -1;
    }
    return 0;
}

void tor_context_close(tor_context *c)
{
    rs_portfolio_free(&c->portfolio);
    rs_stemmers_free(c->stemmers);
    rs_data_close(c->roster);
    memset(c, 0, sizeof *c);
}

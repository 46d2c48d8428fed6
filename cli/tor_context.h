/*
 * What `roster match` and `roster check` share: reading a ToR file, and the
 * open roster with its index, stemmers and portfolio of recent missions
 * (rs_portfolio_load, as of today).
 */
#ifndef RS_TOR_CONTEXT_H
#define RS_TOR_CONTEXT_H

#include <stdint.h>
#include "cli/cli.h"
#include "cli/legacy.h"
#include "core/stem.h"
#include "matcher/portfolio.h"
#include "matcher/tor.h"

typedef struct {
    rs_data *roster;
    xc_db *db;
    rs_stemmers *stemmers;
    rs_portfolio portfolio;
    int32_t today;
} tor_context;

/* Read a ToR file ("-" = stdin), printing its problems. 0, or -1 (bad input). */
int tor_read(const char *path, rs_tor *out);

/* Open the roster for reading. 0, or -1 with *status set (message printed). */
int tor_context_open(const cli_opt *opts, tor_context *c, int *status);
void tor_context_close(tor_context *c);

#endif

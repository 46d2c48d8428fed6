/*
 * The data directory as the commands match, check and report still reach
 * it, below the library's face (lib/roster.h). Only those three commands
 * (and cli/tor_context.c, which they share) include this header; it goes
 * once they call the library's verbs rs_roster_match, rs_roster_check and
 * rs_roster_report.
 */
#ifndef RS_CLI_LEGACY_H
#define RS_CLI_LEGACY_H

#include "cli/cli.h"
#include "core/store.h"
#include "indexer/datadir.h"

/* Open the data directory, printing any error, the notes of opening and
 * what a reader's answers miss. NULL on failure (*status set). */
rs_data *cli_open(const cli_opt *opts, rs_open_mode mode, int *status);
/* rs_roster_find_id on a store: the message into msg. */
rs_status cli_find_id(rs_store *s, const char *asked, char **out, char *msg, size_t msgsz);

#endif

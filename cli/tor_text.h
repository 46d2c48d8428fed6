/*
 * What `roster match` and `roster check` share: a ToR file read into memory
 * for the library (rs_text), and the problems of a call printed as the
 * command line prints them.
 */
#ifndef RS_CLI_TOR_TEXT_H
#define RS_CLI_TOR_TEXT_H

#include "cli/cli.h"

/* Read the ToR file at path ("-" = stdin) into *out, its bytes in *buf
 * (freed by the caller). 0, or -1 with the error printed (bad input). */
int cli_tor_text(const char *path, rs_text *out, char **buf);

/* After a call on a ToR: its problems ("file:line: field: problem"), then,
 * when it failed and no problem is an error (those say it all), the
 * message, one "roster CMD: ..." line per line of it. Returns the exit
 * status of err. */
int cli_tor_problems(const char *cmd, const rs_roster *r, rs_status err);

#endif

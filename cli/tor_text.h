/*
 * What `roster match`, `roster check` and `roster request add` share: a ToR
 * named by a file or by a stored request's action, read into memory for the
 * library (rs_text), and the problems of a call printed as the command line
 * prints them.
 */
#ifndef RS_CLI_TOR_TEXT_H
#define RS_CLI_TOR_TEXT_H

#include "cli/cli.h"

/* Does an argument name a stored request rather than a file? Yes when no
 * such file is there and it does not look like a path (no '/', no .json
 * ending). */
int cli_names_request(const char *arg);

/* Is the open file f a directory? Then 1, said on stderr as "roster CMD:
 * PATH: a directory, not a file: ..." (a directory opens for reading and
 * fails only on its first read, with no word a person would understand). */
int cli_directory(const char *cmd, const char *path, FILE *f);

/* Read the ToR file at path ("-" = stdin) into *out, its bytes in *buf
 * (freed by the caller). 0, or -1 with the error printed as "roster CMD:
 * ..." (bad input). */
int cli_tor_text(const char *cmd, const char *path, rs_text *out, char **buf);

/* After a call on a ToR: its problems ("file:line: field: problem"), then,
 * when it failed and no problem is an error (those say it all), the
 * message, one "roster CMD: ..." line per line of it. Returns the exit
 * status of err. */
int cli_tor_problems(const char *cmd, const rs_roster *r, rs_status err);

#endif

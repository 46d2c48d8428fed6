/*
 * Untrusted text and the terminal.
 *
 * Text in a roster comes from CVs and ToRs written by others. Two guards keep
 * it from acting on the terminal that displays it: import refuses control
 * characters (and, in one-line fields, bidirectional controls) with a
 * readable problem, and every printer of text for people writes through
 * rs_term_write, which shows anything that is not printable as an escape
 * (\x1b, \u202e) — a defence for data stored before the first guard.
 */
#ifndef RS_TERM_H
#define RS_TERM_H

#include <stddef.h>
#include <stdio.h>

/* What a text field may hold. */
typedef enum {
    RS_TEXT_LINE,     /* one line: no control character at all, no bidi control,
                         no invisible format character (zero-width space, ...) */
    RS_TEXT_MULTILINE /* free text: tab, line feed and CR-LF allowed */
} rs_text_kind;

/* Check s[0, len) (valid UTF-8) for characters a field of `kind` may not
 * hold. Returns 0 when clean, else 1 with the problem in msg, e.g.
 * "control character U+001B at character 12 (not allowed in text)". */
int rs_text_unsafe(const char *s, size_t len, rs_text_kind kind, char *msg, size_t msgsz);

/* Write s to f with every character that could act on a terminal escaped.
 * With indent NULL the text stays on one line (line feed and tab shown as
 * \n and \t); otherwise line breaks are kept, each followed by indent. */
void rs_term_write(FILE *f, const char *s, const char *indent);

/* One-line escaped copy of s (malloc'd; NULL when out of memory). */
char *rs_term_escape(const char *s);

#endif

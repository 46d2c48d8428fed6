/*
 * Line numbers of the values in a JSON text, by path.
 *
 * jansson decodes values without their positions, but a ToR written by hand
 * spans many lines, and a problem must name the line it is on. This index
 * scans the (already validated) text once and records, for every value up
 * to a small depth, the line where it starts, under a path written the way
 * problems name fields: "team_size", "languages[1].level", "rules.exclude[0]".
 */
#ifndef RS_JSONPOS_H
#define RS_JSONPOS_H

#include <stddef.h>

typedef struct rs_json_lines rs_json_lines;

/* Index `text`, whose first character is on line `first_line`. Returns NULL
 * when out of memory; rs_json_lines_find then answers `first_line`. */
rs_json_lines *rs_json_lines_new(const char *text, size_t len, long first_line);
void rs_json_lines_free(rs_json_lines *p);

/* Line of the value at `path`; for a path not in the text (a missing key),
 * the line of the nearest enclosing value that is; else the first line. */
long rs_json_lines_find(const rs_json_lines *p, const char *path, long first_line);

#endif

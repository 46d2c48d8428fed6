/*
 * Reading expert records from JSON Lines and CSV into validated rs_expert.
 *
 * Every problem goes into the rs_diag with file, line and field. A record
 * with any error yields no expert. Unknown-but-well-formed field or
 * competence codes are warnings. Limits keep hostile input bounded.
 */
#ifndef RS_RECORD_H
#define RS_RECORD_H

#include "lib/roster.h"
#include <jansson.h>
#include <stdio.h>
#include "core/diag.h"
#include "core/model.h"

#define RS_LINE_MAX (1u << 20)      /* one record: 1 MiB */
#define RS_TEXT_MAX (64u * 1024)    /* one text field: 64 KiB */
#define RS_ARRAY_MAX 1000           /* items in one array field */

typedef struct rs_reader rs_reader;

/* rs_format is public (lib/roster.h). */

/* Format from a file name (".jsonl"/".json" or ".csv"); JSONL for "-".
 * Returns -1 for an unknown extension. */
int rs_format_of(const char *path, rs_format *out);

/* Open a reader over f (not closed by the reader). `name` is used in problems. */
rs_reader *rs_reader_new(FILE *f, const char *name, rs_format fmt);
/* A reader whose one record is obj, an expert record read from a CV
 * (intake/cv.h): validated as a JSON Lines record is, and, like one, it
 * replaces a stored expert but keeps the stored missions. `name` and
 * `line` are named in problems. Takes obj's reference, also on failure
 * (NULL when out of memory). */
rs_reader *rs_reader_new_object(json_t *obj, const char *name, long line);
void rs_reader_free(rs_reader *r);

/* Where an update finds the record it changes: the stored record of `id` as
 * a malloc'd JSON text in *out, or NULL when the id is new. 0, or -1 when
 * the store cannot be read. */
typedef int (*rs_stored_fn)(const char *id, char **out, void *ctx);
/* Read records as updates of the stored ones. A CSV row for a stored id
 * changes only the columns it gives a value and keeps the rest (experience,
 * education, missions, the columns it lacks, its empty cells); a JSON Lines
 * record replaces the stored one, but one without "missions" keeps the
 * stored missions. Without it every record stands alone. */
void rs_reader_set_stored(rs_reader *r, rs_stored_fn fn, void *ctx);

/* Read the next record. Returns 1 and fills *out (caller frees with
 * rs_expert_free) when a valid record was read; 0 at end of input; -1 when
 * the record was invalid (problems added to d; reading may continue). Fatal
 * problems with the file itself (e.g. CSV header) are reported once and end
 * the reading (return 0 afterwards) — see rs_reader_failed. */
int rs_reader_next(rs_reader *r, rs_expert *out, rs_diag *d);
/* Line number where the last record returned started. */
long rs_reader_line(const rs_reader *r);
/* Non-zero when the file could not be read as a whole. */
int rs_reader_failed(const rs_reader *r);

/* Validate one JSON object text (one JSONL line) into *out. `file`,`line` are
 * used in problems. Returns 0 ok, -1 invalid. */
int rs_expert_from_json_text(const char *text, size_t len, const char *file, long line,
                             rs_expert *out, rs_diag *d);

/* Canonical JSON of an expert record (for show/export): the stored record. */

#endif

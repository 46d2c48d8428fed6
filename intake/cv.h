/*
 * CVs as experts hold them, read into one expert record: Europass XML (the
 * v3 SkillsPassport and the 2020 Candidate) and JSON Resume.
 *
 * A CV becomes one JSON object in the shape of a JSON Lines record
 * (docs/importing.md), which the import then validates, stores and indexes
 * as if it were a line of a JSON Lines file: the same checks, problems and
 * all-or-nothing rule. What the CV holds and the record has no place for is
 * said as a warning, never dropped in silence.
 *
 * Plain C on purpose: indexer/ and lib/ include this header without
 * libxml2's flags.
 */
#ifndef RS_INTAKE_CV_H
#define RS_INTAKE_CV_H

#include <jansson.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/model.h"

/* A CV larger than this is refused unread (8 MiB): a real one is far smaller. */
#define RS_CV_MAX (8u << 20)

/* Is `data` a JSON Resume: one JSON object with a "basics" object? A .json
 * file that is not is read as JSON Lines. */
int rs_cv_is_json_resume(const char *data, size_t len);

/* The id of the expert a CV file stands for: its base name without the
 * extension ("cvs/benedita-lobo.xml" gives "benedita-lobo"), into out.
 * 0, or -1 when that is not a valid id (the problem, which suggests --id,
 * goes to d as the file's). */
int rs_cv_id_from_name(const char *path, char out[RS_ID_MAX + 1], rs_diag *d);

/* What rs_cv_read made of a CV. */
typedef enum {
    RS_CV_UNREADABLE = -1, /* not a CV it reads (not XML, another root, too big) */
    RS_CV_BAD = 0,         /* a CV, but it gives no valid record (no name, ...) */
    RS_CV_RECORD = 1       /* *out holds the record */
} rs_cv_result;

/* Read one CV, told by its content (XML or a JSON object), named `file` in
 * problems, as the expert `id`. On RS_CV_RECORD *out is a new object the
 * caller owns; otherwise *out is NULL and the errors are in d. Warnings
 * (what is not kept) go to d in every case. */
rs_cv_result rs_cv_read(const char *data, size_t len, const char *file, const char *id,
                        json_t **out, rs_diag *d);

#endif

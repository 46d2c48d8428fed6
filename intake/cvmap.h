/*
 * What the CV readers of intake/ share, and only they include: the record
 * being built (rs_cv) with the rules every format maps through (countries,
 * languages and levels, dates, one-line and free text, HTML), and a small
 * face over libxml2 for the two Europass readers.
 *
 * libxml2's node type is only named here (struct _xmlNode), never defined,
 * so this header needs no libxml2 flags either.
 */
#ifndef RS_INTAKE_CVMAP_H
#define RS_INTAKE_CVMAP_H

#include <jansson.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/model.h"
#include "intake/cv.h"

/* ---- the record being built ---- */

typedef struct {
    const char *file;   /* named in problems */
    rs_diag *d;
    char *id, *name, *employer, *summary; /* summary: paragraphs, a blank line apart */
    char gender[2], residence[3], cv_lang[3];
    json_t *nationalities, *languages, *experience, *education;
    int errors;         /* errors said: the CV gives no record */
    int nomem;
} rs_cv;

/* Start a record for expert `id`. */
void rs_cv_begin(rs_cv *cv, const char *file, const char *id, rs_diag *d);
/* The record, or an error result; frees what the builder holds. On
 * RS_CV_RECORD *out is the caller's. Missing name or nationality is said
 * here, at `line`, so every format tells it the same way. */
rs_cv_result rs_cv_finish(rs_cv *cv, long line, const char *how_nationality, json_t **out);

void rs_cv_warn(rs_cv *cv, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rs_cv_error(rs_cv *cv, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A value quoted in a message: at most RS_CV_SHOW - 4 bytes of it, cut on a
 * character's boundary, "..." after a cut. */
#define RS_CV_SHOW 64
const char *rs_cv_show(char buf[RS_CV_SHOW], const char *s);

/* "Given Family", each part one line; nothing when both are empty. */
void rs_cv_name(rs_cv *cv, const char *given, const char *family);
/* A nationality given as a code (EL, UK too) or a country's name in
 * English, French, Spanish or Portuguese; what is no country is a warning. */
void rs_cv_nationality(rs_cv *cv, long line, const char *field, const char *code_or_name);
/* The country of residence, likewise; the first one given is kept. */
void rs_cv_residence(rs_cv *cv, long line, const char *field, const char *code_or_name);
/* "F", "M" or "X". */
void rs_cv_gender(rs_cv *cv, const char *code);
/* The language of the CV's texts, when a valid ISO 639-1 code. */
void rs_cv_lang(rs_cv *cv, const char *code);
/* A paragraph of the summary (free text; NULL or blank adds nothing). */
void rs_cv_summary(rs_cv *cv, const char *text);

/* A language: a code (ISO 639-1, an ISO 639-2 three-letter code, the end
 * of a Publications Office URI) or a name; level a CEFR level or native.
 * A language given twice keeps native, else the first, with a warning. */
void rs_cv_language(rs_cv *cv, long line, const char *field, const char *code_or_name,
                    rs_cefr level);

/* The lowest of a foreign language's CEFR sub-skills, gathered one by one. */
typedef struct {
    rs_cefr lowest; /* RS_CEFR_NONE until a level is given */
    int bad;        /* a sub-skill was not A1..C2 (said as an error) */
} rs_cv_levels;
/* Take one sub-skill's level ("B2"); NULL or blank is a sub-skill not given. */
void rs_cv_levels_add(rs_cv *cv, rs_cv_levels *lv, long line, const char *field,
                      const char *level);

/* A date as CVs write it: "2019", "2019-03", "2019-03-15" (a time after it
 * ignored), or year, month and day apart. Written as the record's
 * "YYYY-MM" or "YYYY-MM-DD" into out; a year alone stands for its first
 * month, or its last when end is set (a period's end). 0, or -1. */
int rs_cv_date(const char *s, int end, char out[11]);
int rs_cv_date_parts(const char *year, const char *month, const char *day, int end, char out[11]);

/* One job. from/to as rs_cv_date gives them ("" when unknown); no `to` is
 * a current job. A job without a start date cannot be kept (warning). */
typedef struct {
    const char *from, *to;
    const char *employer, *role, *country, *text;
} rs_cv_job;
void rs_cv_experience(rs_cv *cv, long line, const char *field, const rs_cv_job *job);
/* One course: year 0 when unknown. One with neither degree, field nor
 * institution says nothing worth keeping (warning). */
void rs_cv_education(rs_cv *cv, long line, long year, const char *degree, const char *field,
                     const char *institution);

/* Plain text of escaped HTML as CV editors write it: tags dropped (a block
 * ends a line), the usual entities decoded, blank runs folded. malloc'd, or
 * NULL when out of memory. */
char *rs_cv_plain(const char *html);

/* ---- XML, through libxml2 ---- */

struct _xmlDoc;
struct _xmlNode;
typedef struct _xmlNode rs_xnode;

/* Parse a CV's XML safely: no network, no DTD (a DOCTYPE is refused, so no
 * entity is declared, expanded or fetched), UTF-8, at most RS_XML_DEPTH
 * elements deep. NULL when refused, the reason in d as the file's. */
#define RS_XML_DEPTH 64
struct _xmlDoc *rs_xml_parse(const char *data, size_t len, const char *file, rs_diag *d);
void rs_xml_free(struct _xmlDoc *doc);
rs_xnode *rs_xml_root(struct _xmlDoc *doc);
/* An element's local name (no prefix). */
const char *rs_xml_name(const rs_xnode *n);
long rs_xml_line(const rs_xnode *n);
/* The first element child named `name` (local name), or NULL; then the next
 * sibling of that name. */
rs_xnode *rs_xml_child(const rs_xnode *n, const char *name);
rs_xnode *rs_xml_next(const rs_xnode *n, const char *name);
/* The element at a path of local names below n ("Period/From"), or NULL. */
rs_xnode *rs_xml_at(const rs_xnode *n, const char *path);
/* The text below an element (text and CDATA, trimmed), malloc'd; NULL
 * when there is none or no element. */
char *rs_xml_text(const rs_xnode *n);
char *rs_xml_text_at(const rs_xnode *n, const char *path);
/* The escaped HTML at path below n as plain text (rs_cv_plain), malloc'd;
 * NULL when there is none, or out of memory (then noted on cv). */
char *rs_xml_plain_at(rs_cv *cv, const rs_xnode *n, const char *path);
/* An attribute's value, malloc'd, or NULL. */
char *rs_xml_attr(const rs_xnode *n, const char *name);
/* Warn, as "<prefix>/<child>: not kept", of each child element holding text
 * or attributes whose name is neither in `kept` (mapped) nor in `quiet` (metadata, not
 * the expert's: left without a word). Both lists end with NULL. */
void rs_xml_not_kept(rs_cv *cv, const rs_xnode *n, const char *prefix,
                     const char *const *kept, const char *const *quiet);

/* ---- the formats ---- */

/* Each fills cv from its document; the root is already known to be theirs. */
void rs_europass_v3(rs_cv *cv, const rs_xnode *root);
void rs_europass_candidate(rs_cv *cv, const rs_xnode *root);
/* A JSON Resume object. */
void rs_json_resume(rs_cv *cv, json_t *resume);

#endif

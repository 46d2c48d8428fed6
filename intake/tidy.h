/*
 * What the document readers of intake/ share: the text being built, with
 * its whitespace tidied as it comes, and the one way they report a failure.
 *
 * Every reader hands its pieces to an rs_tidy: runs of spaces, tabs and
 * control characters become one space, a line break is kept, two or more
 * make a paragraph break (one blank line), and whitespace at the start, at
 * the end and around breaks is dropped. The text never grows past
 * RS_DOC_TEXT_MAX. The readers' own functions are declared here too, so
 * doctext.c dispatches to them and the fuzz targets reach the XML walkers.
 */
#ifndef RS_TIDY_H
#define RS_TIDY_H

#include <stdarg.h>
#include <stddef.h>

#include "intake/doctext.h"

typedef struct {
    char *buf;
    size_t len, cap;
    int breaks;     /* pending: 0 none, 1 line break, 2 paragraph break */
    int space;      /* pending: a space */
    int full;       /* text went past RS_DOC_TEXT_MAX */
    int nomem;
} rs_tidy;

/* Append [s, s + n); '\n' is a line break (two of them, with nothing but
 * whitespace between, a paragraph break), other whitespace a space. */
void rs_tidy_add(rs_tidy *t, const char *s, size_t n);
void rs_tidy_space(rs_tidy *t);
/* At least a line break here (breaks asked for together do not add up). */
void rs_tidy_line(rs_tidy *t);
void rs_tidy_paragraph(rs_tidy *t);
/* Whether the text has reached its limit (or memory ran out): reading can stop. */
int rs_tidy_stop(const rs_tidy *t);
/* The text in NFC into *text and *len, t emptied. RS_ERR_INPUT when there is
 * none, or it is too long, or not UTF-8 (`what` names the document's kind
 * in the message). */
rs_status rs_tidy_finish(rs_tidy *t, const char *what, char **text, size_t *len, char **err);
void rs_tidy_free(rs_tidy *t);

/* *err = the message; returns RS_ERR_INPUT (RS_ERR_NOMEM when the message
 * cannot be made). */
rs_status rs_doc_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
rs_status rs_doc_nomem(char **err);

/* Whether [data, data + len) is UTF-8 text with no NUL: RS_OK, and *from
 * past its byte order mark, or RS_ERR_INPUT naming the first bad byte's
 * offset (or UTF-16). */
rs_status rs_doc_utf8_check(const char *data, size_t len, size_t *from, char **err);

/* What a document's name says it is: its kind into *kind and, in words,
 * "a PDF", "a DOCX", "an ODT", "a Markdown file" or "a text file" (.txt,
 * .text, no extension, "-"); NULL, *kind untouched, for an extension
 * that is no kind read. */
const char *rs_doc_claim(const char *name, rs_doc_kind *kind);

/* RS_ERR_INPUT when the bytes are a kind of file with a signature that is
 * not read (an image, an old Office file, RTF, an archive), the message
 * naming it against what `name` claims and saying what to do ("this is a
 * PNG image, not a PDF: …"); RS_OK when they are none of those. */
rs_status rs_doc_sniff(const char *name, const unsigned char *d, size_t len, char **err);

/* The readers, each into t (which the caller frees). */
rs_status rs_doc_plain(const char *data, size_t len, rs_tidy *t, char **err);
rs_status rs_doc_markdown(const char *data, size_t len, rs_tidy *t, char **err);
rs_status rs_doc_pdf(const void *data, size_t len, rs_tidy *t, char **err);
/* A zip archive: DOCX or ODT by its entries; `name` the document's, whose
 * kind (rs_doc_claim) names what is missing when it is neither. */
rs_status rs_doc_zip(const void *data, size_t len, const char *name, rs_doc_kind *kind,
                     rs_tidy *t, char **err);
/* The XML of a DOCX's word/document.xml and of an ODT's content.xml. */
rs_status rs_doc_docx_xml(const char *xml, size_t len, rs_tidy *t, char **err);
rs_status rs_doc_odt_xml(const char *xml, size_t len, rs_tidy *t, char **err);

#endif

/*
 * A request document's plain text: the terms of reference staff receive as
 * .txt, .md, .pdf, .docx or .odt, read from memory into UTF-8 text in NFC,
 * its paragraphs separated by a blank line, its whitespace tidied, so the
 * request's draft is built from words alone.
 *
 * The kind is told by the content: "%PDF-" is a PDF, a zip archive holding
 * word/document.xml is a DOCX, one whose mimetype entry says
 * application/vnd.oasis.opendocument.text is an ODT. Only text, which has no
 * signature, is told by the name: ".txt", ".md" or ".markdown" (Markdown's
 * markup is dropped, its words kept), "-" (standard input) or a name with
 * no extension. A ".pdf" that is a zip is read as the zip it is. A file of
 * a kind not read is refused for what it is ("this is a PNG image, not a
 * PDF", "this is a Word 97–2003 .doc file": intake/sniff.c), and text
 * named as a PDF, DOCX or ODT is said to be text.
 *
 * Every document is bounded, since it comes from outside: RS_DOC_INPUT_MAX
 * bytes read, RS_DOC_PAGES_MAX pages of a PDF (the pages after it are not
 * read), RS_DOC_TEXT_MAX bytes of text, and for DOCX and ODT the zip limits
 * below, checked on the sizes the archive declares and again on the bytes
 * it really inflates to.
 *
 * Plain C: no glib or libxml2 type crosses this header. Safe to call from
 * several threads at once.
 */
#ifndef RS_DOCTEXT_H
#define RS_DOCTEXT_H

#include <stddef.h>

#include "lib/roster.h"

#define RS_DOC_INPUT_MAX (50u << 20)    /* a document: 50 MiB */
#define RS_DOC_TEXT_MAX (4u << 20)      /* its text: 4 MiB */
#define RS_DOC_PAGES_MAX 300            /* pages of a PDF read */
#define RS_DOC_ZIP_ENTRIES_MAX 10000    /* entries of a DOCX or ODT */
#define RS_DOC_ZIP_ENTRY_MAX (32u << 20) /* one entry, uncompressed: 32 MiB */
/* Uncompressed bytes per compressed byte, checked on entries past 1 MiB:
 * XML deflates 5 to 30 times, a zip bomb thousands. */
#define RS_DOC_ZIP_RATIO_MAX 200
#define RS_DOC_XML_DEPTH_MAX 200        /* nesting of XML elements */

typedef enum {
    RS_DOC_PLAIN,    /* UTF-8 text */
    RS_DOC_MARKDOWN,
    RS_DOC_PDF,
    RS_DOC_DOCX,
    RS_DOC_ODT
} rs_doc_kind;

/* "text", "Markdown", "PDF", "DOCX", "ODT". */
const char *rs_doc_kind_name(rs_doc_kind kind);

/* The text of the document `name` (a file name or "-", used for its
 * extension only) whose bytes are [data, data + len).
 *
 * RS_OK: *text is the malloc'd text, NUL-terminated, *text_len its length
 * (never 0), and *kind (when kind is not NULL) the kind read.
 * RS_ERR_INPUT: the document cannot be read; *err is a malloc'd message
 * saying why in a user's words, without the file's name (the caller puts
 * "FILE: " before it), e.g. "encrypted, a password is needed".
 * RS_ERR_NOMEM: memory ran out; *err is a message or NULL.
 * On failure *text is NULL; on success *err is NULL. */
rs_status rs_doc_text(const char *name, const void *data, size_t len, char **text,
                      size_t *text_len, rs_doc_kind *kind, char **err);

#endif

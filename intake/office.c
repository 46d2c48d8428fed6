/*
 * The text of a DOCX's word/document.xml and of an ODT's content.xml,
 * streamed through libxml2's xmlReader (no tree: memory stays that of one
 * node). The XML comes from outside, so the parser reaches no network
 * (XML_PARSE_NONET), substitutes no entity and loads no DTD (neither
 * XML_PARSE_NOENT nor XML_PARSE_DTDLOAD), a document with a DTD is refused
 * (neither format has one, and a DTD's entities are how XML bombs work),
 * and nesting is bounded by RS_DOC_XML_DEPTH_MAX.
 *
 * A paragraph (w:p, text:p, text:h) ends in a paragraph break; in a table a
 * cell's paragraphs join with spaces, its cells too, and each row is a line.
 * libxml2 is loaded by the first document read (libxml.h).
 */
#include <stdlib.h>
#include <string.h>

#include "intake/libxml.h"
#include "intake/tidy.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

typedef struct {
    rs_tidy *t;
    char *error;  /* libxml2's first message */
    int in_text;  /* inside the text proper: a DOCX's w:t, an ODT's office:text */
    int tables;   /* tables the node is in */
} walk;

/* One node: returns 1 to skip its subtree. */
typedef int (*visit_fn)(walk *w, xmlTextReaderPtr r, int type);

static void keep_error(void *arg, xmlErrorPtr e)
{
    walk *w = arg;
    if (w->error || !e || !e->message)
        return;
    w->error = strdup(e->message);
    size_t n = w->error ? strlen(w->error) : 0;
    while (n && (w->error[n - 1] == '\n' || w->error[n - 1] == ' '))
        w->error[--n] = '\0';
}

static int in_ns(xmlTextReaderPtr r, const char *ns)
{
    const xmlChar *uri = xl.TextReaderConstNamespaceUri(r);
    return uri && !strcmp((const char *)uri, ns);
}

static int named(xmlTextReaderPtr r, const char *name)
{
    return !strcmp((const char *)xl.TextReaderConstLocalName(r), name);
}

static int is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static void add_value(walk *w, xmlTextReaderPtr r)
{
    const char *v = (const char *)xl.TextReaderConstValue(r);
    if (v)
        rs_tidy_add(w->t, v, strlen(v));
}

/* Where an element ends: its end tag, or itself when empty. */
static int ends(xmlTextReaderPtr r, int type)
{
    return type == XML_READER_TYPE_END_ELEMENT ||
           (type == XML_READER_TYPE_ELEMENT && xl.TextReaderIsEmptyElement(r));
}

static int opens(xmlTextReaderPtr r, int type)
{
    return type == XML_READER_TYPE_ELEMENT && !xl.TextReaderIsEmptyElement(r);
}

/* A paragraph's end: a break, or a space between a table cell's paragraphs. */
static void paragraph_end(walk *w)
{
    if (w->tables)
        rs_tidy_space(w->t);
    else
        rs_tidy_paragraph(w->t);
}

/* Tables, rows and cells, named alike in both formats. */
static void table_node(walk *w, xmlTextReaderPtr r, int type)
{
    if (named(r, "tbl") || named(r, "table")) {
        if (opens(r, type))
            w->tables++;
        else if (type == XML_READER_TYPE_END_ELEMENT && w->tables > 0) {
            w->tables--;
            rs_tidy_paragraph(w->t);
        }
    } else if (ends(r, type) && (named(r, "tc") || named(r, "table-cell")))
        rs_tidy_space(w->t);
    else if (ends(r, type) && (named(r, "tr") || named(r, "table-row")))
        rs_tidy_line(w->t);
}

static int docx_node(walk *w, xmlTextReaderPtr r, int type)
{
    if (is_text(type)) {
        if (w->in_text)
            add_value(w, r);
        return 0;
    }
    if (type == XML_READER_TYPE_ELEMENT && in_ns(r, MC_NS) && named(r, "Fallback"))
        return 1; /* the same content again, for older readers */
    if (!in_ns(r, W_NS) && !in_ns(r, W_STRICT_NS))
        return 0;
    if (named(r, "t"))
        w->in_text = opens(r, type); /* not w:delText (deleted), nor w:instrText (fields) */
    else if (type == XML_READER_TYPE_ELEMENT && (named(r, "tab") || named(r, "ptab")))
        rs_tidy_space(w->t);
    else if (type == XML_READER_TYPE_ELEMENT && (named(r, "br") || named(r, "cr")))
        rs_tidy_line(w->t);
    else if (ends(r, type) && named(r, "p"))
        paragraph_end(w);
    else
        table_node(w, r, type);
    return 0;
}

static int odt_text_node(walk *w, xmlTextReaderPtr r, int type)
{
    if (type == XML_READER_TYPE_ELEMENT && named(r, "tracked-changes"))
        return 1; /* deleted text, kept for the record of changes */
    if (type == XML_READER_TYPE_ELEMENT && (named(r, "s") || named(r, "tab")))
        rs_tidy_space(w->t);
    else if (type == XML_READER_TYPE_ELEMENT && named(r, "line-break"))
        rs_tidy_line(w->t);
    else if (ends(r, type) && (named(r, "p") || named(r, "h")))
        paragraph_end(w);
    else if (ends(r, type) && named(r, "list-item"))
        rs_tidy_paragraph(w->t);
    return 0;
}

static int odt_node(walk *w, xmlTextReaderPtr r, int type)
{
    if (is_text(type)) {
        if (w->in_text)
            add_value(w, r);
        return 0;
    }
    if (in_ns(r, OFFICE_NS)) {
        if (named(r, "annotation"))
            return type == XML_READER_TYPE_ELEMENT; /* a comment, not the request */
        if (named(r, "text"))
            w->in_text = opens(r, type);
        return 0;
    }
    if (!w->in_text)
        return 0;
    if (in_ns(r, TEXT_NS))
        return odt_text_node(w, r, type);
    if (in_ns(r, TABLE_NS))
        table_node(w, r, type);
    return 0;
}

/* Stream xml through visit; `what` names the document in messages. */
static rs_status walk_xml(const char *xml, size_t len, const char *what, visit_fn visit,
                          rs_tidy *t, char **err)
{
    const char *unusable = rs_libxml_load();
    if (unusable) {
        rs_doc_fail(err, "cannot read the %s's XML: %s", what, unusable);
        return *err ? RS_ERR_IO : RS_ERR_NOMEM;
    }
    xmlTextReaderPtr r = xl.ReaderForMemory(xml, (int)len, NULL, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                XML_PARSE_NOWARNING);
    if (!r)
        return rs_doc_nomem(err);
    walk w = {.t = t};
    xl.TextReaderSetStructuredErrorHandler(r, keep_error, &w);
    rs_status st = RS_OK;
    int rc = xl.TextReaderRead(r);
    while (rc == 1 && st == RS_OK && !rs_tidy_stop(t)) {
        int type = xl.TextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            st = rs_doc_fail(err, "the %s's XML declares a DTD, which it never has", what);
        else if (xl.TextReaderDepth(r) > RS_DOC_XML_DEPTH_MAX)
            st = rs_doc_fail(err, "the %s's XML nests more than %d deep", what,
                             RS_DOC_XML_DEPTH_MAX);
        else
            rc = visit(&w, r, type) ? xl.TextReaderNext(r) : xl.TextReaderRead(r);
    }
    if (st == RS_OK && rc < 0)
        st = rs_doc_fail(err, "the %s's XML is damaged: %s", what,
                         w.error ? w.error : "libxml2 gives no reason");
    xl.FreeTextReader(r);
    free(w.error);
    return st;
}

rs_status rs_doc_docx_xml(const char *xml, size_t len, rs_tidy *t, char **err)
{
    return walk_xml(xml, len, "DOCX", docx_node, t, err);
}

rs_status rs_doc_odt_xml(const char *xml, size_t len, rs_tidy *t, char **err)
{
    return walk_xml(xml, len, "ODT", odt_node, t, err);
}

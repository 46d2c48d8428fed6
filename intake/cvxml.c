/*
 * Reading a CV's XML through libxml2, safely, and the few ways the Europass
 * readers walk it (intake/cvmap.h).
 *
 * A CV comes from outside: the parse fetches nothing from the network,
 * refuses a DOCTYPE before libxml2 sees the text (so no entity can be
 * declared, and none expanded without bound or read from a file), reads
 * UTF-8 only (a byte scan for the DOCTYPE is then exact), and refuses
 * elements nested deeper than RS_XML_DEPTH, so every walk below is bounded.
 * Elements are matched by local name: Europass files put them in a default
 * namespace or behind prefixes (hr:, oa:, eures:) as their writer chose.
 * XML that is not well formed is said at the line of its first fault, in
 * words a person who edited the file by hand can act on, not libxml2's.
 * libxml2 is loaded by the first parse (libxml.h).
 */
#include "intake/cvmap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "intake/libxml.h"

/* Does the text hold a document type declaration? */
static int has_doctype(const char *data, size_t len)
{
    static const char mark[] = "<!DOCTYPE";
    const char *end = data + len;
    for (const char *p = memchr(data, '<', len); p; p = memchr(p + 1, '<', (size_t)(end - p - 1)))
        if ((size_t)(end - p) >= sizeof mark - 1 && memcmp(p, mark, sizeof mark - 1) == 0)
            return 1;
    return 0;
}

/* The first element at n or after it among its siblings, or NULL. */
static xmlNode *element_at(xmlNode *n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

/* How deep the elements go, walked without recursion. */
static int depth_of(xmlNode *root)
{
    int depth = 1, max = 1;
    xmlNode *n = root;
    for (;;) {
        xmlNode *child = element_at(n->children);
        if (child) {
            n = child;
            if (++depth > max)
                max = depth;
            continue;
        }
        while (n != root && !element_at(n->next)) {
            n = n->parent;
            depth--;
        }
        if (n == root)
            return max;
        n = element_at(n->next);
    }
}

/* libxml2's own words, as one line of printable ASCII: it quotes the
 * input's bytes, which need not be UTF-8. */
static void libxml_words(const xmlError *e, char *out, size_t n)
{
    snprintf(out, n, "%s", e->message ? e->message : "it cannot be parsed");
    out[strcspn(out, "\n")] = '\0';
    for (char *p = out; *p; p++)
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
            *p = '?';
}

/* A byte or a character XML does not take, in words. */
static void bad_character(const xmlError *e, char *out, size_t n)
{
    const char *bytes = e->str1 ? strstr(e->str1, "0x") : NULL;
    if (e->message && strstr(e->message, "UTF-8"))
        snprintf(out, n, "a byte that is not UTF-8 (%.4s): save the CV as UTF-8",
                 bytes ? bytes : "?");
    else
        snprintf(out, n, "a character XML does not allow (U+%04X): remove it", (unsigned)e->int1);
}

/* A '<' or '&' that starts no name, told by libxml2's words. */
static void name_missing(const xmlError *e, char *out, size_t n)
{
    const char *m = e->message ? e->message : "";
    if (strstr(m, "EntityRef"))
        snprintf(out, n, "a bare '&': write it &amp;");
    else if (strstr(m, "attribute name"))
        snprintf(out, n, "a tag without its closing '>'");
    else
        snprintf(out, n, "a '<' that starts no element: in text, write it &lt;");
}

/* Tags that do not pair or end: a hand-edited or cut-off file. 0 when
 * the error is of another kind. */
static int tag_words(const xmlError *e, char *out, size_t n)
{
    const char *a = e->str1 ? e->str1 : "?", *b = e->str2 ? e->str2 : "?";
    if (e->code == XML_ERR_TAG_NAME_MISMATCH)
        snprintf(out, n, "<%s>, opened on line %d, is closed by </%s>", a, e->int1, b);
    else if (e->code == XML_ERR_TAG_NOT_FINISHED)
        snprintf(out, n, "the file ends before <%s>, opened on line %d, is closed: is it cut "
                         "short?", a, e->int1);
    else if (e->code == XML_ERR_GT_REQUIRED)
        snprintf(out, n, "the tag <%s> has no closing '>'", a);
    else if (e->code == XML_ERR_DOCUMENT_END)
        snprintf(out, n, "more after the CV's last closing tag: a CV is one element");
    else if (e->code == XML_ERR_RESERVED_XML_NAME)
        snprintf(out, n, "the <?xml ...?> line is not the file's first: nothing may come "
                         "before it");
    else
        return 0;
    return 1;
}

/* Attributes, entities and characters. 0 when the error is of another kind. */
static int text_words(const xmlError *e, char *out, size_t n)
{
    const char *a = e->str1 ? e->str1 : "?";
    if (e->code == XML_ERR_ATTRIBUTE_NOT_STARTED)
        snprintf(out, n, "an attribute's value without quotes: write it name=\"value\"");
    else if (e->code == XML_ERR_ATTRIBUTE_REDEFINED)
        snprintf(out, n, "attribute %s given twice in one tag", a);
    else if (e->code == XML_ERR_LT_IN_ATTRIBUTE)
        snprintf(out, n, "a '<' in an attribute's value: write it &lt;");
    else if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
        snprintf(out, n, "&%s; is no XML entity: write the character itself", a);
    else if (e->code == XML_ERR_ENTITYREF_SEMICOL_MISSING)
        snprintf(out, n, "an '&' without its ';': a bare '&' is written &amp;");
    else if (e->code == XML_ERR_NAME_REQUIRED)
        name_missing(e, out, n);
    else if (e->code == XML_ERR_INVALID_CHAR)
        bad_character(e, out, n);
    else
        return 0;
    return 1;
}

/* What is wrong with a CV's XML in a person's words: the errors a
 * hand-edited or cut-off file has; libxml2's own for the rare others. */
static void plain_words(const xmlError *e, char *out, size_t n)
{
    char what[200];
    if (e->code == XML_ERR_DOCUMENT_EMPTY) {
        snprintf(out, n, "not XML: no element (an XML CV starts with '<')");
        return;
    }
    if (!tag_words(e, what, sizeof what) && !text_words(e, what, sizeof what))
        libxml_words(e, what, sizeof what);
    snprintf(out, n, "damaged XML: %s", what);
}

/* The parse's first fatal error: the ones after it follow from it (an
 * attribute without quotes is also "extra content at the end"). The
 * context's _private holds where it is kept. */
static void keep_first(void *ctx, xmlErrorPtr e)
{
    xmlError *first = ((xmlParserCtxt *)ctx)->_private;
    if (e && e->level == XML_ERR_FATAL && first->code == XML_ERR_OK)
        xl.CopyError(e, first);
}

/* Why the parse failed, "file:line: what is wrong" in plain words. */
static void parse_failed(xmlParserCtxt *ctxt, const xmlError *first, const char *file,
                         rs_diag *d)
{
    const xmlError *e = first->code != XML_ERR_OK ? first : xl.CtxtGetLastError(ctxt);
    char msg[256] = "not XML: it cannot be parsed";
    if (e && e->code != XML_ERR_OK)
        plain_words(e, msg, sizeof msg);
    rs_diag_add(d, RS_ERROR, file, e ? e->line : 0, "", "%s", msg);
}

struct _xmlDoc *rs_xml_parse(const char *data, size_t len, const char *file, rs_diag *d)
{
    if (has_doctype(data, len)) {
        rs_diag_add(d, RS_ERROR, file, 0, "",
                    "a CV with a DOCTYPE is refused (its entities could read files or grow "
                    "without bound); Europass files have none");
        return NULL;
    }
    if (len > (size_t)INT_MAX) { /* libxml2 takes an int; rs_cv_read stops far below */
        rs_diag_add(d, RS_ERROR, file, 0, "", "too large to parse");
        return NULL;
    }
    const char *unusable = rs_libxml_load();
    if (unusable) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "cannot read XML: %s", unusable);
        return NULL;
    }
    xmlParserCtxt *ctxt = xl.NewParserCtxt();
    if (!ctxt) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "out of memory");
        return NULL;
    }
    xmlError first = {0};
    ctxt->_private = &first;
    ctxt->sax->serror = keep_first; /* called with the context as its data */
    /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: nothing substituted or
     * loaded, libxml2's own limits kept. */
    xmlDoc *doc = xl.CtxtReadMemory(ctxt, data, (int)len, file, "UTF-8",
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA);
    if (!doc || !xl.DocGetRootElement(doc)) {
        parse_failed(ctxt, &first, file, d);
        xl.FreeDoc(doc);
        doc = NULL;
    } else if (doc->intSubset || doc->extSubset) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "a CV with a DOCTYPE is refused");
        xl.FreeDoc(doc);
        doc = NULL;
    } else if (depth_of(xl.DocGetRootElement(doc)) > RS_XML_DEPTH) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "elements nested deeper than %d: not a CV",
                    RS_XML_DEPTH);
        xl.FreeDoc(doc);
        doc = NULL;
    }
    xl.ResetError(&first);
    xl.FreeParserCtxt(ctxt);
    return doc;
}

void rs_xml_free(struct _xmlDoc *doc)
{
    if (doc) /* none parsed, libxml2 may not be loaded */
        xl.FreeDoc(doc);
}

rs_xnode *rs_xml_root(struct _xmlDoc *doc)
{
    return xl.DocGetRootElement(doc);
}

const char *rs_xml_name(const rs_xnode *n)
{
    return (const char *)n->name;
}

long rs_xml_line(const rs_xnode *n)
{
    return n ? xl.GetLineNo(n) : 0;
}

/* n itself or its next sibling that is an element named `name`. */
static rs_xnode *element_from(const xmlNode *n, const char *name)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return (rs_xnode *)n;
    return NULL;
}

rs_xnode *rs_xml_child(const rs_xnode *n, const char *name)
{
    return n ? element_from(n->children, name) : NULL;
}

rs_xnode *rs_xml_next(const rs_xnode *n, const char *name)
{
    return n ? element_from(n->next, name) : NULL;
}

rs_xnode *rs_xml_at(const rs_xnode *n, const char *path)
{
    char part[64];
    while (n && *path) {
        size_t len = strcspn(path, "/");
        if (len >= sizeof part)
            return NULL;
        memcpy(part, path, len);
        part[len] = '\0';
        n = rs_xml_child(n, part);
        path += len + (path[len] == '/');
    }
    return (rs_xnode *)n;
}

/* Append the text below n; depth is bounded by the parse. */
static void gather(const xmlNode *n, xmlBuffer *buf)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            xl.BufferCat(buf, c->content);
        else if (c->type == XML_ELEMENT_NODE)
            gather(c, buf);
    }
}

/* A malloc'd copy of s trimmed, or NULL when blank. */
static char *trimmed_copy(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
                   s[len - 1] == '\n'))
        len--;
    return len ? strndup(s, len) : NULL;
}

char *rs_xml_text(const rs_xnode *n)
{
    if (!n)
        return NULL;
    xmlBuffer *buf = xl.BufferCreate();
    if (!buf)
        return NULL;
    gather(n, buf);
    const xmlChar *s = xl.BufferContent(buf);
    char *out = s ? trimmed_copy((const char *)s) : NULL;
    xl.BufferFree(buf);
    return out;
}

char *rs_xml_text_at(const rs_xnode *n, const char *path)
{
    return rs_xml_text(rs_xml_at(n, path));
}

char *rs_xml_plain_at(rs_cv *cv, const rs_xnode *n, const char *path)
{
    char *html = rs_xml_text_at(n, path);
    char *text = html ? rs_cv_plain(html) : NULL;
    if (html && !text)
        cv->nomem = 1;
    free(html);
    return text;
}

char *rs_xml_attr(const rs_xnode *n, const char *name)
{
    xmlChar *v = n ? xl.GetProp(n, (const xmlChar *)name) : NULL;
    char *out = v ? trimmed_copy((const char *)v) : NULL;
    if (v)
        (*xl.Free)(v);
    return out;
}

static int listed(const char *name, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

void rs_xml_not_kept(rs_cv *cv, const rs_xnode *n, const char *prefix,
                     const char *const *kept, const char *const *quiet)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || listed((const char *)c->name, kept) ||
            listed((const char *)c->name, quiet))
            continue;
        char *text = rs_xml_text(c);
        if (text || c->properties)
            rs_cv_warn(cv, xl.GetLineNo(c), "", "%s/%s: not kept", prefix, (const char *)c->name);
        free(text);
    }
}

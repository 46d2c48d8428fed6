/*
 * A document's kind, told by its content (and by its name for text alone),
 * and its plain text through the reader of that kind. Plain text is read
 * here: it must be UTF-8, since a guess at another encoding would put wrong
 * letters in a request without a word said.
 */
#include "intake/doctext.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/text.h"
#include "intake/tidy.h"

const char *rs_doc_kind_name(rs_doc_kind kind)
{
    switch (kind) {
    case RS_DOC_PLAIN: return "text";
    case RS_DOC_MARKDOWN: return "Markdown";
    case RS_DOC_PDF: return "PDF";
    case RS_DOC_DOCX: return "DOCX";
    case RS_DOC_ODT: return "ODT";
    }
    return "document";
}

/* The extension of name's last component without its dot, "" when none. */
static const char *extension(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

static int starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

/* "%PDF-" within the first KiB, where PDF readers look for it. */
static int is_pdf(const unsigned char *d, size_t len)
{
    size_t end = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= end; i++)
        if (memcmp(d + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

static int is_zip(const unsigned char *d, size_t len)
{
    return starts(d, len, "PK\3\4", 4) || starts(d, len, "PK\5\6", 4);
}

rs_status rs_doc_utf8_check(const char *data, size_t len, size_t *from, char **err)
{
    const unsigned char *d = (const unsigned char *)data;
    if (starts(d, len, "\xff\xfe", 2) || starts(d, len, "\xfe\xff", 2))
        return rs_doc_fail(err, "UTF-16 text (it starts with a UTF-16 byte order mark): "
                                "save it as UTF-8");
    *from = starts(d, len, "\xef\xbb\xbf", 3) ? 3 : 0;
    for (size_t i = *from; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(d + i, (utf8proc_ssize_t)(len - i), &c);
        if (n < 0)
            return rs_doc_fail(err, "not valid UTF-8 at byte offset %zu: save it as UTF-8", i);
        if (c == 0)
            return rs_doc_fail(err, "a NUL byte at byte offset %zu: not a text file", i);
        i += (size_t)n;
    }
    return RS_OK;
}

rs_status rs_doc_plain(const char *data, size_t len, rs_tidy *t, char **err)
{
    size_t from;
    rs_status st = rs_doc_utf8_check(data, len, &from, err);
    if (st == RS_OK)
        rs_tidy_add(t, data + from, len - from);
    return st;
}

/* What the name says: each extension read, its kind and its words. */
static const struct {
    const char *ext;
    rs_doc_kind kind;
    const char *what;
} claims[] = {
    {"pdf", RS_DOC_PDF, "a PDF"},
    {"docx", RS_DOC_DOCX, "a DOCX"},
    {"odt", RS_DOC_ODT, "an ODT"},
    {"md", RS_DOC_MARKDOWN, "a Markdown file"},
    {"markdown", RS_DOC_MARKDOWN, "a Markdown file"},
    {"txt", RS_DOC_PLAIN, "a text file"},
    {"text", RS_DOC_PLAIN, "a text file"},
    {"", RS_DOC_PLAIN, "a text file"},
};

const char *rs_doc_claim(const char *name, rs_doc_kind *kind)
{
    const char *ext = extension(name);
    for (size_t i = 0; i < sizeof claims / sizeof *claims; i++)
        if (!strcasecmp(ext, claims[i].ext)) {
            *kind = claims[i].kind;
            return claims[i].what;
        }
    return NULL;
}

/* The kind of a document whose content has no signature we know: text,
 * when its name says so. A name that says PDF, DOCX or ODT is wrong, and
 * the message says what the file is when it is text. */
static rs_status kind_by_name(const char *name, const unsigned char *d, size_t len,
                              rs_doc_kind *kind, char **err)
{
    const char *claim = rs_doc_claim(name, kind);
    if (!claim)
        return rs_doc_fail(err, "a .%s file, a kind not read: give a .txt, .md, .pdf, .docx "
                                "or .odt file", extension(name));
    if (*kind == RS_DOC_PLAIN || *kind == RS_DOC_MARKDOWN)
        return RS_OK;
    if (rs_utf8_valid((const char *)d, len) && !memchr(d, 0, len))
        return rs_doc_fail(err, "this is plain text, not %s: name it .txt to read it as text",
                           claim);
    if (*kind == RS_DOC_PDF)
        return rs_doc_fail(err, "not a PDF (a PDF starts with %%PDF-): a damaged file, or "
                                "another kind of file named .pdf");
    return rs_doc_fail(err, "not %s (%s is a zip archive): a damaged file, or another kind of "
                            "file named .%s", claim, claim, extension(name));
}

static rs_status read_kind(const char *name, const unsigned char *d, size_t len,
                           rs_doc_kind *kind, rs_tidy *t, char **err)
{
    if (is_pdf(d, len)) {
        *kind = RS_DOC_PDF;
        return rs_doc_pdf(d, len, t, err);
    }
    if (is_zip(d, len))
        return rs_doc_zip(d, len, name, kind, t, err);
    rs_status st = rs_doc_sniff(name, d, len, err);
    if (st == RS_OK)
        st = kind_by_name(name, d, len, kind, err);
    if (st != RS_OK)
        return st;
    if (*kind == RS_DOC_MARKDOWN)
        return rs_doc_markdown((const char *)d, len, t, err);
    return rs_doc_plain((const char *)d, len, t, err);
}

rs_status rs_doc_text(const char *name, const void *data, size_t len, char **text,
                      size_t *text_len, rs_doc_kind *kind, char **err)
{
    *text = NULL;
    *text_len = 0;
    *err = NULL;
    if (len == 0)
        return rs_doc_fail(err, "the file is empty");
    if (len > RS_DOC_INPUT_MAX)
        return rs_doc_fail(err, "larger than %u MiB, the limit", RS_DOC_INPUT_MAX >> 20);
    rs_tidy t = {0};
    rs_doc_kind k = RS_DOC_PLAIN;
    rs_status st = read_kind(name, data, len, &k, &t, err);
    if (st == RS_OK)
        st = rs_tidy_finish(&t, k == RS_DOC_PLAIN      ? "file"
                                : k == RS_DOC_MARKDOWN ? "Markdown file"
                                                       : rs_doc_kind_name(k),
                            text, text_len, err);
    rs_tidy_free(&t);
    if (st == RS_OK && kind)
        *kind = k;
    return st;
}

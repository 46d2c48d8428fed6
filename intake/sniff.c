/*
 * What a file that is no document roster reads looks like, told by its
 * first bytes, so that a refusal names it ("this is a PNG image, not a
 * PDF") and says what to do, rather than what the file lacks ("it does
 * not start with %PDF-"), which a person cannot act on. Only formats with
 * a signature are named: images a phone or a scanner makes, the old
 * Office files (a Word 97–2003 .doc, an Outlook message, a document
 * with a password), RTF and archives. Zip archives are named by zip.c,
 * which looks inside them.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "intake/tidy.h"

#define IMAGE "no text is read from an image (no OCR is done): give the document itself"
#define OFFICE "save it as .docx or PDF"
#define ARCHIVE "unpack it, and give the request document it holds"

typedef struct {
    const char *magic;
    size_t n, at;       /* magic's bytes, found at offset `at` */
    const char *what;   /* in words */
    const char *advice; /* what to do instead */
    int is_claim;       /* may be the kind its name says: not set against it */
} signature;

static const signature signatures[] = {
    {"\x89PNG\r\n\x1a\n", 8, 0, "a PNG image", IMAGE, 0},
    {"\xff\xd8\xff", 3, 0, "a JPEG image", IMAGE, 0},
    {"GIF87a", 6, 0, "a GIF image", IMAGE, 0},
    {"GIF89a", 6, 0, "a GIF image", IMAGE, 0},
    {"II*\0", 4, 0, "a TIFF image", IMAGE, 0},
    {"MM\0*", 4, 0, "a TIFF image", IMAGE, 0},
    {"WEBPVP8", 7, 8, "a WebP image", IMAGE, 0},
    {"ftypheic", 8, 4, "a HEIC image (a phone's photo)", IMAGE, 0},
    {"ftypheix", 8, 4, "a HEIC image (a phone's photo)", IMAGE, 0},
    {"ftypmif1", 8, 4, "a HEIC image (a phone's photo)", IMAGE, 0},
    {"{\\rtf", 5, 0, "an RTF document", OFFICE, 0},
    {"\x1f\x8b", 2, 0, "a gzip archive", ARCHIVE, 0},
    {"7z\xbc\xaf\x27\x1c", 6, 0, "a 7-Zip archive", ARCHIVE, 0},
    {"Rar!\x1a\x07", 6, 0, "a RAR archive", ARCHIVE, 0},
};

/* The old Office files share one container (OLE, "compound file"); the
 * name of a stream inside it, in UTF-16, tells which program wrote it.
 * The first found wins: a document with a password is a container holding
 * the encrypted .docx. */
static const signature ole_streams[] = {
    {"EncryptedPackage", 16, 0, "an Office document protected by a password",
     "save it without the password, as .docx or PDF", 1},
    {"WordDocument", 12, 0, "a Word 97\xe2\x80\x93" "2003 .doc file", OFFICE, 0},
    {"__substg1.0_", 12, 0, "an Outlook message (.msg)",
     "save the request it holds (its text as .txt, or its attachment) and give that", 0},
    {"Workbook", 8, 0, "an Excel 97\xe2\x80\x93" "2003 workbook", OFFICE, 0},
    {"PowerPoint Document", 19, 0, "a PowerPoint 97\xe2\x80\x93" "2003 presentation", OFFICE, 0},
};
static const signature ole_other = {NULL, 0, 0, "an old Office file (97\xe2\x80\x93" "2003)",
                                    OFFICE, 0};
#define OLE_MAGIC "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

static int at(const unsigned char *d, size_t len, const signature *s)
{
    return len >= s->at + s->n && memcmp(d + s->at, s->magic, s->n) == 0;
}

/* Does the container hold a stream of this name (UTF-16LE, as OLE writes
 * the names of its streams)? */
static int holds_stream(const unsigned char *d, size_t len, const char *name, size_t n)
{
    char wide[64];
    for (size_t i = 0; i < n; i++)
        wide[2 * i] = name[i], wide[2 * i + 1] = '\0';
    return memmem(d, len, wide, 2 * n) != NULL;
}

static const signature *ole_kind(const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < sizeof ole_streams / sizeof *ole_streams; i++)
        if (holds_stream(d, len, ole_streams[i].magic, ole_streams[i].n))
            return &ole_streams[i];
    return &ole_other;
}

static const signature *sniffed(const unsigned char *d, size_t len)
{
    if (len >= 8 && memcmp(d, OLE_MAGIC, 8) == 0)
        return ole_kind(d, len);
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++)
        if (at(d, len, &signatures[i]))
            return &signatures[i];
    return NULL;
}

rs_status rs_doc_sniff(const char *name, const unsigned char *d, size_t len, char **err)
{
    const signature *s = sniffed(d, len);
    if (!s)
        return RS_OK;
    rs_doc_kind kind;
    const char *claim = rs_doc_claim(name, &kind);
    if (!claim || s->is_claim)
        return rs_doc_fail(err, "this is %s: %s", s->what, s->advice);
    return rs_doc_fail(err, "this is %s, not %s: %s", s->what, claim, s->advice);
}

/*
 * Request documents into plain text (intake/doctext.h) and the language of
 * a text (intake/doclang.h): the four sample requests of
 * tests/fixtures/documents (a French DOCX, a Spanish ODT, a Portuguese PDF,
 * an English Markdown file, made by make.py there), plain text, and every
 * refusal: damaged, encrypted, scanned, hostile (zip bombs made here with
 * libzip from zeros, a lying size header, a DTD, deep nesting), wrongly
 * encoded documents, and files of kinds not read, named for what they are
 * (images, old Office files, RTF, archives, text named .pdf). Run from the
 * repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/text.h"
#include "intake/doclang.h"
#include "intake/doctext.h"
#include "intake/tidy.h"

#define DOCS "tests/fixtures/documents/"

typedef struct {
    char *data;
    size_t len;
} blob;

static blob slurp(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, DOCS "%s", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    blob b = {malloc(1 << 20), 0};
    assert_non_null(b.data);
    b.len = fread(b.data, 1, 1 << 20, f);
    assert_false(ferror(f));
    fclose(f);
    return b;
}

/* What every text read must be: UTF-8 in NFC, tidy, no empty paragraph. */
static void assert_tidy(const char *text, size_t len)
{
    assert_int_equal(strlen(text), len);
    assert_true(len > 0);
    assert_true(rs_utf8_valid(text, len));
    char *nfc = rs_text_nfc(text, len);
    assert_string_equal(nfc, text);
    free(nfc);
    assert_null(strstr(text, "\n\n\n"));
    assert_null(strstr(text, "  "));
    assert_null(strstr(text, " \n"));
    assert_null(strstr(text, "\n "));
    assert_null(strchr(text, '\t'));
    assert_true(text[0] != ' ' && text[0] != '\n');
    assert_true(text[len - 1] != ' ' && text[len - 1] != '\n');
}

/* The text of a document in memory, read as `kind`. */
static char *text_of(const char *name, const char *data, size_t len, rs_doc_kind kind)
{
    char *text, *err;
    size_t n;
    rs_doc_kind k;
    rs_status st = rs_doc_text(name, data, len, &text, &n, &k, &err);
    if (st != RS_OK)
        fail_msg("%s: %s", name, err);
    assert_null(err);
    assert_int_equal(k, kind);
    assert_tidy(text, n);
    return text;
}

static char *file_text(const char *file, const char *name, rs_doc_kind kind)
{
    blob b = slurp(file);
    char *text = text_of(name ? name : file, b.data, b.len, kind);
    free(b.data);
    return text;
}

/* The refusal of a document in memory: RS_ERR_INPUT and a message with `part`. */
static void assert_refused(const char *name, const void *data, size_t len, const char *part)
{
    char *text = (char *)"unset", *err;
    size_t n = 7;
    rs_status st = rs_doc_text(name, data, len, &text, &n, NULL, &err);
    assert_int_equal(st, RS_ERR_INPUT);
    assert_null(text);
    assert_int_equal(n, 0);
    assert_non_null(err);
    if (!strstr(err, part))
        fail_msg("%s: \"%s\" does not say \"%s\"", name, err, part);
    assert_null(strstr(err, name)); /* the caller names the file */
    free(err);
}

static void assert_file_refused(const char *file, const char *name, const char *part)
{
    blob b = slurp(file);
    assert_refused(name ? name : file, b.data, b.len, part);
    free(b.data);
}

static int starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static void assert_language(const char *text, const char *code, double min_confidence)
{
    char got[4];
    double confidence;
    char *err;
    assert_int_equal(rs_doc_language(text, strlen(text), got, &confidence, &err), RS_OK);
    assert_null(err);
    if (strcmp(got, code) || confidence < min_confidence || confidence > 1)
        fail_msg("\"%.40s\": %s (%.2f), not %s (%.2f or more)", text, got, confidence, code,
                 min_confidence);
}

/* ------------------------------------------------------------------ */

static void test_docx_french(void **state)
{
    (void)state;
    char *t = file_text("request-fr.docx", NULL, RS_DOC_DOCX);
    assert_non_null(strstr(t, "Termes de référence\n\nMinistère de l’Emploi et de la "
                              "Protection sociale\nRépublique de Côte d’Ivoire\n\n"
                              "Objet : appui à la modernisation"));
    assert_non_null(strstr(t, "deux experts pour renforcer les méthodes"));
    /* a table: a row per line, its cells joined */
    assert_non_null(strstr(t, "\n\nExpert Profil\nExpert principal Inspection du travail, "
                              "dix ans\nSecond expert Santé et sécurité au travail\n\n"));
    /* a field's code and deleted text are not the document's words */
    assert_null(strstr(t, "HYPERLINK"));
    assert_null(strstr(t, "supprimé"));
    /* a text box's fallback copy is not read twice */
    char *first = strstr(t, "Durée : trois semaines à Abidjan.");
    assert_non_null(first);
    assert_null(strstr(first + 1, "Durée"));
    assert_true(ends_with(t, "\n\nLangue de travail : français."));
    assert_language(t, "fr", 0.5);
    free(t);
}

static void test_odt_spanish(void **state)
{
    (void)state;
    char *t = file_text("request-es.odt", NULL, RS_DOC_ODT);
    assert_true(starts_with(t, "Términos de referencia\n\nMinisterio de Trabajo y Promoción "
                               "del Empleo\nRepública del Perú\n\nAsunto: valuación actuarial "
                               "del sistema de pensiones\n\n"));
    assert_non_null(strstr(t, "solicita dos expertos para revisar"));
    assert_non_null(strstr(t, "\n\nUn actuario con experiencia en seguridad social.\n\n"
                              "Un especialista en derecho previsional.\n\n"));
    assert_non_null(strstr(t, "\n\nDuración cuatro semanas\nLugar Lima\n\n"));
    assert_null(strstr(t, "borrado"));    /* tracked deletions */
    assert_null(strstr(t, "comentario")); /* comments */
    assert_language(t, "es", 0.5);
    free(t);
}

static void test_pdf_portuguese(void **state)
{
    (void)state;
    char *t = file_text("request-pt.pdf", NULL, RS_DOC_PDF);
    assert_true(starts_with(t, "Termos de referência\nMinistério da Família"));
    assert_non_null(strstr(t, "avaliar a pensão social não contributiva"));
    /* each page its own paragraph */
    assert_non_null(strstr(t, "cadastro social único.\n\nPerfil: um economista"));
    assert_language(t, "pt", 0.5);
    free(t);
}

static void test_markdown_english(void **state)
{
    (void)state;
    char *t = file_text("request-en.md", NULL, RS_DOC_MARKDOWN);
    assert_string_equal(
        t, "Terms of reference\n\n"
           "Ministry of Employment and Labour Relations — Republic of Ghana\n\n"
           "Purpose\n\n"
           "The ministry asks for one expert in occupational safety and health to review the "
           "national OSH policy and to draft the regulations that implement it, with two "
           "workshops for the social partners.\n\n"
           "Profile\n\n"
           "Ten years of experience in OSH inspection or regulation;\n"
           "knowledge of ILO Conventions No. 155 and 187;\n"
           "a first mission of two weeks in Accra;\n"
           "a second one of one week.\n\n"
           "Working language: English.\n\n"
           "Item Detail\nDuration three weeks\nStart March 2027\n\n"
           "See also the logo and the annex; file names like safety_report_2026 keep their "
           "underscores.\n\n"
           "code block kept");
    assert_language(t, "en", 0.5);
    free(t);
}

static void test_markdown_inline(void **state)
{
    (void)state;
    static const char md[] = "A \\*starred\\* word, ~~struck~~ and [not a link] or "
                             "[half](open, a <b> tag, 3 * 4, `code`, snake_case_name [end]\r\n"
                             "* * *\r\n"
                             "Setext title\n"
                             "============\n"
                             "## Closed heading ##\n"
                             "####### seven is no heading\n"
                             "  3. numbered\n"
                             "- [x] done task\n"
                             "~~~\n"
                             "  kept   as is\n"
                             "~~~\n";
    char *t = text_of("notes.md", md, sizeof md - 1, RS_DOC_MARKDOWN);
    assert_string_equal(t, "A *starred* word, struck and [not a link] or [half](open, a <b> "
                           "tag, 3 4, code, snake_case_name [end]\n\n"
                           "Setext title\n\n"
                           "Closed heading\n\n"
                           "####### seven is no heading\n"
                           "numbered\ndone task\n\n"
                           "kept as is");
    free(t);
}

static void test_plain_text(void **state)
{
    (void)state;
    static const char txt[] = "\xef\xbb\xbf  Titre\r\n\r\n\r\n\r\nLigne un\tet\x01 deux  \n"
                              "Ligne\xc2\xa0trois, cafe\xcc\x81\n\n";
    const char *expected = "Titre\n\nLigne un et deux\nLigne trois, café";
    static const char *const names[] = {"request.txt", "REQUEST.TXT", "-", "dir.d/request",
                                        "notes.text"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *t = text_of(names[i], txt, sizeof txt - 1, RS_DOC_PLAIN);
        assert_string_equal(t, expected);
        free(t);
    }
    assert_string_equal(rs_doc_kind_name(RS_DOC_PLAIN), "text");
    assert_string_equal(rs_doc_kind_name(RS_DOC_MARKDOWN), "Markdown");
    assert_string_equal(rs_doc_kind_name(RS_DOC_PDF), "PDF");
    assert_string_equal(rs_doc_kind_name(RS_DOC_DOCX), "DOCX");
    assert_string_equal(rs_doc_kind_name(RS_DOC_ODT), "ODT");
}

static void test_text_refused(void **state)
{
    (void)state;
    assert_refused("a.txt", "\xff\xfeT\0i\0", 6, "UTF-16");
    assert_refused("a.md", "\xfe\xff\0T\0i", 6, "UTF-16");
    assert_refused("a.txt", "abc\xff", 4, "not valid UTF-8 at byte offset 3");
    assert_refused("a.txt", "\xef\xbb\xbf" "caf\xc3", 7, "not valid UTF-8 at byte offset 6");
    assert_refused("a.txt", "ab\0c", 4, "a NUL byte at byte offset 2");
    assert_refused("a.txt", "x", 0, "the file is empty");
    assert_refused("a.txt", " \r\n\t\n", 5, "the file has no text");
    assert_refused("a.md", "#\n---\n", 6, "the Markdown file has no text");
    assert_refused("a.rtf", "hello", 5, "a .rtf file, a kind not read");
}

/* The kind follows the content; the name speaks for text alone. */
static void test_kind_by_content(void **state)
{
    (void)state;
    free(file_text("request-fr.docx", "request.pdf", RS_DOC_DOCX));
    free(file_text("request-es.odt", "request.docx", RS_DOC_ODT));
    free(file_text("request-pt.pdf", "request.odt", RS_DOC_PDF));
    free(file_text("request-pt.pdf", "request.txt", RS_DOC_PDF));
    /* text named as another kind is said to be text */
    assert_file_refused("request-en.md", "request.pdf",
                        "this is plain text, not a PDF: name it .txt to read it as text");
    assert_file_refused("request-en.md", "request.docx", "this is plain text, not a DOCX");
    assert_file_refused("request-en.md", "request.odt", "this is plain text, not an ODT");
    /* bytes of no kind known: what the kind named would have */
    assert_refused("x.pdf", "\x01\x02\xff", 3, "not a PDF (a PDF starts with %PDF-): a damaged "
                                               "file, or another kind of file named .pdf");
    assert_refused("x.docx", "\x01\x02\xff", 3, "not a DOCX (a DOCX is a zip archive): a damaged "
                                                "file, or another kind of file named .docx");
    assert_refused("x.odt", "\x01\x02\xff", 3, "not an ODT (an ODT is a zip archive)");
}

/* A file of a kind not read is named for what it is, against what its
 * name says, with what to do instead. */
static void test_kind_named(void **state)
{
    (void)state;
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_refused("scan.pdf", png, sizeof png - 1,
                   "this is a PNG image, not a PDF: no text is read from an image (no OCR is "
                   "done): give the document itself");
    assert_refused("scan.docx", png, sizeof png - 1, "this is a PNG image, not a DOCX: ");
    assert_refused("scan.odt", png, sizeof png - 1, "this is a PNG image, not an ODT: ");
    assert_refused("scan.txt", png, sizeof png - 1, "this is a PNG image, not a text file: ");
    assert_refused("scan", png, sizeof png - 1, "this is a PNG image, not a text file: ");
    assert_refused("scan.md", png, sizeof png - 1, "this is a PNG image, not a Markdown file: ");
    assert_refused("scan.png", png, sizeof png - 1, "this is a PNG image: no text is read");
    assert_refused("photo.pdf", "\xff\xd8\xff\xe0\0\x10JFIF", 10,
                   "this is a JPEG image, not a PDF");
    assert_refused("a.pdf", "GIF89a\1\0", 8, "this is a GIF image, not a PDF");
    assert_refused("a.pdf", "II*\0\x08\0", 6, "this is a TIFF image, not a PDF");
    assert_refused("a.pdf", "RIFF\0\0\0\0WEBPVP8L", 15, "this is a WebP image, not a PDF");
    assert_refused("a.pdf", "\0\0\0\x18" "ftypheic", 12, "this is a HEIC image (a phone's photo)");
    assert_refused("r.pdf", "{\\rtf1 hello}", 13, "this is an RTF document, not a PDF: save it as "
                                                 ".docx or PDF");
    assert_refused("r.txt", "{\\rtf1 hello}", 13, "this is an RTF document, not a text file");
    assert_refused("r.pdf", "\x1f\x8b\x08\0", 4, "this is a gzip archive, not a PDF: unpack it");
    assert_refused("r.pdf", "7z\xbc\xaf\x27\x1c\0", 7, "this is a 7-Zip archive, not a PDF");
    assert_refused("r.pdf", "Rar!\x1a\x07\0", 7, "this is a RAR archive, not a PDF");
}

/* The old Office container, told by the name of a stream inside it. */
static void test_old_office_named(void **state)
{
    (void)state;
    static const struct {
        const char *stream, *name, *part;
    } cases[] = {
        {"WordDocument", "old.doc", "this is a Word 97\xe2\x80\x93" "2003 .doc file: save it as "
                                    ".docx or PDF"},
        {"WordDocument", "old.pdf", "this is a Word 97\xe2\x80\x93" "2003 .doc file, not a PDF: "
                                    "save it as .docx or PDF"},
        {"EncryptedPackage", "locked.docx", "this is an Office document protected by a "
                                            "password: save it without the password"},
        {"__substg1.0_0037001F", "mail.msg", "this is an Outlook message (.msg): save the "
                                             "request it holds"},
        {"Workbook", "sheet.pdf", "this is an Excel 97\xe2\x80\x93" "2003 workbook, not a PDF"},
        {"PowerPoint Document", "s.pdf", "this is a PowerPoint 97\xe2\x80\x93" "2003 presentation"},
        {"Other", "o.odt", "this is an old Office file (97\xe2\x80\x93" "2003), not an ODT: "
                           "save it as .docx or PDF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned char ole[512] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
        for (size_t k = 0; cases[i].stream[k]; k++)
            ole[300 + 2 * k] = (unsigned char)cases[i].stream[k];
        assert_refused(cases[i].name, ole, sizeof ole, cases[i].part);
    }
}

static void test_pdf_refused(void **state)
{
    (void)state;
    assert_file_refused("encrypted.pdf", NULL, "encrypted, a password is needed");
    assert_file_refused("scanned.pdf", NULL,
                        "the PDF has no text layer (a scanned image?): its text cannot be "
                        "read, as no OCR is done");
    assert_file_refused("damaged.pdf", NULL, "not a readable PDF: ");
    assert_file_refused("nopages.pdf", NULL, "the PDF has no pages");
}

static void test_docx_refused(void **state)
{
    (void)state;
    assert_file_refused("nodocument.docx", NULL, "not a DOCX: word/document.xml missing");
    assert_file_refused("nodocument.docx", "x.odt", "not an ODT: its mimetype entry is missing");
    assert_file_refused("nodocument.docx", "x.zip", "a zip archive that is neither a DOCX (no "
                                                    "word/document.xml) nor an ODT (no mimetype "
                                                    "entry)");
    assert_file_refused("nodocument.docx", "x.pdf", "this is a zip archive, not a PDF: neither a "
                                                    "DOCX (no word/document.xml) nor an ODT");
    assert_file_refused("damaged.docx", NULL, "the DOCX's XML is damaged: Opening and ending tag");
    assert_file_refused("dtd.docx", NULL, "the DOCX's XML declares a DTD");
    assert_file_refused("truncated.docx", NULL, "a damaged zip archive: ");
    assert_file_refused("liar.docx", NULL, "entry word/document.xml inflates past the 100 bytes "
                                           "its header declares");
    assert_file_refused("short.docx", NULL, "entry word/document.xml is shorter than its header "
                                            "declares");
    assert_file_refused("crc.docx", NULL, "entry word/document.xml cannot be read: CRC error");
    assert_file_refused("method.docx", NULL, "entry word/document.xml cannot be read: "
                                             "Compression method not supported");
}

static void test_odt_refused(void **state)
{
    (void)state;
    assert_file_refused("damaged.odt", NULL, "the ODT's XML is damaged: ");
    assert_file_refused("spreadsheet.odt", NULL, "an OpenDocument file that is not a text "
                                                 "document");
    assert_file_refused("spreadsheet.odt", "x.docx", "not a DOCX: word/document.xml missing");
    assert_file_refused("nocontent.odt", NULL, "not an ODT: content.xml missing");
}

/* ------------------------------------------------------------------ */
/* Archives made here with libzip                                      */

typedef struct {
    const char *name;
    const void *data;
    size_t len;
} entry;

/* A zip archive in memory (malloc'd into *out) of the given entries, deflated. */
static size_t make_zip(const entry *entries, size_t n, char **out)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        assert_non_null(s);
        assert_true(zip_file_add(za, entries[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t size = zip_source_tell(src);
    assert_true(size > 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    *out = malloc((size_t)size);
    assert_non_null(*out);
    assert_int_equal(zip_source_read(src, *out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return (size_t)size;
}

static void test_zip_bombs(void **state)
{
    (void)state;
    size_t big = RS_DOC_ZIP_ENTRY_MAX + 1, mid = 8u << 20;
    char *zeros = calloc(big, 1);
    assert_non_null(zeros);
    char *zip;
    entry docx = {"word/document.xml", zeros, big};
    size_t n = make_zip(&docx, 1, &zip);
    assert_true(n < big / 500);
    assert_refused("bomb.docx", zip, n, "entry word/document.xml too large (33554433 bytes "
                                        "uncompressed, limit 33554432)");
    free(zip);
    entry odt[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 39},
                   {"content.xml", zeros, mid}};
    n = make_zip(odt, 2, &zip);
    assert_refused("bomb.odt", zip, n, "(a zip bomb?)");
    free(zip);
    free(zeros);
}

static void test_zip_entries(void **state)
{
    (void)state;
    size_t n_entries = RS_DOC_ZIP_ENTRIES_MAX + 1;
    entry *e = calloc(n_entries, sizeof *e);
    char(*names)[16] = calloc(n_entries, sizeof *names);
    assert_non_null(e);
    assert_non_null(names);
    for (size_t i = 0; i < n_entries; i++) {
        snprintf(names[i], sizeof names[i], "e%zu", i);
        e[i] = (entry){names[i], "", 0};
    }
    char *zip;
    size_t n = make_zip(e, n_entries, &zip);
    assert_refused("many.docx", zip, n, "a zip archive of 10001 entries, more than 10000");
    free(zip);
    free(names);
    free(e);
}

/* Office files of other kinds are zip archives too: named, not read. */
static void test_zip_other_office(void **state)
{
    (void)state;
    char *zip;
    entry xlsx = {"xl/workbook.xml", "<workbook/>", 11};
    size_t n = make_zip(&xlsx, 1, &zip);
    assert_refused("budget.docx", zip, n, "this is an Excel workbook (.xlsx), not a DOCX: give "
                                          "the request as .docx, .odt, .pdf or text");
    assert_refused("budget.xlsx", zip, n, "this is an Excel workbook (.xlsx): give the request");
    free(zip);
    entry pptx = {"ppt/presentation.xml", "<presentation/>", 15};
    n = make_zip(&pptx, 1, &zip);
    assert_refused("slides.pdf", zip, n, "this is a PowerPoint presentation (.pptx), not a PDF");
    free(zip);
}

/* ------------------------------------------------------------------ */

static void test_limits(void **state)
{
    (void)state;
    size_t n = RS_DOC_TEXT_MAX + 2;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'a', n);
    for (size_t i = 80; i < n; i += 81)
        big[i] = '\n';
    assert_refused("big.txt", big, n, "its text is longer than 4 MiB, the limit");
    free(big);
    /* within the limit, but not once in NFC: U+0344 is U+0308 U+0301 */
    size_t twos = 2000000;
    char *grows = malloc(2 * twos);
    assert_non_null(grows);
    for (size_t i = 0; i < twos; i++)
        memcpy(grows + 2 * i, "\xcd\x84", 2);
    assert_refused("grows.txt", grows, 2 * twos, "its text is longer than 4 MiB, the limit");
    free(grows);
    char *huge = calloc(RS_DOC_INPUT_MAX + 1, 1);
    assert_non_null(huge);
    assert_refused("huge.pdf", huge, RS_DOC_INPUT_MAX + 1, "larger than 50 MiB, the limit");
    free(huge);
}

/* The XML walkers and the text builder straight, for what a fixture would hide. */
static char *xml_text(rs_status (*walk)(const char *, size_t, rs_tidy *, char **),
                      const char *xml, char **err)
{
    rs_tidy t = {0};
    *err = NULL;
    char *text = NULL;
    size_t n;
    rs_status st = walk(xml, strlen(xml), &t, err);
    if (st == RS_OK)
        st = rs_tidy_finish(&t, "test", &text, &n, err);
    rs_tidy_free(&t);
    assert_true((st == RS_OK) == (text != NULL));
    return text;
}

static void test_readers_inside(void **state)
{
    (void)state;
    char *err;
    char *t = xml_text(rs_doc_docx_xml,
                       "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
                       "<w:body><w:p><w:r><w:t>un</w:t><w:tab/><w:t>deux</w:t><w:br/>"
                       "<w:t><![CDATA[trois]]></w:t><w:t/></w:r>hors</w:p><w:p/>"
                       "<w:p><w:r><w:t>quatre</w:t></w:r></w:p></w:body></w:document>",
                       &err);
    assert_string_equal(t, "un deux\ntrois\n\nquatre");
    free(t);
    t = xml_text(rs_doc_odt_xml,
                 "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:"
                 "xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
                 "<office:body><office:text><text:p>a<text:s/>b</text:p></office:text>"
                 "</office:body><text:p>outside</text:p></office:document-content>",
                 &err);
    assert_string_equal(t, "a b");
    free(t);
    char deep[RS_DOC_XML_DEPTH_MAX * 3 + 64] = "<a>";
    for (int i = 0; i < RS_DOC_XML_DEPTH_MAX + 1; i++)
        strcat(deep, "<a>");
    assert_null(xml_text(rs_doc_docx_xml, deep, &err));
    assert_string_equal(err, "the DOCX's XML nests more than 200 deep");
    free(err);
    assert_null(xml_text(rs_doc_odt_xml, "<a></b>", &err));
    assert_non_null(strstr(err, "the ODT's XML is damaged: "));
    free(err);
    assert_null(xml_text(rs_doc_odt_xml, "<a/>", &err));
    assert_string_equal(err, "the test has no text");
    free(err);
    /* a reader's library giving text that is not UTF-8 (a PDF's font may
     * map a glyph to a lone surrogate): refused, not passed on */
    rs_tidy built = {0};
    rs_tidy_add(&built, "ab\xed\xa0\x80", 5);
    char *text;
    size_t n;
    err = NULL;
    assert_int_equal(rs_tidy_finish(&built, "PDF", &text, &n, &err), RS_ERR_INPUT);
    assert_string_equal(err, "the PDF's text is not valid UTF-8");
    free(err);
    rs_tidy_free(&built);
}

/* ------------------------------------------------------------------ */

/* The first test of all: the fingerprints not found, a message
 * saying where they were looked for, and found again afterwards. */
static void test_language_fingerprints_missing(void **state)
{
    (void)state;
    setenv(RS_TEXTCAT_DIR_ENV, "/nonexistent/fingerprints", 1);
    char code[4];
    double confidence;
    char *err;
    assert_int_equal(rs_doc_language("Le ministère", 13, code, &confidence, &err), RS_ERR_IO);
    assert_non_null(strstr(err, "no fpdb.conf listing readable fingerprints in "
                                "/nonexistent/fingerprints"));
    assert_string_equal(code, "");
    free(err);
    unsetenv(RS_TEXTCAT_DIR_ENV);
    assert_language("Le ministère du Travail demande deux experts", "fr", 0.4);
}

static void test_language(void **state)
{
    (void)state;
    /* titles of about ten words */
    assert_language("Appui à l'inspection du travail et à la sécurité sociale", "fr", 0.4);
    assert_language("Evaluación actuarial del instituto de seguridad social", "es", 0.4);
    assert_language("Avaliação atuarial do instituto nacional de previdência social", "pt", 0.4);
    assert_language("Actuarial review of the national social security fund", "en", 0.4);
    /* other languages are named, not forced into the four */
    assert_language("Das Ministerium bittet um zwei Sachverständige, die das Gesetz über die "
                    "Arbeitsaufsicht prüfen und die Inspektoren ausbilden.", "de", 0.4);
    assert_language("Il ministero chiede due esperti per esaminare la legge sull'ispezione del "
                    "lavoro e formare gli ispettori.", "it", 0.4);
    assert_language("Het ministerie vraagt twee deskundigen om de wet op de arbeidsinspectie "
                    "te bestuderen en de inspecteurs op te leiden.", "nl", 0.4);
    assert_language("مشروع الحماية الاجتماعية في البلاد والخبراء", "ar", 0.4);
    /* nothing to tell by */
    assert_language("12 345 / 678", "", 0);
    assert_language("", "", 0);
    char code[4];
    double confidence;
    char *err;
    assert_int_equal(rs_doc_language("caf\xc3", 4, code, &confidence, &err), RS_ERR_INPUT);
    assert_string_equal(err, "the text is not valid UTF-8");
    free(err);
}

/* Several threads read documents and tell languages at once, as the
 * service's do. */
static void *reader(void *arg)
{
    (void)arg;
    static const char *const files[] = {"request-fr.docx", "request-es.odt", "request-pt.pdf"};
    static const char *const codes[] = {"fr", "es", "pt"};
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < 3; i++) {
            blob b = slurp(files[i]);
            char *text, *err, code[4];
            size_t n;
            double confidence;
            if (rs_doc_text(files[i], b.data, b.len, &text, &n, NULL, &err) != RS_OK ||
                rs_doc_language(text, n, code, &confidence, &err) != RS_OK ||
                strcmp(code, codes[i]))
                return (void *)1;
            free(text);
            free(b.data);
        }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, reader, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *failed;
        assert_int_equal(pthread_join(th[i], &failed), 0);
        assert_null(failed);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_language_fingerprints_missing), /* before any other */
        cmocka_unit_test(test_docx_french),
        cmocka_unit_test(test_odt_spanish),
        cmocka_unit_test(test_pdf_portuguese),
        cmocka_unit_test(test_markdown_english),
        cmocka_unit_test(test_markdown_inline),
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_text_refused),
        cmocka_unit_test(test_kind_by_content),
        cmocka_unit_test(test_kind_named),
        cmocka_unit_test(test_old_office_named),
        cmocka_unit_test(test_pdf_refused),
        cmocka_unit_test(test_docx_refused),
        cmocka_unit_test(test_odt_refused),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_zip_entries),
        cmocka_unit_test(test_zip_other_office),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_readers_inside),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

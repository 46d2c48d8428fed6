/* Bodies of the request document targets (intake/): DOCX, ODT and PDF.
 *
 * A DOCX or ODT input that starts "PK" is a whole archive, read as a user's
 * upload is (rs_doc_text: libzip, the entry bounds, the XML walker); any
 * other input is the XML of its text entry, given to the walker straight,
 * so most executions reach the walker instead of dying in the zip reader.
 * A PDF input is a whole document. White-box for the walkers (intake/tidy.h),
 * like fuzz/records.c. Properties, beyond "does not crash":
 *   - text XOR error: RS_OK with a text and no message, or a refusal with a
 *     message and no text;
 *   - the text is UTF-8 in NFC, tidy (no blank line doubled, no space at a
 *     line's ends), at most RS_DOC_TEXT_MAX bytes;
 *   - its language is told without failing, the confidence in [0, 1]. */
#include "fuzz/fuzz.h"

#include <string.h>

#include "core/text.h"
#include "intake/doclang.h"
#include "intake/doctext.h"
#include "intake/tidy.h"

static void check_language(const char *text, size_t len)
{
    char code[4];
    double confidence;
    char *err;
    PROPERTY(rs_doc_language(text, len, code, &confidence, &err) == RS_OK);
    PROPERTY(err == NULL);
    PROPERTY(strlen(code) <= 3 && confidence >= 0 && confidence <= 1);
    PROPERTY(code[0] || confidence == 0);
}

static void check_text(const char *text, size_t len)
{
    PROPERTY(text != NULL && len > 0 && len <= RS_DOC_TEXT_MAX && strlen(text) == len);
    PROPERTY(rs_utf8_valid(text, len));
    char *nfc = rs_text_nfc(text, len);
    PROPERTY(nfc != NULL && strcmp(nfc, text) == 0);
    free(nfc);
    PROPERTY(!strstr(text, "\n\n\n") && !strstr(text, " \n") && !strstr(text, "\n "));
    PROPERTY(text[0] != ' ' && text[0] != '\n' && text[len - 1] != ' ' && text[len - 1] != '\n');
    check_language(text, len);
}

static void check_outcome(rs_status st, char *text, size_t len, char *err)
{
    if (st == RS_OK) {
        PROPERTY(err == NULL);
        check_text(text, len);
    } else {
        PROPERTY(st == RS_ERR_INPUT || st == RS_ERR_NOMEM);
        PROPERTY(text == NULL);
        PROPERTY(st == RS_ERR_NOMEM || (err != NULL && err[0] != '\0'));
    }
    free(text);
    free(err);
}

static void document(const char *name, const uint8_t *data, size_t size)
{
    char *text, *err;
    size_t len;
    rs_status st = rs_doc_text(name, data, size, &text, &len, NULL, &err);
    check_outcome(st, text, len, err);
}

static void xml(rs_status (*walk)(const char *, size_t, rs_tidy *, char **),
                const uint8_t *data, size_t size)
{
    rs_tidy t = {0};
    char *text = NULL, *err = NULL;
    size_t len = 0;
    rs_status st = walk((const char *)data, size, &t, &err);
    if (st == RS_OK)
        st = rs_tidy_finish(&t, "document", &text, &len, &err);
    rs_tidy_free(&t);
    check_outcome(st, text, len, err);
}

static int archive(const uint8_t *data, size_t size)
{
    return size >= 2 && data[0] == 'P' && data[1] == 'K';
}

int rs_fuzz_docx(const uint8_t *data, size_t size)
{
    if (archive(data, size))
        document("request.docx", data, size);
    else
        xml(rs_doc_docx_xml, data, size);
    return 0;
}

int rs_fuzz_odt(const uint8_t *data, size_t size)
{
    if (archive(data, size))
        document("request.odt", data, size);
    else
        xml(rs_doc_odt_xml, data, size);
    return 0;
}

int rs_fuzz_pdf(const uint8_t *data, size_t size)
{
    document("request.pdf", data, size);
    return 0;
}

/* Untrusted text and the terminal: what import refuses, how printers escape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/term.h"

static void expect_unsafe(const char *s, rs_text_kind kind, const char *want)
{
    char msg[160] = "";
    int bad = rs_text_unsafe(s, strlen(s), kind, msg, sizeof msg);
    if (!want) {
        assert_int_equal(bad, 0);
        return;
    }
    assert_int_equal(bad, 1);
    assert_string_equal(msg, want);
}

static void test_one_line(void **state)
{
    (void)state;
    expect_unsafe("Jos\xc3\xa9 Mar\xc3\xad" "a", RS_TEXT_LINE, NULL);
    expect_unsafe("\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf", RS_TEXT_LINE, NULL); /* Arabic */
    expect_unsafe("a\tb", RS_TEXT_LINE, "tab at character 2 (must be one line)");
    expect_unsafe("\xc3\xa9\nb", RS_TEXT_LINE, "line break at character 2 (must be one line)");
    expect_unsafe("ab\r\n", RS_TEXT_LINE, "line break at character 3 (must be one line)");
    expect_unsafe("a\x1b[2J", RS_TEXT_LINE,
                  "control character U+001B at character 2 (not allowed in text)");
    expect_unsafe("\x7f", RS_TEXT_LINE,
                  "control character U+007F at character 1 (not allowed in text)");
    expect_unsafe("a\xc2\x9d", RS_TEXT_LINE,
                  "control character U+009D at character 2 (not allowed in text)");
    expect_unsafe("x\xe2\x80\xae", RS_TEXT_LINE,
                  "bidirectional control U+202E at character 2 (not allowed here)");
    expect_unsafe("x\xe2\x81\xa9", RS_TEXT_LINE,
                  "bidirectional control U+2069 at character 2 (not allowed here)");
    expect_unsafe("x\xe2\x80\xa8y", RS_TEXT_LINE,
                  "line separator U+2028 at character 2 (not allowed here)");
}

/* Format characters that make one name read as another are refused in
 * one-line text, and stay allowed in free text. */
static void test_invisible(void **state)
{
    (void)state;
    expect_unsafe("Ana\xe2\x80\x8bLopez", RS_TEXT_LINE,
                  "invisible character U+200B at character 4 (not allowed here)");
    expect_unsafe("a\xe2\x80\x8f", RS_TEXT_LINE,
                  "invisible character U+200F at character 2 (not allowed here)");
    expect_unsafe("a\xe2\x81\xa0" "b", RS_TEXT_LINE,
                  "invisible character U+2060 at character 2 (not allowed here)");
    expect_unsafe("ab\xe2\x81\xa4", RS_TEXT_LINE,
                  "invisible character U+2064 at character 3 (not allowed here)");
    expect_unsafe("a\xef\xbb\xbf", RS_TEXT_LINE,
                  "invisible character U+FEFF at character 2 (not allowed here)");
    expect_unsafe("Sch\xc2\xad" "midt", RS_TEXT_LINE,
                  "invisible character U+00AD at character 4 (not allowed here)");
    /* Neighbours of the ranges are ordinary text. */
    expect_unsafe("a\xe2\x80\x8a\xe2\x80\x90\xe2\x81\xa5" "b", RS_TEXT_LINE, NULL);
    expect_unsafe("Soft\xc2\xadhyphen\xe2\x80\x8b", RS_TEXT_MULTILINE, NULL);
    /* Joiners belong in Persian and Indic spellings, between their letters
     * ("Mehr" + ZWNJ + "dad" in Persian; Devanagari ksha + ZWJ + ...), and
     * nowhere else. */
    expect_unsafe("\xd9\x85\xd9\x87\xd8\xb1\xe2\x80\x8c\xd8\xaf\xd8\xa7\xd8\xaf",
                  RS_TEXT_LINE, NULL);
    expect_unsafe("\xe0\xa4\x95\xe2\x80\x8d\xe0\xa4\xb7", RS_TEXT_LINE, NULL);
    expect_unsafe("Ana\xe2\x80\x8cLopez", RS_TEXT_LINE,
                  "invisible character U+200C at character 4 (not allowed here)");
    expect_unsafe("\xd9\x85\xe2\x80\x8dx", RS_TEXT_LINE,
                  "invisible character U+200D at character 2 (not allowed here)");
    expect_unsafe("\xe2\x80\x8c\xd9\x85", RS_TEXT_LINE,
                  "invisible character U+200C at character 1 (not allowed here)");
}

static void test_multiline(void **state)
{
    (void)state;
    expect_unsafe("One.\n\tTwo.\r\nThree \xe2\x80\xaeRTL", RS_TEXT_MULTILINE, NULL);
    expect_unsafe("One\rTwo", RS_TEXT_MULTILINE,
                  "control character U+000D at character 4 (not allowed in text)");
    expect_unsafe("end\r", RS_TEXT_MULTILINE,
                  "control character U+000D at character 4 (not allowed in text)");
    expect_unsafe("a\x07", RS_TEXT_MULTILINE,
                  "control character U+0007 at character 2 (not allowed in text)");
}

static char *written(const char *s, const char *indent)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    rs_term_write(f, s, indent);
    fclose(f);
    return buf;
}

static void expect_written(const char *s, const char *indent, const char *want)
{
    char *got = written(s, indent);
    assert_string_equal(got, want);
    free(got);
}

static void test_write_escapes(void **state)
{
    (void)state;
    expect_written("Jos\xc3\xa9 \xe2\x82\xac", NULL, "Jos\xc3\xa9 \xe2\x82\xac");
    expect_written("\x1b]0;owned\x07!", NULL, "\\x1b]0;owned\\x07!");
    expect_written("a\tb\nc\rd", NULL, "a\\tb\\nc\\rd");
    expect_written("\xc2\x9b" "2J", NULL, "\\u009b2J");
    expect_written("x\xe2\x80\xaey\xe2\x81\xa6z", NULL, "x\\u202ey\\u2066z");
    expect_written("Espa\xf1" "a", NULL, "Espa\\xf1a"); /* not UTF-8: the byte */
    expect_written("\x7f", NULL, "\\x7f");
    expect_written("", NULL, "");
}

static void test_write_paragraphs(void **state)
{
    (void)state;
    expect_written("One.\nTwo.\r\n\tThree.", "  ", "One.\n  Two.\n  \tThree.");
    expect_written("a\rb\x1b", "  ", "a\\rb\\x1b");
}

static void test_escape_copy(void **state)
{
    (void)state;
    char *s = rs_term_escape("Ana\x1b[2J\nLopes");
    assert_non_null(s);
    assert_string_equal(s, "Ana\\x1b[2J\\nLopes");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_line),
        cmocka_unit_test(test_invisible),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_write_escapes),
        cmocka_unit_test(test_write_paragraphs),
        cmocka_unit_test(test_escape_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Untrusted text and the terminal: which characters a field may hold at
 * import, and how printers show the ones that are not printable.
 */
#include "core/term.h"

#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <utf8proc.h>

/* C0 controls, DEL and the C1 controls U+0080-U+009F (CSI, OSC, ... in
 * their 8-bit form: some terminals obey them). */
static int is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Embeddings, overrides and isolates reorder what follows them: in a name
 * they can make one expert's id or name read as another's. */
static int is_bidi_control(int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Format characters that show nothing, or nothing in the middle of a line
 * (zero-width space, joiners, marks, word joiner, invisible operators, a
 * byte order mark past the start, soft hyphen): "Ana\u200BLopez" reads as
 * "AnaLopez" but is another name. */
static int is_invisible(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
           cp == 0x00AD;
}

/* Scripts whose spelling needs the zero-width non-joiner and joiner
 * (U+200C, U+200D): Arabic script (Persian, Urdu, Pashto…), Syriac,
 * Thaana and the Indic scripts. Between two letters of these a joiner is
 * part of the name, not a disguise. */
static int uses_joiners(int32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x0DFF) ||
           (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

/* Line and paragraph separators break lines on some terminals. */
static int is_separator(int32_t cp)
{
    return cp == 0x2028 || cp == 0x2029;
}

/* The next character of s[i, len): its code point and byte length, or
 * -1 as code point for a byte that starts no valid UTF-8 sequence. */
static size_t next_char(const char *s, size_t i, size_t len, int32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_int32_t u;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &u);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = u;
    return (size_t)n;
}

int rs_text_unsafe(const char *s, size_t len, rs_text_kind kind, char *msg, size_t msgsz)
{
    size_t at = 1; /* characters, 1-based */
    int32_t prev = 0, cp = 0;
    for (size_t i = 0; i < len; at++, prev = cp) {
        int32_t next = 0;
        size_t n = next_char(s, i, len, &cp);
        if (i + n < len) next_char(s, i + n, len, &next);
        int crlf = cp == '\r' && i + 1 < len && s[i + 1] == '\n';
        i += n;
        if (kind == RS_TEXT_MULTILINE && (cp == '\t' || cp == '\n' || crlf))
            continue;
        if (kind == RS_TEXT_LINE && (cp == '\t' || cp == '\n' || cp == '\r')) {
            snprintf(msg, msgsz, "%s at character %zu (must be one line)",
                     cp == '\t' ? "tab" : "line break", at);
            return 1;
        }
        if (is_control(cp)) {
            snprintf(msg, msgsz, "control character U+%04X at character %zu (not allowed in text)",
                     (unsigned)cp, at);
            return 1;
        }
        if (kind == RS_TEXT_LINE && (is_bidi_control(cp) || is_separator(cp))) {
            snprintf(msg, msgsz, "%s U+%04X at character %zu (not allowed here)",
                     is_separator(cp) ? "line separator" : "bidirectional control",
                     (unsigned)cp, at);
            return 1;
        }
        int joins_letters = (cp == 0x200C || cp == 0x200D) && uses_joiners(prev) &&
                            uses_joiners(next);
        if (kind == RS_TEXT_LINE && is_invisible(cp) && !joins_letters) {
            snprintf(msg, msgsz, "invisible character U+%04X at character %zu (not allowed here)",
                     (unsigned)cp, at);
            return 1;
        }
    }
    return 0;
}

static void write_escaped(FILE *f, int32_t cp, unsigned char byte)
{
    if (cp == '\n')
        fputs("\\n", f);
    else if (cp == '\t')
        fputs("\\t", f);
    else if (cp == '\r')
        fputs("\\r", f);
    else if (cp < 0)
        fprintf(f, "\\x%02x", byte); /* not UTF-8: the byte itself */
    else if (cp < 0x80)
        fprintf(f, "\\x%02x", (unsigned)cp);
    else
        fprintf(f, "\\u%04x", (unsigned)cp);
}

void rs_term_write(FILE *f, const char *s, const char *indent)
{
    size_t len = strlen(s), start = 0, i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = next_char(s, i, len, &cp);
        int unsafe = cp < 0 || is_control(cp) || is_bidi_control(cp) || is_separator(cp);
        if (!unsafe) {
            i += n;
            continue;
        }
        fwrite(s + start, 1, i - start, f);
        if (indent && cp == '\r' && i + 1 < len && s[i + 1] == '\n')
            ; /* CR-LF is one line break */
        else if (indent && cp == '\n')
            fprintf(f, "\n%s", indent);
        else if (indent && cp == '\t')
            fputc('\t', f);
        else
            write_escaped(f, cp, (unsigned char)s[i]);
        i += n;
        start = i;
    }
    fwrite(s + start, 1, len - start, f);
}

char *rs_term_escape(const char *s)
{
    char *out = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&out, &size);
    if (!f)
        return NULL;
    rs_term_write(f, s, NULL);
    if (ferror(f)) {
        fclose(f);
        free(out);
        return NULL;
    }
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

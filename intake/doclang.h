/*
 * The language a document's text is written in, as an ISO 639-1 code and a
 * confidence, among the 160 or so languages of libexttextcat's fingerprints
 * (Debian's libexttextcat-data, the ones LibreOffice uses).
 *
 * Chosen by measurement on 89 texts (request titles of about ten words and
 * paragraphs, from corpus/tors and written for the purpose, in en, fr, es,
 * pt and in de, it, nl, ca, gl, ro): n-gram fingerprints over every language,
 * preferring one of the roster's four working languages when it is within
 * 3% of the best, got 48 of 52 titles and 36 of 37 paragraphs right; every
 * miss had a confidence below 0.4. Over all fingerprints without that
 * preference: 45 and 35; over the seven languages en fr es pt de it nl
 * alone: 47 and 34; the function words of core/textlang.h: 26 and 28 (they
 * say nothing of half the titles, and cannot name the other languages), and
 * as a tie-breaker they changed no answer, so they are not used here.
 */
#ifndef RS_DOCLANG_H
#define RS_DOCLANG_H

#include <stddef.h>

#include "lib/roster.h"

/* Where the fingerprints are looked for (fpdb.conf and its *.lm files):
 * $ROSTER_TEXTCAT_DIR when set, else Debian's directory, else /usr/local's. */
#define RS_TEXTCAT_DIR_ENV "ROSTER_TEXTCAT_DIR"

/* The language of the UTF-8 text [text, text + len) (its first 4 KiB are
 * enough and all that is read).
 *
 * RS_OK: code is the ISO 639-1 code ("fr"; for the few languages without
 * one, the fingerprint's ISO 639-3 code, "ast"), *confidence in [0, 1]:
 * under 0.4 the answer is doubtful, at 1 the next language is 10% further
 * away. code is "" and *confidence 0 when the text has no letters or its
 * letters match no language better than another.
 * RS_ERR_INPUT: the text is not UTF-8. RS_ERR_IO: the fingerprints cannot
 * be read (*err says where they were looked for). RS_ERR_NOMEM.
 * On failure *err is a malloc'd message; on success NULL.
 *
 * Thread-safe: the fingerprints are loaded once, under a lock, and only
 * read afterwards (libexttextcat's fp_Compare does not write them); each
 * call makes its own fingerprint of the text. */
rs_status rs_doc_language(const char *text, size_t len, char code[4], double *confidence,
                          char **err);

#endif

/*
 * Fuzz targets: what each libFuzzer program (fuzz/fuzz_*.c) runs on one input.
 *
 * The bodies live here, apart from the libFuzzer entry points, so the unit
 * test tests/unit/test_fuzz_regressions.c replays saved inputs through the
 * very same code in the normal and sanitizer builds.
 *
 * Beyond "does not crash", each target checks properties the rest of roster
 * relies on, and aborts when one fails:
 *   - a rejected record or ToR comes with at least one error;
 *   - an accepted record's canonical text is itself accepted and
 *     canonicalises to the same text (the store re-reads it);
 *   - an accepted record's profile decodes back to the same encoding (the
 *     index holds it) and its index document can be built;
 *   - an accepted query builds and runs on a small roster, facets included,
 *     and its answer has the search's shape; a refused one says why.
 *
 * The query target (fuzz/targets.c) uses only lib/roster.h, as a front end
 * does: rs_roster_search on a roster seeded once. The record and ToR
 * targets (fuzz/records.c) reach below it on purpose: their properties are
 * about encodings the face never shows (the canonical record the store
 * re-reads, the profile the index holds, the document built), and going
 * through rs_roster_import_data would cost a transaction and an index
 * commit per input while checking only "rejected means a problem".
 */
#ifndef RS_FUZZ_H
#define RS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A broken property is a finding: say which and abort, so libFuzzer keeps
 * the input and the replay test fails. */
#define PROPERTY(cond)                                                              \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "fuzz: property failed: %s (%s:%d)\n", #cond, __FILE__, \
                    __LINE__);                                                      \
            abort();                                                                \
        }                                                                           \
    } while (0)

int rs_fuzz_jsonl(const uint8_t *data, size_t size);
int rs_fuzz_csv(const uint8_t *data, size_t size);
/* A CV (Europass XML, JSON Resume; intake/cv.h): a record with the
 * required keys or an error, never both; problems in valid UTF-8; the
 * record then as an imported one. */
int rs_fuzz_europass(const uint8_t *data, size_t size);
int rs_fuzz_tor(const uint8_t *data, size_t size);
int rs_fuzz_query(const uint8_t *data, size_t size);
/* One HTTP request through the web service's logic (fuzz/http.c): a known
 * status, JSON errors, no secret sent back, no redirect off the service,
 * nothing from the API without credentials. */
int rs_fuzz_http(const uint8_t *data, size_t size);
/* Request documents (fuzz/documents.c): a DOCX or ODT archive, or the XML
 * of its text alone; a PDF. Text XOR error; the text UTF-8, NFC, tidy and
 * bounded; its language told. */
int rs_fuzz_docx(const uint8_t *data, size_t size);
int rs_fuzz_odt(const uint8_t *data, size_t size);
int rs_fuzz_pdf(const uint8_t *data, size_t size);

#endif

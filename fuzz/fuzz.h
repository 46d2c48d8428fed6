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
 *   - an accepted query builds and runs on a small index, facets included.
 */
#ifndef RS_FUZZ_H
#define RS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int rs_fuzz_jsonl(const uint8_t *data, size_t size);
int rs_fuzz_csv(const uint8_t *data, size_t size);
int rs_fuzz_tor(const uint8_t *data, size_t size);
int rs_fuzz_query(const uint8_t *data, size_t size);

#endif

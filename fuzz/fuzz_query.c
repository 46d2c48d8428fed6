/* libFuzzer target: queries run by rs_roster_search on a small roster,
 * facets included. See fuzz.h. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_query(data, size); }

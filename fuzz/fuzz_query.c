/* libFuzzer target: the query parser (rs_query_parse), each parsed query then
 * run on a small index. See fuzz.h. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_query(data, size); }

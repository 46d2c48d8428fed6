/* libFuzzer target: the terms-of-reference reader (rs_tor_from_json_text). See fuzz.h. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_tor(data, size); }

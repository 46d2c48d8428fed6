/* libFuzzer target: the JSON Lines importer (rs_reader over an in-memory file). See fuzz.h. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_jsonl(data, size); }

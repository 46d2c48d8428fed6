/* libFuzzer target: a CV (Europass XML v3 or 2020, JSON Resume) into a record. See fuzz.h. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_europass(data, size); }

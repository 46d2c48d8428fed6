/* libFuzzer target: the web service's request handling (server/server.h),
 * one request of method, path, query string, headers and body per input.
 * See fuzz.h and fuzz/http.c. */
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return rs_fuzz_http(data, size); }

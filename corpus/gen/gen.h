/*
 * The sample roster generator behind roster-gen: deterministic synthetic
 * experts in the JSON Lines format of formats.md section 1, calibrated on
 * the facility's real roster (shares in corpus/README.md).
 *
 * Expert k depends only on (seed, k): not on how many experts are asked
 * for, nor on the machine (own PRNG, integer arithmetic only, no clock).
 */
#ifndef RS_GEN_H
#define RS_GEN_H

#include <stdint.h>
#include <jansson.h>

/* Serialisation of a generated expert: one compact line, keys in the
 * order of the spec, UTF-8 as is. */
#define RS_GEN_JSON_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

typedef struct rs_gen rs_gen;

/* A generator for `seed` (views of the compiled-in taxonomy); NULL when out
 * of memory. Read-only once made: experts may be drawn from several threads. */
rs_gen *rs_gen_new(uint64_t seed);
void rs_gen_free(rs_gen *g);

/* Expert number k (1-based; its id is "EXP-" and k zero-padded to five
 * digits). Returns 0 and a new object in *out (caller json_decref), or -1
 * when k is 0 or memory ran out. */
int rs_gen_expert(const rs_gen *g, unsigned long k, json_t **out);

/* Expert k and, unless truth is NULL, its hidden ground truth (caller
 * json_decref both): what the expert really knows, of which the record
 * declares a noisy part (see gen.c).
 *   {"id": "EXP-00001",
 *    "fields": {"E.10.01": 62, "E.20": 38},      share of the work, percent
 *    "competences": {"1.2": 55, "2.1": 45},      the same, summing to 100
 *    "languages": {"fr": "native", "en": "B2"}}  true CEFR levels
 * The record is the same bytes as rs_gen_expert's. Returns 0, or -1 when k
 * is 0 or memory ran out (*expert and *truth then NULL). */
int rs_gen_expert_truth(const rs_gen *g, unsigned long k, json_t **expert, json_t **truth);

/* The same expert as one line of JSON without the newline, malloc'd
 * (caller free), or NULL when k is 0 or memory ran out. */
char *rs_gen_expert_text(const rs_gen *g, unsigned long k);

#endif

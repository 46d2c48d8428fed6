/*
 * Generated Terms of Reference for the evaluation: deterministic, written
 * from the taxonomy's labels and keywords (core/labels.h) and the phrase
 * tables of torgen.c, in English, French, Spanish or Portuguese, with or
 * without their codes. Each comes with its topic: the codes it was written
 * from, which the judge uses and the engine never sees when the ToR is
 * text only.
 */
#ifndef RS_EVAL_TORGEN_H
#define RS_EVAL_TORGEN_H

#include <stdint.h>
#include <jansson.h>

#define RS_TORGEN_TEXT_ONLY_PCT 35

/* ToR k (1-based) of `seed`: action "G-" and k on four digits.
 *   *tor    the ToR, formats.md section 2
 *   *topic  {"action", "fields", "competences", "kind": "coded" or
 *           "text-only", "lang": the language of its text}
 * Returns 0, or -1 when k is 0 or out of memory (caller json_decref both). */
int rs_torgen(uint64_t seed, unsigned long k, json_t **tor, json_t **topic);

/* Is the ToR with this action code held out of tuning? A third of them, by
 * a hash of the code, so a ToR stays on its side whatever else changes. */
int rs_eval_held_out(const char *action);

#endif

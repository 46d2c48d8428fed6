/*
 * How well `roster draft` reads real request documents: the real requests
 * of eval/real/requests.jsonl (the facility's actions with their country
 * and field codes) written out as documents — the partner institution's
 * name, then the request's text, as a request's first page gives them —
 * and the drafts of them graded: the partner country recovered, and at
 * least one true field letter among the draft's first three fields.
 */
#ifndef RS_EVAL_DRAFTS_H
#define RS_EVAL_DRAFTS_H

#include <stdio.h>

/* Write, for the n-th request of `requests` (1-based, in file order),
 * DIR/NNN.txt (the document) and DIR/NNN.json (the request as the
 * facility would store it once drafted: action, title, country, partner
 * institution), so a run can store the earlier ones before drafting the
 * next. The number of requests, or -1 with the error on stderr. */
long rs_eval_draft_documents(const char *requests, const char *dir);

/* Grade the drafts (one `roster draft --json` line per request, in file
 * order) and print one line per measure, headed by `label`, to out.
 * 0, or -1 with the error on stderr. */
int rs_eval_draft_score(const char *requests, const char *drafts, const char *label, FILE *out);

#endif

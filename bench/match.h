/*
 * The match section of roster-bench: latency of a match per ToR, warm in
 * one process and as one `roster match` process per ToR, at a small roster
 * and at the bench's N; and, on the same candidates, the exact team search
 * beside two greedy picks. See match.c.
 */
#ifndef RS_BENCH_MATCH_H
#define RS_BENCH_MATCH_H

typedef struct {
    const char *roster;      /* the roster binary */
    const char *tors_dir;    /* the sample ToRs: every *.json in it */
    const char *work;        /* WORKDIR: generated ToRs and the small roster go here */
    const char *small_jsonl; /* the small roster (1,000 experts), imported here */
    const char *data_dir;    /* the roster of N experts, imported already */
    int verbose;             /* one line per ToR and roster */
} bench_match_config;

/* Measure and print the section. Returns the number of problems found (an
 * exact team that breaks a hard rule, or whose score rs_team_evaluate does
 * not give again); exits on any other failure. */
int bench_match(const bench_match_config *c);

#endif

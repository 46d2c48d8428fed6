/*
 * The SQLite FTS5 peer: the texts roster indexes, folded the same way, in
 * an FTS5 table (unicode61, diacritics removed), and the filters in junction
 * tables, searched with the SQL a careful FTS5 user would write.
 *
 *   expert(rowid, id, name, sector, gender, profile)
 *   doc USING fts5(name, summary, experience, education)   rowid = expert
 *   expert_field(code, expert)       every level of each code: E, E.10, E.10.01
 *   expert_lang(code, level, expert) level ranked A1 = 1 ... native = 7
 *   expert_nat(code, expert)
 */
#ifndef RS_BENCH_FTS_H
#define RS_BENCH_FTS_H

#include <stdint.h>
#include "bench/bench.h"

typedef struct {
    long experts, rejected;
    double seconds;          /* reading, folding, inserting, indexes, optimize */
    double optimize_seconds; /* the FTS5 'optimize' merge, part of seconds */
    long long bytes;         /* database file */
} bench_fts_build_stats;

/* Build a new database at db_path from the JSONL file. Prints the reason
 * and returns -1 on failure. */
int bench_fts_build(const char *db_path, const char *jsonl, bench_fts_build_stats *st);

typedef struct bench_fts bench_fts;

bench_fts *bench_fts_open(const char *db_path);
void bench_fts_close(bench_fts *f);

typedef struct {
    uint32_t total;       /* exact number of matches */
    size_t n_hits;
    bench_facets facets;  /* filled when asked for facets */
} bench_answer;

/* Top `limit` hits with their profiles, the exact total, and with_facets
 * the facet counts, each facet with its own filter lifted. Prints the reason
 * and returns -1 on failure. */
int bench_fts_search(bench_fts *f, const bench_query *q, size_t limit, int with_facets,
                     bench_answer *out);
void bench_answer_free(bench_answer *a);

/* The SQL bench_fts_search runs for q, the session's settings first, as
 * one script for the sqlite3 command-line program (one process per query,
 * beside `roster search`). free() it. */
char *bench_fts_script(const bench_query *q, size_t limit, int with_facets);

#endif

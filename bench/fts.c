/* The SQLite FTS5 peer. See fts.h.
 *
 * The SQL follows what was measured to work best (see the project's notes):
 * filters next to MATCH are written `+rowid IN (...)`, because a plain
 * `rowid IN` makes FTS5 run the full-text query again for every row. Facets
 * are GROUP BY counts over the matches, kept once in a temporary table, and
 * over the matches with one filter lifted for each facet the query filters
 * on (drill-sideways), as roster counts them.
 */
#include "bench/fts.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/model.h"
#include "core/record.h"
#include "core/text.h"

struct bench_fts {
    sqlite3 *db;
};

static int sql_fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "roster-bench: fts5: %s: %s\n", what, sqlite3_errmsg(db));
    return -1;
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : sql_fail(db, sql);
}

/* ---- building ---- */

static const char *const schema_sql =
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA cache_size=-65536;"
    "CREATE TABLE expert(id TEXT NOT NULL, name TEXT NOT NULL, sector TEXT, gender TEXT,"
    " profile TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE doc USING fts5(name, summary, experience, education,"
    " tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE expert_field(code TEXT NOT NULL, expert INTEGER NOT NULL,"
    " PRIMARY KEY(code, expert)) WITHOUT ROWID;"
    "CREATE TABLE expert_lang(code TEXT NOT NULL, level INTEGER NOT NULL,"
    " expert INTEGER NOT NULL, PRIMARY KEY(code, level, expert)) WITHOUT ROWID;"
    "CREATE TABLE expert_nat(code TEXT NOT NULL, expert INTEGER NOT NULL,"
    " PRIMARY KEY(code, expert)) WITHOUT ROWID;";

/* Built after the rows, which is faster than keeping them up to date. */
static const char *const index_sql =
    "CREATE INDEX expert_by_sector ON expert(sector);"
    "CREATE INDEX expert_by_gender ON expert(gender);"
    "CREATE INDEX field_by_expert ON expert_field(expert, code);"
    "CREATE INDEX lang_by_expert ON expert_lang(expert, code);"
    "CREATE INDEX nat_by_expert ON expert_nat(expert, code);";

enum { INS_EXPERT, INS_DOC, INS_FIELD, INS_LANG, INS_NAT, N_INSERTS };

static const char *const insert_sql[N_INSERTS] = {
    "INSERT INTO expert(rowid, id, name, sector, gender, profile) VALUES (?,?,?,?,?,?)",
    "INSERT INTO doc(rowid, name, summary, experience, education) VALUES (?,?,?,?,?)",
    "INSERT OR IGNORE INTO expert_field(code, expert) VALUES (?,?)",
    "INSERT OR IGNORE INTO expert_lang(code, level, expert) VALUES (?,?,?)",
    "INSERT OR IGNORE INTO expert_nat(code, expert) VALUES (?,?)",
};

/* Folded texts joined by newlines, as one FTS5 column. */
typedef struct {
    char *s;
    size_t len, cap;
} text_buf;

static void text_add(text_buf *b, const char *text)
{
    if (!text || !*text) return;
    char *folded = rs_text_fold(text, strlen(text));
    if (!folded) return; /* the record was validated: only out of memory lands here */
    size_t n = strlen(folded);
    if (b->len + n + 2 > b->cap) {
        b->cap = (b->len + n + 2) * 2;
        b->s = bench_alloc(realloc(b->s, b->cap));
    }
    if (b->len) b->s[b->len++] = '\n';
    memcpy(b->s + b->len, folded, n + 1);
    b->len += n;
    free(folded);
}

static void bind_text_buf(sqlite3_stmt *st, int i, text_buf *b)
{
    if (b->len) sqlite3_bind_text(st, i, b->s, (int)b->len, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
    b->len = 0;
}

static int step_done(sqlite3 *db, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : sql_fail(db, "insert");
}

/* The compact profile a hit shows: "ES FR|fr:C1 en:B2|E.10 A.35". */
static void profile_of(const rs_expert *e, text_buf *b)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    for (size_t i = 0; i < e->n_nationalities; i++)
        sqlite3_str_appendf(s, "%s%s", i ? " " : "", e->nationalities[i]);
    sqlite3_str_appendchar(s, 1, '|');
    for (size_t i = 0; i < e->n_languages; i++)
        sqlite3_str_appendf(s, "%s%s:%s", i ? " " : "", e->languages[i].code,
                            rs_cefr_name(e->languages[i].level));
    sqlite3_str_appendchar(s, 1, '|');
    for (size_t i = 0; i < e->n_fields; i++)
        sqlite3_str_appendf(s, "%s%s", i ? " " : "", e->fields[i]);
    b->len = 0;
    char *p = bench_alloc(sqlite3_str_finish(s));
    size_t n = strlen(p);
    if (n + 1 > b->cap) {
        b->cap = n + 1;
        b->s = bench_alloc(realloc(b->s, b->cap));
    }
    memcpy(b->s, p, n + 1);
    b->len = n;
    sqlite3_free(p);
}

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *ins[N_INSERTS];
    text_buf col[4], profile;
} builder;

static int put_codes(builder *b, const rs_expert *e, sqlite3_int64 row)
{
    sqlite3_stmt *st = b->ins[INS_FIELD];
    for (size_t i = 0; i < e->n_fields; i++) {
        /* Every level of the code: "E.10.01" also under "E.10" and "E". */
        const char *code = e->fields[i];
        for (const char *p = code;; p++) {
            if (*p == '.' || *p == 0) {
                sqlite3_bind_text(st, 1, code, (int)(p - code), SQLITE_STATIC);
                sqlite3_bind_int64(st, 2, row);
                if (step_done(b->db, st)) return -1;
            }
            if (*p == 0) break;
        }
    }
    st = b->ins[INS_LANG];
    for (size_t i = 0; i < e->n_languages; i++) {
        sqlite3_bind_text(st, 1, e->languages[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, (int)e->languages[i].level);
        sqlite3_bind_int64(st, 3, row);
        if (step_done(b->db, st)) return -1;
    }
    st = b->ins[INS_NAT];
    for (size_t i = 0; i < e->n_nationalities; i++) {
        sqlite3_bind_text(st, 1, e->nationalities[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, row);
        if (step_done(b->db, st)) return -1;
    }
    return 0;
}

static int put_expert(builder *b, const rs_expert *e, sqlite3_int64 row)
{
    sqlite3_stmt *st = b->ins[INS_EXPERT];
    char gender[2] = {e->gender, 0};
    profile_of(e, &b->profile);
    sqlite3_bind_int64(st, 1, row);
    sqlite3_bind_text(st, 2, e->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e->name, -1, SQLITE_STATIC);
    if (e->status) sqlite3_bind_text(st, 4, rs_sector_name(e->status), -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 4);
    if (e->gender) sqlite3_bind_text(st, 5, gender, 1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, 5);
    bind_text_buf(st, 6, &b->profile);
    if (step_done(b->db, st)) return -1;

    /* The texts roster indexes; the employer goes with the experience. */
    text_add(&b->col[0], e->name);
    text_add(&b->col[1], e->summary);
    text_add(&b->col[2], e->employer);
    for (size_t i = 0; i < e->n_experience; i++) {
        text_add(&b->col[2], e->experience[i].role);
        text_add(&b->col[2], e->experience[i].employer);
        text_add(&b->col[2], e->experience[i].text);
    }
    for (size_t i = 0; i < e->n_education; i++) {
        text_add(&b->col[3], e->education[i].degree);
        text_add(&b->col[3], e->education[i].field);
        text_add(&b->col[3], e->education[i].institution);
    }
    st = b->ins[INS_DOC];
    sqlite3_bind_int64(st, 1, row);
    for (int i = 0; i < 4; i++) bind_text_buf(st, i + 2, &b->col[i]);
    if (step_done(b->db, st)) return -1;
    return put_codes(b, e, row);
}

static int load(builder *b, const char *jsonl, bench_fts_build_stats *st)
{
    FILE *f = fopen(jsonl, "rb");
    if (!f) {
        perror(jsonl);
        return -1;
    }
    rs_reader *rd = bench_alloc(rs_reader_new(f, jsonl, RS_FORMAT_JSONL));
    rs_diag d;
    rs_diag_init(&d);
    int rc = 0;
    for (;;) {
        rs_expert e;
        int got = rs_reader_next(rd, &e, &d);
        rs_diag_truncate(&d, 0); /* warnings about unknown codes are not the point here */
        if (got == 0) break;
        if (got < 0) {
            st->rejected++;
            continue;
        }
        rc = put_expert(b, &e, st->experts + 1);
        rs_expert_free(&e);
        if (rc) break;
        st->experts++;
    }
    if (rs_reader_failed(rd)) {
        fprintf(stderr, "roster-bench: %s: cannot be read as JSONL\n", jsonl);
        rc = -1;
    }
    rs_diag_free(&d);
    rs_reader_free(rd);
    fclose(f);
    return rc;
}

int bench_fts_build(const char *db_path, const char *jsonl, bench_fts_build_stats *st)
{
    memset(st, 0, sizeof *st);
    remove(db_path);
    builder b;
    memset(&b, 0, sizeof b);
    double start = bench_now();
    if (sqlite3_open(db_path, &b.db) != SQLITE_OK) {
        sql_fail(b.db, db_path);
        sqlite3_close(b.db);
        return -1;
    }
    int rc = exec(b.db, schema_sql) || exec(b.db, "BEGIN") ? -1 : 0;
    for (int i = 0; i < N_INSERTS && rc == 0; i++)
        if (sqlite3_prepare_v2(b.db, insert_sql[i], -1, &b.ins[i], NULL) != SQLITE_OK)
            rc = sql_fail(b.db, insert_sql[i]);
    if (rc == 0) rc = load(&b, jsonl, st);
    for (int i = 0; i < N_INSERTS; i++) sqlite3_finalize(b.ins[i]);
    if (rc == 0) rc = exec(b.db, index_sql) || exec(b.db, "COMMIT") ? -1 : 0;
    double merge = bench_now();
    /* Merge FTS5's segments into one, as after any bulk load. */
    if (rc == 0) rc = exec(b.db, "INSERT INTO doc(doc) VALUES ('optimize')");
    if (rc == 0) rc = exec(b.db, "ANALYZE");
    st->optimize_seconds = bench_now() - merge;
    if (sqlite3_close(b.db) != SQLITE_OK) rc = -1;
    st->seconds = bench_now() - start;
    for (int i = 0; i < 4; i++) free(b.col[i].s);
    free(b.profile.s);
    struct stat sb;
    st->bytes = stat(db_path, &sb) == 0 ? (long long)sb.st_size : -1;
    return rc;
}

/* ---- searching ---- */

/* The session's settings, and the table the facets count from. */
static const char session_sql[] = "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;"
                                  "PRAGMA temp_store=MEMORY;"
                                  "CREATE TEMP TABLE matches(expert INTEGER PRIMARY KEY);";

bench_fts *bench_fts_open(const char *db_path)
{
    bench_fts *f = bench_alloc(calloc(1, sizeof *f));
    if (sqlite3_open_v2(db_path, &f->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        exec(f->db, session_sql)) {
        sql_fail(f->db, db_path);
        bench_fts_close(f);
        return NULL;
    }
    return f;
}

void bench_fts_close(bench_fts *f)
{
    if (!f) return;
    sqlite3_close(f->db);
    free(f);
}

void bench_answer_free(bench_answer *a)
{
    bench_facets_free(&a->facets);
    memset(a, 0, sizeof *a);
}

typedef struct {
    sqlite3_str *s;
    int quote_each; /* "a" "b" rather than a b inside one phrase */
    int n;
} token_ctx;

static int add_token(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    token_ctx *t = arg;
    const char *quote = t->quote_each ? "\"" : "";
    sqlite3_str_appendf(t->s, "%s%s%.*s%s", t->n++ ? " " : "", quote, (int)len, word, quote);
    return 0;
}

/* The FTS5 MATCH expression: each folded word quoted ("securite" "sociale"),
 * or all of them as one phrase ("securite sociale"). */
static char *match_expr(const bench_query *q)
{
    token_ctx t = {sqlite3_str_new(NULL), !q->phrase, 0};
    if (q->phrase) sqlite3_str_appendchar(t.s, 1, '"');
    rs_text_words(q->words, strlen(q->words), add_token, &t);
    if (q->phrase) sqlite3_str_appendchar(t.s, 1, '"');
    if (!q->phrase && t.n == 0) sqlite3_str_appendall(t.s, "\"\""); /* no word: matches nothing */
    return bench_alloc(sqlite3_str_finish(t.s));
}

/* Append q's filters on the experts' rowid, leaving out the one of facet
 * `lift` (NULL: none). `in` is "+rowid IN" next to MATCH, else "rowid IN". */
static void add_filters(sqlite3_str *s, const bench_query *q, const char *lift, const char *in,
                        int *first)
{
#define AND() sqlite3_str_appendall(s, (*first)++ ? " AND " : " WHERE ")
    if (q->field && !(lift && strcmp(lift, "field") == 0)) {
        AND();
        sqlite3_str_appendf(s, "%s (SELECT expert FROM expert_field WHERE code = %Q)", in,
                            q->field);
    }
    if (q->lang && !(lift && strcmp(lift, "language") == 0)) {
        AND();
        sqlite3_str_appendf(s, "%s (SELECT expert FROM expert_lang WHERE code = %Q AND level >= %d)",
                            in, q->lang, q->level ? (int)rs_cefr_parse(q->level) : 0);
    }
    if (q->nat && !(lift && strcmp(lift, "nationality") == 0)) {
        AND();
        sqlite3_str_appendf(s, "%s (SELECT expert FROM expert_nat WHERE code = %Q)", in, q->nat);
    }
    if (q->sector && !(lift && strcmp(lift, "sector") == 0)) {
        AND();
        sqlite3_str_appendf(s, "%s (SELECT rowid FROM expert WHERE sector = %Q)", in, q->sector);
    }
    if (q->gender && !(lift && strcmp(lift, "gender") == 0)) {
        AND();
        sqlite3_str_appendf(s, "%s (SELECT rowid FROM expert WHERE gender = %Q)", in, q->gender);
    }
#undef AND
}

/* "FROM ... WHERE ..." selecting the matching experts as `rowid`. */
static void add_source(sqlite3_str *s, const bench_query *q, const char *match, const char *lift)
{
    int first = 0;
    if (match) {
        sqlite3_str_appendf(s, " FROM doc WHERE doc MATCH %Q", match);
        first = 1;
        add_filters(s, q, lift, "+rowid IN", &first);
    } else {
        sqlite3_str_appendall(s, " FROM expert");
        add_filters(s, q, lift, "rowid IN", &first);
    }
}

typedef int (*row_fn)(sqlite3_stmt *st, void *ctx);

/* Run one statement (sql, which is freed), each row to fn. */
static int run(bench_fts *f, char *sql, row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = 0;
    if (sqlite3_prepare_v2(f->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = sql_fail(f->db, sql);
    } else {
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            if (fn && fn(st, ctx)) break;
        if (step != SQLITE_ROW && step != SQLITE_DONE) rc = sql_fail(f->db, sql);
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    return rc;
}

static char *finish(sqlite3_str *s) { return bench_alloc(sqlite3_str_finish(s)); }

/* Read a hit's id, name and profile, as a caller showing it would. */
static int take_hit(sqlite3_stmt *st, void *arg)
{
    bench_answer *a = arg;
    size_t bytes = 0;
    for (int i = 0; i < 3; i++)
        if (sqlite3_column_text(st, i)) bytes += (size_t)sqlite3_column_bytes(st, i);
    a->n_hits += bytes > 0;
    return 0;
}

static int take_count(sqlite3_stmt *st, void *arg)
{
    *(uint32_t *)arg = (uint32_t)sqlite3_column_int64(st, 0);
    return 0;
}

typedef struct { bench_facets *out; const char *facet; } facet_ctx;

static int take_facet(sqlite3_stmt *st, void *arg)
{
    facet_ctx *c = arg;
    const char *value = (const char *)sqlite3_column_text(st, 0);
    if (value && *value)
        bench_facets_add(c->out, c->facet, value, (uint32_t)sqlite3_column_int64(st, 1));
    return 0;
}

/* The top `limit` hits with their profiles. */
static char *hits_sql(const bench_query *q, const char *match, size_t limit)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    if (match) {
        sqlite3_str_appendall(s, "SELECT e.id, e.name, e.profile FROM (SELECT rowid AS r, rank AS k");
        add_source(s, q, match, NULL);
        sqlite3_str_appendf(s, " ORDER BY rank LIMIT %d) AS m JOIN expert AS e ON e.rowid = m.r"
                               " ORDER BY m.k", (int)limit);
    } else {
        sqlite3_str_appendall(s, "SELECT id, name, profile");
        add_source(s, q, NULL, NULL);
        sqlite3_str_appendf(s, " ORDER BY rowid LIMIT %d", (int)limit);
    }
    return finish(s);
}

static char *total_sql(const bench_query *q, const char *match)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "SELECT count(*)");
    add_source(s, q, match, NULL);
    return finish(s);
}

/* The facets by table: value column, table and expert column. */
static const struct {
    const char *facet, *select, *expert;
} facet_sql[] = {
    {"field", "SELECT code, count(*) FROM expert_field WHERE length(code) = 1 AND", "expert"},
    {"language", "SELECT code, count(*) FROM expert_lang WHERE", "expert"},
    {"nationality", "SELECT code, count(*) FROM expert_nat WHERE", "expert"},
    {"sector", "SELECT sector, count(*) FROM expert WHERE", "rowid"},
    {"gender", "SELECT gender, count(*) FROM expert WHERE", "rowid"},
};

/* The matches, kept in temp.matches for the facets that keep every filter. */
static char *matches_sql(const bench_query *q, const char *match)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "DELETE FROM temp.matches; INSERT INTO temp.matches SELECT rowid");
    add_source(s, q, match, NULL);
    return finish(s);
}

/* Facet i's counts, its own filter lifted. */
static char *facet_counts_sql(const bench_query *q, const char *match, size_t i)
{
    const char *facet = facet_sql[i].facet;
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendf(s, "%s %s IN (", facet_sql[i].select, facet_sql[i].expert);
    if (bench_query_filters(q, facet)) {
        sqlite3_str_appendall(s, "SELECT rowid");
        add_source(s, q, match, facet);
    } else {
        sqlite3_str_appendall(s, "SELECT expert FROM temp.matches");
    }
    sqlite3_str_appendall(s, ") GROUP BY 1");
    return finish(s);
}

#define N_FACETS (sizeof facet_sql / sizeof facet_sql[0])

static int facets(bench_fts *f, const bench_query *q, const char *match, bench_answer *out)
{
    char *sql = matches_sql(q, match);
    int rc = exec(f->db, sql);
    sqlite3_free(sql);
    if (rc) return rc;
    out->total = (uint32_t)sqlite3_changes(f->db);
    for (size_t i = 0; i < N_FACETS && rc == 0; i++) {
        facet_ctx c = {&out->facets, facet_sql[i].facet};
        rc = run(f, facet_counts_sql(q, match, i), take_facet, &c);
    }
    return rc;
}

int bench_fts_search(bench_fts *f, const bench_query *q, size_t limit, int with_facets,
                     bench_answer *out)
{
    memset(out, 0, sizeof *out);
    char *match = q->words ? match_expr(q) : NULL;
    int rc = run(f, hits_sql(q, match, limit), take_hit, out);
    if (rc == 0)
        rc = with_facets ? facets(f, q, match, out)
                         : run(f, total_sql(q, match), take_count, &out->total);
    sqlite3_free(match);
    return rc;
}

char *bench_fts_script(const bench_query *q, size_t limit, int with_facets)
{
    char *match = q->words ? match_expr(q) : NULL;
    sqlite3_str *s = sqlite3_str_new(NULL);
    char *part = hits_sql(q, match, limit);
    sqlite3_str_appendf(s, "%s%s;", session_sql, part);
    sqlite3_free(part);
    if (with_facets) {
        part = matches_sql(q, match);
        sqlite3_str_appendf(s, "%s;", part);
        sqlite3_free(part);
        for (size_t i = 0; i < N_FACETS; i++) {
            part = facet_counts_sql(q, match, i);
            sqlite3_str_appendf(s, "%s;", part);
            sqlite3_free(part);
        }
    } else {
        part = total_sql(q, match);
        sqlite3_str_appendf(s, "%s;", part);
        sqlite3_free(part);
    }
    sqlite3_free(match);
    char *script = finish(s), *copy = bench_alloc(strdup(script));
    sqlite3_free(script);
    return copy;
}

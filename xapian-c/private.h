/*
 * xapian-c internals: the structs behind the opaque handles and the helpers
 * that turn C++ exceptions into xc_status. Only xapian-c's .cc files include
 * this header.
 *
 * Every entry point follows one pattern: check the C arguments (a NULL
 * handle gives XC_ERR_INVALID_ARGUMENT with nowhere to keep a message), then
 * do the Xapian work inside try, and in catch (...) hand the exception to
 * xc_caught(), which names it and stores its message in the handle.
 */
#ifndef XAPIAN_C_PRIVATE_H
#define XAPIAN_C_PRIVATE_H

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include <xapian.h>

#include "xapian-c/xapian-c.h"

/* The C API carries ids and counts as uint32_t: refuse to build against a
 * libxapian configured with 64-bit document ids. */
static_assert(sizeof(Xapian::docid) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::docid");
static_assert(sizeof(Xapian::doccount) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::doccount");
static_assert(sizeof(Xapian::termcount) == sizeof(uint32_t), "xapian-c needs 32-bit Xapian::termcount");

/* Distinct short strings numbered in the order first seen, found without
 * building a std::string (open addressing over FNV-1a hashes). */
class xc_token_index {
  public:
    xc_token_index() : table(64, 0) {}
    /* The token's number, adding it when new. */
    uint32_t intern(const char *token, size_t len);
    const std::string &token(uint32_t id) const { return tokens[id]; }
    size_t size() const { return tokens.size(); }

  private:
    void grow();
    std::vector<std::string> tokens;
    std::vector<uint32_t> table; /* id + 1, 0 = free */
};

/* Every document's tokens in one value slot, read in one pass over the
 * slot's value stream, for spies (see xc_spy_new). Not changed once built:
 * a spy keeps the table it started with. */
struct xc_token_table {
    xc_token_index names;
    std::vector<uint32_t> first; /* by docid: where its tokens start in ids */
    std::vector<uint32_t> ids;
};

/* What a database knows of one slot's tokens at one revision. */
struct xc_token_slot {
    Xapian::rev revision = 0;
    Xapian::doccount read_one_by_one = 0; /* values spies read without a table */
    std::shared_ptr<const xc_token_table> table; /* NULL until built */
};

/* Terms' documents as bitmaps (bit d: docid d), for xc_db_match at one
 * revision: a term's posting list becomes one the second time a match
 * walks it, while they take no more than XC_TERM_BITS_BYTES in all (a
 * handle each: the service holds one per thread). The count of walks
 * starts again past XC_TERM_WALKS_MAX terms, so a long-lived reader that
 * sees no write keeps a bounded record of the terms it was asked. */
#define XC_TERM_BITS_BYTES (16u << 20)
#define XC_TERM_WALKS_MAX 65536u
struct xc_term_bits {
    Xapian::rev revision = 0;
    std::unordered_map<std::string, uint32_t> walked; /* walks of terms without bits */
    std::unordered_map<std::string, std::vector<uint64_t>> bits;
    size_t bytes = 0;
};

/* One weighed part of a query: a term, or a SYNONYM of terms weighed as
 * one term whose wdf is the sum of theirs; scales: the scale factors above
 * it, innermost first (a factor 0: it matches but weighs nothing). */
struct xc_leaf {
    std::vector<std::string> terms;
    Xapian::termcount wqf;
    std::vector<double> scales;
};

/* A term's posting list read whole, n postings in bytes: for each, the gap
 * from the previous docid and then the wdf, each a LEB128 varint (two or
 * three bytes a posting where a docid and a wdf would take eight, so a
 * handle keeps three times the lists). */
struct xc_postings {
    Xapian::doccount n = 0;
    std::vector<uint8_t> bytes;
};

/* What a ranking adds up for one document, and the share of a term's
 * weight a wdf of 1 gives it (1 / (norm + 1): most postings have wdf 1),
 * side by side: a posting reads one cache line. */
struct xc_rank_doc {
    double weight;
    double one_in;
};

/* What xc_db_rank keeps of a database at one revision. By docid: norm,
 * BM25's k1 * (normlen * b + (1 - b)), the part of its denominator that
 * depends on the document's length alone; docs; mark (XC_RANK_HELD: some
 * leaf holds it; XC_RANK_OUT: a restriction takes it out; XC_RANK_IN: a
 * restriction's query matches it); slot, where xc_db_weigh keeps a
 * document it was asked for (0: not asked); wdf_sum, a SYNONYM's scratch.
 * held lists the documents the last tally marked (the sums of `leaves`,
 * when tallied), so that a ranking costs what its posting lists hold, not
 * the size of the database: the next one clears them, or uses them again
 * when it has the same leaves. The arrays are kept to save allocating and
 * faulting in megabytes at each ranking. As with xc_term_bits, a term
 * read a second time at a revision is kept, while the lists kept take at
 * most XC_POSTINGS_BYTES or XC_POSTINGS_BYTES_PER_DOC a document, whichever
 * is more (a handle each: a ToR's query holds about twelve postings a
 * document, and the lists of its codes' labels come back in every ToR);
 * the count of reads starts again past XC_TERM_WALKS_MAX terms. */
#define XC_POSTINGS_BYTES (32u << 20)
#define XC_POSTINGS_BYTES_PER_DOC 128u
enum { XC_RANK_HELD = 1, XC_RANK_OUT = 2, XC_RANK_IN = 4 };
struct xc_rank_state {
    Xapian::rev revision = 0;
    Xapian::rev asked_revision = 0; /* rankings asked before the norms were read */
    uint32_t asked = 0;
    std::vector<double> norm; /* empty until first asked */
    std::vector<xc_rank_doc> docs;
    std::vector<uint8_t> mark;
    std::vector<uint32_t> slot;
    std::vector<Xapian::docid> held;
    std::vector<xc_leaf> leaves;
    bool tallied = false;
    std::vector<Xapian::termcount> wdf_sum; /* wdf + 1 of a document seen, else 0 */
    std::vector<Xapian::docid> synonym_docs;
    std::unordered_map<std::string, uint32_t> read; /* reads of terms not kept */
    std::unordered_map<std::string, std::shared_ptr<const xc_postings>> kept;
    size_t kept_bytes = 0;
};

/* One shard of a database opened from a stub: how the stub names it
 * ("remote HOST:PORT", or the path of a local one) and the shard alone, for
 * its metadata and revision. It shares its internals with the combined
 * database, so a reopen of that one moves it too. */
struct xc_shard {
    std::string name;
    std::string path; /* "" for a remote shard */
    std::string host; /* a remote shard's */
    unsigned port = 0;
    Xapian::Database db;
};

/* Documents' data as read at one revision, kept by docid while they take
 * no more than XC_DOC_DATA_BYTES (a handle each): a long-lived reader
 * reads the same candidates and hits again and again (at 1,000 experts
 * every match reads 400 of them), and Xapian reads each from its table
 * and inflates it anew. Documents read from it hold it too, so one may
 * outlive its handle. */
#define XC_DOC_DATA_BYTES (16u << 20)
struct xc_doc_data {
    Xapian::rev revision = 0;
    std::unordered_map<Xapian::docid, std::shared_ptr<const std::string>> kept;
    size_t bytes = 0;
};

struct xc_db {
    Xapian::Database db; /* every shard combined (Xapian interleaves their docids) */
    std::vector<xc_shard> shards; /* one, the database itself, when not a stub */
    std::vector<std::string> missing; /* shards left out by xc_db_open_shards' allow_partial */
    /* Some shard is remote: its posting lists, lengths and values would
     * cross the network one by one, so every match, ranking and count goes
     * through Xapian's matcher, which runs on the shards and sends back
     * results (a page, statistics, ValueCountMatchSpy counts). */
    bool remote = false;
    /* Remote: term frequencies asked since the last reopen (a round trip
     * to every shard each); the shards answer from the revision they
     * opened until then. */
    std::unordered_map<std::string, Xapian::doccount> termfreqs;
    std::string error;
    std::map<Xapian::valueno, xc_token_slot> tokens;
    xc_term_bits term_bits;
    xc_rank_state rank;
    std::shared_ptr<xc_doc_data> doc_data = std::make_shared<xc_doc_data>();
};

struct xc_wdb {
    Xapian::WritableDatabase db;
    /* Xapian commits pending changes when a WritableDatabase is destroyed
     * unless a transaction is open, so the handle keeps one open between
     * commits: that is what makes xc_wdb_free discard them. */
    bool in_transaction = false;
    std::string error;
};

struct xc_doc {
    Xapian::Document doc;
    /* Its data once read: backs the pointer given by xc_doc_get_data. */
    std::shared_ptr<const std::string> data;
    /* Where to keep the data when read (xc_db_get_doc's; NULL for others),
     * and what it is kept as. */
    std::shared_ptr<xc_doc_data> keep;
    Xapian::rev revision = 0;
    Xapian::docid docid = 0;
    std::string value; /* backs the pointer given by xc_doc_get_value */
    std::string error;
};

/* How a query weighs a document, for xc_db_rank: the sum of its leaves'
 * weights, over the documents some leaf holds that match no query of
 * but_not and every query of only_if (plain ones; their weights are in
 * the leaves already, or weigh nothing). rankable is false for any other
 * shape (a phrase, a value range or match-all where weight is summed, a
 * restriction below an OR, a SYNONYM of more than distinct terms,
 * AND_MAYBE); xc_db_rank then asks Xapian's matcher. */
struct xc_weighing {
    bool rankable = true;
    std::vector<xc_leaf> leaves;
    std::vector<Xapian::Query> but_not, only_if;
};

struct xc_query {
    Xapian::Query query;
    /* Every document it matches weighs 0 (filters only): Xapian then ranks
     * its matches by docid. Worked out as the query is built, since Xapian
     * does not tell a scale factor back. */
    bool weightless;
    /* Worked out as the query is built, for the same reason. */
    std::shared_ptr<const xc_weighing> weighing;
};

struct xc_enquire {
    explicit xc_enquire(const xc_db &db_)
        : enquire(db_.db), db(db_.db), shards(db_.shards), remote(db_.remote), sort_slot(0),
          sort_by_value(false),
          sort_reverse(false) {}
    Xapian::Enquire enquire;
    /* The void setters only record what they are given; get_mset applies it,
     * so any Xapian failure surfaces there as a status. */
    Xapian::Query query;
    /* The database's, kept by value: an enquire may outlive its xc_db. */
    Xapian::Database db;
    std::vector<xc_shard> shards; /* to name a shard that failed */
    bool remote;
    /* Over several shards the spies are not Xapian's: get_mset counts for
     * them (xc_value_spies remotely, else every match by its docid). */
    std::vector<xc_spy *> spies;
    Xapian::valueno sort_slot;
    bool sort_by_value;
    bool sort_reverse;
    std::string error;
};

struct xc_mset {
    Xapian::MSet mset;
    /* Over remote shards the first document asked fetches every one of the
     * page at once (MSet::fetch), instead of a round trip each. */
    bool fetch_all = false;
    std::string error;
};

/* Counts the space-separated tokens of one value slot over the documents
 * matched (see xc_spy_new). Until the database's token table for the slot
 * is built, values are read one by one with a forward iterator (the matcher
 * hands documents over in docid order) and their tokens split here. */
class xc_token_spy : public Xapian::MatchSpy {
  public:
    xc_token_spy(xc_db *db, Xapian::valueno slot, const std::string &keys);
    void operator()(const Xapian::Document &doc, double wt) override;
    void count(Xapian::docid did);
    /* Count the tokens of a value that `times` documents hold: the counts
     * of a ValueCountMatchSpy over a remote database, split into tokens. */
    void count_value(const std::string &value, Xapian::doccount times);
    Xapian::valueno counted_slot() const { return slot; }
    void set_key_slot(unsigned char key, Xapian::valueno slot);
    /* The slots Xapian's spies are to count over remote shards: those of
     * the keys counted when every one has its own (xc_spy_key_slot), else
     * the slot of them all. */
    std::vector<Xapian::valueno> remote_slots() const;
    /* The tokens counted with their counts, in byte order. */
    std::vector<std::pair<const std::string *, Xapian::doccount>> sorted_counts() const;

    Xapian::doccount total = 0; /* documents seen */

  private:
    xc_db *db;
    Xapian::valueno slot;
    bool wanted[256];            /* first bytes of the tokens counted */
    Xapian::valueno key_slot[256] = {}; /* + 1: the slot of a key's tokens alone; 0: none */
    xc_token_slot *state;        /* the database's, for this slot */
    std::shared_ptr<const xc_token_table> table; /* NULL: read values one by one */
    xc_token_index own;          /* tokens met without a table */
    std::vector<Xapian::doccount> counts; /* by token id (table's or own) */
    std::vector<char> counted;   /* by table token id: wanted? */
    Xapian::ValueIterator values; /* at or before the next docid */
    Xapian::docid last = 0;      /* the last docid seen; 0: none yet */
};

/* Run a ValueCountMatchSpy for each of spies on enquire's next get_mset,
 * then fold their counts into the spies: over remote shards, where a
 * custom spy cannot run. */
class xc_value_spies {
  public:
    xc_value_spies(Xapian::Enquire &enquire, const std::vector<xc_spy *> &spies);
    void fold();

  private:
    std::vector<xc_spy *> spies;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> counters;
    std::vector<size_t> first; /* spy i's counters: first[i] .. first[i + 1] */
};

/* The revision that caches are kept for: the database's, or for shards a
 * mix of theirs (Xapian gives none for several), 0 for a remote one. */
Xapian::rev xc_revision(const xc_db *db);

/* Feed spy one matching document (xc_db_match goes without Documents). */
void xc_spy_count(xc_spy *spy, Xapian::docid did);

/* The documents matching q (plain: see xc_query_is_plain) as a bitmap, bit
 * d for docid d, into out, when each of q's terms has one (xc_term_bits:
 * this counts as a walk of them): true; else false, out untouched. */
bool xc_match_bits(xc_db *db, const Xapian::Query &q, std::vector<uint64_t> &out);
/* Every document matching q (plain), in docid order, to fn, from the
 * posting lists (where xc_match_bits has no bitmap). */
void xc_walk_matches(xc_db *db, const Xapian::Query &q,
                     const std::function<void(Xapian::docid)> &fn);

struct xc_spy {
    xc_spy(xc_db *db, Xapian::valueno slot, const std::string &keys) : spy(db, slot, keys) {}
    xc_token_spy spy;
};

struct xc_stem {
    explicit xc_stem(const std::string &language) : stem(language) {}
    Xapian::Stem stem;
    /* Words already stemmed: a roster's vocabulary repeats from CV to CV,
     * and Snowball costs more than a lookup. Backs the pointer given by
     * xc_stem_word; emptied when it reaches XC_STEM_CACHE_MAX words. */
    std::unordered_map<std::string, std::string> cache;
};

#define XC_STEM_CACHE_MAX 200000

/* Call only inside a catch block: rethrows the exception in flight, maps it
 * to a status and stores its description in *msg (when msg is not NULL). */
xc_status xc_caught(std::string *msg) noexcept;

/* xc_caught for a call on db: when a remote shard failed, the message
 * names the shards that no longer answer a new connection (Xapian's own
 * message often names none). */
xc_status xc_db_caught(xc_db *db) noexcept;
/* The same for a call on those shards, the message into *msg. */
xc_status xc_shards_caught(const std::vector<xc_shard> &shards, std::string *msg) noexcept;

/* Store text in *msg (when msg is not NULL) and return status. */
xc_status xc_fail(std::string *msg, xc_status status, const char *text) noexcept;

/* Hand msg to the caller of a constructor: *err = malloc'd copy (NULL if the
 * copy fails), nothing when err is NULL. */
void xc_give_error(char **err, const std::string &msg) noexcept;

/* malloc'd copy of s with a terminating NUL; NULL when out of memory. */
char *xc_strdup(const std::string &s) noexcept;

#endif

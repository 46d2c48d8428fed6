/*
 * Ranking by weight, one posting list at a time (xc_db_rank).
 *
 * A ToR's retrieval query is an OR of about a thousand terms. Xapian's
 * matcher merges their posting lists a document at a time, each step a
 * walk down a tree of binary ORs, and spends about 100 ns a posting on it.
 * Summing each leaf's weights into an array indexed by docid reads each
 * posting once, in order, at about a tenth of that.
 *
 * The weights are Xapian's: BM25Weight with its default parameters (what
 * Enquire uses unless told otherwise), its expressions written in its order
 * of operations, the statistics it uses (a SYNONYM's term frequency is its
 * estimate for the OR of the synonym's terms). Only the order in which a
 * document's leaf weights are added differs, so a weight may differ in its
 * last bits. They are Xapian 1.4's formulas: test_rank_as_matcher
 * (tests/unit/test_xapian_c.c) ranks random queries both ways and would
 * catch a libxapian that weighs otherwise.
 */
#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include "xapian-c/private.h"

namespace {

/* Xapian::BM25Weight's defaults: k1, k2 (0: no extra part), k3, b and
 * min_normlen. */
const double K1 = 1, K3 = 1, B = 0.5, MIN_NORMLEN = 0.5;

/* BM25Weight::init: the weight of a term held by tf of n documents. */
double term_weight(Xapian::doccount tf, Xapian::doccount n, Xapian::termcount wqf, double factor)
{
    double tw = (n - tf + 0.5) / (tf + 0.5);
    if (tw < 2)
        tw = tw * 0.5 + 1;
    double weight = std::log(tw) * factor;
    double wqf_double = wqf;
    weight *= (K3 + 1) * wqf_double / (K3 + wqf_double);
    return weight * (K1 + 1);
}

/* How many documents Xapian reckons a SYNONYM's terms hold together: it
 * joins their lists in a tree of binary ORs, the two least frequent
 * first, and estimates each join as of independent lists, rounded. */
Xapian::doccount synonym_freq(const std::vector<Xapian::doccount> &freqs, Xapian::doccount n)
{
    std::priority_queue<Xapian::doccount, std::vector<Xapian::doccount>,
                        std::greater<Xapian::doccount>>
        least(freqs.begin(), freqs.end());
    while (least.size() > 1) {
        double a = least.top();
        least.pop();
        double b = least.top();
        least.pop();
        least.push(static_cast<Xapian::doccount>(a + b - (a * b / n) + 0.5));
    }
    return least.empty() ? 0 : least.top();
}

/* The documents' length norms at db's revision (see xc_rank_state), read
 * from the lengths' list when it moved, with the kept lists and the last
 * tally forgotten. */
xc_rank_state &rank_state(xc_db *db)
{
    xc_rank_state &r = db->rank;
    Xapian::rev revision = xc_revision(db);
    if (r.revision != revision || r.norm.empty()) {
        r = xc_rank_state();
        r.revision = revision;
        size_t size = db->db.get_lastdocid() + 1;
        r.norm.assign(size, 0);
        r.docs.assign(size, xc_rank_doc{0, 0});
        r.mark.assign(size, 0);
        r.slot.assign(size, 0);
        r.wdf_sum.assign(size, 0);
        Xapian::doccount docs = db->db.get_doccount();
        double average = docs ? Xapian::doclength(db->db.get_total_length()) / docs : 0;
        double len_factor = average != 0 ? 1 / average : 0;
        for (Xapian::PostingIterator it = db->db.postlist_begin("");
             it != db->db.postlist_end(""); ++it) {
            Xapian::doclength normlen = std::max(it.get_doclength() * len_factor, MIN_NORMLEN);
            r.norm[*it] = K1 * (normlen * B + (1 - B));
            r.docs[*it].one_in = 1.0 / (r.norm[*it] + 1.0);
        }
    }
    if (r.read.size() > XC_TERM_WALKS_MAX)
        r.read.clear();
    return r;
}

void put_varint(std::vector<uint8_t> &out, uint32_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<uint8_t>(v));
}

inline uint32_t get_varint(const uint8_t *&b)
{
    uint32_t v = *b & 0x7f;
    for (int shift = 7; *b++ & 0x80; shift += 7)
        v |= static_cast<uint32_t>(*b & 0x7f) << shift;
    return v;
}

/* Documents as bits: bit d for docid d (xc_match_bits). */
typedef std::vector<uint64_t> bitmap;

inline bool has(const bitmap &b, Xapian::docid d)
{
    return b[d >> 6] >> (d & 63) & 1;
}

/* A place in a term's postings: next is the docid of the posting whose
 * wdf b points at, 0 past the end (Xapian's docids start at 1). */
struct cursor {
    const uint8_t *b, *end;
    Xapian::docid next;
};

cursor start_of(const xc_postings &p)
{
    cursor c{p.bytes.data(), p.bytes.data() + p.bytes.size(), 0};
    if (c.b < c.end)
        c.next = get_varint(c.b);
    return c;
}

/* The postings of c below docid `below`, in order, to fn(docid, wdf). */
template <typename F> inline void walk_below(cursor &c, Xapian::docid below, F fn)
{
    while (c.next != 0 && c.next < below) {
        Xapian::docid d = c.next;
        Xapian::termcount wdf = get_varint(c.b);
        c.next = c.b < c.end ? d + get_varint(c.b) : 0;
        fn(d, wdf);
    }
}

/* A term's postings: kept ones, or read from Xapian (and kept, the second
 * time at a revision, when there is room). */
std::shared_ptr<const xc_postings> postings_of(xc_db *db, xc_rank_state &r,
                                               const std::string &term)
{
    auto found = r.kept.find(term);
    if (found != r.kept.end())
        return found->second;
    auto p = std::make_shared<xc_postings>();
    Xapian::docid last = 0;
    for (Xapian::PostingIterator it = db->db.postlist_begin(term), end; it != end; ++it) {
        put_varint(p->bytes, *it - last);
        put_varint(p->bytes, it.get_wdf());
        last = *it;
        p->n++;
    }
    size_t bytes = p->bytes.size();
    size_t room = std::max<size_t>(XC_POSTINGS_BYTES, XC_POSTINGS_BYTES_PER_DOC * r.norm.size());
    if (++r.read[term] >= 2 && r.kept_bytes + bytes <= room) {
        r.read.erase(term);
        r.kept_bytes += bytes;
        r.kept.emplace(term, p);
    }
    return p;
}

/* A leaf holds document d. */
inline void hold(xc_rank_state &r, Xapian::docid d)
{
    if (r.mark[d] == 0) {
        r.mark[d] = XC_RANK_HELD;
        r.held.push_back(d);
    }
}

/* A posting's share of its leaf's weight, as BM25Weight::get_sumpart
 * weighs it (wdf > 0). */
inline double share(const xc_rank_state &r, Xapian::docid d, Xapian::termcount wdf)
{
    if (wdf == 1)
        return r.docs[d].one_in;
    double wdf_double = wdf;
    double denom = r.norm[d] + wdf_double;
    return wdf_double / denom;
}

/* Where a ranking's sums and marks go: every document, in r (rank_here).
 * A sink takes the postings it wants (add), and gives the mark of a
 * document it holds (mark_of, NULL for one it does not) and every mark it
 * holds (each_mark), for the restrictions. */
struct every_doc {
    xc_rank_state &r;
    const bitmap *only; /* the documents wanted, as a bitmap; NULL: all */
    bool wants(Xapian::docid d) const { return !only || has(*only, d); }
    void add(Xapian::docid d, double weight, Xapian::termcount wdf)
    {
        hold(r, d);
        if (weight != 0 && wdf != 0)
            r.docs[d].weight += weight * share(r, d, wdf);
    }
    uint8_t *mark_of(Xapian::docid d) { return r.mark[d] ? &r.mark[d] : NULL; }
    template <typename F> void each_mark(F fn)
    {
        for (Xapian::docid d : r.held)
            fn(d, r.mark[d]);
    }
};

/* Where a weighing's sums and marks go: the documents asked for only, by
 * their place in r.slot (weigh_here). */
struct some_docs {
    xc_rank_state &r;
    const uint32_t *docids; /* as asked: mark[i] is docids[i]'s, where slot says so */
    std::vector<double> &sum;
    std::vector<uint8_t> &mark;
    bool wants(Xapian::docid d) const { return r.slot[d] != 0; }
    void add(Xapian::docid d, double weight, Xapian::termcount wdf)
    {
        uint32_t i = r.slot[d] - 1;
        mark[i] |= XC_RANK_HELD;
        if (weight != 0 && wdf != 0)
            sum[i] += weight * share(r, d, wdf);
    }
    uint8_t *mark_of(Xapian::docid d)
    {
        return d < r.slot.size() && r.slot[d] ? &mark[r.slot[d] - 1] : NULL;
    }
    template <typename F> void each_mark(F fn)
    {
        for (uint32_t i = 0; i < mark.size(); i++)
            if (docids[i] < r.slot.size() && r.slot[docids[i]] == i + 1)
                fn(docids[i], mark[i]);
    }
};

/* After an only_if query marked what it matches (XC_RANK_IN): the rest
 * is out. */
inline void out_unless_in(Xapian::docid, uint8_t &m)
{
    m = m & XC_RANK_IN ? m & ~XC_RANK_IN : m | XC_RANK_OUT;
}

/* A weighing's restrictions: those whose terms have bitmaps joined into
 * two (only: the documents every such only_if query matches; out: those
 * some such but_not query matches; empty when there is none), the others
 * to be matched one by one. */
struct restrictions {
    bitmap only, out;
    std::vector<const Xapian::Query *> walk_only, walk_out;
};

/* The queries whose terms have bitmaps joined into `joined` (the documents
 * every one matches when `every`, else those any one matches); the others
 * into walk. */
void join_bits(xc_db *db, const std::vector<Xapian::Query> &queries, bool every,
               bitmap &joined, std::vector<const Xapian::Query *> &walk)
{
    bitmap bits;
    for (const Xapian::Query &q : queries) {
        if (!xc_match_bits(db, q, bits))
            walk.push_back(&q);
        else if (joined.empty())
            joined = bits;
        else
            for (size_t i = 0; i < bits.size(); i++)
                joined[i] = every ? joined[i] & bits[i] : joined[i] | bits[i];
    }
}

restrictions restrictions_of(xc_db *db, const xc_weighing &w)
{
    restrictions rs;
    join_bits(db, w.only_if, true, rs.only, rs.walk_only);
    join_bits(db, w.but_not, false, rs.out, rs.walk_out);
    return rs;
}

/* Mark out what the restrictions take out of what sink holds. */
template <typename Sink> void apply_restrictions(xc_db *db, const restrictions &rs, Sink &sink)
{
    for (const Xapian::Query *q : rs.walk_out)
        xc_walk_matches(db, *q, [&](Xapian::docid d) {
            if (uint8_t *m = sink.mark_of(d))
                *m |= XC_RANK_OUT;
        });
    for (const Xapian::Query *q : rs.walk_only) {
        xc_walk_matches(db, *q, [&](Xapian::docid d) {
            if (uint8_t *m = sink.mark_of(d))
                *m |= XC_RANK_IN;
        });
        sink.each_mark(out_unless_in);
    }
    if (!rs.only.empty() || !rs.out.empty())
        sink.each_mark([&](Xapian::docid d, uint8_t &m) {
            if ((!rs.only.empty() && !has(rs.only, d)) || (!rs.out.empty() && has(rs.out, d)))
                m |= XC_RANK_OUT;
        });
}

/* Is a mark that of a document held and not taken out? */
inline bool counts(uint8_t mark)
{
    return (mark & (XC_RANK_HELD | XC_RANK_OUT)) == XC_RANK_HELD;
}

/* The weight of a leaf whose terms hold freqs of the documents. */
double leaf_weight(const xc_leaf &leaf, const std::vector<Xapian::doccount> &freqs,
                   Xapian::doccount n)
{
    double factor = 1.0;
    for (auto s = leaf.scales.rbegin(); s != leaf.scales.rend(); ++s)
        factor = factor * *s;
    Xapian::doccount tf = freqs.size() == 1 ? freqs[0] : synonym_freq(freqs, n);
    return factor != 0 && tf ? term_weight(tf, n, leaf.wqf, factor) : 0;
}

/* A leaf as walked: its weight and a cursor in each of its terms' lists
 * (which `lists` keeps alive). */
struct leaf_walk {
    double weight;
    std::vector<std::shared_ptr<const xc_postings>> lists;
    std::vector<cursor> at;
};

leaf_walk walk_of(xc_db *db, const xc_leaf &leaf, xc_rank_state &r)
{
    leaf_walk w;
    std::vector<Xapian::doccount> freqs;
    for (const std::string &term : leaf.terms) {
        w.lists.push_back(postings_of(db, r, term));
        freqs.push_back(w.lists.back()->n);
        w.at.push_back(start_of(*w.lists.back()));
    }
    w.weight = leaf_weight(leaf, freqs, db->db.get_doccount());
    return w;
}

/* Add a leaf's weight to each document below `below` it holds that sink
 * wants. A SYNONYM's wdfs are summed per document first (in wdf_sum). */
template <typename Sink>
void add_leaf_below(leaf_walk &w, Xapian::docid below, xc_rank_state &r, Sink &sink)
{
    if (w.at.size() == 1)
        return walk_below(w.at[0], below, [&](Xapian::docid d, Xapian::termcount wdf) {
            if (sink.wants(d))
                sink.add(d, w.weight, wdf);
        });
    r.synonym_docs.clear();
    for (cursor &c : w.at)
        walk_below(c, below, [&](Xapian::docid d, Xapian::termcount wdf) {
            if (!sink.wants(d))
                return;
            Xapian::termcount &sum = r.wdf_sum[d];
            if (sum == 0) {
                r.synonym_docs.push_back(d);
                sum = 1;
            }
            sum += wdf;
        });
    for (Xapian::docid d : r.synonym_docs) {
        sink.add(d, w.weight, r.wdf_sum[d] - 1);
        r.wdf_sum[d] = 0;
    }
}

/* Add every leaf's weight to the documents that hold it and sink wants,
 * docids a block at a time, the leaves in order within each: a document
 * gets its weights in the leaves' order, as leaf after leaf would add
 * them, while the sums, norms and marks of a block stay in the cache (a
 * ToR's leaves are about a thousand lists over the whole roster). */
template <typename Sink>
void add_leaves(xc_db *db, const std::vector<xc_leaf> &leaves, xc_rank_state &r, Sink &sink,
                Xapian::docid block)
{
    std::vector<leaf_walk> walks;
    walks.reserve(leaves.size());
    for (const xc_leaf &leaf : leaves)
        walks.push_back(walk_of(db, leaf, r));
    Xapian::docid end = static_cast<Xapian::docid>(r.norm.size());
    for (Xapian::docid below = 1; below < end;) {
        below = end - below > block ? below + block : end;
        for (leaf_walk &w : walks)
            add_leaf_below(w, below, r, sink);
    }
}

/* Xapian's order: heavier first, then the lower docid. */
struct better {
    const std::vector<xc_rank_doc> &docs;
    bool operator()(Xapian::docid a, Xapian::docid b) const
    {
        double wa = docs[a].weight, wb = docs[b].weight;
        return wa != wb ? wa > wb : a < b;
    }
};

bool same_leaves(const std::vector<xc_leaf> &a, const std::vector<xc_leaf> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); i++)
        if (a[i].terms != b[i].terms || a[i].wqf != b[i].wqf || a[i].scales != b[i].scales)
            return false;
    return true;
}

/* Documents in a tally's block: their sums, norms, marks and SYNONYM
 * scratch (29 bytes each) take under half a megabyte, which a core's own
 * cache holds. */
#define TALLY_BLOCK_DOCS 16384

/* The sums of w's leaves over every document they hold, in r: kept from
 * the last ranking when its leaves were the same (a ToR ranked with its
 * rules and then without, for the remedies), but for its restrictions. */
void tally(xc_db *db, const xc_weighing &w, xc_rank_state &r, every_doc &sink)
{
    if (r.tallied && same_leaves(r.leaves, w.leaves)) {
        for (Xapian::docid d : r.held)
            r.mark[d] = XC_RANK_HELD;
        return;
    }
    for (Xapian::docid d : r.held) {
        r.docs[d].weight = 0;
        r.mark[d] = 0;
    }
    r.held.clear();
    r.tallied = false;
    add_leaves(db, w.leaves, r, sink, TALLY_BLOCK_DOCS);
    r.leaves = w.leaves;
    r.tallied = !sink.only; /* sums of some documents only: no use to another */
}

void rank_here(xc_db *db, const xc_weighing &w, uint32_t max, uint32_t *docids, double *weights,
               uint32_t *n)
{
    xc_rank_state &r = rank_state(db);
    restrictions rs = restrictions_of(db, w);
    /* Summed over the documents the only_if queries let through, when
     * their bitmaps say which (an AND of common words holds far fewer
     * than its words do). */
    every_doc sink{r, rs.only.empty() ? NULL : &rs.only};
    tally(db, w, r, sink);
    apply_restrictions(db, rs, sink);
    std::vector<Xapian::docid> found;
    found.reserve(r.held.size());
    for (Xapian::docid d : r.held)
        if (counts(r.mark[d]))
            found.push_back(d);
    size_t keep = std::min<size_t>(max, found.size());
    std::partial_sort(found.begin(), found.begin() + keep, found.end(), better{r.docs});
    for (size_t i = 0; i < keep; i++) {
        docids[i] = found[i];
        weights[i] = r.docs[found[i]].weight;
    }
    *n = static_cast<uint32_t>(keep);
}

/* Ranking here first reads every document's length into arrays of a few
 * megabytes (at 100,000 documents), which a process that asks one search
 * (from the command line) would pay for nothing: Xapian's matcher reads
 * the lengths of the documents it meets. So the lengths are read the
 * second time a reader asks at a revision, or at once for a query whose
 * lists hold many postings a document (a ToR's: about twelve). */
#define RANK_AT_ONCE_POSTINGS_PER_DOC 4
bool worth_ranking_here(xc_db *db, const xc_weighing &w)
{
    if (!w.rankable)
        return false;
    xc_rank_state &r = db->rank;
    Xapian::rev revision = xc_revision(db);
    if (r.revision == revision && !r.norm.empty())
        return true;
    if (r.asked_revision != revision) {
        r.asked_revision = revision;
        r.asked = 0;
    }
    if (++r.asked >= 2)
        return true;
    uint64_t postings = 0;
    for (const xc_leaf &leaf : w.leaves)
        for (const std::string &term : leaf.terms)
            postings += db->db.get_termfreq(term);
    return postings > uint64_t(RANK_AT_ONCE_POSTINGS_PER_DOC) * db->db.get_doccount();
}

void rank_by_matcher(xc_db *db, const xc_query *q, uint32_t max, uint32_t *docids,
                     double *weights, uint32_t *n)
{
    Xapian::Enquire enquire(db->db);
    enquire.set_query(q->query);
    Xapian::MSet mset = enquire.get_mset(0, max);
    uint32_t i = 0;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it, i++) {
        docids[i] = *it;
        weights[i] = it.get_weight();
    }
    *n = i;
}

/* The weights of a few documents, summed apart from the tally (which a
 * ranking may use again). */
void weigh_here(xc_db *db, const xc_weighing &w, const uint32_t *docids, uint32_t n,
                double *weights)
{
    xc_rank_state &r = rank_state(db);
    std::vector<double> sum(n, 0);
    std::vector<uint8_t> mark(n, 0);
    for (uint32_t i = 0; i < n; i++)
        if (docids[i] < r.slot.size() && r.slot[docids[i]] == 0)
            r.slot[docids[i]] = i + 1;
    some_docs sink{r, docids, sum, mark};
    add_leaves(db, w.leaves, r, sink, static_cast<Xapian::docid>(r.norm.size()));
    apply_restrictions(db, restrictions_of(db, w), sink);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *m = sink.mark_of(docids[i]);
        weights[i] = m && counts(*m) ? sum[m - mark.data()] : 0;
    }
    for (uint32_t i = 0; i < n; i++)
        if (docids[i] < r.slot.size())
            r.slot[docids[i]] = 0;
}

/* Lets through the documents of a sorted list. */
class among : public Xapian::MatchDecider {
  public:
    explicit among(std::vector<Xapian::docid> &&docids_) : docids(std::move(docids_)) {}
    bool operator()(const Xapian::Document &doc) const override
    {
        return std::binary_search(docids.begin(), docids.end(), doc.get_docid());
    }

  private:
    std::vector<Xapian::docid> docids;
};

void weigh_by_matcher(xc_db *db, const xc_query *q, const uint32_t *docids, uint32_t n,
                      double *weights)
{
    std::vector<Xapian::docid> sorted(docids, docids + n);
    std::sort(sorted.begin(), sorted.end());
    among decider(std::move(sorted));
    Xapian::Enquire enquire(db->db);
    enquire.set_query(q->query);
    Xapian::MSet mset = enquire.get_mset(0, n, 0, NULL, &decider);
    for (uint32_t i = 0; i < n; i++) {
        weights[i] = 0;
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            if (*it == docids[i])
                weights[i] = it.get_weight();
    }
}

/* Over shards, where a MatchDecider cannot run on a remote one and gets
 * each document numbered in its own shard from a local one: every match of
 * q ranked, and the weights of the documents asked read from them. */
void weigh_every_match(xc_db *db, const xc_query *q, const uint32_t *docids, uint32_t n,
                       double *weights)
{
    Xapian::Enquire enquire(db->db);
    enquire.set_query(q->query);
    Xapian::MSet mset = enquire.get_mset(0, db->db.get_doccount());
    std::unordered_map<Xapian::docid, double> weight;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        weight[*it] = it.get_weight();
    for (uint32_t i = 0; i < n; i++) {
        auto found = weight.find(docids[i]);
        weights[i] = found == weight.end() ? 0 : found->second;
    }
}

/* After a failure, which may leave sums, marks or scratch half made. */
void forget_rank(xc_db *db) noexcept
{
    try {
        db->rank = xc_rank_state();
    } catch (...) {
    }
}

} // namespace

xc_status xc_db_rank(xc_db *db, const xc_query *q, uint32_t max, uint32_t *docids,
                     double *weights, uint32_t *n)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!q || !n || (max > 0 && (!docids || !weights)))
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_db_rank: q, docids, weights or n is NULL");
    *n = 0;
    try {
        if (!db->remote && worth_ranking_here(db, *q->weighing))
            rank_here(db, *q->weighing, max, docids, weights, n);
        else
            rank_by_matcher(db, q, max, docids, weights, n);
        return XC_OK;
    } catch (...) {
        forget_rank(db);
        return xc_db_caught(db);
    }
}

xc_status xc_db_weigh(xc_db *db, const xc_query *q, const uint32_t *docids, uint32_t n,
                      double *weights)
{
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    if (!q || (n > 0 && (!docids || !weights)))
        return xc_fail(&db->error, XC_ERR_INVALID_ARGUMENT,
                       "xc_db_weigh: q, docids or weights is NULL");
    try {
        if (!db->remote && q->weighing->rankable)
            weigh_here(db, *q->weighing, docids, n, weights);
        else if (db->shards.size() == 1)
            weigh_by_matcher(db, q, docids, n, weights);
        else
            weigh_every_match(db, q, docids, n, weights);
        return XC_OK;
    } catch (...) {
        forget_rank(db);
        return xc_db_caught(db);
    }
}

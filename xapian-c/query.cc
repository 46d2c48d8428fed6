/*
 * Queries are immutable values: every constructor builds a new handle and
 * copies what it is given (a Xapian::Query copy only shares a reference).
 * Constructors cannot report a status, so any failure, including a rejected
 * argument, returns NULL; a NULL subquery passed on gives NULL again, so a
 * failure deep in a query tree reaches the top.
 */
#include <algorithm>
#include <cmath>
#include <vector>

#include "xapian-c/private.h"

typedef std::shared_ptr<const xc_weighing> weighing_ptr;

/* A query that matches nothing weighs nothing: rankable, without leaves. */
static weighing_ptr weighs_nothing()
{
    return std::make_shared<xc_weighing>();
}

static weighing_ptr not_rankable()
{
    auto w = std::make_shared<xc_weighing>();
    w->rankable = false;
    return w;
}

static weighing_ptr one_term(const char *term, Xapian::termcount wqf)
{
    auto w = std::make_shared<xc_weighing>();
    w->leaves.push_back(xc_leaf{{term}, wqf, {}});
    return w;
}

static bool restricted(const xc_weighing &w)
{
    return !w.but_not.empty() || !w.only_if.empty();
}

/* An OR sums its parts' weights over the documents any part matches. */
static weighing_ptr weighing_or(xc_query *const *subs, size_t n)
{
    auto w = std::make_shared<xc_weighing>();
    for (size_t i = 0; i < n; i++) {
        const xc_weighing &part = *subs[i]->weighing;
        if (!part.rankable || restricted(part))
            return not_rankable();
        w->leaves.insert(w->leaves.end(), part.leaves.begin(), part.leaves.end());
    }
    return w;
}

/* A SYNONYM of distinct terms is one leaf; of anything else, Xapian's to
 * weigh (a term twice may sum to a wdf over the document's length, which
 * Xapian then cuts to it). */
static weighing_ptr weighing_synonym(xc_query *const *subs, size_t n)
{
    xc_leaf leaf{{}, 1, {}};
    for (size_t i = 0; i < n; i++) {
        const xc_weighing &part = *subs[i]->weighing;
        if (!part.rankable || restricted(part) || part.leaves.size() != 1 ||
            part.leaves[0].terms.size() != 1 || !part.leaves[0].scales.empty())
            return not_rankable();
        const std::string &term = part.leaves[0].terms[0];
        if (std::find(leaf.terms.begin(), leaf.terms.end(), term) != leaf.terms.end())
            return not_rankable();
        leaf.terms.push_back(term);
    }
    auto w = std::make_shared<xc_weighing>();
    w->leaves.push_back(leaf);
    return w;
}

/* AND_NOT and FILTER weigh by their first part, restricted by the rest. */
static weighing_ptr weighing_restricted(xc_op op, xc_query *const *subs, size_t n)
{
    auto w = std::make_shared<xc_weighing>(*subs[0]->weighing);
    for (size_t i = 1; i < n && w->rankable; i++) {
        if (!xc_query_is_plain(subs[i]))
            return not_rankable();
        (op == XC_OP_AND_NOT ? w->but_not : w->only_if).push_back(subs[i]->query);
    }
    return w;
}

/* An AND sums its parts' weights over the documents all of them match:
 * their leaves, restricted to each part's matches (which holds the part's
 * own restrictions). */
static weighing_ptr weighing_and(xc_query *const *subs, size_t n)
{
    auto w = std::make_shared<xc_weighing>();
    for (size_t i = 0; i < n; i++) {
        const xc_weighing &part = *subs[i]->weighing;
        if (!part.rankable || !xc_query_is_plain(subs[i]))
            return not_rankable();
        w->leaves.insert(w->leaves.end(), part.leaves.begin(), part.leaves.end());
        w->only_if.push_back(subs[i]->query);
    }
    return w;
}

/* How op over subs (none NULL) weighs a document, as Xapian weighs it. */
static weighing_ptr weighing_of(xc_op op, xc_query *const *subs, size_t n)
{
    if (n == 0)
        return weighs_nothing(); /* match-nothing; AND of nothing is not asked */
    if (n == 1)
        return subs[0]->weighing; /* Xapian takes the one part for the whole */
    switch (op) {
    case XC_OP_OR: return weighing_or(subs, n);
    case XC_OP_AND: return weighing_and(subs, n);
    case XC_OP_SYNONYM: return weighing_synonym(subs, n);
    case XC_OP_AND_NOT:
    case XC_OP_FILTER: return weighing_restricted(op, subs, n);
    default: return not_rankable();
    }
}

static xc_query *wrap(const Xapian::Query &q, bool weightless, weighing_ptr weighing)
{
    return new xc_query{q, weightless, std::move(weighing)};
}

/* A query that weighs nothing, and that xc_db_rank leaves to Xapian where
 * weights are summed (a value range, match-all). */
static xc_query *filter(const Xapian::Query &q)
{
    return wrap(q, true, not_rankable());
}

xc_query *xc_query_term(const char *term, uint32_t wqf)
{
    /* Xapian reads the empty term as "match everything". */
    if (!term || !*term)
        return NULL;
    try {
        return wrap(Xapian::Query(term, wqf), false, one_term(term, wqf));
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_match_all(void)
{
    try {
        return filter(Xapian::Query::MatchAll);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_match_nothing(void)
{
    try {
        return wrap(Xapian::Query::MatchNothing, true, weighs_nothing());
    } catch (...) {
        return NULL;
    }
}

/* Xapian's operator for op; false for a value outside xc_op. */
static bool xapian_op(xc_op op, Xapian::Query::op *out)
{
    switch (op) {
    case XC_OP_AND: *out = Xapian::Query::OP_AND; return true;
    case XC_OP_OR: *out = Xapian::Query::OP_OR; return true;
    case XC_OP_AND_NOT: *out = Xapian::Query::OP_AND_NOT; return true;
    case XC_OP_FILTER: *out = Xapian::Query::OP_FILTER; return true;
    case XC_OP_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
    case XC_OP_SYNONYM: *out = Xapian::Query::OP_SYNONYM; return true;
    case XC_OP_PHRASE: *out = Xapian::Query::OP_PHRASE; return true;
    }
    return false;
}

xc_query *xc_query_combine(xc_op op, xc_query *const *subs, size_t n)
{
    Xapian::Query::op xop;
    if (!xapian_op(op, &xop) || (n > 0 && !subs))
        return NULL;
    try {
        std::vector<Xapian::Query> parts;
        parts.reserve(n);
        /* FILTER and AND_NOT weigh by their first part only; a SYNONYM or a
         * PHRASE is weighed as one term whatever its parts weigh. */
        bool first_only = op == XC_OP_FILTER || op == XC_OP_AND_NOT;
        bool weightless = n == 0 || (op != XC_OP_SYNONYM && op != XC_OP_PHRASE);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return NULL;
            parts.push_back(subs[i]->query);
            if (i == 0 || !first_only)
                weightless = weightless && subs[i]->weightless;
        }
        /* AND of nothing is the empty conjunction, true for every document;
         * Xapian would give MatchNothing, as it does (rightly) for the rest. */
        if (n == 0 && op == XC_OP_AND)
            return filter(Xapian::Query::MatchAll);
        return wrap(Xapian::Query(xop, parts.begin(), parts.end()), weightless,
                    weighing_of(op, subs, n));
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_value_range(unsigned slot, const char *lo, const char *hi)
{
    const bool open_low = !lo || !*lo;
    try {
        if (open_low && hi)
            return filter(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        if (!open_low && hi)
            return filter(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
        if (!open_low)
            return filter(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        /* Both ends open. VALUE_GE "" would match every document, even those
         * without a value in slot, unlike every other range; "\0" is the
         * least non-empty string, so it keeps them out. */
        return filter(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(1, '\0')));
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_scale(const xc_query *q, double factor)
{
    /* Xapian refuses negative factors but lets NaN and infinity through. */
    if (!q || !std::isfinite(factor) || factor < 0)
        return NULL;
    try {
        auto w = std::make_shared<xc_weighing>(*q->weighing);
        for (xc_leaf &leaf : w->leaves)
            leaf.scales.push_back(factor);
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor),
                    factor == 0 || q->weightless, w);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_copy(const xc_query *q)
{
    if (!q)
        return NULL;
    try {
        return wrap(q->query, q->weightless, q->weighing);
    } catch (...) {
        return NULL;
    }
}

int xc_query_matches_all(const xc_query *q)
{
    return q && q->query.get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

int xc_query_weighs_nothing(const xc_query *q)
{
    return q && q->weightless;
}

void xc_query_free(xc_query *q)
{
    delete q;
}

char *xc_query_describe(const xc_query *q)
{
    if (!q)
        return NULL;
    try {
        return xc_strdup(q->query.get_description());
    } catch (...) {
        return NULL;
    }
}

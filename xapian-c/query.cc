/*
 * Queries are immutable values: every constructor builds a new handle and
 * copies what it is given (a Xapian::Query copy only shares a reference).
 * Constructors cannot report a status, so any failure, including a rejected
 * argument, returns NULL; a NULL subquery passed on gives NULL again, so a
 * failure deep in a query tree reaches the top.
 */
#include <cmath>
#include <vector>

#include "xapian-c/private.h"

static xc_query *wrap(const Xapian::Query &q, bool weightless)
{
    return new xc_query{q, weightless};
}

xc_query *xc_query_term(const char *term, uint32_t wqf)
{
    /* Xapian reads the empty term as "match everything". */
    if (!term || !*term)
        return NULL;
    try {
        return wrap(Xapian::Query(term, wqf), false);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_match_all(void)
{
    try {
        return wrap(Xapian::Query::MatchAll, true);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_match_nothing(void)
{
    try {
        return wrap(Xapian::Query::MatchNothing, true);
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
            return wrap(Xapian::Query::MatchAll, true);
        return wrap(Xapian::Query(xop, parts.begin(), parts.end()), weightless);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_value_range(unsigned slot, const char *lo, const char *hi)
{
    const bool open_low = !lo || !*lo;
    try {
        if (open_low && hi)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi), true);
        if (!open_low && hi)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi), true);
        if (!open_low)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo), true);
        /* Both ends open. VALUE_GE "" would match every document, even those
         * without a value in slot, unlike every other range; "\0" is the
         * least non-empty string, so it keeps them out. */
        return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(1, '\0')), true);
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
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor),
                    factor == 0 || q->weightless);
    } catch (...) {
        return NULL;
    }
}

xc_query *xc_query_copy(const xc_query *q)
{
    if (!q)
        return NULL;
    try {
        return wrap(q->query, q->weightless);
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

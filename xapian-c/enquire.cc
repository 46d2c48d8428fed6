/*
 * Search: an enquire session over a read-only database and the result pages
 * it returns. The spies it feeds are in spy.cc.
 */
#include "xapian-c/private.h"

/* ---- enquire ---- */

xc_status xc_enquire_new(xc_db *db, xc_enquire **out)
{
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        /* Xapian::Enquire keeps its own reference to the database. */
        *out = new xc_enquire(*db);
        return XC_OK;
    } catch (...) {
        /* No enquire exists to keep the message: the database handle does. */
        return xc_caught(&db->error);
    }
}

void xc_enquire_free(xc_enquire *enq)
{
    delete enq;
}

const char *xc_enquire_last_error(const xc_enquire *enq)
{
    return enq ? enq->error.c_str() : "";
}

void xc_enquire_set_query(xc_enquire *enq, const xc_query *q)
{
    if (!enq)
        return;
    /* Copying a Xapian::Query only shares a reference: it cannot throw. A
     * NULL query (a failed constructor) matches nothing. */
    enq->query = q ? q->query : Xapian::Query::MatchNothing;
}

void xc_enquire_set_sort_by_value(xc_enquire *enq, unsigned slot, int reverse)
{
    if (!enq)
        return;
    enq->sort_by_value = true;
    enq->sort_slot = slot;
    enq->sort_reverse = reverse != 0;
}

xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy)
{
    if (!enq)
        return XC_ERR_INVALID_ARGUMENT;
    if (!spy)
        return xc_fail(&enq->error, XC_ERR_INVALID_ARGUMENT, "xc_enquire_add_spy: spy is NULL");
    try {
        if (enq->shards.size() > 1)
            enq->spies.push_back(spy);
        else
            enq->enquire.add_matchspy(&spy->spy);
        return XC_OK;
    } catch (...) {
        return xc_caught(&enq->error);
    }
}

void xc_enquire_clear_spies(xc_enquire *enq)
{
    if (!enq)
        return;
    try {
        enq->spies.clear();
        enq->enquire.clear_matchspies();
    } catch (...) {
        xc_caught(&enq->error);
    }
}

/* The spies of an enquire over local shards: Xapian's matcher hands a
 * spy each document numbered in its own shard, so the matches are listed
 * apart (weighing nothing) and counted by their docids in the shards
 * combined. */
static void count_every_match(xc_enquire *enq)
{
    Xapian::Enquire all(enq->db);
    all.set_query(enq->query);
    all.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = all.get_mset(0, enq->db.get_doccount());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        for (xc_spy *spy : enq->spies)
            xc_spy_count(spy, *it);
}

xc_status xc_enquire_get_mset(xc_enquire *enq, uint32_t first, uint32_t maxitems,
                              uint32_t check_at_least, xc_mset **out)
{
    if (!enq)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&enq->error, XC_ERR_INVALID_ARGUMENT, "xc_enquire_get_mset: out is NULL");
    *out = NULL;
    xc_mset *mset = NULL;
    try {
        enq->enquire.set_query(enq->query);
        if (enq->sort_by_value)
            enq->enquire.set_sort_by_value_then_relevance(enq->sort_slot, enq->sort_reverse);
        else
            enq->enquire.set_sort_by_relevance();
        mset = new xc_mset;
        mset->fetch_all = enq->remote;
        std::unique_ptr<xc_value_spies> counters;
        if (enq->remote && !enq->spies.empty())
            counters.reset(new xc_value_spies(enq->enquire, enq->spies));
        mset->mset = enq->enquire.get_mset(first, maxitems, check_at_least);
        if (counters)
            counters->fold();
        else if (!enq->spies.empty())
            count_every_match(enq);
    } catch (...) {
        delete mset;
        return xc_shards_caught(enq->shards, &enq->error);
    }
    *out = mset;
    return XC_OK;
}

/* ---- mset ---- */

void xc_mset_free(xc_mset *mset)
{
    delete mset;
}

const char *xc_mset_last_error(const xc_mset *mset)
{
    return mset ? mset->error.c_str() : "";
}

uint32_t xc_mset_size(const xc_mset *mset)
{
    return mset ? mset->mset.size() : 0;
}

uint32_t xc_mset_matches_estimated(const xc_mset *mset)
{
    return mset ? mset->mset.get_matches_estimated() : 0;
}

uint32_t xc_mset_matches_lower_bound(const xc_mset *mset)
{
    return mset ? mset->mset.get_matches_lower_bound() : 0;
}

uint32_t xc_mset_matches_upper_bound(const xc_mset *mset)
{
    return mset ? mset->mset.get_matches_upper_bound() : 0;
}

double xc_mset_weight(const xc_mset *mset, uint32_t i)
{
    if (!mset || i >= mset->mset.size())
        return 0.0;
    try {
        return mset->mset[i].get_weight();
    } catch (...) {
        return 0.0;
    }
}

uint32_t xc_mset_docid(const xc_mset *mset, uint32_t i)
{
    if (!mset || i >= mset->mset.size())
        return 0;
    try {
        return *mset->mset[i];
    } catch (...) {
        return 0;
    }
}

xc_status xc_mset_doc(xc_mset *mset, uint32_t i, xc_doc **out)
{
    if (!mset)
        return XC_ERR_INVALID_ARGUMENT;
    if (!out)
        return xc_fail(&mset->error, XC_ERR_INVALID_ARGUMENT, "xc_mset_doc: out is NULL");
    *out = NULL;
    if (i >= mset->mset.size())
        return xc_fail(&mset->error, XC_ERR_INVALID_ARGUMENT, "xc_mset_doc: index out of range");
    xc_doc *doc = NULL;
    try {
        if (mset->fetch_all) {
            mset->fetch_all = false;
            mset->mset.fetch();
        }
        doc = new xc_doc;
        doc->doc = mset->mset[i].get_document();
    } catch (...) {
        delete doc;
        return xc_caught(&mset->error);
    }
    *out = doc;
    return XC_OK;
}

/*
 * Token-count spies: facet counts gathered while matching.
 *
 * A document's facet values are the space-separated tokens of one value
 * slot. Reading that value document by document costs a value-stream seek
 * per match when matches are sparse, so once the spies of a database have
 * read as many values one by one as it holds documents, the next spy reads
 * the whole slot in one pass into the database's token table (docid ->
 * token numbers), which every later spy on that revision counts from. A
 * one-shot search never pays for the table; a long-lived reader pays for
 * it at most once per revision, and no more than it had already spent.
 */
#include <algorithm>
#include <cstring>

#include "xapian-c/private.h"

/* ---- token index ---- */

static uint32_t hash_bytes(const char *p, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
    return h;
}

void xc_token_index::grow()
{
    std::vector<uint32_t> bigger(table.size() * 2, 0);
    size_t mask = bigger.size() - 1;
    for (size_t id = 0; id < tokens.size(); id++) {
        size_t j = hash_bytes(tokens[id].data(), tokens[id].size()) & mask;
        while (bigger[j])
            j = (j + 1) & mask;
        bigger[j] = static_cast<uint32_t>(id + 1);
    }
    table.swap(bigger);
}

uint32_t xc_token_index::intern(const char *token, size_t len)
{
    size_t mask = table.size() - 1;
    size_t j = hash_bytes(token, len) & mask;
    for (; table[j]; j = (j + 1) & mask) {
        const std::string &t = tokens[table[j] - 1];
        if (t.size() == len && std::memcmp(t.data(), token, len) == 0)
            return table[j] - 1;
    }
    tokens.emplace_back(token, len);
    uint32_t id = static_cast<uint32_t>(tokens.size() - 1);
    table[j] = id + 1;
    if (tokens.size() * 2 > table.size())
        grow();
    return id;
}

/* Calls fn(token, len) for each space-separated token of value. */
template <class Fn> static void each_token(const std::string &value, Fn fn)
{
    const char *p = value.data(), *end = p + value.size();
    while (p < end) {
        const char *stop = p;
        while (stop < end && *stop != ' ')
            stop++;
        if (stop > p)
            fn(p, static_cast<size_t>(stop - p));
        p = stop + 1;
    }
}

/* ---- the database's token table ---- */

static std::shared_ptr<const xc_token_table> build_table(const Xapian::Database &db,
                                                        Xapian::valueno slot)
{
    std::shared_ptr<xc_token_table> t = std::make_shared<xc_token_table>();
    /* first[did] .. first[did + 1]: the tokens of did. */
    t->first.assign(static_cast<size_t>(db.get_lastdocid()) + 2, 0);
    size_t next = 1;
    for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot);
         ++it) {
        size_t did = it.get_docid();
        for (; next <= did && next < t->first.size(); next++)
            t->first[next] = static_cast<uint32_t>(t->ids.size());
        each_token(*it, [&t](const char *token, size_t len) {
            t->ids.push_back(t->names.intern(token, len));
        });
    }
    for (; next < t->first.size(); next++)
        t->first[next] = static_cast<uint32_t>(t->ids.size());
    return t;
}

/* The slot's state, reset when the database moved to another revision; its
 * table is built once reading values one by one has cost as much as a full
 * pass. */
static xc_token_slot *slot_state(xc_db *db, Xapian::valueno slot)
{
    xc_token_slot &st = db->tokens[slot];
    Xapian::rev revision = xc_revision(db);
    if (st.revision != revision) {
        st = xc_token_slot();
        st.revision = revision;
    }
    if (!st.table && st.read_one_by_one >= db->db.get_doccount())
        st.table = build_table(db->db, slot);
    return &st;
}

/* ---- the spy ---- */

xc_token_spy::xc_token_spy(xc_db *db_, Xapian::valueno slot_, const std::string &keys)
    : db(db_), slot(slot_), state(slot_state(db_, slot_)), table(state->table)
{
    for (int c = 0; c < 256; c++)
        wanted[c] = keys.empty();
    for (unsigned char c : keys)
        wanted[c] = true;
    if (table) {
        counts.assign(table->names.size(), 0);
        counted.resize(table->names.size());
        for (size_t id = 0; id < counted.size(); id++)
            counted[id] = wanted[static_cast<unsigned char>(table->names.token(id)[0])];
    }
}

void xc_token_spy::count_value(const std::string &value, Xapian::doccount times)
{
    each_token(value, [this, times](const char *token, size_t len) {
        if (!wanted[static_cast<unsigned char>(*token)])
            return;
        uint32_t id = own.intern(token, len);
        if (id >= counts.size())
            counts.resize(id + 1, 0);
        counts[id] += times;
    });
}

void xc_token_spy::operator()(const Xapian::Document &doc, double)
{
    count(doc.get_docid());
}

void xc_spy_count(xc_spy *spy, Xapian::docid did)
{
    spy->spy.count(did);
}

void xc_token_spy::count(Xapian::docid did)
{
    ++total;
    if (table) {
        if (static_cast<size_t>(did) + 1 >= table->first.size())
            return;
        for (uint32_t k = table->first[did]; k < table->first[did + 1]; k++) {
            uint32_t id = table->ids[k];
            counts[id] += counted[id];
        }
        return;
    }
    if (last == 0 || did < last) /* the first document, or a new match */
        values = db->db.valuestream_begin(slot);
    last = did;
    if (values == db->db.valuestream_end(slot))
        return;
    values.skip_to(did);
    if (values == db->db.valuestream_end(slot) || values.get_docid() != did)
        return;
    state->read_one_by_one++;
    count_value(*values, 1);
}

void xc_token_spy::set_key_slot(unsigned char key, Xapian::valueno slot_)
{
    key_slot[key] = slot_ + 1;
}

std::vector<Xapian::valueno> xc_token_spy::remote_slots() const
{
    std::vector<Xapian::valueno> slots;
    for (int c = 0; c < 256; c++) {
        if (!wanted[c])
            continue;
        if (!key_slot[c])
            return {slot};
        if (std::find(slots.begin(), slots.end(), key_slot[c] - 1) == slots.end())
            slots.push_back(key_slot[c] - 1);
    }
    return slots;
}

/* ---- over shards ---- */

/* A value such as "ES FR" is counted whole by Xapian's spy, once for each
 * document that holds it; its tokens are counted here as many times, which
 * gives each token the number of documents holding it, as counting
 * document by document does. A spy whose keys have slots of their own has
 * a counter on each (every counter sees every match). */
xc_value_spies::xc_value_spies(Xapian::Enquire &enquire, const std::vector<xc_spy *> &spies_)
    : spies(spies_)
{
    enquire.clear_matchspies();
    for (xc_spy *spy : spies) {
        first.push_back(counters.size());
        for (Xapian::valueno slot : spy->spy.remote_slots()) {
            counters.emplace_back(new Xapian::ValueCountMatchSpy(slot));
            enquire.add_matchspy(counters.back().get());
        }
    }
    first.push_back(counters.size());
}

void xc_value_spies::fold()
{
    for (size_t i = 0; i < spies.size(); i++) {
        xc_token_spy &spy = spies[i]->spy;
        for (size_t k = first[i]; k < first[i + 1]; k++)
            for (Xapian::TermIterator it = counters[k]->values_begin();
                 it != counters[k]->values_end(); ++it)
                spy.count_value(*it, it.get_termfreq());
        if (first[i] < first[i + 1])
            spy.total += counters[first[i]]->get_total();
    }
}

std::vector<std::pair<const std::string *, Xapian::doccount>> xc_token_spy::sorted_counts() const
{
    const xc_token_index &names = table ? table->names : own;
    std::vector<std::pair<const std::string *, Xapian::doccount>> out;
    for (size_t id = 0; id < counts.size(); id++)
        if (counts[id])
            out.emplace_back(&names.token(id), counts[id]);
    std::sort(out.begin(), out.end(),
              [](const std::pair<const std::string *, Xapian::doccount> &a,
                 const std::pair<const std::string *, Xapian::doccount> &b) {
                  return *a.first < *b.first;
              });
    return out;
}

xc_status xc_spy_new(xc_db *db, unsigned slot, const char *keys, xc_spy **out)
{
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!db)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        *out = new xc_spy(db, slot, keys ? keys : "");
        return XC_OK;
    } catch (...) {
        return xc_db_caught(db);
    }
}

void xc_spy_free(xc_spy *spy)
{
    delete spy;
}

xc_status xc_spy_each(xc_spy *spy,
                      int (*fn)(const char *value, size_t len, uint32_t count, void *ctx),
                      void *ctx)
{
    if (!spy || !fn)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        for (const auto &tc : spy->spy.sorted_counts())
            if (fn(tc.first->c_str(), tc.first->size(), tc.second, ctx) != 0)
                break;
        return XC_OK;
    } catch (...) {
        return xc_caught(NULL);
    }
}

xc_status xc_spy_key_slot(xc_spy *spy, char key, unsigned slot)
{
    if (!spy)
        return XC_ERR_INVALID_ARGUMENT;
    spy->spy.set_key_slot(static_cast<unsigned char>(key), slot);
    return XC_OK;
}

uint32_t xc_spy_total(const xc_spy *spy)
{
    return spy ? static_cast<uint32_t>(spy->spy.total) : 0;
}

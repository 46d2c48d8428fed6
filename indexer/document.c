/* Building an expert's document. See document.h. */
#include "indexer/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/schema.h"
#include "core/stem.h"
#include "core/text.h"

#define POSITION_GAP 100 /* between text parts, so phrases never span two */

typedef struct {
    xc_doc *doc;
    xc_stem *stem;
    unsigned base;   /* position of this part's first word */
    unsigned last;   /* highest position used */
    int failed;
} text_ctx;

static int add_word(const char *word, size_t len, unsigned pos, void *arg)
{
    text_ctx *t = arg;
    char term[RS_WORD_MAX + 2];
    memcpy(term, word, len);
    term[len] = 0;
    t->last = t->base + pos;
    if (xc_doc_add_posting(t->doc, term, t->base + pos, 1) != XC_OK) return t->failed = 1;
    if (!t->stem) return 0;
    const char *stem = xc_stem_word(t->stem, term, len);
    size_t n = stem ? strlen(stem) : 0;
    if (n == 0 || n + sizeof RS_PREFIX_STEM > RS_TERM_MAX) return 0;
    char zterm[RS_TERM_MAX];
    memcpy(zterm, RS_PREFIX_STEM, sizeof RS_PREFIX_STEM - 1);
    memcpy(zterm + sizeof RS_PREFIX_STEM - 1, stem, n + 1);
    if (xc_doc_add_term(t->doc, zterm, 1) != XC_OK) return t->failed = 1;
    return 0;
}

static int add_text(text_ctx *t, const char *text)
{
    if (!text || !*text) return 0;
    long n = rs_text_words(text, strlen(text), add_word, t);
    if (t->failed || n < 0) return -1;
    t->base = t->last + POSITION_GAP;
    return 0;
}

static int add_texts(const rs_expert *e, text_ctx *t)
{
    if (add_text(t, e->name) || add_text(t, e->employer) || add_text(t, e->summary)) return -1;
    for (size_t i = 0; i < e->n_experience; i++) {
        const rs_experience *x = &e->experience[i];
        if (add_text(t, x->role) || add_text(t, x->employer) || add_text(t, x->text)) return -1;
    }
    for (size_t i = 0; i < e->n_education; i++) {
        const rs_education *x = &e->education[i];
        if (add_text(t, x->degree) || add_text(t, x->field) || add_text(t, x->institution))
            return -1;
    }
    return 0;
}

static int add_boolean(const char *term, void *doc)
{
    return xc_doc_add_boolean_term(doc, term) != XC_OK;
}

static int add_weighted(const char *term, void *doc)
{
    return xc_doc_add_term(doc, term, 1) != XC_OK;
}

static int add_fields(const rs_expert *e, xc_doc *doc)
{
    for (size_t i = 0; i < rs_n_fields; i++) {
        const rs_field *f = &rs_fields[i];
        if (f->terms(e, f->weighted ? add_weighted : add_boolean, doc)) return -1;
    }
    char facets[RS_FACETS_VALUE_MAX];
    rs_facet_tokens(e, NULL, facets, sizeof facets);
    if (xc_doc_set_value(doc, RS_SLOT_FACETS, facets, strlen(facets)) != XC_OK) return -1;
    for (size_t i = 0; i < rs_n_fields; i++) {
        const rs_field *f = &rs_fields[i];
        if (!f->facet_value) continue;
        rs_facet_tokens(e, f, facets, sizeof facets);
        if (xc_doc_set_value(doc, f->facet_slot, facets, strlen(facets)) != XC_OK) return -1;
    }
    return 0;
}

rs_status rs_document_build(const rs_expert *e, rs_stemmers *stemmers, xc_doc **out)
{
    xc_doc *doc;
    *out = NULL;
    if (xc_doc_new(&doc) != XC_OK) return RS_ERR_NOMEM;
    text_ctx t = {doc, rs_stemmers_get(stemmers, e->cv_lang), 0, 0, 0};
    size_t len;
    char *profile = NULL;
    rs_status err = RS_ERR_INDEX;
    if (add_fields(e, doc) == 0 && add_texts(e, &t) == 0) {
        profile = rs_profile_encode(e, &len);
        if (!profile) err = RS_ERR_NOMEM;
        else if (xc_doc_set_data(doc, profile, len) == XC_OK) err = RS_OK;
    }
    free(profile);
    if (err) xc_doc_free(doc);
    else *out = doc;
    return err;
}

/* ---- documents by expert id ---- */

xc_status rs_document_find(xc_db *db, const char *id, xc_doc **out)
{
    char term[RS_TERM_MAX];
    *out = NULL;
    if (rs_id_term(id, term) != 0) return XC_ERR_NOT_FOUND;
    return xc_db_find_doc(db, term, out);
}

rs_status rs_document_profile(xc_doc *doc, rs_expert *out)
{
    const char *data;
    size_t len;
    if (xc_doc_get_data(doc, &data, &len) != XC_OK || rs_profile_decode(data, len, out) != 0)
        return RS_ERR_CORRUPT;
    return RS_OK;
}

xc_status rs_document_replace(xc_wdb *w, const char *id, xc_doc *doc)
{
    char term[RS_TERM_MAX];
    if (rs_id_term(id, term) != 0) return XC_ERR_INVALID_ARGUMENT;
    return xc_wdb_replace_doc(w, term, doc);
}

xc_status rs_document_put(xc_wdb *w, const char *id, xc_doc *doc, uint32_t *next_docid)
{
    char term[RS_TERM_MAX];
    uint32_t have;
    if (rs_id_term(id, term) != 0) return XC_ERR_INVALID_ARGUMENT;
    xc_status st = xc_wdb_termfreq(w, term, &have);
    if (st != XC_OK) return st;
    if (have) return xc_wdb_replace_doc(w, term, doc);
    st = xc_wdb_put_doc_at(w, *next_docid, doc);
    if (st == XC_OK) ++*next_docid;
    return st;
}

xc_status rs_document_delete(xc_wdb *w, const char *id)
{
    char term[RS_TERM_MAX];
    if (rs_id_term(id, term) != 0) return XC_OK; /* no document has such an id */
    return xc_wdb_delete_doc(w, term);
}

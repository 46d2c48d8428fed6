/*
 * rs_roster_draft: a request document made into a draft ToR for a person
 * to review (formats.md section 9). The document's text and language come
 * from intake/ (doctext.h, doclang.h), what it says of itself from
 * intake/request.h, its working languages from what the text states
 * (intake/statedlang.h), else from the matcher's rule for a ToR that gives
 * none (matcher/worklang.h), and its codes from the codes
 * the roster's CVs nearest its text declare (matcher/infer.h), so a draft
 * needs a roster for its codes only: without one they are missing, with
 * the reason. Every value found carries its evidence (the words of the
 * document that say it) and a confidence; what is not found is listed
 * under "missing". docs/documents.md tells the rules.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codes.h"
#include "core/records.h"
#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/labels.h"
#include "core/record.h"
#include "core/text.h"
#include "intake/doclang.h"
#include "intake/doctext.h"
#include "intake/mail.h"
#include "intake/request.h"
#include "indexer/datadir.h"
#include "lib/private.h"
#include "matcher/infer.h"
#include "matcher/tor.h"
#include "matcher/worklang.h"

#define EVIDENCE_AROUND 60 /* bytes of context on each side of what was found */
#define DRAFT_CODES 3      /* field and competence codes proposed */

/* Everything read from one document, for the JSON and the text form. */
typedef struct {
    const char *name;
    char *text;
    size_t len;
    const char *format;
    char language[4];
    double language_confidence;
    rs_request_facts facts;
    rs_known_institution *known; /* of the stored requests */
    size_t n_known;
    rs_request_country country;
    rs_tor tor; /* country, title and description: for the working languages */
    char languages_basis[256];
    rs_inference codes;
    rs_inferred fields[DRAFT_CODES]; /* proposed: see propose_fields */
    size_t n_fields;
    const char *codes_missing; /* why there are no codes, or NULL */
} draft;

/* ---- evidence ---- */

static int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The words around [b, e) of the text on one line: "…context…", with
 * room for `extra` more bytes; malloc'd, NULL when out of memory. */
static char *evidence_text(const draft *d, size_t b, size_t e, size_t extra)
{
    /* A long value (a title) is its own evidence; a short one needs its
     * neighbours to be told apart ("deux experts" of what). */
    size_t around = e - b > EVIDENCE_AROUND ? 0 : EVIDENCE_AROUND;
    size_t from = b > around ? b - around : 0;
    size_t to = e + around < d->len ? e + around : d->len;
    while (from < b && continuation((unsigned char)d->text[from]))
        from++;
    while (to > e && to < d->len && continuation((unsigned char)d->text[to]))
        to--;
    while (from > 0 && from < b && d->text[from - 1] != ' ' && d->text[from - 1] != '\n')
        from++; /* start on a word */
    while (to < d->len && to > e && d->text[to] != ' ' && d->text[to] != '\n')
        to--;
    size_t n = to - from;
    char *s = malloc(n + 2 * 3 + extra + 1), *p = s;
    if (!s)
        return NULL;
    if (from > 0)
        p = memcpy(p, "…", 3), p += 3;
    for (size_t i = from; i < to; i++)
        *p++ = d->text[i] == '\n' || d->text[i] == '\t' || d->text[i] == '\r' ? ' '
                                                                            : d->text[i];
    if (to < d->len)
        memcpy(p, "…", 3), p += 3;
    *p = '\0';
    return s;
}

static json_t *evidence(const draft *d, size_t b, size_t e)
{
    char *s = evidence_text(d, b, e, 0);
    json_t *j = s ? json_string(s) : NULL;
    free(s);
    return j;
}

/* The country's passage and why it tells the country: "…à Douala… (Douala:
 * a city or region of Cameroon)". */
static json_t *country_evidence(const draft *d)
{
    char why[256];
    rs_request_country_why(&d->country, d->text, why, sizeof why);
    char *s = evidence_text(d, d->country.said.begin, d->country.said.end, strlen(why) + 3);
    if (!s)
        return NULL;
    strcat(strcat(strcat(s, " ("), why), ")");
    json_t *j = json_string(s);
    free(s);
    return j;
}

/* ---- reading ---- */

/* The document's text and language (intake/doctext.h, doclang.h). */
static rs_status read_text(rs_roster *r, draft *d, const char *data, size_t len)
{
    char *err = NULL;
    rs_doc_kind kind;
    rs_status st = rs_doc_text(d->name, data, len, &d->text, &d->len, &kind, &err);
    if (st == RS_OK) {
        d->format = rs_doc_kind_name(kind);
        st = rs_doc_language(d->text, d->len, d->language, &d->language_confidence, &err);
    }
    if (st)
        rs_fail(r, st, "%s: %s", d->name, err ? err : "out of memory");
    free(err);
    return st;
}

/* The languages the text states as required (intake/statedlang.h), in
 * place of those inferred, each at the level written beside it, else at a
 * ToR's default, B2; an asset is not required and stays out. */
static int stated_languages(draft *d)
{
    const rs_stated_languages *s = &d->facts.languages;
    size_t n = rs_stated_required(s), k = 0;
    if (!n)
        return 0;
    rs_language *l = calloc(n, sizeof *l);
    if (!l)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        if (!s->l[i].asset) {
            memcpy(l[k].code, s->l[i].code, 3);
            l[k++].level = s->l[i].level ? s->l[i].level : RS_CEFR_B2;
        }
    free(d->tor.languages);
    d->tor.languages = l;
    d->tor.n_languages = n;
    d->tor.languages_basis = RS_LANGUAGES_GIVEN;
    return 0;
}

/* The working languages the text states, else as a match would infer them
 * for this country and text (matcher/worklang.h), with the reason in words. */
static int working_languages(draft *d)
{
    rs_tor *t = &d->tor;
    memcpy(t->country, d->country.code, 3);
    t->title = d->facts.title_text;
    t->description = d->text;
    int rc = rs_tor_infer_languages(t, 0);
    if (rc == 0)
        rs_tor_languages_basis_text(t, d->languages_basis, sizeof d->languages_basis);
    t->title = t->description = NULL; /* borrowed */
    return rc == 0 ? stated_languages(d) : rc;
}

/* Is one of the codes the other or under it? */
static int related(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
    return strncmp(a, b, n) == 0 && (na == nb || (na < nb ? b[n] : a[n]) == '.');
}

/* The fields a reviewer is offered: the focus a match would ask for, and
 * the likeliest codes that are not the same topic again (a code, its
 * parent, its child), the narrower before the bare letters; shown best
 * first. */
static int by_score(const void *a, const void *b)
{
    const rs_inferred *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->code, y->code);
}

static void propose_fields(draft *d)
{
    const rs_inference *c = &d->codes;
    if (c->focus.code[0])
        d->fields[d->n_fields++] = c->focus;
    for (int letters = 0; letters <= 1; letters++)
        for (size_t i = 0; i < c->n_fields && d->n_fields < DRAFT_CODES; i++) {
            int letter = strchr(c->fields[i].code, '.') == NULL, taken = 0;
            for (size_t k = 0; k < d->n_fields && !taken; k++)
                taken = related(d->fields[k].code, c->fields[i].code);
            if (letter == letters && !taken)
                d->fields[d->n_fields++] = c->fields[i];
        }
    qsort(d->fields, d->n_fields, sizeof *d->fields, by_score); /* shown best first */
}

/* Blank every [name, name + n) in the text t. */
static void blank(char *t, size_t len, const char *name, size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++)
        if (memcmp(t + i, name, n) == 0) {
            memset(t + i, ' ', n);
            i += n - 1;
        }
}

/* The text the codes are read from: the document's, the partner
 * institution's name blanked wherever it stands, with or without its
 * acronym — it names the requester, not the topic ("… et de la Protection
 * sociale" in a request on labour inspection) — and so are the lines of
 * the mail it came in (intake/mail.h): their names, roles and numbers say
 * no topic either. NULL when out of memory. */
static char *topic_text(const draft *d)
{
    char *t = malloc(d->len + 1);
    if (!t)
        return NULL;
    memcpy(t, d->text, d->len + 1);
    const char *name = d->facts.institution_text;
    if (name) {
        size_t plain = strcspn(name, "(");
        while (plain > 0 && name[plain - 1] == ' ')
            plain--;
        blank(t, d->len, name, strlen(name));
        blank(t, d->len, name, plain);
    }
    if (rs_mail_blank(t, d->len) < 0) { /* the text is UTF-8: out of memory */
        free(t);
        return NULL;
    }
    return t;
}

/* Codes from what the roster's CVs say. */
static rs_status infer_codes(rs_roster *r, draft *d)
{
    xc_db *db = rs_data_index(r->data);
    if (!db)
        return rs_fail(r, RS_ERR_INDEX, "%s", rs_data_error(r->data));
    char err[256], *topic = topic_text(d);
    if (!topic)
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    int rc = rs_infer_codes(db, rs_roster_stemmers(r), topic,
                            d->language[0] ? d->language : NULL, RS_INFER_MAX, &d->codes, err,
                            sizeof err);
    free(topic);
    if (rc < 0)
        return rs_fail(r, RS_ERR_INDEX, "%s", err);
    propose_fields(d);
    if (!d->n_fields && !d->codes.n_competences)
        d->codes_missing = "no words of the roster's CVs in the text";
    return RS_OK;
}

/* ---- the partner institutions of the facility's records ---- */

/* Each name once per country; a name given for two countries tells neither,
 * which the country's reading sees (intake/institutions.h). */
static int add_known(draft *d, const char *name, const char *country)
{
    for (size_t i = 0; i < d->n_known; i++)
        if (strcmp(d->known[i].name, name) == 0 && strcmp(d->known[i].country, country) == 0)
            return 0;
    rs_known_institution *k = realloc(d->known, (d->n_known + 1) * sizeof *k);
    char *copy = strdup(name);
    if (!k || !copy) {
        if (k)
            d->known = k;
        free(copy);
        return -1;
    }
    d->known = k;
    k[d->n_known].name = copy;
    memcpy(k[d->n_known].country, country, 3);
    d->n_known++;
    return 0;
}

static rs_status known_row(const rs_request_row *row, void *ctx)
{
    json_t *tor = json_loads(row->tor, 0, NULL);
    const char *name = json_string_value(json_object_get(tor, "partner_institution"));
    int rc = name && strlen(row->country) == 2 ? add_known(ctx, name, row->country) : 0;
    json_decref(tor);
    return rc ? RS_ERR_NOMEM : RS_OK;
}

static rs_status read_known(rs_roster *r, draft *d)
{
    rs_status st = rs_records_each_request(rs_data_store(r->data), known_row, d);
    if (st == RS_ERR_NOMEM)
        return rs_fail(r, st, "out of memory");
    return st ? rs_fail(r, st, "reading the requests: %s", rs_data_error(r->data)) : RS_OK;
}

static rs_status read_draft(rs_roster *r, draft *d, const char *data, size_t len)
{
    rs_status st = read_text(r, d, data, len);
    if (st)
        return st;
    /* The roster is read for its requests and its codes, and a draft is
     * made without one. */
    int have_roster = rs_begin_open(r) == RS_OK;
    if (!have_roster)
        rs_begin(r);
    else if ((st = read_known(r, d)))
        return st;
    if (rs_request_facts_read(d->text, d->len, &d->facts) < 0 ||
        rs_request_country_read(d->text, d->len, d->known, d->n_known, &d->country) < 0 ||
        working_languages(d) < 0)
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    if (have_roster)
        return infer_codes(r, d);
    d->codes_missing = "no roster to learn codes from (import experts first)";
    return RS_OK;
}

static void draft_free(draft *d)
{
    free(d->text);
    for (size_t i = 0; i < d->n_known; i++)
        free((char *)d->known[i].name);
    free(d->known);
    rs_request_facts_free(&d->facts);
    rs_tor_free(&d->tor);
}

/* ---- the JSON form ---- */

typedef struct {
    rs_json_build b;
    json_t *tor, *evidence, *confidence, *missing;
    const draft *d;
} out;

static void found(out *o, const char *key, json_t *value, json_t *evidence, double confidence)
{
    rs_json_set(&o->b, o->tor, key, value);
    rs_json_set(&o->b, o->evidence, key, evidence);
    rs_json_set(&o->b, o->confidence, key, json_real(rs_round_shown(confidence, 2)));
}

static void said(out *o, const char *key, int is_found, json_t *value, const rs_said *s)
{
    if (is_found)
        found(o, key, value, evidence(o->d, s->begin, s->end), s->confidence);
    else {
        json_decref(value);
        rs_json_append(&o->b, o->missing, json_string(key));
    }
}

/* The words that weighed for a code, "a, b, c". */
static json_t *code_evidence(const rs_inferred *g)
{
    char buf[RS_INFER_EVIDENCE * (RS_WORD_MAX + 2)] = "";
    for (size_t i = 0; i < RS_INFER_EVIDENCE && g->evidence[i][0]; i++) {
        if (i)
            strcat(buf, ", ");
        strcat(buf, g->evidence[i]);
    }
    return json_string(buf);
}

static void add_codes(out *o, const char *key, const rs_inferred *g, size_t n)
{
    if (!n) {
        rs_json_append(&o->b, o->missing, json_string(key));
        return;
    }
    json_t *codes = rs_json_take(&o->b, json_array());
    json_t *why = rs_json_take(&o->b, json_object());
    json_t *how = rs_json_take(&o->b, json_object());
    for (size_t i = 0; i < n; i++) {
        rs_json_append(&o->b, codes, json_string(g[i].code));
        rs_json_set(&o->b, why, g[i].code, code_evidence(&g[i]));
        rs_json_set(&o->b, how, g[i].code, json_real(rs_round_shown(g[i].score, 2)));
    }
    rs_json_set(&o->b, o->tor, key, codes);
    rs_json_set(&o->b, o->evidence, key, why);
    rs_json_set(&o->b, o->confidence, key, how);
}

/* How sure the working language is: the text's own and the country's is
 * near certain, the country's when the text is in another a good guess,
 * the text's alone as sure as its language is. */
static double languages_confidence(const draft *d)
{
    if (rs_stated_required(&d->facts.languages))
        return 0.9; /* the text says it */
    switch (d->tor.languages_basis) {
    case RS_LANGUAGES_FROM_TEXT: return 0.9;
    case RS_LANGUAGES_FROM_COUNTRY: return 0.7;
    default: return d->language_confidence;
    }
}

static json_t *languages_json(out *o)
{
    json_t *list = rs_json_take(&o->b, json_array());
    for (size_t i = 0; i < o->d->tor.n_languages; i++) {
        json_t *l = rs_json_take(&o->b, json_object());
        rs_json_set(&o->b, l, "code", json_string(o->d->tor.languages[i].code));
        rs_json_set(&o->b, l, "level",
                    json_string(rs_cefr_name(o->d->tor.languages[i].level)));
        rs_json_append(&o->b, list, l);
    }
    return list;
}

/* s with more after it (s malloc'd, freed on failure); NULL when out of
 * memory or s is NULL. */
static char *append(char *s, const char *more)
{
    char *t = s && more ? realloc(s, strlen(s) + strlen(more) + 1) : NULL;
    if (!t) {
        free(s);
        return NULL;
    }
    return strcat(t, more);
}

/* The passage of a stated language, appended to s. */
static char *append_statement(const draft *d, char *s, const rs_stated_language *l)
{
    char *words = evidence_text(d, l->begin, l->end, 0);
    s = append(s, words);
    free(words);
    return s;
}

/* The languages' evidence: the passages that state the required ones, else
 * the reason they were inferred; then each asset the text names, so its
 * reviewer sees it though a match will not ask for it. */
static json_t *languages_evidence(const draft *d)
{
    const rs_stated_languages *s = &d->facts.languages;
    int stated = rs_stated_required(s) > 0;
    char *text = strdup(stated ? "" : d->languages_basis);
    size_t shown_end = 0;
    for (size_t i = 0; stated && i < s->n; i++) {
        const rs_stated_language *l = &s->l[i];
        if (l->asset || (shown_end && l->begin < shown_end))
            continue; /* an asset, or in the passage shown */
        if (shown_end)
            text = append(text, "; ");
        text = append_statement(d, text, l);
        shown_end = l->end;
    }
    if (stated)
        text = append(text, " (stated in the text)");
    for (size_t i = 0; i < s->n; i++)
        if (s->l[i].asset) {
            text = append(append(append(text, "; "), s->l[i].code), " an asset, not required: ");
            text = append_statement(d, text, &s->l[i]);
        }
    json_t *j = text ? json_string(text) : NULL;
    free(text);
    return j;
}

static void add_window(out *o)
{
    const draft *d = o->d;
    if (!d->facts.window.found) {
        rs_json_append(&o->b, o->missing, json_string("from"));
        rs_json_append(&o->b, o->missing, json_string("to"));
        return;
    }
    char from[11], to[11];
    rs_date_format(d->facts.from, from);
    rs_date_format(d->facts.to, to);
    said(o, "from", 1, json_string(from), &d->facts.window);
    said(o, "to", 1, json_string(to), &d->facts.window);
}

/* The description: the document's text, cut to what a ToR holds. */
static json_t *description(const draft *d)
{
    size_t n = d->len < RS_TEXT_MAX ? d->len : RS_TEXT_MAX;
    while (n < d->len && continuation((unsigned char)d->text[n]))
        n--;
    return json_stringn(d->text, n);
}

static json_t *document_json(out *o)
{
    const draft *d = o->d;
    json_t *doc = rs_json_take(&o->b, json_object());
    rs_json_set(&o->b, doc, "name", json_string(d->name));
    rs_json_set(&o->b, doc, "format", json_string(d->format));
    rs_json_set(&o->b, doc, "language", d->language[0] ? json_string(d->language) : json_null());
    rs_json_set(&o->b, doc, "characters", json_integer((json_int_t)rs_utf8_length(d->text, d->len)));
    return doc;
}

static json_t *draft_json(const draft *d)
{
    out o = {.d = d};
    o.tor = rs_json_take(&o.b, json_object());
    o.evidence = rs_json_take(&o.b, json_object());
    o.confidence = rs_json_take(&o.b, json_object());
    o.missing = rs_json_take(&o.b, json_array());
    const rs_request_facts *f = &d->facts;
    said(&o, "action", f->action.found, json_string(f->action_code), &f->action);
    said(&o, "title", f->title.found, json_string(f->title_text ? f->title_text : ""),
         &f->title);
    if (d->country.code[0])
        found(&o, "country", json_string(d->country.code), country_evidence(d),
              d->country.said.confidence);
    else
        rs_json_append(&o.b, o.missing, json_string("country"));
    said(&o, "partner_institution", f->institution.found,
         json_string(f->institution_text ? f->institution_text : ""), &f->institution);
    add_codes(&o, "fields", d->fields, d->n_fields);
    add_codes(&o, "competences", d->codes.competences,
              d->codes.n_competences < DRAFT_CODES ? d->codes.n_competences : DRAFT_CODES);
    if (d->tor.n_languages)
        found(&o, "languages", languages_json(&o), languages_evidence(d),
              languages_confidence(d));
    else
        rs_json_append(&o.b, o.missing, json_string("languages"));
    said(&o, "team_size", f->team.found, json_integer(f->team_size), &f->team);
    add_window(&o);
    rs_json_set(&o.b, o.tor, "description", description(d));
    rs_json_set(&o.b, o.tor, "document", document_json(&o));
    rs_json_set(&o.b, o.tor, "evidence", o.evidence);
    rs_json_set(&o.b, o.tor, "confidence", o.confidence);
    if (d->codes_missing)
        rs_json_set(&o.b, o.tor, "codes_missing", json_string(d->codes_missing));
    rs_json_set(&o.b, o.tor, "missing", o.missing);
    if (o.b.failed) {
        json_decref(o.tor);
        return NULL;
    }
    return o.tor;
}

/* ---- the text form ---- */

static void print_row(FILE *f, const json_t *j, const char *key)
{
    const json_t *v = json_object_get(j, key);
    if (!v)
        return;
    const json_t *ev = json_object_get(json_object_get(j, "evidence"), key);
    const json_t *cf = json_object_get(json_object_get(j, "confidence"), key);
    fprintf(f, "  %-20s ", key);
    if (json_is_string(v))
        fputs(json_string_value(v), f);
    else if (json_is_integer(v))
        fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    size_t i;
    const json_t *item;
    json_array_foreach(v, i, item) /* codes, or languages with their level */
        if (json_is_string(item))
            fprintf(f, "%s%s", i ? " " : "", json_string_value(item));
        else
            fprintf(f, "%s%s %s", i ? ", " : "",
                    json_string_value(json_object_get(item, "code")),
                    json_string_value(json_object_get(item, "level")));
    fputc('\n', f);
    if (json_is_string(ev))
        fprintf(f, "  %-20s   %.2f  %s\n", "", json_real_value(cf), json_string_value(ev));
    const char *code;
    const json_t *why;
    json_object_foreach((json_t *)ev, code, why)
        fprintf(f, "  %-20s   %-8s %.2f  %s  %s\n", "", code,
                json_real_value(json_object_get(cf, code)),
                rs_label(code, "en") ? rs_label(code, "en") : "", json_string_value(why));
}

static rs_status print_draft(const rs_answer *a, FILE *f)
{
    static const char *const keys[] = {"action", "title", "country", "partner_institution",
                                       "fields", "competences", "languages", "team_size",
                                       "from", "to"};
    const json_t *j = rs_answer_json(a), *doc = json_object_get(j, "document");
    const char *lang = json_string_value(json_object_get(doc, "language"));
    fprintf(f, "draft ToR from %s (%s, %s)\n\n", json_string_value(json_object_get(doc, "name")),
            json_string_value(json_object_get(doc, "format")),
            lang ? rs_language_name(lang) : "language unclear");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        print_row(f, j, keys[i]);
    const json_t *missing = json_object_get(j, "missing");
    if (json_array_size(missing)) {
        fprintf(f, "\nmissing:");
        size_t i;
        const json_t *m;
        json_array_foreach(missing, i, m)
            fprintf(f, "%s %s", i ? "," : "", json_string_value(m));
        fputc('\n', f);
    }
    const char *why = json_string_value(json_object_get(j, "codes_missing"));
    if (why)
        fprintf(f, "codes: %s\n", why);
    fprintf(f, "\nreview it (--json gives the ToR to edit), then: roster request add TOR.json\n");
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_draft(rs_roster *r, const char *name, const char *data, size_t len,
                          rs_answer **out)
{
    *out = NULL;
    rs_begin(r);
    draft d = {.name = name};
    rs_status st = read_draft(r, &d, data, len);
    json_t *j = st ? NULL : draft_json(&d);
    draft_free(&d);
    if (st)
        return st;
    if (!j || !(*out = rs_answer_new(j, RS_OUTCOME_DONE, print_draft, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

int rs_is_document(const char *name)
{
    static const char *const endings[] = {".txt", ".md", ".pdf", ".docx", ".odt"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        size_t e = strlen(endings[i]);
        if (n > e && strcasecmp(name + n - e, endings[i]) == 0)
            return 1;
    }
    return 0;
}

rs_status rs_draft_tor(const rs_answer *draft, const char *action, char **out)
{
    static const char *const notes[] = {RS_TOR_DRAFT_NOTES};
    *out = NULL;
    json_t *tor = json_deep_copy(rs_answer_json(draft));
    if (!tor)
        return RS_ERR_NOMEM;
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
        json_object_del(tor, notes[i]);
    const char *name = json_string_value(
        json_object_get(json_object_get(rs_answer_json(draft), "document"), "name"));
    int ok = 1;
    if (!json_object_get(tor, "action"))
        ok = json_object_set_new(tor, "action", json_string(action)) == 0;
    if (ok && !json_object_get(tor, "title"))
        ok = json_object_set_new(tor, "title", json_string(name ? name : action)) == 0;
    *out = ok ? json_dumps(tor, JSON_COMPACT) : NULL;
    json_decref(tor);
    return *out ? RS_OK : RS_ERR_NOMEM;
}

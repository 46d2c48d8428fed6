/* Codes inferred from a text by the roster's own CVs. See infer.h. */
#include "matcher/infer.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/labels.h"
#include "core/record.h"
#include "core/taxonomy.h"
#include "core/qlist.h"
#include "core/schema.h"

#define MAX_WORDS 120   /* distinct words of the text weighed, as retrieval takes */
#define MAX_STEMS 4     /* one stem per CV language */
/* A word held by more than this share of the CVs tells no code from
 * another, and its posting list is the longest to read (retrieval's cut). */
#define COMMON_WORD_SHARE 0.20
#define COMMON_WORD_FLOOR 100 /* a small roster keeps all its words */
/* A word shown as a code's evidence is held by at most this many of the
 * CVs, however few: in a handful of CVs every word is a large share. */
#define EVIDENCE_FLOOR 10

/* ---- the text's words ---- */

typedef struct {
    char word[RS_WORD_MAX + 1];
    double idf;          /* log(CVs / CVs holding it), for the evidence */
    int shown;           /* may be named as evidence: not_evidence, shown_max */
} word_t;

/* A term of the index (the exact word or a stem) and the word it stands for. */
typedef struct {
    char term[RS_TERM_MAX];
    size_t word;
} term_t;

typedef struct {
    xc_db *db;
    rs_stemmers *stemmers;
    const char *lang;   /* the text's, or NULL: every CV language */
    uint32_t n_docs;
    uint32_t shown_max; /* CVs holding a word named as evidence, at most */
    word_t words[MAX_WORDS];
    size_t n_words;
    term_t terms[MAX_WORDS * (MAX_STEMS + 1)]; /* sorted by term once read */
    size_t n_terms;
    int failed;         /* out of memory or the index failed */
} text_model;

/* The word's terms as the search language reads it: the exact word and its
 * stem in the text's language (unknown: in every CV language). */
static size_t word_terms(text_model *m, const char *word, char terms[][RS_TERM_MAX])
{
    size_t n = 0;
    snprintf(terms[n++], RS_TERM_MAX, "%s", word);
    for (size_t i = 0; rs_index_languages[i] && n <= MAX_STEMS; i++) {
        if (m->lang && strcmp(m->lang, rs_index_languages[i]) != 0) continue;
        xc_stem *st = rs_stemmers_get(m->stemmers, rs_index_languages[i]);
        const char *s = st ? xc_stem_word(st, word, strlen(word)) : NULL;
        if (!s || !*s) continue;
        snprintf(terms[n], RS_TERM_MAX, "%s%s", RS_PREFIX_STEM, s);
        size_t j = 0;
        while (j < n && strcmp(terms[j], terms[n]) != 0) j++;
        n += j == n; /* the same stem in another language counts once */
    }
    return n;
}

/* How many CVs hold any of the terms (the word in some form) into *held. */
static int cvs_holding(text_model *m, char terms[][RS_TERM_MAX], size_t n, uint32_t *held)
{
    xc_query *q[MAX_STEMS + 1];
    size_t made = 0;
    while (made < n && (q[made] = xc_query_term(terms[made], 1))) made++;
    xc_query *any = made == n ? xc_query_combine(XC_OP_OR, q, n) : NULL;
    int rc = any && xc_db_match(m->db, any, NULL, 0, NULL, held) == XC_OK ? 0 : -1;
    xc_query_free(any);
    for (size_t i = 0; i < made; i++) xc_query_free(q[i]);
    return rc;
}

/* ---- the words named as evidence ---- */

/* Words the evidence leaves out though inference weighs them: grammatical
 * words of the four languages core/labels.h's list leaves in (that list is
 * part of the inference, tuned with make eval; its words never reach the
 * evidence), and the words every request or CV writes whatever its topic:
 * its form ("objet", "asunto"), the administration it comes from, the
 * mission's experts, dates and working language, a CV's years of
 * experience. */
static const char *const not_evidence[] = {
    /* en */
    "among", "because", "before", "being", "both", "could", "during", "each", "had", "he",
    "her", "his", "how", "most", "my", "once", "only", "out", "over", "own", "per", "same",
    "she", "so", "some", "then", "there", "very", "via", "what", "when", "where", "while",
    "without", "you", "your", "one", "two", "three", "four",
    /* fr */
    "ainsi", "alors", "apres", "aussi", "avant", "avoir", "ceci", "cela", "celle", "celui",
    "ceux", "chez", "depuis", "doit", "donc", "dont", "durant", "encore", "etre", "fait",
    "faire", "je", "lui", "meme", "mon", "nous", "pendant", "peut", "puis", "quand", "quel",
    "quelle", "si", "sous", "tres", "vous", "deux", "trois", "quatre",
    /* es */
    "ante", "bajo", "cada", "como", "con", "cual", "cuando", "donde", "durante", "es", "esa",
    "ese", "eso", "estar", "fue", "ha", "han", "hay", "mediante", "mi", "muy", "segun", "ser",
    "sido", "solo", "tambien", "tiene", "toda", "todas", "todo", "todos", "tras", "ya",
    "cuatro",
    /* pt */
    "apos", "ate", "ela", "ele", "elas", "eles", "essa", "esse", "isso", "ja", "muito",
    "onde", "pode", "qual", "quando", "seja", "tambem", "tem", "ter", "dois", "duas", "quatro",
    /* a request's form and its sender */
    "objet", "subject", "asunto", "assunto", "title", "titre", "titulo", "reference", "ref",
    "annex", "annexe", "anexo", "request", "demande", "solicitud", "pedido", "terms", "termes",
    "terminos", "termos", "ministry", "ministere", "ministerio", "republic", "republique",
    "republica", "partner", "partenaire", "parceira", "parceiro", "socia", "contraparte",
    "beneficiary", "beneficiaire", "beneficiaria", "beneficiario", "solicitante",
    "requerente", "demandeur", "demanderesse", "action", "accion", "acao",
    /* the mission: its experts, its dates, its working language */
    "mission", "missions", "mision", "misiones", "missao", "missoes", "expert", "experts",
    "experto", "expertos", "experta", "expertas", "perito", "peritos", "especialista",
    "especialistas", "specialist", "specialists", "consultant", "consultants", "european",
    "europeen", "europeens", "europeenne", "europeo", "europeos", "europeu", "europeus",
    "team", "equipe", "equipo", "equipa", "day", "days", "jour", "jours", "dia", "dias",
    "week", "weeks", "semaine", "semaines", "semana", "semanas", "month", "months", "mois",
    "mes", "meses", "year", "years", "ans", "annee", "annees", "ano", "anos", "date", "dates",
    "fecha", "fechas", "data", "datas", "language", "languages", "langue", "langues",
    "idioma", "idiomas", "lingua", "english", "anglais", "ingles", "french", "francais",
    "frances", "spanish", "espagnol", "espanol", "castellano", "portuguese", "portugais",
    "portugues", "experience", "experiencia", "experiences", "experiencias",
    /* the people who write and sign it: their roles, titles and greetings */
    "principal", "general", "generale", "director", "directora", "directeur", "directrice",
    "diretor", "diretora", "adjoint", "adjointe", "adjunto", "adjunta", "deputy", "chef",
    "jefe", "jefa", "chefe", "head", "coordinator", "coordinateur", "coordinatrice",
    "coordinador", "coordinadora", "coordenador", "coordenadora", "secretary", "secretaire",
    "secretario", "minister", "ministre", "ministro", "ministra", "senor", "senora", "mr",
    "mrs", "ms", "mme", "dr", "sr", "sra", "dear", "estimado", "estimada", "madame",
    "monsieur", "bonjour", "buenos", "buenas", "saludos", "saludo", "cordialement",
    "atentamente", "regards", "atenciosamente", "cumprimentos", "merci", "gracias",
    "obrigado", "obrigada",
};

/* Does the evidence leave the word out: listed above, or a number (a
 * date's, a phone's), which says no topic? */
static int listed_word(const char *w)
{
    if (w[strspn(w, "0123456789")] == '\0')
        return 1;
    for (size_t i = 0; i < sizeof not_evidence / sizeof *not_evidence; i++)
        if (strcmp(w, not_evidence[i]) == 0) return 1;
    return 0;
}

/* The most CVs a word named as evidence may be held by: a fifth of the
 * CVs of the experts who speak the text's language (of all the CVs when
 * it is unknown). A word most CVs in the text's language hold ("ans" in
 * French CVs, "trabajo" in Spanish ones) tells no code from another; the
 * fifth of the whole roster, as retrieval cuts, misses it when that
 * language is a minority of the CVs. */
static uint32_t shown_max(text_model *m)
{
    uint32_t speakers = 0, base = m->n_docs;
    char term[RS_TERM_MAX];
    if (m->lang) {
        snprintf(term, sizeof term, "%s%s", RS_PREFIX_LANGUAGE, m->lang);
        if (xc_db_termfreq(m->db, term, &speakers) == XC_OK && speakers > 0) base = speakers;
    }
    uint32_t max = (uint32_t)(base * COMMON_WORD_SHARE);
    return max > EVIDENCE_FLOOR ? max : EVIDENCE_FLOOR;
}

/* Keep a word the roster knows and not too many of its CVs hold. */
static int add_word(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    text_model *m = arg;
    if (m->n_words == MAX_WORDS) return 1;
    word_t *w = &m->words[m->n_words];
    snprintf(w->word, sizeof w->word, "%.*s", (int)len, word);
    if (len < 2 || rs_stopword(w->word)) return 0;
    for (size_t i = 0; i < m->n_words; i++)
        if (strcmp(m->words[i].word, w->word) == 0) return 0;
    char terms[MAX_STEMS + 1][RS_TERM_MAX];
    size_t n = word_terms(m, w->word, terms);
    uint32_t held = 0, common = (uint32_t)(m->n_docs * COMMON_WORD_SHARE);
    if (cvs_holding(m, terms, n, &held) != 0) return m->failed = 1;
    if (held == 0 || held > (common > COMMON_WORD_FLOOR ? common : COMMON_WORD_FLOOR))
        return 0; /* unknown to the roster, or said by too many */
    w->idf = log((double)m->n_docs / held);
    w->shown = held <= m->shown_max && !listed_word(w->word);
    for (size_t i = 0; i < n; i++) {
        memcpy(m->terms[m->n_terms].term, terms[i], RS_TERM_MAX);
        m->terms[m->n_terms++].word = m->n_words;
    }
    m->n_words++;
    return 0;
}

/* The text's words (add_word), each known as one that may be named as
 * evidence or not. */
static int read_words(text_model *m, const char *text)
{
    m->shown_max = shown_max(m);
    return rs_text_words(text, strlen(text), add_word, m) < 0 ? -1 : 0;
}

static int by_term(const void *a, const void *b)
{
    return strcmp(((const term_t *)a)->term, ((const term_t *)b)->term);
}

/* The OR of the words' terms, each weighed by BM25 as retrieval does.
 * NULL when out of memory. */
static xc_query *words_query(const text_model *m)
{
    rs_qlist terms = {0};
    for (size_t i = 0; i < m->n_terms; i++)
        rs_qlist_add(&terms, xc_query_term(m->terms[i].term, 1));
    xc_query *all = rs_qlist_combine(&terms, XC_OP_OR);
    rs_qlist_free(&terms);
    return all;
}

/* ---- the codes of the nearest CVs ---- */

typedef struct {
    char code[16];
    int competence;
    double weight;      /* of the nearest CVs declaring it (at any level) */
    double label;       /* its label's phrase in the text: add_labels */
    double *evidence;   /* per word: its idf times the weight of those CVs holding it */
} code_t;

typedef struct {
    const text_model *text;
    code_t *codes;
    size_t n, cap;
    double total;       /* the weight of all the nearest CVs */
    /* the CV being read: the text's words it holds, the codes it declares */
    unsigned char *has_word;
    size_t *doc_codes;
    size_t n_doc_codes, cap_doc_codes;
    int failed;
} code_tally;

static code_t *code_slot(code_tally *t, const char *code, int competence)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->codes[i].competence == competence && strcmp(t->codes[i].code, code) == 0)
            return &t->codes[i];
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        code_t *p = realloc(t->codes, cap * sizeof *p);
        if (!p) return NULL;
        t->codes = p, t->cap = cap;
    }
    code_t *c = &t->codes[t->n];
    memset(c, 0, sizeof *c);
    if (!(c->evidence = calloc(t->text->n_words + 1, sizeof *c->evidence))) return NULL;
    snprintf(c->code, sizeof c->code, "%s", code);
    c->competence = competence;
    t->n++;
    return c;
}

/* One term of the CV being read: a code it declares, or a word of the text. */
static int read_term(const char *term, void *arg)
{
    code_tally *t = arg;
    size_t fp = strlen(RS_PREFIX_FIELD), cp = strlen(RS_PREFIX_COMPETENCE);
    int field = strncmp(term, RS_PREFIX_FIELD, fp) == 0;
    int comp = strncmp(term, RS_PREFIX_COMPETENCE, cp) == 0;
    if (field || comp) {
        if (t->n_doc_codes == t->cap_doc_codes) {
            size_t cap = t->cap_doc_codes ? 2 * t->cap_doc_codes : 32;
            size_t *p = realloc(t->doc_codes, cap * sizeof *p);
            if (!p) return t->failed = 1;
            t->doc_codes = p, t->cap_doc_codes = cap;
        }
        code_t *c = code_slot(t, term + (field ? fp : cp), comp);
        if (!c) return t->failed = 1;
        t->doc_codes[t->n_doc_codes++] = (size_t)(c - t->codes);
        return 0;
    }
    term_t key;
    snprintf(key.term, sizeof key.term, "%s", term);
    const term_t *hit = bsearch(&key, t->text->terms, t->text->n_terms, sizeof key, by_term);
    if (hit) t->has_word[hit->word] = 1;
    return 0;
}

/* Add the CV's weight to each code it declares, and to the evidence of
 * each word of the text it holds. */
static int tally_doc(code_tally *t, xc_doc *doc, double weight)
{
    const text_model *m = t->text;
    t->n_doc_codes = 0;
    memset(t->has_word, 0, m->n_words + 1);
    if (xc_doc_each_term(doc, read_term, t) != XC_OK || t->failed) return -1;
    for (size_t k = 0; k < t->n_doc_codes; k++) {
        code_t *c = &t->codes[t->doc_codes[k]];
        c->weight += weight;
        for (size_t w = 0; w < m->n_words; w++)
            if (t->has_word[w]) c->evidence[w] += weight * m->words[w].idf;
    }
    t->total += weight;
    return 0;
}

/* The RS_INFER_NEAREST CVs nearest the text, tallied; each weighs its
 * relevance over the nearest one's. */
static int tally_nearest(const text_model *m, code_tally *t)
{
    xc_query *q = words_query(m);
    uint32_t docids[RS_INFER_NEAREST], n = 0;
    double weights[RS_INFER_NEAREST];
    int rc = q && xc_db_rank(m->db, q, RS_INFER_NEAREST, docids, weights, &n) == XC_OK ? 0 : -1;
    xc_query_free(q);
    double top = n ? weights[0] : 0;
    for (uint32_t i = 0; i < n && rc == 0 && top > 0; i++) {
        xc_doc *doc;
        rc = xc_db_get_doc(m->db, docids[i], &doc) == XC_OK ? tally_doc(t, doc, weights[i] / top)
                                                           : -1;
        if (rc == 0) xc_doc_free(doc);
    }
    return rc;
}

/* ---- the taxonomy's own words ---- */

/* A text's content words (core/labels.h's stopwords left out), folded, a
 * plural's "s" dropped, in order: what a label's phrase is looked for in. */
typedef struct {
    char (*w)[RS_WORD_MAX + 1];
    size_t n, cap;
    int failed;
} content;

static void plain(char *word)
{
    size_t n = strlen(word);
    if (n > 3 && word[n - 1] == 's')
        word[n - 1] = '\0';
}

static int add_content(const char *word, size_t len, unsigned pos, void *arg)
{
    (void)pos;
    content *c = arg;
    char w[RS_WORD_MAX + 1];
    snprintf(w, sizeof w, "%.*s", (int)len, word);
    if (rs_stopword(w))
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        void *p = realloc(c->w, cap * sizeof *c->w);
        if (!p)
            return c->failed = 1;
        c->w = p, c->cap = cap;
    }
    plain(w);
    memcpy(c->w[c->n++], w, sizeof w);
    return 0;
}

/* Does the text hold the phrase's content words one after another? */
static int holds_phrase(const content *text, const content *phrase)
{
    for (size_t i = 0; phrase->n && i + phrase->n <= text->n; i++) {
        size_t k = 0;
        while (k < phrase->n && strcmp(text->w[i + k], phrase->w[k]) == 0)
            k++;
        if (k == phrase->n)
            return 1;
    }
    return 0;
}

typedef struct {
    const content *text;
    double best; /* 1 for a phrase of two words or more, 0.5 for one word */
    int failed;
} phrase_hit;

/* One ';'-separated phrase list (a label and its keywords) against the text. */
static void hit_phrases(phrase_hit *h, const char *list)
{
    while (*list && !h->failed) {
        size_t len = strcspn(list, ";");
        content phrase = {0};
        if (rs_text_words(list, len, add_content, &phrase) < 0 || phrase.failed)
            h->failed = 1;
        else if (holds_phrase(h->text, &phrase) && (phrase.n > 1 ? 1.0 : 0.5) > h->best)
            h->best = phrase.n > 1 ? 1.0 : 0.5;
        free(phrase.w);
        list += len + (list[len] == ';');
    }
}

static int each_language(const char *lang, const char *label, const char *keywords, void *arg)
{
    (void)lang;
    phrase_hit *h = arg;
    hit_phrases(h, label);
    hit_phrases(h, keywords);
    return h->failed;
}

/* A field whose label or keyword phrase the text holds, its words one after
 * another ("inspection du travail", core/labels.h), gains
 * RS_INFER_LABEL_WEIGHT times the nearest CVs' weight (half that for a
 * phrase of one word), and so do its ancestors, once each: the CVs near a
 * text full of an administration's words ("ministère", "sécurité") may be
 * about another field than the one it names. */
static int add_labels(code_tally *t, const char *text)
{
    content words = {0};
    /* A ToR's text is at most 64 KiB: a document's first 64 KiB say its topic. */
    size_t len = strlen(text);
    if (len > RS_TEXT_MAX) {
        len = RS_TEXT_MAX;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    if (rs_text_words(text, len, add_content, &words) < 0 || words.failed) {
        free(words.w);
        return -1;
    }
    const rs_taxonomy *tax = rs_taxonomy_get();
    int rc = 0;
    for (size_t f = 0; f < rs_taxonomy_n_fields(tax) && rc == 0; f++) {
        const char *code = rs_taxonomy_field_at(tax, f)->code;
        phrase_hit h = {&words, 0, 0};
        if (rs_labels_each(code, each_language, &h) < 0 || h.failed)
            rc = -1;
        for (int depth = 1; rc == 0 && h.best > 0 && depth <= rs_code_depth(code); depth++) {
            char prefix[16];
            code_t *c = rs_code_prefix(code, depth, prefix, sizeof prefix) == 0
                            ? code_slot(t, prefix, 0) : NULL;
            if (!c)
                rc = -1;
            else if (h.best > c->label)
                c->label = h.best;
        }
    }
    for (size_t i = 0; rc == 0 && i < t->n; i++)
        t->codes[i].weight += RS_INFER_LABEL_WEIGHT * t->codes[i].label * t->total;
    free(words.w);
    return rc;
}

/* ---- the answer ---- */

static int by_weight(const void *a, const void *b)
{
    const code_t *x = a, *y = b;
    if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* The word of the largest evidence that may be shown and is not taken
 * yet into used, or -1. */
static int best_word(const text_model *m, const code_t *c, const unsigned char *used)
{
    int best = -1;
    for (size_t w = 0; w < m->n_words; w++)
        if (!used[w] && m->words[w].shown && c->evidence[w] > 0 &&
            (best < 0 || c->evidence[w] > c->evidence[best]))
            best = (int)w;
    return best;
}

static void take(const code_tally *t, const code_t *c, rs_inferred *out)
{
    const text_model *m = t->text;
    unsigned char used[MAX_WORDS] = {0};
    memset(out, 0, sizeof *out);
    snprintf(out->code, sizeof out->code, "%s", c->code);
    out->score = c->weight < t->total ? c->weight / t->total : 1.0;
    for (int k = 0; k < RS_INFER_EVIDENCE; k++) {
        int w = best_word(m, c, used);
        if (w < 0) break;
        used[w] = 1;
        snprintf(out->evidence[k], sizeof out->evidence[k], "%s", m->words[w].word);
    }
}

static int is_child(const char *parent, const char *code)
{
    size_t n = strlen(parent);
    return strncmp(parent, code, n) == 0 && code[n] == '.' && !strchr(code + n + 1, '.');
}

/* The heaviest field code that is a child of parent ("" for a letter), or
 * NULL. The codes are sorted by weight: the first met is the heaviest. */
static const code_t *heaviest_child(const code_tally *t, const char *parent)
{
    for (size_t i = 0; i < t->n; i++) {
        const code_t *c = &t->codes[i];
        if (!c->competence && (*parent ? is_child(parent, c->code) : !strchr(c->code, '.')))
            return c;
    }
    return NULL;
}

/* From the heaviest field letter down: the heaviest child, while it holds
 * at least RS_INFER_DESCENT of its parent's weight. */
static const code_t *focus(const code_tally *t)
{
    const code_t *at = heaviest_child(t, ""), *next;
    while (at && (next = heaviest_child(t, at->code)) &&
           next->weight >= RS_INFER_DESCENT * at->weight)
        at = next;
    return at;
}

static void answer(code_tally *t, size_t max, rs_inference *out)
{
    if (max > RS_INFER_MAX) max = RS_INFER_MAX;
    qsort(t->codes, t->n, sizeof *t->codes, by_weight);
    for (size_t i = 0; i < t->n; i++) {
        const code_t *c = &t->codes[i];
        if (c->competence && out->n_competences < max)
            take(t, c, &out->competences[out->n_competences++]);
        else if (!c->competence && out->n_fields < max)
            take(t, c, &out->fields[out->n_fields++]);
    }
    const code_t *f = focus(t);
    if (f) take(t, f, &out->focus);
}

static void tally_free(code_tally *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->codes[i].evidence);
    free(t->codes);
    free(t->has_word);
    free(t->doc_codes);
}

int rs_infer_codes(xc_db *db, rs_stemmers *stemmers, const char *text, const char *lang,
                   size_t max, rs_inference *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    text_model *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    *m = (text_model){.db = db, .stemmers = stemmers, .lang = lang};
    const char *why = NULL;
    if (xc_db_doccount(db, &m->n_docs) != XC_OK)
        why = xc_db_last_error(db);
    else if (m->n_docs && read_words(m, text) < 0)
        why = "not UTF-8, or out of memory";
    else if (m->failed)
        why = xc_db_last_error(db);
    code_tally t = {.text = m};
    if (!why && m->n_words) {
        qsort(m->terms, m->n_terms, sizeof *m->terms, by_term);
        if (!(t.has_word = calloc(m->n_words + 1, 1)) || tally_nearest(m, &t) != 0)
            why = t.failed || !t.has_word ? "out of memory" : xc_db_last_error(db);
        else if (t.total > 0 && add_labels(&t, text) != 0)
            why = "out of memory";
        else if (t.total > 0)
            answer(&t, max, out);
    }
    if (why) snprintf(err, errsz, "cannot infer codes: %s", why);
    tally_free(&t);
    free(m);
    return why ? -1 : 0;
}

/*
 * Labels of the taxonomy in four languages, parsed once from the compiled-in
 * labels.tsv and checked against the taxonomy. Rows are sorted by code, then
 * language, so the four rows of a code are adjacent and in the order of
 * rs_label_languages.
 *
 * For inference, the label and each keyword of a field are phrases, cut into
 * word keys (folded, no stopwords, plurals folded); the keys of all phrases
 * are numbered in one sorted vocabulary. A text is read once, marking the
 * vocabulary words it has; then each field is scored on its phrases.
 */
#include "core/labels.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/data.h"
#include "core/taxonomy.h"
#include "core/text.h"
#include "core/tsv.h"

const char *const rs_label_languages[] = {"en", "fr", "es", "pt", NULL};
#define N_LANGS 4

enum { COL_CODE, COL_KIND, COL_LANG, COL_LABEL, COL_KEYWORDS };
enum { KEYWORDS_MIN = 2, KEYWORDS_MAX = 6 };

typedef struct {
    const char *code, *label, *keywords;
    int is_field;  /* else a competence */
    int lang;      /* index in rs_label_languages */
    size_t row;    /* in the file, for messages */
} label_row;

typedef struct {
    size_t first, n; /* a range of label_table.words */
} phrase;

typedef struct {
    const char *code;
    int depth;
    size_t first, n; /* a range of label_table.phrases */
} field_phrases;

typedef struct {
    rs_tsv tsv;
    label_row *rows;        /* by code, then language */
    size_t n_rows;
    char *keys;             /* the phrases' word keys, each NUL-terminated */
    size_t keys_len, keys_cap;
    size_t *words;          /* offsets into keys while building, then vocab indexes */
    size_t n_words, words_cap;
    phrase *phrases;
    size_t n_phrases, phrases_cap;
    field_phrases *fields;  /* by code */
    size_t n_fields;
    const char **vocab;     /* distinct keys, sorted; they point into keys */
    size_t n_vocab;
} label_table;

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- word keys ---- */

/* Grammatical words of the four languages, folded (rs_text_fold): they say
 * nothing about the topic, so they neither make nor break a match. Sorted
 * once on first use. One-letter words are dropped separately. */
static const char *stopwords[] = {
    /* en */
    "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its",
    "may", "more", "must", "no", "nor", "not", "of", "on", "or", "other", "others", "our",
    "should", "such", "than", "that", "the", "their", "them", "these", "they", "this",
    "those", "through", "to", "under", "was", "we", "were", "which", "who", "will", "with",
    "within", "would",
    /* fr (à is "a", où is "ou") */
    "afin", "au", "autre", "autres", "aux", "avec", "ce", "ces", "cet", "cette", "comme",
    "dans", "de", "des", "du", "elle", "elles", "en", "entre", "est", "et", "il", "ils",
    "la", "le", "les", "leur", "leurs", "lors", "mais", "ne", "ni", "nos", "notre", "ou",
    "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "sans", "se", "selon", "ses",
    "son", "sont", "sur", "tous", "tout", "toute", "toutes", "un", "une", "vers", "vos",
    "votre",
    /* es (más is "mas") */
    "al", "del", "desde", "el", "esta", "estas", "este", "estos", "hacia", "hasta", "las",
    "lo", "los", "mas", "otra", "otras", "otro", "otros", "para", "pero", "por", "sin",
    "sobre", "su", "sus", "una", "unas", "uno", "unos",
    /* pt (não is "nao", são is "sao") */
    "ao", "aos", "com", "da", "das", "do", "dos", "em", "na", "nao", "nas", "num", "numa",
    "os", "outra", "outras", "outro", "outros", "pela", "pelas", "pelo", "pelos", "sao",
    "sem", "seu", "seus", "sua", "suas", "um", "uma", "umas", "uns",
};
#define N_STOPWORDS (sizeof stopwords / sizeof *stopwords)

static pthread_once_t stopwords_once = PTHREAD_ONCE_INIT;

/* Languages share some ("la", "que", "para"): sorting keeps the duplicates,
 * which bsearch does not mind. */
static void stopwords_sort(void)
{
    qsort(stopwords, N_STOPWORDS, sizeof *stopwords, str_cmp);
}

int rs_stopword(const char *w)
{
    pthread_once(&stopwords_once, stopwords_sort);
    return bsearch(&w, stopwords, N_STOPWORDS, sizeof *stopwords, str_cmp) != NULL;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t len = strlen(suffix);
    return n >= len && memcmp(w + n - len, suffix, len) == 0;
}

/* The key under which a folded word (NUL-terminated, at most RS_WORD_MAX
 * bytes) is matched, written to out (RS_WORD_MAX + 1 bytes). Returns its
 * length, or 0 for a stopword or a one-letter word. The key folds what
 * separates a text's words from the labels' without changing the topic:
 * ligatures ("œuvre"), plurals and feminines ("prestations", "handicapées",
 * Portuguese "pensões" and "sociais"), English -y/-ies, -isation/-ization
 * and -our/-or ("labour"). Both sides go through it, so a key need not be a
 * word: "services" and "service" are both "servic". */
static size_t word_key(const char *w, size_t n, char *out)
{
    if (n < 2 || rs_stopword(w))
        return 0;
    memcpy(out, w, n + 1);
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)out[i] == 0xC5 && (unsigned char)out[i + 1] == 0x93) {
            out[i] = 'o'; /* œ, two bytes, as "oe": "œuvre" is also typed "oeuvre" */
            out[i + 1] = 'e';
        }
    if (n > 5 && (ends_with(out, n, "oes") || ends_with(out, n, "ais"))) {
        n--; /* pensoes -> pensao, sociais -> social */
        memcpy(out + n - 2, out[n - 2] == 'o' ? "ao" : "al", 3);
    }
    while (n > 3 && (out[n - 1] == 's' || out[n - 1] == 'e'))
        out[--n] = '\0';
    if (n > 3 && out[n - 1] == 'y' && !strchr("aeiou", out[n - 2]))
        out[n - 1] = 'i'; /* policy -> polici, as policies; not employ */
    if (ends_with(out, n, "isation"))
        out[n - 6] = 'z';
    if (n >= 6 && ends_with(out, n, "our")) {
        n--;
        memcpy(out + n - 2, "or", 3);
    }
    return n;
}

/* ---- building the table ---- */

/* Make room for `need` elements of `size` bytes in p, of capacity *cap. */
static void *grow(const rs_tsv *t, size_t row, void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = n > SIZE_MAX / size ? NULL : realloc(p, n * size);
    if (!q)
        rs_tsv_fail(t, row, "out of memory");
    *cap = n;
    return q;
}

static int lang_index(const char *lang)
{
    for (int i = 0; rs_label_languages[i]; i++)
        if (strcmp(rs_label_languages[i], lang) == 0)
            return i;
    return -1;
}

/* The next ';'-separated keyword of the list at *p, or NULL at the end;
 * *len is set to its length and *p moves past it. */
static const char *next_keyword(const char **p, size_t *len)
{
    const char *k = *p;
    if (!k)
        return NULL;
    *len = strcspn(k, ";");
    *p = k[*len] ? k + *len + 1 : NULL;
    return k;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

static void check_keywords(const rs_tsv *t, size_t r, const char *keywords)
{
    size_t count = 0, len;
    const char *p = keywords, *k;
    while ((k = next_keyword(&p, &len)) != NULL) {
        if (is_blank(k, len))
            rs_tsv_fail(t, r, "empty keyword in '%s'", keywords);
        count++;
    }
    if (count < KEYWORDS_MIN || count > KEYWORDS_MAX)
        rs_tsv_fail(t, r, "%zu keywords, expected %d to %d", count, KEYWORDS_MIN,
                    KEYWORDS_MAX);
}

static void parse_row(label_table *t, const rs_taxonomy *tax, size_t r)
{
    const rs_tsv *tsv = &t->tsv;
    label_row *row = &t->rows[r];
    const char *kind = rs_tsv_cell(tsv, r, COL_KIND);
    const char *lang = rs_tsv_cell(tsv, r, COL_LANG);
    row->row = r;
    row->code = rs_tsv_cell(tsv, r, COL_CODE);
    row->label = rs_tsv_cell(tsv, r, COL_LABEL);
    row->keywords = rs_tsv_cell(tsv, r, COL_KEYWORDS);

    row->is_field = strcmp(kind, "field") == 0;
    if (!row->is_field && strcmp(kind, "competence") != 0)
        rs_tsv_fail(tsv, r, "kind '%s' is neither 'field' nor 'competence'", kind);
    const rs_code_entry *e = row->is_field ? rs_taxonomy_field(tax, row->code)
                                           : rs_taxonomy_competence(tax, row->code);
    if (!e)
        rs_tsv_fail(tsv, r, "%s code '%s' is not in %s.tsv", kind, row->code,
                    row->is_field ? "fields" : "competences");
    row->lang = lang_index(lang);
    if (row->lang < 0)
        rs_tsv_fail(tsv, r, "language '%s' is not en, fr, es or pt", lang);
    if (!*row->label)
        rs_tsv_fail(tsv, r, "empty label");
    if (!rs_utf8_valid(row->label, strlen(row->label)) ||
        !rs_utf8_valid(row->keywords, strlen(row->keywords)))
        rs_tsv_fail(tsv, r, "label or keywords not valid UTF-8");
    /* The taxonomy is the source of the English labels: they must not drift. */
    if (row->lang == 0 && strcmp(row->label, e->label) != 0)
        rs_tsv_fail(tsv, r, "English label '%s' is not '%s' as in %s.tsv", row->label,
                    e->label, row->is_field ? "fields" : "competences");
    check_keywords(tsv, r, row->keywords);
}

/* By code, then language; equal rows in file order, for stable messages. */
static int row_cmp(const void *a, const void *b)
{
    const label_row *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    if (x->lang != y->lang)
        return x->lang < y->lang ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Each code has its four languages, once each (rows sorted). */
static void check_groups(const label_table *t)
{
    size_t i = 0;
    while (i < t->n_rows) {
        const label_row *first = &t->rows[i];
        size_t n = 0;
        for (; i + n < t->n_rows && strcmp(t->rows[i + n].code, first->code) == 0; n++) {
            const label_row *r = &t->rows[i + n];
            if (r->lang < (int)n)
                rs_tsv_fail(&t->tsv, r->row, "second '%s' label of %s",
                            rs_label_languages[r->lang], r->code);
            if (r->lang > (int)n)
                break;
        }
        if (n < N_LANGS)
            rs_tsv_fail(&t->tsv, first->row, "%s has no '%s' label", first->code,
                        rs_label_languages[n]);
        i += n;
    }
}

/* The first row of code (rows sorted), or NULL. */
static const label_row *find_code(const label_table *t, const char *code)
{
    size_t lo = 0, hi = t->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->rows[mid].code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n_rows && strcmp(t->rows[lo].code, code) == 0 ? &t->rows[lo] : NULL;
}

/* Every code of the taxonomy has labels. The message names the line after
 * the last: that is where the missing rows belong. */
static void check_complete(const label_table *t, const rs_taxonomy *tax)
{
    for (size_t i = 0; i < rs_taxonomy_n_fields(tax); i++) {
        const char *code = rs_taxonomy_field_at(tax, i)->code;
        if (!find_code(t, code))
            rs_tsv_fail(&t->tsv, t->n_rows, "field %s of fields.tsv has no labels", code);
    }
    for (size_t i = 0; i < rs_taxonomy_n_competences(tax); i++) {
        const char *code = rs_taxonomy_competence_at(tax, i)->code;
        if (!find_code(t, code))
            rs_tsv_fail(&t->tsv, t->n_rows, "competence %s of competences.tsv has no labels",
                        code);
    }
}

typedef struct {
    label_table *t;
    size_t row;
} phrase_sink;

/* rs_text_words callback: add a word's key to the current phrase, once. */
static int phrase_word(const char *word, size_t wlen, unsigned pos, void *ctx)
{
    (void)pos;
    phrase_sink *s = ctx;
    label_table *t = s->t;
    char key[RS_WORD_MAX + 1];
    size_t n = word_key(word, wlen, key);
    if (n == 0)
        return 0;
    phrase *p = &t->phrases[t->n_phrases - 1];
    for (size_t i = p->first; i < t->n_words; i++)
        if (strcmp(t->keys + t->words[i], key) == 0)
            return 0;
    t->keys = grow(&t->tsv, s->row, t->keys, &t->keys_cap, t->keys_len + n + 1, 1);
    t->words = grow(&t->tsv, s->row, t->words, &t->words_cap, t->n_words + 1,
                    sizeof *t->words);
    memcpy(t->keys + t->keys_len, key, n + 1);
    t->words[t->n_words++] = t->keys_len;
    t->keys_len += n + 1;
    p->n++;
    return 0;
}

static void add_phrase(label_table *t, const label_row *r, const char *s, size_t len)
{
    t->phrases = grow(&t->tsv, r->row, t->phrases, &t->phrases_cap, t->n_phrases + 1,
                      sizeof *t->phrases);
    t->phrases[t->n_phrases++] = (phrase){t->n_words, 0};
    phrase_sink sink = {t, r->row};
    /* The row is valid UTF-8 (parse_row), so failing here is memory. */
    if (rs_text_words(s, len, phrase_word, &sink) < 0)
        rs_tsv_fail(&t->tsv, r->row, "out of memory");
    if (t->phrases[t->n_phrases - 1].n == 0)
        rs_tsv_fail(&t->tsv, r->row, "'%.*s' has only stopwords: it would match nothing",
                    (int)len, s);
}

/* The phrases of each field: its four labels and all their keywords. */
static void build_phrases(label_table *t)
{
    t->fields = calloc(t->n_rows / N_LANGS + 1, sizeof *t->fields);
    if (!t->fields)
        rs_tsv_fail(&t->tsv, 0, "out of memory");
    for (size_t i = 0; i < t->n_rows; i += N_LANGS) {
        if (!t->rows[i].is_field)
            continue;
        field_phrases *f = &t->fields[t->n_fields++];
        f->code = t->rows[i].code;
        f->depth = rs_code_depth(f->code);
        f->first = t->n_phrases;
        for (size_t l = 0; l < N_LANGS; l++) {
            const label_row *r = &t->rows[i + l];
            const char *p = r->keywords, *k;
            size_t len;
            add_phrase(t, r, r->label, strlen(r->label));
            while ((k = next_keyword(&p, &len)) != NULL)
                add_phrase(t, r, k, len);
        }
        f->n = t->n_phrases - f->first;
    }
}

/* Number the keys: the phrases' words become indexes into a sorted list of
 * distinct keys, which a text's words are looked up in. */
static void build_vocab(label_table *t)
{
    t->vocab = malloc((t->n_words + 1) * sizeof *t->vocab);
    if (!t->vocab)
        rs_tsv_fail(&t->tsv, 0, "out of memory");
    for (size_t i = 0; i < t->n_words; i++)
        t->vocab[i] = t->keys + t->words[i];
    qsort(t->vocab, t->n_words, sizeof *t->vocab, str_cmp);
    size_t n = 0;
    for (size_t i = 0; i < t->n_words; i++)
        if (n == 0 || strcmp(t->vocab[n - 1], t->vocab[i]) != 0)
            t->vocab[n++] = t->vocab[i];
    t->n_vocab = n;
    for (size_t i = 0; i < t->n_words; i++) {
        const char *key = t->keys + t->words[i];
        /* Found: every key went into the list. */
        const char **hit = bsearch(&key, t->vocab, n, sizeof *t->vocab, str_cmp);
        t->words[i] = (size_t)(hit - t->vocab);
    }
}

static void table_build(label_table *t, const char *text)
{
    pthread_once(&stopwords_once, stopwords_sort);
    const rs_taxonomy *tax = rs_taxonomy_get();
    memset(t, 0, sizeof *t);
    rs_tsv_load(&t->tsv, "labels", text, "code\tkind\tlang\tlabel\tkeywords");
    t->n_rows = t->tsv.n_rows;
    t->rows = calloc(t->n_rows + 1, sizeof *t->rows);
    if (!t->rows)
        rs_tsv_fail(&t->tsv, 0, "out of memory");
    for (size_t r = 0; r < t->n_rows; r++)
        parse_row(t, tax, r);
    qsort(t->rows, t->n_rows, sizeof *t->rows, row_cmp);
    check_groups(t);
    check_complete(t, tax);
    build_phrases(t);
    build_vocab(t);
}

static void table_free(label_table *t)
{
    free(t->tsv.buf);
    free(t->tsv.cells);
    free(t->rows);
    free(t->keys);
    free(t->words);
    free(t->phrases);
    free(t->fields);
    free(t->vocab);
}

static label_table labels;
static pthread_once_t labels_once = PTHREAD_ONCE_INIT;

static void labels_load(void)
{
    table_build(&labels, rs_data_labels);
}

static const label_table *labels_get(void)
{
    pthread_once(&labels_once, labels_load);
    return &labels;
}

void rs_labels_check(const char *text)
{
    label_table t;
    table_build(&t, text);
    table_free(&t);
}

/* ---- lookups ---- */

const char *rs_label(const char *code, const char *lang)
{
    if (!code || !lang)
        return NULL;
    int l = lang_index(lang);
    const label_row *r = find_code(labels_get(), code);
    return r && l >= 0 ? r[l].label : NULL;
}

int rs_labels_each(const char *code,
                   int (*fn)(const char *lang, const char *label, const char *keywords,
                             void *ctx),
                   void *ctx)
{
    if (!code || !fn)
        return -1;
    const label_row *r = find_code(labels_get(), code);
    if (!r)
        return -1;
    for (int l = 0; l < N_LANGS; l++) {
        int stop = fn(rs_label_languages[l], r[l].label, r[l].keywords, ctx);
        if (stop)
            return stop;
    }
    return 0;
}

/* ---- inference ---- */

/* Per call, one mark per vocabulary word: absent, present in the text, or
 * (FIELD_MARK + f) already counted for field f. */
enum { WORD_ABSENT = 0, WORD_PRESENT = 1, FIELD_MARK = 2 };

typedef struct {
    const label_table *t;
    size_t *marks;
} text_marks;

static int mark_word(const char *word, size_t wlen, unsigned pos, void *ctx)
{
    (void)pos;
    text_marks *m = ctx;
    char buf[RS_WORD_MAX + 1];
    if (word_key(word, wlen, buf) == 0)
        return 0;
    const char *key = buf;
    const char **hit = bsearch(&key, m->t->vocab, m->t->n_vocab, sizeof *m->t->vocab, str_cmp);
    if (hit)
        m->marks[hit - m->t->vocab] = WORD_PRESENT;
    return 0;
}

typedef struct {
    const char *code;
    double score;
    size_t evidence; /* distinct words of the text in the code's counting phrases */
    int depth;
} candidate;

/* Score field f on the words marked; returns 0 when no phrase counts. A
 * phrase of one or two words counts only whole: one common word ("social",
 * "work") is no evidence of a two-word topic. */
static int score_field(const label_table *t, size_t f, size_t *marks, candidate *c)
{
    const field_phrases *fp = &t->fields[f];
    size_t counted = FIELD_MARK + f;
    *c = (candidate){fp->code, 0.0, 0, fp->depth};
    for (size_t i = fp->first; i < fp->first + fp->n; i++) {
        const phrase *p = &t->phrases[i];
        const size_t *w = t->words + p->first;
        size_t found = 0;
        for (size_t j = 0; j < p->n; j++)
            found += marks[w[j]] != WORD_ABSENT;
        if (found < p->n && (found < 2 || 2 * found < p->n))
            continue;
        double coverage = (double)found / (double)p->n;
        if (coverage > c->score)
            c->score = coverage;
        for (size_t j = 0; j < p->n; j++)
            if (marks[w[j]] != WORD_ABSENT && marks[w[j]] != counted) {
                marks[w[j]] = counted;
                c->evidence++;
            }
    }
    return c->evidence > 0;
}

/* Best first: score, then evidence, then depth, then code. */
static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->evidence != y->evidence)
        return x->evidence > y->evidence ? -1 : 1;
    if (x->depth != y->depth)
        return x->depth > y->depth ? -1 : 1;
    return strcmp(x->code, y->code);
}

size_t rs_labels_infer(const char *text, size_t len, const char **codes, double *scores,
                       size_t max)
{
    if (!text || !codes || max == 0)
        return 0;
    const label_table *t = labels_get();
    size_t *marks = calloc(t->n_vocab, sizeof *marks);
    candidate *cands = malloc(t->n_fields * sizeof *cands);
    size_t n = 0;
    if (marks && cands) {
        text_marks m = {t, marks};
        if (rs_text_words(text, len, mark_word, &m) >= 0)
            for (size_t f = 0; f < t->n_fields; f++)
                n += (size_t)score_field(t, f, marks, &cands[n]);
    }
    if (n > 0)
        qsort(cands, n, sizeof *cands, candidate_cmp);
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++) {
        codes[i] = cands[i].code;
        if (scores)
            scores[i] = cands[i].score;
    }
    free(marks);
    free(cands);
    return n;
}

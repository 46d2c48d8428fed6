/*
 * The working languages a request document states (intake/statedlang.h):
 * first the cues among its words, then the language names near one, each
 * told required or an asset by its nearest cue in the same sentence.
 */
#include "intake/statedlang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/text.h"

#define COUNT(a) (sizeof (a) / sizeof *(a))
#define CUES_MAX 64   /* cues read in one text: a request writes a few */
#define CUE_REACH 8   /* words between a cue and the name it tells, small ones aside */
#define COMMA_COST 3  /* a comma between them counts as that many words more */
#define NAME_MAX 32   /* bytes of a word tried as a language's name */

typedef enum { CUE_LABEL, CUE_REQUIRED, CUE_ASSET } cue_kind;

typedef struct {
    size_t first, last; /* its words */
    cue_kind kind;
} cue;

/* Labels, folded, word by word ("langue(s)" is "langue", "s"); the one-word
 * ones only before a colon ("Idiomas:"). */
static const struct {
    const char *w[4];
    int colon;
} labels[] = {
    {{"langue", "de", "travail"}, 0},    {{"langues", "de", "travail"}, 0},
    {{"langue", "de", "la", "mission"}, 0}, {{"langues", "de", "la", "mission"}, 0},
    {{"idioma", "de", "trabajo"}, 0},    {{"idiomas", "de", "trabajo"}, 0},
    {{"lengua", "de", "trabajo"}, 0},    {{"lenguas", "de", "trabajo"}, 0},
    {{"idioma", "de", "la", "mision"}, 0}, {{"idiomas", "de", "la", "mision"}, 0},
    {{"lingua", "de", "trabalho"}, 0},   {{"linguas", "de", "trabalho"}, 0},
    {{"idioma", "de", "trabalho"}, 0},   {{"idiomas", "de", "trabalho"}, 0},
    {{"lingua", "da", "missao"}, 0},     {{"linguas", "da", "missao"}, 0},
    {{"working", "language"}, 0},        {{"working", "languages"}, 0},
    {{"language", "of", "the", "mission"}, 0}, {{"languages", "of", "the", "mission"}, 0},
    {{"language"}, 1}, {{"languages"}, 1}, {{"langue"}, 1}, {{"langues"}, 1},
    {{"idioma"}, 1},   {{"idiomas"}, 1},   {{"lingua"}, 1}, {{"linguas"}, 1},
};

/* Words that require the language near them. */
static const char *const required_words[] = {
    "maitriser", "maitrise", "maitrisant", "maitrisent", "courant", "courante", "requis",
    "requise", "exige", "exigee", "exiges", "exigees", "obligatoire", "indispensable",
    "parler", "parlant", "dominio", "dominar", "domine", "dominen", "dominem", "fluido",
    "fluida", "requerido", "requerida", "requeridos", "requeridas", "exigido", "exigida",
    "exigidos", "obligatorio", "obligatoria", "imprescindible", "hablar", "fluencia",
    "fluente", "fluentes", "obrigatorio", "obrigatoria", "indispensavel", "imprescindivel",
    "falar", "fluent", "fluently", "fluency", "proficient", "proficiency", "command",
    "required", "mandatory", "essential", "speak", NULL};

/* Words that make it an asset, not a requirement. */
static const char *const asset_words[] = {
    "atout", "atouts", "souhaitable", "souhaitables", "apprecie", "appreciee", "ventaja",
    "ventajas", "deseable", "deseables", "valorado", "valorada", "vantagem", "vantagens",
    "desejavel", "desejaveis", "valorizado", "valorizada", "asset", "advantage",
    "desirable", NULL};

/* Small words that do not count in a cue's distance: "l'anglais serait un
 * atout" is the cue next to the name. */
static const char *const light_words[] = {
    "le", "la", "les", "l", "du", "des", "de", "un", "une", "est", "sera", "serait", "sont",
    "el", "los", "las", "del", "una", "es", "seria", "o", "os", "a", "as", "da",
    "do", "em", "uma", "e", "the", "an", "of", "in", "is", "be", "will", "would", "are",
    "also", "aussi", "tambien", "tambem", "en", NULL};

/* Language names that are common words too ("ido", "cri", "eve"). */
static const char *const not_names[] = {"eve", "ido", "cri", "afar", "corse", "lao", NULL};

/* The language names of another sense: next to these words ("la version
 * anglaise", "the Spanish ministry", "French-speaking experts", "Guyane
 * française") a name says no working language. */
static const char *const sense_words[] = {
    "version", "versions", "versiones", "versao", "versoes", "translation", "traduction",
    "traduccion", "traducao", "text", "texte", "texto", "document", "documento", "ministry",
    "ministere", "ministerio", "government", "gouvernement", "gobierno", "governo",
    "embassy", "ambassade", "embajada", "embaixada", "cooperation", "cooperacion",
    "cooperacao", "agency", "agence", "agencia", "speaking", "speakers", "expert", "experts",
    "experto", "expertos", "experta", "expertas", "perito", "peritos", "consultant",
    "consultants", "consultor", "consultores", "guiana", "guyane", "guayana", NULL};

/* What may follow an English name written as a language ("English and
 * French", "English (C1)", "fluent English required"): else it is an
 * adjective ("English version", "Spanish public institutions"). */
static const char *const after_name[] = {
    "and", "or", "et", "ou", "y", "e", "ni", "language", "languages", "langue", "idioma",
    "lingua", "skills", "level", "niveau", "nivel", "native", "mother", NULL};

/* Words that may stand between a name and its level ("niveau C1"). */
static const char *const level_words[] = {"niveau", "nivel", "level", "minimum", "minimo",
                                          NULL};

/* Names the table does not hold. */
static const struct {
    const char *name, *code;
} aliases[] = {{"castellano", "es"}, {"castelhano", "es"}};

/* ---- cues ---- */

/* A label starting at word i, its last word in *last. */
static int label_at(const rs_words *ws, size_t i, size_t *last)
{
    for (size_t k = 0; k < COUNT(labels); k++) {
        size_t j = i;
        int ok = 1;
        for (size_t m = 0; ok && m < COUNT(labels[k].w) && labels[k].w[m]; m++) {
            ok = j < ws->n && strcmp(ws->w[j].folded, labels[k].w[m]) == 0;
            static const char *const plural[] = {"s", NULL};
            if (ok && m == 0 && rs_word_in(ws, j + 1, plural))
                j++; /* "langue(s)" */
            j++;
        }
        if (ok && (!labels[k].colon || rs_gap_has(ws, j, ":"))) {
            *last = j - 1;
            return 1;
        }
    }
    return 0;
}

static size_t find_cues(const rs_words *ws, cue *cues)
{
    size_t n = 0;
    for (size_t i = 0; i < ws->n && n < CUES_MAX; i++) {
        size_t last = i;
        if (label_at(ws, i, &last))
            cues[n++] = (cue){i, last, CUE_LABEL};
        else if (rs_word_in(ws, i, required_words))
            cues[n++] = (cue){i, i, CUE_REQUIRED};
        else if (rs_word_in(ws, i, asset_words))
            cues[n++] = (cue){i, i, CUE_ASSET};
        i = last;
    }
    return n;
}

/* ---- distance ---- */

/* Does the gap before word k (k > 0) end a sentence: ".;!?", a blank line,
 * or a line that starts with a bullet? */
static int ends_sentence(const rs_words *ws, size_t k)
{
    int lines = 0;
    for (size_t i = ws->w[k - 1].end; i < ws->w[k].begin; i++) {
        char c = ws->text[i];
        if (c == '.' || c == ';' || c == '!' || c == '?' || (c == '\n' && ++lines == 2))
            return 1;
        if (lines && (c == '-' || c == '*' || (unsigned char)c == 0xE2)) /* "•" */
            return 1;
    }
    return 0;
}

/* The distance from word a to word b (a < b) in words that count, a comma
 * counting COMMA_COST more; SIZE_MAX across a sentence's end. */
static size_t distance(const rs_words *ws, size_t a, size_t b)
{
    size_t d = 0;
    for (size_t k = a + 1; k <= b && d <= CUE_REACH; k++) {
        if (ends_sentence(ws, k))
            return SIZE_MAX;
        d += !rs_word_in(ws, k, light_words) + COMMA_COST * rs_gap_has(ws, k, ",");
    }
    return d <= CUE_REACH ? d : SIZE_MAX;
}

/* The cue nearest word i within reach, or NULL. */
static const cue *nearest(const rs_words *ws, const cue *cues, size_t n, size_t i)
{
    const cue *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        const cue *c = &cues[k];
        if (i + 4 * CUE_REACH < c->first || i > c->last + 4 * CUE_REACH)
            continue; /* far: each word counted would be small, sentences long */
        if (i >= c->first && i <= c->last)
            return NULL; /* a cue's own word */
        size_t d = i > c->last ? distance(ws, c->last, i) : distance(ws, i, c->first);
        if (d < best_d || (d == best_d && d != SIZE_MAX && c->kind == CUE_ASSET))
            best = c, best_d = d; /* "fluent French would be an asset" */
    }
    return best;
}

/* ---- names ---- */

/* Is word i a language's name, in any of the four languages, or the
 * feminine of one ("française", "española", "inglesa")? */
static int language_at(const rs_words *ws, size_t i, char code[3])
{
    const char *f = ws->w[i].folded;
    size_t n = strlen(f);
    if (n < 3 || n >= NAME_MAX || ws->w[i].number >= 0 || rs_word_in(ws, i, not_names))
        return 0; /* two letters are a code ("et" is Estonian), not a name */
    for (size_t k = 0; k < COUNT(aliases); k++)
        if (strcmp(f, aliases[k].name) == 0) {
            memcpy(code, aliases[k].code, 3);
            return 1;
        }
    if (rs_language_resolve(f, code) == 0)
        return 1;
    char base[NAME_MAX];
    if (n < 4 || (f[n - 1] != 'e' && f[n - 1] != 'a'))
        return 0; /* "are" is no "ar" */
    memcpy(base, f, n - 1);
    base[n - 1] = '\0';
    return rs_language_resolve(base, code) == 0;
}

static int is_level(const rs_words *ws, size_t i)
{
    return i < ws->n && strlen(ws->w[i].folded) == 2 && rs_cefr_parse(ws->w[i].folded);
}

/* Is word i, a language's English name, written as one? */
static int english_name(const rs_words *ws, size_t i, const char *code)
{
    const char *name = rs_language_name(code);
    char *en = name ? rs_text_fold(name, strlen(name)) : NULL;
    int is = en && strcmp(en, ws->w[i].folded) == 0;
    free(en);
    return is;
}

/* Are words k - 1 and k (0 < k < n) of one phrase, no punctuation between? */
static int joined(const rs_words *ws, size_t k)
{
    return k < ws->n && !rs_gap_has(ws, k, ",;:.!?()/\n");
}

/* Is the language name at word i said in another sense than a language? */
static int other_sense(const rs_words *ws, size_t i, const char *code)
{
    if ((i && joined(ws, i) && rs_word_in(ws, i - 1, sense_words)) ||
        (joined(ws, i + 1) && rs_word_in(ws, i + 1, sense_words)))
        return 1;
    if (!joined(ws, i + 1) || is_level(ws, i + 1) ||
        rs_word_in(ws, i + 1, after_name) || rs_word_in(ws, i + 1, required_words) ||
        rs_word_in(ws, i + 1, asset_words) || rs_word_in(ws, i + 1, light_words))
        return 0;
    /* "French Guiana"; "English version", "Spanish public institutions" */
    return ws->w[i + 1].capital || english_name(ws, i, code);
}

/* The level written beside word i ("C1", "(C1)", "niveau C1", "B2 English"),
 * its word in *at. */
static rs_cefr level_beside(const rs_words *ws, size_t i, size_t *at)
{
    size_t j = i + 1 + rs_word_in(ws, i + 1, level_words);
    if (is_level(ws, j) && distance(ws, i, j) != SIZE_MAX)
        return *at = j, rs_cefr_parse(ws->w[j].folded);
    if (i && is_level(ws, i - 1) && !ends_sentence(ws, i))
        return *at = i - 1, rs_cefr_parse(ws->w[i - 1].folded);
    return RS_CEFR_NONE;
}

/* ---- the statements ---- */

static void add(rs_stated_languages *out, const rs_words *ws, const cue *c, size_t i,
                const char code[3])
{
    size_t at = i;
    rs_stated_language l = {.level = level_beside(ws, i, &at), .asset = c->kind == CUE_ASSET};
    memcpy(l.code, code, 3);
    size_t first = c->first < i ? c->first : i, last = c->last > i ? c->last : i;
    l.begin = ws->w[first < at ? first : at].begin;
    l.end = ws->w[last > at ? last : at].end;
    for (size_t k = 0; k < out->n; k++) {
        rs_stated_language *o = &out->l[k];
        if (strcmp(o->code, code) != 0)
            continue;
        if (o->asset && !l.asset)
            *o = l; /* required over asset */
        else if (!o->level && o->asset == l.asset)
            o->level = l.level;
        return;
    }
    if (out->n < RS_STATED_LANGUAGES_MAX)
        out->l[out->n++] = l;
}

void rs_stated_languages_read(const rs_words *ws, rs_stated_languages *out)
{
    out->n = 0;
    cue cues[CUES_MAX];
    size_t n = find_cues(ws, cues);
    for (size_t i = 0; n && i < ws->n; i++) {
        char code[3];
        const cue *c = nearest(ws, cues, n, i);
        if (c && language_at(ws, i, code) && !other_sense(ws, i, code))
            add(out, ws, c, i, code);
    }
}

size_t rs_stated_required(const rs_stated_languages *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += !s->l[i].asset;
    return n;
}

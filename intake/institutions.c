/*
 * The partner institutions a request document names (intake/institutions.h).
 * Every name and acronym, of the table and of the records alike, becomes a
 * naming: its key (a name's folded words, an acronym in capitals), its
 * country and whether it may vote. The namings of one reading are sorted by
 * key; a key borne for two countries votes for none, so that a generic name
 * or acronym ("Caisse nationale de sécurité sociale", "CNSS", "NSSF") tells
 * no country, and the text is then looked up word by word, longest name
 * first.
 */
#include "intake/institutions.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/data.h"
#include "core/labels.h"
#include "core/taxonomy.h"
#include "core/tsv.h"

#define ACRONYM_MIN 3  /* two letters ("CN", "MT") are too many things */
#define ACRONYM_MAX 12
#define KEY_MAX 512    /* the longest key looked up, in bytes */

/* A name or an acronym of one institution. */
typedef struct {
    char *key;     /* a name's folded words joined by spaces; an acronym in capitals */
    char *written; /* an acronym as written ("CNaPS"); NULL for a name */
    char country[3];
    rs_words words; /* a name's words */
    int curated;    /* from institutions.tsv */
    int votes;      /* may tell a country, when no other country's bears it */
} naming;

typedef struct {
    naming *v;
    size_t n, cap;
} namings;

/* A key of one reading, and whether it votes: not when two countries'
 * institutions bear it, nor when none of its namings may. */
typedef struct {
    const naming *n;
    int votes;
} entry;

/* The keys of one reading, each once, sorted. */
typedef struct {
    entry *names, *acronyms;
    size_t n_names, n_acronyms, max_words;
} lookup;

static struct {
    rs_tsv tsv;
    namings names, acronyms;
} table;

static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* ---- namings ---- */

/* Words every country's institutions are named with: a name made of them
 * alone ("Ministry of Labour and Social Affairs") tells no country. */
static const char *const common_words[] = {
    "ministry", "ministere", "ministerio", "of", "de", "du", "des", "del", "da", "do", "la",
    "le", "l", "d", "the", "and", "et", "y", "e", "for", "pour", "para", "labour", "labor",
    "travail", "trabajo", "trabalho", "social", "sociale", "sociales", "sociais", "affairs",
    "affaires", "asuntos", "development", "developpement", "desarrollo", "desenvolvimento",
    "employment", "emploi", "empleo", "emprego", "health", "sante", "salud", "saude",
    "protection", "proteccion", "protecao", "security", "securite", "seguridad", "seguranca",
    "welfare", "national", "nationale", "nacional", "public", "publique", "publica",
    "service", "services", "servicio", "servicios", "servico", "servicos", "family",
    "famille", "familia", "women", "youth", "jeunesse", "juventud", "sports", "education",
    "training", "formation", "vocational", "economy", "finance", "finances", "planning",
    "administration", "government", "general", "directorate", "direction", "office",
    "agency", "agence", "agencia", "institute", "institut", "instituto", NULL};

static int telling(const rs_words *name)
{
    for (size_t i = 0; i < name->n; i++)
        if (!rs_word_in(name, i, common_words))
            return 1;
    return 0;
}

/* The folded words [i, i + k) of ws joined by spaces into buf; their
 * length, or 0 when longer than KEY_MAX - 1. */
static size_t join_words(const rs_words *ws, size_t i, size_t k, char buf[KEY_MAX])
{
    size_t n = 0;
    for (size_t j = i; j < i + k; j++) {
        size_t l = strlen(ws->w[j].folded);
        if (n + l + 2 > KEY_MAX)
            return 0;
        if (j > i)
            buf[n++] = ' ';
        memcpy(buf + n, ws->w[j].folded, l);
        n += l;
    }
    buf[n] = '\0';
    return n;
}

static int push(namings *ns, const naming *n)
{
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? 2 * ns->cap : 64;
        naming *v = realloc(ns->v, cap * sizeof *v);
        if (!v)
            return -1;
        ns->v = v, ns->cap = cap;
    }
    ns->v[ns->n++] = *n;
    return 0;
}

static void naming_free(naming *n)
{
    free(n->key);
    free(n->written);
    rs_words_free(&n->words);
}

static void namings_free(namings *ns)
{
    for (size_t i = 0; i < ns->n; i++)
        naming_free(&ns->v[i]);
    free(ns->v);
}

/* The name [name, name + len) of an institution of country. A name votes
 * when it has four words or more, one of them not every country's: shorter
 * ones ("Fondo de Pensiones") are too often said of an institution of any
 * country. The table's own names may be two or three words, as
 * "Prosperidad Social" or "Workers Compensation Fund": they were written
 * for the institution they name, are dropped when another country's
 * institution bears them too, and are read only where the text writes them
 * with their capitals (written_as_name). Returns 1 when added, 0 when the
 * name has no words (or is not UTF-8), -1 when out of memory. */
static int add_name(namings *ns, const char *name, size_t len, const char *country,
                    int curated)
{
    naming n = {.curated = curated};
    memcpy(n.country, country, 3);
    char key[KEY_MAX];
    if (rs_words_cut(name, len, &n.words) < 0 || !n.words.n ||
        !join_words(&n.words, 0, n.words.n, key)) {
        rs_words_free(&n.words);
        return 0;
    }
    n.votes = n.words.n >= (curated ? 2u : 4u) && telling(&n.words);
    if (!(n.key = strdup(key)) || push(ns, &n) < 0) {
        naming_free(&n);
        return -1;
    }
    return 1;
}

/* An acronym of 3 to 12 ASCII letters, starting with a capital, two of
 * them capitals at least ("IMSS", "CNaPS", "EsSalud"): a capitalised word
 * ("Colpensiones") is a name, not an acronym. */
static int acronym_shaped(const char *s, size_t len)
{
    size_t capitals = 0;
    if (len < ACRONYM_MIN || len > ACRONYM_MAX || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 0; i < len; i++) {
        int upper = s[i] >= 'A' && s[i] <= 'Z';
        if (!upper && (s[i] < 'a' || s[i] > 'z'))
            return 0;
        capitals += (size_t)upper;
    }
    return capitals >= 2;
}

/* An acronym [s, s + len), acronym_shaped, of an institution of country.
 * One that spells a small word of the four languages ("ONE", "DES") never
 * votes. 0, or -1 when out of memory. */
static int add_acronym(namings *ns, const char *s, size_t len, const char *country)
{
    naming n = {.key = malloc(len + 1), .written = strndup(s, len)};
    char lower[ACRONYM_MAX + 1];
    memcpy(n.country, country, 3);
    if (!n.key || !n.written) {
        naming_free(&n);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        n.key[i] = (char)(s[i] & ~0x20);
        lower[i] = (char)(s[i] | 0x20);
    }
    n.key[len] = lower[len] = '\0';
    n.votes = !rs_stopword(lower);
    if (push(ns, &n) < 0) {
        naming_free(&n);
        return -1;
    }
    return 0;
}

/* ---- the table ---- */

/* Each ';'-separated item of a cell, to fn(item, len, row). */
static void each_item(size_t row, size_t col, void (*fn)(const char *, size_t, size_t))
{
    for (const char *c = rs_tsv_cell(&table.tsv, row, col); *c;) {
        size_t len = strcspn(c, ";");
        if (len)
            fn(c, len, row);
        c += len + (c[len] == ';');
    }
}

static void table_name(const char *name, size_t len, size_t row)
{
    const char *country = rs_tsv_cell(&table.tsv, row, 0);
    int rc = add_name(&table.names, name, len, country, 1);
    if (rc < 0)
        rs_tsv_fail(&table.tsv, row, "out of memory");
    if (rc == 0 || table.names.v[table.names.n - 1].words.n < 2)
        rs_tsv_fail(&table.tsv, row, "'%.*s': a name has two words or more; one word "
                    "goes in the acronyms' column when written with capitals",
                    (int)len, name);
}

static void table_acronym(const char *acronym, size_t len, size_t row)
{
    if (!acronym_shaped(acronym, len))
        rs_tsv_fail(&table.tsv, row, "'%.*s' is not an acronym (3 to %d letters, two "
                    "capitals at least)", (int)len, acronym, ACRONYM_MAX);
    if (add_acronym(&table.acronyms, acronym, len, rs_tsv_cell(&table.tsv, row, 0)) < 0)
        rs_tsv_fail(&table.tsv, row, "out of memory");
}

static void table_load(void)
{
    rs_tsv_load(&table.tsv, "institutions", rs_data_institutions, "iso2\tnames\tacronyms");
    for (size_t r = 0; r < table.tsv.n_rows; r++) {
        const char *country = rs_tsv_cell(&table.tsv, r, 0);
        if (!rs_taxonomy_partner(rs_taxonomy_get(), country))
            rs_tsv_fail(&table.tsv, r, "'%s' is not a partner country", country);
        each_item(r, 1, table_name);
        each_item(r, 2, table_acronym);
    }
}

/* ---- the records' institutions ---- */

/* The acronym in brackets of a name ("… del Empleo (MTPE)"), 3 to 10
 * capitals, into out; 0 when none. */
static int acronym_of(const char *name, char out[11])
{
    const char *open = strchr(name, '(');
    if (!open)
        return 0;
    size_t n = strspn(open + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (n < ACRONYM_MIN || n > 10 || open[1 + n] != ')')
        return 0;
    memcpy(out, open + 1, n);
    out[n] = '\0';
    return 1;
}

static int read_known(const rs_known_institution *known, size_t n_known, namings *names,
                      namings *acronyms)
{
    for (size_t i = 0; i < n_known; i++) {
        const rs_known_institution *k = &known[i];
        char acronym[11];
        if (!k->name || strlen(k->country) != 2)
            continue;
        if (add_name(names, k->name, strcspn(k->name, "(["), k->country, 0) < 0 ||
            (acronym_of(k->name, acronym) &&
             add_acronym(acronyms, acronym, strlen(acronym), k->country) < 0))
            return -1;
    }
    return 0;
}

/* ---- one reading's lookup ---- */

static int by_key(const void *a, const void *b)
{
    const naming *x = ((const entry *)a)->n, *y = ((const entry *)b)->n;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->country, y->country);
}

/* The keys of the namings of a and b, sorted, each once: a key of two
 * countries votes for none, but its words are still read as one name, so
 * that "Agence nationale pour la promotion de l'emploi des jeunes", of
 * Senegal and of Mauritania, is not Niger's "Agence nationale pour la
 * promotion de l'emploi" followed by two words. Into *out (malloc'd), *n_out
 * of them; 0, or -1 when out of memory. */
static int one_key_each(const namings *a, const namings *b, entry **out, size_t *n_out)
{
    size_t n = a->n + b->n, kept = 0;
    entry *all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return -1;
    for (size_t i = 0; i < a->n; i++)
        all[i] = (entry){&a->v[i], a->v[i].votes};
    for (size_t i = 0; i < b->n; i++)
        all[a->n + i] = (entry){&b->v[i], b->v[i].votes};
    qsort(all, n, sizeof *all, by_key);
    for (size_t i = 0, j; i < n; i = j) {
        entry one = {all[i].n, 0};
        int shared = 0;
        for (j = i; j < n && strcmp(all[j].n->key, all[i].n->key) == 0; j++) {
            shared |= strcmp(all[j].n->country, all[i].n->country) != 0;
            if (!one.votes && all[j].votes)
                one = all[j];
        }
        one.votes &= !shared;
        all[kept++] = one;
    }
    *out = all;
    *n_out = kept;
    return 0;
}

static int key_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const entry *)elem)->n->key);
}

static const entry *find(const entry *v, size_t n, const char *key)
{
    return bsearch(key, v, n, sizeof *v, key_cmp);
}

/* Does a name of the lookup start with the word `folded`? */
static int starts_a_name(const lookup *l, const char *folded)
{
    size_t lo = 0, hi = l->n_names, len = strlen(folded);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(l->names[mid].n->key, folded) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < l->n_names && strncmp(l->names[lo].n->key, folded, len) == 0 &&
           l->names[lo].n->key[len] == ' ';
}

/* The table's names are proper nouns: the text capitalises the first word
 * of a long one, and every word a short one capitalises ("Entraide
 * nationale" is Morocco's, "l'entraide nationale" anyone's). The records'
 * names, typed as they came, are read in any case. */
static int written_as_name(const rs_words *text, size_t i, const naming *n)
{
    for (size_t k = 0; n->curated && k < n->words.n; k++)
        if ((k == 0 || n->words.n < 4) && n->words.w[k].capital && !text->w[i + k].capital)
            return 0;
    return 1;
}

/* The longest name starting at word i: its words, or 0. */
static size_t name_at(const lookup *l, const rs_words *text, size_t i, const entry **hit)
{
    char key[KEY_MAX];
    if (!starts_a_name(l, text->w[i].folded))
        return 0;
    size_t most = text->n - i < l->max_words ? text->n - i : l->max_words;
    for (size_t k = most; k >= 2; k--) {
        const entry *e = join_words(text, i, k, key) ? find(l->names, l->n_names, key) : NULL;
        if (e && written_as_name(text, i, e->n)) {
            *hit = e;
            return k;
        }
    }
    return 0;
}

/* Does the text also use the letters of an acronym as a word, in lower
 * case ("care", "fit")? Then in capitals it is that word in a heading. */
static int said_as_word(const rs_words *text, const char *acronym)
{
    for (size_t i = 0; i < text->n; i++)
        if (!text->w[i].capital && strcasecmp(text->w[i].folded, acronym) == 0)
            return 1;
    return 0;
}

/* The acronym word i is, as written or in capitals ("CNaPS", "CNAPS"). */
static const entry *acronym_at(const lookup *l, const rs_words *text, size_t i)
{
    const rs_word *w = &text->w[i];
    const char *s = text->text + w->begin;
    size_t len = w->end - w->begin;
    char upper[ACRONYM_MAX + 1];
    if (!acronym_shaped(s, len))
        return NULL;
    for (size_t k = 0; k < len; k++)
        upper[k] = (char)(s[k] & ~0x20);
    upper[len] = '\0';
    const entry *e = find(l->acronyms, l->n_acronyms, upper);
    if (!e || (memcmp(s, e->n->written, len) != 0 && memcmp(s, upper, len) != 0))
        return NULL;
    return said_as_word(text, e->n->key) ? NULL : e;
}

static void scan(const lookup *l, const rs_words *text,
                 void (*named)(const char *, size_t, size_t, void *), void *ctx)
{
    for (size_t i = 0; i < text->n;) {
        const entry *e = NULL;
        size_t k = name_at(l, text, i, &e);
        if (!k && (e = acronym_at(l, text, i)))
            k = 1;
        if (e && e->votes)
            named(e->n->country, text->w[i].begin, text->w[i + k - 1].end, ctx);
        i += k ? k : 1;
    }
}

int rs_institutions_named(const rs_words *text, const rs_known_institution *known,
                          size_t n_known,
                          void (*named)(const char *country, size_t begin, size_t end,
                                        void *ctx),
                          void *ctx)
{
    pthread_once(&table_once, table_load);
    namings names = {0}, acronyms = {0};
    lookup l = {0};
    int rc = read_known(known, n_known, &names, &acronyms);
    if (rc == 0)
        rc = one_key_each(&table.names, &names, &l.names, &l.n_names);
    if (rc == 0)
        rc = one_key_each(&table.acronyms, &acronyms, &l.acronyms, &l.n_acronyms);
    for (size_t i = 0; rc == 0 && i < l.n_names; i++)
        if (l.names[i].n->words.n > l.max_words)
            l.max_words = l.names[i].n->words.n;
    if (rc == 0)
        scan(&l, text, named, ctx);
    free(l.names);
    free(l.acronyms);
    namings_free(&names);
    namings_free(&acronyms);
    return rc;
}

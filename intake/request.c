/*
 * What a request document says of itself (intake/request.h): its title,
 * action number, partner institution and team size here, its window in
 * window.c. Each reader prefers what the text puts under a label ("Titre :",
 * "Partner institution:") and falls back on the shape of the text.
 */
#include "intake/request.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "intake/window.h"
#include "intake/words.h"

#define TITLE_MAX 200 /* bytes; a longer first line is a paragraph */
#define INSTITUTION_WORDS 16

/* Does [s, s + n) hold the bytes of needle? */
static int holds(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* ---- labels: "Titre :", "Partner institution:" ---- */

/* Label words as folded word sequences, one string each. */
static const char *const title_labels[] = {
    "title", "titre", "titulo", "subject", "objet", "asunto", "assunto",
    "title of the action", "titre de l action", "titulo de la accion", "titulo da acao",
    "intitule", NULL};
static const char *const institution_labels[] = {
    "partner institution", "institution partenaire", "institucion socia",
    "instituicao parceira", "requesting institution", "institution requerante",
    "institution demanderesse", "institucion solicitante", "instituicao solicitante",
    "instituicao requerente", "beneficiary institution", "institution beneficiaire",
    "institucion beneficiaria", "instituicao beneficiaria", "organisme demandeur",
    "entidad solicitante", "entidade solicitante", "entidade beneficiaria",
    "partner", "partenaire", "contraparte", NULL};

/* Do words [i, ...) spell the label (folded words joined by spaces)? The
 * number of words, or 0. */
static size_t spells(const rs_words *ws, size_t i, const char *label)
{
    size_t k = 0;
    while (*label) {
        size_t len = strcspn(label, " ");
        if (i + k >= ws->n || strlen(ws->w[i + k].folded) != len ||
            memcmp(ws->w[i + k].folded, label, len) != 0)
            return 0;
        k++;
        label += len + (label[len] == ' ');
    }
    return k;
}

/* Byte offsets of the line around offset at. */
static void line_around(const char *s, size_t len, size_t at, size_t *b, size_t *e)
{
    *b = at;
    while (*b > 0 && s[*b - 1] != '\n')
        (*b)--;
    *e = at;
    while (*e < len && s[*e] != '\n')
        (*e)++;
}

static void trim(const char *s, size_t *b, size_t *e)
{
    while (*b < *e && strchr(" \t\r:-*#|", s[*b]))
        (*b)++;
    while (*e > *b && strchr(" \t\r.;|*", s[*e - 1]))
        (*e)--;
}

/* The value of a label that starts a line: the rest of the line after it,
 * or the next non-empty line when the label stands alone. 1 and the bytes
 * in [*b, *e), else 0. */
static int labelled(const rs_words *ws, size_t len, const char *const *labels, size_t *b,
                    size_t *e)
{
    for (size_t i = 0; i < ws->n; i++) {
        if (i > 0 && !rs_gap_has(ws, i, "\n"))
            continue;
        for (const char *const *l = labels; *l; l++) {
            size_t k = spells(ws, i, *l);
            if (!k || i + k >= ws->n || !rs_gap_has(ws, i + k, ":"))
                continue;
            size_t lb, le;
            line_around(ws->text, len, ws->w[i + k - 1].end, &lb, &le);
            *b = ws->w[i + k - 1].end, *e = le;
            trim(ws->text, b, e);
            if (*b == *e && le < len) { /* the value is on the next line */
                line_around(ws->text, len, ws->w[i + k].begin, b, e);
                trim(ws->text, b, e);
            }
            if (*b < *e)
                return 1;
        }
    }
    return 0;
}

static char *copy_line(const char *s, size_t b, size_t e)
{
    char *nfc = rs_text_nfc(s + b, e - b);
    if (nfc)
        for (char *p = nfc; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    return nfc;
}

/* ---- title ---- */

/* Headings that say what the document is, not what it is about. */
static const char *const generic_heads[] = {
    "terms of reference", "termes de reference", "terminos de referencia",
    "termos de referencia", "request for technical assistance",
    "demande d assistance technique", "solicitud de asistencia tecnica",
    "pedido de assistencia tecnica", "note conceptuelle", "concept note", "nota conceptual",
    "annex", "annexe", "anexo", "republique", "republic", "republica", "ministere",
    "ministry", "ministerio", NULL};

static int generic_line(const rs_words *ws, size_t i)
{
    for (const char *const *g = generic_heads; *g; g++)
        if (spells(ws, i, *g))
            return 1;
    return 0;
}

/* The first line of four words or more that is not a generic heading. */
static int first_title_line(const rs_words *ws, size_t len, size_t *b, size_t *e)
{
    for (size_t i = 0; i < ws->n; i++) {
        if (i > 0 && !rs_gap_has(ws, i, "\n"))
            continue;
        size_t words = 1;
        while (i + words < ws->n && !rs_gap_has(ws, i + words, "\n"))
            words++;
        if (words >= 4 && !generic_line(ws, i)) {
            line_around(ws->text, len, ws->w[i].begin, b, e);
            trim(ws->text, b, e);
            /* A sentence is the text's start, not its title. */
            return *e - *b <= TITLE_MAX && !holds(ws->text + *b, *e - *b, ". ") &&
                   ws->text[*e] != '.';
        }
    }
    return 0;
}

/* The prefixes mail clients put before a subject they reply to or
 * forward, in English, French, Spanish and Portuguese: a request often
 * arrives as a mail, and its subject is then the title. */
static const char *const mail_prefixes[] = {"re", "res", "tr", "fw", "fwd", "rv", "enc", NULL};

/* The length of a space (an ASCII one, a no-break or a narrow no-break
 * space, as French puts before a colon) at s, or 0. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
        return 2;
    return n >= 3 && !memcmp(s, "\xe2\x80\xaf", 3) ? 3 : 0;
}

/* The bytes of a mail prefix and the spaces after it ("RE: ", "Re : "),
 * at [b, e), or 0. */
static size_t mail_prefix(const char *s, size_t b, size_t e)
{
    size_t n = 0;
    while (b + n < e && n < 4 && ((s[b + n] | 0x20) >= 'a' && (s[b + n] | 0x20) <= 'z'))
        n++;
    char word[5] = "";
    for (size_t i = 0; i < n; i++)
        word[i] = (char)(s[b + i] | 0x20);
    int known = 0;
    for (const char *const *p = mail_prefixes; *p && !known; p++)
        known = n && strcmp(word, *p) == 0;
    for (size_t sp; known && (sp = space_at(s + b + n, e - b - n));)
        n += sp;
    if (!known || b + n >= e || s[b + n] != ':')
        return 0;
    for (n++; b + n < e && space_at(s + b + n, e - b - n);)
        n += space_at(s + b + n, e - b - n);
    return n;
}

/* A subject's title without the mail prefixes before it, however many
 * ("TR: RE: Appui…"). */
static void drop_mail_prefixes(const char *s, size_t *b, size_t e)
{
    for (size_t n; (n = mail_prefix(s, *b, e));)
        *b += n;
}

/* The first line that starts with a mail prefix ("RE: TR: Appui…"): a
 * subject as a mail client shows it above the mail. */
static int prefixed_line(const rs_words *ws, size_t len, size_t *b, size_t *e)
{
    for (size_t i = 0; i < ws->n; i++) {
        if (i > 0 && !rs_gap_has(ws, i, "\n"))
            continue;
        line_around(ws->text, len, ws->w[i].begin, b, e);
        trim(ws->text, b, e);
        if (mail_prefix(ws->text, *b, *e))
            return 1;
    }
    return 0;
}

/* The title under its label, or a subject line with a mail prefix,
 * whichever comes first: a forwarded mail's first subject is the newest
 * message's, and the labelled ones after it ("Asunto: TR: Solicitud")
 * the older messages' it quotes. */
static int labelled_title(const rs_words *ws, size_t len, size_t *b, size_t *e)
{
    size_t pb, pe;
    int label = labelled(ws, len, title_labels, b, e);
    if (prefixed_line(ws, len, &pb, &pe) && (!label || pb < *b)) {
        *b = pb, *e = pe;
        return 1;
    }
    return label;
}

static int labelled_institution(const rs_words *ws, size_t len, size_t *b, size_t *e)
{
    return labelled(ws, len, institution_labels, b, e);
}

/* A value under a label (confidence 0.9), else one the shape of
 * the text gives (confidence `shaped_confidence`), past what `tidy` drops
 * from its start (when not NULL): its bytes in *said, a copy on one line in
 * *text. 0 (found or not), -1 out of memory. */
typedef int (*value_at)(const rs_words *ws, size_t len, size_t *b, size_t *e);

static int read_value(const rs_words *ws, size_t len, value_at under_label, value_at shaped,
                      double shaped_confidence,
                      void (*tidy)(const char *, size_t *, size_t), rs_said *said,
                      char **text)
{
    size_t b, e;
    double confidence;
    if (under_label(ws, len, &b, &e))
        confidence = 0.9;
    else if (shaped(ws, len, &b, &e))
        confidence = shaped_confidence;
    else
        return 0;
    if (tidy)
        tidy(ws->text, &b, e);
    if (b == e)
        return 0;
    if (!(*text = copy_line(ws->text, b, e)))
        return -1;
    *said = (rs_said){1, b, e, confidence};
    return 0;
}

/* ---- action number: "Action 2019-27", "Demande n° 2020-04" ---- */

static const char *const action_words[] = {
    "action", "request", "demande", "solicitud", "pedido", "accion", "acao", "reference",
    "ref", "code", "no", "n", "numero", "number", NULL};

static void read_action(const rs_words *ws, rs_request_facts *f)
{
    for (size_t i = 1; i + 1 < ws->n; i++) {
        const rs_word *y = &ws->w[i], *n = &ws->w[i + 1];
        if (!(y->number >= 2010 && y->number <= 2099 && y->end - y->begin == 4 &&
              n->end - n->begin == 2 && n->number >= 1 && ws->text[y->end] == '-' &&
              n->begin == y->end + 1))
            continue;
        for (size_t back = 1; back <= 3 && back <= i; back++)
            if (rs_word_in(ws, i - back, action_words)) {
                memcpy(f->action_code, ws->text + y->begin, 7);
                f->action_code[7] = '\0';
                f->action = (rs_said){1, ws->w[i - back].begin, n->end, 0.8};
                return;
            }
    }
}

/* ---- partner institution ---- */

static const char *const institution_heads[] = {
    "ministry", "ministere", "ministerio", "agency", "agence", "agencia", "office",
    "institute", "institut", "instituto", "caisse", "caja", "fund", "fonds", "fondo",
    "fundo", "directorate", "direction", "direccion", "direcao", "direccao", "secretariat",
    "secretaria", "council", "conseil", "consejo", "conselho", "service", "services",
    "servicio", "servico", "department", "departement", "departamento", "authority",
    "autorite", "autoridad", "autoridade", "commission", "comision", "comissao", "bureau",
    "confederation", "confederacion", "confederacao", "union", "federation", "federacion",
    "federacao", "chamber", "chambre", "camara", "municipality", "municipalite",
    "municipalidad", "municipio", "alcaldia", "prefeitura", "observatory", "observatoire",
    "observatorio", "national", "nationale", "nacional", NULL};
/* Small words that go on a name when a capitalised word follows them. */
static const char *const name_links[] = {
    "of", "for", "and", "the", "de", "du", "des", "la", "le", "les", "l", "d", "del", "y",
    "e", "et", "do", "da", "dos", "das", "para", "pour", "em", "en", "a", "al", NULL};

/* Does a clause end between words i - 1 and i: punctuation, a bracket,
 * a line break or a dash standing apart ("Union – Discipline – Travail")? */
static int clause_break(const rs_words *ws, size_t i, int commas)
{
    if (rs_gap_has(ws, i, commas ? "\n.,;:()" : "\n.;:()"))
        return 1;
    const char *gap = ws->text + ws->w[i - 1].end;
    size_t n = ws->w[i].begin - ws->w[i - 1].end;
    return holds(gap, n, " - ") || holds(gap, n, "\xe2\x80\x93") ||
           holds(gap, n, "\xe2\x80\x94");
}

/* Adjectives French, Spanish and Portuguese names keep in lower case
 * ("Caisse nationale", "Fonction publique", "Formation professionnelle"). */
static const char *const name_adjectives[] = {
    "social", "sociale", "sociales", "sociais", "national", "nationale", "nacional",
    "general", "generale", "publique", "public", "publica", "publico", "professionnelle",
    "professionnel", "profissional", "profesional", "technique", "tecnica", "tecnico",
    "regional", "regionale", "superieur", "superieure", "superior", "federal", "federale",
    "provincial", "provinciale", NULL};

static int name_word(const rs_words *ws, size_t j)
{
    return ws->w[j].capital || rs_word_in(ws, j, name_adjectives);
}

/* Words of the name starting at the head word i: capitalised words (and
 * the adjectives above) and the small words between them, within a line
 * and a clause. A name that
 * starts its line (a letterhead) goes on past commas: "Ministério da
 * Família, Inclusão e Desenvolvimento Social". */
static size_t name_words(const rs_words *ws, size_t i)
{
    int commas = !rs_gap_has(ws, i, "\n") && i > 0;
    size_t k = 1;
    while (i + k < ws->n && k < INSTITUTION_WORDS && !clause_break(ws, i + k, commas)) {
        if (name_word(ws, i + k)) {
            k++;
            continue;
        }
        size_t j = i + k;
        while (j < ws->n && rs_word_in(ws, j, name_links) && j + 1 < ws->n &&
               !clause_break(ws, j + 1, commas))
            j++;
        if (j == i + k || j >= ws->n || !name_word(ws, j) || j - i >= INSTITUTION_WORDS)
            break;
        k = j - i + 1;
    }
    return k;
}

/* With an acronym in brackets after it: "… de l'Emploi (ANPE)". */
static size_t with_acronym(const char *s, size_t len, size_t end)
{
    size_t p = end;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len || s[p] != '(')
        return end;
    size_t q = p + 1;
    while (q < len && q - p <= 12 && ((s[q] >= 'A' && s[q] <= 'Z') || s[q] == '-'))
        q++;
    return q < len && s[q] == ')' && q > p + 1 ? q + 1 : end;
}

/* A name that ends in its acronym within a line, whatever its case:
 * "Caisse nationale de sécurité sociale (CNSS)". The words up to the
 * acronym, or 0. */
static size_t words_to_acronym(const rs_words *ws, size_t len, size_t i)
{
    for (size_t k = 1; i + k <= ws->n && k <= INSTITUTION_WORDS; k++) {
        if (k > 1 && clause_break(ws, i + k - 1, 0))
            return 0;
        size_t end = ws->w[i + k - 1].end;
        if (with_acronym(ws->text, len, end) != end)
            return k;
    }
    return 0;
}

static int shaped_institution(const rs_words *ws, size_t len, size_t *b, size_t *e)
{
    for (size_t i = 0; i < ws->n; i++) {
        if (!ws->w[i].capital || !rs_word_in(ws, i, institution_heads))
            continue;
        size_t k = words_to_acronym(ws, len, i);
        if (!k)
            k = name_words(ws, i);
        if (k < 3)
            continue;
        *b = ws->w[i].begin;
        *e = with_acronym(ws->text, len, ws->w[i + k - 1].end);
        return 1;
    }
    return 0;
}

/* ---- team size: "deux experts", "un equipo de tres", "team of 3" ---- */

static const char *const number_words[][7] = {
    {"one", "two", "three", "four", "five", "six", NULL},
    {"un", "deux", "trois", "quatre", "cinq", "six", NULL},
    {"uno", "dos", "tres", "cuatro", "cinco", "seis", NULL},
    {"um", "dois", "tres", "quatro", "cinco", "seis", NULL},
    {"une", "duas", NULL},
};

static int count_at(const rs_words *ws, size_t i)
{
    if (i >= ws->n)
        return 0;
    long n = ws->w[i].number;
    if (n >= 1 && n <= 6 && ws->w[i].end - ws->w[i].begin == 1)
        return (int)n;
    for (size_t l = 0; l < sizeof number_words / sizeof *number_words; l++)
        for (int k = 0; number_words[l][k]; k++)
            if (strcmp(ws->w[i].folded, number_words[l][k]) == 0)
                return l == 4 ? (k == 0 ? 1 : 2) : k + 1;
    if (rs_word_in(ws, i, (const char *const[]){"una", "uma", "an", NULL}))
        return 1;
    return 0;
}

static const char *const expert_words[] = {
    "expert", "experts", "experte", "expertes", "experto", "expertos", "experta",
    "expertas", "perito", "peritos", "perita", "peritas", "especialista", "especialistas",
    "specialist", "specialists", "specialiste", "specialistes", "consultant", "consultants",
    "consultante", "consultantes", "consultor", "consultores", "consultora", "consultoras",
    NULL};
static const char *const team_words[] = {"team", "equipe", "equipo", "equipa", NULL};
static const char *const team_links[] = {"of", "de", "composed", "composee", "compuesto",
                                         "composta", "formed", "formee", "d", NULL};

/* "N [one or two words] experts": the count, or 0. */
static int experts_after(const rs_words *ws, size_t i, size_t *last)
{
    int n = count_at(ws, i);
    if (!n)
        return 0;
    for (size_t k = 1; k <= 3 && i + k < ws->n; k++) {
        if (rs_word_in(ws, i + k, expert_words)) {
            *last = i + k;
            return n;
        }
        if (count_at(ws, i + k) == n) /* "trois (3) experts" */
            continue;
        if (rs_gap_has(ws, i + k, ".;:\n"))
            return 0;
    }
    return 0;
}

/* "team of N", "équipe composée de N": the count, or 0. */
static int team_of(const rs_words *ws, size_t i, size_t *last)
{
    if (!rs_word_in(ws, i, team_words))
        return 0;
    size_t j = i + 1;
    while (j < ws->n && j - i <= 3 && rs_word_in(ws, j, team_links))
        j++;
    int n = j > i + 1 ? count_at(ws, j) : 0;
    if (n)
        *last = j;
    return n;
}

/* Words that ask: a count of experts shortly after one is the request's,
 * not a past mission's ("worked with 5 experts; it now asks for 2"). */
static const char *const asking_words[] = {
    "ask", "asks", "asking", "request", "requests", "requested", "requesting", "need",
    "needs", "require", "requires", "seek", "seeks", "demande", "demandons", "sollicite",
    "sollicitons", "souhaite", "souhaitons", "solicita", "solicitamos", "solicitan", "pide",
    "pedimos", "requiere", "necesita", "pede", "pedimos", "solicitamos", "precisa", "necessita",
    NULL};

static int asked(const rs_words *ws, size_t i)
{
    for (size_t back = 1; back <= 10 && back <= i; back++)
        if (rs_word_in(ws, i - back, asking_words))
            return 1;
    return 0;
}

/* "one senior expert and two junior experts": counts joined by "and". */
static const char *const count_joins[] = {"and", "et", "y", "e", "plus", NULL};

/* Do at most two words between `after` and `before`, one of them "and",
 * join two counts ("expert principal et deux")? */
static int joined(const rs_words *ws, size_t after, size_t before)
{
    if (before <= after + 1 || before - after > 3 || rs_gap_has(ws, before, ".;:\n"))
        return 0;
    for (size_t k = after + 1; k < before; k++)
        if (rs_word_in(ws, k, count_joins))
            return 1;
    return 0;
}

static void read_team(const rs_words *ws, rs_request_facts *f)
{
    int best = 0, best_asked = 0;
    size_t prev_first = 0, prev_last = 0;
    int prev = 0;
    for (size_t i = 0; i < ws->n; i++) {
        size_t last = i;
        int team = team_of(ws, i, &last);
        int n = team ? team : experts_after(ws, i, &last);
        if (!n)
            continue;
        if (team) { /* a team named as such settles it */
            f->team_size = n;
            f->team = (rs_said){1, ws->w[i].begin, ws->w[last].end, 0.9};
            return;
        }
        size_t first = i;
        if (prev && joined(ws, prev_last, i) && prev + n <= 6) {
            n += prev; /* the same team, counted in parts */
            first = prev_first;
        }
        /* Else the count a request word asks for, then the largest. */
        int a = asked(ws, first);
        if (a > best_asked || (a == best_asked && n > best)) {
            best = n, best_asked = a;
            f->team_size = n;
            f->team = (rs_said){1, ws->w[first].begin, ws->w[last].end, 0.7};
        }
        prev = n, prev_first = first, prev_last = last;
        i = last;
    }
}

int rs_request_facts_read(const char *s, size_t len, rs_request_facts *out)
{
    *out = (rs_request_facts){0};
    rs_words ws;
    int rc = rs_words_cut(s, len, &ws);
    if (rc == 0)
        rc = read_value(&ws, len, labelled_title, first_title_line, 0.5, drop_mail_prefixes,
                        &out->title, &out->title_text);
    if (rc == 0)
        rc = read_value(&ws, len, labelled_institution, shaped_institution, 0.6, NULL,
                        &out->institution, &out->institution_text);
    if (rc == 0) {
        read_action(&ws, out);
        read_team(&ws, out);
        rc = rs_window_find(&ws, &out->window, &out->from, &out->to);
    }
    if (rc == 0)
        rs_stated_languages_read(&ws, &out->languages);
    rs_words_free(&ws);
    return rc;
}

void rs_request_facts_free(rs_request_facts *f)
{
    free(f->title_text);
    free(f->institution_text);
    *f = (rs_request_facts){0};
}

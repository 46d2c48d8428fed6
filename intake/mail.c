/* A mail's lines in a request's text (intake/mail.h). */
#include "intake/mail.h"

#include <stdlib.h>
#include <string.h>

#include "intake/words.h"

#define GREETING_WORDS 6  /* a greeting or closing line, at most */
#define SIGNATURE_WORDS 8 /* a signature's or contact's line, at most */
#define SIGNATURE_LINES 6

/* Phrases as folded words joined by spaces. */
static const char *const header_labels[] = {
    "de", "from", "envoye", "envoye le", "enviado", "enviado el", "enviada", "sent", "date",
    "fecha", "data", "para", "to", "a", "cc", "cci", "cco", "bcc", "reply to",
    "repondre a", "responder a", NULL};
static const char *const subject_labels[] = {"asunto", "objet", "subject", "assunto", NULL};
static const char *const reply_prefixes[] = {"re", "res", "tr", "fw", "fwd", "rv", "enc", NULL};
static const char *const quote_endings[] = {"wrote", "ecrit", "escribio", "escreveu", NULL};
static const char *const quote_marks[] = {
    "original message", "forwarded message", "message d origine", "message original",
    "message transfere", "mensaje original", "mensaje reenviado", "mensagem original",
    "mensagem encaminhada", NULL};
static const char *const greetings[] = {
    "buenos dias", "buenas tardes", "buenas noches", "hola", "estimado", "estimada",
    "estimados", "estimadas", "apreciado", "apreciada", "distinguido", "distinguida",
    "senor", "senora", "senores", "bonjour", "bonsoir", "madame", "monsieur", "mesdames",
    "messieurs", "cher", "chere", "chers", "cheres", "dear", "hello", "hi", "good morning",
    "good afternoon", "bom dia", "boa tarde", "boa noite", "ola", "prezado", "prezada",
    "prezados", "prezadas", "caro", "cara", "caros", "caras", NULL};
static const char *const closings[] = {
    "saludos", "un saludo", "un cordial saludo", "cordiales saludos", "atentamente",
    "cordialmente", "gracias", "muchas gracias", "cordialement", "bien cordialement",
    "sinceres salutations", "salutations", "bien a vous", "merci", "merci d avance",
    "best regards", "kind regards", "regards", "best", "sincerely", "yours sincerely",
    "yours faithfully", "thanks", "thank you", "many thanks", "atenciosamente",
    "cumprimentos", "com os melhores cumprimentos", "obrigado", "obrigada", "abracos",
    NULL};
/* Closing formulas, boilerplate whatever their length. */
static const char *const formulas[] = {
    "veuillez agreer", "je vous prie d agreer", "veuillez recevoir", "reciba un cordial",
    "le saluda atentamente", "sin otro particular", "sem mais", NULL};
static const char *const contacts[] = {
    "tel", "tell", "telephone", "telefono", "telefone", "phone", "mobile", "movil", "cel",
    "celular", "portable", "fax", "email", "e mail", "mail", "courriel", "correo", "web",
    "www", NULL};

typedef struct {
    size_t begin, end; /* bytes, without the line break */
    size_t w, n;       /* its words: [w, w + n) */
    int blank;
} line;

/* Do the words from i spell the phrase? Its number of words, or 0. */
static size_t spells(const rs_words *ws, size_t i, size_t end, const char *phrase)
{
    size_t k = 0;
    for (const char *p = phrase; *p; k++) {
        size_t len = strcspn(p, " ");
        if (i + k >= end || strlen(ws->w[i + k].folded) != len ||
            memcmp(ws->w[i + k].folded, p, len) != 0)
            return 0;
        p += len + (p[len] == ' ');
    }
    return k;
}

/* Does the line start with one of the phrases? Its words, or 0. */
static size_t starts(const rs_words *ws, const line *l, const char *const *phrases)
{
    for (const char *const *p = phrases; *p; p++) {
        size_t k = spells(ws, l->w, l->w + l->n, *p);
        if (k)
            return k;
    }
    return 0;
}

/* Does the line start with one of the labels and a colon after it
 * ("Enviado el:", not "Enviado")? */
static int labelled(const rs_words *ws, const line *l, const char *const *labels)
{
    for (const char *const *p = labels; *p; p++) {
        size_t k = spells(ws, l->w, l->w + l->n, *p);
        if (k && rs_gap_has(ws, l->w + k, ":"))
            return 1;
    }
    return 0;
}

static int holds_phrase(const rs_words *ws, const line *l, const char *const *phrases)
{
    for (size_t i = l->w; i < l->w + l->n; i++)
        for (const char *const *p = phrases; *p; p++)
            if (spells(ws, i, l->w + l->n, *p))
                return 1;
    return 0;
}

static int header(const rs_words *ws, const line *l)
{
    return labelled(ws, l, header_labels) || labelled(ws, l, subject_labels);
}

/* A subject: under its label, or after a reply's prefix ("RE: …"). */
static int subject(const rs_words *ws, const line *l)
{
    return labelled(ws, l, subject_labels) || labelled(ws, l, reply_prefixes);
}

/* "Le lun. 30 nov. 2026, Juan Pérez a écrit :", "-----Original Message-----". */
static int quote_intro(const rs_words *ws, const line *l)
{
    if (l->n && rs_word_in(ws, l->w + l->n - 1, quote_endings) &&
        memchr(ws->text + ws->w[l->w + l->n - 1].end, ':', l->end - ws->w[l->w + l->n - 1].end))
        return 1;
    return l->n <= GREETING_WORDS && holds_phrase(ws, l, quote_marks);
}

static int contact(const rs_words *ws, const line *l)
{
    if (l->n > SIGNATURE_WORDS || !starts(ws, l, contacts))
        return 0;
    for (size_t i = l->w; i < l->w + l->n; i++)
        if (ws->w[i].number >= 0)
            return 1;
    return memchr(ws->text + l->begin, '@', l->end - l->begin) != NULL;
}

static int closing(const rs_words *ws, const line *l)
{
    return (l->n <= GREETING_WORDS && starts(ws, l, closings)) || starts(ws, l, formulas);
}

/* Header blocks: two header lines or more in a row; the text's first
 * subject (the newest message's) stays. */
static void mark_headers(const rs_words *ws, line *ls, size_t n)
{
    int first_subject = 1;
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        while (i + k < n && header(ws, &ls[i + k]))
            k++;
        for (size_t j = i; j < i + (k ? k : 1); j++) {
            int is_subject = subject(ws, &ls[j]);
            if (k >= 2 && !(is_subject && first_subject))
                ls[j].blank = 1;
            if (is_subject)
                first_subject = 0;
        }
        i += k ? k : 1;
    }
}

/* The greeting of line l: all of it when short, else up to its first
 * comma, colon or "!" within its first words. */
static void mark_greeting(const rs_words *ws, line *l, char *t)
{
    if (!starts(ws, l, greetings))
        return;
    if (l->n <= GREETING_WORDS) {
        l->blank = 1;
        return;
    }
    for (size_t k = 1; k <= GREETING_WORDS; k++)
        if (rs_gap_has(ws, l->w + k, ",:!")) {
            memset(t + l->begin, ' ', ws->w[l->w + k].begin - l->begin);
            return;
        }
}

/* The signature from line i: its lines up to an empty one, short ones
 * only. Empty lines right after the closing are skipped. */
static void mark_signature(line *ls, size_t n, size_t i)
{
    while (i < n && ls[i].n == 0)
        i++;
    for (size_t k = 0; i < n && k < SIGNATURE_LINES && ls[i].n; i++, k++) {
        if (ls[i].n > SIGNATURE_WORDS)
            return;
        ls[i].blank = 1;
    }
}

static int dashes(const char *t, const line *l)
{
    size_t b = l->begin, e = l->end;
    while (b < e && (t[b] == ' ' || t[b] == '>'))
        b++;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\r'))
        e--;
    return e - b == 2 && t[b] == '-' && t[b + 1] == '-';
}

static void mark(const rs_words *ws, line *ls, size_t n, char *t)
{
    mark_headers(ws, ls, n);
    for (size_t i = 0; i < n; i++) {
        line *l = &ls[i];
        if (quote_intro(ws, l) || contact(ws, l))
            l->blank = 1;
        else if (closing(ws, l) || dashes(t, l)) {
            l->blank = 1;
            mark_signature(ls, n, i + 1);
        } else if (!l->blank)
            mark_greeting(ws, l, t);
    }
}

/* The text's lines and their words. NULL when out of memory. */
static line *cut_lines(const rs_words *ws, size_t len, size_t *n)
{
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += ws->text[i] == '\n';
    line *ls = calloc(cap, sizeof *ls);
    if (!ls)
        return NULL;
    size_t w = 0, k = 0;
    for (size_t b = 0; b <= len && k < cap; k++) {
        const char *nl = memchr(ws->text + b, '\n', len - b);
        size_t e = nl ? (size_t)(nl - ws->text) : len;
        ls[k] = (line){b, e, w, 0, 0};
        while (w < ws->n && ws->w[w].begin < e)
            w++, ls[k].n++;
        b = e + 1;
    }
    *n = k;
    return ls;
}

int rs_mail_blank(char *t, size_t len)
{
    rs_words ws;
    if (rs_words_cut(t, len, &ws) < 0) {
        rs_words_free(&ws);
        return -1;
    }
    size_t n = 0;
    line *ls = cut_lines(&ws, len, &n);
    if (ls)
        mark(&ws, ls, n, t);
    rs_words_free(&ws);
    for (size_t i = 0; ls && i < n; i++)
        if (ls[i].blank)
            memset(t + ls[i].begin, ' ', ls[i].end - ls[i].begin);
    free(ls);
    return ls ? 0 : -1;
}

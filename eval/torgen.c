/* Generated Terms of Reference. See torgen.h. */
#include "eval/torgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/labels.h"
#include "core/taxonomy.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TEXT_MAX 2048

enum { EN, FR, ES, PT, NLANG };
static const char *const lang_codes[NLANG] = {"en", "fr", "es", "pt"};
static const int lang_weight[NLANG] = {25, 30, 25, 20};

/* ---- random stream: splitmix64, one per ToR ---- */

typedef struct {
    uint64_t x;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t below(rng *r, size_t n)
{
    return n ? (size_t)(next(r) % n) : 0; /* the bias of 2^64 mod n is negligible here */
}

static int chance(rng *r, int percent)
{
    return (int)below(r, 100) < percent;
}

static size_t pick_weighted(rng *r, const int *w, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    int x = (int)below(r, (size_t)total);
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* ---- phrase tables ---- */

/* Partner institutions, index-aligned across languages. */
static const char *const institutions[][NLANG] = {
    {"Ministry of Labour", "ministère du Travail", "Ministerio de Trabajo",
     "Ministério do Trabalho"},
    {"National Social Security Fund", "Caisse nationale de sécurité sociale",
     "Instituto Nacional de Seguridad Social", "Instituto Nacional de Previdência Social"},
    {"Public Employment Service", "Agence nationale pour l'emploi", "Servicio Público de Empleo",
     "Instituto do Emprego"},
    {"Labour Inspectorate", "Inspection générale du travail", "Inspección General del Trabajo",
     "Inspeção-Geral do Trabalho"},
    {"National Statistics Office", "Institut national de la statistique",
     "Instituto Nacional de Estadística", "Instituto Nacional de Estatística"},
    {"Ministry of Social Development", "ministère de l'Action sociale",
     "Ministerio de Desarrollo Social", "Ministério da Solidariedade Social"},
};

/* Placeholders: {I} institution, {L1} first label capitalised, {l1} {l2}
 * labels, {k1} {k2} {k3} keywords. No article precedes a placeholder, so
 * every label fits every template. */
static const char *const titles[NLANG][3] = {
    {"{L1}: peer support to the {I}", "Strengthening {l1} and {l2}",
     "{L1} and {l2}: a peer review"},
    {"{L1} : appui entre pairs ({I})", "Renforcement des capacités : {l1} et {l2}",
     "{L1} et {l2} : revue par les pairs"},
    {"{L1}: apoyo entre pares ({I})", "Fortalecimiento institucional: {l1} y {l2}",
     "{L1} y {l2}: revisión entre pares"},
    {"{L1}: apoio entre pares ({I})", "Reforço de capacidades: {l1} e {l2}",
     "{L1} e {l2}: revisão entre pares"},
};

static const char *const descriptions[NLANG][3] = {
    {"The partner ({I}) asks for peer support on the following: {l1}. The experts will "
     "review {k1} and {k2}, compare them with practice in Europe and propose a roadmap on {l2}. "
     "The mission ends with a workshop on {k3}.",
     "Our institution ({I}) is reforming {l1}. The team will assess {k1}, advise on {k2} and "
     "train staff on {l2}; a final report will cover {k3}.",
     "Request of the {I}: {l1}. Topics: {k1}, {k2}, {k3}; also {l2}."},
    {"Le partenaire ({I}) demande un appui entre pairs sur les questions suivantes : {l1}. Les "
     "experts analyseront les points suivants : {k1}, {k2}, puis proposeront une feuille de "
     "route ({l2}). La mission se conclura par un atelier : {k3}.",
     "L'institution ({I}) réforme son action : {l1}. L'équipe évaluera les dispositifs ({k1}), "
     "conseillera la direction ({k2}) et formera les agents : {l2}. Un rapport final portera "
     "sur les sujets suivants : {k3}.",
     "Demande du partenaire ({I}) : {l1}. Thèmes : {k1}, {k2}, {k3} ; ainsi que {l2}."},
    {"El socio ({I}) solicita apoyo entre pares en los temas siguientes: {l1}. Los expertos "
     "analizarán los puntos siguientes: {k1}, {k2}, y propondrán una hoja de ruta ({l2}). La "
     "misión concluirá con un taller: {k3}.",
     "La institución ({I}) reforma su acción: {l1}. El equipo evaluará los dispositivos "
     "({k1}), asesorará a la dirección ({k2}) y formará al personal: {l2}. Un informe final "
     "tratará los temas siguientes: {k3}.",
     "Solicitud del socio ({I}): {l1}. Temas: {k1}, {k2}, {k3}; así como {l2}."},
    {"O parceiro ({I}) solicita apoio entre pares nos temas seguintes: {l1}. Os peritos "
     "analisarão os pontos seguintes: {k1}, {k2}, e proporão um roteiro ({l2}). A missão "
     "terminará com uma oficina: {k3}.",
     "A instituição ({I}) reforma a sua ação: {l1}. A equipa avaliará os dispositivos ({k1}), "
     "aconselhará a direção ({k2}) e formará o pessoal: {l2}. Um relatório final tratará os "
     "temas seguintes: {k3}.",
     "Pedido do parceiro ({I}): {l1}. Temas: {k1}, {k2}, {k3}; bem como {l2}."},
};

/* Main field letters of actions, weighted as the roster's main fields. */
static const struct {
    char letter;
    int weight;
} letters[] = {
    {'E', 26}, {'A', 22}, {'N', 11}, {'F', 10}, {'U', 7}, {'Q', 5}, {'C', 4}, {'D', 3},
    {'L', 3},  {'B', 2},  {'G', 2},  {'H', 2},  {'S', 1}, {'T', 1}, {'V', 1},
};

/* ---- drawing the codes ---- */

typedef struct {
    const char *fields[3];
    size_t n_fields;
    const char *competences[2];
    size_t n_competences;
} codes;

static int has(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* A field code of the letter below its top level, or the letter itself
 * when it has no sub-codes; NULL when the taxonomy lacks the letter. */
static const char *field_of_letter(rng *r, const rs_taxonomy *tax, char letter)
{
    const char *found[128], *top = NULL;
    size_t n = 0;
    for (size_t i = 0; i < rs_taxonomy_n_fields(tax) && n < COUNT(found); i++) {
        const char *c = rs_taxonomy_field_at(tax, i)->code;
        if (c[0] == letter && c[1] == '.')
            found[n++] = c;
        else if (c[0] == letter && c[1] == '\0')
            top = c;
    }
    return n ? found[below(r, n)] : top;
}

static char draw_letter(rng *r)
{
    int w[COUNT(letters)];
    for (size_t i = 0; i < COUNT(letters); i++)
        w[i] = letters[i].weight;
    return letters[pick_weighted(r, w, COUNT(letters))].letter;
}

static void draw_codes(rng *r, const rs_taxonomy *tax, codes *c)
{
    static const int how_many[3] = {30, 45, 25};
    char main = draw_letter(r);
    size_t want = 1 + pick_weighted(r, how_many, 3);
    for (int tries = 0; c->n_fields < want && tries < 20; tries++) {
        const char *f = field_of_letter(r, tax, c->n_fields == 0 || chance(r, 70) ? main
                                                                                 : draw_letter(r));
        if (f && !has(c->fields, c->n_fields, f))
            c->fields[c->n_fields++] = f;
    }
    size_t n_comp = 1 + below(r, 2), all = rs_taxonomy_n_competences(tax);
    for (int tries = 0; c->n_competences < n_comp && tries < 20; tries++) {
        const char *code = rs_taxonomy_competence_at(tax, below(r, all))->code;
        if (strcmp(code, "X") != 0 && !has(c->competences, c->n_competences, code))
            c->competences[c->n_competences++] = code;
    }
}

/* ---- writing the text ---- */

typedef struct {
    int lang;
    const char *label;
    char keywords[512];
} label_words;

static int take_label(const char *lang, const char *label, const char *keywords, void *arg)
{
    label_words *w = arg;
    if (strcmp(lang, lang_codes[w->lang]) != 0)
        return 0;
    w->label = label;
    snprintf(w->keywords, sizeof w->keywords, "%s", keywords ? keywords : "");
    return 1;
}

/* One keyword of a code in the language, into buf. */
static void keyword(rng *r, const char *code, int lang, char *buf, size_t size)
{
    label_words w = {lang, NULL, ""};
    buf[0] = '\0';
    if (rs_labels_each(code, take_label, &w) <= 0)
        return;
    size_t n = 1;
    for (const char *p = w.keywords; *p; p++)
        n += *p == ';';
    const char *p = w.keywords;
    for (size_t i = below(r, n); i > 0; i--)
        p = strchr(p, ';') + 1;
    size_t len = strcspn(p, ";");
    snprintf(buf, size, "%.*s", (int)(len < size ? len : size - 1), p);
}

/* The label of a code in the language, first letter in lower case when it
 * is an ASCII capital (labels are written as titles). */
static void label(const char *code, int lang, int capital, char *buf, size_t size)
{
    const char *l = rs_label(code, lang_codes[lang]);
    snprintf(buf, size, "%s", l ? l : code);
    if (!capital && buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
}

typedef struct {
    const char *institution;
    char L1[128], l1[128], l2[128], k1[128], k2[128], k3[128];
} words;

static void fill_words(rng *r, const codes *c, int lang, words *w)
{
    const char *second = c->n_fields > 1 ? c->fields[1] : c->competences[0];
    const char *third = c->n_fields > 2 ? c->fields[2] : second;
    label(c->fields[0], lang, 1, w->L1, sizeof w->L1);
    label(c->fields[0], lang, 0, w->l1, sizeof w->l1);
    label(second, lang, 0, w->l2, sizeof w->l2);
    keyword(r, c->fields[0], lang, w->k1, sizeof w->k1);
    keyword(r, third, lang, w->k2, sizeof w->k2);
    keyword(r, c->competences[c->n_competences - 1], lang, w->k3, sizeof w->k3);
}

/* Expand a template into buf; -1 when it does not fit. */
static int expand(const char *tmpl, const words *w, char *buf, size_t size)
{
    size_t len = 0;
    for (const char *p = tmpl; *p;) {
        const char *s = p;
        size_t n = 1;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t key = close ? (size_t)(close - p - 1) : 0;
            s = strncmp(p + 1, "I", key) == 0 && key == 1 ? w->institution
                : strncmp(p + 1, "L1", key) == 0 && key == 2 ? w->L1
                : strncmp(p + 1, "l1", key) == 0 && key == 2 ? w->l1
                : strncmp(p + 1, "l2", key) == 0 && key == 2 ? w->l2
                : strncmp(p + 1, "k1", key) == 0 && key == 2 ? w->k1
                : strncmp(p + 1, "k2", key) == 0 && key == 2 ? w->k2
                : strncmp(p + 1, "k3", key) == 0 && key == 2 ? w->k3
                                                            : NULL;
            if (!s)
                return -1;
            n = strlen(s);
            p = close + 1;
        } else {
            p++;
        }
        if (len + n >= size)
            return -1;
        memcpy(buf + len, s, n);
        len += n;
    }
    buf[len] = '\0';
    return 0;
}

/* ---- the ToR ---- */

/* The language a partner country's institutions work in: the first of the
 * four that its list ("ar,fr") holds, English by default. */
static int working_language(const char *languages)
{
    for (const char *p = languages; p && *p;) {
        for (int k = 0; k < NLANG; k++)
            if (strncmp(p, lang_codes[k], 2) == 0 && (p[2] == ',' || p[2] == '\0'))
                return k;
        p = strchr(p, ',');
        p = p ? p + 1 : NULL;
    }
    return EN;
}

/* A partner country whose institutions work in the language. */
static const rs_partner_country *draw_country(rng *r, const rs_taxonomy *tax, int lang)
{
    const rs_partner_country *found[512];
    size_t n = 0;
    for (size_t i = 0; i < rs_taxonomy_n_partners(tax) && n < COUNT(found); i++) {
        const rs_partner_country *p = rs_taxonomy_partner_at(tax, i);
        if (working_language(p->languages) == lang && !rs_country_is_eu(p->iso2))
            found[n++] = p;
    }
    return n ? found[below(r, n)] : NULL;
}

static json_t *code_array(const char *const *codes, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(codes[i]));
    return a;
}

static json_t *window(rng *r, json_t *tor)
{
    int32_t start = 0;
    rs_date_parse("2027-02-01", 0, &start); /* a Monday */
    start += (int32_t)(7 * below(r, 40));
    int days = 5 + (int)below(r, 11);
    int32_t end = start + days - 1 + 2 * ((days - 1) / 5); /* weekends */
    char from[11], to[11];
    rs_date_format(start, from);
    rs_date_format(end, to);
    json_object_set_new(tor, "from", json_string(from));
    json_object_set_new(tor, "to", json_string(to));
    return tor;
}

static json_t *rules(rng *r, const char *country)
{
    json_t *o = json_object();
    if (chance(r, 50))
        json_object_set_new(o, "exclude_nationalities", json_pack("[s]", country));
    if (chance(r, 25))
        json_object_set_new(o, "triangular", json_true());
    if (chance(r, 10))
        json_object_set_new(o, "max_load_days", json_integer(60));
    return o;
}

static json_t *languages(rng *r, int lang)
{
    json_t *a = json_array();
    json_array_append_new(a, json_pack("{s:s, s:s}", "code", lang_codes[lang], "level",
                                       chance(r, 50) ? "C1" : "B2"));
    if (lang != EN && chance(r, 10))
        json_array_append_new(a, json_pack("{s:s, s:s}", "code", "en", "level", "B2"));
    return a;
}

int rs_torgen(uint64_t seed, unsigned long k, json_t **tor, json_t **topic)
{
    static const int team_w[3] = {15, 60, 25};
    *tor = *topic = NULL;
    if (k == 0)
        return -1;
    const rs_taxonomy *tax = rs_taxonomy_get();
    rng r = {seed * 0x9e3779b97f4a7c15u ^ (uint64_t)k * 0xd1b54a32d192ed03u};
    next(&r);
    int lang = (int)pick_weighted(&r, lang_weight, NLANG);
    const rs_partner_country *country = draw_country(&r, tax, lang);
    codes c = {{0}, 0, {0}, 0};
    draw_codes(&r, tax, &c);
    if (!country || c.n_fields == 0 || c.n_competences == 0)
        return -1; /* the compiled-in taxonomy always has them */
    words w;
    w.institution = institutions[below(&r, COUNT(institutions))][lang];
    fill_words(&r, &c, lang, &w);
    char action[32], title[TEXT_MAX], description[TEXT_MAX];
    snprintf(action, sizeof action, "G-%04lu", k);
    if (expand(titles[lang][below(&r, 3)], &w, title, sizeof title) < 0 ||
        expand(descriptions[lang][below(&r, 3)], &w, description, sizeof description) < 0)
        return -1;
    int text_only = chance(&r, RS_TORGEN_TEXT_ONLY_PCT);

    json_t *t = json_object();
    json_object_set_new(t, "action", json_string(action));
    json_object_set_new(t, "title", json_string(title));
    json_object_set_new(t, "country", json_string(country->iso2));
    json_object_set_new(t, "partner_institution", json_string(w.institution));
    if (!text_only) {
        json_object_set_new(t, "fields", code_array(c.fields, c.n_fields));
        json_object_set_new(t, "competences", code_array(c.competences, c.n_competences));
    }
    json_object_set_new(t, "languages", languages(&r, lang));
    json_object_set_new(t, "team_size", json_integer(1 + (json_int_t)pick_weighted(&r, team_w, 3)));
    window(&r, t);
    json_object_set_new(t, "description", json_string(description));
    json_object_set_new(t, "rules", rules(&r, country->iso2));

    json_t *p = json_pack("{s:s, s:o, s:o, s:s, s:s}", "action", action, "fields",
                          code_array(c.fields, c.n_fields), "competences",
                          code_array(c.competences, c.n_competences), "kind",
                          text_only ? "text-only" : "coded", "lang", lang_codes[lang]);
    if (!t || !p || json_object_size(t) < 10) {
        json_decref(t);
        json_decref(p);
        return -1;
    }
    *tor = t;
    *topic = p;
    return 0;
}

int rs_eval_held_out(const char *action)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const char *s = action; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h % 3 == 0;
}

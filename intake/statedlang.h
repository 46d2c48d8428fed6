/*
 * The working languages a request document states, in English, French,
 * Spanish or Portuguese: a language's name (core/codes.h: "español",
 * "française", "anglais", "inglês") near a cue in the same sentence —
 *
 *   - a label: "Langue(s) de travail", "Idioma(s) de trabajo", "Língua(s)
 *     de trabalho", "Working language(s)", "Language(s) of the mission", or
 *     "Languages:", "Idiomas:" with their colon;
 *   - a word that requires it: "maîtriser", "dominio", "fluent", "fluência",
 *     "courant", "required", "exigé", "requerido", "obligatoire"…;
 *   - a word that makes it an asset, not a requirement: "(serait un) atout",
 *     "(sería una) ventaja", "(would be an) asset", "(seria uma) vantagem",
 *     "souhaitable", "deseable", "desejável"…
 *
 * — the nearest cue (a comma between counts against it) telling which. A
 * name that stands for something else than a language is not read: beside
 * "version", "ministry", "experts", "speaking"… ("the Spanish ministry",
 * "la version anglaise", "French-speaking experts") or before a capitalised
 * word on its line ("French Guiana"). A CEFR level beside the name ("C1",
 * "niveau B2", "(C1)") is kept. A text that names a language without such a
 * cue ("English version attached") states nothing.
 */
#ifndef RS_INTAKE_STATEDLANG_H
#define RS_INTAKE_STATEDLANG_H

#include <stddef.h>

#include "core/model.h"
#include "intake/words.h"

#define RS_STATED_LANGUAGES_MAX 8

typedef struct {
    char code[3];          /* ISO 639-1 */
    rs_cefr level;         /* as written beside it, RS_CEFR_NONE when not */
    int asset;             /* an asset, not required */
    size_t begin, end;     /* the bytes of the statement: its cue and the name */
} rs_stated_language;

typedef struct {
    rs_stated_language l[RS_STATED_LANGUAGES_MAX];
    size_t n; /* each language once, in the text's order; required over asset */
} rs_stated_languages;

/* The languages the words state (words.h). */
void rs_stated_languages_read(const rs_words *ws, rs_stated_languages *out);

/* How many of them are required (not assets). */
size_t rs_stated_required(const rs_stated_languages *s);

#endif

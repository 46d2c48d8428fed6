/*
 * Reference codes: ISO 3166-1 alpha-2 countries (with their names in English,
 * French, Spanish and Portuguese), ISO 639-1 languages, and the syntax of
 * field and competence codes. The tables live in the TSV files of
 * corpus/reference/ and are compiled into the binary.
 */
#ifndef RS_CODES_H
#define RS_CODES_H

#include <stddef.h>

/* Is b the code a holds, a at most two characters long (an ISO code of a
 * country or language)? Compared inline: the scoring and the team search
 * ask it for every language and nationality of every expert they weigh. */
static inline int rs_code2_equal(const char *a, const char *b)
{
    return a[0] == b[0] && (a[0] == 0 || (a[1] == b[1] && (a[1] == 0 || b[2] == 0)));
}

/* ISO 3166-1 alpha-2 (upper case, plus XK for Kosovo). */
int rs_country_valid(const char *code);
/* English name of a valid code, else NULL. */
const char *rs_country_name(const char *code);
/* A code as machine formats give it: an upper-case ISO code, or one of the
 * codes EU documents use instead (EL for Greece, UK for the United Kingdom),
 * written into out[3] as its ISO code (GR, GB). Returns 0, or -1. */
int rs_country_code(const char *code, char out[3]);
/* The form in which country names are compared (malloc'd): folded (case,
 * accents, compatibility forms), apostrophes and dots dropped ("Côte
 * d’Ivoire" and "Cote d'Ivoire" agree, "U.S.A." is "usa"), '&' read as
 * "and", "St" as "Saint", other punctuation and spaces as one space. NULL on
 * invalid UTF-8 or out of memory. */
char *rs_country_key(const char *s, size_t len);
/* Every name and alias of every country in the four languages as the
 * tables write them, then every name of several countries ("Korea"):
 * fn(name, len, code, countries) with code NULL and countries "KR;KP" for
 * those. The strings live as long as the process. */
void rs_country_each_name(void (*fn)(const char *name, size_t len, const char *code,
                                     const char *countries, void *ctx),
                          void *ctx);
/* Resolve a code (any case, EL and UK too) or a name in English, French,
 * Spanish or Portuguese (case- and accent-insensitive, e.g. "spain",
 * "Cote d'Ivoire", "Royaume-Uni", "Perú", "es") to an ISO code, written into
 * out[3]. Returns 0, or -1 when unknown or ambiguous. */
int rs_country_resolve(const char *code_or_name, char out[3]);
/* When `name` stands for more than one country ("Korea", "Corée"), write the
 * countries it may mean into buf ("KR (Korea, Republic of) or KP (...)") and
 * return 1; else 0. */
int rs_country_ambiguous(const char *name, char *buf, size_t bufsz);
/* The name of a valid code in "en", "fr", "es" or "pt"; NULL for an
 * unknown code or language. */
const char *rs_country_name_in(const char *code, const char *lang);
/* Every country code, in the order of countries.tsv (by code): i from 0 to
 * rs_n_countries() - 1. */
size_t rs_n_countries(void);
const char *rs_country_at(size_t i);
/* The valid code closest to `s` by edit distance (for "did you mean"), or NULL. */
const char *rs_country_suggest(const char *s);

/* ISO 639-1 (two lower-case letters). */
int rs_language_valid(const char *code);
/* 1 if list is one or more known language codes separated by commas
 * ("fr,en"), as the reference tables write them. */
int rs_language_list_valid(const char *list);
const char *rs_language_name(const char *code); /* English name or NULL */
/* The name of a valid code in "en", "fr", "es" or "pt"; NULL for an
 * unknown code or language. */
const char *rs_language_name_in(const char *code, const char *lang);
/* Resolve a code (any case) or a language's name in English, French,
 * Spanish or Portuguese ("French", "français", "Francés", "Francês"; case,
 * accents and punctuation ignored) to its ISO 639-1 code, written into
 * out[3]. Returns 0, or -1 when unknown. */
int rs_language_resolve(const char *code_or_name, char out[3]);
/* The code of the language whose name (in any of the four) is closest to
 * `s` by edit distance, as rs_country_suggest; NULL when none is close. */
const char *rs_language_suggest(const char *s);
/* Every language code, in the order of languages.tsv (by code). */
size_t rs_n_languages(void);
const char *rs_language_at(size_t i);

/* Field code syntax: ^[A-Z](\.[0-9]{2}(\.[0-9]{2})?)?$ */
int rs_field_code_valid(const char *code);
/* Competence code syntax: "1".."9", "X", or "N.M" (e.g. "2.1"). */
int rs_competence_code_valid(const char *code);
/* Number of levels of a field or competence code ("E"=1, "E.10"=2, "E.10.01"=3). */
int rs_code_depth(const char *code);
/* Write the ancestor of `code` at `depth` (1-based) into out (size >= 8).
 * Returns 0, or -1 if depth exceeds the code's depth. */
int rs_code_prefix(const char *code, int depth, char *out, size_t outsz);

#endif

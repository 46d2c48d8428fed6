/*
 * Language identification over libexttextcat's n-gram fingerprints (see
 * doclang.h for why this way): the fingerprints are loaded once from
 * fpdb.conf's list, the text's own fingerprint is made per call, and the
 * nearest fingerprint wins, with the four working languages preferred when
 * nearly as near.
 */
#include "intake/doclang.h"

#include <fingerprint.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text.h"
#include "intake/tidy.h"

#define NGRAMS 400           /* n-grams per fingerprint, as libexttextcat makes them */
#define SAMPLE_MAX 4096      /* bytes of text fingerprinted */
#define PREFER 0.03          /* a working language within 3% of the best is taken */
#define SURE_GAP 0.10        /* the next language 10% further: confidence 1 */
#define FINGERPRINTS_MAX 1000

typedef struct {
    void *fp;
    char code[4]; /* "en"; "" for a name that is no ISO code */
} language;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static language *languages; /* loaded once, read-only afterwards */
static size_t n_languages;

#define DEBIAN_DIR "/usr/share/libexttextcat"
#define LOCAL_DIR "/usr/local/share/libexttextcat"

/* The ISO code of a fingerprint file "pt.lm", "zh-Hans.lm", "ast.lm". */
static void code_of(const char *file, char code[4])
{
    size_t n = strcspn(file, ".-_");
    if (n < 2 || n > 3)
        n = 0;
    memcpy(code, file, n);
    code[n] = '\0';
}

static void load_one(const char *dir, const char *file)
{
    char path[1024];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path)
        return;
    void *fp = fp_Init(file);
    if (!fp)
        return;
    if (!fp_Read(fp, path, NGRAMS)) {
        fp_Done(fp);
        return;
    }
    language *l = &languages[n_languages++];
    l->fp = fp;
    code_of(file, l->code);
}

/* fpdb.conf's lines "file name # comment": every file listed. */
static int load_dir(const char *dir)
{
    char path[1024];
    if ((size_t)snprintf(path, sizeof path, "%s/fpdb.conf", dir) >= sizeof path)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[1024], file[256];
    while (n_languages < FINGERPRINTS_MAX && fgets(line, sizeof line, f)) {
        line[strcspn(line, "#")] = '\0';
        if (sscanf(line, "%255s", file) == 1 && !strchr(file, '/'))
            load_one(dir, file);
    }
    fclose(f);
    return n_languages > 0;
}

/* Load the fingerprints; a failure leaves nothing loaded, so a later call
 * tries again (the files may have been installed since). */
static rs_status load(char **err)
{
    languages = calloc(FINGERPRINTS_MAX, sizeof *languages);
    if (!languages)
        return rs_doc_nomem(err);
    const char *env = getenv(RS_TEXTCAT_DIR_ENV);
    int found = env && *env ? load_dir(env) : load_dir(DEBIAN_DIR) || load_dir(LOCAL_DIR);
    if (found)
        return RS_OK;
    free(languages);
    languages = NULL;
    rs_doc_fail(err,
                "the language fingerprints cannot be read: no fpdb.conf listing readable "
                "fingerprints in %s (install libexttextcat-data, or set %s to the directory "
                "that holds them)",
                env && *env ? env : DEBIAN_DIR " or " LOCAL_DIR, RS_TEXTCAT_DIR_ENV);
    return *err ? RS_ERR_IO : RS_ERR_NOMEM;
}

/* The fingerprints, loaded by the first call that finds them. */
static rs_status fingerprints(char **err)
{
    pthread_mutex_lock(&lock);
    rs_status st = languages ? RS_OK : load(err);
    pthread_mutex_unlock(&lock);
    return st;
}

static int has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return 1;
        i += (size_t)n;
    }
    return 0;
}

/* The first SAMPLE_MAX bytes of valid UTF-8 text, cut between characters
 * and NUL-terminated, as libexttextcat reads up to a NUL. */
static char *sample(const char *text, size_t len, size_t *n)
{
    *n = len < SAMPLE_MAX ? len : SAMPLE_MAX;
    while (*n < len && *n > 0 && ((unsigned char)text[*n] & 0xc0) == 0x80)
        (*n)--;
    char *s = malloc(*n + 1);
    if (s) {
        memcpy(s, text, *n);
        s[*n] = '\0';
    }
    return s;
}

static int working(const char *code)
{
    return !strcmp(code, "en") || !strcmp(code, "fr") || !strcmp(code, "es") ||
           !strcmp(code, "pt");
}

/* The nearest language to the text's fingerprint u (a working language
 * when nearly as near), and the confidence its lead gives. */
static void nearest(void *u, char code[4], double *confidence)
{
    int *score = malloc(n_languages * sizeof *score);
    if (!score)
        return;
    size_t best = 0, best_working = n_languages;
    int worst = 0;
    for (size_t i = 0; i < n_languages; i++) {
        score[i] = fp_Compare(languages[i].fp, u, INT_MAX);
        if (score[i] < score[best])
            best = i;
        if (score[i] > worst)
            worst = score[i];
        if (working(languages[i].code) &&
            (best_working == n_languages || score[i] < score[best_working]))
            best_working = i;
    }
    if (best_working < n_languages && score[best_working] <= score[best] * (1 + PREFER))
        best = best_working;
    int other = INT_MAX; /* the nearest other language */
    for (size_t i = 0; i < n_languages; i++)
        if (strcmp(languages[i].code, languages[best].code) && score[i] < other)
            other = score[i];
    if (languages[best].code[0] && score[best] < worst) { /* else no language is nearer */
        double gap = score[best] ? (double)(other - score[best]) / score[best] : 1;
        double c = (gap + PREFER) / (SURE_GAP + PREFER);
        *confidence = c < 0 ? 0 : c > 1 ? 1 : c;
        memcpy(code, languages[best].code, 4);
    }
    free(score);
}

rs_status rs_doc_language(const char *text, size_t len, char code[4], double *confidence,
                          char **err)
{
    code[0] = '\0';
    *confidence = 0;
    *err = NULL;
    if (!rs_utf8_valid(text, len))
        return rs_doc_fail(err, "the text is not valid UTF-8");
    rs_status st = fingerprints(err);
    if (st != RS_OK || !has_letter(text, len))
        return st;
    size_t n;
    char *s = sample(text, len, &n);
    void *u = s ? fp_Init(NULL) : NULL;
    if (!u) {
        free(s);
        return rs_doc_nomem(err);
    }
    if (fp_Create(u, s, (uint4)n, NGRAMS))
        nearest(u, code, confidence);
    fp_Done(u);
    free(s);
    return RS_OK;
}

/*
 * roster-gen: print a deterministic sample roster of experts as JSON Lines
 * (formats.md section 1), for demos, tests and benchmarks.
 *
 *   roster-gen --experts N [--seed S] [--truth FILE]
 *
 * Exit 0, 2 on bad arguments, 1 when out of memory or a write fails.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/gen/gen.h"

#define MAX_EXPERTS 100000000ULL
#define DEFAULT_SEED 1

static void usage(FILE *f)
{
    fputs("usage: roster-gen --experts N [--seed S] [--truth FILE]\n"
          "\n"
          "Print N synthetic experts on stdout, one JSON object per line, in the\n"
          "format `roster import` reads. The same N and S give the same bytes on\n"
          "every machine, and expert k does not depend on N: the first 1,000\n"
          "experts of a 100,000 run are the 1,000 of a 1,000 run.\n"
          "\n"
          "  --experts N   number of experts, 0 to 100000000 (ids EXP-00001...)\n"
          "  --seed S      an unsigned 64-bit integer (default 1)\n"
          "  --truth FILE  also write each expert's hidden ground truth to FILE, one\n"
          "                JSON line per expert: id, true field and competence codes\n"
          "                with their shares in percent, true language levels (the\n"
          "                record declares them with noise; for evaluation only)\n"
          "  --help        print this help\n",
          f);
}

/* A decimal integer in [0, max], digits only. */
static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    if (!s || !*s)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static int bad_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Say what is wrong, then how to call; returns the exit status 2. */
static int bad_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("roster-gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n\n", stderr);
    va_end(ap);
    usage(stderr);
    return 2;
}

/* The value of "--name V" or "--name=V" at argv[*i], advancing *i; NULL if
 * the option is not `name` (sets *matched 0) or has no value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *matched)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    *matched = strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
    if (!*matched)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

/* Print one JSON value as a line of f; -1 when it cannot be written. */
static int put_line(FILE *f, const json_t *o)
{
    char *line = json_dumps(o, RS_GEN_JSON_FLAGS);
    if (!line)
        return -1;
    int rc = fputs(line, f) == EOF || putc('\n', f) == EOF ? -1 : 0;
    free(line);
    return rc;
}

/* Draw experts 1..n to stdout and, when truth is not NULL, their truth
 * to it. Returns the exit status. */
static int generate(const rs_gen *g, unsigned long long n, FILE *truth, const char *truth_path)
{
    for (unsigned long long k = 1; k <= n && !ferror(stdout); k++) {
        json_t *expert, *hidden;
        if (rs_gen_expert_truth(g, (unsigned long)k, &expert, truth ? &hidden : NULL) < 0) {
            fprintf(stderr, "roster-gen: expert %llu: out of memory\n", k);
            return 1;
        }
        int rc = put_line(stdout, expert);
        json_decref(expert);
        if (truth) {
            rc |= put_line(truth, hidden);
            json_decref(hidden);
        }
        if (rc < 0 && !ferror(stdout) && (!truth || !ferror(truth))) {
            fprintf(stderr, "roster-gen: expert %llu: out of memory\n", k);
            return 1;
        }
        if (truth && ferror(truth))
            break;
    }
    if (truth && (fflush(truth) == EOF || ferror(truth))) {
        fprintf(stderr, "roster-gen: cannot write %s: %s\n", truth_path, strerror(errno));
        return 1;
    }
    if (fflush(stdout) == EOF || ferror(stdout)) {
        fprintf(stderr, "roster-gen: cannot write the roster: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long experts = 0, seed = DEFAULT_SEED;
    int have_experts = 0, have_seed = 0;
    const char *truth_path = NULL;
    for (int i = 1; i < argc; i++) {
        int matched;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        v = option_value(argc, argv, &i, "--experts", &matched);
        if (matched) {
            if (have_experts)
                return bad_usage("--experts given twice");
            if (!v)
                return bad_usage("--experts needs a value");
            if (parse_count(v, MAX_EXPERTS, &experts) < 0)
                return bad_usage("--experts wants a number from 0 to 100000000, not '%s'", v);
            have_experts = 1;
            continue;
        }
        v = option_value(argc, argv, &i, "--seed", &matched);
        if (matched) {
            if (have_seed)
                return bad_usage("--seed given twice");
            if (!v)
                return bad_usage("--seed needs a value");
            if (parse_count(v, UINT64_MAX, &seed) < 0)
                return bad_usage("--seed wants an unsigned 64-bit integer, not '%s'", v);
            have_seed = 1;
            continue;
        }
        v = option_value(argc, argv, &i, "--truth", &matched);
        if (matched) {
            if (truth_path)
                return bad_usage("--truth given twice");
            if (!v || !*v)
                return bad_usage("--truth needs a file name");
            truth_path = v;
            continue;
        }
        return bad_usage("unknown argument '%s'", argv[i]);
    }
    if (!have_experts)
        return bad_usage("--experts N is required");

    FILE *truth = NULL;
    if (truth_path && !(truth = fopen(truth_path, "w"))) {
        fprintf(stderr, "roster-gen: cannot create %s: %s\n", truth_path, strerror(errno));
        return 1;
    }
    rs_gen *g = rs_gen_new((uint64_t)seed);
    int status = 1;
    if (g)
        status = generate(g, experts, truth, truth_path);
    else
        fputs("roster-gen: out of memory\n", stderr);
    rs_gen_free(g);
    if (truth && fclose(truth) == EOF && status == 0) {
        fprintf(stderr, "roster-gen: cannot write %s: %s\n", truth_path, strerror(errno));
        status = 1;
    }
    return status;
}

/* roster import FILE... [--skip-bad] [--id ID]: JSON Lines, CSV, or CVs (Europass XML,
 * JSON Resume); --id names the expert of one CV file. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

typedef struct { struct timespec start; int shown; } progress_state;

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Shown only on a terminal and only once an import has run a second. */
static void show_progress(long records, long long bytes, long long size, void *arg)
{
    progress_state *p = arg;
    double t = elapsed(&p->start);
    if (t < 1.0) return;
    double rate = (double)records / t;
    if (size > 0 && bytes > 0) {
        double left = t * (double)(size - bytes) / (double)bytes;
        fprintf(stderr, "\r%ld record%s, %.0f/s, about %.0f s left   ", records,
                records == 1 ? "" : "s", rate, left);
    } else {
        fprintf(stderr, "\r%ld record%s, %.0f/s   ", records, records == 1 ? "" : "s", rate);
    }
    p->shown = 1;
}

/* " (1 new, 2 updated)", or " (2 updated)" when none is new; nothing when
 * all are new, the usual first import. */
static void print_new_updated(const rs_import_stats *st)
{
    long fresh = st->imported - st->updated;
    if (st->updated == 0) return;
    if (fresh == 0) printf(" (%ld updated)", st->updated);
    else printf(" (%ld new, %ld updated)", fresh, st->updated);
}

/* ": benedita-lobo (Benedita Lobo)" after the count when the one expert
 * imported is a CV's: its id comes from the file's name (or --id), which
 * the user did not type as an id, so it is said; a file of records names
 * its ids itself. */
static void print_one_cv(const rs_roster *r, const rs_import_stats *st)
{
    char *const *ids, *const *names;
    if (st->imported == 1 && st->cvs == 1 && rs_roster_imported(r, &ids, &names) == 1)
        printf(": %s (%s)", ids[0], names[0]);
}

/* Why nothing was imported, with this front end's advice (the library
 * states the facts; the problems printed above say where). A file-level
 * problem is told without counting records: the count would mislead. */
static void refused(const rs_import_stats *st, int skip_bad)
{
    const char *note = skip_bad ? " (--skip-bad skips bad records, not bad files)" : "";
    if (st->files_rejected == 1)
        fprintf(stderr, "roster import: nothing imported: the file above is rejected whole%s\n",
                note);
    else if (st->files_rejected)
        fprintf(stderr, "roster import: nothing imported: the %ld files above are rejected "
                        "whole%s\n", st->files_rejected, note);
    else
        fprintf(stderr, "roster import: %ld of %ld record%s rejected; nothing imported: fix the "
                        "problems above, or use --skip-bad\n", st->rejected, st->read,
                st->read == 1 ? "" : "s");
}

int cmd_import(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"skip-bad", 0, NULL}, {"id", 1, NULL}, {NULL, 0, NULL}};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int n = 0, status;
    if (!files) return EXIT_FAIL;
    if (cli_start("import", argc, argv, opts, files, &n, &status)) goto out;
    if (n == 0) {
        fprintf(stderr, "roster import: no file given (FILE.jsonl, FILE.csv, a CV FILE.xml or "
                        "FILE.json, or - for stdin)\n");
        status = EXIT_INPUT;
        goto out;
    }
    const char *id = cli_opt_value(opts, "id");
    if (id && n != 1) {
        fprintf(stderr, "roster import: --id names the expert of one CV: give exactly one file "
                        "with it (%d given)\n", n);
        status = EXIT_INPUT;
        goto out;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_WRITE, &status);
    if (!r) goto out;
    rs_import_stats st;
    progress_state p = {.shown = 0};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    int skip_bad = cli_flag(opts, "skip-bad");
    rs_status err = id ? rs_roster_import_as(r, files[0], id, skip_bad, &st)
                       : rs_roster_import(r, files, (size_t)n, skip_bad, &st,
                                          isatty(2) ? show_progress : NULL, &p);
    if (p.shown) fputc('\n', stderr);
    rs_roster_print_problems(r, stderr);
    if (err == RS_ERR_BEHIND) {
        printf("imported %ld expert%s", st.imported, st.imported == 1 ? "" : "s");
        print_new_updated(&st);
        printf(" into the store\n");
        fprintf(stderr,
                "roster import: the index could not be updated: %s\n"
                "roster import: the experts are stored; searches answer from the previous index "
                "until the next roster command brings it up to date\n",
                rs_roster_message(r));
    } else if (err == RS_ERR_INPUT && (st.files_rejected || st.rejected)) {
        refused(&st, skip_bad);
    } else if (err) {
        fprintf(stderr, "roster import: %s\n", rs_roster_message(r));
    } else {
        double t = elapsed(&p.start);
        printf("imported %ld expert%s", st.imported, st.imported == 1 ? "" : "s");
        print_one_cv(r, &st);
        print_new_updated(&st);
        printf(" in %.2f s", t);
        if (st.rejected)
            printf(", skipped %ld bad record%s", st.rejected, st.rejected == 1 ? "" : "s");
        if (st.warnings) printf(", %ld warning%s", st.warnings, st.warnings == 1 ? "" : "s");
        printf("\n");
    }
    /* With --skip-bad the good records are in, but bad input was still seen. */
    status = err ? cli_status(err) : st.rejected ? EXIT_INPUT : EXIT_OK;
    rs_roster_close(r);
out:
    free(files);
    return status;
}

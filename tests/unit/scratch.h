/*
 * What the unit tests share: removing a scratch directory with everything
 * in it, a roster made in one through the library's face, an answer's text
 * form. Header-only, as each test program is one file.
 */
#ifndef RS_TEST_SCRATCH_H
#define RS_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "lib/roster.h"

static inline int rs_test_remove_entry(const char *path, const struct stat *sb, int flag,
                                       struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* Remove dir and everything below it, links not followed: 0, or -1. */
static inline int rs_test_remove_tree(const char *dir)
{
    return nftw(dir, rs_test_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* What an answer's text form prints (malloc'd), or NULL when it cannot. */
static inline char *rs_test_answer_text(const rs_answer *a)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) return NULL;
    rs_status st = rs_answer_print(a, m);
    fclose(m);
    if (st == RS_OK) return buf;
    free(buf);
    return NULL;
}

/* A roster in a scratch directory of its own. */
typedef struct {
    char dir[64];   /* the scratch directory */
    char data[96];  /* the data directory in it */
    rs_roster *r;
} rs_test_roster;

/* A new empty roster under $TMPDIR (else /tmp) in a directory named
 * NAME-XXXXXX, opened for writing as "tester"; NULL on failure. */
static inline rs_test_roster *rs_test_roster_new(const char *name)
{
    rs_test_roster *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    const char *tmp = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(t->dir)) {
        free(t);
        return NULL;
    }
    snprintf(t->data, sizeof t->data, "%s/data", t->dir);
    if (rs_roster_open(t->data, RS_OPEN_WRITE, "tester", &t->r) != RS_OK) {
        fprintf(stderr, "%s: %s\n", t->data, rs_roster_message(t->r));
        rs_roster_close(t->r);
        rs_test_remove_tree(t->dir);
        free(t);
        return NULL;
    }
    return t;
}

/* Close the roster and remove its directory, whatever a test made of the
 * data directory's mode. */
static inline void rs_test_roster_free(rs_test_roster *t)
{
    if (!t) return;
    rs_roster_close(t->r);
    chmod(t->data, 0700);
    rs_test_remove_tree(t->dir);
    free(t);
}

#endif

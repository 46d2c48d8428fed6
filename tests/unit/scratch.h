/*
 * What the unit tests that work on files share: removing a scratch
 * directory with everything in it. Header-only, as each test program is
 * one file.
 */
#ifndef RS_TEST_SCRATCH_H
#define RS_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

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

#endif

/* Reading a ToR file and printing a ToR call's problems. See tor_text.h. */
#include "cli/tor_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_names_request(const char *arg)
{
    size_t n = strlen(arg);
    return strcmp(arg, "-") != 0 && !strchr(arg, '/') && access(arg, F_OK) != 0 &&
           !(n >= 5 && strcmp(arg + n - 5, ".json") == 0);
}

int cli_directory(const char *cmd, const char *path, FILE *f)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
    fprintf(stderr, "roster %s: %s: a directory, not a file: name one file in it\n", cmd, path);
    return 1;
}

int cli_tor_text(const char *cmd, const char *path, rs_text *out, char **buf)
{
    *buf = NULL;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "roster %s: %s: cannot open: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    if (cli_directory(cmd, path, f)) {
        if (f != stdin) fclose(f);
        return -1;
    }
    size_t n = 0, cap = 4096;
    char *text = malloc(cap);
    for (size_t got; text && (got = fread(text + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger) free(text);
            text = bigger;
        }
    }
    int failed = !text || ferror(f), why = errno;
    if (f != stdin) fclose(f);
    if (failed) {
        fprintf(stderr, "roster %s: %s: %s%s\n", cmd, path,
                text ? "cannot be read: " : "out of memory", text ? strerror(why) : "");
        free(text);
        return -1;
    }
    *out = (rs_text){.name = path, .line = 1, .data = text, .len = n};
    *buf = text;
    return 0;
}

/* Does the last call's problems hold an error (not only warnings)? */
static int has_errors(const rs_roster *r)
{
    size_t i;
    json_t *p;
    json_array_foreach(rs_roster_problems(r), i, p) {
        const char *severity = json_string_value(json_object_get(p, "severity"));
        if (severity && strcmp(severity, "error") == 0) return 1;
    }
    return 0;
}

int cli_tor_problems(const char *cmd, const rs_roster *r, rs_status err)
{
    rs_roster_print_problems(r, stderr);
    if (err == RS_OK || has_errors(r)) return cli_status(err);
    for (const char *p = rs_roster_message(r); *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(stderr, "roster %s: %.*s\n", cmd, (int)len, p);
        p += len + (p[len] == '\n');
    }
    return cli_status(err);
}

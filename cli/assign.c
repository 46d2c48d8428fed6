/* roster assign ACTION ID... [--days N] */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* The library refuses a member already on another request's mission over
 * the window with a line per such member, "ID is already assigned to
 * request OTHER on FROM..TO: to send them to ACTION, unassign them from
 * OTHER first"; the command that does so follows that advice here. Any
 * other failure is said as cli_fail says it. */
static int failed(const rs_roster *r, rs_status err)
{
    static const char on[] = " is already assigned to request ";
    fputs("roster assign: ", stderr);
    for (const char *line = rs_roster_message(r); *line;) {
        size_t len = strcspn(line, "\n");
        const char *mark = strstr(line, on);
        const char *other = mark ? mark + sizeof on - 1 : NULL;
        const char *days = other ? strstr(other, " on ") : NULL;
        const char *first = days ? strstr(days, " first") : NULL;
        if (first && first + 6 <= line + len) {
            first += 6;
            fprintf(stderr, "%.*s (roster unassign %.*s %.*s)%.*s", (int)(first - line), line,
                    (int)(days - other), other, (int)(mark - line), line,
                    (int)(line + len - first), first);
        } else {
            fprintf(stderr, "%.*s", (int)len, line);
        }
        line += len;
        if (*line == '\n') fputc(*line++, stderr);
    }
    fputc('\n', stderr);
    return cli_status(err);
}

int cmd_assign(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"days", 1, NULL}, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    long days;
    if (cli_start("assign", argc, argv, opts, args, &n, &status)) return status;
    if (n < 2) {
        fprintf(stderr, "roster assign: give the request's action and the team's ids\n");
        return EXIT_INPUT;
    }
    /* 0: the working days of the request's window. */
    if (cli_opt_long(opts, "days", 0, 1, RS_ASSIGN_DAYS_MAX, &days) != 0) return EXIT_INPUT;
    rs_roster *r = cli_roster(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_assign(r, args[0], args + 1, (size_t)(n - 1), (int)days, &a);
    if (err) {
        /* An unknown id or action: exit 2, naming them; nothing recorded. */
        status = failed(r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}

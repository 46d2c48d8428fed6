/* roster draft FILE [--json]: a request document (.txt, .md, .pdf, .docx,
 * .odt; - for text on stdin) read into a draft ToR for a person to review,
 * --json printing it indented, as a file to edit.
 * The roster is read for the codes only: without one the draft is made
 * all the same, its codes listed as missing. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/tor_text.h"

int cmd_draft(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("draft", argc, argv, opts, args, &n, &status)) return status;
    if (n != 1) {
        fprintf(stderr, "roster draft: give one request document (.txt, .md, .pdf, .docx, "
                        ".odt, or - for text on stdin)\n");
        return EXIT_INPUT;
    }
    rs_text doc;
    char *buf = NULL;
    if (cli_tor_text("draft", args[0], &doc, &buf) != 0) return EXIT_INPUT;
    rs_roster *r;
    rs_index_choice choice = cli_index_choice(opts, RS_OPEN_READ);
    rs_status st = rs_roster_open_index(cli_db_dir(opts), RS_OPEN_READ, NULL, &choice, &r);
    if (st == RS_OK || st == RS_ERR_NOT_FOUND) {
        rs_answer *a = NULL;
        st = rs_roster_draft(r, args[0], doc.data, doc.len, &a);
        if (st)
            status = cli_fail("draft", r, st);
        else if (cli_flag(opts, "json")) /* a ToR to edit by hand: indented */
            status = cli_print_json_indented(json_incref((json_t *)rs_answer_json(a)));
        else
            status = cli_print_answer(a, 0);
        rs_answer_free(a);
    } else {
        status = cli_fail("draft", r, st);
    }
    rs_roster_close(r);
    free(buf);
    return status;
}

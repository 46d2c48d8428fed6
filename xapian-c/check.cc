/*
 * Checking a database's every table, as xapian-check does: each B-tree
 * block, and the consistency of the tables with one another, so damage to a
 * table that opening the database or a lookup never reads (the term lists,
 * the positions) is found before a write or a phrase search trips on it.
 */
#include <sstream>

#include "xapian-c/private.h"

#if defined(__SANITIZE_ADDRESS__)
/* libxapian 1.4.22's check deletes a 440-byte object through a pointer to
 * its 432-byte base class (inside Database::check_, not in this tree), which
 * AddressSanitizer reports as new-delete-type-mismatch and aborts on. Only
 * that report is turned off in sanitizer builds: every other ASan check
 * stays on. */
extern "C" const char *__asan_default_options(void);
extern "C" const char *__asan_default_options(void)
{
    return "new_delete_type_mismatch=0";
}
#endif

/* The lines of Xapian's report that name a problem: the report also lists
 * each table checked, which says nothing when all is well. */
static std::string problem_lines(const std::string &report)
{
    std::istringstream in(report);
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.empty() || line.find("No errors found") != std::string::npos ||
            line.find(':') == line.size() - 1)
            continue;
        if (!out.empty())
            out += "; ";
        out += line;
    }
    return out;
}

xc_status xc_db_check(const char *path, char **err)
{
    if (err)
        *err = NULL;
    std::string msg;
    if (!path) {
        xc_status st = xc_fail(&msg, XC_ERR_INVALID_ARGUMENT, "xc_db_check: path is NULL");
        xc_give_error(err, msg);
        return st;
    }
    try {
        std::ostringstream report;
        size_t errors = Xapian::Database::check(path, 0, &report);
        if (errors == 0)
            return XC_OK;
        std::string lines = problem_lines(report.str());
        msg = std::to_string(errors) + (errors == 1 ? " error" : " errors") +
              (lines.empty() ? "" : ": " + lines);
        xc_give_error(err, msg);
        return XC_ERR_CORRUPT;
    } catch (...) {
        xc_status st = xc_caught(&msg);
        xc_give_error(err, msg);
        return st;
    }
}

/*
 * The official-languages table, parsed once and checked: known country
 * codes, each once, and non-empty lists of known language codes. A bad
 * table is a build bug and aborts (core/tsv.h).
 */
#include "core/officiallang.h"

#include <pthread.h>
#include <string.h>

#include "core/codes.h"
#include "core/data.h"
#include "core/tsv.h"

enum { COL_ISO2, COL_LANGUAGES };

static rs_tsv table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void check_list(size_t row, const char *list)
{
    if (!rs_language_list_valid(list))
        rs_tsv_fail(&table, row, "bad language list '%s'", list);
}

static void table_load(void)
{
    rs_tsv_load(&table, "official_languages", rs_data_official_languages, "iso2\tlanguages");
    for (size_t r = 0; r < table.n_rows; r++) {
        const char *iso2 = rs_tsv_cell(&table, r, COL_ISO2);
        if (!rs_country_valid(iso2))
            rs_tsv_fail(&table, r, "unknown country code '%s'", iso2);
        for (size_t k = 0; k < r; k++)
            if (strcmp(rs_tsv_cell(&table, k, COL_ISO2), iso2) == 0)
                rs_tsv_fail(&table, r, "country '%s' appears twice", iso2);
        check_list(r, rs_tsv_cell(&table, r, COL_LANGUAGES));
    }
}

const char *rs_official_languages(const char *iso2)
{
    if (!iso2)
        return NULL;
    pthread_once(&table_once, table_load);
    for (size_t r = 0; r < table.n_rows; r++)
        if (strcmp(rs_tsv_cell(&table, r, COL_ISO2), iso2) == 0)
            return rs_tsv_cell(&table, r, COL_LANGUAGES);
    return NULL;
}

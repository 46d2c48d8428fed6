/*
 * The mission window of a request document (intake/window.h): first every
 * date the text writes, then the ranges they make, then the range a
 * person would take for the mission's.
 */
#include "intake/window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

/* A date as written: y 0 when the text gives no year, d 0 for a month
 * alone; words [first, last] of the text. */
typedef struct {
    int y, m, d;
    size_t first, last;
} written;

typedef struct {
    written *w;
    size_t n, cap;
} dates;

static const struct {
    const char *word;
    int month;
} month_words[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
    {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    {"janvier", 1}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5}, {"juin", 6},
    {"juillet", 7}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"decembre", 12}, {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9},
    {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12}, {"janeiro", 1}, {"fevereiro", 2},
    {"marco", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10},
    {"novembro", 11}, {"dezembro", 12},
};

/* Words that may stand between the parts of one date. */
static const char *const date_glue[] = {"de", "del", "of", "the", "le", NULL};
/* Words that join the two ends of a range ("du 8 au 26", "from 8 to 26"). */
static const char *const range_words[] = {"au", "to", "al", "a", "ate", "until", "till",
                                          "through", "jusqu", "hasta", "and", "et", "y",
                                          "e", NULL};
/* Words that may stand before a range's second end besides those:
 * articles and the days of the week ("au vendredi 19 mars"). */
static const char *const range_glue[] = {
    "le", "el", "o", "the", "de", "du", "l", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    "segunda", "terca", "quarta", "quinta", "sexta", "feira", NULL};
/* Words that announce the mission's dates. */
static const char *const window_words[] = {
    "mission", "missions", "mision", "missao", "periode", "period", "periodo", "dates",
    "date", "fechas", "datas", "calendrier", "calendar", "calendario", "cronograma",
    "timeframe", "timing", "duree", "duration", "duracion", "duracao", "deroulera",
    "place", "lieu", "tendra", "decorrera", "travel", "voyage", "viaje", "viagem", NULL};

/* Words that make the date after them a deadline, not the mission's
 * time ("before April 2027", "au plus tard en avril 2027", "plazo: abril
 * de 2027"). */
static const char *const deadline_words[] = {
    "before", "by", "until", "till", "deadline", "latest", "later", "avant", "tard",
    "limite", "echeance", "jusqu", "antes", "plazo", "hasta", "prazo", "ate", NULL};

static int month_of(const rs_words *ws, size_t i)
{
    if (i >= ws->n)
        return 0;
    for (size_t k = 0; k < sizeof month_words / sizeof *month_words; k++)
        if (strcmp(ws->w[i].folded, month_words[k].word) == 0)
            return month_words[k].month;
    return 0;
}

static long number_at(const rs_words *ws, size_t i)
{
    return i < ws->n ? ws->w[i].number : -1;
}

static int is_day(long n)
{
    return n >= 1 && n <= 31;
}

static int is_year(const rs_words *ws, size_t i)
{
    long n = number_at(ws, i);
    return n >= 1990 && n <= 2100 && ws->w[i].end - ws->w[i].begin == 4;
}

/* Skip the glue words from i. */
static size_t skip(const rs_words *ws, size_t i, const char *const *glue)
{
    while (i < ws->n && rs_word_in(ws, i, glue))
        i++;
    return i;
}

static int add(dates *ds, written w)
{
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? 2 * ds->cap : 16;
        written *p = realloc(ds->w, cap * sizeof *p);
        if (!p)
            return -1;
        ds->w = p, ds->cap = cap;
    }
    ds->w[ds->n++] = w;
    return 0;
}

/* "2027-02-08" or "08/02/2027" starting at word i; 0 if not. */
static int numeric_at(const rs_words *ws, size_t i, written *out)
{
    if (i + 2 >= ws->n)
        return 0;
    long a = number_at(ws, i), b = number_at(ws, i + 1), c = number_at(ws, i + 2);
    if (a < 0 || b < 0 || c < 0)
        return 0;
    if (is_year(ws, i) && rs_gap_has(ws, i + 1, "-") && rs_gap_has(ws, i + 2, "-")) {
        *out = (written){(int)a, (int)b, (int)c, i, i + 2};
        return 1;
    }
    if (is_year(ws, i + 2) && rs_gap_has(ws, i + 1, "/.") && rs_gap_has(ws, i + 2, "/.")) {
        *out = (written){(int)c, (int)b, (int)a, i, i + 2};
        return 1;
    }
    return 0;
}

/* The year after word i (past glue and a comma), or 0; *last moves to it. */
static int year_after(const rs_words *ws, size_t i, size_t *last)
{
    size_t j = skip(ws, i + 1, date_glue);
    if (j < ws->n && is_year(ws, j)) {
        *last = j;
        return (int)ws->w[j].number;
    }
    return 0;
}

/* "8 février 2027", "8 de febrero", "March 8, 2027", "mars 2027" at word i. */
static int words_at(const rs_words *ws, size_t i, written *out)
{
    long n = number_at(ws, i);
    size_t j = skip(ws, i + 1, date_glue);
    int m;
    if (is_day(n) && (m = month_of(ws, j))) {
        *out = (written){0, m, (int)n, i, j};
        out->y = year_after(ws, j, &out->last);
        return 1;
    }
    if ((m = month_of(ws, i))) {
        long d = number_at(ws, i + 1);
        if (is_day(d) && !is_year(ws, i + 1)) {
            *out = (written){0, m, (int)d, i, i + 1};
            out->y = year_after(ws, i + 1, &out->last);
            return 1;
        }
        size_t last = i;
        int y = year_after(ws, i, &last);
        if (y) { /* a month alone counts only with its year: "may" is a verb */
            *out = (written){y, m, 0, i, last};
            return 1;
        }
    }
    return 0;
}

/* "March 3-14, 2027", "March 3 to 14, 2027": two dates of one month. */
static int month_range_at(const rs_words *ws, size_t i, written *a, written *b)
{
    int m = month_of(ws, i);
    size_t j = i + 2;
    if (!m || !is_day(number_at(ws, i + 1)) || is_year(ws, i + 1))
        return 0;
    if (rs_word_in(ws, j, range_words))
        j++;
    else if (!rs_gap_has(ws, j, "-\xe2"))
        return 0;
    if (!is_day(number_at(ws, j)) || is_year(ws, j))
        return 0;
    size_t last = j;
    int y = year_after(ws, j, &last);
    if (!y)
        return 0;
    *a = (written){y, m, (int)ws->w[i + 1].number, i, i + 1};
    *b = (written){y, m, (int)ws->w[j].number, j, last};
    return 1;
}

static int collect(const rs_words *ws, dates *ds)
{
    for (size_t i = 0; i < ws->n;) {
        written w, second;
        if (month_range_at(ws, i, &w, &second)) {
            if (add(ds, w) < 0 || add(ds, second) < 0)
                return -1;
            i = second.last + 1;
        } else if (numeric_at(ws, i, &w) || words_at(ws, i, &w)) {
            if (add(ds, w) < 0)
                return -1;
            i = w.last + 1;
        } else {
            i++;
        }
    }
    return 0;
}

/* ---- ranges ---- */

typedef struct {
    int32_t from, to;
    size_t first, last;
    double confidence;
} range;

static int day_number(int y, int m, int d, int end_of_month, int32_t *out)
{
    char buf[16];
    if (d)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return rs_date_parse(buf, end_of_month, out);
}

/* Do words (after, before) join two ends of a range: only range words and
 * glue, a range word or a dash among them? */
static int joins(const rs_words *ws, size_t after, size_t before)
{
    static const char dash[] = "-\xe2"; /* '-', or the lead byte of '–' and '—' */
    if (before <= after || before - after > 4)
        return 0;
    int said = rs_gap_has(ws, after + 1, dash) || rs_gap_has(ws, before, dash);
    for (size_t k = after + 1; k < before; k++) {
        if (rs_word_in(ws, k, range_words))
            said = 1;
        else if (!rs_word_in(ws, k, range_glue))
            return 0;
    }
    return said;
}

/* The range of two written dates, the first taking the second's month and
 * year when it leaves them out; 0 when they make none. */
static int make_range(written a, written b, range *out)
{
    if (!b.y)
        return 0;
    if (!a.m)
        a.m = b.m;
    if (!a.y)
        a.y = a.m > b.m ? b.y - 1 : b.y;
    if (day_number(a.y, a.m, a.d, 0, &out->from) < 0 ||
        day_number(b.y, b.m, b.d, 1, &out->to) < 0 || out->from > out->to ||
        out->to - out->from > 366)
        return 0;
    out->first = a.first, out->last = b.last;
    out->confidence = a.d && b.d ? 0.8 : 0.4;
    return 1;
}

/* A day alone before a written date: "du 8 au 26 février 2027". */
static int day_before(const rs_words *ws, const written *b, written *a)
{
    for (size_t back = 1; back <= 3 && back <= b->first; back++) {
        size_t i = b->first - back;
        if (is_day(number_at(ws, i)) && joins(ws, i, b->first)) {
            *a = (written){0, 0, (int)ws->w[i].number, i, i};
            return 1;
        }
    }
    return 0;
}

/* Does a word announcing the mission's dates come shortly before word i? */
static int announced(const rs_words *ws, size_t i)
{
    for (size_t back = 0; back <= 25 && back <= i; back++)
        if (rs_word_in(ws, i - back, window_words))
            return 1;
    return 0;
}

/* Is a deadline word among the three words before word i? */
static int deadline(const rs_words *ws, size_t i)
{
    for (size_t back = 1; back <= 3 && back <= i; back++)
        if (rs_word_in(ws, i - back, deadline_words))
            return 1;
    return 0;
}

/* A month alone with its year ("April 2027"): that month, when it is not
 * a deadline; sure of little, as the text does not say when in it, and
 * less when no word announces it as the mission's. 0 when not read. */
static int month_alone(const rs_words *ws, written w, range *out)
{
    if (w.d || !w.y || deadline(ws, w.first) || !make_range(w, w, out))
        return 0;
    out->confidence = announced(ws, w.first) ? 0.3 : 0.2;
    return 1;
}

static void consider(const rs_words *ws, range r, range *best, int *best_announced)
{
    int a = announced(ws, r.first);
    if (best->confidence == 0 || (a && !*best_announced) ||
        (a == *best_announced && r.confidence > best->confidence)) {
        *best = r;
        *best_announced = a;
    }
}

static void choose(const rs_words *ws, const dates *ds, range *best)
{
    int best_announced = 0;
    for (size_t k = 0; k < ds->n; k++) {
        range r;
        written a, b = ds->w[k];
        if (k + 1 < ds->n && joins(ws, b.last, ds->w[k + 1].first) &&
            make_range(b, ds->w[k + 1], &r)) {
            consider(ws, r, best, &best_announced);
            k++;
        } else if (b.d && day_before(ws, &b, &a) && make_range(a, b, &r)) {
            consider(ws, r, best, &best_announced);
        } else if (month_alone(ws, b, &r)) {
            consider(ws, r, best, &best_announced);
        }
    }
}

int rs_window_find(const rs_words *ws, rs_said *said, int32_t *from, int32_t *to)
{
    dates ds = {0};
    if (collect(ws, &ds) < 0) {
        free(ds.w);
        return -1;
    }
    range best = {0};
    choose(ws, &ds, &best);
    free(ds.w);
    if (best.confidence > 0) {
        *said = (rs_said){1, ws->w[best.first].begin, ws->w[best.last].end, best.confidence};
        *from = best.from;
        *to = best.to;
    }
    return 0;
}

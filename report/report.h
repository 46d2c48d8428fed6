/*
 * The diversity report: who is on the roster, and who gets the mission days.
 *
 * Every expert of the roster counts in four tables: nationality (the first
 * one listed, so a dual national counts once), gender, sector and language
 * (each language spoken at B2 or above: an expert counts under several, so
 * language shares do not add up to 1). Missions starting in the period
 * [since, until] add their days to the rows of their expert; an expert with at
 * least one such mission is "mobilised". The days by nationality give the
 * portfolio's concentration (top-2 share, Herfindahl-Hirschman index) and
 * the over-represented nationalities, as matcher/portfolio.h defines them
 * (the definition the matcher's score and team check use).
 */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "core/store.h"
#include "matcher/portfolio.h"

#define RS_REPORT_ALL_TIME INT32_MIN  /* `since` for every mission on record */
#define RS_REPORT_LANGUAGE_LEVEL "B2" /* the level from which a language counts */
#define RS_REPORT_OPEN_END INT32_MAX /* `until` without an end */
/* Bars of the chart before the rest is summed as "other". */
#define RS_REPORT_SVG_BARS 15

typedef struct {
    char key[24];          /* "ES", "F", "public", "fr"; "unknown" when not given */
    const char *label;     /* for people: "Spain", "women", "public administration";
                            * static text, or this row's key */
    long experts;          /* experts of the roster in this group */
    long mobilised;        /* of them, experts with a mission in the period */
    long missions;         /* their missions in the period */
    long days;             /* their mission days in the period */
    double experts_share;  /* experts / roster */
    double mobilised_share;/* mobilised / all mobilised experts */
    double days_share;     /* days / all days */
    double ratio;          /* days_share / experts_share (0 without days) */
} rs_report_row;

/* Rows by days, then experts, descending; ties by key. */
typedef struct {
    rs_report_row *rows;
    size_t n;
} rs_report_table;

typedef struct {
    int32_t since;         /* RS_REPORT_ALL_TIME, or the first day counted */
    int32_t until;         /* RS_REPORT_OPEN_END, or the last day counted */
    long experts;          /* on the roster */
    long mobilised;        /* with at least one mission in the period */
    long missions, days;   /* in the period */
    rs_report_table nationality, gender, sector, language;
    /* Concentration of days by nationality: the nationality table's first
     * two rows hold the top two. */
    double top2_share;
    double hhi;            /* sum of squared shares, 0..1 */
    long over_min_days;    /* the least days an over-represented nationality has */
    size_t *over;          /* indexes into nationality, highest ratio first */
    size_t n_over;
} rs_report;

/* Build the report from the store: the roster as it is, missions starting
 * in [since, until]. Returns RS_OK, or an error with a message in err
 * (RS_ERR_CORRUPT when a mission belongs to no expert). *out is freed by
 * rs_report_free, also after a failure. */
rs_status rs_report_compute_period(rs_store *s, int32_t since, int32_t until, rs_report *out,
                                char *err, size_t errsz);
/* The same for missions starting in [since, end of time]. */
rs_status rs_report_compute(rs_store *s, int32_t since, rs_report *out, char *err, size_t errsz);
void rs_report_free(rs_report *r);

/* The report as a JSON object (new reference), NULL when out of memory. */
json_t *rs_report_json(const rs_report *r);
/* The report for people: aligned tables, percentages with one decimal.
 * Returns 0, or -1 on a write error. */
int rs_report_print(const rs_report *r, FILE *f);
/* The period in words: "since 2024-01-01", "from 2025-11-01 to
 * 2026-10-31 and assigned after" (a bounded period has the missions the
 * facility assigned after it: rs_store_mission_days), "until 2020-12-31
 * and assigned after" or "all on record". Returns buf. */
#define RS_REPORT_PERIOD_SIZE 64
const char *rs_report_period(const rs_report *r, char buf[RS_REPORT_PERIOD_SIZE]);
/* A standalone SVG bar chart of days by nationality (the top
 * RS_REPORT_SVG_BARS, then "other"), each bar marked with the
 * nationality's share of the roster. `title` is escaped. Returns 0, or -1
 * on a write error. */
int rs_report_svg(const rs_report *r, const char *title, FILE *f);

#endif

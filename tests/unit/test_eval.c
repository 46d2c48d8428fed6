/*
 * The evaluation (eval/): the metrics on small hand-computed rankings, the
 * oracle (a ranking read from the truth scores nDCG@10 = 1), the judge, the
 * hard-rule checker and its best-team search against brute force, the
 * generated ToRs and the baselines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/record.h"
#include "corpus/gen/gen.h"
#include "eval/baseline.h"
#include "eval/judge.h"
#include "eval/metrics.h"
#include "eval/rules.h"
#include "eval/torgen.h"

#define EPS 1e-9
#define U RS_METRIC_UNDEFINED

/* ---- metrics ---- */

static void test_ndcg(void **state)
{
    (void)state;
    int ranked[] = {3, 2, 0}, judged[] = {0, 1, 2, 3};
    double dcg = 7 + 3 / log2(3);
    double ideal = 7 + 3 / log2(3) + 1 / log2(4);
    assert_true(fabs(rs_dcg_at(ranked, 3, 3) - dcg) < EPS);
    assert_true(fabs(rs_ndcg_at(ranked, 3, judged, 4, 3) - dcg / ideal) < EPS);
    /* k cuts both the ranking and the ideal. */
    assert_true(fabs(rs_ndcg_at(ranked, 3, judged, 4, 1) - 1.0) < EPS);
    int swapped[] = {2, 3};
    assert_true(fabs(rs_ndcg_at(swapped, 2, judged, 4, 2) - (3 + 7 / log2(3)) / (7 + 3 / log2(3))) <
                EPS);
    /* An empty ranking scores 0; nothing to find is undefined. */
    assert_true(rs_ndcg_at(NULL, 0, judged, 4, 10) == 0);
    int zeros[] = {0, 0};
    assert_true(rs_ndcg_at(zeros, 2, zeros, 2, 10) == U);
    assert_true(rs_ndcg_at(ranked, 3, judged, 4, 0) == U);
}

static void test_precision_recall(void **state)
{
    (void)state;
    int judged[] = {3, 2, 2, 1, 0, 3};
    int ranked[] = {3, 1, 2};
    /* Missing ranks are misses: 2 relevant of 5 ranks. */
    assert_true(fabs(rs_precision_at(ranked, 3, judged, 6, 5, 2) - 0.4) < EPS);
    assert_true(fabs(rs_precision_at(ranked, 3, judged, 6, 2, 2) - 0.5) < EPS);
    assert_true(fabs(rs_precision_at(ranked, 3, judged, 6, 2, 1) - 1.0) < EPS);
    /* Recall over min(k, relevant): 4 relevant, k 2, one found. */
    int found[] = {2, 0};
    assert_true(fabs(rs_recall_at(found, 2, judged, 6, 2, 2) - 0.5) < EPS);
    assert_true(fabs(rs_recall_at(ranked, 3, judged, 6, 50, 2) - 0.5) < EPS);
    int one[] = {0, 0, 2}, judged_one[] = {2, 0, 0, 1};
    assert_true(fabs(rs_recall_at(one, 3, judged_one, 4, 50, 2) - 1.0) < EPS);
    assert_true(rs_recall_at(one, 3, judged_one, 4, 2, 2) == 0);
    int none[] = {1, 0};
    assert_true(rs_precision_at(ranked, 3, none, 2, 10, 2) == U);
    assert_true(rs_recall_at(ranked, 3, none, 2, 10, 2) == U);
    assert_true(rs_precision_at(ranked, 3, judged, 6, 0, 2) == U);
}

static void test_mean(void **state)
{
    (void)state;
    rs_mean m = {0};
    assert_true(rs_mean_value(&m) == U);
    rs_mean_add(&m, 0.5);
    rs_mean_add(&m, U);
    rs_mean_add(&m, 1.0);
    assert_true(fabs(rs_mean_value(&m) - 0.75) < EPS);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.undefined, 1);
}

static void test_inferred_hits(void **state)
{
    (void)state;
    const char *truth[] = {"E.10.01", "N.15"};
    const char *letter_only[] = {"A.35", "E", "U.05"};
    /* E shares the letter of E.10.01 and is its ancestor. */
    assert_true(rs_letter_hit(letter_only, 3, truth, 2, 3) == 1);
    assert_true(rs_related_hit(letter_only, 3, truth, 2, 3) == 1);
    /* ...but only when the first k reach it. */
    assert_true(rs_letter_hit(letter_only, 3, truth, 2, 1) == 0);
    assert_true(rs_related_hit(letter_only, 3, truth, 2, 1) == 0);
    /* A sibling shares the letter and is not related; a longer code whose
     * text starts alike is no descendant. */
    const char *sibling[] = {"E.10.04"}, *lookalike[] = {"N.1"}, *below[] = {"N.15.01"};
    assert_true(rs_letter_hit(sibling, 1, truth, 2, 3) == 1);
    assert_true(rs_related_hit(sibling, 1, truth, 2, 3) == 0);
    assert_true(rs_related_hit(lookalike, 1, truth, 2, 3) == 0);
    assert_true(rs_related_hit(below, 1, truth, 2, 3) == 1);
    /* Nothing inferred misses; no truth is no basis. */
    assert_true(rs_letter_hit(NULL, 0, truth, 2, 3) == 0);
    assert_true(rs_letter_hit(letter_only, 3, NULL, 0, 3) == U);
    assert_true(rs_related_hit(letter_only, 3, NULL, 0, 3) == U);
}

/* ---- fixtures ---- */

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(rs_date_parse(s, 0, &d), 0);
    return d;
}

static rs_expert expert(const char *json)
{
    rs_expert e;
    rs_diag d;
    rs_diag_init(&d);
    if (rs_expert_from_json_text(json, strlen(json), "test", 1, &e, &d) != 0) {
        rs_diag_print(&d, stderr);
        fail_msg("bad test expert %s", json);
    }
    rs_diag_free(&d);
    return e;
}

static rs_tor tor(const char *json)
{
    rs_tor t;
    rs_diag d;
    rs_diag_init(&d);
    if (rs_tor_from_json_text(json, strlen(json), "test", 1, &t, &d) != 0) {
        rs_diag_print(&d, stderr);
        fail_msg("bad test ToR %s", json);
    }
    rs_diag_free(&d);
    return t;
}

static rs_truth truth(const char *json)
{
    rs_truth t;
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(rs_truth_from_json_text(json, strlen(json), "t", 1, &t, &d), 0);
    rs_diag_free(&d);
    return t;
}

static void truth_rejected(const char *json, const char *field)
{
    rs_truth t;
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(rs_truth_from_json_text(json, strlen(json), "t.jsonl", 7, &t, &d), -1);
    assert_true(d.n_errors >= 1);
    assert_int_equal(d.items[0].line, 7);
    assert_string_equal(d.items[0].field, field);
    assert_string_equal(t.id, "");
    rs_diag_free(&d);
}

/* ---- the judge ---- */

static void test_truth_reading(void **state)
{
    (void)state;
    rs_truth t = truth("{\"id\":\"EXP-1\",\"fields\":{\"E.10.01\":60,\"A\":40},"
                       "\"competences\":{\"2.1\":100},\"languages\":{\"fr\":\"native\",\"en\":\"B1\"}}");
    assert_string_equal(t.id, "EXP-1");
    assert_int_equal(t.n_fields, 2);
    assert_string_equal(t.fields[0].code, "E.10.01");
    assert_int_equal(t.fields[0].share, 60);
    assert_int_equal(t.n_competences, 1);
    assert_int_equal(t.n_languages, 2);
    assert_int_equal(t.languages[1].level, RS_CEFR_B1);
    truth_rejected("[1]", "");
    truth_rejected("{oops", "");
    truth_rejected("{\"fields\":{},\"competences\":{},\"languages\":{}}", "id");
    truth_rejected("{\"id\":\"X\",\"fields\":{\"E.1\":50},\"competences\":{},\"languages\":{}}",
                   "fields");
    truth_rejected("{\"id\":\"X\",\"fields\":{\"E\":0},\"competences\":{},\"languages\":{}}",
                   "fields");
    truth_rejected("{\"id\":\"X\",\"fields\":[],\"competences\":{},\"languages\":{}}", "fields");
    truth_rejected("{\"id\":\"X\",\"fields\":{},\"competences\":{\"22\":5},\"languages\":{}}",
                   "competences");
    truth_rejected("{\"id\":\"X\",\"fields\":{},\"competences\":{},\"languages\":{\"fr\":\"D1\"}}",
                   "languages");
    truth_rejected("{\"id\":\"X\",\"fields\":{},\"competences\":{}}", "languages");
    truth_rejected("{\"id\":\"X\",\"fields\":{\"A\":1,\"B\":1,\"C\":1,\"D\":1,\"E\":1,\"F\":1,"
                   "\"G\":1,\"H\":1,\"L\":1},\"competences\":{},\"languages\":{}}",
                   "fields");
}

static void test_similarity(void **state)
{
    (void)state;
    assert_true(rs_judge_field_similarity("E.10", "E.10") == 1.0);
    assert_true(rs_judge_field_similarity("E.10", "E.10.01") == 0.7);
    assert_true(rs_judge_field_similarity("E.10.01", "E.10") == 0.7);
    assert_true(rs_judge_field_similarity("E", "E.10.01") == 0.5);
    assert_true(rs_judge_field_similarity("E.10", "E.20") == 0.2);
    assert_true(rs_judge_field_similarity("E.10", "E.100") == 0.2); /* not a descendant */
    assert_true(rs_judge_field_similarity("E.10", "A.10") == 0.0);
    assert_true(rs_judge_competence_similarity("2", "2.1") == 0.7);
    assert_true(rs_judge_competence_similarity("2.1", "2.2") == 0.0);
    assert_true(rs_judge_competence_similarity("2.1", "2.1") == 1.0);
}

#define TOR_BASE "\"action\":\"T-1\",\"title\":\"t\",\"country\":\"SN\",\"team_size\":2," \
                 "\"from\":\"2027-03-01\",\"to\":\"2027-03-12\""

static void test_grades(void **state)
{
    (void)state;
    rs_tor t = tor("{" TOR_BASE ",\"fields\":[\"E.10.01\",\"A.20\"],\"competences\":[\"2\"],"
                   "\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}],"
                   "\"rules\":{\"exclude_nationalities\":[\"SN\"]}}");
    rs_topic topic;
    rs_topic_of_tor(&t, &topic);
    assert_int_equal(topic.n_fields, 2);
    rs_expert e = expert("{\"id\":\"X\",\"name\":\"X\",\"nationalities\":[\"FR\"]}");
    rs_expert sn = expert("{\"id\":\"S\",\"name\":\"S\",\"nationalities\":[\"SN\"]}");
    rs_expert away = expert("{\"id\":\"W\",\"name\":\"W\",\"nationalities\":[\"FR\"],"
                            "\"unavailable\":[{\"from\":\"2027-03-10\",\"to\":\"2027-04-01\"}]}");
    /* Both fields fully, the competence by a child: 0.75 * 1 + 0.25 * 0.7. */
    rs_truth best = truth("{\"id\":\"X\",\"fields\":{\"E.10.01\":50,\"A.20\":50},"
                          "\"competences\":{\"2.1\":100},\"languages\":{\"fr\":\"B2\"}}");
    assert_true(fabs(rs_judge_expertise(&topic, &best) - (0.75 + 0.25 * 0.7)) < EPS);
    assert_int_equal(rs_judge_grade(&t, &topic, &best, &e, 0), 3);
    /* A minor code counts by its share: 10% of the work is 0.4 of a code. */
    rs_truth minor = truth("{\"id\":\"X\",\"fields\":{\"E.10.01\":90,\"A.20\":10},"
                           "\"competences\":{},\"languages\":{\"fr\":\"native\"}}");
    assert_true(fabs(rs_judge_expertise(&topic, &minor) - 0.75 * (1 + 0.4) / 2) < EPS);
    assert_int_equal(rs_judge_grade(&t, &topic, &minor, &e, 0), 2);
    /* Without French at B2 a grade is at most 1; the declared level is not asked. */
    rs_truth mute = truth("{\"id\":\"X\",\"fields\":{\"E.10.01\":50,\"A.20\":50},"
                          "\"competences\":{\"2\":100},\"languages\":{\"fr\":\"B1\"}}");
    assert_int_equal(rs_judge_speaks(&t, &mute), 0);
    assert_int_equal(rs_judge_grade(&t, &topic, &mute, &e, 0), 1);
    /* Ruled out: 0 whatever the expertise. */
    assert_int_equal(rs_judge_grade(&t, &topic, &best, &sn, 0), 0);
    assert_int_equal(rs_judge_grade(&t, &topic, &best, &away, 0), 0);
    /* Far away: the same letter is little. */
    rs_truth far = truth("{\"id\":\"X\",\"fields\":{\"E.05\":100},\"competences\":{},"
                         "\"languages\":{\"fr\":\"C2\"}}");
    assert_int_equal(rs_judge_grade(&t, &topic, &far, &e, 0), 0);
    rs_topic none = {0};
    assert_true(rs_judge_expertise(&none, &best) == 0);
    rs_tor_free(&t);
    rs_expert_free(&e);
    rs_expert_free(&sn);
    rs_expert_free(&away);
}

/* ---- the hard rules ---- */

static void test_ruled_out(void **state)
{
    (void)state;
    rs_tor t = tor("{" TOR_BASE ",\"rules\":{\"exclude\":[\"A\"],\"max_load_days\":10}}");
    rs_expert a = expert("{\"id\":\"A\",\"name\":\"A\",\"nationalities\":[\"FR\"]}");
    /* Started in February 2027 and in March 2026: the 12 months before
     * March 2027 are March 2026 to February 2027. */
    rs_expert busy = expert("{\"id\":\"B\",\"name\":\"B\",\"nationalities\":[\"FR\"],\"missions\":["
                            "{\"country\":\"SN\",\"from\":\"2027-02-20\",\"to\":\"2027-03-05\",\"days\":8},"
                            "{\"country\":\"SN\",\"from\":\"2026-03-02\",\"to\":\"2026-03-06\",\"days\":5},"
                            "{\"country\":\"SN\",\"from\":\"2026-02-20\",\"to\":\"2026-02-28\",\"days\":7}]}");
    assert_int_equal(rs_eval_load_days(&busy, day("2027-03-01")), 13);
    assert_string_equal(rs_eval_ruled_out(&t, &a, 0), "exclude");
    assert_string_equal(rs_eval_ruled_out(&t, &busy, 0), "max_load_days");
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"rules\":{\"available\":false}}");
    rs_expert away = expert("{\"id\":\"W\",\"name\":\"W\",\"nationalities\":[\"FR\"],"
                            "\"unavailable\":[{\"from\":\"2027-03-12\",\"to\":\"2027-03-12\"}]}");
    assert_null(rs_eval_ruled_out(&t, &away, 0));
    assert_null(rs_eval_ruled_out(&t, &busy, 0));
    rs_tor_free(&t);
    rs_expert_free(&a);
    rs_expert_free(&busy);
    rs_expert_free(&away);
}

static const char *broken(const rs_tor *t, const rs_expert *a, const rs_expert *b)
{
    const rs_expert *team[2] = {a, b};
    return rs_eval_team_broken(t, team, b ? 2 : 1, 0);
}

static void test_team_rules(void **state)
{
    (void)state;
    rs_tor t = tor("{" TOR_BASE ",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"},"
                   "{\"code\":\"pt\"}],\"rules\":{\"require\":[\"FR1\"]}}");
    rs_expert fr1 = expert("{\"id\":\"FR1\",\"name\":\"a\",\"nationalities\":[\"FR\"],"
                           "\"languages\":[{\"code\":\"fr\",\"level\":\"native\"}]}");
    rs_expert fr2 = expert("{\"id\":\"FR2\",\"name\":\"b\",\"nationalities\":[\"FR\"],"
                           "\"languages\":[{\"code\":\"pt\",\"level\":\"B2\"}]}");
    rs_expert dual = expert("{\"id\":\"D\",\"name\":\"c\",\"nationalities\":[\"FR\",\"PT\"],"
                            "\"languages\":[{\"code\":\"pt\",\"level\":\"C2\"}]}");
    rs_expert pt = expert("{\"id\":\"P\",\"name\":\"d\",\"nationalities\":[\"PT\"],"
                          "\"languages\":[{\"code\":\"pt\",\"level\":\"B1\"}]}");
    /* Both hold FR: two members share it, whatever the dual national is
     * counted for in min_nationalities. */
    assert_string_equal(broken(&t, &fr1, &dual), "max_same_nationality");
    assert_string_equal(broken(&t, &fr1, &fr2), "max_same_nationality");
    assert_string_equal(broken(&t, &fr1, &pt), "languages_covered");
    assert_string_equal(broken(&t, &dual, &fr2), "require");
    assert_string_equal(broken(&t, &fr1, &fr1), "distinct members");
    assert_string_equal(broken(&t, &fr1, NULL), "team_size");
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"languages\":[],\"rules\":{\"max_same_nationality\":2}}");
    assert_string_equal(broken(&t, &fr1, &fr2), "min_nationalities");
    assert_null(broken(&t, &fr2, &dual));
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"rules\":{\"min_nationalities\":1,\"max_same_nationality\":1}}");
    assert_string_equal(broken(&t, &fr1, &fr2), "max_same_nationality");
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"languages\":[{\"code\":\"de\"}],"
            "\"rules\":{\"languages_covered\":false}}");
    assert_null(broken(&t, &fr1, &pt));
    rs_tor_free(&t);
    rs_expert_free(&fr1);
    rs_expert_free(&fr2);
    rs_expert_free(&dual);
    rs_expert_free(&pt);
}

/* min_eu_members, checked apart from the matcher: a member counts when
 * any of its nationalities is EU; the partner's nationals are excluded by
 * default. */
static void test_team_rule_min_eu_members(void **state)
{
    (void)state;
    rs_tor t = tor("{" TOR_BASE ",\"languages\":[]}");
    rs_expert ma = expert("{\"id\":\"M\",\"name\":\"m\",\"nationalities\":[\"MA\"]}");
    rs_expert tn = expert("{\"id\":\"T\",\"name\":\"t\",\"nationalities\":[\"TN\"]}");
    rs_expert dual = expert("{\"id\":\"D\",\"name\":\"d\",\"nationalities\":[\"TN\",\"FR\"]}");
    rs_expert sn = expert("{\"id\":\"S\",\"name\":\"s\",\"nationalities\":[\"SN\"]}");
    assert_string_equal(broken(&t, &ma, &tn), "min_eu_members");
    assert_null(broken(&t, &ma, &dual));
    assert_string_equal(rs_eval_ruled_out(&t, &sn, 0), "exclude_nationalities");
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"languages\":[],\"rules\":{\"min_eu_members\":0,"
            "\"exclude_nationalities\":[]}}");
    assert_null(broken(&t, &ma, &tn));
    assert_null(rs_eval_ruled_out(&t, &sn, 0));
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"languages\":[],\"rules\":{\"min_eu_members\":2}}");
    assert_string_equal(broken(&t, &ma, &dual), "min_eu_members");
    rs_tor_free(&t);
    rs_expert_free(&ma);
    rs_expert_free(&tn);
    rs_expert_free(&dual);
    rs_expert_free(&sn);
}

/* The branch and bound finds what trying every team finds. */
static void test_best_team_brute_force(void **state)
{
    (void)state;
    static const char *const nats[] = {"\"FR\"", "\"ES\"", "\"FR\",\"ES\"", "\"SN\"", "\"PT\""};
    static const char *const langs[] = {"fr:C1", "fr:B1", "en:C2", "pt:B2", "es:native"};
    enum { N = 14 };
    uint64_t x = 12345;
    for (int round = 0; round < 60; round++) {
        rs_expert e[N];
        const rs_expert *p[N];
        int grades[N];
        for (int i = 0; i < N; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            char json[512], code[3] = {0}, *level;
            const char *l = langs[(x >> 33) % 5];
            memcpy(code, l, 2);
            level = strchr(l, ':') + 1;
            snprintf(json, sizeof json,
                     "{\"id\":\"E%d\",\"name\":\"n\",\"nationalities\":[%s],"
                     "\"languages\":[{\"code\":\"%s\",\"level\":\"%s\"}]%s}",
                     i, nats[(x >> 40) % 5], code, level,
                     (x >> 50) % 7 == 0 ? ",\"unavailable\":[{\"from\":\"2027-03-02\","
                                          "\"to\":\"2027-03-03\"}]" : "");
            e[i] = expert(json);
            p[i] = &e[i];
            grades[i] = (int)((x >> 20) % 4);
        }
        int size = 1 + round % 3;
        char json[512];
        snprintf(json, sizeof json,
                 "{\"action\":\"R\",\"title\":\"t\",\"country\":\"SN\",\"team_size\":%d,"
                 "\"from\":\"2027-03-01\",\"to\":\"2027-03-12\",\"languages\":[{\"code\":"
                 "\"fr\",\"level\":\"C1\"}%s]%s}",
                 size, round % 2 ? ",{\"code\":\"pt\"}" : "",
                 round % 4 == 0 ? ",\"rules\":{\"exclude_nationalities\":[\"SN\"]}" : "");
        rs_tor t = tor(json);
        int want = -1;
        for (int a = 0; a < N; a++)
            for (int b = size > 1 ? a + 1 : N - 1; b < N; b++)
                for (int c = size > 2 ? b + 1 : N - 1; c < N; c++) {
                    const rs_expert *team[3] = {p[a], p[b], p[c]};
                    int sum = grades[a] + (size > 1 ? grades[b] : 0) + (size > 2 ? grades[c] : 0);
                    if (sum > want && !rs_eval_team_broken(&t, team, (size_t)size, 0))
                        want = sum;
                }
        rs_best_team best;
        assert_int_equal(rs_eval_best_team(&t, p, grades, N, 0, 1000000, &best), 0);
        assert_int_equal(best.cut, 0);
        assert_int_equal(best.best, want);
        if (want >= 0) {
            const rs_expert *team[3];
            int sum = 0;
            for (int i = 0; i < size; i++)
                team[i] = p[best.members[i]], sum += grades[best.members[i]];
            assert_int_equal(sum, want);
            assert_null(rs_eval_team_broken(&t, team, (size_t)size, 0));
        }
        rs_tor_free(&t);
        for (int i = 0; i < N; i++)
            rs_expert_free(&e[i]);
    }
}

static void test_best_team_limits(void **state)
{
    (void)state;
    rs_tor t = tor("{" TOR_BASE ",\"rules\":{\"require\":[\"NOBODY\"]}}");
    rs_expert a = expert("{\"id\":\"A\",\"name\":\"a\",\"nationalities\":[\"FR\"]}");
    rs_expert b = expert("{\"id\":\"B\",\"name\":\"b\",\"nationalities\":[\"ES\"]}");
    const rs_expert *p[2] = {&a, &b};
    int grades[2] = {3, 2};
    rs_best_team best;
    assert_int_equal(rs_eval_best_team(&t, p, grades, 2, 0, 1000, &best), 0);
    assert_int_equal(best.best, -1); /* a required expert who is not there */
    rs_tor_free(&t);
    t = tor("{" TOR_BASE ",\"languages\":[]}");
    assert_int_equal(rs_eval_best_team(&t, p, grades, 2, 0, 1, &best), 0);
    assert_int_equal(best.cut, 1);
    assert_int_equal(rs_eval_best_team(&t, p, grades, 2, 0, 1000, &best), 0);
    assert_int_equal(best.best, 5);
    rs_tor_free(&t);
    rs_expert_free(&a);
    rs_expert_free(&b);
}

/* ---- generated ToRs ---- */

static void test_torgen(void **state)
{
    (void)state;
    json_t *t, *topic;
    assert_int_equal(rs_torgen(1, 0, &t, &topic), -1);
    assert_null(t);
    int text_only = 0, held = 0, langs[4] = {0};
    for (unsigned long k = 1; k <= 200; k++) {
        assert_int_equal(rs_torgen(7, k, &t, &topic), 0);
        char *a = json_dumps(t, JSON_COMPACT), *b;
        json_t *again, *topic2;
        assert_int_equal(rs_torgen(7, k, &again, &topic2), 0);
        b = json_dumps(again, JSON_COMPACT);
        assert_string_equal(a, b); /* deterministic */
        rs_tor parsed;
        rs_diag d;
        rs_diag_init(&d);
        assert_int_equal(rs_tor_from_json_text(a, strlen(a), "gen", 1, &parsed, &d), 0);
        assert_int_equal(d.n, 0);
        const char *kind = json_string_value(json_object_get(topic, "kind"));
        assert_true(json_array_size(json_object_get(topic, "fields")) >= 1);
        assert_true(json_array_size(json_object_get(topic, "competences")) >= 1);
        if (strcmp(kind, "text-only") == 0) {
            text_only++;
            assert_int_equal(parsed.n_fields, 0);
        } else {
            assert_string_equal(kind, "coded");
            assert_int_equal(parsed.n_fields, json_array_size(json_object_get(topic, "fields")));
        }
        const char *lang = json_string_value(json_object_get(topic, "lang"));
        assert_string_equal(parsed.languages[0].code, lang);
        for (int l = 0; l < 4; l++)
            langs[l] += strcmp(lang, (const char *[]){"en", "fr", "es", "pt"}[l]) == 0;
        assert_null(strchr(parsed.title, '{'));
        assert_null(strchr(parsed.description, '{'));
        held += rs_eval_held_out(parsed.action);
        rs_tor_free(&parsed);
        rs_diag_free(&d);
        free(a), free(b);
        json_decref(t), json_decref(topic), json_decref(again), json_decref(topic2);
    }
    assert_in_range(text_only, 40, 100);
    assert_in_range(held, 40, 95);
    for (int l = 0; l < 4; l++)
        assert_true(langs[l] >= 20);
}

/* ---- baselines ---- */

static void test_baselines(void **state)
{
    (void)state;
    rs_expert e[3] = {
        expert("{\"id\":\"A\",\"name\":\"a\",\"nationalities\":[\"FR\"],\"fields\":[\"E.10\"],"
               "\"summary\":\"Pensions d'invalidité et sécurité sociale.\"}"),
        expert("{\"id\":\"B\",\"name\":\"b\",\"nationalities\":[\"ES\"],"
               "\"fields\":[\"E.10.01\"],\"competences\":[\"2.1\"],"
               "\"summary\":\"Empleo juvenil.\"}"),
        expert("{\"id\":\"C\",\"name\":\"c\",\"nationalities\":[\"PT\"],\"fields\":[\"A.20\"],"
               "\"summary\":\"Pensões.\",\"experience\":[{\"from\":\"2020-01\",\"text\":"
               "\"invalidité\"}]}"),
    };
    const rs_expert *p[3] = {&e[0], &e[1], &e[2]};
    rs_tor t = tor("{\"action\":\"T-1\",\"country\":\"SN\",\"title\":\"Invalidité\","
                   "\"fields\":[\"E.10.01\"],"
                   "\"competences\":[\"2\"],\"description\":\"les pensions d'invalidité\"}");
    assert_true(rs_codes_score(t.fields, 1, t.competences, 1, &e[0]) == 0.5);
    assert_true(rs_codes_score(t.fields, 1, t.competences, 1, &e[1]) == 1.25);
    assert_true(rs_codes_score(t.fields, 1, t.competences, 1, &e[2]) == 0);
    unsigned char ok[3] = {1, 1, 1};
    size_t out[3];
    assert_int_equal(rs_codes_rank(&t, p, 3, ok, 1, out, 3), 3);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 0);
    ok[1] = 0;
    assert_int_equal(rs_codes_rank(&t, p, 3, ok, 1, out, 3), 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(rs_random_rank(&t, 3, ok, 1, out, 1), 1);
    assert_true(out[0] != 1);
    assert_true(rs_shuffle_key(1, "T-1", 0) == rs_shuffle_key(1, "T-1", 0));
    assert_true(rs_shuffle_key(1, "T-1", 0) != rs_shuffle_key(2, "T-1", 0));
    char err[256];
    rs_fts *f = rs_fts_new(p, 3, err, sizeof err);
    assert_non_null(f);
    ok[1] = 1;
    long n = rs_fts_rank(f, &t, ok, out, 3, err, sizeof err);
    assert_int_equal(n, 2); /* A (summary) and C (experience) name it, B does not */
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 2);
    rs_tor_free(&t);
    t = tor("{\"action\":\"T-2\",\"country\":\"SN\",\"title\":\"de la\"}");
    assert_int_equal(rs_fts_rank(f, &t, ok, out, 3, err, sizeof err), 0); /* only stopwords */
    rs_tor_free(&t);
    rs_fts_free(f);
    rs_fts_free(NULL);
    for (int i = 0; i < 3; i++)
        rs_expert_free(&e[i]);
}

/* ---- the oracle: reading the truth gives a perfect nDCG ---- */

static void test_oracle(void **state)
{
    (void)state;
    enum { N = 300 };
    rs_gen *g = rs_gen_new(5);
    rs_expert *e = calloc(N, sizeof *e);
    rs_truth *tr = calloc(N, sizeof *tr);
    int grades[N], ranked[N];
    for (unsigned long k = 1; k <= N; k++) {
        json_t *rec, *hidden;
        assert_int_equal(rs_gen_expert_truth(g, k, &rec, &hidden), 0);
        char *a = json_dumps(rec, RS_GEN_JSON_FLAGS), *b = json_dumps(hidden, RS_GEN_JSON_FLAGS);
        char *plain = rs_gen_expert_text(g, k);
        assert_string_equal(a, plain); /* the truth does not change the record */
        e[k - 1] = expert(a);
        tr[k - 1] = truth(b);
        assert_string_equal(tr[k - 1].id, e[k - 1].id);
        free(a), free(b), free(plain);
        json_decref(rec), json_decref(hidden);
    }
    int defined = 0;
    for (unsigned long k = 1; k <= 30; k++) {
        json_t *tj, *topic;
        assert_int_equal(rs_torgen(3, k, &tj, &topic), 0);
        char *text = json_dumps(tj, JSON_COMPACT);
        rs_tor t = tor(text);
        rs_topic tp = {0};
        json_t *v;
        size_t i;
        json_array_foreach(json_object_get(topic, "fields"), i, v)
            snprintf(tp.fields[tp.n_fields++], 16, "%s", json_string_value(v));
        json_array_foreach(json_object_get(topic, "competences"), i, v)
            snprintf(tp.competences[tp.n_competences++], 16, "%s", json_string_value(v));
        for (int x = 0; x < N; x++)
            grades[x] = rs_judge_grade(&t, &tp, &tr[x], &e[x], day("2026-11-25"));
        /* The oracle: every expert by grade, best first. */
        int n = 0;
        for (int gr = 3; gr >= 0; gr--)
            for (int x = 0; x < N; x++)
                if (grades[x] == gr)
                    ranked[n++] = gr;
        double v10 = rs_ndcg_at(ranked, (size_t)n, grades, N, 10);
        if (v10 != U) {
            defined++;
            assert_true(fabs(v10 - 1.0) < EPS);
            assert_true(fabs(rs_ndcg_at(ranked, (size_t)n, grades, N, 50) - 1.0) < EPS);
            assert_true(fabs(rs_recall_at(ranked, (size_t)n, grades, N, 50, 2) - 1.0) < EPS ||
                        rs_recall_at(ranked, (size_t)n, grades, N, 50, 2) == U);
            /* Worst first is not perfect. */
            for (int a = 0, b = n - 1; a < b; a++, b--) {
                int s = ranked[a];
                ranked[a] = ranked[b], ranked[b] = s;
            }
            assert_true(rs_ndcg_at(ranked, (size_t)n, grades, N, 10) < 1.0);
        }
        rs_tor_free(&t);
        free(text);
        json_decref(tj), json_decref(topic);
    }
    assert_true(defined >= 20);
    for (int x = 0; x < N; x++)
        rs_expert_free(&e[x]);
    free(e);
    free(tr);
    rs_gen_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ndcg),
        cmocka_unit_test(test_precision_recall),
        cmocka_unit_test(test_mean),
        cmocka_unit_test(test_inferred_hits),
        cmocka_unit_test(test_truth_reading),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_ruled_out),
        cmocka_unit_test(test_team_rules),
        cmocka_unit_test(test_team_rule_min_eu_members),
        cmocka_unit_test(test_best_team_brute_force),
        cmocka_unit_test(test_best_team_limits),
        cmocka_unit_test(test_torgen),
        cmocka_unit_test(test_baselines),
        cmocka_unit_test(test_oracle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

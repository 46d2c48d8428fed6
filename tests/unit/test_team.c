/*
 * Team search: the branch and bound against brute force on hundreds of
 * random instances (optimality, score for score), an independent check of
 * the team score and of every hard team rule, the nationality choice
 * against exhaustive enumeration, and the search's speed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "core/taxonomy.h"
#include "matcher/nationality.h"
#include "matcher/score.h"
#include "matcher/team.h"
#include "matcher/weights.h"
#include "matcher_fixture.h"

#define W rs_weights_table
#define EPS 1e-9

/* ---- a seeded PRNG (xorshift64*), so every run checks the same instances ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static int rng_int(int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

static int rng_chance(int percent)
{
    return rng_int(1, 100) <= percent;
}

/* ---- the reference: rules and score written out again, independently ---- */

/* Exhaustive: the most distinct nationalities over all choices that use no
 * nationality more than max_same times; -1 when none does. */
static int ref_nationalities(const rs_expert *const *m, size_t n, int max_same)
{
    size_t choice[RS_TEAM_MAX * 2] = {0};
    int best = -1;
    for (;;) {
        int ok = 1, distinct = 0;
        for (size_t i = 0; i < n && ok; i++) {
            int same = 0, first = 1;
            for (size_t k = 0; k < n; k++)
                if (strcmp(m[k]->nationalities[choice[k]], m[i]->nationalities[choice[i]]) == 0) {
                    same++;
                    first &= k >= i;
                }
            ok = same <= max_same;
            distinct += first;
        }
        if (ok && distinct > best)
            best = distinct;
        size_t i = 0;
        while (i < n && ++choice[i] == m[i]->n_nationalities)
            choice[i++] = 0;
        if (i == n)
            return best;
    }
}

/* The most members holding one nationality: max_same_nationality counts
 * every holder, whatever else each holds. */
static int ref_most_holders(const rs_expert *const *m, size_t n)
{
    int most = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t q = 0; q < m[i]->n_nationalities; q++) {
            int holders = 0;
            for (size_t k = 0; k < n; k++) {
                int holds = 0;
                for (size_t p = 0; p < m[k]->n_nationalities; p++)
                    holds |= strcmp(m[k]->nationalities[p], m[i]->nationalities[q]) == 0;
                holders += holds;
            }
            most = holders > most ? holders : most;
        }
    return most;
}

static int ref_feasible(const rs_tor *t, const rs_team_candidate *c, const size_t *idx,
                        size_t k)
{
    if (k != (size_t)t->team_size)
        return 0;
    const rs_expert *m[RS_TEAM_MAX];
    for (size_t i = 0; i < k; i++)
        m[i] = c[idx[i]].expert;
    for (size_t r = 0; r < t->rules.n_require; r++) {
        int in = 0;
        for (size_t i = 0; i < k; i++)
            in |= strcmp(m[i]->id, t->rules.require[r]) == 0;
        if (!in)
            return 0;
    }
    if (t->rules.languages_covered)
        for (size_t l = 0; l < t->n_languages; l++) {
            int met = 0;
            for (size_t i = 0; i < k; i++)
                met |= rs_expert_level(m[i], t->languages[l].code) >= t->languages[l].level;
            if (!met)
                return 0;
        }
    int eu = 0;
    for (size_t i = 0; i < k; i++) {
        int holds = 0;
        for (size_t q = 0; q < m[i]->n_nationalities; q++)
            holds |= rs_country_is_eu(m[i]->nationalities[q]);
        eu += holds;
    }
    if (eu < t->rules.min_eu_members)
        return 0;
    return ref_most_holders(m, k) <= t->rules.max_same_nationality &&
           ref_nationalities(m, k, (int)k) >= t->rules.min_nationalities;
}

static double ref_score(const rs_tor *t, const rs_team_candidate *c, const size_t *idx,
                        size_t k, const rs_portfolio *pf)
{
    double s = 0.0;
    int f = 0, m = 0, pub = 0, non_eu = 0;
    for (size_t i = 0; i < k; i++) {
        const rs_expert *e = c[idx[i]].expert;
        s += c[idx[i]].score;
        if (t->rules.portfolio_balance && pf)
            s -= rs_portfolio_penalty(pf, e, NULL);
        f |= e->gender == 'F';
        m |= e->gender == 'M';
        pub |= rs_status_is_public(e->status);
        for (size_t q = 0; q < e->n_nationalities; q++)
            non_eu |= !rs_country_is_eu(e->nationalities[q]);
    }
    for (size_t q = 0; q < t->n_fields; q++) {
        double best = 0;
        for (size_t i = 0; i < k; i++)
            best = fmax(best, rs_best_field(t->fields[q], c[idx[i]].expert, NULL));
        s += W.cover_fields * best / (double)t->n_fields;
    }
    for (size_t q = 0; q < t->n_competences; q++) {
        double best = 0;
        for (size_t i = 0; i < k; i++)
            best = fmax(best, rs_best_competence(t->competences[q], c[idx[i]].expert, NULL));
        s += W.cover_competences * best / (double)t->n_competences;
    }
    for (size_t q = 0; q < t->n_languages; q++) {
        double best = 0;
        for (size_t i = 0; i < k; i++)
            best = fmax(best, rs_language_credit(t->languages[q].level,
                                                 rs_expert_level(c[idx[i]].expert,
                                                                 t->languages[q].code)));
        s += W.cover_languages * best / (double)t->n_languages;
    }
    if (t->rules.gender_balance && t->team_size >= 2 && f && m)
        s += W.gender_balance;
    if (t->rules.prefer_public && pub)
        s += W.prefer_public;
    if (t->rules.triangular && non_eu)
        s += W.triangular;
    return s;
}

/* ---- random instances ---- */

static const char *const nats[] = {"FR", "ES", "SN", "PT", "DE", "MA"};
static const char *const langs[] = {"fr", "es", "pt", "en"};
static const char *const levels[] = {"A2", "B1", "B2", "C1", "C2", "native"};
static const char *const fields[] = {"E", "E.10", "E.10.01", "E.20", "A.20", "A.20.15"};
static const char *const comps[] = {"1", "2", "2.1", "8"};

static void random_list(char *buf, size_t size, const char *const *from, size_t n_from,
                        int min, int max, const char *const *suffix_pool, size_t n_suffix)
{
    int count = rng_int(min, max);
    size_t used = 0;
    unsigned taken = 0;
    buf[0] = '\0';
    for (int i = 0; i < count; i++) {
        size_t pick = (size_t)rng_int(0, (int)n_from - 1);
        if (taken & 1u << pick)
            continue;
        taken |= 1u << pick;
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s%s", used ? "," : "",
                                 from[pick], suffix_pool ? ":" : "",
                                 suffix_pool ? suffix_pool[rng_int(0, (int)n_suffix - 1)] : "");
    }
}

static rs_expert random_expert(int i)
{
    char id[16], n[32], l[64], f[64], c[32];
    snprintf(id, sizeof id, "E%02d", i);
    random_list(n, sizeof n, nats, 6, 1, rng_chance(25) ? 3 : 1, NULL, 0);
    random_list(l, sizeof l, langs, 4, 0, 3, levels, 6);
    random_list(f, sizeof f, fields, 6, 0, 3, NULL, 0);
    random_list(c, sizeof c, comps, 4, 0, 2, NULL, 0);
    static const char genders[] = {'F', 'M', 'X', 0};
    return fx_expert(id, n, l, genders[rng_int(0, 3)], (rs_sector)rng_int(0, 7), f, c);
}

static const char *random_bool(void)
{
    return rng_chance(50) ? "true" : "false";
}

static rs_tor random_tor(int team_size, int n_cands)
{
    char json[1024], f[64], c[32], l[96] = "", req[32] = "";
    random_list(f, sizeof f, fields, 6, 0, 3, NULL, 0);
    random_list(c, sizeof c, comps, 4, 0, 2, NULL, 0);
    int n_langs = rng_int(0, 2);
    unsigned taken = 0;
    for (int i = 0, used = 0; i < n_langs; i++) {
        int pick = rng_int(0, 3);
        if (taken & 1u << pick)
            continue;
        taken |= 1u << pick;
        used += snprintf(l + used, sizeof l - (size_t)used, "%s{\"code\":\"%s\",\"level\":\"%s\"}",
                         used ? "," : "", langs[pick], levels[rng_int(0, 3)]);
    }
    if (rng_chance(20))
        snprintf(req, sizeof req, "\"E%02d\"", rng_int(0, n_cands + 1)); /* may be absent */
    char fq[96] = "", cq[64] = "";
    for (size_t i = 0, n = fx_count(f), used = 0; i < n; i++) {
        char buf[16];
        used += (size_t)snprintf(fq + used, sizeof fq - used, "%s\"%s\"", i ? "," : "",
                                 fx_item(f, i, buf, sizeof buf));
    }
    for (size_t i = 0, n = fx_count(c), used = 0; i < n; i++) {
        char buf[16];
        used += (size_t)snprintf(cq + used, sizeof cq - used, "%s\"%s\"", i ? "," : "",
                                 fx_item(c, i, buf, sizeof buf));
    }
    snprintf(json, sizeof json,
             "{\"action\":\"T\",\"title\":\"t\",\"country\":\"SN\",\"team_size\":%d,"
             "\"fields\":[%s],\"competences\":[%s],\"languages\":[%s],"
             "\"rules\":{\"min_nationalities\":%d,\"max_same_nationality\":%d,"
             "\"languages_covered\":%s,\"gender_balance\":%s,\"prefer_public\":%s,"
             "\"triangular\":%s,\"portfolio_balance\":%s,\"require\":[%s],"
             "\"min_eu_members\":%d}}",
             team_size, fq, cq, l, rng_int(1, team_size), rng_int(1, team_size), random_bool(),
             random_bool(), random_bool(), random_bool(), random_bool(), req,
             rng_int(0, team_size));
    return fx_tor(json);
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Every k-subset of n, in lexicographic order, through fn. */
static void for_each_subset(size_t n, size_t k, void (*fn)(const size_t *, size_t, void *),
                            void *ctx)
{
    size_t idx[RS_TEAM_MAX];
    if (k > n)
        return;
    for (size_t i = 0; i < k; i++)
        idx[i] = i;
    for (;;) {
        fn(idx, k, ctx);
        size_t i = k;
        while (i > 0 && idx[i - 1] == n - k + i - 1)
            i--;
        if (i == 0)
            return;
        idx[i - 1]++;
        for (size_t q = i; q < k; q++)
            idx[q] = idx[q - 1] + 1;
    }
}

/* A portfolio of (nationality, days, experts) rows, finished. */
static void portfolio_of(rs_portfolio *pf, const char *const *nat, const double *days,
                         const long *experts, size_t n)
{
    memset(pf, 0, sizeof *pf);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(rs_portfolio_add(pf, nat[i], days[i], experts[i]), 0);
    rs_portfolio_finish(pf);
}

typedef struct {
    const rs_tor *t;
    const rs_team_candidate *c;
    const rs_portfolio *pf;
    rs_team_problem *p;
    double *scores;
    size_t n_scores;
} brute;

static void brute_visit(const size_t *idx, size_t k, void *ctx)
{
    brute *b = ctx;
    rs_team team;
    int ok = rs_team_evaluate(b->p, idx, k, &team);
    assert_true(ok >= 0);
    assert_int_equal(ok, ref_feasible(b->t, b->c, idx, k));
    assert_true(fabs(team.score - ref_score(b->t, b->c, idx, k, b->pf)) < EPS);
    if (ok)
        b->scores[b->n_scores++] = team.score;
}

/* Alternates by brute force, against rs_team_alternates: every swap that
 * keeps the rules is scored; the best swap overall is taken, its seat and
 * candidate leave, and so on, so the alternates are different experts. */
static void check_alternates(const brute *b, const rs_team *team, size_t n)
{
    size_t alt[RS_TEAM_MAX], want[RS_TEAM_MAX];
    assert_int_equal(rs_team_alternates(b->p, team, alt), 0);
    double score[RS_TEAM_MAX][16];
    assert_true(n <= 16);
    for (size_t seat = 0; seat < team->n; seat++) {
        int required = 0;
        for (size_t r = 0; r < b->t->rules.n_require; r++)
            required |= strcmp(b->c[team->members[seat]].expert->id, b->t->rules.require[r]) == 0;
        for (size_t c = 0; c < n; c++) {
            size_t trial[RS_TEAM_MAX];
            memcpy(trial, team->members, sizeof trial);
            int in = 0;
            for (size_t i = 0; i < team->n; i++)
                in |= team->members[i] == c;
            trial[seat] = c;
            rs_team t;
            score[seat][c] = !in && !required && rs_team_evaluate(b->p, trial, team->n, &t) == 1
                                 ? t.score : -1e300;
        }
        want[seat] = RS_TEAM_NONE;
    }
    int taken[16] = {0};
    for (;;) {
        size_t bs = RS_TEAM_NONE, bc = 0;
        for (size_t seat = 0; seat < team->n; seat++)
            for (size_t c = 0; c < n; c++)
                if (want[seat] == RS_TEAM_NONE && !taken[c] && score[seat][c] > -1e300 &&
                    (bs == RS_TEAM_NONE || score[seat][c] > score[bs][bc])) {
                    bs = seat;
                    bc = c;
                }
        if (bs == RS_TEAM_NONE)
            break;
        want[bs] = bc;
        taken[bc] = 1;
    }
    for (size_t seat = 0; seat < team->n; seat++) {
        assert_int_equal(alt[seat], want[seat]);
        for (size_t other = 0; other < seat; other++)
            assert_true(alt[seat] == RS_TEAM_NONE || alt[seat] != alt[other]);
    }
}

static void run_instance(int instance)
{
    size_t n = (size_t)rng_int(6, 14);
    int k = rng_int(1, 4);
    size_t m = (size_t)rng_int(1, 4);
    rs_expert experts[14];
    rs_team_candidate c[14];
    for (size_t i = 0; i < n; i++) {
        experts[i] = random_expert((int)i);
        /* Scores on a coarse grid now and then, so ties are exercised too. */
        double s = (double)rng_int(0, 1000) / 1000.0;
        c[i] = (rs_team_candidate){&experts[i], rng_chance(30) ? floor(s * 4) / 4 : s};
    }
    rs_tor t = random_tor(k, (int)n);
    const char *pn[6];
    double days[6];
    long roster[6];
    for (int i = 0; i < 6; i++) {
        pn[i] = nats[i];
        days[i] = rng_int(0, 100);
        roster[i] = rng_int(1, 20);
    }
    rs_portfolio pf;
    portfolio_of(&pf, pn, days, roster, 6);

    rs_team_problem *p = rs_team_problem_new(&t, c, n, &pf);
    assert_non_null(p);
    double scores[4096];
    brute b = {&t, c, &pf, p, scores, 0};
    for_each_subset(n, (size_t)k, brute_visit, &b);
    qsort(scores, b.n_scores, sizeof *scores, cmp_desc);

    rs_team best[4];
    long found = rs_team_search(p, m, best);
    size_t want = b.n_scores < m ? b.n_scores : m;
    if ((size_t)found != want)
        fprintf(stderr, "instance %d: found %ld teams, brute force %zu\n", instance, found,
                want);
    assert_int_equal(found, want);
    for (size_t i = 0; i < want; i++) {
        assert_true(fabs(best[i].score - scores[i]) < EPS);
        assert_int_equal(rs_team_evaluate(p, best[i].members, best[i].n, &(rs_team){0}), 1);
        for (size_t q = 0; q < i; q++) /* distinct teams */
            assert_true(memcmp(best[i].members, best[q].members,
                               best[i].n * sizeof *best[i].members) != 0);
    }
    if (found > 0)
        check_alternates(&b, &best[0], n);

    rs_team_problem_free(p);
    rs_portfolio_free(&pf);
    rs_tor_free(&t);
    for (size_t i = 0; i < n; i++)
        rs_expert_free(&experts[i]);
}

static void test_branch_and_bound_equals_brute_force(void **state)
{
    (void)state;
    rng_state = 0x5eed2019u;
    for (int i = 0; i < 600; i++)
        run_instance(i);
}

/* ---- nationality choice ---- */

static void test_nationality_against_exhaustive(void **state)
{
    (void)state;
    rng_state = 42;
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)rng_int(1, 6);
        rs_expert e[6];
        const rs_expert *m[6];
        for (size_t i = 0; i < n; i++) {
            char list[32];
            random_list(list, sizeof list, nats, 4, 1, 3, NULL, 0);
            if (!list[0])
                strcpy(list, "FR");
            e[i] = fx_expert("x", list, "", 'F', RS_SECTOR_PUBLIC, "", "");
            m[i] = &e[i];
        }
        int max_same = rng_int(1, 3);
        char assigned[6][3];
        int got = rs_nationality_assign(m, n, max_same, assigned);
        assert_int_equal(got, ref_nationalities(m, n, max_same));
        if (got >= 0) { /* the choice itself is valid and has that many */
            int distinct = 0;
            for (size_t i = 0; i < n; i++) {
                int same = 0, first = 1, held = 0;
                for (size_t k = 0; k < n; k++)
                    if (strcmp(assigned[k], assigned[i]) == 0) {
                        same++;
                        first &= k >= i;
                    }
                for (size_t q = 0; q < e[i].n_nationalities; q++)
                    held |= strcmp(e[i].nationalities[q], assigned[i]) == 0;
                assert_true(held);
                assert_true(same <= max_same);
                distinct += first;
            }
            assert_int_equal(distinct, got);
        }
        for (size_t i = 0; i < n; i++)
            rs_expert_free(&e[i]);
    }
}

/* rs_nationality_most_held against the reference, on small teams and on
 * members holding dozens of nationalities (the table path). */
static void test_most_held_against_reference(void **state)
{
    (void)state;
    static const char *const codes[] = {
        "FR", "ES", "PT", "DE", "IT", "BE", "NL", "SN", "MA", "DZ", "TN", "PE", "BR", "AT",
        "PL", "RO", "BG", "GR", "CY", "MT", "IE", "LU", "SE", "FI", "DK", "EE", "LV", "LT"};
    for (int round = 0; round < 500; round++) {
        size_t n = (size_t)rng_int(1, 6);
        rs_expert e[6];
        const rs_expert *m[6];
        for (size_t i = 0; i < n; i++) {
            char list[128];
            random_list(list, sizeof list, codes, 28, 1, rng_chance(30) ? 28 : 2, NULL, 0);
            if (!list[0])
                strcpy(list, "FR");
            e[i] = fx_expert("x", list, "", 'F', RS_SECTOR_PUBLIC, "", "");
            m[i] = &e[i];
        }
        char code[3];
        int got = rs_nationality_most_held(m, n, code);
        assert_int_equal(got, ref_most_holders(m, n));
        int holders = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t q = 0; q < e[i].n_nationalities; q++)
                holders += strcmp(e[i].nationalities[q], code) == 0;
        assert_int_equal(holders, got); /* the code named has that many */
        for (size_t i = 0; i < n; i++)
            rs_expert_free(&e[i]);
    }
}

static void test_nationality_many_held(void **state)
{
    (void)state;
    /* A member with more nationalities than the team has members is cut to
     * the first n, and can still always take a fresh one. */
    rs_expert a = fx_expert("a", "FR", "", 'F', 0, "", "");
    rs_expert b = fx_expert("b", "FR,ES,PT,DE,IT,BE,NL", "", 'F', 0, "", "");
    rs_expert z = fx_expert("z", "", "", 'F', 0, "", "");
    const rs_expert *m[] = {&a, &b};
    char assigned[2][3];
    assert_int_equal(rs_nationality_assign(m, 2, 1, assigned), 2);
    assert_string_equal(assigned[0], "FR");
    assert_string_not_equal(assigned[1], "FR");
    const rs_expert *m2[] = {&a, &z};
    assert_int_equal(rs_nationality_assign(m2, 2, 1, assigned), 1); /* unknown counts for none */
    assert_string_equal(assigned[1], "");
    assert_int_equal(rs_nationality_assign(m, 0, 1, NULL), 0);
    assert_int_equal(rs_nationality_assign(m, 2, 0, NULL), 2); /* a cap below one is one */
    const rs_expert *many[65];
    for (int i = 0; i < 65; i++)
        many[i] = &b;
    assert_int_equal(rs_nationality_assign(many, 65, 1, NULL), -2); /* beyond any team */
    rs_expert_free(&a);
    rs_expert_free(&b);
    rs_expert_free(&z);
}

/* ---- each hard rule, by hand ---- */

typedef struct {
    rs_expert e[8];
    rs_team_candidate c[8];
    size_t n;
} roster;

static void add(roster *r, rs_expert e, double score)
{
    r->e[r->n] = e;
    r->c[r->n] = (rs_team_candidate){NULL, score};
    r->n++;
    for (size_t i = 0; i < r->n; i++)
        r->c[i].expert = &r->e[i];
}

static void roster_free(roster *r)
{
    for (size_t i = 0; i < r->n; i++)
        rs_expert_free(&r->e[i]);
}

static long search(const char *tor_json, roster *r, rs_team *out, size_t m)
{
    rs_tor t = fx_tor(tor_json);
    rs_team_problem *p = rs_team_problem_new(&t, r->c, r->n, NULL);
    assert_non_null(p);
    long found = rs_team_search(p, m, out);
    rs_team_problem_free(p);
    rs_tor_free(&t);
    return found;
}

/* Languages are given (none unless `extra` has some), not inferred. */
#define TOR_WITH(rules, extra) \
    "{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\"" extra ",\"rules\":{" rules "}}"
#define TOR(rules, extra) TOR_WITH(rules, ",\"languages\":[]" extra)

static void test_dual_national_counts_for_whichever_helps(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("fr", "FR", "", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("dual", "FR,ES", "", 'M', 0, "", ""), 0.8);
    rs_team t[1];
    /* Two holders of FR: within max_same_nationality 2, and ES counted
     * for the dual national gives the two nationalities needed. */
    assert_int_equal(search(TOR("\"max_same_nationality\":2", ""), &r, t, 1), 1);
    assert_string_equal(t[0].nationalities[0], "FR");
    assert_string_equal(t[0].nationalities[1], "ES");
    assert_int_equal(t[0].distinct_nationalities, 2);
    roster_free(&r);
}

/* max_same_nationality counts every member holding a nationality: a French
 * national and a French-Algerian share FR, so they are no team under the
 * default of one per nationality, whichever nationality the dual national
 * would be counted for by min_nationalities. */
static void test_max_same_counts_every_holder(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("fr", "FR", "", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("frdz", "FR,DZ", "", 'M', 0, "", ""), 0.8);
    rs_team t[1];
    assert_int_equal(search(TOR("", ""), &r, t, 1), 0);
    add(&r, fx_expert("dz", "DZ", "", 'M', 0, "", ""), 0.1);
    assert_int_equal(search(TOR("", ""), &r, t, 1), 1);
    assert_int_equal(t[0].members[0], 0); /* fr and dz: no nationality held twice */
    assert_int_equal(t[0].members[1], 2);
    roster_free(&r);
}

static void test_min_nationalities_and_max_same(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("a", "FR", "", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("b", "FR", "", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("c", "FR", "", 'F', 0, "", ""), 0.9);
    rs_team t[3];
    /* Three French: only with two of one nationality allowed and one needed. */
    assert_int_equal(search(TOR("", ",\"team_size\":3"), &r, t, 1), 0);
    assert_int_equal(search(TOR("\"min_nationalities\":1,\"max_same_nationality\":2",
                                ",\"team_size\":3"), &r, t, 1), 0);
    assert_int_equal(search(TOR("\"min_nationalities\":1,\"max_same_nationality\":3",
                                ",\"team_size\":3"), &r, t, 1), 1);
    add(&r, fx_expert("d", "ES", "", 'F', 0, "", ""), 0.1);
    /* max_same 2 and min 2: d must come in, with two of the French. */
    assert_int_equal(search(TOR("\"max_same_nationality\":2", ",\"team_size\":3"), &r, t, 3), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(t[i].members[2], 3);
    roster_free(&r);
}

static void test_languages_covered(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("a", "FR", "fr:C2", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("b", "ES", "pt:B1", 'M', 0, "", ""), 0.9);
    add(&r, fx_expert("c", "PT", "pt:B2", 'M', 0, "", ""), 0.1);
    rs_team t[3];
    const char *langs = ",\"languages\":[{\"code\":\"pt\"},{\"code\":\"fr\",\"level\":\"C1\"}]";
    char json[512];
    snprintf(json, sizeof json, TOR_WITH("", "%s"), langs);
    assert_int_equal(search(json, &r, t, 3), 1); /* only a + c meet pt B2 and fr C1 */
    assert_int_equal(t[0].members[0], 0);
    assert_int_equal(t[0].members[1], 2);
    snprintf(json, sizeof json, TOR_WITH("\"languages_covered\":false", "%s"), langs);
    assert_int_equal(search(json, &r, t, 3), 3);
    roster_free(&r);
}

static void test_require(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("a", "FR", "", 'F', 0, "", ""), 0.9);
    add(&r, fx_expert("b", "ES", "", 'M', 0, "", ""), 0.8);
    add(&r, fx_expert("c", "PT", "", 'M', 0, "", ""), 0.1);
    rs_team t[3];
    assert_int_equal(search(TOR("\"require\":[\"c\"]", ""), &r, t, 3), 2);
    for (int i = 0; i < 2; i++)
        assert_int_equal(t[i].members[1], 2);
    assert_int_equal(search(TOR("\"require\":[\"nobody\"]", ""), &r, t, 3), 0);
    assert_int_equal(search(TOR("\"require\":[\"a\",\"c\"]", ""), &r, t, 3), 1);
    roster_free(&r);
}

static void test_team_size_bounds(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("a", "FR", "", 'F', 0, "", ""), 0.9);
    rs_team t[3];
    assert_int_equal(search(TOR("", ""), &r, t, 3), 0); /* one candidate, team of two */
    assert_int_equal(search(TOR("", ",\"team_size\":1"), &r, t, 3), 1);
    assert_int_equal(search(TOR("", ",\"team_size\":1"), &r, t, 0), 0); /* m = 0 */
    rs_team one;
    rs_tor tor = fx_tor(TOR("", ""));
    rs_team_problem *p = rs_team_problem_new(&tor, r.c, r.n, NULL);
    size_t idx[] = {0, 0}, bad[] = {5};
    assert_int_equal(rs_team_evaluate(p, idx, 2, &one), 0);    /* twice the same */
    assert_int_equal(rs_team_evaluate(p, bad, 1, &one), 0);    /* out of range */
    assert_int_equal(rs_team_evaluate(p, idx, RS_TEAM_MAX + 1, &one), 0);
    rs_team_problem_free(p);
    rs_team_problem_free(NULL);
    rs_tor_free(&tor);
    roster_free(&r);
}

/* ---- soft preferences decide between otherwise equal teams ---- */

static void test_preferences(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("m1", "FR", "", 'M', RS_SECTOR_PRIVATE, "", ""), 0.5);
    add(&r, fx_expert("m2", "ES", "", 'M', RS_SECTOR_PRIVATE, "", ""), 0.5);
    add(&r, fx_expert("f1", "PT", "", 'F', RS_SECTOR_PRIVATE, "", ""), 0.5);
    rs_team t[3];
    assert_int_equal(search(TOR("\"prefer_public\":false", ""), &r, t, 3), 3);
    assert_true(t[0].members[1] == 2); /* a woman in the first team */
    assert_true(fabs(t[0].preferences - W.gender_balance) < EPS);
    assert_true(fabs(t[2].preferences) < EPS);
    roster_free(&r);

    roster s = {0};
    add(&s, fx_expert("eu1", "FR", "", 'M', RS_SECTOR_PRIVATE, "", ""), 0.5);
    add(&s, fx_expert("eu2", "ES", "", 'M', RS_SECTOR_PRIVATE, "", ""), 0.5);
    add(&s, fx_expert("sn", "SN", "", 'M', RS_SECTOR_PRIVATE, "", ""), 0.45);
    add(&s, fx_expert("pub", "DE", "", 'M', RS_SECTOR_RETIRED_PUBLIC, "", ""), 0.48);
    assert_int_equal(search(TOR("\"triangular\":true,\"prefer_public\":false", ""), &s, t, 1), 1);
    assert_true(t[0].members[0] == 2 || t[0].members[1] == 2);
    assert_int_equal(search(TOR("\"prefer_public\":true", ""), &s, t, 1), 1);
    assert_true(t[0].members[0] == 3 || t[0].members[1] == 3);
    roster_free(&s);
}

static void test_portfolio_penalty_moves_the_choice(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("fr", "FR", "", 'M', 0, "", ""), 0.52);
    add(&r, fx_expert("es", "ES", "", 'M', 0, "", ""), 0.50);
    add(&r, fx_expert("lt", "LT", "", 'M', 0, "", ""), 0.50);
    /* Roster of 10: FR 2, ES 2, LT 6; 100 days: FR 60, ES 30, LT 10. FR holds
     * 3.0 times its roster share, ES 1.5 times: both over 1.25; LT 0.17. */
    const char *const pn[] = {"FR", "ES", "LT"};
    const double days[] = {60, 30, 10};
    const long experts[] = {2, 2, 6};
    rs_portfolio pf;
    portfolio_of(&pf, pn, days, experts, 3);
    assert_true(fabs(rs_portfolio_find(&pf, "FR")->ratio - 3.0) < EPS);
    assert_true(rs_portfolio_find(&pf, "ES")->over);
    assert_false(rs_portfolio_find(&pf, "LT")->over);
    assert_null(rs_portfolio_find(&pf, "XX"));

    rs_tor t = fx_tor(TOR("", ""));
    rs_team_problem *p = rs_team_problem_new(&t, r.c, r.n, &pf);
    rs_team best[1];
    assert_int_equal(rs_team_search(p, 1, best), 1);
    assert_int_equal(best[0].members[0], 1); /* es + lt: FR costs twice what ES does */
    assert_int_equal(best[0].members[1], 2);
    double pen = W.portfolio * (1 - 1 / 1.5);
    assert_true(fabs(best[0].portfolio - pen) < EPS);
    rs_team_problem_free(p);

    /* Without the rule, the French expert's higher score wins. */
    rs_tor_free(&t);
    t = fx_tor(TOR("\"portfolio_balance\":false", ""));
    p = rs_team_problem_new(&t, r.c, r.n, &pf);
    assert_int_equal(rs_team_search(p, 1, best), 1);
    assert_int_equal(best[0].members[0], 0);
    rs_team_problem_free(p);
    rs_tor_free(&t);

    /* A dual national is over-represented only when every nationality is,
     * and then penalised for the least over-represented one. */
    rs_expert dual = fx_expert("d", "FR,LT", "", 'M', 0, "", "");
    const char *nat = "";
    assert_true(fabs(rs_portfolio_penalty(&pf, &dual, &nat)) < EPS);
    assert_null(nat);
    rs_expert_free(&dual);
    dual = fx_expert("d", "FR,ES", "", 'M', 0, "", "");
    assert_true(fabs(rs_portfolio_penalty(&pf, &dual, &nat) - pen) < EPS);
    assert_string_equal(nat, "ES");
    rs_expert_free(&dual);
    rs_portfolio_free(&pf);
    roster_free(&r);
}

static void test_portfolio_bad_days(void **state)
{
    (void)state;
    const char *const pn[] = {"FR", "FR", "ES"};
    const double days[] = {10, -5, NAN};
    const long experts[] = {1, -2, 1};
    rs_portfolio pf;
    portfolio_of(&pf, pn, days, experts, 3);
    assert_int_equal(pf.n, 2);
    assert_true(fabs(pf.total_days - 10) < EPS);
    assert_int_equal(pf.experts, 2);
    assert_true(fabs(rs_portfolio_find(&pf, "FR")->ratio - 2.0) < EPS);
    assert_true(fabs(rs_portfolio_find(&pf, "ES")->ratio) < EPS);
    assert_null(rs_portfolio_find(NULL, "FR"));
    rs_portfolio_free(&pf);
    rs_portfolio_free(NULL);
}

/* ---- speed ---- */

static void test_speed_60_candidates_team_of_3(void **state)
{
    (void)state;
    rng_state = 7;
    rs_expert e[60];
    rs_team_candidate c[60];
    for (int i = 0; i < 60; i++) {
        e[i] = random_expert(i);
        c[i] = (rs_team_candidate){&e[i], 0.4 + (double)rng_int(0, 500) / 1000.0};
    }
    rs_tor t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"team_size\":3,"
                      "\"fields\":[\"E.10\",\"A.20\"],\"competences\":[\"2\"],"
                      "\"languages\":[{\"code\":\"fr\"}],\"rules\":{\"max_same_nationality\":2}}");
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    rs_team_problem *p = rs_team_problem_new(&t, c, 60, NULL);
    rs_team best[3];
    long found = rs_team_search(p, 3, best);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    fprintf(stderr, "team of 3 over 60: %.3f ms, %zu nodes\n", ms, rs_team_nodes(p));
    assert_int_equal(found, 3);
    assert_true(ms < 100.0); /* the goal is a few ms; the margin is for sanitizers */
    rs_team_problem_free(p);
    rs_tor_free(&t);
    for (int i = 0; i < 60; i++)
        rs_expert_free(&e[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_branch_and_bound_equals_brute_force),
        cmocka_unit_test(test_nationality_against_exhaustive),
        cmocka_unit_test(test_max_same_counts_every_holder),
        cmocka_unit_test(test_most_held_against_reference),
        cmocka_unit_test(test_nationality_many_held),
        cmocka_unit_test(test_dual_national_counts_for_whichever_helps),
        cmocka_unit_test(test_min_nationalities_and_max_same),
        cmocka_unit_test(test_languages_covered),
        cmocka_unit_test(test_require),
        cmocka_unit_test(test_team_size_bounds),
        cmocka_unit_test(test_preferences),
        cmocka_unit_test(test_portfolio_penalty_moves_the_choice),
        cmocka_unit_test(test_portfolio_bad_days),
        cmocka_unit_test(test_speed_60_candidates_team_of_3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

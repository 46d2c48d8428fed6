/*
 * Nationality choice as a min-cost flow, exact for any team:
 *
 *   source -> member (cap 1) -> each of its nationalities (cap 1)
 *   nationality -> sink: one edge of cap 1 and cost -1 (its first member),
 *                        one edge of cap max_same-1 and cost 0 (the others)
 *
 * A flow that saturates every member is a choice respecting max_same, and
 * its cost is minus the number of distinct nationalities; successive
 * shortest paths give the cheapest full flow. Teams are tiny (at most a few
 * dozen nodes), so Bellman-Ford is plenty.
 *
 * A member with at least n nationalities can always take one no other
 * member uses, so only its first n are needed: that keeps hostile records
 * with hundreds of nationalities from blowing the graph up.
 */
#include "matcher/nationality.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int to, cap, cost, next;
} flow_edge;

typedef struct {
    flow_edge *e;
    int n_edges;
    int *head;
    int n_nodes;
} flow_graph;

static void add_edge(flow_graph *g, int from, int to, int cap, int cost)
{
    flow_edge *f = &g->e[g->n_edges], *b = &g->e[g->n_edges + 1];
    *f = (flow_edge){to, cap, cost, g->head[from]};
    g->head[from] = g->n_edges;
    *b = (flow_edge){from, 0, -cost, g->head[to]};
    g->head[to] = g->n_edges + 1;
    g->n_edges += 2;
}

/* One augmenting path of least cost from s to t; returns 0 when none.
 * dist and via are scratch arrays of n_nodes. */
static int augment(flow_graph *g, int s, int t, int *dist, int *via)
{
    for (int v = 0; v < g->n_nodes; v++) {
        dist[v] = INT_MAX;
        via[v] = -1;
    }
    dist[s] = 0;
    for (int round = 1, changed = 1; changed && round < g->n_nodes; round++) {
        changed = 0;
        for (int u = 0; u < g->n_nodes; u++) {
            if (dist[u] == INT_MAX)
                continue;
            for (int k = g->head[u]; k >= 0; k = g->e[k].next) {
                const flow_edge *ed = &g->e[k];
                if (ed->cap > 0 && dist[u] + ed->cost < dist[ed->to]) {
                    dist[ed->to] = dist[u] + ed->cost;
                    via[ed->to] = k;
                    changed = 1;
                }
            }
        }
    }
    if (dist[t] == INT_MAX)
        return 0;
    for (int v = t; v != s; v = g->e[via[v] ^ 1].to) {
        g->e[via[v]].cap--;
        g->e[via[v] ^ 1].cap++;
    }
    return 1;
}

/* The usual case, every member with one nationality: just count. */
static int assign_single(const rs_expert *const *members, size_t n, int max_same,
                         char (*assigned)[3])
{
    int distinct = 0;
    for (size_t i = 0; i < n; i++) {
        int same = 0, seen_before = 0;
        for (size_t k = 0; k < n; k++)
            if (strcmp(members[k]->nationalities[0], members[i]->nationalities[0]) == 0) {
                same++;
                seen_before |= k < i;
            }
        if (same > max_same)
            return -1;
        distinct += !seen_before;
        if (assigned)
            memcpy(assigned[i], members[i]->nationalities[0], 3);
    }
    return distinct;
}

static int code_index(char (*codes)[3], int *n_codes, const char *c)
{
    for (int i = 0; i < *n_codes; i++)
        if (strcmp(codes[i], c) == 0)
            return i;
    memcpy(codes[*n_codes], c, 3);
    return (*n_codes)++;
}

int rs_nationality_assign(const rs_expert *const *members, size_t n, int max_same,
                          char (*assigned)[3])
{
    if (max_same < 1)
        max_same = 1;
    int all_single = 1;
    for (size_t i = 0; i < n; i++)
        all_single &= members[i]->n_nationalities == 1;
    if (all_single)
        return assign_single(members, n, max_same, assigned);
    if (n > 64)
        return -2; /* far beyond any team; keeps the sizes below in int range */

    /* Nodes: 0 source, 1..n members, then codes, then the sink. */
    size_t max_codes = n * n;
    size_t max_edges = 2 * (n + n * n + 2 * max_codes);
    size_t max_nodes = 2 + n + max_codes;
    char (*codes)[3] = malloc(max_codes * sizeof *codes + 1);
    flow_edge *edges = malloc(max_edges * sizeof *edges);
    int *ints = malloc(3 * max_nodes * sizeof *ints);
    int *member_code = malloc(n * n * sizeof *member_code + 1);
    int rc = -2;
    if (!codes || !edges || !ints || !member_code)
        goto done;

    int n_codes = 0;
    for (size_t i = 0; i < n; i++) {
        size_t take = members[i]->n_nationalities < n ? members[i]->n_nationalities : n;
        for (size_t k = 0; k < n; k++)
            member_code[i * n + k] =
                k < take ? code_index(codes, &n_codes, members[i]->nationalities[k]) : -1;
    }
    flow_graph g = {.e = edges, .head = ints, .n_nodes = (int)n + n_codes + 2};
    int sink = g.n_nodes - 1;
    for (int v = 0; v < g.n_nodes; v++)
        g.head[v] = -1;
    for (size_t i = 0; i < n; i++) {
        if (members[i]->n_nationalities == 0)
            continue; /* unknown: counts for nothing and limits nothing */
        add_edge(&g, 0, (int)i + 1, 1, 0);
        for (size_t k = 0; k < n && member_code[i * n + k] >= 0; k++)
            add_edge(&g, (int)i + 1, (int)n + 1 + member_code[i * n + k], 1, 0);
    }
    for (int c = 0; c < n_codes; c++) {
        add_edge(&g, (int)n + 1 + c, sink, 1, -1);
        if (max_same > 1)
            add_edge(&g, (int)n + 1 + c, sink, max_same - 1, 0);
    }

    int *dist = ints + max_nodes, *via = ints + 2 * max_nodes;
    size_t flow = 0, need = 0;
    for (size_t i = 0; i < n; i++)
        need += members[i]->n_nationalities > 0;
    while (flow < need && augment(&g, 0, sink, dist, via))
        flow++;
    if (flow < need) {
        rc = -1;
        goto done;
    }

    /* Read the choice off the saturated member -> code edges; dist is
     * free again and has room for a flag per code. */
    int *used = dist;
    memset(used, 0, (size_t)n_codes * sizeof *used);
    rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (assigned)
            assigned[i][0] = '\0';
        for (int k = g.head[i + 1]; k >= 0; k = g.e[k].next) {
            const flow_edge *ed = &g.e[k];
            if (ed->to > (int)n && ed->to < sink && ed->cap == 0 && (k & 1) == 0) {
                int c = ed->to - (int)n - 1;
                rc += !used[c];
                used[c] = 1;
                if (assigned)
                    memcpy(assigned[i], codes[c], 3);
            }
        }
    }
done:
    free(codes);
    free(edges);
    free(ints);
    free(member_code);
    return rc;
}

/* How many members hold code (each member holds a code at most once, as
 * records keep their nationalities distinct; a repeat is counted once). */
static int holders(const rs_expert *const *members, size_t n, const char *code)
{
    int count = 0;
    for (size_t i = 0; i < n; i++)
        count += rs_expert_holds(members[i], code);
    return count;
}

static int alpha2_index(const char *c)
{
    if (c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2])
        return -1;
    return (c[0] - 'A') * 26 + (c[1] - 'A');
}

/* The usual team (a few members, a nationality or two each): every held
 * code's holders counted directly. */
static int most_held_small(const rs_expert *const *members, size_t n, char code[3])
{
    int most = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < members[i]->n_nationalities; k++) {
            int now = holders(members, n, members[i]->nationalities[k]);
            if (now > most) {
                most = now;
                if (code)
                    memcpy(code, members[i]->nationalities[k], 3);
            }
        }
    return most;
}

/* Many nationalities held (a hostile record may hold hundreds): counted in
 * a table of every two-letter code, one pass; a code of another shape
 * (none passes import) is counted directly. */
static int most_held_many(const rs_expert *const *members, size_t n, char code[3])
{
    /* count[c]: holders of c so far; last[c]: the last of them, plus one,
     * so a code repeated within one member counts once. */
    unsigned count[26 * 26] = {0};
    size_t last[26 * 26] = {0};
    int most = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < members[i]->n_nationalities; k++) {
            const char *c = members[i]->nationalities[k];
            int at = alpha2_index(c), now;
            if (at < 0) {
                now = holders(members, n, c);
            } else if (last[at] == i + 1) {
                continue;
            } else {
                last[at] = i + 1;
                now = (int)++count[at];
            }
            if (now > most) {
                most = now;
                if (code)
                    memcpy(code, c, 3);
            }
        }
    return most;
}

int rs_nationality_most_held(const rs_expert *const *members, size_t n, char code[3])
{
    size_t held = 0;
    for (size_t i = 0; i < n; i++)
        held += members[i]->n_nationalities;
    if (code)
        code[0] = '\0';
    return held <= 32 ? most_held_small(members, n, code) : most_held_many(members, n, code);
}

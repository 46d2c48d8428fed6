/*
 * The HTTP transport of `roster serve`: a libmicrohttpd daemon whose
 * requests srv_handle() answers (server.h).
 *
 *   - a pool of polling threads, one per core, each serving many keep-alive
 *     connections; a change (any method but GET and HEAD) runs in a thread of
 *     its own while its connection is suspended, so a long import never
 *     holds up the reads polled by the same pool thread;
 *   - bounded requests: headers within the connection's memory limit, a body
 *     within max_body (413 before reading it when Content-Length says so,
 *     else once it grows past), a connection idle longer than the timeout
 *     closed, and a body still arriving after the timeout dropped, so a
 *     client trickling bytes cannot hold a connection for ever;
 *   - a clean stop: on SIGTERM or SIGINT the daemon stops accepting, lets the
 *     requests in flight finish, and returns.
 *
 * libmicrohttpd is loaded when the service starts (dlopen), not linked: it
 * brings GnuTLS and the eight libraries GnuTLS needs, which made every
 * roster process, a search as much as the service, take some 1.6 ms more
 * to start (docs/measurements.md). The header gives the functions' types.
 * The loader is intake/lazylib.c's, copied: server/ includes nothing below
 * lib/roster.h.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "server/server.h"

/* The library's file name, its SONAME (the Makefile reads it from the
 * library it compiles against), so the ABI compiled against is loaded. */
#ifndef RS_MHD_SONAME
#error "RS_MHD_SONAME: libmicrohttpd's SONAME, defined by the Makefile"
#endif
_Static_assert(sizeof RS_MHD_SONAME > 1,
               "RS_MHD_SONAME is empty: is libmicrohttpd installed?");

/* Every function used, as (field, symbol). */
#define FUNCTIONS(X)                                                \
    X(add_response_header, MHD_add_response_header)                 \
    X(create_response_from_buffer, MHD_create_response_from_buffer) \
    X(destroy_response, MHD_destroy_response)                       \
    X(get_connection_values, MHD_get_connection_values)             \
    X(get_daemon_info, MHD_get_daemon_info)                         \
    X(lookup_connection_value, MHD_lookup_connection_value)         \
    X(queue_response, MHD_queue_response)                           \
    X(quiesce_daemon, MHD_quiesce_daemon)                           \
    X(resume_connection, MHD_resume_connection)                     \
    X(start_daemon, MHD_start_daemon)                               \
    X(stop_daemon, MHD_stop_daemon)                                 \
    X(suspend_connection, MHD_suspend_connection)

#define FIELD(field, symbol) __typeof__(symbol) *field;
static struct functions {
    FUNCTIONS(FIELD)
} mhd;

#define SYMBOL(field, symbol) {#symbol, offsetof(struct functions, field)},
static const struct {
    const char *name;
    size_t at;
} symbols[] = {FUNCTIONS(SYMBOL)};

/* dlsym's object pointer is copied into a function pointer's bytes, as
 * POSIX allows and ISO C has no conversion for. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers as wide as void *");

/* Fill the table, or print what is missing and return -1. RTLD_NOW: a
 * library that lacks a symbol is refused here rather than at its first
 * call. It stays loaded for the process's life, as a linked one would. */
static int load(void)
{
    void *lib = dlopen(RS_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "roster serve: %s is not installed (%s)\n", RS_MHD_SONAME, dlerror());
        return -1;
    }
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++) {
        void *f = dlsym(lib, symbols[i].name);
        if (!f) {
            fprintf(stderr, "roster serve: %s has no %s (%s)\n", RS_MHD_SONAME,
                    symbols[i].name, dlerror());
            return -1;
        }
        memcpy((char *)&mhd + symbols[i].at, &f, sizeof f);
    }
    return 0;
}

typedef struct {
    srv_options o;
    atomic_long in_flight; /* requests begun and not yet completed */
} daemon_state;

/* A name/value list collected from the connection. */
typedef struct {
    srv_pair *items;
    size_t n, cap;
    int failed;
} pair_list;

/* One request's state across the handler's calls. */
typedef struct {
    daemon_state *d;
    struct MHD_Connection *mc;
    struct timespec start;
    char *body;
    size_t len, cap;
    int too_big;
    char method[16];
    char *path;              /* for the access log, without the query */
    pair_list headers, args;
    srv_request req;
    srv_response res;
    atomic_int job;          /* a change in its own thread: JOB_RUNNING, then JOB_DONE */
    int status;              /* what was sent, for the log */
} request;

enum { JOB_NONE, JOB_RUNNING, JOB_DONE };

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1e3 + (now.tv_nsec - since->tv_nsec) / 1e6;
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    pair_list *l = cls;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        srv_pair *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            l->failed = 1;
            return MHD_NO;
        }
        l->items = items, l->cap = cap;
    }
    /* "?flag" has no value: an empty one. */
    l->items[l->n++] = (srv_pair){key, value ? value : ""};
    return MHD_YES;
}

/* A copy of the path fit for a log line: control characters made '?'. */
static char *log_path(const char *url)
{
    char *p = strndup(url, 200);
    for (char *c = p; c && *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
    return p;
}

static request *request_new(daemon_state *d, struct MHD_Connection *mc, const char *url,
                            const char *method)
{
    request *rq = calloc(1, sizeof *rq);
    if (!rq) return NULL;
    rq->d = d;
    rq->mc = mc;
    clock_gettime(CLOCK_MONOTONIC, &rq->start);
    snprintf(rq->method, sizeof rq->method, "%s", method);
    rq->path = log_path(url);
    atomic_fetch_add(&d->in_flight, 1);
    return rq;
}

static void request_free(request *rq)
{
    free(rq->body);
    free(rq->path);
    free(rq->headers.items);
    free(rq->args.items);
    srv_response_free(&rq->res);
    free(rq);
}

/* Take a chunk of the body; past max_body the rest is read and dropped. */
static void take_body(request *rq, const char *data, size_t size)
{
    size_t max = rq->d->o.cfg.max_body;
    if (rq->too_big || size > max - rq->len) {
        rq->too_big = 1;
        free(rq->body);
        rq->body = NULL;
        rq->len = rq->cap = 0;
        return;
    }
    if (rq->len + size > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 4096;
        while (cap < rq->len + size) cap *= 2;
        if (cap > max) cap = max;
        char *b = realloc(rq->body, cap);
        if (!b) {
            /* No memory for the body: answered as too large for this server. */
            rq->too_big = 1;
            return;
        }
        rq->body = b, rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, size);
    rq->len += size;
}

static enum MHD_Result send_response(request *rq)
{
    srv_response *res = &rq->res;
    struct MHD_Response *r =
        mhd.create_response_from_buffer(res->len, res->body ? res->body : (char *)"",
                                        res->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    res->body = NULL; /* the response owns it now */
    mhd.add_response_header(r, "Content-Type", res->type ? res->type : "text/plain");
    /* Answers hold personal data: no cache keeps them (the app's own files
     * say otherwise), no page frames them, and a page runs the service's own
     * scripts and styles only. */
    int cache_said = 0;
    for (size_t i = 0; i < res->n_headers; i++) {
        mhd.add_response_header(r, res->header_name[i], res->header_value[i]);
        cache_said |= strcmp(res->header_name[i], "Cache-Control") == 0;
    }
    if (!cache_said) mhd.add_response_header(r, "Cache-Control", "no-store");
    mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    mhd.add_response_header(r, "Referrer-Policy", "same-origin");
    mhd.add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    rq->status = res->status;
    enum MHD_Result ok = mhd.queue_response(rq->mc, (unsigned)res->status, r);
    mhd.destroy_response(r);
    return ok;
}

static enum MHD_Result send_error(request *rq, int status, const char *msg)
{
    srv_response_free(&rq->res);
    srv_reply_error(&rq->res, status, msg, NULL);
    return send_response(rq);
}

/* 413, naming the limit as --max-body sets it (MB), so the client knows
 * what to split its upload into. */
static enum MHD_Result send_too_big(request *rq)
{
    size_t max = rq->d->o.cfg.max_body;
    char msg[96];
    if (max % (1u << 20) == 0)
        snprintf(msg, sizeof msg, "the body is over the limit of %zu MB", max >> 20);
    else
        snprintf(msg, sizeof msg, "the body is over the limit of %zu bytes", max);
    return send_error(rq, 413, msg);
}

/* Fill rq->req from the connection and the body received. */
static int make_request(request *rq, const char *url)
{
    mhd.get_connection_values(rq->mc, MHD_HEADER_KIND, collect, &rq->headers);
    mhd.get_connection_values(rq->mc, MHD_GET_ARGUMENT_KIND, collect, &rq->args);
    if (rq->headers.failed || rq->args.failed) return -1;
    rq->req = (srv_request){.method = rq->method,
                            .path = url,
                            .args = rq->args.items,
                            .n_args = rq->args.n,
                            .headers = rq->headers.items,
                            .n_headers = rq->headers.n,
                            .body = rq->body,
                            .body_len = rq->len};
    return 0;
}

/* A change's own thread: answer, then wake the suspended connection. */
static void *run_job(void *arg)
{
    request *rq = arg;
    srv_handle(&rq->d->o.cfg, &rq->req, &rq->res);
    srv_reader_park(&rq->d->o.cfg);
    atomic_store(&rq->job, JOB_DONE);
    mhd.resume_connection(rq->mc);
    return NULL;
}

static int start_job(request *rq)
{
    pthread_attr_t attr;
    pthread_t t;
    if (pthread_attr_init(&attr) != 0) return -1;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    atomic_store(&rq->job, JOB_RUNNING);
    mhd.suspend_connection(rq->mc);
    int rc = pthread_create(&t, &attr, run_job, rq);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        atomic_store(&rq->job, JOB_NONE);
        mhd.resume_connection(rq->mc);
        return -1;
    }
    return 0;
}

static int is_read(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
    (void)version;
    daemon_state *d = cls;
    request *rq = *state;
    if (!rq) {
        if (!(rq = request_new(d, mc, url, method))) return MHD_NO;
        *state = rq;
        const char *cl = mhd.lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > d->o.cfg.max_body)
            return send_too_big(rq);
        return MHD_YES;
    }
    if (*upload_size) {
        /* A body still arriving after the timeout: the client is too slow. */
        if (elapsed_ms(&rq->start) > d->o.timeout * 1e3) return MHD_NO;
        take_body(rq, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (atomic_load(&rq->job) == JOB_DONE) return send_response(rq);
    if (atomic_load(&rq->job) == JOB_RUNNING) return MHD_YES;
    if (rq->too_big) return send_too_big(rq);
    if (make_request(rq, url) != 0) return send_error(rq, 500, "out of memory");
    if (!is_read(method) && start_job(rq) == 0) return MHD_YES;
    srv_handle(&d->o.cfg, &rq->req, &rq->res);
    return send_response(rq);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    (void)mc;
    daemon_state *d = cls;
    request *rq = *state;
    if (!rq) return;
    if (d->o.access_log)
        fprintf(stderr, "%s %s %d %.1fms%s\n", rq->method, rq->path ? rq->path : "",
                rq->status, elapsed_ms(&rq->start),
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
                : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " (timed out)"
                                                               : " (closed)");
    request_free(rq);
    *state = NULL;
    atomic_fetch_sub(&d->in_flight, 1);
}

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) ||
               (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

static struct MHD_Daemon *start(daemon_state *d, const struct addrinfo *ai)
{
    unsigned threads = d->o.threads;
    if (!threads) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (unsigned)cores : 1;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    return mhd.start_daemon(
        flags, 0, NULL, NULL, on_request, d,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, d->o.timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, 512u,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, d,
        MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_END);
}

/* Stop accepting, let the requests in flight finish (a bounded while),
 * then stop. */
static void stop(daemon_state *d, struct MHD_Daemon *daemon)
{
    MHD_socket listen = mhd.quiesce_daemon(daemon);
    if (listen != MHD_INVALID_SOCKET) close(listen);
    double limit = d->o.timeout * 1e3 + 5000, waited = 0;
    while (atomic_load(&d->in_flight) > 0 && waited < limit) {
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
        waited += 10;
    }
    mhd.stop_daemon(daemon);
}

int srv_run(const srv_options *o)
{
    daemon_state d = {.o = *o};
    atomic_init(&d.in_flight, 0);
    char port[16];
    snprintf(port, sizeof port, "%u", o->port);
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(o->host, port, &hints, &ai);
    if (rc != 0) {
        fprintf(stderr, "roster serve: %s: %s\n", o->host, gai_strerror(rc));
        return -1;
    }
    if (load() != 0) {
        freeaddrinfo(ai);
        return -1;
    }
    /* The signals that stop the service are taken by sigwait below: blocked
     * here, before the daemon's threads start, so every thread inherits it. */
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stops, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *daemon = start(&d, ai);
    if (!daemon) {
        fprintf(stderr, "roster serve: cannot listen on %s:%u (%s)\n", o->host, o->port,
                errno ? strerror(errno) : "address in use or not available");
        freeaddrinfo(ai);
        return -1;
    }
    if (!is_loopback(ai->ai_addr))
        fprintf(stderr, "roster serve: warning: listening on %s, beyond this machine, without "
                        "TLS: tokens and personal data would cross the network in clear; put "
                        "the service behind a TLS proxy (docs/service.md)\n", o->host);
    int v6 = ai->ai_family == AF_INET6;
    freeaddrinfo(ai);
    const union MHD_DaemonInfo *info = mhd.get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    printf("serving http://%s%s%s:%u/\n", v6 ? "[" : "", o->host, v6 ? "]" : "",
           info ? info->port : o->port);
    fflush(stdout);

    int sig = 0;
    while (sigwait(&stops, &sig) != 0)
        ;
    if (o->access_log) fprintf(stderr, "roster serve: %s: finishing requests in flight\n",
                               sig == SIGINT ? "SIGINT" : "SIGTERM");
    stop(&d, daemon);
    return 0;
}

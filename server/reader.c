/*
 * One reader handle per thread, kept between requests.
 *
 * Opening a roster costs more than most searches (SQLite, the index, their
 * checks: about half a millisecond), and a reader used again is faster
 * still (it keeps the posting lists, lengths and documents it read: a match
 * at 100,000 experts takes 13 ms warm, 50 cold). So each thread keeps its
 * reader and brings it up to date before every request (rs_roster_refresh:
 * cheap when nothing was committed since). A thread made for one request
 * (http.c: every method but GET and HEAD) parks its reader when done, and
 * the next such thread takes it up. A reader is closed when its thread
 * ends unparked, or past PARKED_MAX. Handles are never shared between
 * threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int key_ok;

static void close_reader(void *r) { rs_roster_close(r); }

static void make_key(void) { key_ok = pthread_key_create(&key, close_reader) == 0; }

/* The account a reader acts as before authentication says who asks. */
#define NOBODY "web"

/* Readers parked by the threads of single requests, with the data
 * directory and index each reads. As many as a 2-core machine's polling
 * threads: each costs what it keeps (docs/service.md). */
#define PARKED_MAX 2
typedef struct {
    rs_roster *r;
    char *db, *index;
} parked_reader;
static pthread_mutex_t parked_lock = PTHREAD_MUTEX_INITIALIZER;
static parked_reader parked[PARKED_MAX];
static size_t n_parked;

static int same(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* Take parked[i] out of the list (its reader is the caller's), under the lock. */
static rs_roster *take_parked(size_t i)
{
    rs_roster *r = parked[i].r;
    free(parked[i].db);
    free(parked[i].index);
    parked[i] = parked[--n_parked];
    return r;
}

/* A parked reader of what cfg reads, taken up; NULL when none. */
static rs_roster *unpark(const srv_config *cfg)
{
    rs_roster *r = NULL;
    pthread_mutex_lock(&parked_lock);
    for (size_t i = n_parked; i-- > 0 && !r;)
        if (same(parked[i].db, cfg->db) && same(parked[i].index, cfg->index.index))
            r = take_parked(i);
    pthread_mutex_unlock(&parked_lock);
    return r;
}

void srv_reader_park(const srv_config *cfg)
{
    pthread_once(&once, make_key);
    rs_roster *r = key_ok ? pthread_getspecific(key) : NULL;
    if (!r) return;
    pthread_setspecific(key, NULL);
    char *db = strdup(cfg->db), *index = cfg->index.index ? strdup(cfg->index.index) : NULL;
    pthread_mutex_lock(&parked_lock);
    if (db && (index || !cfg->index.index) && n_parked < PARKED_MAX) {
        parked[n_parked++] = (parked_reader){r, db, index};
        r = NULL;
    }
    pthread_mutex_unlock(&parked_lock);
    if (r) {
        free(db);
        free(index);
        rs_roster_close(r);
    }
}

rs_roster *srv_reader(const srv_config *cfg, srv_response *res)
{
    pthread_once(&once, make_key);
    rs_roster *r = key_ok ? pthread_getspecific(key) : NULL;
    rs_status st = RS_OK;
    if (!r && key_ok && (r = unpark(cfg)) && pthread_setspecific(key, r) != 0) {
        rs_roster_close(r);
        r = NULL;
    }
    if (r && rs_roster_refresh(r) != RS_OK) {
        /* The roster went away or broke: start again from scratch. */
        srv_reader_release();
        r = NULL;
    }
    if (!r) {
        st = rs_roster_open_index(cfg->db, RS_OPEN_READ, NOBODY, &cfg->index, &r);
        if (st != RS_OK) {
            srv_reply_open_failure(res, r, st);
            rs_roster_close(r);
            return NULL;
        }
        if (key_ok && pthread_setspecific(key, r) != 0) {
            rs_roster_close(r);
            srv_reply_error(res, 500, "out of memory", NULL);
            return NULL;
        }
    }
    st = rs_roster_set_account(r, NOBODY);
    if (st != RS_OK) {
        srv_reply_open_failure(res, r, st);
        return NULL;
    }
    return r;
}

void srv_reader_release(void)
{
    pthread_once(&once, make_key);
    pthread_mutex_lock(&parked_lock);
    while (n_parked > 0)
        rs_roster_close(take_parked(n_parked - 1));
    pthread_mutex_unlock(&parked_lock);
    if (!key_ok) return;
    rs_roster_close(pthread_getspecific(key));
    pthread_setspecific(key, NULL);
}

/*
 * One reader handle per thread, kept between requests.
 *
 * Opening a roster costs more than most searches (SQLite, the index, their
 * checks: about half a millisecond), so each thread keeps its reader and
 * brings it up to date before every request (rs_roster_refresh: cheap when
 * nothing was committed since). A thread's reader is closed when the thread
 * ends. Handles are never shared between threads.
 */
#include <pthread.h>

#include "server/server.h"

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int key_ok;

static void close_reader(void *r) { rs_roster_close(r); }

static void make_key(void) { key_ok = pthread_key_create(&key, close_reader) == 0; }

/* The account a reader acts as before authentication says who asks. */
#define NOBODY "web"

rs_roster *srv_reader(const srv_config *cfg, srv_response *res)
{
    pthread_once(&once, make_key);
    rs_roster *r = key_ok ? pthread_getspecific(key) : NULL;
    rs_status st = RS_OK;
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
    if (!key_ok) return;
    rs_roster_close(pthread_getspecific(key));
    pthread_setspecific(key, NULL);
}

/*
 * The access file, DIR/access.sqlite: the audit trail and the accounts of
 * the web service (lib/audit.c, lib/accounts.c). It is a file of its own,
 * apart from the store, so that recording a read or spending a sign-in code
 * never waits behind an import holding the store's write transaction
 * (docs/records.md). Private to lib/.
 */
#ifndef RS_LIB_ACCESS_H
#define RS_LIB_ACCESS_H

#include <sqlite3.h>
#include "lib/private.h"

#define RS_ACCESS_FILE "access.sqlite"
#define RS_ACCESS_SCHEMA_VERSION 1

/* The access file of the handle's data directory, opened on first use and
 * kept on the handle (closed by rs_roster_close). With create, a missing
 * file is made (owner-only, WAL); without, a missing file is
 * RS_ERR_NOT_FOUND (message set) and nothing is made. RS_ERR_DENIED when
 * this user may not write the data directory (a read-only mount, another
 * user's roster): nothing can be recorded there. */
rs_status rs_access_db(rs_roster *r, int create, sqlite3 **out);
/* Fail the call with SQLite's message for what failed (rs_fail). */
rs_status rs_access_fail(rs_roster *r, int rc, const char *what);
/* Close the handle's access file (rs_roster_close). */
void rs_access_close(rs_roster *r);
/* Seconds since 1970 now (expiry of codes and sessions). */
int64_t rs_access_now(void);

#endif

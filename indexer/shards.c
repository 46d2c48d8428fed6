/* An index in shards. See shards.h. */
#include "indexer/shards.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"

size_t rs_shard_of(const char *id, size_t n)
{
    return n > 1 ? (size_t)(rs_id_hash(id) % n) : 0;
}

void rs_shard_path(const char *dir, size_t k, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/shard-%zu", dir, k);
}

int rs_shards_write_stub(const char *dir, size_t n)
{
    char path[4096], line[64];
    snprintf(path, sizeof path, "%s/%s", dir, RS_SHARD_STUB);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return -1;
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        int len = snprintf(line, sizeof line, "auto shard-%zu\n", k);
        rc = write(fd, line, (size_t)len) == len ? 0 : -1;
    }
    if (rc == 0) rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    return rc;
}

size_t rs_shards_count(const char *dir)
{
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/%s", dir, RS_SHARD_STUB);
    FILE *f = fopen(path, "r");
    if (!f) return 1;
    size_t n = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "auto ", 5) == 0) n++;
    fclose(f);
    return n ? n : 1;
}

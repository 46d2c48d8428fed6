/* Records packed for the store. See pack.h. */
#include "core/pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define FORMAT_DEFLATE_V1 1 /* raw deflate with DICTIONARY below */
#define MAX_RECORD (64u << 20) /* far above any record: a bad length is refused */

/* The canonical record's keys in their order, and its commonest values:
 * deflate finds them here from a record's first byte on. Stored records
 * need this exact text to be read: a change is a new format number. */
static const char DICTIONARY[] =
    "{\"id\":\"\",\"name\":\"\",\"gender\":\"F\",\"gender\":\"M\",\"nationalities\":[\"\"],"
    "\"residence\":\"\",\"status\":\"retired_public\",\"status\":\"public\",\"employer\":\"\","
    "\"languages\":[{\"code\":\"\",\"level\":\"native\"},{\"code\":\"en\",\"level\":\"B2\"},"
    "{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"\"],\"competences\":[\"\"],"
    "\"cv_lang\":\"\",\"summary\":\"\",\"experience\":[{\"from\":\"\",\"to\":\"\",\"employer\":\"\","
    "\"role\":\"\",\"country\":\"\",\"text\":\"\"}],\"education\":[{\"year\":,\"degree\":\"\","
    "\"field\":\"\",\"institution\":\"\"}],\"missions\":[{\"action\":\"\",\"country\":\"\","
    "\"from\":\"\",\"to\":\"\",\"days\":}],\"unavailable\":[{\"from\":\"\",\"to\":\"\"}],"
    "\"registered\":\"\"}";

/* Format byte, then the text's length as 4 bytes little-endian. */
#define HEADER 5

struct rs_packer {
    z_stream z;
};

rs_packer *rs_packer_new(void)
{
    rs_packer *p = calloc(1, sizeof *p);
    if (p && deflateInit2(&p->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 9,
                          Z_DEFAULT_STRATEGY) != Z_OK) {
        free(p);
        return NULL;
    }
    return p;
}

void rs_packer_free(rs_packer *p)
{
    if (!p) return;
    deflateEnd(&p->z);
    free(p);
}

int rs_pack_record(rs_packer *p, const char *text, size_t len, unsigned char **out,
                   size_t *out_len)
{
    *out = NULL;
    if (len > MAX_RECORD || deflateReset(&p->z) != Z_OK) return -1;
    z_stream *z = &p->z;
    uLong cap = deflateBound(z, (uLong)len) + HEADER;
    unsigned char *buf = malloc(cap);
    if (!buf || deflateSetDictionary(z, (const Bytef *)DICTIONARY, sizeof DICTIONARY - 1) != Z_OK) {
        free(buf);
        return -1;
    }
    buf[0] = FORMAT_DEFLATE_V1;
    for (int i = 0; i < 4; i++) buf[1 + i] = (unsigned char)(len >> (8 * i));
    z->next_in = (Bytef *)text;
    z->avail_in = (uInt)len;
    z->next_out = buf + HEADER;
    z->avail_out = (uInt)(cap - HEADER);
    if (deflate(z, Z_FINISH) != Z_STREAM_END) {
        free(buf);
        return -1;
    }
    *out = buf;
    *out_len = HEADER + z->total_out;
    return 0;
}

int rs_unpack_record(const unsigned char *data, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    if (len < HEADER || data[0] != FORMAT_DEFLATE_V1) return -1;
    uint32_t n = 0;
    for (int i = 0; i < 4; i++) n |= (uint32_t)data[1 + i] << (8 * i);
    if (n > MAX_RECORD) return -1;
    char *text = malloc((size_t)n + 1);
    z_stream z = {0};
    if (!text || inflateInit2(&z, -15) != Z_OK) {
        free(text);
        return -1;
    }
    int rc = inflateSetDictionary(&z, (const Bytef *)DICTIONARY, sizeof DICTIONARY - 1);
    z.next_in = (Bytef *)data + HEADER;
    z.avail_in = (uInt)(len - HEADER);
    z.next_out = (Bytef *)text;
    z.avail_out = n;
    if (rc == Z_OK) rc = inflate(&z, Z_FINISH);
    int ok = rc == Z_STREAM_END && z.total_out == n && z.avail_in == 0;
    inflateEnd(&z);
    if (!ok) {
        free(text);
        return -1;
    }
    text[n] = 0;
    *out = text;
    *out_len = n;
    return 0;
}

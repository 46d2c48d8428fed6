/* A record packed for the store: the canonical JSON deflated (zlib, raw
 * deflate) with a fixed preset dictionary of the record's keys, so that
 * even a record of a few hundred bytes shrinks by half. The first byte
 * names the format; a store keeps a packed record as a BLOB and a record
 * written before packing as TEXT (core/store.h, schema 4). */
#ifndef RS_CORE_PACK_H
#define RS_CORE_PACK_H

#include <stddef.h>

/* A deflate state kept from record to record: making one costs more than
 * packing a record. */
typedef struct rs_packer rs_packer;

rs_packer *rs_packer_new(void);
void rs_packer_free(rs_packer *p);
/* text[0..len) packed into a malloc'd buffer (*out, *out_len); -1 when out
 * of memory. */
int rs_pack_record(rs_packer *p, const char *text, size_t len, unsigned char **out,
                   size_t *out_len);
/* The packed record data[0..len) as a malloc'd NUL-terminated text (*out,
 * *out_len bytes); -1 when it is not a packed record this roster reads or
 * out of memory. */
int rs_unpack_record(const unsigned char *data, size_t len, char **out, size_t *out_len);

#endif

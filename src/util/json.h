/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json - a small streaming JSON writer over a strbuf: objects, arrays,
 * strings (escaped per RFC 8259), integers, booleans and null, two-space
 * indented.  The writer places the commas; the caller the structure.
 */
#ifndef RM_JSON_H
#define RM_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "util/strbuf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf *sb;
	unsigned int depth;
	bool has_items[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, struct strbuf *sb);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);	/* NULL: null */
void json_u64(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* "0x%016llx": addresses stay exact where a reader's numbers are doubles */
void json_hex(struct json *j, uint64_t v);

/* key and value in one call */
static inline void json_kv_string(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_string(j, v);
}

static inline void json_kv_u64(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_u64(j, v);
}

static inline void json_kv_hex(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_hex(j, v);
}

static inline void json_kv_bool(struct json *j, const char *k, bool v)
{
	json_key(j, k);
	json_bool(j, v);
}

#endif

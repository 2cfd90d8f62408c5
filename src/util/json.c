// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "util/json.h"

void json_init(struct json *j, struct strbuf *sb)
{
	memset(j, 0, sizeof(*j));
	j->sb = sb;
}

static void indent(struct json *j)
{
	unsigned int i;

	strbuf_add(j->sb, "\n", 1);
	for (i = 0; i < j->depth; i++)
		strbuf_add(j->sb, "  ", 2);
}

/* before a value: the comma and the line, unless a key just went out */
static void value_begin(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth && j->has_items[j->depth])
		strbuf_add(j->sb, ",", 1);
	if (j->depth) {
		j->has_items[j->depth] = true;
		indent(j);
	}
}

static void container_begin(struct json *j, char c)
{
	value_begin(j);
	strbuf_add(j->sb, &c, 1);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void container_end(struct json *j, char c)
{
	bool items = j->has_items[j->depth];

	if (j->depth)
		j->depth--;
	if (items)
		indent(j);
	strbuf_add(j->sb, &c, 1);
	if (!j->depth)
		strbuf_add(j->sb, "\n", 1);
}

void json_object_begin(struct json *j) { container_begin(j, '{'); }
void json_object_end(struct json *j) { container_end(j, '}'); }
void json_array_begin(struct json *j) { container_begin(j, '['); }
void json_array_end(struct json *j) { container_end(j, ']'); }

/* the length of the valid UTF-8 sequence at p, 0 when it is not one */
static unsigned int utf8_len(const unsigned char *p)
{
	unsigned int n, i;

	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static void quoted(struct json *j, const char *s)
{
	const unsigned char *p;

	strbuf_add(j->sb, "\"", 1);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': strbuf_add(j->sb, "\\\"", 2); break;
		case '\\': strbuf_add(j->sb, "\\\\", 2); break;
		case '\n': strbuf_add(j->sb, "\\n", 2); break;
		case '\t': strbuf_add(j->sb, "\\t", 2); break;
		case '\r': strbuf_add(j->sb, "\\r", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_printf(j->sb, "\\u%04x", *p);
			else if (*p < 0x80)
				strbuf_add(j->sb, (const char *)p, 1);
			else if (utf8_len(p)) {
				strbuf_add(j->sb, (const char *)p, utf8_len(p));
				p += utf8_len(p) - 1;
			} else	/* DT strings are bytes: keep the JSON UTF-8 */
				strbuf_add(j->sb, "\\ufffd", 6);
		}
	}
	strbuf_add(j->sb, "\"", 1);
}

void json_key(struct json *j, const char *key)
{
	value_begin(j);
	quoted(j, key);
	strbuf_add(j->sb, ": ", 2);
	j->after_key = true;
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	value_begin(j);
	quoted(j, s);
}

void json_u64(struct json *j, uint64_t v)
{
	value_begin(j);
	strbuf_printf(j->sb, "%llu", (unsigned long long)v);
}

void json_bool(struct json *j, bool v)
{
	value_begin(j);
	strbuf_printf(j->sb, "%s", v ? "true" : "false");
}

void json_null(struct json *j)
{
	value_begin(j);
	strbuf_add(j->sb, "null", 4);
}

void json_hex(struct json *j, uint64_t v)
{
	value_begin(j);
	strbuf_printf(j->sb, "\"0x%016llx\"", (unsigned long long)v);
}

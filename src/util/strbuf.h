/* SPDX-License-Identifier: GPL-2.0 */
/*
 * strbuf - a growable text buffer for renderers and the boot log.
 *
 * Allocation failure is sticky: once a printf fails, ->oom stays set and
 * the text is whatever fitted, so renderers need no error path per line.
 */
#ifndef RM_STRBUF_H
#define RM_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *s;
	size_t len;
	size_t cap;
	bool oom;
};

#define STRBUF_INIT { NULL, 0, 0, false }

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
/* Detach the text (always NUL-terminated, never NULL unless oom). */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_release(struct strbuf *sb);

#endif

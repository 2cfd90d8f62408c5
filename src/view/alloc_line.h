/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alloc_line - what a write to an alloc file says: "SIZE [NAME]".
 */
#ifndef RM_ALLOC_LINE_H
#define RM_ALLOC_LINE_H

#include <stddef.h>
#include <stdint.h>

#define RM_ALLOC_LINE_MAX 4096

/*
 * The write's bytes (not a C string): one line, an optional final '\n',
 * SIZE in memparse's grammar read strictly (rm_memparse_strict) and not
 * 0, then an optional NAME: one path component of 1..255 bytes, neither
 * "." nor "..", no '/' and no control character.  0 with the size and
 * the NUL-terminated name ("" without one), or -EINVAL.
 */
int rm_parse_alloc_line(const char *buf, size_t len, uint64_t *size,
			char *name, size_t namelen);

#endif

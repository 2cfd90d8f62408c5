/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memparse - lib/cmdline.c memparse() and the simple_strtoull() under it.
 */
#ifndef RM_MEMPARSE_H
#define RM_MEMPARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * simple_strtoull(s, &end, 0): base from the prefix (0x hex, 0 octal,
 * else decimal), no sign, no leading space; wraps silently on overflow.
 * *end is s when no digit was read.
 */
uint64_t rm_simple_strtoull(const char *s, const char **end);

/*
 * memparse(): a number as above, then one optional K/M/G/T/P/E suffix
 * (either case, each a further << 10); bits shifted out are lost.
 */
uint64_t rm_memparse(const char *s, const char **end);

/*
 * rmemfs's strict reading of memparse's grammar, for sizes a user types:
 * the whole token (len bytes) must be one number with at most one
 * suffix, no sign, and a value that does not fit in 64 bits is -EINVAL
 * instead of wrapping.  0 and the value in *out, or -EINVAL.
 */
int rm_memparse_strict(const char *tok, size_t len, uint64_t *out);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memparse - lib/cmdline.c memparse() and the simple_strtoull() under it.
 */
#ifndef RM_MEMPARSE_H
#define RM_MEMPARSE_H

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

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kstrtox - lib/kstrtox.c kstrtoull(), the parser every sysfs store of
 * u-dma-buf runs its input through.
 */
#ifndef RM_KSTRTOX_H
#define RM_KSTRTOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* hex_to_bin() (lib/hexdump.c): a hex digit's value, -1 for anything else */
int rm_hex_to_bin(char c);

/*
 * _parse_integer_fixup_radix() for base 0: 16 after "0x"/"0X" followed by
 * a hex digit (which *s then skips), 8 after a leading "0", else 10.
 */
unsigned int rm_parse_integer_fixup_radix(const char **s, const char *end);
/*
 * _parse_integer_limit(): the digits of base from s (at most up to end),
 * into *res, wrapping; *overflow says a digit overflowed 64 bits.  The
 * number of digits read.
 */
size_t rm_parse_integer(const char *s, const char *end, unsigned int base,
			uint64_t *res, bool *overflow);

/*
 * kstrtoull(s, base 0, &res) over len bytes: one optional '+', the radix
 * from the prefix ("0x"/"0X" followed by a hex digit: 16; "0": 8; else
 * 10), at least one digit, then at most one '\n' and nothing else.
 * 0 and *res, -EINVAL (syntax), -ERANGE (does not fit in 64 bits).
 */
int rm_kstrtoull(const char *s, size_t len, uint64_t *res);

#endif

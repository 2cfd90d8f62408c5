/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kstrtox - lib/kstrtox.c kstrtoull(), the parser every sysfs store of
 * u-dma-buf runs its input through.
 */
#ifndef RM_KSTRTOX_H
#define RM_KSTRTOX_H

#include <stddef.h>
#include <stdint.h>

/*
 * kstrtoull(s, base 0, &res) over len bytes: one optional '+', the radix
 * from the prefix ("0x"/"0X" followed by a hex digit: 16; "0": 8; else
 * 10), at least one digit, then at most one '\n' and nothing else.
 * 0 and *res, -EINVAL (syntax), -ERANGE (does not fit in 64 bits).
 */
int rm_kstrtoull(const char *s, size_t len, uint64_t *res);

#endif

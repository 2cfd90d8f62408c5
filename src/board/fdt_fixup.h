/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fdt_fixup - what a bootloader writes into the board's DTB before the
 * kernel sees it: the RAM banks (U-Boot's fdt_fixup_memory_banks()),
 * for boards whose /memory the bootloader fills in.
 */
#ifndef RM_FDT_FIXUP_H
#define RM_FDT_FIXUP_H

#include <stddef.h>
#include <stdint.h>

#define RM_MAX_BANKS 16

struct rm_bank {
	uint64_t base;
	uint64_t size;
};

/*
 * "-o memory=" text: BASE+SIZE[,BASE+SIZE...] or SIZE alone (base 0 and
 * *base_given false).  0, or -EINVAL.
 */
int rm_parse_memory(const char *s, struct rm_bank *banks, unsigned int max,
		    unsigned int *n, int *base_given);

/*
 * fdt_fixup_memory_banks(): the first node named memory (or memory@...)
 * of the root, created when there is none, gets device_type "memory" and
 * reg = the banks in the root's cells.  *blob may be reallocated.  With
 * SIZE alone the bank starts at that node's unit address; a board with
 * no memory@BASE node then fails with -ENOENT.  0 or -errno, with the
 * reason in err.
 */
int rm_fdt_fixup_memory(void **blob, size_t *size, struct rm_bank *banks,
			unsigned int n, int base_given, char *err, size_t errlen);

#endif

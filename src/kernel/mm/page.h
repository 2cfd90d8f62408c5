/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page - arm64 4 KiB pages (asm/page.h) and get_order()
 * (include/asm-generic/getorder.h).  Every oracle kernel uses 4 KiB
 * pages; a .config asking for others is refused (kconfig.c).
 */
#ifndef RM_PAGE_H
#define RM_PAGE_H

#include <stdint.h>

#define RM_PAGE_SHIFT	12
#define RM_PAGE_SIZE	(1ULL << RM_PAGE_SHIFT)

static inline uint64_t rm_page_align(uint64_t addr)
{
	return (addr + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
}

static inline uint64_t rm_pfn_phys(uint64_t pfn)
{
	return pfn << RM_PAGE_SHIFT;
}

/*
 * get_order(): fls((size - 1) >> PAGE_SHIFT).  The kernel leaves size 0
 * undefined; the run-time computation wraps to 64 - 12 = 52, and 6.12's
 * coherent pool depends on exactly that (coherent.c).
 */
static inline unsigned int rm_get_order(uint64_t size)
{
	uint64_t n = (size - 1) >> RM_PAGE_SHIFT;

	return n ? 64 - (unsigned int)__builtin_clzll(n) : 0;
}

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * arch/arm64/mm/init.c: the initrd reservation of arm64_memblock_init()
 * and where zone_sizes_init() ends ZONE_DMA.
 */
#include "kernel/arm64/arm64.h"
#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

void rm_arm64_reserve_initrd(struct rm_board *b)
{
	uint64_t start, end, base;

	if (!dt_initrd(b->fdt, &start, &end))
		return;
	base = start & ~(RM_PAGE_SIZE - 1);
	end = rm_page_align(end);
	memblock_add(&b->mb, base, end - base);
	memblock_clear_nomap(&b->mb, base, end - base);
	memblock_reserve(&b->mb, base, end - base);
}

uint64_t rm_arm64_dma_phys_limit(struct rm_board *b)
{
	uint64_t start = memblock_start_of_dram(&b->mb);
	uint64_t end = memblock_end_of_dram(&b->mb);
	uint64_t mask = 0xffffffffULL, offset;

	if (!end)
		return 0;
	switch (b->profile->zone_dma) {
	case RM_ZONE_DMA_RAM_BLOCK:
		/* 4.19 max_zone_dma_phys() */
		offset = start & ~0xffffffffULL;
		return offset + SZ_4G < end ? offset + SZ_4G : end;
	case RM_ZONE_DMA_32BIT:
	default:
		/* 6.x max_zone_phys(32) */
		if (start > 0xffffffffULL)
			mask = ~0ULL;
		return (mask < end - 1 ? mask : end - 1) + 1;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * arch/arm64/mm/init.c: the initrd reservation of arm64_memblock_init(),
 * and zone_sizes_init(): where ZONE_DMA and ZONE_DMA32 end, from the
 * whole tree's dma-ranges, and the zone layout free_area_init() prints.
 */
#include "kernel/arm64/arm64.h"
#include "kernel/lib/sizes.h"
#include "kernel/of/address.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

#define U32_MAX 0xffffffffULL

/* PAGE_END - _PAGE_OFFSET(48): the linear map of a 48-bit VA kernel */
#define LINEAR_REGION_SIZE (1ULL << 47)

void rm_arm64_reserve_initrd(struct rm_board *b)
{
	uint64_t start, end, base, dram;

	if (!dt_initrd(b->fdt, &start, &end))
		return;
	base = start & ~(RM_PAGE_SIZE - 1);
	end = rm_page_align(end);
	/* an initrd the linear map cannot reach is dropped, with a WARN */
	dram = memblock_start_of_dram(&b->mb);
	if (base < dram || end > dram + LINEAR_REGION_SIZE) {
		if (bootlog_first_time(&b->initrd_warned))
			bootlog_warn(&b->log, "initrd not fully accessible via the "
				     "linear mapping -- please check your "
				     "bootloader ...", NULL);
		rm_report(b, "initrd-unreachable", RM_ERROR, "/chosen", "the "
			  "initrd [" RM_PA_FMT ", " RM_PA_FMT ") is not in the linear "
			  "map (RAM starts at " RM_PA_FMT "): the kernel drops it",
			  RM_PA(base), RM_PA(end), RM_PA(dram));
		return;
	}
	memblock_add(&b->mb, base, end - base);
	memblock_clear_nomap(&b->mb, base, end - base);
	memblock_reserve(&b->mb, base, end - base);
	rm_early_note(b, base, end - base, "initrd");
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* DMA_BIT_MASK(n) */
static uint64_t bit_mask(unsigned int n)
{
	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/* fls64(): the number of significant bits */
static unsigned int fls64(uint64_t x)
{
	return x ? 64 - (unsigned int)__builtin_clzll(x) : 0;
}

/* 6.1 max_zone_phys(zone_bits): RAM above a mask widens it */
static uint64_t max_zone_phys_bits(struct rm_board *b, unsigned int bits)
{
	uint64_t mask = bit_mask(bits);
	uint64_t start = memblock_start_of_dram(&b->mb);

	if (start > U32_MAX)
		mask = ~0ULL;
	else if (start > mask)
		mask = U32_MAX;
	return min_u64(mask, memblock_end_of_dram(&b->mb) - 1) + 1;
}

/* 6.12 max_zone_phys(zone_limit) */
static uint64_t max_zone_phys_limit(struct rm_board *b, uint64_t limit)
{
	return min_u64(limit, memblock_end_of_dram(&b->mb) - 1) + 1;
}

/* free_area_init(): "Zone ranges:" and the node's memory */
static void print_zones(struct rm_board *b, const uint64_t *max_zone_pfn,
			const char *const *names, unsigned int nr_zones)
{
	uint64_t start = memblock_start_of_dram(&b->mb) >> RM_PAGE_SHIFT;
	uint64_t lo = UINT64_MAX, hi = 0;
	unsigned int i;
	size_t r;

	rm_info(b, "Zone ranges:");
	for (i = 0; i < nr_zones; i++) {
		uint64_t end = max_zone_pfn[i] > start ? max_zone_pfn[i] : start;

		if (end == start)
			rm_info(b, "  %-8s empty", names[i]);
		else
			rm_info(b, "  %-8s [mem 0x%016llx-0x%016llx]", names[i],
				(unsigned long long)(start << RM_PAGE_SHIFT),
				(unsigned long long)((end << RM_PAGE_SHIFT) - 1));
		start = end;
	}
	rm_info(b, "Movable zone start for each node");
	rm_info(b, "Early memory node ranges");
	for (r = 0; r < b->mb.memory.cnt; r++) {
		const struct mb_region *m = &b->mb.memory.r[r];
		uint64_t s = rm_page_align(m->base) >> RM_PAGE_SHIFT;
		uint64_t e = (m->base + m->size) >> RM_PAGE_SHIFT;

		if (s >= e)
			continue;
		rm_info(b, "  node %3d: [mem 0x%016llx-0x%016llx]", 0,
			(unsigned long long)(s << RM_PAGE_SHIFT),
			(unsigned long long)((e << RM_PAGE_SHIFT) - 1));
		lo = s < lo ? s : lo;
		hi = e > hi ? e : hi;
	}
	if (hi)
		rm_info(b, "Initmem setup node 0 [mem 0x%016llx-0x%016llx]",
			(unsigned long long)(lo << RM_PAGE_SHIFT),
			(unsigned long long)((hi << RM_PAGE_SHIFT) - 1));
}

/* the zones in whole pages, as free_area_init() spans them */
static void zone_ends(struct rm_board *b)
{
	uint64_t dma = b->dma_phys_limit & ~(RM_PAGE_SIZE - 1);
	uint64_t dma32 = b->dma32_phys_limit & ~(RM_PAGE_SIZE - 1);

	if (b->profile->zone_dma == RM_ZONE_DMA_RAM_BLOCK) {
		b->zone_end[0] = dma32;		/* DMA32, Normal */
		b->zone_end[1] = ~0ULL;
		b->nr_zones = 2;
		return;
	}
	b->zone_end[0] = dma;			/* DMA, DMA32, Normal */
	b->zone_end[1] = dma32 > dma ? dma32 : dma;
	b->zone_end[2] = ~0ULL;
	b->nr_zones = 3;
}

void rm_arm64_zone_limits(struct rm_board *b)
{
	uint64_t start = memblock_start_of_dram(&b->mb);
	uint64_t end = memblock_end_of_dram(&b->mb);

	if (!end)
		return;		/* no RAM: the kernel would not get here */
	b->dt_dma_limit = rm_of_dma_get_max_cpu_address(b);
	switch (b->profile->zone_dma) {
	case RM_ZONE_DMA_RAM_BLOCK:
		/* 4.19 max_zone_dma_phys(): ZONE_DMA32 only, no dma-ranges */
		b->dma_phys_limit = min_u64((start & ~U32_MAX) + SZ_4G, end);
		b->dma32_phys_limit = b->dma_phys_limit;
		b->zone_dma_limit = b->dma_phys_limit - 1;
		break;
	case RM_ZONE_DMA_BITS:
		b->zone_dma_bits = (unsigned int)min_u64(32, fls64(b->dt_dma_limit));
		b->zone_dma_limit = bit_mask(b->zone_dma_bits);
		b->dma_phys_limit = max_zone_phys_bits(b, b->zone_dma_bits);
		b->dma32_phys_limit = max_zone_phys_bits(b, 32);
		break;
	case RM_ZONE_DMA_LIMIT:
	default:
		b->zone_dma_limit = b->dt_dma_limit;
		/* keep the low RAM DMA zone on platforms that have RAM there */
		if (start < U32_MAX)
			b->zone_dma_limit = min_u64(b->zone_dma_limit, U32_MAX);
		b->dma_phys_limit = max_zone_phys_limit(b, b->zone_dma_limit);
		b->dma32_phys_limit = max_zone_phys_limit(b, U32_MAX);
		break;
	}
	zone_ends(b);
}

void rm_arm64_free_area_init(struct rm_board *b)
{
	static const char *const names_6[] = { "DMA", "DMA32", "Normal", "Device" };
	static const char *const names_4_19[] = { "DMA32", "Normal" };
	uint64_t end = memblock_end_of_dram(&b->mb);
	uint64_t pfns[4];

	if (!end)
		return;
	if (b->profile->zone_dma == RM_ZONE_DMA_RAM_BLOCK) {
		pfns[0] = b->dma32_phys_limit >> RM_PAGE_SHIFT;
		pfns[1] = end >> RM_PAGE_SHIFT;
		print_zones(b, pfns, names_4_19, 2);
		return;
	}
	pfns[0] = b->dma_phys_limit >> RM_PAGE_SHIFT;
	pfns[1] = b->dma32_phys_limit >> RM_PAGE_SHIFT;
	pfns[2] = end >> RM_PAGE_SHIFT;
	pfns[3] = 0;	/* ZONE_DEVICE */
	print_zones(b, pfns, names_6, b->profile->zone_device_line ? 4 : 3);
}

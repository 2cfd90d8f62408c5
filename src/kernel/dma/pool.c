// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA atomic pools (kernel/dma/pool.c dma_atomic_pool_init(); 4.19:
 * arm64's atomic_pool_init()).  Each pool is allocated at boot; 6.x tries
 * the default CMA area first when it sits inside the pool's zone
 * (cma_in_zone()), then the page allocator, halving the order until one
 * fits.
 */
#include <string.h>

#include "kernel/dma/pool.h"
#include "kernel/lib/sizes.h"
#include "kernel/system.h"

static uint64_t totalram_pages(struct rm_board *b)
{
	/* managed pages: free memory at the end of boot plus CMA areas */
	uint64_t pages = b->sys.total_pages;
	unsigned int i;

	for (i = 0; i < b->cma.nr; i++)
		pages += b->cma.areas[i]->count;
	return pages;
}

static bool atomic_pool_from_cma(struct rm_board *b, struct rm_atomic_pool *ap,
				 unsigned int order)
{
	struct rm_cma *cma = b->default_cma;
	uint64_t end, pfn;

	if (!cma || !cma->count)
		return false;
	/* cma_in_zone(): the area must sit inside the pool's zone */
	end = ((cma->base_pfn + cma->count) << RM_PAGE_SHIFT) - 1;
	if (!strcmp(ap->gfp, "GFP_KERNEL|GFP_DMA") ||
	    !strcmp(ap->gfp, "GFP_KERNEL|GFP_DMA32"))
		if (end > 0xffffffffULL)
			return false;
	pfn = cma_alloc(cma, 1ULL << order,
			order < b->kconfig.cma_alignment ? order : b->kconfig.cma_alignment,
			false);
	if (!pfn)
		return false;
	ap->phys = pfn << RM_PAGE_SHIFT;
	ap->from_cma = true;
	return true;
}

static void atomic_pool_expand(struct rm_board *b, struct rm_atomic_pool *ap,
			       uint64_t pool_size)
{
	unsigned int order = rm_get_order(pool_size);

	if (order > b->profile->page_alloc.max_order)
		order = b->profile->page_alloc.max_order;
	for (;;) {
		ap->size = RM_PAGE_SIZE << order;
		if (atomic_pool_from_cma(b, ap, order) ||
		    !sysmem_alloc(&b->sys, order, UINT64_MAX, &ap->phys)) {
			ap->ok = true;
			break;
		}
		if (!order--)
			break;
	}
}

/* 4.19 arm64 atomic_pool_init(): one pool, from the default area first */
static void atomic_pool_init_4_19(struct rm_board *b)
{
	struct rm_atomic_pool *ap = &b->atomic[b->nr_atomic++];
	uint64_t size = b->cl.coherent_pool_given ? b->cl.coherent_pool : SZ_256K;
	unsigned int order = rm_get_order(size);

	ap->gfp = "";
	ap->size = size;
	if (b->default_cma) {
		uint64_t pfn = cma_alloc(b->default_cma, size >> RM_PAGE_SHIFT,
					 order < b->kconfig.cma_alignment ?
					 order : b->kconfig.cma_alignment, false);

		ap->phys = rm_pfn_phys(pfn);
		ap->ok = ap->from_cma = pfn != 0;
	} else {
		ap->ok = !sysmem_alloc(&b->sys, order, 0xffffffffULL, &ap->phys);
	}
	if (ap->ok)
		rm_info(b, "DMA: preallocated %llu KiB pool for atomic "
			"allocations", (unsigned long long)(size >> 10));
	else
		rm_err(b, "DMA: failed to allocate %llu KiB pool for atomic "
		       "coherent allocation", (unsigned long long)(size >> 10));
}

/* 6.x: coherent_pool=, else 128 KiB per GiB of managed memory (1..4 MiB) */
static uint64_t atomic_pool_size(struct rm_board *b)
{
	uint64_t pages;

	if (b->cl.coherent_pool_given)
		return b->cl.coherent_pool;
	pages = totalram_pages(b) / 8192;
	if (pages > 1024)
		pages = 1024;
	return pages << RM_PAGE_SHIFT < SZ_128K ? SZ_128K : pages << RM_PAGE_SHIFT;
}

/* kernel/dma/pool.c dma_atomic_pool_init() (6.x) */
void rm_atomic_pools_init(struct rm_board *b)
{
	static const char *const gfp[] = {
		"GFP_KERNEL", "GFP_KERNEL|GFP_DMA", "GFP_KERNEL|GFP_DMA32"
	};
	uint64_t size;
	unsigned int i;

	if (!b->profile->atomic_pools_three)
		return atomic_pool_init_4_19(b);
	size = atomic_pool_size(b);
	for (i = 0; i < 3; i++) {
		struct rm_atomic_pool *ap = &b->atomic[b->nr_atomic];

		/* GFP_DMA only when ZONE_DMA has memory */
		if (i == 1 && memblock_start_of_dram(&b->mb) >= b->dma_phys_limit)
			continue;
		b->nr_atomic++;
		ap->gfp = gfp[i];
		atomic_pool_expand(b, ap, size);
		if (ap->ok)
			rm_info(b, "DMA: preallocated %llu KiB %s pool for atomic "
				"allocations", (unsigned long long)(ap->size >> 10),
				ap->gfp);
		else
			rm_err(b, "DMA: failed to allocate %llu KiB %s pool for "
			       "atomic allocation", (unsigned long long)(size >> 10),
			       ap->gfp);
	}
}

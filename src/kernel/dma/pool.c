// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA atomic pools (kernel/dma/pool.c dma_atomic_pool_init(); 4.19:
 * arm64's atomic_pool_init()).  Each pool is allocated at boot; 6.x tries
 * the default CMA area first when it sits inside the pool's zone
 * (cma_in_zone()), then the page allocator, halving the order until one
 * fits.
 */
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

enum pool_zone { POOL_KERNEL, POOL_DMA, POOL_DMA32 };

/*
 * cma_in_zone(): the default area must end inside the pool's zone: for
 * GFP_DMA below zone_dma_limit (6.1 the DMA_BIT_MASK(zone_dma_bits), not
 * ZONE_DMA's end), for GFP_DMA32 below 4 GiB or that limit.
 */
static bool cma_in_zone(struct rm_board *b, enum pool_zone z)
{
	struct rm_cma *cma = b->default_cma;
	uint64_t end;

	if (!cma || !cma->count)
		return false;
	end = rm_pfn_phys(cma->base_pfn + cma->count) - 1;
	if (z == POOL_DMA)
		return end <= b->zone_dma_limit;
	if (z == POOL_DMA32)
		return end <= (b->zone_dma_limit > 0xffffffffULL ?
			       b->zone_dma_limit : 0xffffffffULL);
	return true;
}

static uint64_t zone_top(struct rm_board *b, enum pool_zone z)
{
	static const enum rm_zone zone[] = {
		[POOL_KERNEL] = RM_ZONE_NORMAL,
		[POOL_DMA] = RM_ZONE_DMA,
		[POOL_DMA32] = RM_ZONE_DMA32,
	};

	return rm_zone_top(b, zone[z]);
}

/* atomic_pool_expand(): the default area first, then the page allocator */
static void atomic_pool_expand(struct rm_board *b, struct rm_atomic_pool *ap,
			       enum pool_zone z, uint64_t pool_size)
{
	unsigned int order = rm_get_order(pool_size);

	if (order > b->profile->page_alloc.max_order)
		order = b->profile->page_alloc.max_order;
	for (;;) {
		ap->size = RM_PAGE_SIZE << order;
		if (cma_in_zone(b, z)) {
			unsigned int align = order < b->kconfig.cma_alignment ?
					     order : b->kconfig.cma_alignment;
			uint64_t pfn = cma_alloc(b->default_cma, 1ULL << order,
						 align, false);

			if (pfn) {
				ap->phys = rm_pfn_phys(pfn);
				ap->from_cma = ap->ok = true;
				return;
			}
		}
		if (!sysmem_alloc(&b->sys, order, zone_top(b, z), &ap->phys)) {
			ap->ok = true;
			return;
		}
		if (!order--)
			return;
	}
}

/* has_managed_zone(): the zone holds pages the buddy allocator manages */
static bool has_managed_zone(struct rm_board *b, enum rm_zone z)
{
	uint64_t start = memblock_start_of_dram(&b->mb), end;
	unsigned int i;

	if (z != RM_ZONE_DMA) {
		uint64_t below = rm_zone_top(b, (enum rm_zone)(z - 1));

		if (below == ~0ULL)
			return false;	/* the zone below reaches the top */
		if (below + 1 > start)
			start = below + 1;
	}
	/* ZONE_NORMAL has no top; an empty lower zone ends at 0 (~0 + 1) */
	end = z == RM_ZONE_NORMAL ? ~0ULL : rm_zone_top(b, z) + 1;
	if (end <= start)
		return false;
	for (i = 0; i < b->sys.nr_free; i++)
		if (b->sys.free[i].start < end && b->sys.free[i].end > start)
			return true;
	for (i = 0; i < b->cma.nr; i++) {
		const struct rm_cma *c = b->cma.areas[i];
		uint64_t base = rm_pfn_phys(c->base_pfn);

		if (c->count && base < end &&
		    base + ((uint64_t)c->count << RM_PAGE_SHIFT) > start)
			return true;
	}
	return false;
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
	if (ap->ok) {
		rm_info(b, "DMA: preallocated %llu KiB pool for atomic "
			"allocations", (unsigned long long)(size >> 10));
		return;
	}
	rm_err(b, "DMA: failed to allocate %llu KiB pool for atomic coherent "
	       "allocation", (unsigned long long)(size >> 10));
	rm_report(b, "atomic-pool-failed", RM_ERROR, "/", "the %llu KiB DMA "
		  "atomic pool has no memory", (unsigned long long)(size >> 10));
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

/*
 * kernel/dma/pool.c dma_atomic_pool_init(): GFP_DMA when ZONE_DMA has
 * managed memory; GFP_KERNEL and GFP_DMA32 always in 6.x (an empty
 * ZONE_DMA32 falls back to ZONE_DMA), in 7.2 only when ZONE_NORMAL and
 * ZONE_DMA32 have managed memory too.
 */
void rm_atomic_pools_init(struct rm_board *b)
{
	static const struct {
		const char *gfp;
		enum pool_zone zone;
	} pools[] = {
		{ "GFP_KERNEL", POOL_KERNEL },
		{ "GFP_KERNEL|GFP_DMA", POOL_DMA },
		{ "GFP_KERNEL|GFP_DMA32", POOL_DMA32 },
	};
	uint64_t size;
	unsigned int i;

	if (b->profile->atomic_pools == RM_ATOMIC_POOL_ONE)
		return atomic_pool_init_4_19(b);
	size = atomic_pool_size(b);
	for (i = 0; i < 3; i++) {
		struct rm_atomic_pool *ap = &b->atomic[b->nr_atomic];

		static const enum rm_zone zone[] = {
			[POOL_KERNEL] = RM_ZONE_NORMAL,
			[POOL_DMA] = RM_ZONE_DMA,
			[POOL_DMA32] = RM_ZONE_DMA32,
		};

		if ((pools[i].zone == POOL_DMA ||
		     b->profile->atomic_pools == RM_ATOMIC_POOLS_MANAGED) &&
		    !has_managed_zone(b, zone[pools[i].zone]))
			continue;
		b->nr_atomic++;
		ap->gfp = pools[i].gfp;
		atomic_pool_expand(b, ap, pools[i].zone, size);
		if (ap->ok) {
			rm_info(b, "DMA: preallocated %llu KiB %s pool for atomic "
				"allocations", (unsigned long long)(ap->size >> 10),
				ap->gfp);
			continue;
		}
		rm_err(b, "DMA: failed to allocate %llu KiB %s pool for atomic "
		       "allocation", (unsigned long long)(size >> 10), ap->gfp);
		rm_report(b, "atomic-pool-failed", RM_ERROR, "/", "the %llu KiB %s "
			  "DMA atomic pool has no memory in its zone",
			  (unsigned long long)(size >> 10), ap->gfp);
	}
}

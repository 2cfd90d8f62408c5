// SPDX-License-Identifier: GPL-2.0
/*
 * The default CMA area (kernel/dma/contiguous.c dma_contiguous_reserve)
 * and what happens around it on arm64: the kernel's own early memblock
 * allocations that come first in 6.x, and the DMA atomic pools that are
 * carved from the default area before any driver runs.
 */
#include <string.h>

#include "kernel/dma/coherent.h"
#include "kernel/of/of_reserved_mem.h"

#define SZ_128K (128ULL << 10)
#define SZ_256K (256ULL << 10)
#define SZ_2M (2ULL << 20)

/* cma_early_percent_memory() */
static uint64_t cma_percent_memory(struct rm_board *b)
{
	uint64_t pages = memblock_phys_mem_size(&b->mb) >> RM_PAGE_SHIFT;

	return (pages * b->kconfig.cma_size_percentage / 100) << RM_PAGE_SHIFT;
}

static uint64_t kconfig_cma_size(struct rm_board *b)
{
	uint64_t mbytes = b->kconfig.cma_size_mbytes * SZ_1M;
	uint64_t pct;

	switch (b->kconfig.cma_size_sel) {
	case RM_CMA_SEL_PERCENTAGE:
		return cma_percent_memory(b);
	case RM_CMA_SEL_MIN:
		pct = cma_percent_memory(b);
		return mbytes < pct ? mbytes : pct;
	case RM_CMA_SEL_MAX:
		pct = cma_percent_memory(b);
		return mbytes > pct ? mbytes : pct;
	case RM_CMA_SEL_MBYTES:
	default:
		return mbytes;
	}
}

void rm_contiguous_reserve(struct rm_board *b)
{
	uint64_t limit = b->dma_phys_limit, size, base = 0;
	bool fixed = false;
	struct rm_cma *cma;

	if (!b->kconfig.cma || !b->kconfig.dma_cma)
		return;
	if (b->cl.cma_given) {
		size = b->cl.size_cmdline;
		base = b->cl.base_cmdline;
		if (b->cl.limit_cmdline && b->cl.limit_cmdline < limit)
			limit = b->cl.limit_cmdline;
		else if (!limit)
			limit = b->cl.limit_cmdline;
		if (b->cl.base_cmdline + b->cl.size_cmdline == b->cl.limit_cmdline)
			fixed = true;
	} else {
		size = kconfig_cma_size(b);
	}
	/* a DT linux,cma-default area already in place wins over both */
	if (!size || b->default_cma)
		return;
	if (!cma_declare_contiguous(b, base, size, limit, 0, 0, fixed,
				    "reserved", &cma)) {
		struct rm_region *r = rm_region_new(b, -1, "reserved");

		b->default_cma = cma;
		if (!r)
			return;
		r->base = (uint64_t)cma->base_pfn << RM_PAGE_SHIFT;
		r->size = cma->count << RM_PAGE_SHIFT;
		r->reusable = true;
		r->cma_default = true;
		r->cma_ops = true;
		r->cma = cma;
		r->type = RM_REGION_CMA;
	}
}

static uint64_t totalram_pages(struct rm_board *b)
{
	/* managed pages: free memory at the end of boot plus CMA areas */
	uint64_t pages = b->sys.total_pages;
	unsigned int i;

	for (i = 0; i < b->nr_cma; i++)
		pages += b->cma_areas[i]->count;
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
	pfn = cma_alloc(b, cma, 1ULL << order,
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

	if (order > b->profile->max_page_order)
		order = b->profile->max_page_order;
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

/*
 * kernel/dma/pool.c dma_atomic_pool_init() (6.x) and arm64's
 * atomic_pool_init() (4.19).
 */
void rm_atomic_pools_init(struct rm_board *b)
{
	static const char *const gfp[] = {
		"GFP_KERNEL", "GFP_KERNEL|GFP_DMA", "GFP_KERNEL|GFP_DMA32"
	};
	uint64_t size;
	unsigned int i;

	if (!b->profile->atomic_pools_three) {
		struct rm_atomic_pool *ap = &b->atomic[b->nr_atomic++];
		unsigned int order;

		size = b->cl.coherent_pool_given ? b->cl.coherent_pool : SZ_256K;
		order = rm_get_order(size);
		ap->gfp = "";
		ap->size = size;
		if (b->default_cma) {
			uint64_t pfn = cma_alloc(b, b->default_cma,
						 size >> RM_PAGE_SHIFT,
						 order < b->kconfig.cma_alignment ?
						 order : b->kconfig.cma_alignment,
						 false);
			ap->phys = pfn << RM_PAGE_SHIFT;
			ap->ok = ap->from_cma = pfn != 0;
		} else {
			ap->ok = !sysmem_alloc(&b->sys, order, 0xffffffffULL,
					       &ap->phys);
		}
		if (ap->ok)
			rm_info(b, "DMA: preallocated %llu KiB pool for atomic "
				"allocations", (unsigned long long)(size >> 10));
		else
			rm_err(b, "DMA: failed to allocate %llu KiB pool for atomic "
			       "coherent allocation", (unsigned long long)(size >> 10));
		return;
	}
	if (b->cl.coherent_pool_given) {
		size = b->cl.coherent_pool;
	} else {
		uint64_t pages = totalram_pages(b) / 8192;

		if (pages > 1024)
			pages = 1024;
		size = pages << RM_PAGE_SHIFT;
		if (size < SZ_128K)
			size = SZ_128K;
	}
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

// SPDX-License-Identifier: GPL-2.0
/*
 * dma_alloc_coherent() on arm64 for a platform device without an IOMMU
 * (kernel/dma/mapping.c dma_alloc_attrs(), direct.c dma_direct_alloc(),
 * contiguous.c dma_alloc_contiguous()), and the pool regions' own
 * allocators.
 */
#include <string.h>

#include "kernel/dma/coherent.h"
#include "kernel/dma/mapping.h"

/* dma_alloc_from_dev_coherent(): the device's pool owns the request */
static int alloc_coherent(struct rm_region *r, struct rm_device *dev,
			  uint64_t size, struct rm_alloc *a)
{
	uint64_t page, nr;
	int err = coherent_alloc(r->coh, size, &page, &a->order, &nr);

	if (err)
		return err;
	a->kind = RM_POOL_COHERENT;
	a->region = r;
	a->coh = r->coh;
	a->phys = r->coh->phys_base + (page << RM_PAGE_SHIFT);
	/* dma_get_device_base(): the device's view of the pool's first pfn */
	a->dma = rm_dev_phys_to_dma(dev, r->coh->phys_base) + (page << RM_PAGE_SHIFT);
	a->span = nr << RM_PAGE_SHIFT;
	a->pool = r->name;
	return 0;
}

/* cma_alloc_aligned(): exactly the pages asked, align min(order, CMA_ALIGNMENT) */
static int alloc_cma(struct rm_board *b, struct rm_cma *cma,
		     struct rm_region *r, struct rm_device *dev, uint64_t size,
		     bool no_warn, struct rm_alloc *a)
{
	unsigned int order = rm_get_order(size);
	unsigned int align = order < b->kconfig.cma_alignment ?
			     order : b->kconfig.cma_alignment;
	uint64_t count = size >> RM_PAGE_SHIFT, pfn;

	pfn = cma_alloc(cma, count, align, no_warn);
	if (!pfn)
		return -ENOMEM;
	a->kind = RM_POOL_CMA;
	a->region = r;
	a->cma = cma;
	a->count = count;
	a->phys = rm_pfn_phys(pfn);
	a->dma = rm_dev_phys_to_dma(dev, a->phys);
	a->span = count << RM_PAGE_SHIFT;
	a->pool = cma->name;
	return 0;
}

/* dma_coherent_ok(): a DMA address, and the whole buffer within reach */
static bool dma_coherent_ok(const struct rm_device *dev, uint64_t phys,
			    uint64_t size)
{
	uint64_t dma = rm_dev_phys_to_dma(dev, phys);

	if (dma == RM_DMA_MAPPING_ERROR)
		return false;
	return dma + size - 1 <= rm_dev_dma_limit(dev);
}

/*
 * __dma_direct_alloc_pages() after the CMA attempt: the zone the
 * device's limit falls into first (dma_direct_optimal_gfp_mask), then
 * GFP_DMA32 and GFP_DMA while the page it got is out of reach.  Which
 * page the buddy allocator returns is rmemfs's stand-in (the lowest
 * free one), so the address is not predicted; the zones are the kernel's.
 */
static int alloc_system(struct rm_board *b, struct rm_device *dev,
			uint64_t size, struct rm_alloc *a)
{
	unsigned int order = rm_get_order(size);
	uint64_t phys_limit, phys;
	enum rm_zone z;

	phys_limit = rm_dma_to_phys(dev->dma_range_map, dev->nr_dma_ranges,
				    rm_dev_dma_limit(dev));
	if (phys_limit <= b->zone_dma_limit)
		z = RM_ZONE_DMA;
	else if (phys_limit <= 0xffffffffULL)
		z = RM_ZONE_DMA32;
	else
		z = RM_ZONE_NORMAL;
	for (;;) {
		if (alloc_pages(&b->sys, order, rm_zone_top(b, z), &phys))
			return -ENOMEM;
		if (dma_coherent_ok(dev, phys, size))
			break;
		sysmem_free(&b->sys, phys, order);
		if (z == RM_ZONE_NORMAL && phys_limit < ~0ULL)
			z = RM_ZONE_DMA32;
		else if (z != RM_ZONE_DMA)
			z = RM_ZONE_DMA;
		else
			return -ENOMEM;
	}
	a->kind = RM_POOL_SYSTEM;
	a->order = order;
	a->phys = phys;
	a->dma = rm_dev_phys_to_dma(dev, phys);
	a->span = RM_PAGE_SIZE << order;
	a->pool = "system";
	return 0;
}

int rm_dma_alloc(struct rm_board *b, struct rm_device *dev, uint64_t size,
		 struct rm_alloc *out)
{
	const struct rm_profile *p = b->profile;
	struct rm_region *r = NULL;
	struct rm_cma *cma = NULL;
	struct rm_alloc a;
	int err = -ENOMEM;

	memset(&a, 0, sizeof(a));
	a.size = size;
	if (dev->dma_mem) {
		err = alloc_coherent(dev->dma_mem_region, dev, size, &a);
		if (!err)
			*out = a;
		return err;
	}
	/* dma_direct_alloc() works on whole pages */
	size = rm_page_align(size);
	if (dev->cma_area) {
		cma = dev->cma_area;
		r = dev->cma_area_region;
	} else if (size > RM_PAGE_SIZE || p->cma_for_one_page) {
		cma = b->default_cma;
		r = b->default_cma_region;
	}
	if (cma) {
		err = alloc_cma(b, cma, r, dev, size, p->cma_fail_nowarn, &a);
		if (!err && !dma_coherent_ok(dev, a.phys, size)) {
			cma_release(cma, a.phys >> RM_PAGE_SHIFT, a.count);
			err = -ENOMEM;
		}
	}
	if (err)
		err = alloc_system(b, dev, size, &a);
	if (!err)
		*out = a;
	return err;
}

int rm_region_alloc(struct rm_board *b, struct rm_region *r, uint64_t size,
		    struct rm_alloc *out)
{
	struct rm_alloc a;
	int err;

	memset(&a, 0, sizeof(a));
	a.size = size;
	if (r->type == RM_REGION_COHERENT) {
		if (!r->coh)
			return r->pool_err ? r->pool_err : -EINVAL;
		err = alloc_coherent(r, NULL, size, &a);
	} else if (r->type == RM_REGION_CMA && r->cma) {
		err = alloc_cma(b, r->cma, r, NULL, rm_page_align(size), false, &a);
	} else {
		return -EINVAL;
	}
	if (!err)
		*out = a;
	return err;
}

void rm_dma_free(struct rm_board *b, const struct rm_alloc *a)
{
	switch (a->kind) {
	case RM_POOL_COHERENT:
		coherent_release(a->coh, (a->phys - a->coh->phys_base) >> RM_PAGE_SHIFT,
				 a->order);
		break;
	case RM_POOL_CMA:
		cma_release(a->cma, a->phys >> RM_PAGE_SHIFT, a->count);
		break;
	case RM_POOL_SYSTEM:
		sysmem_free(&b->sys, a->phys, a->order);
		break;
	}
}

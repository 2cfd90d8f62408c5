// SPDX-License-Identifier: GPL-2.0
/*
 * dma_alloc_coherent() on arm64 for a platform device without an IOMMU
 * (kernel/dma/mapping.c, direct.c, contiguous.c), and the pool regions'
 * own allocators.
 */
#include <string.h>

#include "kernel/dma/mapping.h"
#include "kernel/of/of_reserved_mem.h"

static void fill_coherent(struct rm_alloc *a, struct rm_region *r,
			  struct rm_device *dev, uint64_t page, uint64_t nr)
{
	a->kind = RM_POOL_COHERENT;
	a->region = r;
	a->coh = r->coh;
	a->phys = r->coh->phys_base + (page << RM_PAGE_SHIFT);
	/* dma_get_device_base(): the device's view of the pool's first pfn */
	a->dma = rm_dev_phys_to_dma(dev, r->coh->phys_base) + (page << RM_PAGE_SHIFT);
	a->span = nr << RM_PAGE_SHIFT;
	a->pool = r->name;
}

static int alloc_coherent(struct rm_region *r, struct rm_device *dev,
			  uint64_t size, struct rm_alloc *a)
{
	uint64_t page, nr;
	int err = coherent_alloc(r->coh, size, &page, &a->order, &nr);

	if (err)
		return err;
	fill_coherent(a, r, dev, page, nr);
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

	pfn = cma_alloc(b, cma, count, align, no_warn);
	if (!pfn)
		return -ENOMEM;
	a->kind = RM_POOL_CMA;
	a->region = r;
	a->cma = cma;
	a->count = count;
	a->phys = pfn << RM_PAGE_SHIFT;
	a->dma = rm_dev_phys_to_dma(dev, a->phys);
	a->span = count << RM_PAGE_SHIFT;
	a->pool = cma->name;
	return 0;
}

static struct rm_region *region_of_cma(struct rm_board *b, struct rm_cma *cma)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++)
		if (b->regions[i]->cma == cma)
			return b->regions[i];
	return NULL;
}

/* dma_coherent_ok(): the whole buffer within mask and bus limit */
static bool dma_ok(const struct rm_device *dev, uint64_t dma, uint64_t size)
{
	uint64_t limit = dev->coherent_dma_mask;

	if (!limit || (dev->bus_dma_limit && dev->bus_dma_limit < limit))
		limit = dev->bus_dma_limit;
	return dma + size - 1 <= limit;
}

/* __alloc_pages(): order above MAX_PAGE_ORDER WARNs once and fails */
static int alloc_system(struct rm_board *b, struct rm_device *dev,
			uint64_t size, struct rm_alloc *a)
{
	const struct rm_profile *p = b->profile;
	unsigned int order = rm_get_order(size);
	uint64_t limit = ~0ULL, phys;
	unsigned int i;

	if (order > p->max_page_order) {
		if (p->page_alloc_warn_line && !b->page_alloc_warned) {
			b->page_alloc_warned = true;
			rm_warn(b, "------------[ cut here ]------------");
			rm_warn(b, "WARNING: CPU: 0 PID: 1 at mm/page_alloc.c:%d %s",
				p->page_alloc_warn_line, p->page_alloc_warn_func);
		}
		return -ENOMEM;
	}
	if (dev->bus_dma_limit) {
		/* the first cpu range that reaches the limit; identity else */
		limit = dev->bus_dma_limit;
		for (i = 0; i < dev->nr_ranges; i++)
			if (dev->ranges[i].size)
				limit = dev->ranges[i].cpu + dev->ranges[i].size - 1;
	}
	if (sysmem_alloc(&b->sys, order, limit, &phys))
		return -ENOMEM;
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
	struct rm_alloc a;
	struct rm_cma *cma = NULL;
	bool no_warn = p->cma_fail_nowarn;
	int err = -ENOMEM;

	memset(&a, 0, sizeof(a));
	a.size = size;
	/* dma_alloc_from_dev_coherent(): the pool owns the request */
	if (dev->dma_mem) {
		err = alloc_coherent(dev->dma_mem_region, dev, size, &a);
		if (!err)
			*out = a;
		return err;
	}
	/* dma_direct_alloc() works on whole pages */
	size = (size + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
	if (dev->cma_area)
		cma = dev->cma_area;
	else if (size > RM_PAGE_SIZE || p->cma_for_one_page)
		cma = b->default_cma;
	if (cma) {
		err = alloc_cma(b, cma, dev->cma_area ? dev->cma_area_region :
				region_of_cma(b, cma), dev, size, no_warn, &a);
		if (!err && !dma_ok(dev, a.dma, size)) {
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
		pthread_mutex_lock(&b->lock);
		err = rm_region_get_pool(b, r);
		pthread_mutex_unlock(&b->lock);
		if (err)
			return err;
		err = alloc_coherent(r, NULL, size, &a);
	} else if (r->type == RM_REGION_CMA && r->cma) {
		uint64_t bytes = (size + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);

		err = alloc_cma(b, r->cma, r, NULL, bytes, false, &a);
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

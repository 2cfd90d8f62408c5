// SPDX-License-Identifier: GPL-2.0
/*
 * Coherent pools (kernel/dma/coherent.c): a page bitmap handed out in
 * naturally aligned power-of-two blocks by bitmap_find_free_region(),
 * searched through bitmap_index.c's summaries (same answers, without
 * crawling the busy bottom of a fragmented pool).  rmem_dma_setup() and
 * the device init live here too, as they do in the kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/dma/coherent.h"
#include "kernel/lib/sizes.h"
#include "kernel/system.h"

/* ---- the pool ------------------------------------------------------ */

int coherent_create(uint64_t phys, uint64_t size,
		    const struct rm_coherent_quirks *q,
		    struct rm_coherent **out)
{
	struct rm_coherent *mem;
	uint64_t pages = size >> RM_PAGE_SHIFT;

	if (!size)
		return -EINVAL;
	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return -ENOMEM;
	if (bitmap_index_init(&mem->bix, pages)) {
		free(mem);
		return -ENOMEM;
	}
	mem->bitmap = mem->bix.map;
	pthread_mutex_init(&mem->lock, NULL);
	mem->phys_base = phys & ~(RM_PAGE_SIZE - 1);
	mem->pages = pages;
	mem->q = *q;
	*out = mem;
	return 0;
}

void coherent_destroy(struct rm_coherent *mem)
{
	if (!mem)
		return;
	pthread_mutex_destroy(&mem->lock);
	bitmap_index_release(&mem->bix);
	free(mem);
}

int coherent_alloc(struct rm_coherent *mem, uint64_t size, uint64_t *page,
		   unsigned int *order, uint64_t *nr_pages)
{
	unsigned int o = rm_get_order(size);
	long pos;

	*order = o;
	pthread_mutex_lock(&mem->lock);
	if (size > mem->pages << RM_PAGE_SHIFT)
		goto fail;
	if (o >= 32 && mem->q.zero_size_region_at_0) {
		/*
		 * 6.12 inline bitmap_find_free_region(): BIT(order) lands in
		 * an unsigned int and becomes 0, so a 0-bit region at page 0
		 * "succeeds" and marks nothing.
		 */
		*page = 0;
		*nr_pages = 0;
		pthread_mutex_unlock(&mem->lock);
		return 0;
	}
	pos = bitmap_index_find_free_region(&mem->bix, o);
	if (pos < 0)
		goto fail;
	*page = (uint64_t)pos;
	*nr_pages = 1ULL << o;
	mem->alloc_pages_success += 1ULL << o;
	pthread_mutex_unlock(&mem->lock);
	return 0;
fail:
	/* no kernel counter here: rmemfs counts the pages asked for */
	mem->alloc_pages_fail += (size + RM_PAGE_SIZE - 1) >> RM_PAGE_SHIFT;
	pthread_mutex_unlock(&mem->lock);
	return -ENOMEM;
}

void coherent_release(struct rm_coherent *mem, uint64_t page,
		      unsigned int order)
{
	if (order >= 32)
		return;		/* the zero-length region marked nothing */
	pthread_mutex_lock(&mem->lock);
	bitmap_index_release_region(&mem->bix, page, order,
				    mem->q.release_word_mask);
	mem->release_pages_success += 1ULL << order;
	pthread_mutex_unlock(&mem->lock);
}

uint64_t coherent_used_pages(struct rm_coherent *mem)
{
	uint64_t n;

	pthread_mutex_lock(&mem->lock);
	n = bitmap_index_weight(&mem->bix);
	pthread_mutex_unlock(&mem->lock);
	return n;
}

/* ---- boot ---------------------------------------------------------- */

/*
 * dma_init_coherent_memory() for rmem->priv.  memremap(MEMREMAP_WC)
 * refuses to alias System RAM with a WARN_ONCE per call site; quiet is
 * rmemfs's own pool for a region no device claimed: nothing printed.
 */
static int dma_init_coherent_memory(struct rm_board *b, struct rm_region *r,
				    bool quiet)
{
	const struct rm_profile *p = b->profile;
	enum rm_region_intersects kind;
	char msg[160], where[96];
	int err;

	if (!r->size)
		return -EINVAL;
	kind = memblock_intersects_ram(&b->mb, r->base, r->size);
	if (kind != RM_REGION_DISJOINT) {
		bool mixed = kind == RM_REGION_MIXED;

		err = -EINVAL;
		if (quiet)
			return err;
		snprintf(msg, sizeof(msg), "memremap attempted on %s " RM_PA_FMT
			 " size: %#llx", mixed ? "mixed range" : "ram",
			 RM_PA(r->base), (unsigned long long)r->size);
		snprintf(where, sizeof(where), "kernel/iomem.c:%d %s",
			 p->memremap_warn_line, p->memremap_warn_func);
		/* the "mixed range" WARN's line was not measured */
		if (bootlog_first_time(mixed ? &b->memremap_mixed_warned :
				       &b->memremap_warned))
			bootlog_warn(&b->log, msg, !mixed && p->memremap_warn_line ?
				     where : NULL);
		rm_report(b, "coherent-in-ram", RM_ERROR, r->path, "'%s': a "
			  "coherent pool without no-map lies in System RAM and "
			  "memremap(MEMREMAP_WC) refuses it: add no-map", r->name);
		goto fail;
	}
	err = coherent_create(r->base, r->size, &p->coherent, &r->coh);
	if (!err || quiet)
		return err;
fail:
	if (p->pool_fail_msg_any || err == -ENOMEM) {
		rm_err(b, "Reserved memory: failed to init DMA memory pool at "
		       RM_PA_FMT ", size %llu MiB", RM_PA(r->base),
		       (unsigned long long)(r->size / SZ_1M));
		rm_report(b, "dma-pool-init", RM_ERROR, r->path, "'%s': its "
			  "coherent pool cannot be made (%s)", r->name,
			  err == -ENOMEM ? "its bitmap is larger than kmalloc "
			  "gives" : "memremap refused it");
	}
	return err;
}

/* rmem_dma_device_init() */
static int rmem_dma_device_init(struct rm_board *b, struct rm_region *r,
				struct rm_device *dev)
{
	const struct rm_profile *p = b->profile;
	int err = 0;

	if (!r->coh)
		err = dma_init_coherent_memory(b, r, false);
	if (err)
		return err;
	if (p->dma_mask_warning && r->base + r->size - 1 > rm_dev_dma_limit(dev)) {
		rm_warn(b, "%s: reserved memory is beyond device's set DMA "
			"address range", dev->kname);
		rm_report(b, "dma-mask", RM_WARNING, dev->path, "%s: '%s' ends at "
			  RM_PA_FMT ", beyond what the device reaches (" RM_PA_FMT
			  ")", dev->name, r->name, RM_PA(r->base + r->size - 1),
			  RM_PA(rm_dev_dma_limit(dev)));
	}
	/* dma_assign_coherent_memory(): one pool per device */
	if (dev->dma_mem) {
		/*
		 * A warning, not an error: drivers with several
		 * memory-regions (remoteprocs) init index 0 and map the
		 * others themselves, so the kernel never sees this call.
		 */
		rm_report(b, "device-ebusy", p->dup_pool_ebusy ? RM_WARNING : RM_NOTE,
			  dev->path, "%s: already has coherent pool '%s'; '%s' "
			  "is %s (normal when the driver inits only index 0 and "
			  "maps the rest itself)", dev->name,
			  dev->dma_mem_region->name, r->name,
			  p->dup_pool_ebusy ? "refused with -EBUSY" : "ignored");
		return p->dup_pool_ebusy ? -EBUSY : 0;
	}
	dev->dma_mem = r->coh;
	dev->dma_mem_region = r;
	return 0;
}

static const struct rm_reserved_mem_ops rmem_dma_ops = {
	.device_init = rmem_dma_device_init,
};

/* rmem_dma_setup() on arm64 (no global pool); its pr_fmt has no prefix */
int rmem_dma_setup(struct rm_board *b, struct rm_region *r)
{
	if (r->reusable) {
		/* 7.2: -ENODEV, "not mine", and the next driver is asked */
		int err = b->profile->rmem_ops ? -ENODEV : -EINVAL;

		rm_region_status(r, err, "a DMA pool cannot be reusable");
		return err;
	}
	r->ops = &rmem_dma_ops;
	r->type = RM_REGION_COHERENT;
	rm_info(b, "Reserved memory: created DMA memory pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}

void rm_coherent_complete_pools(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];

		if (r->ops == &rmem_dma_ops && !r->coh)
			r->pool_err = dma_init_coherent_memory(b, r, true);
	}
}

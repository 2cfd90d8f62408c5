/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mapping - the run-time allocation paths: dma_alloc_coherent() for a
 * device (kernel/dma/mapping.c, direct.c), and a pool region's own
 * allocator, with their frees.  Nothing here runs boot code: every pool
 * is complete when rm_boot() returns.
 */
#ifndef RM_MAPPING_H
#define RM_MAPPING_H

#include <stdint.h>

#include "kernel/system.h"

enum rm_pool_kind {
	RM_POOL_COHERENT,
	RM_POOL_CMA,
	RM_POOL_SYSTEM,
};

/* One live buffer: what it took, and how to give it back. */
struct rm_alloc {
	enum rm_pool_kind kind;
	struct rm_region *region;	/* NULL for system memory */
	struct rm_coherent *coh;
	struct rm_cma *cma;
	uint64_t phys;
	uint64_t dma;
	uint64_t size;			/* bytes asked */
	uint64_t span;			/* bytes taken: what a mapping reaches */
	unsigned int order;		/* coherent / system block order */
	uint64_t count;			/* CMA pages */
	const char *pool;		/* "coh64k@50000000", "reserved", "system" */
};

/*
 * dma_alloc_coherent(dev, size): device pool (exclusive), else its CMA
 * area or the default one, else ordinary memory.  0, or -ENOMEM; the
 * log gets what the kernel would print.
 */
int rm_dma_alloc(struct rm_board *b, struct rm_device *dev, uint64_t size,
		 struct rm_alloc *out);
/*
 * A pool region's own alloc: that pool only, no fallback.  -EINVAL for a
 * region that is no pool, the pool's creation error for a DMA pool that
 * could not be made, -ENOMEM.
 */
int rm_region_alloc(struct rm_board *b, struct rm_region *r, uint64_t size,
		    struct rm_alloc *out);
/* dma_free_coherent() / cma_release() / bitmap_release_region() */
void rm_dma_free(struct rm_board *b, const struct rm_alloc *a);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coherent - per-device coherent pools (kernel/dma/coherent.c), the
 * whole life of one: rmem_dma_setup() at boot, the pool made by the
 * first rmem_dma_device_init() (dma_init_coherent_memory, with
 * memremap's refusal of System RAM), then dma_alloc_from_dev_coherent()
 * and its release at run time.
 */
#ifndef RM_COHERENT_H
#define RM_COHERENT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/lib/bitmap_index.h"
#include "kernel/profile.h"

struct rm_board;
struct rm_region;

struct rm_coherent {
	pthread_mutex_t lock;		/* mem->spinlock */
	uint64_t phys_base;		/* PFN_PHYS(pfn_base): page-rounded */
	uint64_t pages;			/* size >> PAGE_SHIFT: tail dropped */
	/*
	 * bitmap is bix.map: the raw words the pool view copies and tests
	 * read; every change goes through bix, which keeps the search
	 * summaries beside them.
	 */
	uint64_t *bitmap;
	struct bitmap_index bix;
	struct rm_coherent_quirks q;
	uint64_t alloc_pages_success;	/* rmemfs counters, pages */
	uint64_t alloc_pages_fail;
	uint64_t release_pages_success;
};

/* ---- boot ---------------------------------------------------------- */

/* rmem_dma_setup(): the reservedmem_of_table entry for shared-dma-pool */
int rmem_dma_setup(struct rm_board *b, struct rm_region *r);

/*
 * rmemfs: a DMA-pool region no device claimed still gets its pool, made
 * as the first rmem_dma_device_init() would make it but silently (no
 * driver asked, so the kernel printed nothing), so that the region's own
 * alloc file works.  A pool that cannot be made leaves r->pool_err.
 */
void rm_coherent_complete_pools(struct rm_board *b);

/* ---- the pool ------------------------------------------------------ */

/* the bitmap part of dma_init_coherent_memory(): -EINVAL for size 0 */
int coherent_create(uint64_t phys, uint64_t size,
		    const struct rm_coherent_quirks *q,
		    struct rm_coherent **out);
void coherent_destroy(struct rm_coherent *mem);

/*
 * __dma_alloc_from_coherent(): 0 and the page index in *page, or
 * -ENOMEM (larger than the pool, or no free naturally aligned block).
 * *order receives get_order(size); a zero-length region (6.12 size 0)
 * reports *nr_pages 0.
 */
int coherent_alloc(struct rm_coherent *mem, uint64_t size, uint64_t *page,
		   unsigned int *order, uint64_t *nr_pages);
/* __dma_release_from_coherent(): bitmap_release_region(page, order) */
void coherent_release(struct rm_coherent *mem, uint64_t page,
		      unsigned int order);

uint64_t coherent_used_pages(struct rm_coherent *mem);

#endif

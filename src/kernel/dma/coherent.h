/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coherent - per-device coherent pools (kernel/dma/coherent.c).
 */
#ifndef RM_COHERENT_H
#define RM_COHERENT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/lib/bitmap_index.h"

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
	bool release_word_mask;		/* profile: 4.19/6.1 __reg_op release */
	bool zero_size_region_at_0;	/* profile: 6.12 BIT(52) truncation */
	uint64_t alloc_pages_success;	/* rmemfs counters, pages */
	uint64_t alloc_pages_fail;
	uint64_t release_pages_success;
};

/* dma_init_coherent_memory(): -EINVAL for size 0, -ENOMEM */
int coherent_create(uint64_t phys, uint64_t size, bool release_word_mask,
		    bool zero_size_region_at_0, struct rm_coherent **out);
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
uint64_t coherent_maxchunk_pages(struct rm_coherent *mem);

/* get_order(): 52 for size 0, as the runtime computation wraps */
unsigned int rm_get_order(uint64_t size);

#endif

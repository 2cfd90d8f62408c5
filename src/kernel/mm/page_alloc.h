/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_alloc - a stand-in for the buddy allocator (mm/page_alloc.c):
 * ordinary memory outside every reserved region.  Blocks are 2^order
 * pages, naturally aligned, as buddy blocks are; where they land is first
 * fit from the bottom and is documented as NOT predicting the kernel's
 * addresses.  What the kernel does with an order it cannot serve (a WARN,
 * once) is exact.
 */
#ifndef RM_PAGE_ALLOC_H
#define RM_PAGE_ALLOC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/profile.h"

struct bootlog;
struct memblock;

struct rm_extent {
	uint64_t start;
	uint64_t end;
};

struct rm_sysmem {
	pthread_mutex_t lock;
	struct rm_extent *free;		/* usable RAM at the end of boot */
	unsigned int nr_free;
	struct rm_extent *used;		/* live blocks, sorted */
	unsigned int nr_used;
	unsigned int cap_used;
	uint64_t total_pages;
	const struct rm_page_alloc_quirks *q;
	struct bootlog *log;
	bool order_warned;		/* the WARN_ON_ONCE of __alloc_pages */
};

/* mem_init(): the free ranges of memblock become the allocator's memory */
int sysmem_init(struct rm_sysmem *s, const struct memblock *mb,
		const struct rm_page_alloc_quirks *q, struct bootlog *log);
void sysmem_release(struct rm_sysmem *s);
/* 2^order pages ending at or below limit; 0 and *phys, or -ENOMEM */
int sysmem_alloc(struct rm_sysmem *s, unsigned int order, uint64_t limit,
		 uint64_t *phys);
/*
 * __alloc_pages(): as sysmem_alloc, but an order above MAX_PAGE_ORDER
 * fails with the kernel's WARN (once, unless the profile has none).
 */
int alloc_pages(struct rm_sysmem *s, unsigned int order, uint64_t limit,
		uint64_t *phys);
void sysmem_free(struct rm_sysmem *s, uint64_t phys, unsigned int order);
uint64_t sysmem_used_pages(struct rm_sysmem *s);

#endif

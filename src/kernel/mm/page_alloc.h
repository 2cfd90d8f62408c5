/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysmem - a stand-in for the buddy allocator: ordinary memory outside
 * every reserved region.  Blocks are 2^order pages, naturally aligned, as
 * buddy blocks are; where they land is first fit from the bottom and is
 * documented as NOT predicting the kernel's addresses.
 */
#ifndef RM_SYSMEM_H
#define RM_SYSMEM_H

#include <pthread.h>
#include <stdint.h>

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
};

/* Take the free ranges of memblock as the allocator's memory. */
int sysmem_init(struct rm_sysmem *s, const struct memblock *mb);
void sysmem_release(struct rm_sysmem *s);
/* 2^order pages ending at or below limit; 0 and *phys, or -ENOMEM */
int sysmem_alloc(struct rm_sysmem *s, unsigned int order, uint64_t limit,
		 uint64_t *phys);
void sysmem_free(struct rm_sysmem *s, uint64_t phys, unsigned int order);
uint64_t sysmem_used_pages(struct rm_sysmem *s);

#endif

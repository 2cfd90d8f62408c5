/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cma - contiguous memory areas (mm/cma.c): declaration at boot,
 * cma_alloc / cma_release at run time, debugfs-style counters.
 *
 * Like mm/cma.c, this knows nothing of the rest of the system: the area
 * table (cma_areas[], MAX_CMA_AREAS), the profile's mm/cma.c rows and
 * the log it prints to are handed to it in struct rm_cma_table; memblock
 * is an argument of the boot-time calls.
 */
#ifndef RM_CMA_H
#define RM_CMA_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/lib/bitmap_index.h"
#include "kernel/profile.h"

#define RM_CMA_NAME_MAX 64

struct bootlog;
struct memblock;
struct rm_cma;

/* cma_areas[] and cma_area_count, with what mm/cma.c prints through */
struct rm_cma_table {
	struct rm_cma **areas;		/* in declaration order */
	unsigned int nr;
	unsigned int max;		/* MAX_CMA_AREAS */
	const struct rm_cma_quirks *q;
	struct bootlog *log;
};

struct rm_cma {
	const struct rm_cma_table *table;
	pthread_mutex_t lock;		/* the area's own lock (cma->lock) */
	char name[RM_CMA_NAME_MAX];
	uint64_t base_pfn;
	uint64_t count;			/* pages */
	unsigned int order_per_bit;
	/*
	 * bitmap is bix.map, NULL until activated: the raw words the pool
	 * view copies; every change goes through bix, which keeps the
	 * search summaries beside them.
	 */
	uint64_t *bitmap;
	struct bitmap_index bix;
	uint64_t alloc_pages_success;
	uint64_t alloc_pages_fail;
	uint64_t release_pages_success;
};

static inline uint64_t cma_bitmap_maxno(const struct rm_cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

int cma_table_init(struct rm_cma_table *t, unsigned int max,
		   const struct rm_cma_quirks *q, struct bootlog *log);
void cma_table_release(struct rm_cma_table *t);

/*
 * cma_init_reserved_mem(): register the reserved [base, base+size) as a
 * new area.  -ENOSPC (slots, message logged), -EINVAL (size 0, not
 * reserved, misaligned).  *out is the new area.
 */
int cma_init_reserved_mem(struct rm_cma_table *t, const struct memblock *mb,
			  uint64_t base, uint64_t size,
			  unsigned int order_per_bit, const char *name,
			  struct rm_cma **out);

/*
 * cma_declare_contiguous_nid(): place and register an area, logging
 * "Reserved %ld MiB at %pa" or "Failed to reserve %ld MiB".
 */
int cma_declare_contiguous(struct rm_cma_table *t, struct memblock *mb,
			   uint64_t base, uint64_t size, uint64_t limit,
			   uint64_t alignment, unsigned int order_per_bit,
			   bool fixed, const char *name, struct rm_cma **out);

/* what cma_activate_area() checks an area's pages against */
struct rm_cma_memmap {
	const struct memblock *mb;	/* pfn_valid() */
	uint64_t zone_end[3];		/* ascending; the last zone's is ~0 */
	unsigned int nr_zones;
};

/*
 * cma_init_reserved_areas(): every area's bitmap; an area whose pages
 * lie in two zones is not activated (count 0, "could not be
 * activated").  -EFAULT with the pfn in *bad_pfn when a page has no
 * memmap: the kernel WARNs, then faults on its struct page and dies.
 */
int cma_init_reserved_areas(struct rm_cma_table *t,
			    const struct rm_cma_memmap *mm, uint64_t *bad_pfn);

/*
 * cma_alloc(): count pages aligned to 2^align pages (absolute pfn).
 * Returns the first pfn, or 0 with the kernel's failure message logged
 * (unless no_warn).  count 0 fails silently.
 */
uint64_t cma_alloc(struct rm_cma *cma, uint64_t count, unsigned int align,
		   bool no_warn);

/* cma_release(): false when the pages are not (wholly) in the area. */
bool cma_release(struct rm_cma *cma, uint64_t pfn, uint64_t count);

bool cma_contains(const struct rm_cma *cma, uint64_t pfn);
uint64_t cma_used_pages(struct rm_cma *cma);

#endif

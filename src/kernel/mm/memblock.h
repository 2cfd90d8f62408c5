/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memblock - the early physical memory map: memory, reserved, NOMAP.
 *
 * A model of mm/memblock.c sufficient for reserved-memory placement:
 * regions are kept sorted and merged, NOMAP is a flag on memory regions
 * (marking splits them), and allocation searches the free ranges
 * (memory minus reserved, NOMAP skipped) top-down or bottom-up.
 */
#ifndef RM_MEMBLOCK_H
#define RM_MEMBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/mm/page.h"

#define MB_ALLOC_ANYWHERE (~0ULL)

#define MEMBLOCK_NOMAP 0x4	/* as include/linux/memblock.h */
#define MB_SECTION_SIZE (128ULL << 20)	/* arm64 SECTION_SIZE_BITS 27 */

struct mb_region {
	uint64_t base;
	uint64_t size;
	unsigned int flags;
};

struct mb_type {
	struct mb_region *r;
	size_t cnt;
	size_t cap;
};

struct memblock {
	struct mb_type memory;
	struct mb_type reserved;
	bool bottom_up;
};

void memblock_init(struct memblock *mb);
void memblock_release(struct memblock *mb);
int memblock_copy(struct memblock *dst, const struct memblock *src);

int memblock_add(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_remove(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_reserve(struct memblock *mb, uint64_t base, uint64_t size);
/* memblock_phys_free(): drop a range from reserved */
int memblock_free_range(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_mark_nomap(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_clear_nomap(struct memblock *mb, uint64_t base, uint64_t size);

/*
 * pfn_valid() with sparsemem: the page's 128 MiB section holds memory
 * (sparse_init() gives those sections a memmap, NOMAP memory included).
 */
bool memblock_pfn_valid(const struct memblock *mb, uint64_t pfn);

/*
 * mem=: keep the first limit bytes of memory (NOMAP regions beyond stay),
 * drop the reservations beyond (memblock_mem_limit_remove_map()).
 */
int memblock_mem_limit_remove_map(struct memblock *mb, uint64_t limit);

bool memblock_overlaps_memory(const struct memblock *mb, uint64_t base,
			      uint64_t size);
bool memblock_is_region_reserved(const struct memblock *mb, uint64_t base,
				 uint64_t size);
/* true when every byte of the range is in reserved */
bool memblock_is_reserved_all(const struct memblock *mb, uint64_t base,
			      uint64_t size);
bool memblock_is_nomap(const struct memblock *mb, uint64_t addr);

/*
 * region_intersects(IORESOURCE_SYSTEM_RAM) over the resources arm64 makes
 * from memblock (NOMAP memory is a "reserved" resource, not RAM).
 */
enum rm_region_intersects {
	RM_REGION_DISJOINT,
	RM_REGION_INTERSECTS,	/* only System RAM */
	RM_REGION_MIXED,	/* System RAM and something else */
};
enum rm_region_intersects memblock_intersects_ram(const struct memblock *mb,
						  uint64_t base, uint64_t size);

/*
 * memblock_find_in_range_node(): the search alone.  end ANYWHERE means
 * no limit.  Returns 0 when nothing fits (page 0 is never returned).
 */
uint64_t memblock_find_in_range(const struct memblock *mb, uint64_t size,
				uint64_t align, uint64_t start, uint64_t end);
/* memblock_phys_alloc_range(): search and reserve; 0 on failure */
uint64_t memblock_phys_alloc_range(struct memblock *mb, uint64_t size,
				   uint64_t align, uint64_t start,
				   uint64_t end);

uint64_t memblock_start_of_dram(const struct memblock *mb);
uint64_t memblock_end_of_dram(const struct memblock *mb);
uint64_t memblock_phys_mem_size(const struct memblock *mb);

/*
 * Free ranges (memory minus reserved, NOMAP skipped), lowest first.
 * Calls fn for each; stops early when fn returns non-zero.
 */
int memblock_for_each_free(const struct memblock *mb,
			   int (*fn)(uint64_t base, uint64_t end, void *arg),
			   void *arg);

#endif
